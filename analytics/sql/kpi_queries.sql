-- name: current_values
with current_values as (select lau2, value, status from kpi_current where kpi = ? and year = ?)
select lau2, value, status from current_values order by lau2;

-- name: kpi_years
with years as (select distinct year from kpi_current where kpi = ?)
select year from years order by year;

-- name: commune_kpis
with commune as (select kpi, year, value, status, submission_id, source_row from kpi_current where lau2 = ?),
catalogue as (select id, programme, type, unit from kpi_catalogue)
select c.kpi, k.programme, k.type, k.unit, c.year, c.value, c.status, c.submission_id, c.source_row
from commune c join catalogue k on k.id = c.kpi
order by k.programme, c.kpi, c.year;

-- name: submission_log
with logged as (
    select submission_id, file_name, sha256, submitted_by, received_at, rows, status, new_rows, revised_rows, source
    from submissions
)
select * from logged order by submission_id desc;

-- name: history
with versions as (
    select v.value, v.status, v.is_current, v.submission_id, v.source_row
    from kpi_values v
    where v.lau2 = ? and v.kpi = ? and v.year = ?
)
select v.value, v.status, v.is_current, v.submission_id, s.file_name, s.sha256, s.submitted_by, s.received_at,
       v.source_row
from versions v join submissions s using (submission_id)
order by v.submission_id;
