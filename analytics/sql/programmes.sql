-- Programme stages and the real, sourced programme facts. Values bound positionally (`?`).

-- name: stage_history
-- Every current stage value of one stage KPI, with the commune's name and canton. ? = kpi
with stages as (select lau2, year, value, status from kpi_current where kpi = ?)
select s.lau2, c.name, c.canton, s.year, cast(s.value as integer) as stage, s.status
from stages s join communes c using (lau2)
order by s.lau2, s.year;

-- name: signatories
-- Gemengepakt signatories with today's commune data; one row per commune.
with signed as (select * from programme_signatories where programme = 'gemengepakt')
select s.lau2, c.name, c.canton, s.signing_date, s.signing_year, s.ceremony, s.signed_via_body, s.certainty,
       s.source, s.note
from signed s join communes c using (lau2)
order by s.signing_year, s.signing_date nulls last, c.name;

-- name: pilot
-- Pilot "Pakt vum Zesummeliewen" communes as they signed (Grosbous and Wahl separately), with today's commune.
select p.lau2, c.name, c.canton, p.lau2_at_signing, p.commune_at_signing, p.signing_date, p.signing_year,
       p.grouping, p.certainty, p.source, p.note,
       exists (select 1 from programme_signatories s where s.lau2 = p.lau2) as signed_gemengepakt
from pilot_communes p join communes c using (lau2)
order by p.signing_year, p.signing_date nulls last, p.commune_at_signing;

-- name: signing_years
-- The first year each commune (today's code) signed the Gemengepakt or joined the pilot: the cohort peer groups.
with gemengepakt as (
    select 'gemengepakt' as programme, lau2, min(signing_year) as signing_year
    from programme_signatories where programme = 'gemengepakt' group by lau2
), pilot as (
    select 'pilot' as programme, lau2, min(signing_year) as signing_year from pilot_communes group by lau2
)
select programme, lau2, signing_year from gemengepakt
union all
select programme, lau2, signing_year from pilot
order by programme, lau2;

-- name: equality_facts
select f.lau2, c.name, c.canton, f.kind, f.date_or_period, f.year, f.certainty, f.source
from equality_facts f join communes c using (lau2)
order by f.year nulls last, f.kind, c.name;

-- name: cemr
select s.lau2, c.name, s.signature_date, s.evidence, s.certainty, s.source
from cemr_signatories s join communes c using (lau2)
order by s.signature_date nulls last;

-- name: programme_facts
-- Real, sourced programme facts for the home page (never demo): counts straight from the shipped fact tables.
with pact as (
    select count(distinct lau2) as signatories, min(signing_date) as first_signing, max(signing_year) as last_year
    from programme_signatories where programme = 'gemengepakt'
), pilot as (
    select count(distinct lau2) as pilot_communes from pilot_communes
), partnerships as (
    select count(distinct lau2) as conventions from equality_facts where kind = 'partnership_convention'
), mayor_year as (
    select max(year) as mayors_year from kpi_current where kpi = 'woman_mayor' and status = 'official'
), mayors as (
    -- what is known, and how much: a commune without an official value is unknown, never "no woman mayor"
    select count(*) filter (where value = 1 and certainty = 'high') as women_mayors_confirmed,
           count(*) filter (where value = 1 and coalesce(certainty, '') <> 'high') as women_mayors_unconfirmed,
           count(*) as mayors_known
    from kpi_current_sourced, mayor_year
    where kpi = 'woman_mayor' and status = 'official' and year = mayors_year
), communes_total as (
    select count(*) as communes from communes
), elected as (
    select max(case when topic = 'women_elected_2023' then value end) as women_elected,
           max(case when topic = 'mandates_2023' then value end) as mandates
    from national_context
)
select * from pact, pilot, partnerships, mayor_year, mayors, communes_total, elected;
