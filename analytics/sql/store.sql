-- Queries of the warehouse writer (analytics/store/writer.py); every value is bound.

-- name: attach_previous
-- The warehouse being replaced, read-only, under the name analytics.store.writer.PREVIOUS.
attach ? as previous (read_only);

-- name: detach_previous
detach previous;

-- name: database_columns
-- Tables of one attached database and their columns, in order.
select table_name, column_name from duckdb_columns() where database_name = ? order by table_name, column_index;
