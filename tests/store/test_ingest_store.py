"""Storing submissions: all-or-nothing, idempotent re-ingest, revisions with history, provenance, demo vs official."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from analytics import cli
from analytics.build.pipeline import build
from analytics.config.settings import Settings
from analytics.ingest.kpis import ACCEPTED, ALREADY, REJECTED, ingest_files, ingest_into
from analytics.queries.provenance import history
from analytics.sources.files import SubmissionFile
from analytics.sources.official import OFFICIAL_SUBMITTER
from analytics.store.reader import WarehouseReader

HEADER = "lau2,kpi,year,value\n"


def state(db: Path) -> tuple[int, int, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        values = con.execute("select count(*) from kpi_values").fetchall()[0][0]
        subs = con.execute("select count(*) from submissions").fetchall()[0][0]
        current = con.execute("select * from kpi_current order by all").fetchall()
        return values, subs, current
    finally:
        con.close()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def good_rows(n: int) -> list[str]:
    communes = ["0101", "0102", "0103", "0104", "0105", "0106", "0107", "0108", "0201", "0202"]
    kpis = [  # KPIs without official values for these communes, so every row is new
        "women_commission_members_share",
        "women_staff_share",
        "women_management_share",
        "equality_training_hours",
        "multilingual_communication_share",
    ]
    rows = [
        f"{c},{k},{y},{(i * 7) % 100}"
        for i, (c, k, y) in enumerate((c, k, y) for y in range(2015, 2026) for k in kpis for c in communes)
    ]
    return rows[:n]


def test_one_bad_row_among_500_good_ones_loads_nothing(kpi_settings, tmp_path):
    rows = good_rows(500)
    rows.insert(250, "0304,women_councillors_share,2023,112.5")
    path = write(tmp_path, "mixed.csv", HEADER + "\n".join(rows) + "\n")
    before, inode = state(kpi_settings.db_path), os.stat(kpi_settings.db_path).st_ino
    [outcome] = ingest_files(kpi_settings, [path], submitted_by="test")
    assert outcome.outcome == REJECTED
    assert [p.render() for p in outcome.problems] == [
        f"{path}:252:value: expected a share between 0 and 100 %, found 112.5"
    ]
    assert state(kpi_settings.db_path) == before
    assert os.stat(kpi_settings.db_path).st_ino == inode  # the file was not even replaced
    assert sorted(p.name for p in kpi_settings.db_path.parent.iterdir() if "duckdb" in p.name) == [
        "w.duckdb",
        "w.duckdb.lock",
    ]


def test_accepted_values_keep_submission_and_source_row(kpi_settings, tmp_path):
    path = write(tmp_path, "a.csv", HEADER + "\n".join(good_rows(500)) + "\n")
    [outcome] = ingest_files(kpi_settings, [path], submitted_by="alice")
    assert (outcome.outcome, outcome.rows, outcome.new_rows, outcome.revised_rows) == (ACCEPTED, 500, 500, 0)
    con = duckdb.connect(str(kpi_settings.db_path), read_only=True)
    row = con.execute(
        "select v.source_row, s.file_name, s.submitted_by, s.rows, s.status from kpi_current v "
        "join submissions s using (submission_id) where lau2 = '0103' and kpi = 'women_staff_share' and year = 2015"
    ).fetchall()
    con.close()
    assert row == [(14, str(path), "alice", 500, "official")]


def test_reingesting_identical_bytes_changes_nothing_and_names_the_submission(kpi_settings, tmp_path):
    path = write(tmp_path, "a.csv", HEADER + "0304,women_councillors_share,2023,31.5\n")
    [first] = ingest_files(kpi_settings, [path], submitted_by="alice")
    before = state(kpi_settings.db_path)
    copy = write(tmp_path, "renamed.csv", path.read_text())
    [again] = ingest_files(kpi_settings, [copy], submitted_by="bob")
    assert again.outcome == ALREADY and again.accepted
    assert again.already[0] == first.submission_id
    assert again.summary().startswith(
        f"{copy}: already ingested as submission {first.submission_id} ({path}, received "
    )
    assert again.summary().endswith("; nothing changed")
    assert state(kpi_settings.db_path) == before


def test_a_revision_becomes_current_and_the_old_value_stays_in_history(kpi_settings, tmp_path):
    first = write(tmp_path, "v1.csv", HEADER + "0304,women_staff_share,2023,31.5\n0304,woman_mayor,2023,1\n")
    second = write(tmp_path, "v2.csv", HEADER + "0304,women_staff_share,2023,33.3\n")
    [a] = ingest_files(kpi_settings, [first], submitted_by="alice")
    [b] = ingest_files(kpi_settings, [second], submitted_by="bob")
    assert (b.new_rows, b.revised_rows) == (0, 1)
    assert a.summary().endswith("2 rows (1 new, 0 revised, 1 unchanged)")  # woman_mayor 0304 2023 is already 1
    con = duckdb.connect(str(kpi_settings.db_path), read_only=True)
    past = history(con, "304", "women_staff_share", 2023)
    current = con.execute(
        "select value, submission_id from kpi_current where lau2 = '0304' "
        "and kpi = 'women_staff_share' and year = 2023"
    ).fetchall()
    con.close()
    assert past[["value", "is_current", "submitted_by"]].values.tolist() == [
        [31.5, False, "alice"],
        [33.3, True, "bob"],
    ]
    assert current == [(33.3, b.submission_id)]


def test_files_are_independent_within_one_call(kpi_settings, tmp_path):
    good = write(tmp_path, "good.csv", HEADER + "0304,women_councillors_share,2023,31.5\n")
    bad = write(tmp_path, "bad.csv", HEADER + "0304,women_councillors_share,2023,131.5\n")
    outcomes = ingest_files(kpi_settings, [good, bad], submitted_by="t")
    assert [o.outcome for o in outcomes] == [ACCEPTED, REJECTED]
    assert state(kpi_settings.db_path)[1] == 8  # 7 official fact sets + the good file


def test_demo_never_replaces_an_official_value(kpi_settings):
    demo = SubmissionFile("demo.csv", (HEADER + "0304,woman_mayor,2023,0\n0304,women_staff_share,2023,50\n").encode())
    con = duckdb.connect(str(kpi_settings.db_path))
    [outcome] = ingest_into(con, [demo], status="demo", submitted_by="demo generator")
    stored = con.execute(
        "select value, status from kpi_current where lau2 = '0304' and kpi = 'woman_mayor' and year = 2023"
    ).fetchall()
    demo_rows = con.execute("select count(*) from kpi_values where status = 'demo'").fetchall()[0][0]
    con.close()
    assert outcome.outcome == REJECTED
    assert [p.render() for p in outcome.problems] == [
        "demo.csv:2:value: lau2 0304, kpi woman_mayor, year 2023 has an official value (1, submission 2); "
        "a demo value cannot replace it"
    ]
    assert stored == [(1.0, "official")] and demo_rows == 0


def test_an_official_value_replaces_a_demo_value(kpi_settings):
    con = duckdb.connect(str(kpi_settings.db_path))
    demo = SubmissionFile("demo.csv", (HEADER + "0304,women_staff_share,2023,50\n").encode())
    real = SubmissionFile("real.csv", (HEADER + "0304,women_staff_share,2023,52.5\n").encode())
    ingest_into(con, [demo], status="demo", submitted_by="demo generator")
    [outcome] = ingest_into(con, [real], status="official", submitted_by="commune")
    current = con.execute("select value, status from kpi_current where kpi = 'women_staff_share'").fetchall()
    con.close()
    assert outcome.revised_rows == 1 and current == [(52.5, "official")]


def test_a_rebuild_carries_submissions_over_and_does_not_reload_official_facts(kpi_settings, tmp_path):
    path = write(tmp_path, "a.csv", HEADER + "0304,women_councillors_share,2023,31.5\n")
    ingest_files(kpi_settings, [path], submitted_by="alice")
    before = state(kpi_settings.db_path)
    build(kpi_settings)
    assert state(kpi_settings.db_path) == before


def test_a_rebuild_withdraws_an_official_fact_set_the_loader_no_longer_produces(kpi_settings):
    # a warehouse built before issue 12 held woman_mayor = 0 as official for communes outside the top-vote list
    old = SubmissionFile("official/woman_mayor_2023-2025.csv", (HEADER + "0301,woman_mayor,2023,0\n").encode())
    con = duckdb.connect(str(kpi_settings.db_path))
    ingest_into(con, [old], status="official", submitted_by=OFFICIAL_SUBMITTER)
    con.close()
    build(kpi_settings)
    con = duckdb.connect(str(kpi_settings.db_path), read_only=True)
    current = con.execute("select * from kpi_current where lau2 = '0301' and kpi = 'woman_mayor'").fetchall()
    kept = con.execute("select value, is_current from kpi_values where lau2 = '0301' and kpi = 'woman_mayor'").fetchall()
    still = con.execute("select value from kpi_current where lau2 = '0304' and kpi = 'woman_mayor' and year = 2023")
    assert current == [] and kept == [(0.0, False)]  # unknown again, and the history says what was stored
    assert still.fetchall() == [(1.0,)]
    con.close()


def test_cli_ingest_exit_codes_and_messages(kpi_settings, tmp_path, capsys):
    db = str(kpi_settings.db_path)
    good = write(tmp_path, "good.csv", HEADER + "0304,women_staff_share,2023,31.5\n")
    bad = write(tmp_path, "bad.csv", HEADER + "0705,women_councilor_share,2023,31.5\n")
    assert cli.main(["ingest", str(good), "--db", db, "--submitted-by", "alice"]) == 0
    out = capsys.readouterr()
    assert out.out == f"{good}: accepted as submission 8: 1 row (1 new, 0 revised, 0 unchanged)\n"
    assert cli.main(["ingest", str(good), str(bad), "--db", db]) == 1
    out = capsys.readouterr()
    assert out.err.splitlines() == [
        f"{bad}:2:lau2: lau2 0705 (Grosbous) merged into 0711 Groussbus-Wal on 1 Sept 2023; use 0711",
        f"{bad}:2:kpi: unknown kpi 'women_councilor_share'; did you mean women_councillors_share?",
    ]
    assert out.out.splitlines()[1] == f"{bad}: rejected (2 problems); nothing was stored"
    assert cli.main(["ingest", "--db", db]) == 2
    assert cli.main(["ingest", str(tmp_path / "missing.csv"), "--db", db]) == 2
    assert capsys.readouterr().err.endswith(f"ingest: no such file: {tmp_path / 'missing.csv'}\n")


def test_cli_provenance_prints_the_history(kpi_settings, tmp_path, capsys):
    db = str(kpi_settings.db_path)
    v1 = write(tmp_path, "v1.csv", HEADER + "0304,women_staff_share,2023,31.5\n")
    v2 = write(tmp_path, "v2.csv", HEADER + "\n304,women_staff_share,2023,33.3\n")
    cli.main(["ingest", str(v1), "--db", db, "--submitted-by", "alice"])
    cli.main(["ingest", str(v2), "--db", db, "--submitted-by", "bob"])
    capsys.readouterr()
    assert cli.main(["provenance", "0304", "women_staff_share", "2023", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    sha1 = __import__("hashlib").sha256(v1.read_bytes()).hexdigest()
    assert out[0] == "0304 women_staff_share 2023: 2 versions"
    assert out[1].startswith(
        f"  superseded value 31.5 (official) from submission 8 {v1} row 2; sha256 {sha1}; submitted by alice at "
    )
    assert out[2].startswith(f"  current    value 33.3 (official) from submission 9 {v2} row 3; ")
    assert cli.main(["provenance", "0304", "women_staff_share", "2019", "--db", db]) == 1
    assert (
        capsys.readouterr().err == "provenance: no value stored for lau2 0304, kpi women_staff_share, year 2019\n"
    )
    assert cli.main(["provenance", "0304", "women_staff_share", "last", "--db", db]) == 2


@pytest.mark.parametrize("command", [["template", "--out"], ["demo", "--seed", "x"], ["ingest"], ["nonsense"]])
def test_usage_errors_exit_2(command, tmp_path):
    assert cli.main(command) == 2


def test_a_file_over_the_limit_is_refused_before_it_is_read(kpi_settings, tmp_path, monkeypatch):
    import analytics.ingest.kpis as ingest_module
    from analytics.config.catalogue import load_rules

    rules = load_rules()
    monkeypatch.setattr(ingest_module, "load_rules", lambda: {**rules, "file": {**rules["file"], "max_bytes": 1024}})
    path = write(tmp_path, "big.csv", HEADER + "0304,women_councillors_share,2023,31.5\n" * 40)
    [outcome] = ingest_files(kpi_settings, [path], submitted_by="t")
    assert [p.render() for p in outcome.problems] == [
        f"{path}: file is 1.5 KiB, over the 1.0 KiB limit; split it into several files"
    ]


def test_the_same_bytes_twice_in_one_call(kpi_settings, tmp_path):
    good = write(tmp_path, "a.csv", HEADER + "0304,women_councillors_share,2023,31.5\n")
    twin = write(tmp_path, "b.csv", good.read_text())
    first, second = ingest_files(kpi_settings, [good, twin], submitted_by="t")
    assert first.outcome == ACCEPTED and second.outcome == ALREADY and second.already[0] == first.submission_id
    bad = write(tmp_path, "c.csv", HEADER + "0304,women_councillors_share,2023,131.5\n")
    bad_twin = write(tmp_path, "d.csv", bad.read_text())
    outcomes = ingest_files(kpi_settings, [bad, bad_twin], submitted_by="t")
    assert [o.outcome for o in outcomes] == [REJECTED, REJECTED]
    assert outcomes[1].problems[0].render() == f"{bad_twin}: same content as {bad}, rejected above"


def test_ingest_upgrades_a_warehouse_built_before_the_kpi_layer(tmp_path, warehouse_of):
    settings = Settings(db_path=tmp_path / "old.duckdb")
    shutil.copyfile(warehouse_of("reference"), settings.db_path)  # reference layer only, as the first version built it
    path = write(tmp_path, "a.csv", HEADER + "0304,women_councillors_share,2023,31.5\n")
    assert cli.main(["ingest", str(path), "--db", str(settings.db_path), "--submitted-by", "t"]) == 0
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        rows = con.execute("select submission_id, submitted_by from submissions where file_name = ?", [str(path)]).fetchall()
    finally:
        con.close()
    assert rows == [(8, "t")]  # accepted after the 7 official fact sets the upgrade loaded


def test_an_ingest_changes_the_version_readers_key_on_but_not_the_build_stamp(kpi_settings, tmp_path):
    """Cached results follow `version` (any write); the commune shapes' URL follows `build_stamp` (a rebuild only),
    so an ingest refreshes every value and the browser keeps its copy of the polygons."""
    reader = WarehouseReader(kpi_settings.db_path)
    version, stamp = reader.version, reader.build_stamp
    ingest_files(kpi_settings, [write(tmp_path, "a.csv", HEADER + "0304,women_staff_share,2023,31.5\n")],
                 submitted_by="alice")
    assert reader.version != version and reader.build_stamp == stamp
    version = reader.version
    build(kpi_settings)
    assert reader.version != version and reader.build_stamp != stamp
    reader.close()
