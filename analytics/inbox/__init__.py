"""Communes' own figures: the inbox of submissions awaiting review, the audit log, and approval into the warehouse."""
