"""``pgdash add``: documents copied unchanged with detected metadata; bad input refused."""

import hashlib
import shutil
import tomllib
from pathlib import Path

import pytest
from corpus.expected import CORPUS, REPORTS, title

from pgdash.cli import main
from pgdash.paths import seeds_dir
from pgdash.pipeline.read.add import add_document
from pgdash.pipeline.read.detect import detect


def listing(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_each_report_is_copied_unchanged_with_its_detected_years(name: str, seeds: Path) -> None:
    district, delivered, reviews, targets, _, _ = REPORTS[name]
    added = add_document(CORPUS / name, seeds)
    assert added.text_file.read_bytes() == (CORPUS / name).read_bytes()
    meta = tomllib.loads(added.meta_file.read_text(encoding="utf-8"))
    assert meta["kind"] == "work_report"
    assert (meta["delivered_year"], meta["reviews_year"], meta["targets_year"]) == (
        delivered,
        reviews,
        targets,
    )
    assert meta["district"] == district
    assert meta["title"] == title(name)
    assert meta["doc_id"] == f"gwr{delivered}" and added.text_file.stem.endswith(f"-{delivered}")
    assert meta["title_en"] == ""  # not in the text: left for the user, and said so
    assert any("title_en: not detected" in line for line in added.lines())


def test_the_seeds_own_report_is_detected_as_its_metadata_says() -> None:
    raw = (seeds_dir() / "pinggu-gwr-2023.txt").read_text(encoding="utf-8")
    found = detect(raw)
    written = tomllib.loads((seeds_dir() / "pinggu-gwr-2023.toml").read_text(encoding="utf-8"))
    for name in ("title", "kind", "published"):
        assert found.fields[name] == written[name]
    assert found.fields["district"] == "平谷区"
    assert (found.fields["reviews_year"], found.fields["targets_year"]) == (2022, 2023)


def test_an_article_is_not_taken_for_a_report() -> None:
    raw = (seeds_dir() / "press-conference-2024-08.txt").read_text(encoding="utf-8")
    found = detect(raw)
    assert found.fields["kind"] == "news_article" and "targets_year" not in found.fields


def test_a_communique_and_a_dated_web_page() -> None:
    raw = (
        "平谷区2023年国民经济和社会发展统计公报\n发布时间：2024-03-20 来源：平谷区统计局\n"
        "【字号：大 中 小】 打印\n　　全区地区生产总值增长5.1%，较上年提高2个百分点。\n"
    )
    found = detect(raw)
    assert found.fields["kind"] == "statistical_communique"
    assert found.fields["published"] == "2024-03-20" and found.fields["delivered_year"] == 2024
    assert found.fields["publisher"] == "平谷区统计局"


def test_add_all_then_build_with_options_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(seeds_dir(), seeds)  # the curated catalogue quotes the product's documents
    files = [str(CORPUS / name) for name in sorted(REPORTS)]
    assert main(["add", *files, "--seeds", str(seeds)]) == 0
    out = capsys.readouterr().out
    assert out.count("added ") == len(REPORTS) and "reviews_year: 2021" in out
    assert len(list(seeds.glob("*.txt"))) == len(REPORTS) + 2
    data, report = tmp_path / "data", tmp_path / "report.json"
    argv = ["build", "--seeds", str(seeds), "--data", str(data), "--report", str(report)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "part 二、2024年工作安排 — plan 2024" in out and "task sections 17" in out
    assert report.is_file() and (data / "tasks.parquet").is_file()


def test_a_document_already_present_is_refused(seeds: Path, capsys) -> None:
    add_document(CORPUS / "luohu-2024.txt", seeds)
    before = listing(seeds)
    copy = seeds.parent / "renamed.txt"
    shutil.copy(CORPUS / "luohu-2024.txt", copy)
    assert main(["add", str(copy), "--seeds", str(seeds)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "renamed.txt is already in the seeds as gwr2024" in err
    assert listing(seeds) == before


def test_a_second_report_of_the_same_year_gets_its_own_id(seeds: Path) -> None:
    first = add_document(CORPUS / "luohu-2023.txt", seeds)
    second = add_document(CORPUS / "longhua-2023.txt", seeds)
    ids = [
        tomllib.loads(a.meta_file.read_text(encoding="utf-8"))["doc_id"] for a in (first, second)
    ]
    assert ids == ["gwr2023", "gwr2023b"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01binary\x00", "NUL bytes"),
        (b"plain English text, no Chinese at all.", "neither UTF-8 nor GB18030"),
    ],
)
def test_bad_files_give_one_line_and_add_nothing(
    data: bytes, message: str, seeds: Path, capsys
) -> None:
    bad = seeds.parent / "bad.txt"
    bad.write_bytes(data)
    assert main(["add", str(bad), "--seeds", str(seeds)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.txt" in err and message in err
    assert list(seeds.iterdir()) == []


def test_a_missing_file_gives_one_line(seeds: Path, capsys) -> None:
    assert main(["add", str(seeds / "nope.txt"), "--seeds", str(seeds)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.txt is not a file" in err


def test_gb18030_is_copied_as_it_is(seeds: Path) -> None:
    source = seeds.parent / "gbk.txt"
    source.write_bytes((CORPUS / "luohu-2023.txt").read_text(encoding="utf-8").encode("gb18030"))
    added = add_document(source, seeds)
    assert added.text_file.read_bytes() == source.read_bytes()
    assert tomllib.loads(added.meta_file.read_text(encoding="utf-8"))["targets_year"] == 2023


def test_existing_files_are_never_overwritten(seeds: Path, capsys) -> None:
    (seeds / "gwr2024-work-report-2024.toml").write_text("# someone else's\n", encoding="utf-8")
    before = listing(seeds)
    assert main(["add", str(CORPUS / "luohu-2024.txt"), "--seeds", str(seeds)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert listing(seeds) == before


def test_what_was_not_found_is_left_empty_and_the_build_says_so(
    seeds: Path, tmp_path: Path, capsys
) -> None:
    added = add_document(seeds_dir() / "press-conference-2024-08.txt", seeds)
    assert any(line.startswith("  fill in published") for line in added.lines())
    assert 'published = ""  # not detected' in added.meta_file.read_text(encoding="utf-8")
    assert main(["build", "--seeds", str(seeds), "--data", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "lacks the field(s) published" in err
    assert not (tmp_path / "d").exists()


REPORT_BODY = "一、2025年工作回顾\n一年来，经济稳中向好。\n二、2026年工作安排\n今年，增长5%左右。\n"


@pytest.mark.parametrize(
    ("head", "district", "publisher", "title"),
    [
        (
            "2026年重庆市政府工作报告\n各位代表：\n　　现在，我代表市人民政府向大会报告工作。\n",
            "重庆市", "重庆市人民政府", "2026年重庆市政府工作报告",
        ),
        (
            "2026年河北省政府工作报告\n来源：河北日报\n　　现在，我代表省人民政府向大会报告。\n",
            "河北省", "河北省人民政府", "2026年河北省政府工作报告",
        ),
        (
            "各位代表：\n　　现在，我代表国务院，向大会报告政府工作，请予审议。\n",
            "国务院", "国务院", "2026年国务院政府工作报告",
        ),
        (
            "各位代表：\n　　现在，我代表大鹏新区管理委员会，向大会作工作报告。\n",
            "大鹏新区", "大鹏新区管理委员会", "2026年大鹏新区管理委员会工作报告",
        ),
        (
            "各位代表：\n　　现在，我代表上海市人民政府，向大会报告工作。各地区各部门要协同。\n",
            "上海市", "上海市人民政府", "2026年上海市政府工作报告",
        ),
    ],
)  # fmt: skip
def test_the_place_is_detected_whole(head: str, district: str, publisher: str, title: str) -> None:
    found = detect(head + REPORT_BODY)
    assert found.fields["kind"] == "work_report"
    assert found.fields["district"] == district
    assert found.fields["publisher"] == publisher
    assert found.fields["title"] == title
    assert (found.fields["reviews_year"], found.fields["targets_year"]) == (2025, 2026)


def test_a_dated_subtitle_gives_the_date_delivered() -> None:
    head = "2026年河北省政府工作报告\n——2026年1月26日在河北省第十四届人民代表大会第四次会议上\n"
    found = detect(head + REPORT_BODY)
    assert found.fields["published"] == "2026-01-26" and found.fields["delivered_year"] == 2026
