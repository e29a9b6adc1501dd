"""Validate stage: in, every built table and the documents' texts;
out, nothing, or a PgdashError naming the table, row and fix."""
