"""Lines that are not the document: web-page chrome, page furniture and back matter.

A report copied from a web page or a PDF carries lines no stage should read: the page's
buttons (下载 打印 【字号】大中小), its metadata lines (发布时间：…), page numbers (— 3 —),
and after the report a glossary (名词解释), attachments (附件) or related links (相关报道).
They are removed before the lines are joined, so offsets never point into them.
"""

import re

# A line made only of these (with brackets and separators) is page chrome.
CHROME_WORDS = (
    "打印本页", "关闭窗口", "返回顶部", "分享到", "字号", "打印", "下载", "关闭", "分享",
    "收藏", "大", "中", "小", "默认", "微信", "微博", "扫一扫",
)  # fmt: skip
CHROME_PUNCT = re.compile(r"[\s【】\[\]（）()|｜/:：·•]+")
META_LINE = re.compile(r"^(?:发布时间|发布日期|信息来源|来源|作者|浏览次数|点击数|访问量)\s*[：:]")
META_REACH = 12  # metadata lines sit in the page header
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
    if not rest or len(line) > 40:
        return False
    for word in CHROME_WORDS:
        rest = rest.replace(word, "")
    return not rest


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
            seen += 1
            if is_chrome(line) or is_furniture(lines, i):
                continue
            if seen <= META_REACH and META_LINE.match(line):
                continue
        kept.append(line)
    return kept
