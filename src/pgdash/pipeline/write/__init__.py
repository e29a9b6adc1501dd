"""Write stage: in, the seeds folder; out, data/ (every table as Parquet, the boundary,
a manifest), swapped in atomically once all tables pass validation."""
