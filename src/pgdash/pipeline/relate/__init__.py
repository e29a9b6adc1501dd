"""Relate stage: in, Documents, outlines, facts and the curated files; out, the tables that
tie facts together: comparisons, tasks, main_targets, sites (and the district boundary)."""
