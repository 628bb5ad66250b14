-- Queries of the warehouse build (analytics/build/*.py); every value is bound.

-- name: kpi_catalogue_insert
insert into kpi_catalogue values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: kpi_stages_insert
insert into kpi_stages values (?, ?, ?, ?, ?);

-- name: table_columns
-- The columns of one table of the warehouse being built, in order (carry-over matches columns by name).
select column_name from duckdb_columns()
where database_name = current_database() and table_name = ?
order by column_index;

-- name: kpi_values_count
select count(*) from kpi_values;

-- name: current_values
-- All current values (for tests and the demo's checks).
select * from kpi_current order by kpi, year, lau2;

-- name: official_keys
-- Keys whose current value is official (the demo leaves them alone).
select distinct lau2, kpi, year from kpi_current where status = 'official';

-- name: latest_population_year
select max(year) from population where population is not null;

-- name: build_info_insert
insert into build_info (stamp, schema_version, built_at, data_as_of, sources) values (?, ?, ?, ?, ?);

-- name: has_kpi_layer
-- 1 when the file has the view the app reads (a complete build), 0 for a partial one.
select count(*) from duckdb_views() where view_name = 'kpi_current';

-- name: schema_version
select schema_version from build_info;
