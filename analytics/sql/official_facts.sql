-- Official fact sets as submissions. Values bound positionally (`?`), as every file in analytics/sql.

-- name: submission_ids
-- The submission each official fact file is stored as (by content), to attach its per-value sources. ? = shas
select sha256, submission_id from submissions where list_contains(?::varchar[], sha256);

-- name: withdraw_stale
-- A fact set the loader no longer produces (e.g. the old "woman_mayor = 0 unless in the top-vote list") is withdrawn:
-- its values stop being current, their history stays. ? = submitter, shas of the current fact sets
update kpi_values set is_current = false
where is_current and submission_id in (
    select submission_id from submissions where submitted_by = ? and not list_contains(?::varchar[], sha256)
);

-- name: current_after_withdrawal
-- Where a withdrawn value was current, the latest remaining version (if any) becomes current again.
-- ? = submitter, shas of the current fact sets
with stale as (
    select submission_id from submissions where submitted_by = ? and not list_contains(?::varchar[], sha256)
), orphaned as (
    select lau2, kpi, year from kpi_values group by all having not bool_or(is_current)
), latest as (
    select v.lau2, v.kpi, v.year, max(v.submission_id) as submission_id
    from kpi_values v semi join orphaned o using (lau2, kpi, year)
    where v.submission_id not in (select submission_id from stale)
    group by all
)
update kpi_values v set is_current = true
from latest l
where v.lau2 = l.lau2 and v.kpi = l.kpi and v.year = l.year and v.submission_id = l.submission_id;
