-- Grants: where the money went and what the rules need. Values bound positionally (`?`).

-- name: grant_years
with years as (select distinct year from kpi_current where kpi like 'grant\_%' escape '\' or kpi = 'equality_funding_eur')
select year from years order by year;

-- name: spending
-- Every current grant value with its commune, canton and the population on 1 January of the year (long format).
with grants as (
    select lau2, kpi, year, value, status
    from kpi_current
    where kpi in ('grant_coordinator_eur', 'grant_implementation_eur', 'grant_signatories_eur', 'equality_funding_eur')
),
residents as (select code as lau2, year, population from population where level = 'commune')
select g.lau2, c.name, c.canton, g.year, g.kpi, g.value, g.status, r.population
from grants g
join communes c using (lau2)
left join residents r on r.lau2 = g.lau2 and r.year = g.year
order by g.year, g.kpi, g.lau2;

-- name: calculator_inputs
-- What the rules need for every commune in one year: council size (legal rule on the 2022 population, an estimate),
-- the population band it falls in, Gemengepakt stage, coordinator FTE, citizens'-pact signatories, and the grants.
-- ? = year
with params as (select ?::integer as year),
values_in_year as (
    select lau2, kpi, value, status from kpi_current where year = (select year from params)
),
wide as (
    select lau2,
           max(value) filter (where kpi = 'gemengepakt_stage') as stage,
           max(value) filter (where kpi = 'pact_coordinator_fte') as coordinator_fte,
           max(value) filter (where kpi = 'citizens_pact_signatories') as signatories,
           max(value) filter (where kpi = 'grant_coordinator_eur') as granted_coordinator,
           max(value) filter (where kpi = 'grant_implementation_eur') as granted_implementation,
           max(value) filter (where kpi = 'grant_signatories_eur') as granted_signatories,
           bool_or(status = 'demo') as any_demo
    from values_in_year group by lau2
),
pop2022 as (select code as lau2, population from population where level = 'commune' and year = 2022),
band as (
    select p.lau2, r.population_min, r.population_max
    from pop2022 p join council_size_rule r
      on p.population >= r.population_min and (r.population_max is null or p.population <= r.population_max)
)
select c.lau2, c.name, c.canton, c.councillors_estimate as councillors, p.population as population_2022,
       b.population_min, b.population_max, w.stage, w.coordinator_fte, w.signatories,
       w.granted_coordinator, w.granted_implementation, w.granted_signatories, coalesce(w.any_demo, false) as any_demo
from communes c
left join wide w using (lau2)
left join pop2022 p using (lau2)
left join band b using (lau2)
order by c.lau2;
