"""Page-only pieces, one module beside each page of ``pages/`` (same name)."""
