-- Context facts: real, sourced facts that are not a commune's KPI value (analytics/sources/context_facts.py),
-- reloaded on every build. Official: each row keeps its source and certainty.
create table commune_context (
    lau2           varchar not null,
    fact           varchar not null,     -- woman_topped_vote_2023 | foreign_majority | share: <group> | set-up notes
    value          varchar not null,     -- as published ('1', '>50', '44.1')
    reference_date varchar,
    certainty      varchar not null,
    source         varchar not null,
    note           varchar
);

create table national_context (
    topic          varchar not null,     -- a name pages ask for (women_elected_2023, ...), '' for the rest
    area           varchar not null,     -- Grand Duchy | Nord constituency | ...
    indicator      varchar not null,
    value          varchar not null,     -- as published ('337', '44 (of 98 ...)')
    reference_date varchar,
    certainty      varchar not null,
    source         varchar not null,
    note           varchar
);
