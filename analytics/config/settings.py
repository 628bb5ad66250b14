"""Every path and tunable of the observatory, declared once and passed in (never read from globals)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

DB_ENV_VAR = "OBSERVATORY_DB"
SHARED_ENV_VAR = "OBSERVATORY_SHARED_DATA"


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

    def __post_init__(self) -> None:
        if self.raw_dir is None:
            object.__setattr__(self, "raw_dir", self.data_dir / "raw")

    @classmethod
    def from_env(cls, db_path: str | os.PathLike | None = None) -> Settings:
        """Settings with `--db` taking precedence over `OBSERVATORY_DB`, which beats the default."""
        base = cls()
        chosen = db_path or os.environ.get(DB_ENV_VAR)
        shared = os.environ.get(SHARED_ENV_VAR)
        return cls(
            data_dir=base.data_dir,
            db_path=Path(chosen).resolve() if chosen else base.db_path,
            shared_dir=Path(shared).resolve() if shared else base.shared_dir,
        )

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

