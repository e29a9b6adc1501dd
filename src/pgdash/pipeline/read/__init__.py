"""Read stage: in, the seed files and their .toml metadata; out, Documents with decoded,
normalized text (PDF line breaks joined, page chrome and glossaries cut), their parts and
years. Also ``pgdash add``: a new document copied into the seeds with detected metadata."""
