"""Every path and tunable of the observatory, declared once and passed in (never read from globals)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

DB_ENV_VAR = "OBSERVATORY_DB"
SHARED_ENV_VAR = "OBSERVATORY_SHARED_DATA"
INBOX_ENV_VAR = "OBSERVATORY_INBOX"
ACCESS_ENV_VAR = "OBSERVATORY_ACCESS"
# Production mode: OBSERVATORY_DEMO=0 builds no demo data and hides any demo value the warehouse holds.
DEMO_ENV_VAR = "OBSERVATORY_DEMO"
# The versioned access file (who may submit for which commune, who reviews); the demo accounts live in their own file
# so a real deployment never grants rights to the demo `sub`s.
ACCESS_FILE = REPO_ROOT / "config" / "access.yaml"
DEMO_ACCESS_FILE = REPO_ROOT / "config" / "access-demo.yaml"


@dataclass(frozen=True)
class Settings:
    """Where the observatory reads its embedded data and writes its warehouse.

    `data_dir` holds the files shipped in the repository (boundaries, reference tables, catalogue);
    `db_path` is the DuckDB warehouse built from them; `shared_dir` is the upstream reference data
    that `python -m analytics prepare` derives `data_dir` from.
    """

    data_dir: Path = field(default_factory=lambda: REPO_ROOT / "data")
    db_path: Path = field(default_factory=lambda: REPO_ROOT / "data" / "observatory.duckdb")
    shared_dir: Path = field(default_factory=lambda: REPO_ROOT.parent / "shared" / "data")
    # Where generated submissions (the demo files) are written: `data_dir/raw` unless given (tests use a temp folder).
    raw_dir: Path = None  # type: ignore[assignment]  # filled in by __post_init__
    # The communes' submissions waiting for review and the audit log: a SQLite file of its own (never the warehouse),
    # beside the warehouse unless given, so every warehouse (and every test's) has its own inbox.
    inbox_path: Path = None  # type: ignore[assignment]  # filled in by __post_init__
    # Who may do what after signing in (analytics.config.access).
    access_path: Path = ACCESS_FILE
    # Demo data on a first start, shown labelled (True), or the production mode: official values only (False).
    demo: bool = True

    def __post_init__(self) -> None:
        if self.raw_dir is None:
            object.__setattr__(self, "raw_dir", self.data_dir / "raw")
        if self.inbox_path is None:
            object.__setattr__(self, "inbox_path", self.db_path.with_name("inbox.sqlite"))

    @classmethod
    def from_env(cls, db_path: str | os.PathLike | None = None) -> Settings:
        """Settings with `--db` taking precedence over `OBSERVATORY_DB`, which beats the default."""
        base = cls()
        chosen = db_path or os.environ.get(DB_ENV_VAR)
        shared = os.environ.get(SHARED_ENV_VAR)
        inbox = os.environ.get(INBOX_ENV_VAR)
        access = os.environ.get(ACCESS_ENV_VAR)
        return cls(
            data_dir=base.data_dir,
            db_path=Path(chosen).resolve() if chosen else base.db_path,
            shared_dir=Path(shared).resolve() if shared else base.shared_dir,
            inbox_path=Path(inbox).resolve() if inbox else None,  # type: ignore[arg-type]
            access_path=Path(access).resolve() if access else base.access_path,
            demo=os.environ.get(DEMO_ENV_VAR, "1").strip().lower() not in ("0", "false", "no", "off"),
        )

    @property
    def inbox_files_dir(self) -> Path:
        """Uploaded files, content-addressed (`<sha256[:2]>/<sha256>`), in a folder beside the inbox database."""
        return self.inbox_path.with_name(self.inbox_path.stem + "-files")

    @property
    def boundaries_dir(self) -> Path:
        return self.data_dir / "boundaries"

    @property
    def reference_dir(self) -> Path:
        return self.data_dir / "reference"

    @property
    def programmes_dir(self) -> Path:
        return self.data_dir / "programmes"

    @property
    def elections_dir(self) -> Path:
        return self.data_dir / "elections"

    @property
    def population_dir(self) -> Path:
        return self.data_dir / "population"

