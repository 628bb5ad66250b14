-- name: reference_codes
-- The codes a submission may use (current communes) and the merged ones it may not, with their successor.
with current_communes as (select lau2, name from communes),
merged as (
    select old_lau2, old_commune, new_lau2, new_commune, effective_date
    from commune_mergers
    where old_lau2 is not null
)
select 'commune' as kind, lau2 as code, name, null as new_lau2, null as new_name, null as effective_date
from current_communes
union all
select 'merged', old_lau2, old_commune, new_lau2, new_commune, effective_date from merged;
