"""The 督办通报 as a Word document an office edits (python-docx) and as a PDF (fpdf2).

Both are drawn from one list of blocks (:func:`blocks`), so they say the same thing: a title
and issue number, the issuing office and date, 一、总体情况 (lights and statuses, overall
progress, the light rule), 二、红灯和逾期任务, 三、未填报单位, 四、提前完成任务, and the
closing request. Fonts follow the office's habit: 宋体 title, 黑体 headings, 仿宋 text, with
Noto CJK named as the substitute where those are not installed (Word's font table
``altName``; the PDF embeds Noto Serif CJK when no 仿宋 is found).
"""

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pgdash.errors import PgdashError
from pgdash.supervision.bulletin import Bulletin, Item
from pgdash.supervision.excel import issuing_office
from pgdash.supervision.fields import STATUS_ZH

TITLE_FONT, HEADING_FONT, BODY_FONT = "宋体", "黑体", "仿宋"
FALLBACK = "Noto Serif CJK SC"
LIGHT_ZH = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "none": "未设时限"}
RED = (192, 0, 0)
LISTED = 8  # task ids listed per unit that has not reported


@dataclass(frozen=True)
class Block:
    """One piece of the bulletin: title, number, issuer, rule, heading, paragraph, table,
    or the signature at the end."""

    kind: str
    text: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = field(default=())  # table column shares, summing to 1


def day_zh(day: date) -> str:
    """2026年7月2日."""
    return f"{day.year}年{day.month}月{day.day}日"


def issuer(b: Bulletin) -> str:
    """The issuing office, as the 台账 names it."""
    return issuing_office(b.district)


def _task(i: Item) -> str:
    return f"{i.text}（{i.task_id}）"


def _said(i: Item) -> str:
    parts = [f"进展：{i.reported}" if i.reported else "未填报进展"]
    if i.problems:
        parts.append(f"存在问题：{i.problems}")
    return "\n".join(parts)


def _ids(unit: str, ids: tuple[str, ...]) -> str:
    """The task ids a unit has not reported: at most ``LISTED``, then how many more."""
    if not unit:
        return "请先明确牵头单位"
    shown = "、".join(ids[:LISTED])
    return shown + (f"等{len(ids)}项" if len(ids) > LISTED else "")


def _pace(i: Item) -> str:
    pace = "—" if i.pace is None else f"{i.pace:.0f}%"
    return f"{i.progress}% / {pace}"


def summary_text(b: Bulletin) -> list[str]:
    """The paragraphs of 一、总体情况."""
    lights = b.lights
    st = b.statuses
    done = "、".join(f"{STATUS_ZH[s]}{st[s]}项" for s in STATUS_ZH if st.get(s))
    reported = f"已填报进度{b.reported}项" + (f"（{done}）" if done else "")
    reported += f"，未填报{st['not_reported']}项"
    if b.mean_progress is not None:
        reported += f"；已填报任务平均进度{b.mean_progress:.0f}%"
    reported += "。"
    lines = [
        f"截至{day_zh(b.on)}，本轮（{b.round.label}，{day_zh(b.round.due_on)}截止填报）"
        f"共督办重点任务{b.tasks}项。按序时进度亮灯：红灯{lights['red']}项、黄灯"
        f"{lights['yellow']}项、绿灯{lights['green']}项、未设完成时限{lights['none']}项，"
        f"其中已逾期{b.overdue}项。",
        reported,
        "亮灯规则：进度落后序时进度不足10个百分点为绿灯，落后10至30个百分点为黄灯，"
        "落后超过30个百分点或超过完成时限仍未完成为红灯；未设完成时限的任务无法计算序时进度。",
    ]  # fmt: skip
    if lights["none"] or st["not_reported"]:
        lines.append(
            f"目前仍有{lights['none']}项任务未设完成时限、{st['not_reported']}项任务未填报进度，"
            "亮灯结果不能完整反映推进情况。请各牵头单位首先明确完成时限，并在本轮截止前填报进度。"
        )
    return lines


