"""Named moments inside a warehouse write, where a fault test can stop the process and kill it with SIGKILL.

Why: "all-or-nothing" and "no leftovers" are claims about what a process killed at any moment leaves behind; a test
can only check them by killing a real writer at known moments. With `OBSERVATORY_PAUSE_AT=<name>` in the environment
the writer, on reaching that moment, writes the name to the file `OBSERVATORY_PAUSE_FLAG` and sleeps, and the test
sends SIGKILL. Unset (always, outside tests), `pause_at` costs one dictionary lookup.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PAUSE_ENV = "OBSERVATORY_PAUSE_AT"
FLAG_ENV = "OBSERVATORY_PAUSE_FLAG"

CHANGE_COPIED = "change-copied"  # the private copy exists, nothing changed in it yet
CHANGE_WRITTEN = "change-written"  # the copy holds the change, before the rename
CHANGE_SWAPPED = "change-swapped"  # renamed over the warehouse
BUILD_SNAPSHOT = "build-snapshot"  # a new file is being filled; the previous warehouse's snapshot exists
BUILD_WRITTEN = "build-written"  # the new file is complete, before the rename
POINTS = (CHANGE_COPIED, CHANGE_WRITTEN, CHANGE_SWAPPED, BUILD_SNAPSHOT, BUILD_WRITTEN)


def pause_at(point: str) -> None:
    """Stop here for good (until killed) when the environment names this point; otherwise return at once."""
    if os.environ.get(PAUSE_ENV) != point:
        return
    flag = os.environ.get(FLAG_ENV)
    if flag:
        Path(flag).write_text(point)
    while True:
        time.sleep(60)
