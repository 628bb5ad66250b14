-- name: map_values
-- Every current commune, with the KPI's current value where one was submitted (a map must show "no data" too).
with kpi_year as (
    select lau2, value, status, submission_id, source_row
    from kpi_current
    where kpi = $kpi and year = $year
), residents as (
    select code as lau2, population
    from population
    where level = 'commune' and year = $year
)
select c.lau2, c.name, c.canton, kpi_year.value, kpi_year.status, residents.population,
       kpi_year.submission_id, kpi_year.source_row
from communes c
left join kpi_year using (lau2)
left join residents using (lau2)
order by c.lau2;