def blocks(b: Bulletin) -> list[Block]:
    """The bulletin, top to bottom, as blocks both renderers draw."""
    out = [
        Block("title", f"{b.district}重点任务督办通报"),
        Block("number", f"第{b.number}期"),
        Block("issuer", f"{issuer(b)}\u3000\u3000\u3000\u3000{day_zh(b.on)}"),
        Block("rule"),
        Block("heading", "一、总体情况"),
        *(Block("para", line) for line in summary_text(b)),
        Block("heading", "二、红灯和逾期任务"),
    ]
    if b.raised:
        out.append(
            Block(
                "para",
                f"以下{len(b.raised)}项任务亮红灯或已逾期（逾期任务在前，其余按落后程度排列），"
                "请牵头单位说明原因、提出措施，并在下一轮填报中报告整改进展：",
            )
        )
        out.append(
            Block(
                "table",
                header=("序号", "任务", "牵头单位", "完成时限", "进度/序时", "填报情况"),
                rows=tuple(
                    (
                        str(n),
                        _task(i) + ("（已逾期）" if i.overdue else ""),
                        i.lead_unit or "未明确",
                        i.deadline.isoformat() if i.deadline else "—",
                        _pace(i),
                        _said(i),
                    )
                    for n, i in enumerate(b.raised, start=1)
                ),
                widths=(0.06, 0.28, 0.13, 0.16, 0.11, 0.26),
            )
        )
    elif b.tasks > b.lights["none"]:
        out.append(Block("para", "本期没有红灯或逾期任务。"))
    else:
        out.append(
            Block(
                "para",
                f"{b.lights['none']}项任务均未设完成时限，本期无法判定红灯和逾期任务；"
                "请先为任务设定完成时限。",
            )
        )
    out.append(Block("heading", "三、未按时填报单位"))
    if b.missing:
        late = b.on > b.round.due_on
        lead = "截至本期，以下单位未按时完成" if late else "截至本期，以下单位尚未完成"
        out.append(Block("para", f"{lead}{b.round.label}填报（{day_zh(b.round.due_on)}截止）："))
        out.append(
            Block(
                "table",
                header=("单位", "未填报任务", "任务编号"),
                rows=tuple(
                    (
                        u.unit or "未明确牵头单位",
                        f"{len(u.missing)}/{u.tasks}项",
                        _ids(u.unit, u.missing),
                    )
                    for u in b.missing
                ),
                widths=(0.3, 0.15, 0.55),
            )
        )
    else:
        out.append(Block("para", f"各牵头单位均已完成{b.round.label}填报。"))
    out.append(Block("heading", "四、提前完成任务"))
    if b.early:
        out.append(Block("para", "以下任务在完成时限前完成，予以通报表扬："))
        out.append(
            Block(
                "table",
                header=("序号", "任务", "牵头单位", "完成时限", "完成日期"),
                rows=tuple(
                    (
                        str(n),
                        _task(i),
                        i.lead_unit or "未明确",
                        i.deadline.isoformat() if i.deadline else "—",
                        i.done_on.isoformat() if i.done_on else "—",
                    )
                    for n, i in enumerate(b.early, start=1)
                ),
                widths=(0.07, 0.41, 0.18, 0.17, 0.17),
            )
        )
    else:
        out.append(Block("para", "本期暂无提前完成的任务。"))
    out.append(
        Block(
            "para",
            "请各牵头单位对照本通报，抓紧推进红灯和逾期任务，按时填报下一轮进展。",
        )
    )
    out.append(Block("sign", f"{issuer(b)}\n{day_zh(b.on)}"))
    return out


# --- Word ---------------------------------------------------------------------------------


def _font(run, name: str, size: float, bold: bool = False, colour=None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour:
        run.font.color.rgb = RGBColor(*colour)
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), name)


