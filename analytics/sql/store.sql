-- Queries of the warehouse writer (analytics/store/writer.py); every value is bound.

-- name: attach_previous
-- The warehouse being replaced, read-only, under the name analytics.store.writer.PREVIOUS.
attach ? as previous (read_only);

-- name: detach_previous
detach previous;

-- name: database_columns
-- Tables of one attached database and their columns, in order.
select table_name, column_name from duckdb_columns() where database_name = ? order by table_name, column_index;

-- name: official_only_view
-- A connection-local view that shadows kpi_current with its official rows only: every query on that cursor then
-- sees no demo value ("official data only", production mode).
create or replace temp view kpi_current as
select lau2, kpi, year, value, status, submission_id, source_row
from main.kpi_values
where is_current and status = 'official';
