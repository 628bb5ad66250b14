-- The inbox (SQLite, WAL): submissions from communes waiting for review, and the audit log. Never the warehouse.
create table if not exists inbox_submissions (
    inbox_id         integer primary key autoincrement,
    file_name        text not null,
    sha256           text not null,              -- the file is kept as <files dir>/<sha256[:2]>/<sha256>
    size_bytes       integer not null,
    rows             integer not null,
    year_from        integer,
    year_to          integer,
    submitted_by     text not null,              -- the officer's OpenID `sub`
    submitted_name   text not null default '',
    submitted_at     text not null,              -- UTC, ISO 8601
    status           text not null check (status in ('pending', 'approved', 'rejected')),
    reviewed_by      text,
    reviewed_at      text,
    reason           text,
    warehouse_submission_id integer                -- the submission id it became in the warehouse
);
create index if not exists inbox_by_status on inbox_submissions (status);

create table if not exists inbox_communes (
    inbox_id integer not null references inbox_submissions (inbox_id),
    lau2     text not null,
    primary key (inbox_id, lau2)
);

create table if not exists audit_log (
    event_id  integer primary key autoincrement,
    at        text not null,                     -- UTC, ISO 8601
    actor     text not null,                     -- OpenID `sub`, or "system"
    action    text not null,                     -- submit | approve | reject | reconcile | refused | sign-in-failed
    inbox_id  integer,
    sha256    text,
    detail    text not null default ''
);
