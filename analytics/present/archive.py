"""Zip archives whose members unpack readable by everyone (0644), not by their owner only.

`zipfile.writestr(name, data)` stores no permission bits for a plain name, and some unzip tools then create the files
0600; an explicit `ZipInfo` with `external_attr = (S_IFREG | 0o644) << 16` makes every tool unpack them -rw-r--r--.
"""

from __future__ import annotations

import io
import stat
import time
import zipfile
from collections.abc import Mapping

MEMBER_MODE = 0o644


def zip_bytes(members: Mapping[str, bytes | str]) -> bytes:
    """An archive of `members` (path → bytes or UTF-8 text), deflated, each member 0644, in the given order."""
    stamp = time.localtime()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = (stat.S_IFREG | MEMBER_MODE) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buffer.getvalue()
