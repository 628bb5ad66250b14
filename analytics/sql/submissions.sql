-- What was ingested and where each value came from. Values bound positionally (`?`).

-- name: submission_log
with logged as (
    select submission_id, file_name, sha256, submitted_by, received_at, rows, status, new_rows, revised_rows, source,
           approved_by
    from submissions
)
select * from logged order by submission_id desc;

-- name: history
-- Every stored version of one value, oldest first, with its submission. ? = lau2, kpi, year
with versions as (
    select v.value, v.status, v.is_current, v.submission_id, v.source_row
    from kpi_values v
    where v.lau2 = ? and v.kpi = ? and v.year = ?
)
select v.value, v.status, v.is_current, v.submission_id, s.file_name, s.sha256, s.submitted_by, s.received_at,
       v.source_row, s.approved_by
from versions v join submissions s using (submission_id)
order by v.submission_id;

-- name: inbox_approved
-- Inbox submissions the warehouse already holds (approved through the CLI's atomic ingest).
with approved as (select inbox_id, sha256, submission_id, approved_by from submissions where inbox_id is not null)
select inbox_id, sha256, submission_id, approved_by from approved order by inbox_id;
