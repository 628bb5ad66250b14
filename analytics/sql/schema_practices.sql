-- Good practices: every accepted practices file is a submission (sha256 unique); a practice_id that arrives again
-- supersedes its current row, which stays as history. Carried over from the previous warehouse file on rebuild.
create table practice_submissions (
    submission_id integer primary key,
    file_name     varchar not null,
    sha256        varchar not null unique,
    submitted_by  varchar not null,
    received_at   timestamp not null,     -- UTC
    rows          integer not null,
    new_rows      integer not null,
    revised_rows  integer not null
);

create table practices (
    practice_id   varchar not null,
    title         varchar not null,       -- the title as submitted (English for the real practices)
    title_fr      varchar,                -- the title in each UI language, when the file gives it
    title_de      varchar,
    title_en      varchar,
    lau2s         varchar[] not null,     -- the commune(s) of the practice
    programme     varchar not null,       -- equality | gemengepakt | pilot | intercultural | both
    domain        varchar not null,
    year          smallint,               -- null when the source gives none
    description   varchar not null,
    link          varchar,
    kpis          varchar[] not null,     -- KPI ids it relates to
    status        varchar not null,       -- official | demo
    certainty     varchar,
    source        varchar not null,
    source_date   varchar,                -- when the source was dated (YYYY[-MM[-DD]]), if known
    submission_id integer not null,
    source_row    integer not null,       -- row number as a spreadsheet shows it (header = 1)
    is_current    boolean not null
);
