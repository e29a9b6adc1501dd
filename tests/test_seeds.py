"""Reading the source documents: encodings, metadata and bad files."""

import shutil
from pathlib import Path

import pytest

from pgdash.errors import PgdashError
from pgdash.paths import seeds_dir
from pgdash.pipeline.read.seeds import decode, load_corpus, read_metadata

SEEDS = seeds_dir()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seeds (documents and metadata only)."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in SEEDS.glob("*.*"):
        shutil.copy(path, folder / path.name)
    return folder


def test_corpus_has_both_documents_with_metadata() -> None:
    docs = load_corpus(SEEDS)
    assert [d.doc_id for d in docs] == ["gwr2023", "press2024"]
    report, article = docs
    assert report.kind == "work_report" and article.kind == "news_article"
    assert report.text.startswith("平谷区政府工作报告\n一、2022年工作回顾\n")
    assert "增速9.1%" in article.text
    assert len(report.sha256) == 64


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_decodes_chinese_encodings(encoding: str) -> None:
    text = "地区生产总值预计同比增长7%左右，增速全市第一。"
    assert decode(text.encode(encoding), Path("x.txt")) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n\n ", "is empty"),
        (b"\x00\x01\x02binary", "NUL bytes"),
        (bytes(range(128, 256)) * 50, "neither UTF-8 nor GB18030"),
        (b"just some english text", "neither UTF-8 nor GB18030"),
    ],
)
def test_refuses_files_that_are_not_chinese_text(data: bytes, message: str) -> None:
    with pytest.raises(PgdashError, match=message):
        decode(data, Path("bad.txt"))


def test_gbk_document_builds_the_same_text(seeds_copy: Path) -> None:
    target = seeds_copy / "press-conference-2024-08.txt"
    original = load_corpus(seeds_copy)[1].text
    target.write_bytes(target.read_text(encoding="utf-8").encode("gb18030"))
    assert load_corpus(seeds_copy)[1].text == original


def test_metadata_missing_field_names_file_and_field(seeds_copy: Path) -> None:
    meta = seeds_copy / "pinggu-gwr-2023.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace('kind = "work_report"\n', ""))
    with pytest.raises(PgdashError, match=r"pinggu-gwr-2023\.toml lacks the field\(s\) kind"):
        load_corpus(seeds_copy)


def test_metadata_unknown_kind(tmp_path: Path) -> None:
    meta = tmp_path / "x.toml"
    meta.write_text('doc_id="a"\ntitle="t"\npublished="2023"\nkind="blog"\n', encoding="utf-8")
    with pytest.raises(PgdashError, match="kind 'blog' is not one of"):
        read_metadata(meta)


def test_metadata_bad_toml(tmp_path: Path) -> None:
    meta = tmp_path / "x.toml"
    meta.write_text("doc_id = \n", encoding="utf-8")
    with pytest.raises(PgdashError, match=r"x\.toml is not valid TOML"):
        read_metadata(meta)


def test_document_without_metadata(seeds_copy: Path) -> None:
    (seeds_copy / "pinggu-gwr-2023.toml").unlink()
    with pytest.raises(PgdashError, match=r"has no metadata file; create pinggu-gwr-2023\.toml"):
        load_corpus(seeds_copy)


def test_duplicate_doc_id(seeds_copy: Path) -> None:
    shutil.copy(seeds_copy / "pinggu-gwr-2023.txt", seeds_copy / "copy.txt")
    shutil.copy(seeds_copy / "pinggu-gwr-2023.toml", seeds_copy / "copy.toml")
    with pytest.raises(PgdashError, match="doc_id 'gwr2023' is already used"):
        load_corpus(seeds_copy)


def test_missing_or_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(PgdashError, match="does not exist"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(PgdashError, match=r"holds no \.txt documents"):
        load_corpus(tmp_path)


def test_oversized_document_fails_fast(seeds_copy: Path) -> None:
    big = seeds_copy / "pinggu-gwr-2023.txt"
    with big.open("ab") as handle:
        handle.truncate(25 * 1024 * 1024)
    with pytest.raises(PgdashError, match="over the 20 MiB limit"):
        load_corpus(seeds_copy)


def _report_meta(extra: str) -> str:
    base = 'doc_id = "gwr2023"\ntitle = "2023年平谷区政府工作报告"\npublished = "2023"\n'
    return base + 'kind = "work_report"\n' + extra


def test_metadata_new_year_fields_are_read(seeds_copy: Path) -> None:
    meta = seeds_copy / "pinggu-gwr-2023.toml"
    meta.write_text(_report_meta('district = "平谷区"\ntargets_year = 2023\n'), encoding="utf-8")
    report = load_corpus(seeds_copy)[0]
    assert (report.delivered_year, report.reviews_year, report.targets_year) == (2023, 2022, 2023)
    assert report.district == "平谷区"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("targets_year = 2031\n", "targets_year 2031 appears nowhere in the text"),
        ('reviews_year = "last year"\n', "reviews_year 'last year' is not a year"),
    ],
)
def test_metadata_contradicting_the_text_is_refused(seeds_copy: Path, extra, message) -> None:
    (seeds_copy / "pinggu-gwr-2023.toml").write_text(_report_meta(extra), encoding="utf-8")
    with pytest.raises(PgdashError, match=message):
        load_corpus(seeds_copy)


def test_an_article_called_a_work_report_is_refused(seeds_copy: Path) -> None:
    meta = seeds_copy / "press-conference-2024-08.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("news_article", "work_report"))
    with pytest.raises(PgdashError, match="kind is work_report but the text has no review part"):
        load_corpus(seeds_copy)


def test_a_statistical_communique_is_a_known_kind(seeds_copy: Path) -> None:
    meta = seeds_copy / "press-conference-2024-08.toml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("news_article", "statistical_communique")
    )
    assert load_corpus(seeds_copy)[1].kind == "statistical_communique"
