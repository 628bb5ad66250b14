-- Peer benchmarking and trends: the inputs of analytics/peers.py and analytics/benchmark.py, values always bound.

-- name: kpi_series
-- Every current value of one KPI, all communes and years (trends, cohorts by stage, kNN features).
with series as (select lau2, year, value, status from kpi_current where kpi = ?)
select lau2, cast(year as integer) as year, value, status from series order by year, lau2;

-- name: programme_values
-- Every current value of every KPI of one programme (the percentile heatmap across KPIs and years).
with programme_kpis as (select id from kpi_catalogue where programme = ?),
values_of_programme as (
    select v.lau2, v.kpi, v.year, v.value, v.status
    from kpi_current v join programme_kpis k on k.id = v.kpi
)
select lau2, kpi, cast(year as integer) as year, value, status from values_of_programme order by kpi, year, lau2;

-- name: kpis_with_data
-- KPIs that have at least one current value (the KPI picker offers nothing empty).
with present as (select distinct kpi from kpi_current)
select kpi from present order by kpi;

-- name: merger_of
-- The communes a commune was formed from, when that happened on or after a given date (the KPI years).
with merged as (
    select new_lau2, effective_date, old_lau2, old_commune from commune_mergers where new_lau2 = ? and effective_date >= ?
)
select effective_date, old_lau2, old_commune from merged order by old_lau2, old_commune;
