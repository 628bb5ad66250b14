"""The good-practices database: seed, validation with exact messages, all-or-nothing ingestion, 'what did peers do?'."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from analytics.cli import main
from analytics.config.settings import Settings
from analytics.ingest.kpis import ACCEPTED, ALREADY, REJECTED
from analytics.ingest.practices import ingest_practices_into
from analytics.metrics.practices import filter_practices, title_in
from analytics.queries.practices import current_practices, practices_for_kpi
from analytics.sources.files import SubmissionFile
from analytics.store.sql import read_sql

HEADER = "practice_id,title,lau2,programme,domain,year,description,link,kpis,status,certainty,source\n"
GOOD = HEADER + "new-desk,Welcome desk (demo data),0304;0204,gemengepakt,language_access,2024,desc,,multilingual_communication_share,demo,,demo data\n"
BAD = GOOD + "Bad Id,x,0705,equality,nope,1970,d,ftp://x,foo,official,high,s\n"


@pytest.fixture
def con(warehouse, tmp_path):
    copy = tmp_path / "practices.duckdb"
    shutil.copyfile(warehouse, copy)
    connection = duckdb.connect(str(copy))
    yield connection
    connection.close()


def test_real_practices_with_titles_in_three_languages_and_a_labelled_demo_set(reader):
    frame = current_practices(reader)
    official, demo = frame[frame["status"] == "official"], frame[frame["status"] == "demo"]
    assert (len(official), len(demo)) == (60, 12)  # 60 real practices of 30 communes
    assert len({c for codes in official["lau2s"] for c in codes}) == 30
    assert official["link"].str.startswith("http").all() and official["certainty"].isin(["high", "medium"]).all()
    assert official[["title_fr", "title_de", "title_en"]].notna().all().all()
    assert (official["file_name"] == "data/practices/good_practices_real.csv").all()
    assert demo["title"].str.contains("(demo data)", regex=False).all()
    # signatures, conventions and memberships are programme facts on /programmes, not practices
    assert not frame["practice_id"].str.match(r"(egalite-convention|cemr-charter|gemengepakt-body|pilot-)").any()
    assert not frame["domain"].isin(["programme_commitment"]).any()


def test_search_finds_a_title_in_any_language(reader):
    frame = current_practices(reader)
    [schengen] = filter_practices(frame, "Kannerrot").itertuples()
    assert schengen.lau2s == ["1206"] and schengen.communes == "Schengen"
    assert title_in(filter_practices(frame, "Kannerrot"), "de").tolist() == ["Kinderrat („Kannerrot“)"]
    assert title_in(filter_practices(frame, "Kannerrot"), "fr").tolist() == ["Conseil des enfants (« Kannerrot »)"]
    assert set(filter_practices(frame, "Kinderrat")["practice_id"]) == {schengen.practice_id}  # the German title


def test_search_and_filters(reader):
    frame = current_practices(reader)
    steinfort = filter_practices(frame, "STEINFORT")
    assert "demo-neighbourhood-workshops" in set(steinfort["practice_id"])
    assert (steinfort["status"] == "official").sum() >= 1 and steinfort["communes"].str.contains("Steinfort").all()
    assert set(filter_practices(frame, statuses=["demo"])["status"]) == {"demo"}
    assert filter_practices(frame, lau2="1206")["communes"].str.contains("Schengen").all()
    assert filter_practices(frame, "zzz-nothing").empty


def test_what_did_peers_do_finds_real_practices(reader):
    everyone = list(reader.query("select lau2 from communes")["lau2"])
    found = practices_for_kpi(reader, "intercultural_actions", everyone)
    real = found[found["status"] == "official"]
    assert len(real) and real["title_de"].notna().all()
    assert real["names_kpi"].any()  # a real practice that names the KPI, ranked first
    assert bool(found.iloc[0]["names_kpi"])


def test_a_bad_file_is_rejected_whole_with_every_problem_located(con):
    before = con.execute("select count(*) from practices").fetchall()[0][0]
    [outcome] = ingest_practices_into(con, [SubmissionFile("bad.csv", BAD.encode())], submitted_by="test")
    assert outcome.outcome == REJECTED
    assert [p.render() for p in outcome.problems] == [
        "bad.csv:3:practice_id: expected an id of 3-80 lower-case letters, digits or '-', found 'Bad Id'",
        "bad.csv:3:lau2: lau2 0705 (Grosbous) merged into 0711 Groussbus-Wal on 2023-09-01; use 0711",
        "bad.csv:3:domain: expected one of governance, language_access, participation, anti_racism, staff_equality, "
        "childcare, public_space, programme_commitment, award, communication, education, violence_prevention, "
        "sport_leisure, other, found 'nope'",
        "bad.csv:3:year: expected a year from 1980 to " + str(__import__("datetime").date.today().year)
        + ", or empty when unknown, found '1970'",
        "bad.csv:3:link: expected a web address starting with http:// or https://, found 'ftp://x'",
        "bad.csv:3:kpis: unknown kpi 'foo'; it is not in the KPI catalogue",
    ]
    assert con.execute("select count(*) from practices").fetchall()[0][0] == before  # row 2 was valid: not stored


def test_official_rows_need_a_link_and_demo_rows_say_so(con):
    text = HEADER + "x-official,Real thing,0304,equality,governance,2024,d,,,official,high,s\n" \
                    "x-demo,Invented thing,0304,equality,governance,2024,d,,,demo,,demo data\n"
    [outcome] = ingest_practices_into(con, [SubmissionFile("f.csv", text.encode())], submitted_by="test")
    assert [p.render() for p in outcome.problems] == [
        "f.csv:2:link: an official practice needs a link to its source",
        "f.csv:3:title: a demo practice's title must contain '(demo data)'",
    ]


def test_accepted_once_then_idempotent_then_revised_with_history(con):
    [first] = ingest_practices_into(con, [SubmissionFile("good.csv", GOOD.encode())], submitted_by="alice")
    assert (first.outcome, first.rows, first.new_rows, first.revised_rows) == (ACCEPTED, 1, 1, 0)
    [again] = ingest_practices_into(con, [SubmissionFile("copy.csv", GOOD.encode())], submitted_by="bob")
    assert again.outcome == ALREADY and again.already[0] == first.submission_id
    revised = GOOD.replace(",desc,", ",better description,")
    [second] = ingest_practices_into(con, [SubmissionFile("v2.csv", revised.encode())], submitted_by="alice")
    assert (second.new_rows, second.revised_rows) == (0, 1)
    versions = con.execute("select description, is_current, submission_id from practices "
                           "where practice_id = 'new-desk' order by submission_id").fetchall()
    assert versions == [("desc", False, first.submission_id), ("better description", True, second.submission_id)]
    log = con.execute("select file_name, submitted_by from practice_submissions where submission_id = ?",
                      [second.submission_id]).fetchall()
    assert log == [("v2.csv", "alice")]


def test_cli_exit_codes_and_messages(warehouse, tmp_path, capsys):
    db = tmp_path / "cli.duckdb"
    shutil.copyfile(warehouse, db)
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(BAD, encoding="utf-8")
    assert main(["ingest-practices", str(bad), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3:kpis: unknown kpi 'foo'" in err
    assert main(["ingest-practices", str(good), "--db", str(db), "--submitted-by", "t"]) == 0
    assert "accepted as submission 3: 1 practice (1 new" in capsys.readouterr().out  # after the real file and the seed
    assert main(["ingest-practices", str(good), "--db", str(db)]) == 0
    assert "already ingested as submission 3" in capsys.readouterr().out
    assert main(["ingest-practices", str(tmp_path / "missing.csv"), "--db", str(db)]) == 2


def test_ingested_practices_survive_a_rebuild(tmp_path):
    from analytics.build.pipeline import build

    settings = Settings(db_path=tmp_path / "w.duckdb")
    build(settings)
    con = duckdb.connect(str(settings.db_path))
    ingest_practices_into(con, [SubmissionFile("good.csv", GOOD.encode())], submitted_by="t")
    con.close()
    build(settings)
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        ids = {r[0] for r in con.execute("select practice_id from practices where is_current").fetchall()}
        seeds = con.execute("select count(*) from practice_submissions").fetchall()[0][0]
    finally:
        con.close()
    assert "new-desk" in ids and seeds == 3  # the real practices and the seed are not loaded twice


@pytest.fixture
def peers_con():
    """A tiny warehouse: commune A improves on women_councillors_share after its practice, B worsens."""
    con = duckdb.connect()
    con.execute("create table communes (lau2 varchar, name varchar)")
    con.execute("insert into communes values ('0001', 'A'), ('0002', 'B'), ('0003', 'C')")
    con.execute("create table kpi_catalogue (id varchar, direction varchar, target double)")
    con.execute("insert into kpi_catalogue values ('women_councillors_share', 'higher', null)")
    con.execute("create table kpi_current (lau2 varchar, kpi varchar, year smallint, value double, status varchar)")
    rows = [("0001", 2020, 10.0), ("0001", 2022, 12.0), ("0001", 2024, 15.0),
            ("0002", 2020, 20.0), ("0002", 2022, 20.0), ("0002", 2024, 18.0),
            ("0003", 2021, 30.0), ("0003", 2024, 31.0)]
    con.executemany("insert into kpi_current values (?, 'women_councillors_share', ?, ?, 'official')", rows)
    con.execute(read_sql("schema_practices.sql"))
    practices = [("p-a", ["0001"], 2022, ["women_councillors_share"]), ("p-b", ["0002"], 2022, []),
                 ("p-c", ["0003"], None, []), ("p-ab", ["0001", "0002"], 2023, [])]
    for pid, lau2s, year, kpis in practices:
        con.execute("insert into practices by name select ? as practice_id, 't' as title, ?::varchar[] as lau2s, "
                    "'equality' as programme, 'governance' as domain, ?::smallint as year, 'd' as description, "
                    "?::varchar[] as kpis, 'official' as status, 'high' as certainty, 's' as source, "
                    "1 as submission_id, 2 as source_row, true as is_current", [pid, lau2s, year, kpis])
    yield con
    con.close()


def test_what_did_peers_do_hand_computed(peers_con):
    found = practices_for_kpi(peers_con, "women_councillors_share", ["0001", "0002", "0003"])
    got = [(r.practice_id, r.lau2, r.from_year, r.from_value, r.to_year, r.to_value, bool(r.names_kpi))
           for r in found.itertuples()]
    assert got == [
        ("p-a", "0001", 2022, 12.0, 2024, 15.0, True),   # names the KPI: first; 12 (2022) -> 15 (2024)
        ("p-ab", "0001", 2022, 12.0, 2024, 15.0, False),  # practice of 2023: baseline is the last value before
        ("p-c", "0003", 2021, 30.0, 2024, 31.0, False),   # no year: from the first value
    ]  # B went 20 -> 18: not an improvement, so p-b and p-ab's B row are left out
    assert practices_for_kpi(peers_con, "women_councillors_share", ["0002"]).empty


def test_what_did_peers_do_refuses_unknown_kpis(peers_con):
    with pytest.raises(ValueError, match="kpi was 'nope'"):
        practices_for_kpi(peers_con, "nope", ["0001"])
