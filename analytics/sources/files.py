"""A submitted file as the pipeline passes it on: its bytes and the name problems are reported under.

Sources (official facts, the demo generator, an upload, a path on disk) all hand the pipeline these; nothing here
reads or interprets the content.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path


class FileRefused(Exception):
    """A path that is not a plain file of ours to read (a symlink, a device, a folder); str(exc) says which."""


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


def read_regular_file(path: Path, max_bytes: int) -> bytes | int:
    """The bytes of a regular file, or its size when it is over `max_bytes` (nothing read then).

    Refuses a symbolic link (it may point at any file the user running the command can read, such as /etc/passwd,
    whose first line would otherwise be quoted back as a "header") and anything that is not a regular file (a device
    such as /dev/zero would never end, a pipe would block). Opened without following links and checked on the open
    descriptor, so the file cannot be swapped between the check and the read; never more than `max_bytes` + 1 read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):  # O_NOFOLLOW met a link
            raise FileRefused("is a symbolic link; give the path of the file itself") from None
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
            raise FileRefused(f"is {kind}, not a file")
        if info.st_size > max_bytes:
            return info.st_size
        data = handle.read(max_bytes + 1)
    return len(data) if len(data) > max_bytes else data
