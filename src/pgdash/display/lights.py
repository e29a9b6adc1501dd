"""The overview's 督办 strip as inert HTML: one chip per light with its count.

Plain values in (what each light is called, how many, its colour), so the display layer
needs nothing of the ledger; the app reads the counts and the words.
"""

from collections.abc import Iterable

from pgdash.display.safe import escape_text


def strip_html(
    title: str, lights: Iterable[tuple[str, str, int, str]], note: str = "", rule: str = ""
) -> str:
    """``title``, then a chip per (light, label, count, colour), then ``note``; ``rule`` (how
    the lights are set) is the strip's tooltip."""
    chips = "".join(
        f'<span class="pg-light pg-light-{escape_text(light)}" style="--c:{escape_text(colour)}">'
        f"<b>{int(count)}</b> {escape_text(label)}</span>"
        for light, label, count, colour in lights
    )
    note_html = f'<span class="pg-lights-note">{escape_text(note)}</span>' if note else ""
    return (
        f'<div class="pg-lights" title="{escape_text(rule)}">'
        f'<span class="pg-lights-title">{escape_text(title)}</span>'
        f"{chips}{note_html}</div>"
    )
