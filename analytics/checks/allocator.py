"""The Arrow allocator of a process that checks submission files: jemalloc (the system's where a build lacks it).

Why: with pyarrow's default, mimalloc, the pages a check frees stay resident and its peak (VmHWM) climbs well above
what it holds at any one time. Measured on the page's check, above the same check of a tiny file:

| file                                             | mimalloc | jemalloc | system |
|--------------------------------------------------|----------|----------|--------|
| 50,000 rows, three errors each (CSV, 1.8 MiB)    |   35 MiB |   13 MiB | 11 MiB |
| 50,000 rows with a comment (XLSX, 42 KB)         |   19 MiB |   14 MiB | 11 MiB |
| 5,000 values of 1,999 digits each (CSV, 9.7 MiB) |   26 MiB |   23 MiB | 30 MiB |

jemalloc has the lowest worst case. Called once by each process that checks files (the CLI's ingest commands, the
page's check child) before it reads one; buffers made earlier stay valid in their own pool.
"""

from __future__ import annotations

import pyarrow as pa


def use_check_allocator() -> None:
    """Make jemalloc Arrow's default pool in this process (the system allocator if this build has no jemalloc)."""
    try:
        pool = pa.jemalloc_memory_pool()
    except NotImplementedError:
        pool = pa.system_memory_pool()
    pa.set_memory_pool(pool)
