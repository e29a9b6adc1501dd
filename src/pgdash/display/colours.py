"""One colour language for the app, the slides, the PPTX deck and the PDF handout.

A result, a target and a latest figure each keep one colour wherever they are drawn; green
and red are only for a judged status (good or bad on the measure's sense); targets and
missing values are never alarm red. The stylesheet reads these as CSS variables
(:func:`css_variables`); the exports take them as RGB (:func:`rgb`).
"""

ROLE = {
    "result": "#1f3a60",  # navy: what was achieved (2022 result, actual figures)
    "target": "#6a4c93",  # violet: what was promised (targets, plans)
    "latest": "#0f7b6c",  # teal: the newest figure
}
TONE = {"good": "#177245", "bad": "#b3261e", "neutral": "#5b6473"}
MISSING = "#9ca3af"  # no figure in the sources
INK = "#111827"
MUTED = "#4b5563"
BRAND = "#1f3a60"  # titles and headings
EMBLEM = "#b3261e"  # the government red of the title slide's rule, never a value
TILE_FILL = "#f3f5f9"

# What colour a single figure's value takes, by its kind.
KIND_ROLE = {"actual": "result", "estimate": "result", "target": "target", "plan": "target"}


def rgb(colour: str) -> tuple[int, int, int]:
    """ "#1f3a60" → (31, 58, 96)."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def kind_colour(kind: str) -> str:
    """The colour of a figure's value: results navy, targets and plans violet."""
    return ROLE[KIND_ROLE.get(kind, "result")]


def css_variables() -> str:
    """The colours as CSS custom properties on ``:root`` (``--pg-result`` …)."""
    pairs = {
        **{f"--pg-{role}": c for role, c in ROLE.items()},
        **{f"--pg-{tone}": c for tone, c in TONE.items()},
        "--pg-missing": MISSING,
    }
    body = ";".join(f"{name}:{value}" for name, value in pairs.items())
    return f":root{{{body}}}"
