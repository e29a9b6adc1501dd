"""The one text model: spans, the sentence and clause splitter, Chinese numerals."""

import pytest

from pgdash.pipeline.text.numerals import number_value, parse_chinese_int
from pgdash.pipeline.text.span import Span
from pgdash.pipeline.text.split import (
    CLAUSE_BREAKS,
    FULL_STOPS,
    PARAGRAPH_BREAKS,
    SENTENCE_BREAKS,
    break_positions,
    clauses,
    paragraphs,
    sentences,
    span_around,
)


def test_span_holds_covers_and_quotes() -> None:
    text = "前文。甲乙；丙丁。"
    span = Span(3, 5)
    assert span.text_of(text) == "甲乙" and len(span) == 2
    assert span.holds(3) and span.holds(4) and not span.holds(5)
    assert Span(0, 9).covers(span) and not span.covers(Span(4, 6))
    assert Span(0, 4).stripped(" 甲乙 ") == Span(1, 3)
    assert len(Span(0, 3).stripped("   ")) == 0


def test_break_sets_nest() -> None:
    assert set(FULL_STOPS) < set(SENTENCE_BREAKS) < set(CLAUSE_BREAKS)
    assert PARAGRAPH_BREAKS not in SENTENCE_BREAKS  # a PDF line break is not a sentence end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("甲乙。丙丁；戊", ["甲乙", "丙丁", "戊"]),
        ("  甲乙。 \n丙丁。\n", ["甲乙", "丙丁"]),
        ("甲“乙”\n丙。丁", ["甲“乙”\n丙", "丁"]),
        ("。；。", []),
        ("好！真的？是", ["好", "真的", "是"]),
    ],
)
def test_sentences_keep_offsets(text: str, expected: list[str]) -> None:
    assert [s.text_of(text) for s in sentences(text)] == expected


def test_sentences_stay_within_their_range() -> None:
    text = "前文。甲乙；丙丁。后文"
    spans = sentences(text, 3, 9)
    assert [(s.start, s.end, s.text_of(text)) for s in spans] == [(3, 5, "甲乙"), (6, 8, "丙丁")]


def test_sentences_may_keep_their_ends_and_closing_quotes() -> None:
    text = "他说：“好。”然后走了！！\n"
    spans = sentences(text, breaks=FULL_STOPS, keep_ends=True)
    assert [s.text_of(text) for s in spans] == ["他说：“好。”", "然后走了！！"]


def test_clauses_cut_at_commas_and_colons_too() -> None:
    text = "目标是：增长5%，就业8500人；其他。"
    assert [c.text_of(text) for c in clauses(text)] == ["目标是", "增长5%", "就业8500人", "其他"]


def test_paragraphs_are_every_line_with_offsets() -> None:
    text = "一行\n\n二行"
    assert [p.text_of(text) for p in paragraphs(text)] == ["一行", "", "二行"]
    assert list(paragraphs(text))[2] == Span(4, 6)


def test_span_around_runs_between_breaks_unstripped() -> None:
    text = "甲，乙 5% 丙。丁"
    at = text.index("5")
    assert span_around(text, at, at + 2, CLAUSE_BREAKS).text_of(text) == "乙 5% 丙"
    assert span_around(text, at, at + 2, SENTENCE_BREAKS).text_of(text) == "甲，乙 5% 丙"
    assert span_around("无标点", 1, 2, SENTENCE_BREAKS) == Span(0, 3)
    assert list(break_positions(text, 0, len(text), CLAUSE_BREAKS)) == [1, 8]


@pytest.mark.parametrize(("numeral", "value"), [("三", 3), ("十二", 12), ("两百", 200), ("7", 7)])
def test_number_value_reads_both_scripts(numeral: str, value: int) -> None:
    assert number_value(numeral) == value


def test_parse_chinese_int_refuses_lists_of_digits() -> None:
    with pytest.raises(ValueError):
        parse_chinese_int("一二三")
