-- name: commune_header
with pop as (
    select year, population from population where level = 'commune' and code = $lau2
)
select c.lau2, c.name, c.canton, c.district, c.area_km2, c.councillors_estimate,
       (select max(year) from pop where population is not null) as year,
       (select population from pop where year = (select max(year) from pop where population is not null)) as population,
       (select population from pop where year = $base_year) as base_population
from communes c where c.lau2 = $lau2;

-- name: peer_values
-- Current values of every KPI for a set of communes: the profile compares each KPI in the commune's latest year.
select lau2, kpi, year, value, status
from kpi_current
where list_contains($lau2s, lau2)
order by kpi, year, lau2;
