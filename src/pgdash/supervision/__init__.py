"""督办: the supervision ledger of the work report's tasks, kept in a database.

No Streamlit here. The app draws the 督办 page from these modules; the overview strip,
the 督办 slide and the export page call :func:`pgdash.supervision.summary.briefing`.
"""
