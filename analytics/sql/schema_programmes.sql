-- Programme facts: real, sourced rows from data/programmes/*.csv, reloaded on every build. Every row keeps its
-- `source` (URL) and `certainty` (high | medium | ...), so a page can show how sure each fact is.
create table programme_signatories (
    programme       varchar not null,    -- gemengepakt
    lau2            varchar not null,
    commune         varchar not null,
    signing_date    date,                -- null when only the year is known
    signing_year    integer not null,
    ceremony        varchar,
    signed_via_body varchar,             -- intercommunal body that signed for its members, or null
    certainty       varchar not null,
    source          varchar not null,
    note            varchar
);

create table pilot_communes (
    lau2               varchar not null,  -- today's code (0711 Groussbus-Wal for Grosbous and Wahl)
    commune            varchar not null,
    lau2_at_signing    varchar not null,
    commune_at_signing varchar not null,
    signing_date       date,
    signing_year       integer not null,
    grouping           varchar,           -- a joint approach several communes signed together
    certainty          varchar not null,
    source             varchar not null,
    note               varchar
);

create table equality_facts (
    lau2           varchar not null,
    commune        varchar not null,
    kind           varchar not null,      -- partnership_convention | prize_encouragement | prize_best_practice
    date_or_period varchar not null,
    year           integer,               -- the year read from date_or_period, null when the source has none
    certainty      varchar not null,
    source         varchar not null
);

create table cemr_signatories (
    lau2           varchar not null,
    commune        varchar not null,
    signature_date date,
    evidence       varchar not null,
    certainty      varchar not null,
    source         varchar not null
);

create table intercultural_press_figures (
    lau2           varchar not null,
    commune        varchar not null,
    indicator      varchar not null,
    value          varchar not null,      -- as printed (12626, 70.6%)
    reference_date varchar,
    certainty      varchar not null,
    source         varchar not null,
    note           varchar
);
