"""Presentation mode on the server: changing slides (keys, buttons, auto-advance) goes
through the session state without Streamlit's "default value … also set via the Session
State API" warning."""

from pathlib import Path

import pytest
from streamlit.elements.lib import policies
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch, built_data: Path) -> list[str]:
    """The widget-policy warnings Streamlit logs while the test runs (on the session's build,
    not data/)."""
    monkeypatch.setenv("PGDASH_DATA", str(built_data))
    said: list[str] = []
    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    monkeypatch.setattr(policies._LOGGER, "warning", lambda msg, *a, **k: said.append(msg % a))
    return said


def presentation() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/presentation.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_next_and_previous_change_the_slide_without_a_warning(warnings: list[str]) -> None:
    at = presentation()
    at.button(key="pgs_next").click().run()
    at.button(key="pgs_next").click().run()
    assert at.number_input(key="slide").value == 3
    at.button(key="pgs_prev").click().run()
    assert at.number_input(key="slide").value == 2
    assert not at.exception
    assert not [w for w in warnings if "default value" in w], warnings


def _widths(node: object) -> list[int]:
    """Every ``width`` in a Vega-Lite specification."""
    if isinstance(node, dict):
        own = [node["width"]] if isinstance(node.get("width"), int) else []
        return own + [w for value in node.values() for w in _widths(value)]
    if isinstance(node, list):
        return [w for value in node for w in _widths(value)]
    return []


@pytest.mark.parametrize("phone", [False, True])
def test_a_phone_gets_the_slides_chart_in_its_column(warnings, monkeypatch, phone) -> None:
    """A projector's chart is 1,250 px wide; on a 390 px phone it would be cut off."""
    import json

    from pgdash.app import components
    from pgdash.app.pages import presentation as page

    monkeypatch.setattr(components, "on_phone", lambda: phone)
    at = presentation()
    for number in range(1, 19):  # the first slide with a chart
        at.number_input(key="slide").set_value(number).run()
        charts = at.get("vega_lite_chart")
        if charts:
            break
    widths = _widths(json.loads(charts[0].proto.spec))
    assert widths and max(widths) <= (page.PHONE_CHART[0] if phone else page.WIDE_CHART[0])
    assert (max(widths) <= page.PHONE_CHART[0]) == phone


@pytest.mark.parametrize("phone", [False, True])
def test_only_a_desk_is_told_of_the_arrow_keys(warnings, monkeypatch, phone) -> None:
    """A phone has no arrow keys: its bar does not name them."""
    from pgdash.app import components
    from pgdash.display.i18n import t

    monkeypatch.setattr(components, "on_phone", lambda: phone)
    at = presentation()
    hints = [c.value for c in at.caption if c.value == t("present_keys_hint", "zh")]
    assert len(hints) == (0 if phone else 1)
