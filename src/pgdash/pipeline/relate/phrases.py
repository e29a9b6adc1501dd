"""What a figure measures, as a phrase two reports can be compared by.

A report's target (新增学位4000个以上) and the next report's result (新增学位8430个) rarely
share a standard measure id; what they share is the phrase before the number. ``normalise``
reduces a metric phrase to what is measured: width and brackets folded (（GDP）, ％), the
doing words stripped (新增 / 完成 / 实现 / 达到 / 建成 / 改造 / 建设筹集 …, which say what
was done, not what is counted), a few spellings of one thing made one (规模以上 → 规上).
``same_dimension`` says whether two units measure the same kind of thing (亿元 and 万元 do;
% and 个 do not). ``similarity`` is rapidfuzz's score of a target's and a result's
normalised phrases, for phrases that differ.
"""

import re
import unicodedata

from rapidfuzz import fuzz

from pgdash.pipeline.extract.units import UNITS

# Doing words: they say what was done to the thing counted, not what it is. Longest first,
# so 建设筹集 goes before 建设. Stripped wherever they stand (筹集建设 = 建设筹集).
_VERB_WORDS = """
    新增 新建 新改扩建 新改建 改扩建 完成 实现 达到 建成 改造 建设 筹集 引进 引入 引育 培育
    举办 实施 投入 确保 做到 力争 争取 推动 推进 启动 开展 打造 提升 提高 提档升级 升级
    累计 全年 办好 落地 落户 增至 降至 突破 超过 不少于 以上 左右 控制在 以内 提供 发放
    实际 全力 加快 进一步 持续 积极 稳步 成功 顺利 已 多渠道 首次 跃上 迈上 站上
"""
VERBS = tuple(sorted(set(_VERB_WORDS.split()), key=lambda word: (-len(word), word)))

# One thing spelt two ways in work reports: the longer spelling → the shorter.
SYNONYMS = (
    ("规模以上", "规上"),
    ("国家高新技术企业", "国高企业"),
    ("地方一般公共预算收入", "一般公共预算收入"),
    ("地区生产总值", "GDP"),
    ("国内生产总值", "GDP"),
    ("民生微实事", "民微实事"),
    ("空气质量优良率", "空气优良率"),
    ("保障性住房", "保障房"),
)

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|“|”|‘|’|\"|'")
_JOINERS = re.compile(r"^[和及与]+|[和及与到至]+$|等$")  # left over where verbs were: 引入和培育
_NOISE = re.compile(r"[\s、，,。.；;：:·\-—①-⑳0-9]+")


def normalise(phrase: str) -> str:
    """The metric phrase reduced to what it measures: ``新增学位`` → ``学位``."""
    text = unicodedata.normalize("NFKC", phrase)
    text = _BRACKETS.sub("", text)
    for long, short in SYNONYMS:
        text = text.replace(long, short)
    text = _NOISE.sub("", text)
    for verb in VERBS:
        stripped = text.replace(verb, "")
        if stripped:  # a phrase that is only a verb keeps it (供应 stays 供应)
            text = stripped
    return _JOINERS.sub("", text) or text


_LEAD = re.compile(r"^(?:[①-⑳\s]|力争|全年|确保|争取)+")
_TAIL = re.compile(
    r"(?:不少于|不低于|以上|左右|提高到|提升至|提高至|提升到|增至|降至|达到|达|等)+$"
)


def display_phrase(phrase: str) -> str:
    """The phrase as a ledger row names its measure: as written, without the enumerator,
    resolve or comparator words around it (力争全年新增总部企业 → 新增总部企业)."""
    shown = _TAIL.sub("", _LEAD.sub("", phrase))
    return shown or phrase


def unit_dimension(unit: str) -> str:
    """The base unit a written unit converts to (亿元 → 元, 名 → 人), the unit folded when
    it is not a known one, or "" for none or a bare multiplier (万 of 4.06万亿元 misread)."""
    folded = unicodedata.normalize("NFKC", unit).strip()
    known = UNITS.get(unit) or UNITS.get(folded)
    return known.std if known is not None else folded


def same_dimension(unit_a: str, unit_b: str) -> bool:
    """Whether two units measure the same kind of thing: 亿元 and 万元 do, % and 个 do not."""
    dimension = unit_dimension(unit_a)
    return bool(dimension) and dimension == unit_dimension(unit_b)


MIN_TAIL = 3  # a result phrase ending the target's counts whole from this length …
MAX_HEAD = 3  # … when the target's phrase says at most this much more before it


def similarity(target: str, result: str) -> float:
    """rapidfuzz's 0–100 score of a target's and a result's normalised phrases: the edit
    ratio, or the partial ratio (100) where the result's phrase (at least ``MIN_TAIL``
    characters) ends the target's after at most ``MAX_HEAD`` more (保障房 in 供应保障房: a
    review drops a target's qualifier, and Chinese puts what is counted last); 0 when one is
    empty. A result that says more than its target (焕新释放产业空间 for 产业空间) is scored
    by the edit ratio alone."""
    if not target or not result:
        return 0.0
    head = len(target) - len(result)
    if len(result) >= MIN_TAIL and 0 < head <= MAX_HEAD and target.endswith(result):
        return float(fuzz.partial_ratio(result, target))
    return float(fuzz.ratio(target, result))
