"""The English deck speaks English on its slides: Chinese only in the speaker notes' quotes."""

import io
import re

from pptx import Presentation

from pgdash.display.i18n import source_line
from pgdash.export.api import export_bytes

NOT_ENGLISH = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def test_english_deck_slides_have_no_chinese(built_data):
    deck = Presentation(io.BytesIO(export_bytes("pptx", None, built_data, "en")))
    texts = [
        (number, shape.text_frame.text)
        for number, slide in enumerate(deck.slides, 1)
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert texts
    for number, text in texts:
        assert not NOT_ENGLISH.search(text), (number, text)


def test_source_lines_are_punctuated_for_their_language():
    assert source_line(["[1] A", "[2] B"], "en") == "Source: [1] A; [2] B"
    assert source_line(["[1] 甲", "[2] 乙"], "zh") == "来源：[1] 甲；[2] 乙"
