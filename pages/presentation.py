"""演示 Presentation mode: one slide at a time, for a projector or a lobby screen.

The slides are those of the PPTX deck (``pgdash.briefing``) for the sector in force; the
presenter's bar, the layout and auto-advance live in ``pgdash.app.presenter``.
"""

from pgdash.app import views
from pgdash.app.context import page_context
from pgdash.app.pages import presentation as presenter

# 1/ DATA: the slides of the sector in force
ctx = page_context()
slides = views.slides(ctx.everything, ctx.sector, ctx.lang)
slides = presenter.with_ledger(slides, ctx)  # the 督办 slide, when the ledger has lights

# 2/ CONTROLS: the presenter's bar at the bottom of the screen
index, playing = presenter.controls(ctx, len(slides))
slide = slides[index - 1]

# 3/ THE SLIDE and, on request, its speaker notes
presenter.slide_body(slide, ctx)
presenter.speaker_notes(slide, ctx.lang)

# 4/ AUTO-ADVANCE: a timer that moves on (and loops) while playing
if playing:
    presenter.auto_advance(index, len(slides))
