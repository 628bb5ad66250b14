-- KPI layer: the catalogue (rebuilt from analytics/catalogue/*.yaml on every build), and submissions with their
-- values, which are carried over from the previous warehouse file on rebuild and only ever added to by `ingest`.
create table kpi_catalogue (
    id            varchar primary key,
    programme     varchar not null,      -- equality | intercultural | grants | context
    type          varchar not null,      -- share | count | number | eur | boolean | stage
    unit          varchar not null,
    min_value     double,
    max_value     double,
    allowed       varchar,               -- comma-separated allowed values, or null
    direction     varchar not null,      -- higher | lower | neutral | target
    status        varchar not null,      -- what the KPI normally is: official | demo
    label_fr      varchar not null,
    label_de      varchar not null,
    label_en      varchar not null,
    definition_fr varchar not null,
    definition_de varchar not null,
    definition_en varchar not null,
    source        varchar not null,
    target        double,                -- direction 'target': the value judged best (50: parity)
    band_low      double,                -- the balanced band around it (40-60), if any
    band_high     double
);

create table kpi_stages (
    kpi      varchar not null,
    stage    integer not null,
    label_fr varchar not null,
    label_de varchar not null,
    label_en varchar not null,
    primary key (kpi, stage)
);

create table submissions (
    submission_id integer primary key,
    file_name     varchar not null,
    sha256        varchar not null unique,  -- a byte-identical file is the same submission
    submitted_by  varchar not null,
    received_at   timestamp not null,       -- UTC
    rows          integer not null,
    status        varchar not null,         -- official | demo: the status of every value it brought
    new_rows      integer not null,         -- keys seen for the first time
    revised_rows  integer not null,         -- keys whose current value changed
    source        varchar,                  -- citation for official facts loaded from data/
    approved_by   varchar,                  -- the ministry reviewer who approved a commune's submission (/review)
    inbox_id      integer                   -- that submission's id in the inbox, so a crash after the swap reconciles
);

-- Every value ever accepted. Exactly one row per (lau2, kpi, year) has is_current; the rest is history.
-- Each batch is inserted sorted by (kpi, year, lau2) and a rebuild rewrites the table in that order.
create table kpi_values (
    lau2          varchar not null,
    kpi           varchar not null,
    year          smallint not null,
    value         double not null,
    status        varchar not null,         -- official | demo
    submission_id integer not null,
    source_row    integer not null,         -- row number as a spreadsheet shows it (header = 1)
    is_current    boolean not null
);

-- The one place analytics read values from.
create view kpi_current as
select lau2, kpi, year, value, status, submission_id, source_row
from kpi_values
where is_current;

-- Certainty and source of each official value the official facts loader brought, per submission and key (rebuilt
-- from data/ at every build; a value from an upload or the demo has no row here). Kept beside kpi_values rather
-- than in it so the submission format and the validator stay as they are.
create table official_value_sources (
    submission_id  integer not null,
    lau2           varchar not null,
    kpi            varchar not null,
    year           smallint not null,
    certainty      varchar not null,     -- high | medium | low, as the source file states it
    source         varchar not null,     -- URL (or citation) of this value
    reference_date varchar,              -- as written in the source file ("2023-07-18 (sworn in)", census date)
    basis          varchar,              -- how it was established (sworn_in, commune_website, proposed, ...)
    note           varchar,
    primary key (submission_id, lau2, kpi, year)
);

-- The current value with its certainty and source where the official loader gave them.
create view kpi_current_sourced as
select c.*, s.certainty, s.source, s.reference_date, s.basis
from kpi_current c
left join official_value_sources s using (submission_id, lau2, kpi, year);
