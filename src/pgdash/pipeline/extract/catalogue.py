"""What a figure measures: a short Chinese name derived from the words around it (its
English name comes from :mod:`.english`), and the curated catalogue of measures.

The derived name is the wording just before the number in its clause, trimmed of time
words, cue words and verbs; when that leaves only a verb (建成13个科技小院) the noun after
the number is used, and a bare 增长/增速 borrows the subject of the figure before it
(规模以上工业总产值 … 同比增长7.5% → 规模以上工业总产值增速).
"""

import re
from dataclasses import dataclass
from pathlib import Path

from pgdash.errors import PgdashError
from pgdash.paths import CURATED
from pgdash.pipeline.extract.mentions import Mention
from pgdash.pipeline.text.split import CLAUSE_BREAKS, PARAGRAPH_BREAKS, span_around
from pgdash.sectors import SECTOR_IDS
from pgdash.tomlfile import read_toml

CATALOGUE = CURATED / "metrics.toml"
MAX_NAME = 20
SHORT_VERB = 4  # a prefix this short is a verb (完成, 拓展打造), not a name

LEADING = re.compile(
    r"^(?:(?:19|20)\d\d年|今年|上半年|全年|我区|全区|平谷区|平谷|其中|并|同时|目前|预计|累计"
    r"|已经|已|共|分别|为全区|有效|超额完成|新一轮|如|是|的|实现|完成|抓好|做好|规划至\s*\d{4}年)+"
)
TRAILING = re.compile(
    r"(?:预计|累计|同比|分别|均为|达到|达|为|约|将近|近|超过|超|突破|在|的|了|仅有|保持|控制在"
    r"|共计|共|我区|完成|形成|实现)+$"
)
CLAUSE_ENDS = CLAUSE_BREAKS + PARAGRAPH_BREAKS
NAME_BREAKS = CLAUSE_ENDS + "、"  # a name starts after these (and after an enumeration comma)
SUFFIX_END = re.compile(rf"[{re.escape(CLAUSE_ENDS)}和及]")
INNER = re.compile(r"预计|同比|累计|已经|已|分别|规划至\s*\d{4}年|“|”|‘|’|\s")
RANK_VERB = re.compile(r"(?:\d+年来)?(?:首次)?(?:位居|跃居|居)$")
GROWTH = re.compile(r"(增长|增速|增幅)$")
CHANGE = re.compile(r"^(?:增长|增速|增幅|提升|增加|下降|减少|产值|总量)$")
SUFFIX_STOP = re.compile(
    r"全速|加速|有序|全部|成效|获评|走进|喜迁|到平谷|驻满|入驻|签约|开工|推进|就业|免费|之一"
    r"|成为|入市|建成|用于|隔离|超额|全面"
)
# Units that count things: the noun after the number names them (40个休闲文旅项目).
# Words that say nothing on their own: a name that is only one of these is extended by
# what the clause says happened to it (项目 → 项目（建成投用）).
VAGUE_WORDS = ("项目", "重点项目", "在施项目", "地块", "领域", "任务", "市级任务", "河湖",
               "居民", "问题", "企业", "人员", "工程", "满意率", "村", "镇", "户",
               "人")  # fmt: skip
MAX_OUTCOME = 10
COUNTED = {"个", "家", "项", "件", "部", "套", "户", "支", "条", "所", "场", "类", "处", "栋",
           "人", "人次", "镇", "方面", "羽", "册", "座", "台", "宗", "张", "辆", "只",
           ""}  # fmt: skip


def _clean(words: str) -> str:
    words = INNER.sub("", words)
    for _ in range(3):
        words = TRAILING.sub("", LEADING.sub("", words))
    head, _, tail = words.rpartition("等")
    return tail if head and len(tail) >= 2 else words  # 冬玩雪”等精品旅游路线 → 精品旅游路线


def _outcome(text: str, end: int, stop: int, noun: str) -> str:
    """What the clause says happened to the counted thing: 4个项目|建成投用."""
    clause_end = span_around(text, end, end, CLAUSE_ENDS).end
    tail = INNER.sub("", text[end : min(clause_end, stop)])
    tail = re.sub(r"^(?:以上|以内|以下|左右)", "", tail)
    tail = tail[len(noun) :] if tail.startswith(noun) else tail
    return tail if 2 <= len(tail) <= MAX_OUTCOME else ""


