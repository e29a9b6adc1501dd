"""Lines that are not the document: web-page chrome, page furniture and back matter.

A report copied from a web page or a PDF carries lines no stage should read: the page's
buttons (下载 打印 全屏 收藏 【字号：加大 还原 减小】), its metadata lines (来源：…, 时间：…),
an editor's line (【我要纠错】责任编辑：…), a wire copy's dateline (新华社北京3月12日电) and
photo caption (…新华社记者 姚大伟 摄), page numbers (— 3 —), and after the report a
glossary (名词解释), attachments (附件) or related links (相关报道). A page that holds the
whole report twice (a lead-in, then the wire copy) is read once: the first copy is kept.
They are removed before the lines are joined, so offsets never point into them.
"""

import re

# A line made only of these (with brackets and separators) is page chrome.
CHROME_WORDS = (
    "打印本页", "关闭窗口", "返回顶部", "分享到", "字号", "打印", "下载", "关闭", "分享",
    "收藏", "全屏", "加大", "还原", "减小", "大", "中", "小", "默认", "微信", "微博", "扫一扫",
    "我要纠错",
)  # fmt: skip
CHROME_PUNCT = re.compile(r"[\s【】\[\]（）()|｜/:：·•]+")
META_LINE = re.compile(
    r"^(?:发布时间|发布日期|时间|日期|信息来源|来源|作者|浏览次数|点击数|访问量)\s*[：:]"
)
META_REACH = 12  # metadata lines sit in the page header (chrome lines not counted)
EDITOR_LINE = re.compile(
    r"^(?:【[^】]{1,8}】)?\s*[（(]?(?:责任编辑|编辑|校对)\s*[：:][^，。]{1,20}$"
)
# 新华社北京3月12日电, 本报讯, 新华社北京3月5日电（记者 …）: a wire copy's dateline
# (an agency or paper, a place, the date, 电; never 截至12月31日电网…)
DATELINE = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,8}(?:社|台|报|网)[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日电"
    r"|本报讯)(?:[（(][^）)]{0,30}[）)]|(?=\s|$))\s*"
)
# …新华社记者 姚大伟 摄 / 本报记者 霍艳恩摄 / （记者 张三 摄）: a photo's caption
CAPTION = re.compile(
    r"记者\s*[\u4e00-\u9fff·]{1,4}(?:\s*[、，]?\s*[\u4e00-\u9fff·]{1,4}){0,2}\s*摄[）)]?$"
)
MAX_CAPTION = 120
MIN_REPEAT_SHARE = 0.3  # a repeated run this long, of the text before it, is a second copy
MIN_REPEAT_LINES = 5
MIN_OPENING = 20  # the first paragraph a copy is recognised by
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_]+\s*\d{1,3}\s*[-—–－_]+|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?)$"
)
BARE_NUMBER = re.compile(r"^\d{1,3}$")
BACK_MATTER = re.compile(
    r"^(?:(?:有关|附[：:]?\s*)?名词(?:术语)?解释|附件\s*[一二三四五六七八九十\d]*"
    r"|相关(?:报道|链接|新闻|阅读|文章))\s*[：:]?\s*$"
)
BACK_MATTER_FROM = 0.3  # back matter is never in the first 30% of the lines


def is_chrome(line: str) -> bool:
    """Whether ``line`` holds only web-page buttons (下载 打印 【字号】大 中 小)."""
    rest = CHROME_PUNCT.sub("", line)
    if not rest:  # a bracket left over from 【字号：…】 on a line of its own
        return bool(line) and all(ch in "【】[]" for ch in line)
    if len(line) > 40:
        return False
    for word in CHROME_WORDS:
        rest = rest.replace(word, "")
    return not rest


def is_caption(line: str) -> bool:
    """Whether ``line`` is a photo caption (…新华社记者 姚大伟 摄)."""
    return len(line) <= MAX_CAPTION and bool(CAPTION.search(line))


def strip_dateline(line: str) -> str:
    """``line`` without a leading wire dateline (新华社北京3月12日电); "" if it is only that."""
    m = DATELINE.match(line)
    return line[m.end() :] if m else line


def drop_second_copy(lines: list[str]) -> list[str]:
    """``lines`` (blank ones kept) without a second copy of the report: when a long run of
    paragraphs recurs later, the lines from the end of the first run to the end of the
    second (the wire copy with its header) are dropped."""
    content = [i for i, line in enumerate(lines) if line]
    texts = [lines[i] for i in content]
    for a, opening in enumerate(texts):
        if len(opening) < MIN_OPENING:
            continue
        later = [b for b in range(a + 1, len(texts)) if texts[b] == opening]
        for b in later:
            run = 0
            while b + run < len(texts) and a + run < b and texts[a + run] == texts[b + run]:
                run += 1
            if run >= MIN_REPEAT_LINES and run >= MIN_REPEAT_SHARE * b:
                first_end, second_end = content[a + run - 1] + 1, content[b + run - 1] + 1
                return lines[:first_end] + lines[second_end:]
        return lines  # only the first long paragraph is looked for again
    return lines


def is_furniture(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is a page number: decorated (— 3 —, 第3页), or bare between gaps."""
    line = lines[i]
    if PAGE_NUMBER.match(line):
        return True
    gap_before = i == 0 or not lines[i - 1]
    gap_after = i + 1 == len(lines) or not lines[i + 1]
    return bool(BARE_NUMBER.match(line)) and gap_before and gap_after


def keep_lines(lines: list[str]) -> list[str]:
    """``lines`` (stripped, blank ones kept) without chrome, furniture and back matter."""
    content = [i for i, line in enumerate(lines) if line]
    cut_from = content[int(len(content) * BACK_MATTER_FROM)] if content else 0
    kept: list[str] = []
    seen = 0
    for i, line in enumerate(lines):
        if line and i >= cut_from and BACK_MATTER.match(line):
            break
        if line:
            if is_chrome(line) or is_furniture(lines, i) or is_caption(line):
                continue
            if EDITOR_LINE.match(line):
                continue
            seen += 1
            if seen <= META_REACH and META_LINE.match(line):
                continue
            line = strip_dateline(line)
            if not line:
                continue
        kept.append(line)
    return drop_second_copy(kept)
