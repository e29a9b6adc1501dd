"""Extract stage: in, Documents and their outlines; out, what each states on its own:
the facts table (figures with period, kind, sector, quote) and the honours table."""
