"""Shared fixtures: the seed documents, a real build of them, and small synthetic tables."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import synthetic
from browser import CHROMIUM

from pgdash.app.data import Dataset, load_dataset
from pgdash.paths import seeds_dir
from pgdash.pipeline.read.seeds import load_corpus
from pgdash.pipeline.write.build import build, documents_frame

pytest_plugins = ["supervision_fixtures"]  # the ledger databases (SQLite, PostgreSQL)


os.environ["PGDASH_WARM"] = "0"  # no background export warm-up after the tests' builds
os.environ["PGDASH_FREEZE"] = "0"  # no full collection per page of each of the tests' builds


@pytest.fixture(scope="session", autouse=True)
def export_cache(tmp_path_factory) -> Iterator[Path]:
    """The exports' cache (chart images, font subsets, written files) in a folder of the
    run, not the user's ~/.cache, for this process and the servers it starts."""
    folder = tmp_path_factory.mktemp("export-cache")
    before = os.environ.get("PGDASH_CACHE")
    os.environ["PGDASH_CACHE"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("PGDASH_CACHE", None)
    else:
        os.environ["PGDASH_CACHE"] = before


@pytest.fixture(scope="session")
def seed_docs():
    """The two source documents, decoded and normalized."""
    return load_corpus(seeds_dir())


@pytest.fixture(scope="session")
def built_data(tmp_path_factory) -> Path:
    """A real build of the seeds into a temporary folder: the product's true data."""
    folder = tmp_path_factory.mktemp("built") / "data"
    build(seeds_dir(), folder)
    return folder


@pytest.fixture(scope="session")
def built(built_data) -> Dataset:
    """The real build as the app loads it."""
    return load_dataset(built_data)


@pytest.fixture(scope="session")
def synthetic_data(tmp_path_factory, seed_docs) -> Path:
    """Small synthetic tables (located in the real texts) written as a data folder."""
    folder = tmp_path_factory.mktemp("synthetic") / "data"
    return synthetic.write_dataset(seed_docs, documents_frame(seed_docs), folder)


@pytest.fixture(scope="session")
def synth(synthetic_data) -> Dataset:
    """The synthetic tables as the app loads them."""
    return load_dataset(synthetic_data)


@pytest.fixture
def app_data(monkeypatch):
    """Point the app at a data folder: ``app_data(path)``."""

    def use(folder: Path) -> Path:
        monkeypatch.setenv("PGDASH_DATA", str(folder))
        return folder

    return use


def pytest_report_header(config):
    chromium = Path("/usr/bin/chromium")
    return (
        f"chromium: {'present' if chromium.exists() else 'absent'}; CI={os.environ.get('CI', '')}"
    )


def require_chromium() -> None:
    """Skip (or, under CI=true, fail) when Debian's Chromium is not installed."""
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} not found: install Debian's chromium and fonts-noto-cjk (apt)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def sync_api():
    """Playwright's sync API for the browser tests (Debian's Chromium required)."""
    require_chromium()
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        yield p
