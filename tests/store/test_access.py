"""The access file: loaded and checked at start, errors naming the file, the key and why; unknown users get no rights."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from analytics.build.pipeline import SCHEMA_VERSION, ensure_built
from analytics.config.access import AccessFileError, load_access
from analytics.config.settings import ACCESS_FILE, DEMO_ACCESS_FILE, Settings


def test_the_shipped_files_load_and_the_production_one_grants_nothing():
    demo = load_access(DEMO_ACCESS_FILE, known_communes=["0304", "0201"])
    assert demo.for_sub("officer-0304").communes == ("0304",)
    assert demo.for_sub("officer-0304").may("submit") and not demo.for_sub("officer-0304").may("review")
    assert demo.for_sub("reviewer").may("review") and demo.for_sub("reviewer").may("audit")
    stranger = demo.for_sub("someone-else")
    assert stranger.role is None and not stranger.may("submit") and not stranger.may("review")
    assert load_access(ACCESS_FILE).users == {}  # the demo subs have no rights on a real deployment


@pytest.mark.parametrize(
    "text,key,why",
    [
        ("version: 2\nusers: {}\n", "version", "expected 1, found 2"),
        ("version: 1\nusers:\n  a: {role: boss}\n", "users.a.role", "expected one of officer, reviewer, admin"),
        ("version: 1\nusers:\n  a: {role: officer}\n", "users.a.communes", "at least one commune"),
        ("version: 1\nusers:\n  a: {role: officer, communes: [304]}\n", "users.a.communes[0]", "found 304"),
        ("version: 1\nusers:\n  a: {role: reviewer, communes: ['0304']}\n", "users.a.communes", "not tied"),
        ("version: 1\nusers:\n  a: {role: officer, communes: ['9999']}\n", "users.a.communes[0]", "not a current"),
        ("version: 1\nusers:\n  a: {role: reviewer, commune: x}\n", "users.a.commune", "unknown key"),
        ("version: 1\nusers: [a]\n", "users", "expected a mapping"),
        ("version: [1\n", "(file)", "not valid YAML"),
    ],
)
def test_a_malformed_access_file_names_file_key_and_why(tmp_path, text, key, why):
    path = tmp_path / "access.yaml"
    path.write_text(text)
    with pytest.raises(AccessFileError, match=why) as caught:
        load_access(path, known_communes=["0304"])
    assert caught.value.key == key and caught.value.file == str(path)
    assert str(caught.value).startswith(f"{path}: {key}: ")


def test_a_warehouse_without_approved_by_is_rebuilt_and_keeps_its_submissions(tmp_path, kpi_base_warehouse):
    settings = Settings(db_path=tmp_path / "w.duckdb", raw_dir=tmp_path / "raw")
    shutil.copyfile(kpi_base_warehouse, settings.db_path)
    con = duckdb.connect(str(settings.db_path))
    con.execute("alter table submissions drop column approved_by")
    con.execute("alter table submissions drop column inbox_id")
    con.execute("update build_info set schema_version = ?", [SCHEMA_VERSION - 1])
    before = con.execute("select count(*) from submissions").fetchone()[0]
    con.close()
    assert ensure_built(settings) is True
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        rows = con.execute("select count(*), count(approved_by) from submissions").fetchone()
    finally:
        con.close()
    assert rows == (before, 0)