def _suffix(text: str, end: int, stop: int) -> str:
    """The noun right after the number: 40个|休闲文旅项目|加速推进."""
    tail = re.sub(r"^(?:以上|以内|以下|左右)", "", text[end:stop])
    if not tail or tail[0] in NAME_BREAKS:
        return ""
    tail = SUFFIX_END.split(tail, maxsplit=1)[0]
    tail = tail.rsplit("的", 1)[-1].rsplit("等", 1)[-1]
    if cut := SUFFIX_STOP.search(tail):
        tail = tail[: cut.start()]
    return INNER.sub("", tail).rstrip("、")[:MAX_NAME]


# The before/after words of a figure's name: 比重由47.6%提升至(73.4%), 总值从2020年的(3.68万亿元).
TO = r"(?:增长|增加|提升|提高|上升|下降|降低|减少|整合|压缩|缩短|扩大|拓展)?(?:至|到|为)"
DATED = r"(?:(?:19|20)\d\d年(?:底|末)?的?)?"
FROM_TO_TAIL = re.compile(rf"(?:从|由)[^，。；]*?{TO}{DATED}$")
FROM_TAIL = re.compile(rf"(?:从|由){DATED}$")
AFTER_ONLY = re.compile(rf"^[、，]?{TO}{DATED}$")
# Doing words that open a counted figure's name: 建设筹集保障房 counts 保障房.
DOING = (
    r"(?:建设|筹集|新建|新增|改造|改扩建|完成|建成|开工|新开工|竣工|封顶|交付|供应|分配|引进|培育)+"
)
WORK_VERBS = re.compile(rf"^{DOING}")
TRAILING_VERBS = re.compile(rf"{DOING}$")
# A share named only by what it is a share of borrows the subject of the figure before it.
SHARE = re.compile(r"^占[^，。；]{1,12}(?:比重|比例)")
SHARE_VERB = re.compile(r"(?:提高到|提高至|提升至|提升到|上升至|上升到|达到|达|为|升至)$")


def _base(metric: str) -> str:
    """A previous figure's name without its 增速/排名 ending: what the next figure is about."""
    return re.sub(r"(?:增速|(?:全市|全国|生态涵养区)?排名)$", "", metric)


def derive_metric(
    text: str, mention: Mention, after_previous: int, next_start: int, previous_metric: str
) -> str:
    """A short name for what ``mention`` measures.

    ``after_previous`` is where the previous figure of the same sentence ends (-1 if
    none), ``next_start`` where the next figure begins; ``previous_metric`` is that
    previous figure's name, borrowed when this one only says 增长, 提升 or 增速.
    """
    head = max(after_previous, span_around(text, mention.start, mention.start, NAME_BREAKS).start)
    prefix = text[head : mention.start]
    if head == after_previous:
        prefix = re.split(r"[和及与]", prefix)[-1]
    if mention.is_rank:
        prefix = RANK_VERB.sub("", prefix.removesuffix(mention.rank_scope))
    prefix = FROM_TAIL.sub("", FROM_TO_TAIL.sub("", prefix))  # 比重由47.6%提升至 → 比重
    if AFTER_ONLY.match(prefix) and previous_metric:  # 从2020年的3.68万亿元增长到2025年的
        prefix = _base(previous_metric)
    name = _clean(prefix)
    suffix = _suffix(text, mention.end, next_start)
    if mention.unit.std == "%" and (m := GROWTH.search(name)) and name != m.group(0):
        name = name[: m.start()] + "增速"  # 收入增长11.2% measures 收入增速
    borrows = CHANGE.match(name) or (mention.is_rank and not name)
    if SHARE.match(name) and previous_metric:  # 研发投入113.7亿元，占GDP比重提高到3.85%
        name = _base(previous_metric) + SHARE_VERB.sub("", name)
    elif borrows and previous_metric:
        ending = name  # a change of the thing before: 提升, 增加 …
        if name in ("增长", "增速", "增幅"):
            ending = "增速"
        elif mention.is_rank or name == "总量":
            ending = ""  # the thing before itself, or its rank: 营业收入…，总量全市第二
        name = _base(previous_metric) + ending
    elif mention.unit.std in COUNTED and len(suffix) >= 2 and not mention.is_rank:
        name = suffix
    elif len(name) <= SHORT_VERB and len(suffix) >= 2:
        name = suffix if not name else name + suffix
    elif WORK_VERBS.fullmatch(name) and previous_metric and mention.unit.std in COUNTED:
        # 建设筹集保障房1万套以上，供应4千套以上: what is supplied is the thing before
        thing = TRAILING_VERBS.sub("", WORK_VERBS.sub("", _base(previous_metric)))
        name = thing + name if len(thing) >= 2 and not name.startswith(thing) else name
    name = name[-MAX_NAME:]
    if name in VAGUE_WORDS and (outcome := _outcome(text, mention.end, next_start, name)):
        name = f"{name}（{outcome}）"
    if mention.is_rank:
        name = f"{name}{mention.rank_scope}排名"
    if not name:  # nothing to go by: the clause itself, as written
        clause = span_around(text, mention.start, mention.start, CLAUSE_ENDS).text_of(text)
        name = INNER.sub("", clause)[:MAX_NAME]
    return name


