-- Writes of ingestion (analytics/ingest/store.py): KPI-value submissions (kpi_*) and practices submissions
-- (practice_*), each step named `<prefix>_<step>`. Incoming rows arrive as a registered frame (`incoming`,
-- `incoming_practices`, `incoming_log`); every other value is bound.

-- name: kpi_next_submission
select coalesce(max(submission_id), 0) + 1 as next_id from submissions;

-- name: kpi_same_files
with asked as (select unnest(?::varchar[]) as sha256)
select s.sha256, s.submission_id, s.file_name, s.received_at
from submissions s semi join asked using (sha256);

-- name: kpi_counts
-- Per incoming submission: how many keys are new and how many change the value that was current before it.
with prior as (
    select c.lau2, c.kpi, c.year, c.value, c.submission_id
    from kpi_current c
    semi join incoming i using (lau2, kpi, year)
),
stream as (
    select lau2, kpi, year, value, submission_id, false as is_incoming from prior
    union all
    select lau2, kpi, year, value, submission_id, true from incoming
),
ordered as (
    select submission_id, is_incoming, value,
           lag(value) over (partition by lau2, kpi, year order by submission_id) as previous
    from stream
)
select submission_id,
       count(*) filter (where previous is null) as new_rows,
       count(*) filter (where previous is not null and previous <> value) as revised_rows
from ordered
where is_incoming
group by submission_id;

-- name: kpi_supersede
-- Keys that arrive again stop being current; their old rows stay as history.
update kpi_values
set is_current = false
from (select distinct lau2, kpi, year from incoming) as arriving
where kpi_values.is_current
  and kpi_values.lau2 = arriving.lau2
  and kpi_values.kpi = arriving.kpi
  and kpi_values.year = arriving.year;

-- name: kpi_insert
-- Append the batch sorted by (kpi, year, lau2); within the batch the latest submission of a key is current.
insert into kpi_values
select lau2, kpi, year, value, ?::varchar as status, submission_id, source_row,
       submission_id = max(submission_id) over (partition by lau2, kpi, year) as is_current
from incoming
order by kpi, year, lau2, submission_id;

-- name: kpi_log_insert
insert into submissions (submission_id, file_name, sha256, submitted_by, received_at, rows, status, new_rows,
                         revised_rows, source)
select submission_id, file_name, sha256, submitted_by, received_at, rows, status, new_rows, revised_rows, source
from incoming_log;

-- name: kpi_official_conflicts
-- Demo rows may not replace an official value: the incoming demo keys that have one.
with incoming as (select file_index, lau2, kpi, year, source_row from incoming_demo),
official as (select lau2, kpi, year, value, submission_id from kpi_current where status = 'official')
select i.file_index, i.source_row, i.lau2, i.kpi, i.year, o.value, o.submission_id
from incoming i join official o using (lau2, kpi, year)
order by i.file_index, i.source_row;

-- name: practice_next_submission
select coalesce(max(submission_id), 0) + 1 as next_id from practice_submissions;

-- name: practice_same_files
with asked as (select unnest(?::varchar[]) as sha256)
select s.sha256, s.submission_id, s.file_name, s.received_at
from practice_submissions s semi join asked using (sha256);

-- name: practice_counts
-- Per incoming submission: how many practice ids are new, and how many change a current row.
with prior as (
    select p.practice_id, p.title, p.description, p.link, p.year, p.status, p.domain, p.programme,
           p.lau2s, p.kpis, p.certainty, p.source, p.title_fr, p.title_de, p.title_en, p.source_date
    from practices p
    where p.is_current
)
select i.submission_id,
       count(*) filter (where prior.practice_id is null) as new_rows,
       count(*) filter (where prior.practice_id is not null and (
           prior.title, prior.description, prior.link, prior.year, prior.status, prior.domain, prior.programme,
           prior.lau2s, prior.kpis, prior.certainty, prior.source, prior.title_fr, prior.title_de, prior.title_en,
           prior.source_date) is distinct from (
           i.title, i.description, i.link, i.year, i.status, i.domain, i.programme,
           i.lau2s, i.kpis, i.certainty, i.source, i.title_fr, i.title_de, i.title_en, i.source_date)) as revised_rows
from incoming_practices i left join prior using (practice_id)
group by i.submission_id;

-- name: practice_supersede
update practices set is_current = false
where is_current and practice_id in (select practice_id from incoming_practices);

-- name: practice_insert
insert into practices by name
select practice_id, title, title_fr, title_de, title_en, lau2s, programme, domain, year, description, link, kpis,
       status, certainty, source, source_date, submission_id, source_row, true as is_current
from incoming_practices order by source_row;

-- name: practice_log_insert
insert into practice_submissions
select submission_id, file_name, sha256, submitted_by, received_at, rows, new_rows, revised_rows
from incoming_log;

-- name: kpi_record_approval
-- Stamp a just-ingested commune submission with its reviewer and inbox id (analytics/ingest/approvals.py).
update submissions set approved_by = ?, inbox_id = ? where sha256 = ?;
