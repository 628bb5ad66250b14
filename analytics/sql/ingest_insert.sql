-- Append the batch sorted by (kpi, year, lau2); within the batch the latest submission of a key is current.
insert into kpi_values
select lau2, kpi, year, value, ?::varchar as status, submission_id, source_row,
       submission_id = max(submission_id) over (partition by lau2, kpi, year) as is_current
from incoming
order by kpi, year, lau2, submission_id
