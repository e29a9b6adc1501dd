"""The 督办 page's navigation title, registered with the app's labels from ``app.py``."""

from pgdash.supervision.labels import LABELS as SUPERVISION_LABELS
from pgdash.ui.i18n import LABELS

PAGE_KEY = "page_supervision"


def page_key() -> str:
    """Register the page title (中文 / English) and return its label key for ``PAGES``."""
    LABELS.setdefault(PAGE_KEY, SUPERVISION_LABELS["page"])
    return PAGE_KEY
