"""The page's file check exactly as `ui.limited_check` runs it in its forked child, reporting that child's peak
memory (VmHWM) instead of only the result: a module of its own so the fork server can import it cheaply."""

from __future__ import annotations

from typing import Any

from analytics.checks.validate import ReferenceCodes
from ui import limited_check


class _Kept:
    """Stands in for the child's pipe: keeps what the check sends."""

    value: Any = None

    def send(self, value: Any) -> None:
        self.value = value

    def close(self) -> None:
        pass


def peak_bytes() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM"))


def checked_peak(conn: Any, data: bytes, name: str, reference: ReferenceCodes) -> None:
    """In the forked child: `limited_check._child` (allocator, limits, check), then the kind of result and the peak."""
    kept = _Kept()
    limited_check._child(kept, data, name, reference, limited_check.MEMORY_BUDGET, int(limited_check.TIMEOUT_S) + 1)
    conn.send((kept.value[0], peak_bytes()))
    conn.close()


def page_peak(data: bytes, name: str, reference: ReferenceCodes) -> tuple[str, int]:
    """Run the page's check of `data` in a child of the page's fork server; its result kind and peak bytes."""
    context = limited_check._forkserver()
    parent, child = context.Pipe(duplex=False)
    proc = context.Process(target=checked_peak, args=(child, data, name, reference), daemon=True)
    proc.start()
    child.close()
    try:
        return parent.recv()
    finally:
        proc.join(30)
        parent.close()
