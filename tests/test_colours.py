"""One colour language: result, target and latest keep one colour in the app, the slides,
the PPTX deck and the PDF handout; red and green only for a judged status."""

from pathlib import Path

from pgdash.briefing import charts, slide_html
from pgdash.display import colours
from pgdash.export import handout, pptx

STYLE_CSS = Path(colours.__file__).with_name("style.css")


def test_targets_and_missing_values_are_not_alarm_red_nor_green() -> None:
    judged = {colours.TONE["good"], colours.TONE["bad"]}
    assert not judged & {*colours.ROLE.values(), colours.MISSING}
    assert len(set(colours.ROLE.values())) == 3  # three roles, three colours


def test_the_app_reads_the_colours_as_variables_not_as_copies() -> None:
    css = STYLE_CSS.read_text(encoding="utf-8").lower()
    variables = colours.css_variables()
    for role, colour in colours.ROLE.items():
        assert f"--pg-{role}:{colour}" in variables
        assert f".pg-mark-{role} {{background: var(--pg-{role})" in css
        if colour != colours.BRAND:  # the result's navy is also the headings' brand colour
            assert colour.lower() not in css, f"{role} colour copied into style.css"


def test_slides_charts_and_exports_use_the_same_colours() -> None:
    assert charts.ROLE_COLOURS == colours.ROLE
    for role, colour in colours.ROLE.items():
        assert colour in slide_html.STYLE
        assert str(pptx.ROLE[role]) == colour[1:].upper()
        assert handout.ROLE[role] == colours.rgb(colour)
    assert str(pptx.TONE["bad"]) == colours.TONE["bad"][1:].upper()


def test_a_kind_takes_its_roles_colour() -> None:
    assert colours.kind_colour("target") == colours.kind_colour("plan") == colours.ROLE["target"]
    assert (
        colours.kind_colour("actual") == colours.kind_colour("estimate") == colours.ROLE["result"]
    )
    assert colours.rgb("#1f3a60") == (31, 58, 96)
