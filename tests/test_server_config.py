"""The server settings every `pgdash run` gets, as Streamlit reads them from the project.

`pgdash run` starts ``streamlit run`` on pgdash.web.asgi (app.py in Streamlit's ASGI app) in
the project folder, so Streamlit takes its settings from ``.streamlit/config.toml``; each one
here was chosen for a measured reason.
"""

import pytest
from streamlit import config

from pgdash.paths import ROOT


@pytest.fixture
def project_config(monkeypatch: pytest.MonkeyPatch):
    """Streamlit's options parsed as the server started in the project folder parses them."""
    monkeypatch.chdir(ROOT)
    config.get_config_options(force_reparse=True)
    yield config.get_option
    config.get_config_options(force_reparse=True)


@pytest.mark.parametrize(
    ("option", "value"),
    [
        # No file watchers: each new session walked every loaded module on the event loop.
        ("server.fileWatcherType", "none"),
        ("server.runOnSave", False),
        # No full collection after every run (120–180 ms of each run under load).
        ("runner.postScriptGC", False),
        # The 台账 upload is refused above 10 MB before the server holds it.
        ("server.maxUploadSize", 10),
        # Downloads go through pgdash's writers, which never write a formula.
        ("client.disableDataExport", True),
        ("browser.gatherUsageStats", False),
    ],
)
def test_the_app_server_runs_with_the_projects_settings(project_config, option, value) -> None:
    assert project_config(option) == value


def test_the_server_address_is_named_so_a_start_asks_nobody_outside(project_config) -> None:
    """Headless and without a named address, Streamlit asks an outside service for the
    machine's external address at every start (its default value is the same "localhost",
    so what matters is that the project names it)."""
    assert config.is_manually_set("browser.serverAddress")
    assert project_config("browser.serverAddress") == "localhost"
