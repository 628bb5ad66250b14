-- name: current_values_full
-- Every current KPI value with its commune name, unit and status: the whole table for CSV/XLSX/Parquet exports.
with current_values as (
    select lau2, kpi, year, value, status, submission_id, source_row from kpi_current
), catalogue as (
    select id, programme, type, unit from kpi_catalogue
), commune_names as (
    select lau2, name from communes
)
select v.lau2, n.name as commune, v.kpi, k.programme, k.type, k.unit, v.year, v.value, v.status,
       v.submission_id, v.source_row
from current_values v
join catalogue k on k.id = v.kpi
left join commune_names n using (lau2)
order by v.kpi, v.year, v.lau2;

-- name: kpi_stages
with stages as (select kpi, stage, label_fr, label_de, label_en from kpi_stages)
select * from stages order by kpi, stage;
