"""Showing document text inertly: as text, never as markup.

Document strings may contain anything (HTML, Markdown links and images, Streamlit's
``:red[…]`` directives, ``$…$`` formulas). Pages show them with ``st.text``, dataframes,
or HTML built here, where every document character is escaped: HTML-special characters
become entities and so do the characters Markdown and Streamlit give a meaning to, so the
result is inert whether it reaches an HTML or a Markdown renderer.
"""

import re
from collections.abc import Iterable

# Characters Markdown (CommonMark + GFM), KaTeX and Streamlit directives treat as syntax.
_MARKUP = set("\\`*_{}[]()<>#+-.!|~$:&\"'=/@%^")
_ENTITY = {c: f"&#{ord(c)};" for c in _MARKUP}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&])")


def escape_text(text: str) -> str:
    """``text`` as inert HTML: every markup-meaningful character becomes an entity."""
    out = []
    for ch in text:
        if ch in _ENTITY:
            out.append(_ENTITY[ch])
        elif ch == "\n":
            out.append("<br>")
        else:
            out.append(ch)
    return "".join(out)


def escape_markdown(text: str) -> str:
    """``text`` for a Markdown label (metric, expander): syntax characters backslash-escaped.

    Use only for short names (metric names, titles); longer document text goes through
    ``st.text``, dataframes or :func:`escape_text` and ``st.html``.
    """
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def highlight(text: str, spans: Iterable[tuple[int, int]], css_class: str = "hl") -> str:
    """Inert HTML of ``text`` with each ``[start, end)`` span wrapped in ``<mark>``.

    Spans are offsets into ``text``; overlapping or out-of-range spans are clipped and
    merged so the marks never nest and every character is shown exactly once.
    """
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out.append(escape_text(text[pos:start]))
        out.append(f'<mark class="{css_class}">{escape_text(text[start:end])}</mark>')
        pos = end
    out.append(escape_text(text[pos:]))
    return "".join(out)