# What a figure of a given base unit measures: 企业融资 510家 / 15.2亿元 → 企业融资家数 / 金额.
UNIT_ASPECTS = {"元": "金额", "人": "人数", "人次": "人次", "%": "比例", "百分点": "变化",
                "亩": "面积", "公顷": "面积", "平方米": "面积", "平方公里": "面积",
                "公里": "长度", "吨": "数量", "名次": "排名", "年": "年数", "天": "天数",
                "家": "家数", "户": "户数"}  # fmt: skip


def distinct_names(rows: list[dict]) -> None:
    """Give different figures of one document that share a name, period and kind names of
    their own: by what their units measure (家数, 金额), else by their own clause, else by
    the figure itself (产业集群规模（2300亿元）, when one clause lists several)."""
    for make in (_by_unit, _by_clause, _by_figure):
        groups: dict[tuple[str, str, str], list[dict]] = {}
        for row in rows:
            groups.setdefault((row["metric"], row["period"], row["kind"]), []).append(row)
        for group in groups.values():
            names = make(group) if len(group) > 1 else []
            if len(set(names)) == len(group):
                for row, name in zip(group, names, strict=True):
                    row["metric"] = name


def _by_unit(group: list[dict]) -> list[str]:
    return [r["metric"] + UNIT_ASPECTS.get(r["unit_std"], "数量") for r in group]


def _by_clause(group: list[dict]) -> list[str]:
    return [_clean(r["clause"].replace(r["raw"], ""))[:MAX_NAME] for r in group]


def _by_figure(group: list[dict]) -> list[str]:
    return [f"{r['metric']}（{r['raw']}）" for r in group]


@dataclass(frozen=True)
class CuratedMetric:
    """A hand-named measure, anchored on a fragment of the text and the number in it."""

    quote: str
    number: str
    metric: str
    metric_en: str
    sector: str
    headline: bool
    occurrence: int  # which occurrence of ``quote`` (1 = first), when it occurs more than once
    where: str  # for error messages: file and entry


REQUIRED = ("quote", "number", "metric", "metric_en", "sector")


def load_catalogue(path: Path = CATALOGUE) -> list[CuratedMetric]:
    """Read the curated catalogue, checking each entry's fields."""
    data = read_toml(path, "restore the curated metric catalogue")
    entries = []
    for i, raw in enumerate(data.get("metric", []), start=1):
        where = f"{path.name} entry {i} ({raw.get('metric', '?')})"
        missing = [k for k in REQUIRED if not str(raw.get(k, "")).strip()]
        if missing:
            raise PgdashError(f"{where}: missing {', '.join(missing)}; add them")
        if raw["sector"] not in SECTOR_IDS:
            raise PgdashError(f"{where}: unknown sector {raw['sector']!r}; use one of {SECTOR_IDS}")
        entries.append(
            CuratedMetric(
                quote=raw["quote"],
                number=raw["number"],
                metric=raw["metric"],
                metric_en=raw["metric_en"],
                sector=raw["sector"],
                headline=bool(raw.get("headline", False)),
                occurrence=int(raw.get("occurrence", 0)),
                where=where,
            )
        )
    return entries


def locate(entry: CuratedMetric, texts: dict[str, str]) -> tuple[str, int] | None:
    """The document and offset of the entry's number (in the first document holding its
    quote), None when no document holds it, or a one-line error."""
    if entry.number not in entry.quote:
        raise PgdashError(f"{entry.where}: number {entry.number!r} is not in its quote")
    doc = next((d for d, text in texts.items() if entry.quote in text), None)
    if doc is None:
        return None
    at = [m.start() for m in re.finditer(re.escape(entry.quote), texts[doc])]
    if len(at) > 1 and not 1 <= entry.occurrence <= len(at):
        raise PgdashError(
            f"{entry.where}: quote {entry.quote!r} occurs {len(at)} times in {doc}; "
            "lengthen it or set occurrence = 1 … " + str(len(at))
        )
    return doc, at[max(entry.occurrence, 1) - 1] + entry.quote.index(entry.number)
