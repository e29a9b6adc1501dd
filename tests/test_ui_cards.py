"""Cards: inert HTML, the delta coloured by the measure's sense, sources one click away."""

import re
from dataclasses import replace

import pytest

from pgdash.display import cards
from pgdash.display.kpi import Tile

HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) :red[x] $x$"

TILE = Tile(
    fact_id="f-gdp-24",
    doc_id="press2024",
    label="地区生产总值增速",
    value="6.2%",
    period="2024年上半年",
    kind="实际",
    is_estimate=False,
    is_target=False,
    delta="+1.2个百分点",
    delta_color="normal",
    delta_arrow="auto",
    delta_description="较2023年目标",
    badges=("生态涵养区第一",),
)


@pytest.mark.parametrize(
    ("delta", "colour", "tone"),
    [
        ("+1.2个百分点", "normal", "good"),
        ("-0.4个百分点", "normal", "bad"),
        ("+0.3个百分点", "inverse", "bad"),  # unemployment up is bad news
        ("-0.3个百分点", "inverse", "good"),
        ("+2人", "off", "neutral"),
        ("2023年目标 5%", "off", "neutral"),
    ],
)
def test_delta_tone_follows_the_measures_sense(delta, colour, tone):
    assert cards.delta_tone(replace(TILE, delta=delta, delta_color=colour)) == tone


def test_kpi_card_shows_value_comparison_tags_and_source():
    html = cards.kpi_card(TILE, '<div class="pg-quote">原文</div>', "原文", is_actual=True)
    assert 'data-fact-id="f&#45;gdp&#45;24"' in html
    assert "6&#46;2&#37;" in html or "6&#46;2%" in html
    assert 'class="pg-delta pg-good">↑ ' in html
    assert "生态涵养区第一" in html and "pg-tag-rank" in html and "pg-tag-red" not in html
    assert "实际" not in html  # an actual figure needs no kind tag
    assert re.search(r'<details class="pg-src" name="pg-src"><summary>.*原文</summary>', html)


def test_estimates_and_targets_are_tagged():
    estimate = cards.kpi_card(replace(TILE, kind="预计", is_estimate=True), "", "原文", False)
    target = cards.kpi_card(
        replace(TILE, kind="目标", is_target=True, fact_kind="target"), "", "原文", False
    )
    assert "pg-tag-orange" in estimate and "预计" in estimate
    assert "pg-tag-violet" in target and "目标" in target and "pg-kind-target" in target
    assert "pg-tag-red" not in target  # a target is never alarm red


def test_document_text_in_a_card_is_inert():
    hostile = replace(TILE, label=HOSTILE, value=HOSTILE, badges=(HOSTILE,), period=HOSTILE)
    html = cards.kpi_card(hostile, "", HOSTILE, is_actual=True)
    html += cards.text_card(HOSTILE, HOSTILE, [cards.tag(HOSTILE)], note=HOSTILE)
    html += cards.figure_card(HOSTILE, HOSTILE, HOSTILE, [cards.tag(HOSTILE)], "")
    for syntax in ("<script", "javascript:", "](", ":red[", "$x"):
        assert syntax not in html


def test_grid_opens_sources_of_the_right_half_leftwards():
    html = cards.grid([cards.text_card(str(i), "") for i in range(8)], columns=4)
    classes = re.findall(r'<div class="([^"]*pg-card[^"]*)">', html)
    assert ["pg-right" in c for c in classes] == [False, False, True, True] * 2
    assert 'style="--cols:4"' in html
    single = cards.grid([cards.text_card("a", "")], columns=1)
    assert "pg-right" not in single


def test_bars_are_proportional_and_labelled():
    html = cards.bars_html(
        "各板块数据条目数", [("农业科技", 25, "#0f7b6c"), ("现代物流", 5, "#c98a14")]
    )
    widths = [float(w) for w in re.findall(r"width:([\d.]+)%", html)]
    assert widths == [100.0, 20.0]
    assert re.findall(r'<span class="pg-bar-n">(\d+)</span>', html) == ["25", "5"]
    assert "width:0.0%" in cards.bars_html("t", [("a", 0, "#000")])  # no division by zero


def test_small_tables_show_cells_as_text():
    import pandas as pd

    html = cards.table_html(pd.DataFrame({"标题": [HOSTILE], "字数": [1234]}))
    assert "<th>标题</th>" in html and '<td data-label="字数">1234</td>' in html
    assert "<script" not in html and "](" not in html


OUTLINE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="410" height="433">'
    "<title>平谷 &amp; 周边 </title>\n"
    + "".join(f'<path fill="#9ab" d="M{i}.123456,{-i}.987L{i + 1}.06,2.5Z"/>' for i in range(300))
    + '<path d="M-0.04,3.96h1.25"/><text x="1.25" y="2.375">7.25%</text></svg>'
)


def test_svg_images_come_back_whole_with_paths_cut_to_a_tenth_of_a_pixel() -> None:
    img = cards.svg_image(OUTLINE, "点位", "pg-minimap")
    [svg] = cards.images_svg(img)
    assert 'd="M1.1,-1.9L2.0,2.5Z"' in svg and 'd="M299.1,-299.9L300.0,2.5Z"' in svg
    assert 'd="M-0.0,3.9h1.2"' in svg
    assert '<text x="1.25" y="2.375">7.25%</text>' in svg  # only path data is rounded
    assert svg.replace(' d="', "").count('"') == OUTLINE.replace(' d="', "").count('"')
    assert "<title>平谷 &amp; 周边 </title>\n" in svg


def test_a_large_drawing_goes_as_text_smaller_than_base64() -> None:
    import base64

    img = cards.svg_image(OUTLINE, "点位")
    src = re.search(r'src="([^"]*)"', img)[1]
    assert src.startswith("data:image/svg+xml;charset=utf-8,")
    assert not set('"<>#&\n') & set(src)  # nothing the attribute, URL or sanitiser acts on
    assert len(img) < len(base64.b64encode(OUTLINE.encode()))


def test_a_drawing_of_many_small_tags_stays_base64_when_that_is_shorter() -> None:
    dots = "<svg>" + "<g><a/></g>" * 200 + "</svg>"
    img = cards.svg_image(dots, "x")
    assert "base64," in img and cards.images_svg(img) == [dots]


@pytest.mark.parametrize(
    "quotes", ['<text a="1">x</text>', "<text a='1'>x</text>", '<text a="1">it\'s</text>']
)
def test_a_drawing_as_text_comes_back_with_its_own_quotes(quotes) -> None:
    svg = "<svg>" + quotes + '<path d="' + "M1,2L3,4" * 100 + '"/></svg>'
    img = cards.svg_image(svg, "x")
    assert "charset=utf-8," in img and cards.images_svg(img) == [svg]


def test_a_cards_value_breaks_only_between_its_chunks():
    """3,136 mu (209 / ha) broke on a phone: a number keeps its unit with a no-break space."""
    import html as html_lib

    card = cards.kpi_card(replace(TILE, value="aiming for 3,136 mu (209 ha)"), "", "x", True)
    value = html_lib.unescape(re.search(r'<div class="pg-value">(.*?)</div>', card)[1])
    assert value == "aiming for\u00a03,136\u00a0mu (209\u00a0ha)"
