"""A submitted file as the pipeline passes it on: its bytes and the name problems are reported under.

Sources (official facts, the demo generator, an upload, a path on disk) all hand the pipeline these; nothing here
reads or interprets the content.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass
class SubmissionFile:
    """The bytes of one submitted file and the name it is reported under."""

    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def extension(self) -> str:
        return Path(self.name).suffix.lower()

    @classmethod
    def from_path(cls, path: Path, name: str | None = None) -> SubmissionFile:
        return cls(name or str(path), Path(path).read_bytes())
