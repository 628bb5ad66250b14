"""Checked submissions into the warehouse, all-or-nothing per file, with provenance."""
