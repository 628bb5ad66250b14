-- Read side of the HTTP API (analytics/api): current values only (kpi_current: never a superseded or pending value).
-- Every filter is a bound list; an empty list means "no filter". Values bound positionally (`?`), filters first:
-- kpis, lau2s, years, statuses (then limit and offset for data_rows).

-- name: data_rows
-- One page of current values in primary-key order (kpi, year, lau2), so paging to the end returns every row once;
-- `total` is the number of matching rows over all pages (the window is computed before the limit).
-- certainty and source: those the official facts loader gave the value (kpi_current_sourced), else the
-- submission's citation; a commune's upload or a demo value states no certainty (null: unknown, never "high").
-- ? = kpis, lau2s, years, statuses, limit, offset
with params as (select ?::varchar[] as kpis, ?::varchar[] as lau2s, ?::integer[] as years, ?::varchar[] as statuses),
chosen as (
    select v.lau2, v.kpi, v.year, v.value, v.status, v.submission_id, v.certainty, v.source as value_source
    from kpi_current_sourced v, params p
    where (len(p.kpis) = 0 or list_contains(p.kpis, v.kpi))
      and (len(p.lau2s) = 0 or list_contains(p.lau2s, v.lau2))
      and (len(p.years) = 0 or list_contains(p.years, v.year::integer))
      and list_contains(p.statuses, v.status)
), cited as (
    select submission_id, source from submissions
)
select c.lau2, c.kpi, c.year::integer as year, c.value, c.status, c.certainty,
       coalesce(c.value_source, s.source) as source, c.submission_id, count(*) over () as total
from chosen c left join cited s using (submission_id)
order by c.kpi, c.year, c.lau2
limit ? offset ?;

-- name: data_count
-- ? = kpis, lau2s, years, statuses
with params as (select ?::varchar[] as kpis, ?::varchar[] as lau2s, ?::integer[] as years, ?::varchar[] as statuses),
chosen as (
    select 1
    from kpi_current v, params p
    where (len(p.kpis) = 0 or list_contains(p.kpis, v.kpi))
      and (len(p.lau2s) = 0 or list_contains(p.lau2s, v.lau2))
      and (len(p.years) = 0 or list_contains(p.years, v.year::integer))
      and list_contains(p.statuses, v.status)
)
select count(*) as n from chosen;

-- name: kpi_coverage
-- Per KPI and year: how many communes have an official value, how many a demo value.
with current_status as (select kpi, year, status from kpi_current)
select kpi, year::integer as year,
       count(*) filter (where status = 'official') as official,
       count(*) filter (where status = 'demo') as demo
from current_status
group by kpi, year
order by kpi, year;

-- name: municipalities
-- Every current commune with its canton, former district, area and latest population (with the year it is of).
with latest as (
    select code as lau2, arg_max(population, year) as population, max(year)::integer as population_year
    from population
    where level = 'commune' and population is not null
    group by code
)
select c.lau2, c.name, c.name_statec, c.canton, c.canton_code, c.district, c.area_km2, l.population,
       l.population_year
from communes c left join latest l using (lau2)
order by c.lau2;
