-- Keys that arrive again stop being current; their old rows stay as history.
update kpi_values
set is_current = false
from (select distinct lau2, kpi, year from incoming) as arriving
where kpi_values.is_current
  and kpi_values.lau2 = arriving.lau2
  and kpi_values.kpi = arriving.kpi
  and kpi_values.year = arriving.year
