"""The stylesheet sent with every page: compacted, with the same rules and strings."""

import re

from pgdash.display import stylesheet

SOURCE = stylesheet.SOURCE.read_text(encoding="utf-8")
STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')


def _tokens(css: str) -> list[str]:
    """The stylesheet with comments and all whitespace outside strings taken out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    parts = STRINGS.split(css)
    return [re.sub(r"\s+", "", p).replace(";}", "}") for p in parts] + STRINGS.findall(css)


def test_the_compact_stylesheet_has_the_same_rules_and_strings() -> None:
    assert _tokens(stylesheet.CSS) == _tokens(SOURCE)
    assert '" ▾"' in stylesheet.CSS and '" · "' in stylesheet.CSS  # spaces in strings kept
    assert "calc(100% - .3rem)" in stylesheet.CSS  # the spaces calc() needs are kept


def test_the_compact_stylesheet_is_smaller_and_keeps_no_comment() -> None:
    assert "/*" not in stylesheet.CSS and "\n" not in stylesheet.CSS
    assert len(stylesheet.CSS) < 0.85 * len(SOURCE)


def test_compact_css_keeps_descendant_and_media_syntax() -> None:
    css = '@media (max-width: 640px) {\n  .a .b > :first-child, .c::before {content: "x ; y" ;}\n}'
    assert stylesheet.compact_css(css) == (
        '@media (max-width:640px){.a .b>:first-child,.c::before{content:"x ; y"}}'
    )
