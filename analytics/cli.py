"""`python -m analytics COMMAND`: the only way data enters the warehouse (the web app never writes)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from analytics.build.demo_step import official_keys
from analytics.build.pipeline import build, ensure_built
from analytics.checks.allocator import use_check_allocator
from analytics.checks.codes import normalise_lau2
from analytics.checks.problems import printable, render_problems
from analytics.config.catalogue import load_practice_rules, load_rules
from analytics.config.settings import Settings
from analytics.ingest.kpis import REJECTED, ingest_files
from analytics.ingest.practices import ingest_practice_files
from analytics.present.briefing import BriefingError, briefing_for, render_html, render_pdf
from analytics.present.templates import write_templates
from analytics.queries.provenance import history, render_history
from analytics.sources.demo import DEMO_SUBMITTER, write_demo
from analytics.sources.prepare import MissingSharedData, prepare
from analytics.sources.refresh import RefreshError, refresh
from analytics.store.reader import WarehouseReader
from analytics.store.writer import WarehouseWriteError

Handler = Callable[[argparse.Namespace], int]


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return "unknown"


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(getattr(args, "db", None))


def cmd_prepare(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.shared:
        settings = Settings(settings.data_dir, settings.db_path, args.shared.resolve())
    try:
        report = prepare(settings)
    except MissingSharedData as exc:
        print(f"prepare: {exc}", file=sys.stderr)
        return 1
    for path in report.written:
        print(f"wrote {path.relative_to(settings.data_dir.parent)}")
    print(
        f"boundary payload: communes {report.communes_geojson_bytes / 1024:.0f} KB, "
        f"canton borders {report.canton_borders_geojson_bytes / 1024:.0f} KB"
    )
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    settings = _settings(args)
    try:
        for line in refresh(settings, timeout_s=args.timeout):
            print(line)
    except RefreshError as exc:
        print(f"refresh: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    settings = _settings(args)
    stamp = build(settings)
    print(f"built {settings.db_path} (stamp {stamp})")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """Exit 0 when every file was accepted (or already ingested), 1 when any was rejected."""
    settings = _settings(args)
    missing = [printable(f) for f in args.files if not os.path.lexists(f)]
    if missing:
        print(f"ingest: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    ensure_built(settings)  # missing, or from an older schema (before the KPI layer): built first
    use_check_allocator()
    outcomes = ingest_files(settings, [Path(f) for f in args.files], submitted_by=args.submitted_by, names=args.files)
    limit = int(load_rules()["file"]["max_problems_listed"])
    for outcome in outcomes:
        for line in render_problems(outcome.problems, limit=limit):
            print(line, file=sys.stderr)
        print(outcome.summary())
    return 1 if any(o.outcome == REJECTED for o in outcomes) else 0


def cmd_ingest_practices(args: argparse.Namespace) -> int:
    """Exit 0 when every practices file was accepted (or already ingested), 1 when any was rejected, 2 if missing."""
    settings = _settings(args)
    missing = [printable(f) for f in args.files if not os.path.lexists(f)]
    if missing:
        print(f"ingest-practices: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    ensure_built(settings)
    use_check_allocator()
    outcomes = ingest_practice_files(settings, [Path(f) for f in args.files], submitted_by=args.submitted_by,
                                     names=args.files)
    limit = int(load_practice_rules()["file"]["max_problems_listed"])
    for outcome in outcomes:
        for line in render_problems(outcome.problems, limit=limit):
            print(line, file=sys.stderr)
        print(outcome.summary().replace(" row", " practice", 1) if outcome.outcome != REJECTED else outcome.summary())
    return 1 if any(o.outcome == REJECTED for o in outcomes) else 0


def cmd_provenance(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if not settings.db_path.exists():
        print(f"provenance: no warehouse at {settings.db_path}; run `python -m analytics build`", file=sys.stderr)
        return 1
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        frame = history(con, args.lau2, args.kpi, args.year)
    finally:
        con.close()
    if frame.empty:
        print(f"provenance: no value stored for lau2 {normalise_lau2(args.lau2) or args.lau2.strip()}, kpi {args.kpi}, year {args.year}",
              file=sys.stderr)
        return 1
    print("\n".join(render_history(frame, args.lau2, args.kpi, args.year)))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    settings = _settings(args)
    keys = None
    if settings.db_path.exists():  # leave every key that already holds an official value alone
        con = duckdb.connect(str(settings.db_path), read_only=True)
        try:
            keys = official_keys(con)
        finally:
            con.close()
    paths = write_demo(settings, args.seed, official_keys=keys)
    print(f"wrote {len(paths)} demo files under {paths[0].parent if paths else settings.raw_dir / 'demo'}")
    names = [p.relative_to(settings.data_dir.parent).as_posix() for p in paths]
    ensure_built(settings)
    outcomes = ingest_files(settings, paths, submitted_by=DEMO_SUBMITTER, status="demo", names=names)
    for outcome in outcomes:
        for line in render_problems(outcome.problems):
            print(line, file=sys.stderr)
    counts = {k: sum(o.outcome == k for o in outcomes) for k in ("accepted", "already ingested", "rejected")}
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    return 1 if any(o.outcome == REJECTED for o in outcomes) else 0


def cmd_template(args: argparse.Namespace) -> int:
    settings = _settings(args)
    out = args.out or settings.data_dir / "templates"
    for path in write_templates(out):
        print(f"wrote {path}")
    return 0


def cmd_briefing(args: argparse.Namespace) -> int:
    """Exit 0 when the note was written, 1 when it cannot be made (unknown commune, year), 2 on a usage error."""
    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".html"):
        print(f"briefing: --out must end in .pdf or .html, got {args.out!r}", file=sys.stderr)
        return 2
    if args.kpi and not args.national:
        print("briefing: --kpi chooses the national map; use it with --national", file=sys.stderr)
        return 2
    settings = _settings(args)
    ensure_built(settings)  # a fresh clone builds the warehouse first, as the web app does
    started = time.perf_counter()
    reader = WarehouseReader(settings.db_path)
    try:
        note = briefing_for(reader, args.commune, args.year, args.lang, args.kpi)
    except BriefingError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 1
    finally:
        reader.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    written = []
    if out.suffix.lower() == ".pdf":
        out.write_bytes(render_pdf(note))
        written.append(out)
    else:
        out.write_text(render_html(note), encoding="utf-8")
        written.append(out)
    if args.html:
        Path(args.html).write_text(render_html(note), encoding="utf-8")
        written.append(Path(args.html))
    elapsed_ms = (time.perf_counter() - started) * 1000
    for path in written:
        print(f"wrote {path}")
    print(f"briefing {note.title} {note.year} ({note.lang}) in {elapsed_ms:.0f} ms" + (", contains demo data" if note.demo else ""))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    p = add("prepare", cmd_prepare, "derive data/ (boundaries, reference tables) from ../shared/data")
    p.add_argument("--shared", type=Path, help="upstream folder (default ../shared/data)")
    p = add("refresh", cmd_refresh, "download the reference data again from STATEC and ACT (needs internet)")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default 20)")
    db_help = "warehouse path (default data/observatory.duckdb or $OBSERVATORY_DB)"
    p = add("build", cmd_build, "build the DuckDB warehouse from data/ (atomic, idempotent)")
    p.add_argument("--db", help=db_help)
    p = add("ingest", cmd_ingest, "validate submission files (CSV/XLSX) and store the accepted ones with provenance")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--db", help=db_help)
    p.add_argument("--submitted-by", default=_login(), help="who submitted the files (default: your login)")
    p = add("ingest-practices", cmd_ingest_practices,
            "validate good-practices files (CSV/XLSX, see data/practices/practices_seed.csv) and store the accepted ones")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--db", help=db_help)
    p.add_argument("--submitted-by", default=_login(), help="who submitted the files (default: your login)")
    p = add("provenance", cmd_provenance, "print every stored version of one value and where it came from")
    p.add_argument("lau2", metavar="LAU2")
    p.add_argument("kpi", metavar="KPI")
    p.add_argument("year", metavar="YEAR", type=int)
    p.add_argument("--db", help=db_help)
    p = add("demo", cmd_demo, "write seeded demo submissions under data/raw/demo/ and ingest them as demo values")
    p.add_argument("--seed", type=int, default=42, help="random seed (default 42); same seed, same bytes")
    p.add_argument("--db", help=db_help)
    p = add("template", cmd_template, "write the submission templates (CSV and XLSX)")
    p.add_argument("--out", type=Path, help="folder (default data/templates)")
    p = add("briefing", cmd_briefing, "write a 2-4 page briefing note (PDF or HTML) for one commune or the country")
    scope = p.add_mutually_exclusive_group(required=True)
    scope.add_argument("--commune", metavar="LAU2", help="4-digit LAU2 code, e.g. 0304 (Luxembourg)")
    scope.add_argument("--national", action="store_true", help="the national briefing (all 100 communes)")
    p.add_argument("--year", type=int, help="year (default: latest population year)")
    p.add_argument("--lang", choices=("fr", "de", "en"), default="fr", help="language (default fr)")
    p.add_argument("--out", required=True, metavar="FILE", help="output file, .pdf or .html")
    p.add_argument("--html", metavar="FILE", help="also write the HTML version here")
    p.add_argument("--kpi", help="KPI of the national map (default women_councillors_share)")
    p.add_argument("--db", help=db_help)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; a warehouse that cannot be written (disk full, read-only folder) is one line and exit 1."""
    for stream in (sys.stdout, sys.stderr):  # a name no encoding can show must not end in a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on a usage error; keep that contract
        return int(exc.code or 0)
    try:
        return int(args.handler(args))
    except WarehouseWriteError as exc:
        print(f"{printable(str(exc.db_path))}: {exc}", file=sys.stderr)
        return 1
