-- name: kpi_year_coverage
-- Per KPI and year: communes with an official value, with a demo value, and with none. Reads kpi_values (not the
-- kpi_current view) so the counts stay true when a reader hides demo values ("official data only").
with current_values as (
    select kpi, year, status from kpi_values where is_current
), communes_total as (
    select count(*) as communes from communes
), counted as (
    select kpi, year::integer as year,
           count(*) filter (where status = 'official') as official,
           count(*) filter (where status = 'demo') as demo
    from current_values
    group by kpi, year
)
select kpi, year, official, demo, communes - official - demo as none, communes
from counted, communes_total
order by kpi, year;

