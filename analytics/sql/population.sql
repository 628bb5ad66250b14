-- name: commune_population_metrics
-- Population, density and growth since a base year for every commune in one year (the home map).
with base as (
    select code as lau2, population as base_population
    from population where level = 'commune' and year = $base_year
), current as (
    select code as lau2, population
    from population where level = 'commune' and year = $year
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

-- name: population_years
select distinct year from population where population is not null order by year;

-- name: build_info
select stamp, built_at, data_as_of, sources from build_info;

-- name: programme_facts
-- Real, sourced programme facts for the home page (never demo): counts straight from the shipped fact tables.
with pact as (
    select count(distinct lau2) as signatories, min(signing_date) as first_signing, max(signing_year) as last_year
    from programme_signatories where programme = 'gemengepakt'
), pilot as (
    select count(distinct lau2) as pilot_communes from pilot_communes
), partnerships as (
    select count(distinct lau2) as conventions from equality_facts where kind = 'partnership_convention'
), mayor_year as (
    select max(year) as mayors_year from kpi_current where kpi = 'woman_mayor' and status = 'official'
), mayors as (
    -- what is known, and how much: a commune without an official value is unknown, never "no woman mayor"
    select count(*) filter (where value = 1 and certainty = 'high') as women_mayors_confirmed,
           count(*) filter (where value = 1 and coalesce(certainty, '') <> 'high') as women_mayors_unconfirmed,
           count(*) as mayors_known
    from kpi_current_sourced, mayor_year
    where kpi = 'woman_mayor' and status = 'official' and year = mayors_year
), communes_total as (
    select count(*) as communes from communes
), elected as (
    select max(case when topic = 'women_elected_2023' then value end) as women_elected,
           max(case when topic = 'mandates_2023' then value end) as mandates
    from national_context
)
select * from pact, pilot, partnerships, mayor_year, mayors, communes_total, elected;

-- name: national_context
-- National and constituency facts (official, sourced), in file order, for the home page and the national briefing.
select topic, area, indicator, value, reference_date, certainty, source, note
from national_context where topic <> ''
order by topic, area;