def _alt_names(document) -> None:
    """Name Noto CJK as the substitute of the Chinese fonts in Word's font table."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    part = next(
        (p for p in document.part.package.parts if p.partname == "/word/fontTable.xml"), None
    )
    if part is None:
        return
    root = parse_xml(part.blob)
    for name in (TITLE_FONT, HEADING_FONT, BODY_FONT):
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{FALLBACK}"/>'
                '<w:charset w:val="86"/><w:family w:val="auto"/></w:font>'
            )
        )
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def docx_bytes(b: Bulletin) -> bytes:
    """The bulletin as a .docx file's bytes (A4, 仿宋 三号 text, tables with repeated headers)."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    document.core_properties.title = blocks(b)[0].text
    document.core_properties.author = issuer(b)
    width = section.page_width - section.left_margin - section.right_margin
    drawn = blocks(b)
    closing = drawn[-2]
    for block in drawn:
        if block.kind == "table":
            table = document.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            table.autofit = False
            for k, share in enumerate(block.widths):
                table.columns[k].width = int(width * share)
            head = table.rows[0]
            head._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
            for row_values, row in [(block.header, head)] + [
                (values, table.add_row()) for values in block.rows
            ]:
                for k, (cell, value) in enumerate(zip(row.cells, row_values, strict=True)):
                    cell.width = int(width * block.widths[k])
                    paragraph = cell.paragraphs[0]
                    paragraph.paragraph_format.space_after = Pt(0)
                    lines = value.split("\n")
                    for n, line in enumerate(lines):
                        run = paragraph.add_run(line)
                        _font(run, HEADING_FONT if row is head else BODY_FONT, 10.5, row is head)
                        if n < len(lines) - 1:
                            run.add_break()
                    if row is head or k == 0:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            document.add_paragraph().paragraph_format.space_after = Pt(0)
            continue
        paragraph = document.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(28)
        if block.kind == "title":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.line_spacing = Pt(40)
            _font(paragraph.add_run(block.text), TITLE_FONT, 22, True, RED)
        elif block.kind in ("number", "issuer"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(paragraph.add_run(block.text), BODY_FONT, 16)
        elif block.kind == "rule":
            border = (
                f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="18" w:space="1" '
                'w:color="C00000"/></w:pBdr>'
            )
            paragraph._p.get_or_add_pPr().append(parse_xml(border))
            fmt.line_spacing = Pt(8)
        elif block.kind == "heading":
            fmt.first_line_indent = Pt(32)
            fmt.space_before = Pt(6)
            _font(paragraph.add_run(block.text), HEADING_FONT, 16)
        elif block.kind == "para":
            fmt.first_line_indent = Pt(32)
            fmt.keep_with_next = block is closing  # the closing request stays with the signature
            _font(paragraph.add_run(block.text), BODY_FONT, 16)
        elif block.kind == "sign":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.space_before = Pt(24)
            office, day = block.text.split("\n")
            run = paragraph.add_run(office)
            _font(run, BODY_FONT, 16)
            run.add_break()
            _font(paragraph.add_run(day), BODY_FONT, 16)
    _alt_names(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF ----------------------------------------------------------------------------------


CLOSING = set("，。、；：？！）》」』”’,.;:?!)")  # never at the start of a line


def lines_of(pdf, width: float, text: str) -> list[str]:
    """``text`` wrapped to ``width`` in the current font, with no line starting with a
    closing punctuation mark (it takes the previous line's last character with it)."""
    lines = [str(x) for x in pdf.multi_cell(width, 5, text, dry_run=True, output="LINES")]
    for i in range(1, len(lines)):
        while lines[i] and lines[i][0] in CLOSING and len(lines[i - 1]) > 1:
            lines[i - 1], lines[i] = lines[i - 1][:-1], lines[i - 1][-1] + lines[i]
    return [x for x in lines if x]


def pdf_bytes(b: Bulletin) -> bytes:
    """The same bulletin as an A4 PDF (仿宋 where installed, else Noto Serif CJK)."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    from pgdash.export.fonts import document_font

    font = document_font()
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.add_font("doc", "", font.regular.path, collection_font_number=font.regular.index)
    pdf.add_font("doc", "B", font.bold.path, collection_font_number=font.bold.index)
    pdf.set_margins(28, 30, 26)
    pdf.set_auto_page_break(True, 25)
    pdf.set_title(blocks(b)[0].text)
    pdf.set_author(issuer(b))
    pdf.alias_nb_pages()

    def footer() -> None:
        pdf.set_y(-18)
        pdf.set_font("doc", "", 10)
        pdf.set_text_color(90, 90, 90)
        pdf.cell(0, 6, f"— {pdf.page_no()} —", align="C")
        pdf.set_text_color(0, 0, 0)

    pdf.footer = footer
    pdf.add_page()
    body = pdf.epw
    for block in blocks(b):
        if block.kind == "title":
            pdf.set_font("doc", "B", 22)
            pdf.set_text_color(*RED)
            pdf.multi_cell(body, 12, block.text, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
        elif block.kind in ("number", "issuer"):
            pdf.set_font("doc", "", 14)
            pdf.multi_cell(body, 8, block.text, align="C", new_x="LMARGIN", new_y="NEXT")
        elif block.kind == "rule":
            pdf.set_draw_color(*RED)
            pdf.set_line_width(0.8)
            pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.l_margin + body, pdf.get_y() + 2)
            pdf.set_draw_color(0, 0, 0)
            pdf.set_line_width(0.2)
            pdf.ln(6)
        elif block.kind == "heading":
            if pdf.get_y() > pdf.h - 60:  # a heading never ends a page alone
                pdf.add_page()
            pdf.ln(2)
            pdf.set_font("doc", "B", 14)
            pdf.set_x(pdf.l_margin + 9)
            pdf.multi_cell(body - 9, 9, block.text, new_x="LMARGIN", new_y="NEXT")
        elif block.kind == "para":
            pdf.set_font("doc", "", 13)
            for line in lines_of(pdf, body, block.text):
                pdf.cell(body, 7.5, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif block.kind == "table":
            pdf.set_font("doc", "", 10)
            with pdf.table(
                col_widths=tuple(w * 100 for w in block.widths),
                headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
                line_height=5.5,
                text_align="LEFT",
                repeat_headings=1,
            ) as table:
                for values in (block.header, *block.rows):
                    row = table.row()
                    for value in values:
                        row.cell(value)
            pdf.ln(3)
        elif block.kind == "sign":
            pdf.ln(8)
            pdf.set_font("doc", "", 13)
            for line in block.text.split("\n"):
                pdf.multi_cell(body - 8, 8, line, align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def bulletin_bytes(b: Bulletin, out: Path) -> bytes:
    """The bulletin in the format ``out``'s suffix names (.docx or .pdf)."""
    suffix = out.suffix.lower()
    if suffix == ".docx":
        return docx_bytes(b)
    if suffix == ".pdf":
        return pdf_bytes(b)
    raise PgdashError(f"{out}: the bulletin is written as Word or PDF; name it *.docx or *.pdf")
