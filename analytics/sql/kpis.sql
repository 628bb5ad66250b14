-- KPI values as analytics read them: always the current value of each (lau2, kpi, year), from `kpi_current`.
-- Values bound positionally (`?`); the comment of each query lists its parameters in order.

-- name: current_values
-- ? = kpi, year
with current_values as (select lau2, value, status from kpi_current where kpi = ? and year = ?)
select lau2, value, status from current_values order by lau2;

-- name: kpi_years
-- ? = kpi
with years as (select distinct year from kpi_current where kpi = ?)
select year from years order by year;

-- name: kpis_with_data
-- KPIs that have at least one current value (the KPI picker offers nothing empty).
with present as (select distinct kpi from kpi_current)
select kpi from present order by kpi;

-- name: kpi_series
-- Every current value of one KPI, all communes and years (trends, cohorts by stage, kNN features). ? = kpi
with series as (select lau2, year, value, status from kpi_current where kpi = ?)
select lau2, cast(year as integer) as year, value, status from series order by year, lau2;

-- name: programme_values
-- Every current value of every KPI of one programme (the percentile heatmap across KPIs and years). ? = programme
with programme_kpis as (select id from kpi_catalogue where programme = ?),
values_of_programme as (
    select v.lau2, v.kpi, v.year, v.value, v.status
    from kpi_current v join programme_kpis k on k.id = v.kpi
)
select lau2, kpi, cast(year as integer) as year, value, status from values_of_programme order by kpi, year, lau2;

-- name: values_of_communes
-- Current values of every KPI for a set of communes (the profile compares each KPI in the commune's latest year).
-- ? = list of lau2
with params as (select ?::varchar[] as lau2s)
select lau2, kpi, year, value, status, certainty  -- certainty where the source states it
from kpi_current_sourced
where list_contains((select lau2s from params), lau2)
order by kpi, year, lau2;

-- name: current_of_communes
-- Every current value of some communes (what a pending submission would change, the form's prefill). ? = list of lau2
with wanted as (select lau2, kpi, year, value, status from kpi_current where list_contains(?::varchar[], lau2))
select lau2, kpi, year, value, status from wanted order by lau2, kpi, year;

-- name: map_values
-- Every current commune, with the KPI's current value where one was submitted (a map must show "no data" too).
-- ? = kpi, year
with params as (select ?::varchar as kpi, ?::integer as year),
kpi_year as (
    select lau2, value, status, certainty, submission_id, source_row  -- certainty where the source states it
    from kpi_current_sourced
    where kpi = (select kpi from params) and year = (select year from params)
), residents as (
    select code as lau2, population
    from population
    where level = 'commune' and year = (select year from params)
)
select c.lau2, c.name, c.canton, kpi_year.value, kpi_year.status, kpi_year.certainty, residents.population,
       kpi_year.submission_id, kpi_year.source_row
from communes c
left join kpi_year using (lau2)
left join residents using (lau2)
order by c.lau2;

-- name: kpi_in_year
-- Every commune with one KPI's current value in one year, or none (flags: who reported nothing). ? = kpi, year
with v as (select lau2, value, status from kpi_current where kpi = ? and year = ?)
select c.lau2, c.name, v.value, v.status from communes c left join v using (lau2) order by c.lau2;

-- name: kpi_panel
-- Every current KPI value up to a year, with the commune's canton (a briefing's peers and trends). ? = year
with current_values as (
    select lau2, kpi, year, value, status from kpi_current where year <= ? and kpi <> 'population'
), commune_cantons as (
    select lau2, canton_code from communes
)
select v.lau2, c.canton_code, v.kpi, v.year, v.value, v.status
from current_values v join commune_cantons c using (lau2)
order by v.kpi, v.year, v.lau2;

-- name: commune_kpis
-- Every current value of one commune, all KPIs and years, with the catalogue's programme, type and unit. ? = lau2
with commune as (select kpi, year, value, status, submission_id, source_row from kpi_current where lau2 = ?),
catalogue as (select id, programme, type, unit from kpi_catalogue)
select c.kpi, k.programme, k.type, k.unit, c.year, c.value, c.status, c.submission_id, c.source_row
from commune c join catalogue k on k.id = c.kpi
order by k.programme, c.kpi, c.year;

-- name: current_values_full
-- Every current KPI value with its commune name, unit and status: the whole table for CSV/XLSX/Parquet exports.
with current_values as (
    select lau2, kpi, year, value, status, submission_id, source_row from kpi_current
), catalogue as (
    select id, programme, type, unit from kpi_catalogue
), commune_names as (
    select lau2, name from communes
)
select v.lau2, n.name as commune, v.kpi, k.programme, k.type, k.unit, v.year, v.value, v.status,
       v.submission_id, v.source_row
from current_values v
join catalogue k on k.id = v.kpi
left join commune_names n using (lau2)
order by v.kpi, v.year, v.lau2;

-- name: kpi_stages
-- The names of the stages of every stage KPI, in three languages.
with stages as (select kpi, stage, label_fr, label_de, label_en from kpi_stages)
select * from stages order by kpi, stage;
