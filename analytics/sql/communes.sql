-- The communes as every page, picker, peer group and briefing sees them; values bound positionally (`?`).

-- name: communes
-- The current communes with canton and former district, by name (pickers); one list for every reader.
with current_communes as (select lau2, name, canton, canton_code, district from communes)
select lau2, name, canton, canton_code, district from current_communes order by name;

-- name: commune
-- One commune with its area and council size (a briefing's subject, official ACT spelling of its name). ? = lau2
with commune as (
    select lau2, name, canton, canton_code, district, area_km2, councillors_estimate from communes where lau2 = ?
)
select * from commune;

-- name: commune_header
-- One commune with its latest population and the population of a base year (the profile's header).
-- ? = lau2, base year
with params as (select ?::varchar as lau2, ?::integer as base_year),
pop as (
    select year, population from population where level = 'commune' and code = (select lau2 from params)
)
select c.lau2, c.name, c.canton, c.district, c.area_km2, c.councillors_estimate,
       (select max(year) from pop where population is not null) as year,
       (select population from pop where year = (select max(year) from pop where population is not null)) as population,
       (select population from pop where year = (select base_year from params)) as base_population
from communes c where c.lau2 = (select lau2 from params);

-- name: mergers
-- The communes a commune was formed from, when that happened on or after a given date. ? = lau2, date
with merged as (
    select new_lau2, effective_date, old_lau2, old_commune from commune_mergers where new_lau2 = ? and effective_date >= ?
)
select effective_date, old_lau2, old_commune from merged order by old_lau2, old_commune;
