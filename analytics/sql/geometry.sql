-- Boundaries as GeoJSON text (no spatial extension offline): the maps of the pages and of the briefings.

-- name: commune_geometry
-- Every commune's polygon with its canton, by code.
with shapes as (select lau2, geojson from commune_geometry), cantons as (select lau2, canton_code from communes)
select s.lau2, c.canton_code, s.geojson from shapes s left join cantons c using (lau2) order by s.lau2;

-- name: canton_borders
select geojson from canton_border_geometry;
