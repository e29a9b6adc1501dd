"""Read stage: in, the seed files and their .toml metadata;
out, Documents with decoded, normalized text (PDF line breaks joined)."""
