-- name: current_practices
-- Every current practice with its communes' names (one row per practice).
with current as (select * from practices where is_current),
named as (
    select c.practice_id, string_agg(m.name, ', ' order by m.name) as communes
    from current c, unnest(c.lau2s) as u(lau2) join communes m on m.lau2 = u.lau2
    group by c.practice_id
)
select c.practice_id, c.title, c.title_fr, c.title_de, c.title_en, c.lau2s, n.communes, c.programme, c.domain, c.year,
       c.description, c.link, c.kpis, c.status, c.certainty, c.source, c.source_date, c.submission_id, c.source_row,
       s.file_name
from current c
join named n using (practice_id)
join practice_submissions s using (submission_id)
order by c.status desc, c.year desc nulls last, c.title;

-- name: practices_for_kpi
-- "What did peers do?": practices of the given communes that improved on the KPI, direction-aware. The baseline is
-- the last value at or before the practice's year (the first value when the practice predates the data), compared
-- with the latest value; practices that name the KPI come first.
with params as (select ? as kpi, ?::varchar[] as chosen),
kpi_meta as (select id, direction, target from kpi_catalogue where id = (select kpi from params)),
series as (
    select v.lau2, v.year, v.value, v.status
    from kpi_current v
    where v.kpi = (select kpi from params) and list_contains((select chosen from params), v.lau2)
),
practice_communes as (
    select p.practice_id, u.lau2, p.year as practice_year, list_contains(p.kpis, (select kpi from params)) as names_kpi
    from practices p, unnest(p.lau2s) as u(lau2)
    where p.is_current and list_contains((select chosen from params), u.lau2)
),
baseline as (
    select pc.practice_id, pc.lau2, pc.names_kpi,
           max(s.year) filter (where pc.practice_year is not null and s.year <= pc.practice_year) as before_year,
           min(s.year) as first_year, max(s.year) as last_year
    from practice_communes pc join series s using (lau2)
    group by pc.practice_id, pc.lau2, pc.names_kpi
),
compared as (
    select b.practice_id, b.lau2, b.names_kpi,
           coalesce(b.before_year, b.first_year) as from_year, b.last_year as to_year
    from baseline b
),
changes as (
    select c.*, f.value as from_value, t.value as to_value,
           case when f.status = 'demo' or t.status = 'demo' then 'demo' else 'official' end as value_status
    from compared c
    join series f on f.lau2 = c.lau2 and f.year = c.from_year
    join series t on t.lau2 = c.lau2 and t.year = c.to_year
    where c.to_year > c.from_year
),
improved as (
    select ch.* from changes ch, kpi_meta k
    where case k.direction when 'higher' then ch.to_value > ch.from_value
                           when 'lower' then ch.to_value < ch.from_value
                           when 'target' then abs(ch.to_value - k.target) < abs(ch.from_value - k.target)
                           else ch.to_value <> ch.from_value end
)
select p.practice_id, p.title, p.title_fr, p.title_de, p.title_en, i.lau2, m.name as commune, p.programme, p.domain,
       p.year, p.link, p.status, p.certainty,
       i.names_kpi, i.from_year, i.from_value, i.to_year, i.to_value, i.to_value - i.from_value as change,
       i.value_status
from improved i
join practices p on p.practice_id = i.practice_id and p.is_current
join communes m on m.lau2 = i.lau2
order by i.names_kpi desc, abs(i.to_value - i.from_value) desc, p.title, i.lau2;
