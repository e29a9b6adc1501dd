"""Document text is shown inert: escaped for HTML and for Markdown, highlights exact."""

import html
import re

import pytest

from pgdash.display.safe import escape_markdown, escape_text, highlight

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![i](http://x/y.png)",
    ":red[x] and :material/home:",
    "$x^2$ and $$y$$",
    "<img src=x onerror=alert(1)>",
    "**bold** _it_ `code` ~~s~~ # h",
    "a & b < c > d \" e ' f",
    "<b>粗体</b>【平谷】“引号”",
]
# After escaping, none of these may appear raw: they are what HTML and Markdown act on.
ACTIVE = set("<>[]()!$:*_`~#&\"'")


def _unmark(text: str) -> str:
    """The visible text of our HTML: tags removed, entities decoded, <br> as newline."""
    return html.unescape(re.sub(r"<(?!br>)[^>]+>", "", text).replace("<br>", "\n"))


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_text_leaves_no_active_character(text):
    escaped = escape_text(text)
    assert not (set(escaped.replace("&#", "").replace(";", "")) & (ACTIVE - {"&"})), escaped
    assert "&" not in escaped.replace("&#", "")


@pytest.mark.parametrize("text", [*HOSTILE, "第一行\n第二行"])
def test_escape_text_shows_the_same_characters(text):
    assert _unmark(escape_text(text)) == text


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_markdown_backslashes_every_syntax_character(text):
    escaped = escape_markdown(text)
    unescaped = re.sub(r"\\(.)", r"\1", escaped)
    assert unescaped == text
    for i, ch in enumerate(escaped):
        if ch in "[]()!$*_`~#<>:":
            assert escaped[i - 1] == "\\", (escaped, i)


def test_escape_markdown_keeps_a_label_on_one_line():
    assert "\n" not in escape_markdown("一\n二")


def test_highlight_marks_exactly_the_spans():
    text = "收入增长11.2%，增速全市第一"
    start = text.index("11.2")
    out = highlight(text, [(start, start + 4)], "num")
    assert [html.unescape(m) for m in re.findall(r'<mark class="num">(.*?)</mark>', out)] == [
        "11.2"
    ]
    assert _unmark(out) == text


@pytest.mark.parametrize(
    ("spans", "marked"),
    [
        ([(0, 2), (1, 4)], ["abcd"]),  # overlapping spans merge
        ([(0, 2), (2, 4)], ["abcd"]),  # touching spans merge
        ([(-5, 1), (9, 99)], ["a", "j"]),  # out of range is clipped
        ([(3, 3), (5, 4)], []),  # empty spans are dropped
        ([(6, 8), (0, 1)], ["a", "gh"]),  # order does not matter
    ],
)
def test_highlight_span_edge_cases(spans, marked):
    text = "abcdefghij"
    out = highlight(text, spans)
    assert [html.unescape(m) for m in re.findall(r"<mark[^>]*>(.*?)</mark>", out)] == marked
    assert _unmark(out) == text


@pytest.mark.parametrize("text", HOSTILE)
def test_highlight_escapes_inside_and_outside_the_mark(text):
    out = highlight(text, [(0, len(text) // 2)])
    body = re.sub(r"</?mark[^>]*>", "", out)
    assert "<" not in body and ">" not in body
    assert _unmark(out) == text
