-- name: commune
-- The commune a briefing is about (official ACT spelling of its name).
with commune as (
    select lau2, name, canton, canton_code, district, area_km2, councillors_estimate from communes where lau2 = ?
)
select * from commune;

-- name: population_series
-- Population on 1 January per year for one commune (`code` = lau2) or the country (`level` = 'country', code 'T').
with series as (
    select year, population from population where level = ? and code = ? and population is not null
)
select year, population from series order by year;

-- name: kpi_panel
-- Every current KPI value up to the briefing year, with the commune's canton: the peers and trends are computed
-- from it (a later version can call analytics.peers instead).
with current_values as (
    select lau2, kpi, year, value, status from kpi_current where year <= ? and kpi <> 'population'
), commune_cantons as (
    select lau2, canton_code from communes
)
select v.lau2, c.canton_code, v.kpi, v.year, v.value, v.status
from current_values v join commune_cantons c using (lau2)
order by v.kpi, v.year, v.lau2;

-- name: geometry
with shapes as (select lau2, geojson from commune_geometry)
select s.lau2, c.canton_code, s.geojson from shapes s join communes c using (lau2) order by s.lau2;

-- name: canton_borders
select geojson from canton_border_geometry;
