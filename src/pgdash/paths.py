"""Where the project's folders are; overridable by environment variables for tests."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(__file__).resolve().parent
# What ``streamlit run`` serves: app.py inside Streamlit's ASGI app, behind pgdash's index page.
SERVER = PACKAGE / "web" / "asgi.py"
CURATED = PACKAGE / "curated"
# The district the curated files (metrics, sites, translations) and the boundary describe;
# they speak only to its documents.
CURATED_DISTRICT = "平谷区"


def seeds_dir() -> Path:
    """The folder of source documents (``PGDASH_SEEDS`` or ``seeds/``)."""
    return Path(os.environ.get("PGDASH_SEEDS", ROOT / "seeds"))


def data_dir() -> Path:
    """The folder of built tables (``PGDASH_DATA`` or ``data/``)."""
    return Path(os.environ.get("PGDASH_DATA", ROOT / "data"))


def cache_dir() -> Path:
    """Where exports keep what is the same from one run to the next (rendered charts, font
    subsets): ``PGDASH_CACHE``, else ``$XDG_CACHE_HOME/pgdash``, else ``~/.cache/pgdash``."""
    if named := os.environ.get("PGDASH_CACHE"):
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "pgdash"


LEDGER_FILE = "supervision.db"  # the embedded 督办 ledger, in state_dir()


def state_dir() -> Path:
    """The folder of the embedded 督办 ledger database (``PGDASH_STATE`` or ``state/``)."""
    return Path(os.environ.get("PGDASH_STATE", ROOT / "state"))
