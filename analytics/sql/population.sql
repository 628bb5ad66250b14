-- STATEC population and the build's own facts. Values bound positionally (`?`).

-- name: commune_population_metrics
-- Population, density and growth since a base year for every commune in one year (the home map). ? = year, base year
with params as (select ?::integer as year, ?::integer as base_year),
base as (
    select code as lau2, population as base_population
    from population where level = 'commune' and year = (select base_year from params)
), current as (
    select code as lau2, population
    from population where level = 'commune' and year = (select year from params)
)
select c.lau2, c.name, c.canton, c.canton_code, c.district, c.area_km2,
       current.population,
       current.population / c.area_km2 as density,
       100.0 * (current.population - base.base_population) / base.base_population as growth_pct
from communes c
left join current using (lau2)
left join base using (lau2)
order by c.lau2;

-- name: national_population
select year, population from population where level = 'country' order by year;

-- name: population_series
-- Population on 1 January per year of one commune (level 'commune', code = lau2) or the country ('country', 'T').
-- ? = level, code
with series as (
    select year, population from population where level = ? and code = ? and population is not null
)
select year, population from series order by year;

-- name: population_years
select distinct year from population where population is not null order by year;

-- name: build_info
select stamp, built_at, data_as_of, sources from build_info;

-- name: national_context
-- National and constituency facts (official, sourced), in file order, for the home page and the national briefing.
select topic, area, indicator, value, reference_date, certainty, source, note
from national_context where topic <> ''
order by topic, area;
