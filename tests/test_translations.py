"""Curated English (curated/translations.toml): checked against the documents at build time,
covering every heading, honour and main-target clause the screens show."""

from pathlib import Path

import pandas as pd
import pytest

from pgdash.display.i18n import section_path, translated
from pgdash.errors import PgdashError
from pgdash.pipeline.relate.translations import NOT_ENGLISH, build_translations
from pgdash.schema import read_table


@pytest.fixture(scope="module")
def table(seed_docs) -> pd.DataFrame:
    return build_translations(seed_docs)


def test_every_entry_is_located_in_a_document(table, seed_docs):
    docs = {d.doc_id: d for d in seed_docs}
    assert len(table) > 0
    for row in table.itertuples():
        doc = docs[row.doc_id]
        if row.start >= 0:
            assert doc.text[row.start : row.start + len(row.zh)] == row.zh
        else:
            assert row.zh in (doc.title, doc.publisher)


def test_english_is_plain_english(table):
    for row in table.itertuples():
        assert row.en.strip() == row.en and not NOT_ENGLISH.search(row.en), row


def test_the_build_writes_the_table(built_data, table):
    pd.testing.assert_frame_equal(read_table("translations", built_data), table)


def _headings(built) -> set[str]:
    parts = {p.strip() for s in built.facts["section"] for p in str(s).split("›") if p.strip()}
    parts |= set(built.tasks["section_title"]) | set(built.tasks["subheading"])
    return {p for p in parts if p}


def test_every_heading_on_screen_has_english(built):
    missing = sorted(_headings(built) - set(built.english))
    assert not missing, missing


def test_every_honour_and_main_target_clause_has_english(built):
    shown = set(built.honours["title"]) | {h for h in built.honours["holder"] if h}
    shown |= set(built.main_targets["clause"])
    missing = sorted(shown - set(built.english))
    assert not missing, missing


def test_every_place_has_an_english_name(built):
    assert (built.sites["name_en"].str.strip() != "").all()
    towns = {t for t in built.sites["town"] if t}
    named = set(built.sites.loc[built.sites["kind"] == "town", "name"])
    assert towns <= named, towns - named  # a site's town is shown by the town's name_en


def test_a_key_the_documents_no_longer_hold_stops_the_build(seed_docs, tmp_path: Path):
    path = tmp_path / "translations.toml"
    path.write_text('[section]\n"不存在的标题" = "No such heading"\n', encoding="utf-8")
    with pytest.raises(PgdashError, match="no longer occurs in the documents"):
        build_translations(seed_docs, path)


@pytest.mark.parametrize("english", ["加强能力", "Capability（and conduct）", " "])
def test_english_with_chinese_or_full_width_forms_stops_the_build(seed_docs, tmp_path, english):
    path = tmp_path / "translations.toml"
    path.write_text(f'[section]\n"加强能力作风建设" = "{english}"\n', encoding="utf-8")
    with pytest.raises(PgdashError, match="needs plain English"):
        build_translations(seed_docs, path)


def test_an_unknown_group_stops_the_build(seed_docs, tmp_path):
    path = tmp_path / "translations.toml"
    path.write_text('[slogans]\n"加强能力作风建设" = "Capability"\n', encoding="utf-8")
    with pytest.raises(PgdashError, match="unknown group"):
        build_translations(seed_docs, path)


def test_lookups_fall_back_to_the_chinese():
    glossary = {"一、2022年工作回顾": "I. Review of 2022", "狠抓生态治理": "Tackle it"}
    assert translated("狠抓生态治理", "en", glossary) == "Tackle it"
    assert translated("狠抓生态治理", "zh", glossary) == "狠抓生态治理"
    assert translated("别的", "en", glossary) == "别的"
    path = "一、2022年工作回顾 › 狠抓生态治理 › 别的"
    assert section_path(path, "en", glossary) == "I. Review of 2022 › Tackle it › 别的"
    assert section_path(path, "zh", glossary) == path


@pytest.mark.parametrize(
    ("quote", "clean"),
    [
        ("”平谷区委副书记、区长狄涛介绍，近年来", "平谷区委副书记、区长狄涛介绍，近年来"),
        ("实现“最多跑一次”", "实现“最多跑一次”"),
        ("“服务包”企业诉求", "“服务包”企业诉求"),
        ("正常运行。“", "正常运行。"),
    ],
)
def test_a_quoted_sentence_has_no_stray_quotation_marks(quote, clean):
    from pgdash.briefing.notes import clean_quote

    assert clean_quote(quote) == clean


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_speaker_notes_quote_sentences_without_stray_marks(built, lang):
    from pgdash.briefing import build_slides

    notes = "\n".join(slide.notes for slide in build_slides(built, None, lang))
    assert "“”" not in notes and "“’" not in notes
    assert "”平谷区委副书记" not in notes


def test_english_speaker_notes_head_their_groups_without_chinese_brackets(built):
    from pgdash.briefing import build_slides

    def headings(lang: str) -> list[str]:
        lines = "\n".join(s.notes for s in build_slides(built, None, lang)).splitlines()
        return [line for line in lines if line.startswith(("【", "— "))]

    english, chinese = headings("en"), headings("zh")
    assert english and len(english) == len(chinese)  # the same groups and measures
    assert all(line.startswith("— ") and line.endswith(" —") for line in english)
    assert all(line.startswith("【") and line.endswith("】") for line in chinese)
