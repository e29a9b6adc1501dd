"""督办 page: the ledger's lights, red and overdue tasks, records, notes, history, Excel."""

from pgdash.app.pages.supervision.page import render

__all__ = ["render"]
