"""Text broken into lines of a given width, for charts and slides whose text engine does not
wrap (Vega titles and headers) or wraps Chinese anywhere (PowerPoint).

Widths are estimated from the type size: a Chinese character is one em, a Latin letter or
digit a little over half. Latin words and numbers with their unit are never split; a line
never starts with closing punctuation.
"""

import re

WIDE_FROM = 0x2E80  # CJK radicals onwards: one em wide
NARROW_EM = 0.56  # an average Latin glyph of a sans-serif face, in ems
# A Latin word or a number with its unit and comparator (330亿元以上, 6.2%, 24部以上) stays
# whole; any other character (a Chinese one) is a token by itself.
_TOKEN = re.compile(
    r"\s+"
    r"|[0-9][0-9.,]*(?:[%％]|[万亿千百]?[元人户个部套家项吨亩米次年月日]*)(?:左右|以上|以内|以下)?"
    r"|[A-Za-z0-9][\w.,%’'\-–/:]*[;,:)]?"
    r"|."
)
NO_LINE_START = set("）)，,。.；;：:、！!？?%％」』”’》")


def text_px(text: str, font_px: float) -> float:
    """The estimated width of ``text`` set at ``font_px`` pixels (or points)."""
    return sum(font_px if ord(ch) >= WIDE_FROM else NARROW_EM * font_px for ch in text)


def wrap(text: str, width: float, font_px: float, max_lines: int = 0) -> list[str]:
    """``text`` in lines no wider than ``width`` (in the unit of ``font_px``); a token wider
    than a line gets a line of its own. With ``max_lines``, the lines beyond are joined to the
    last one (the text is never cut)."""
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(text or ""):
        if not line and token.isspace():
            continue
        fits = text_px(line + token.rstrip(), font_px) <= width
        if fits or not line.strip() or token[0] in NO_LINE_START:
            line += token
            continue
        lines.append(line.rstrip())
        line = "" if token.isspace() else token
    if line.strip():
        lines.append(line.rstrip())
    if max_lines and len(lines) > max_lines:
        joiner = "" if all(ord(c) >= WIDE_FROM for c in lines[max_lines - 1][-1:]) else " "
        lines = [*lines[: max_lines - 1], joiner.join(lines[max_lines - 1 :])]
    return lines or [""]


# After these words a value goes on with its number or unit: "No. 2", "1.97 bn yuan".
_HOLDS_NEXT = frozenset({"bn", "m", "million", "billion", "thousand", "per", "sq"})
# A phrase's first words hold the next one ("at least", "in the city", "for 3,136 mu"); a
# number does not take one as its unit ("No. 1 / in the city", never "No. 1 in / the city").
_PHRASE_WORDS = frozenset({"in", "among", "of", "at", "for", "to", "the", "a", "an"})


def value_chunks(value: str) -> list[str]:
    """A figure's value as the pieces a line may break between, only at spaces: a number
    keeps its unit ("2,100 people", "1.97 bn yuan"), an abbreviation what it abbreviates
    ("No. 2") and a phrase its words ("in the city"); "at least 2,100 people" → at least ·
    2,100 people, "No. 1 in the city" → No. 1 · in the city."""
    chunks: list[str] = []
    for word in value.split(" "):
        last = chunks[-1].split(" ")[-1] if chunks else ""
        if chunks and (
            last in _PHRASE_WORDS
            or (any(c.isdigit() for c in last) and word not in _PHRASE_WORDS)
            or last.endswith(".")
            or last in _HOLDS_NEXT
        ):
            chunks[-1] += " " + word
        else:
            chunks.append(word)
    return chunks


def unbroken(value: str) -> str:
    """``value`` with no-break spaces inside its chunks (:func:`value_chunks`), so a line
    may break only between them: "about 7%", "17.5 bn yuan" and "11 people" stay whole."""
    return " ".join(chunk.replace(" ", "\u00a0") for chunk in value_chunks(value))
