"""The build is atomic and idempotent, and a reader follows a rebuild without a restart."""

import os

import duckdb
import pytest

from analytics import cli
from analytics.build.pipeline import build, ensure_built
from analytics.config.settings import Settings
from analytics.store.reader import WarehouseReader

TABLES = ["communes", "cantons", "commune_geometry", "population", "council_size_rule", "commune_mergers"]


def snapshot(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}
    finally:
        con.close()


def test_rebuild_is_idempotent(tmp_path):
    settings = Settings(db_path=tmp_path / "w.duckdb")
    first = build(settings)
    before = snapshot(settings.db_path)
    second = build(settings)
    assert first != second  # a new stamp, so readers notice
    assert snapshot(settings.db_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb", "w.duckdb.lock"]  # no temp files left


def test_reader_sees_the_new_file_after_an_atomic_swap(tmp_path):
    settings = Settings(db_path=tmp_path / "w.duckdb")
    build(settings)
    reader = WarehouseReader(settings.db_path)
    old_stamp = reader.stamp
    inode = os.stat(settings.db_path).st_ino
    build(settings)
    assert os.stat(settings.db_path).st_ino != inode  # replaced, not rewritten in place
    assert reader.stamp != old_stamp
    assert reader.query("select count(*) n from communes")["n"][0] == 100
    reader.close()


def test_failed_build_leaves_the_old_warehouse_untouched(tmp_path):
    settings = Settings(db_path=tmp_path / "w.duckdb")
    build(settings)
    before = snapshot(settings.db_path)
    reader = WarehouseReader(settings.db_path)
    stamp = reader.stamp

    def broken_step(con, _settings):
        con.execute("insert into communes (lau2) values ('9999')")  # violates NOT NULL: the build fails midway

    with pytest.raises(duckdb.ConstraintException):
        build(settings, steps=[broken_step])
    assert snapshot(settings.db_path) == before
    assert reader.stamp == stamp
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb", "w.duckdb.lock"]
    reader.close()


def test_reader_is_read_only(warehouse):
    reader = WarehouseReader(warehouse)
    with pytest.raises(duckdb.Error, match="read-only"):
        reader.query("delete from communes")
    reader.close()


def test_ensure_built_only_builds_when_missing(tmp_path):
    settings = Settings(db_path=tmp_path / "w.duckdb", raw_dir=tmp_path / "raw")
    assert ensure_built(settings) is True
    assert ensure_built(settings) is False


def test_cli_build_honours_db_flag_and_environment(tmp_path, monkeypatch, capsys):
    assert cli.main(["build", "--db", str(tmp_path / "flag.duckdb")]) == 0
    assert (tmp_path / "flag.duckdb").exists()
    monkeypatch.setenv("OBSERVATORY_DB", str(tmp_path / "env.duckdb"))
    assert cli.main(["build"]) == 0
    assert (tmp_path / "env.duckdb").exists()
    assert "built" in capsys.readouterr().out


def test_cli_usage_error_exits_2(capsys):
    assert cli.main(["no-such-command"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_a_warehouse_from_an_older_schema_is_rebuilt_at_start(tmp_path):
    settings = Settings(db_path=tmp_path / "w.duckdb", raw_dir=tmp_path / "raw")
    con = duckdb.connect(str(settings.db_path))
    con.execute("create table build_info (stamp varchar)")  # what an early checkout left behind
    con.execute("insert into build_info values ('old')")
    con.close()
    assert ensure_built(settings) is True
    reader = WarehouseReader(settings.db_path)
    assert reader.query("select count(*) n from kpi_current")["n"][0] > 0
    reader.close()
    assert ensure_built(settings) is False


def test_identifiers_are_quoted_never_pasted():
    from analytics.store.sql import insert_select, quote_identifier

    assert quote_identifier('kpi"; drop table x; --') == '"kpi""; drop table x; --"'
    assert insert_select("kpi_values", ("previous", "kpi_values"), ["lau2", "kpi"], order_by=["kpi"]) == (
        'insert into "kpi_values" ("lau2", "kpi") select "lau2", "kpi" from "previous"."kpi_values" order by "kpi"'
    )
    with pytest.raises(ValueError, match="non-empty name"):
        quote_identifier("")
