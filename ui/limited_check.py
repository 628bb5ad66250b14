"""Run the /data page's file check in a child process with a memory and a time limit, so no upload takes the server
down.

Why a child: a reader written in Rust or C (the XLSX reader) aborts the whole process when an allocation fails,
which no `except` can catch, and one visitor's file must not end every session on the server. The checks refuse
known hostile shapes first (analytics.checks.xlsx_guard); this is the second line for whatever they miss.

How: a `forkserver` context. The fork server is a fresh single-threaded interpreter started once, with the checking
modules imported (`PRELOAD`); each check is forked from it (~30 ms), never from the threaded Streamlit process. The
child sets RLIMIT_AS (its address space at start + `MEMORY_BUDGET`) and RLIMIT_CPU before checking; the parent waits
`TIMEOUT_S` and kills it after. At most `MAX_PARALLEL` checks run at once (the others wait), so twenty visitors
uploading together cannot use more than two budgets. Every way the child can end becomes an UploadCheck with one
message, in the command line's `FILE: message` form.
"""

from __future__ import annotations

import multiprocessing
import resource
import threading
from multiprocessing import spawn
from typing import Any

from analytics.checks.allocator import use_check_allocator
from analytics.checks.problems import SubmissionProblem
from analytics.checks.validate import ReferenceCodes
from analytics.ingest.kpis import UploadCheck, validate_upload

MEMORY_BUDGET = 1 << 30  # address space the check may add to the forked child's (a 10 MB upload needs < 400 MiB)
TIMEOUT_S = 30.0
MAX_PARALLEL = 2
PRELOAD = ["ui.check_warmup", "ui.limited_check"]

_slots = threading.BoundedSemaphore(MAX_PARALLEL)
_context_lock = threading.Lock()
_context: Any = None
_spawn_preparation = spawn.get_preparation_data


def _preparation_without_main(name: str) -> dict[str, Any]:
    """The child's preparation data, without the parent's `__main__`.

    Under `streamlit run` the main module is Streamlit's command-line script, and a forkserver child would import it
    again before every check (~0.6 s of imports). The checks are module-level functions of importable modules, so a
    child never needs it; Python 3.11's forkserver ignores "__main__" in the preload list, so the keys are dropped.
    """
    data = _spawn_preparation(name)
    data.pop("init_main_from_path", None)
    data.pop("init_main_from_name", None)
    return data


def _forkserver() -> Any:
    global _context
    with _context_lock:
        if _context is None:
            spawn.get_preparation_data = _preparation_without_main
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload(PRELOAD)
        return _context


def _address_space() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _child(conn: Any, data: bytes, name: str, reference: ReferenceCodes, budget: int, cpu_s: int) -> None:
    """In the child: limit, check, send the result (or the kind of failure) back."""
    try:
        use_check_allocator()  # before the limit: its arenas belong to the start, not to the budget
        limit = _address_space() + budget
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
        try:
            conn.send(("ok", validate_upload(data, name, reference)))
        except MemoryError:
            conn.send(("memory", None))
        except Exception as exc:  # reported to the parent as one line, never raised in the server
            conn.send(("failed", type(exc).__name__))
    finally:
        conn.close()


def _refused(name: str, message: str) -> UploadCheck:
    return UploadCheck(0, [SubmissionProblem(name, None, None, message)])


def check_upload_limited(
    data: bytes, name: str, reference: ReferenceCodes, budget: int = MEMORY_BUDGET, timeout_s: float = TIMEOUT_S
) -> UploadCheck:
    """`validate_upload` in a limited child process; a check that runs out of memory or time is a rejection."""
    with _slots:
        context = _forkserver()
        parent, child = context.Pipe(duplex=False)
        proc = context.Process(target=_child, args=(child, data, name, reference, budget, int(timeout_s) + 1),
                               daemon=True)
        proc.start()
        child.close()
        try:
            if not parent.poll(timeout_s):
                kind, value = "timeout", None
            else:
                try:
                    kind, value = parent.recv()
                except EOFError:  # the child died: an aborted allocation (-6) or the kernel's OOM killer (-9)
                    kind, value = "died", None
        finally:
            if proc.is_alive():
                proc.kill()
            proc.join(5)
            parent.close()
    if kind == "ok":
        return value
    if kind == "memory" or (kind == "died" and proc.exitcode in (-6, -9)):
        return _refused(name, f"checking the file needed more than {budget >> 20} MiB and was stopped; "
                              "split it into several files")
    if kind == "timeout":
        return _refused(name, f"checking the file took longer than {timeout_s:g} s and was stopped; "
                              "split it into several files")
    detail = value if kind == "failed" else f"the check stopped with exit code {proc.exitcode}"
    return _refused(name, f"the file could not be checked ({detail})")
