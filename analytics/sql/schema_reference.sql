-- Reference layer: real, public, CC0 data derived from ../shared/data by `python -m analytics prepare`.
create table communes (
    lau2          varchar primary key,   -- 4-digit LAU2 / STATEC code, '0304' = Luxembourg city
    name          varchar not null,      -- ACT spelling (official commune name)
    name_statec   varchar not null,
    canton        varchar not null,
    canton_code   varchar not null,      -- STATEC C01..C12
    district      varchar not null,      -- former district (abolished 2015), kept for grouping
    area_km2      double  not null,      -- STATEC area
    label_lat     double  not null,
    label_lon     double  not null,
    councillors_estimate integer         -- legal rule applied to 2022 population: an estimate, not official
);

create table cantons (
    canton_code varchar primary key,
    canton      varchar not null,
    district    varchar not null
);

create table commune_geometry (
    lau2    varchar primary key,
    geojson varchar not null             -- GeoJSON geometry text (no spatial extension offline)
);

create table canton_border_geometry (
    geojson varchar not null
);

create table population (
    level      varchar not null,         -- commune | canton | country
    code       varchar not null,         -- lau2, C01..C12, or T
    year       integer not null,         -- population on 1 January of this year
    population integer,                  -- null where STATEC publishes no figure (never zero)
    primary key (level, code, year)
);

create table council_size_rule (
    population_min  integer not null,
    population_max  integer,
    council_members integer not null,
    note            varchar
);

create table commune_mergers (
    new_lau2       varchar not null,
    new_commune    varchar not null,
    effective_date date not null,
    old_lau2       varchar,              -- unknown for the 2018 mergers: missing, not invented
    old_commune    varchar not null,
    source_note    varchar
);

create table build_info (
    stamp        varchar not null,       -- changes on every build: readers compare it to notice a swap
    schema_version integer not null,     -- warehouse.SCHEMA_VERSION: an older file is rebuilt at start
    built_at     timestamp not null,
    data_as_of   integer not null,       -- latest population year
    sources      varchar not null
);
