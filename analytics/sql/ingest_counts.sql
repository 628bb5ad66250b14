-- Per incoming submission: how many keys are new and how many change the value that was current before it.
with prior as (
    select c.lau2, c.kpi, c.year, c.value, c.submission_id
    from kpi_current c
    semi join incoming i using (lau2, kpi, year)
),
stream as (
    select lau2, kpi, year, value, submission_id, false as is_incoming from prior
    union all
    select lau2, kpi, year, value, submission_id, true from incoming
),
ordered as (
    select submission_id, is_incoming, value,
           lag(value) over (partition by lau2, kpi, year order by submission_id) as previous
    from stream
)
select submission_id,
       count(*) filter (where previous is null) as new_rows,
       count(*) filter (where previous is not null and previous <> value) as revised_rows
from ordered
where is_incoming
group by submission_id
