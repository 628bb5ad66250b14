"""`python -m analytics COMMAND`: the only way data enters the warehouse (the web app never writes)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from analytics.settings import Settings

Handler = Callable[[argparse.Namespace], int]


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(getattr(args, "db", None))


def cmd_prepare(args: argparse.Namespace) -> int:
    from analytics.prepare import MissingSharedData, prepare

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
    from analytics.refresh import RefreshError, refresh

    settings = _settings(args)
    try:
        for line in refresh(settings, timeout_s=args.timeout):
            print(line)
    except RefreshError as exc:
        print(f"refresh: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from analytics.warehouse import build

    settings = _settings(args)
    stamp = build(settings)
    print(f"built {settings.db_path} (stamp {stamp})")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    p = add("prepare", cmd_prepare, "derive data/ (boundaries, reference tables) from ../shared/data")
    p.add_argument("--shared", type=__import__("pathlib").Path, help="upstream folder (default ../shared/data)")
    p = add("refresh", cmd_refresh, "download the reference data again from STATEC and ACT (needs internet)")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default 20)")
    p = add("build", cmd_build, "build the DuckDB warehouse from data/ (atomic, idempotent)")
    p.add_argument("--db", help="warehouse path (default data/observatory.duckdb or $OBSERVATORY_DB)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on a usage error; keep that contract
        return int(exc.code or 0)
    return int(args.handler(args))
