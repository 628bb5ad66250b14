-- name: insert_submission
insert into inbox_submissions (file_name, sha256, size_bytes, rows, year_from, year_to, submitted_by, submitted_name,
                               submitted_at, status)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending');

-- name: insert_commune
insert into inbox_communes (inbox_id, lau2) values (?, ?);

-- name: insert_event
insert into audit_log (at, actor, action, inbox_id, sha256, detail) values (?, ?, ?, ?, ?, ?);

-- name: one
select s.*, (select group_concat(lau2, ',') from inbox_communes c where c.inbox_id = s.inbox_id) as communes
from inbox_submissions s
where s.inbox_id = ?;

-- name: pending_with_sha
select inbox_id from inbox_submissions where sha256 = ? and status = 'pending';

-- name: for_communes
with mine as (select distinct inbox_id from inbox_communes where lau2 in (select value from json_each(?)))
select s.*, (select group_concat(lau2, ',') from inbox_communes c where c.inbox_id = s.inbox_id) as communes
from inbox_submissions s join mine using (inbox_id)
order by s.inbox_id desc;

-- name: by_status
select s.*, (select group_concat(lau2, ',') from inbox_communes c where c.inbox_id = s.inbox_id) as communes
from inbox_submissions s
where s.status = ?
order by s.inbox_id;

-- name: all_submissions
select s.*, (select group_concat(lau2, ',') from inbox_communes c where c.inbox_id = s.inbox_id) as communes
from inbox_submissions s
order by s.inbox_id desc;

-- name: decide
update inbox_submissions
set status = ?, reviewed_by = ?, reviewed_at = ?, reason = ?, warehouse_submission_id = ?
where inbox_id = ? and status = 'pending';

-- name: events
select event_id, at, actor, action, inbox_id, sha256, detail from audit_log order by event_id desc;

-- name: events_of
select event_id, at, actor, action, inbox_id, sha256, detail from audit_log where inbox_id = ? order by event_id;
