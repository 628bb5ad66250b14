-- The communes as every page, picker, peer group and briefing sees them; values always bound (positional `?`).

-- name: communes
-- The current communes with canton and former district, by name (pickers); one list for every reader.
with current_communes as (select lau2, name, canton, canton_code, district from communes)
select lau2, name, canton, canton_code, district from current_communes order by name;
