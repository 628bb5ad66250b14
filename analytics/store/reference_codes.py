"""The reference codes the validator checks against, read from the warehouse's reference layer."""

from __future__ import annotations

from analytics.checks.reference import ReferenceCodes
from analytics.store.reader import Source, run_named


def reference_codes(source: Source) -> ReferenceCodes:
    """Codes through a read-only WarehouseReader (the page's uploader) or a connection (ingest, build)."""
    return ReferenceCodes.from_frame(run_named(source, "checks.sql", "reference_codes"))
