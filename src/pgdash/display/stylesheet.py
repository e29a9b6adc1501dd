"""The app's stylesheet: the colours as variables, one rule per sector, and ``style.css``,
compacted once per process.

The server's index page carries it (``pgdash.web.index_page``), so no run sends it; under a
bare ``streamlit run app.py`` (or AppTest) the app sends it as an element instead.
"""

import re
from pathlib import Path

from pgdash.display import colours, fragments

_STRING = re.compile(r'("(?:[^"\\]|\\.)*")')  # a CSS string literal, kept as it is
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_AROUND = re.compile(r"\s*([{};,>])\s*")  # no space is needed around these ...
_AFTER = re.compile(r":\s+")  # ... nor after a colon (a selector never has one before a space)
SOURCE = Path(__file__).with_name("style.css")
# Set (to "1") in the server process whose index page carries the sheet.
STYLED_INDEX = "PGDASH_STYLED_INDEX"


def compact_css(css: str) -> str:
    """``css`` without comments and without the whitespace it does not need (outside
    strings)."""
    parts = _STRING.split(_COMMENT.sub("", css))
    for i in range(0, len(parts), 2):  # even parts are outside strings
        code = re.sub(r"\s+", " ", parts[i])
        parts[i] = _AFTER.sub(":", _AROUND.sub(r"\1", code)).replace(";}", "}")
    return "".join(parts).strip()


CSS = compact_css(SOURCE.read_text(encoding="utf-8"))
APP_CSS = f"{colours.css_variables()}{fragments.sector_css()}{CSS}"  # everything, in order
