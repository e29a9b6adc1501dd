"""What a figure measures: a short Chinese name derived from the words around it, an
English name from a small glossary, and the curated catalogue of headline measures.

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
FALLBACK_EN = "see quote"
MAX_NAME = 20
SHORT_VERB = 4  # a prefix this short is a verb (完成, 拓展打造), not a name

LEADING = re.compile(
    r"^(?:(?:19|20)\d\d年|今年|上半年|全年|我区|全区|平谷区|平谷|其中|并|同时|目前|预计|累计"
    r"|已经|已|共|分别|为全区|有效|超额完成|新一轮|如|是|的|实现|完成|规划至\s*\d{4}年)+"
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
CHANGE = re.compile(r"^(?:增长|增速|增幅|提升|增加|下降|减少|产值)$")
SUFFIX_STOP = re.compile(
    r"全速|加速|有序|全部|成效|获评|走进|喜迁|到平谷|驻满|入驻|签约|开工|推进|就业|免费|之一"
    r"|成为|入市|建成|用于|隔离|超额|全面"
)
# Units that count things: the noun after the number names them (40个休闲文旅项目).
COUNTED = {"个", "家", "项", "件", "部", "套", "户", "支", "条", "所", "场", "类", "处", "栋",
           "人", "人次", "镇", "方面", "羽", "册", ""}  # fmt: skip


def _clean(words: str) -> str:
    words = INNER.sub("", words)
    for _ in range(3):
        words = TRAILING.sub("", LEADING.sub("", words))
    return words


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
    name = _clean(prefix)
    suffix = _suffix(text, mention.end, next_start)
    if mention.unit.std == "%" and (m := GROWTH.search(name)) and name != m.group(0):
        name = name[: m.start()] + "增速"  # 收入增长11.2% measures 收入增速
    borrows = CHANGE.match(name) or (mention.is_rank and not name)
    if borrows and previous_metric:
        ending = name  # a change of the thing before: 提升, 增加 …
        if name in ("增长", "增速", "增幅"):
            ending = "增速"
        elif mention.is_rank:
            ending = ""  # the rank of the thing before
        name = _base(previous_metric) + ending
    elif mention.unit.std in COUNTED and len(suffix) >= 2 and not mention.is_rank:
        name = suffix
    elif len(name) <= SHORT_VERB and len(suffix) >= 2:
        name = suffix if not name else name + suffix
    name = name[-MAX_NAME:]
    if mention.is_rank:
        name = f"{name}{mention.rank_scope}排名"
    if not name:  # nothing to go by: the clause itself, as written
        clause = span_around(text, mention.start, mention.start, CLAUSE_ENDS).text_of(text)
        name = INNER.sub("", clause)[:MAX_NAME]
    return name


# Head words → English, most specific first; the first one found names the measure.
GLOSSARY: tuple[tuple[str, str], ...] = (
    ("地区生产总值", "GDP"),
    ("GDP能耗", "energy use per unit of GDP"),
    ("GDP", "GDP"),
    ("一般公共预算收入", "local general budget revenue"),
    ("工业总产值", "industrial output"),
    ("农业总产值", "gross agricultural output"),
    ("高技术制造业", "high-tech manufacturing"),
    ("战略性新兴产业", "strategic emerging industries"),
    ("社会投资", "social investment"),
    ("劳动力就业", "employment"),
    ("就业率", "employment rate"),
    ("失业率", "unemployment rate"),
    ("消费价格", "consumer prices"),
    ("博士农场", "doctors' farms"),
    ("博士后", "postdoctoral workstations"),
    ("院士", "academicians"),
    ("博士", "PhDs"),
    ("科技小院", "science backyards"),
    ("种业", "seed industry platforms"),
    ("涉农企业", "agricultural firms"),
    ("食品企业", "food firms"),
    ("重点实验室", "key laboratories"),
    ("品种", "new varieties"),
    ("品牌价值", "brand value"),
    ("销售额", "sales"),
    ("货运量", "freight volume"),
    ("高标库", "high-standard warehouses"),
    ("土地出让率", "land transfer rate"),
    ("土地收益", "land revenue"),
    ("地块", "land plots"),
    ("直播电商", "live-streaming e-commerce firms"),
    ("主播", "live-streamers"),
    ("粉丝", "followers"),
    ("企业诉求", "business requests"),
    ("问题", "problems solved"),
    ("休闲文旅", "leisure and tourism projects"),
    ("咖啡休闲驿站", "coffee rest stops"),
    ("露营地", "campsites"),
    ("民宿", "guesthouses"),
    ("旅游路线", "tourist routes"),
    ("访问量", "visits"),
    ("政务服务", "government services"),
    ("减税降费", "tax and fee relief"),
    ("消费券", "consumption vouchers"),
    ("社零额", "retail sales"),
    ("专精特新", "specialised SMEs"),
    ("小巨人", "'little giant' firms"),
    ("蛋鸡苗", "layer chicks donated"),
    ("增收", "income gain"),
    ("居民", "households rehoused"),
    ("住房", "housing units"),
    ("老旧小区", "old residential blocks renovated"),
    ("电梯", "lifts installed"),
    ("日处理能力", "daily treatment capacity"),
    ("污水", "sewage treatment"),
    ("公路", "rural roads"),
    ("窄路加宽", "narrow roads widened"),
    ("街坊路", "village lanes"),
    ("道路", "roads"),
    ("留白增绿", "greening of cleared land"),
    ("停车位", "parking spaces"),
    ("充电接口", "charging points"),
    ("志愿服务", "volunteer service"),
    ("垃圾分类", "waste sorting"),
    ("乱堆乱放", "clutter cleared"),
    ("集中办公", "villages with joint offices"),
    ("群众诉求", "public requests"),
    ("万人诉求比", "requests per 10,000 residents"),
    ("参保", "insured rural workers"),
    ("理赔", "insurance claims"),
    ("卫生室", "village clinics"),
    ("养老机构", "elderly-care homes"),
    ("耕地", "farmland"),
    ("高标准农田", "high-standard farmland"),
    ("造林", "afforestation"),
    ("生态林", "ecological forest"),
    ("土壤", "soil improvement"),
    ("重污染天数", "heavy-pollution days"),
    ("河湖", "rivers and lakes"),
    ("小流域", "small watersheds"),
    ("污水处理厂", "sewage plants"),
    ("猪肉", "pork trading"),
    ("检查站", "checkpoints"),
    ("卡口", "entry points"),
    ("查验", "inspections"),
    ("隐患", "hazards fixed"),
    ("液化气", "LPG users"),
    ("安全型配件", "safety fittings"),
    ("房屋设施", "buildings reinforced"),
    ("消防队伍", "volunteer fire teams"),
    ("建议", "deputies' proposals"),
    ("提案", "CPPCC proposals"),
    ("满意率", "satisfaction rate"),
    ("实办事", "practical projects for residents"),
    ("入境人员", "quarantined arrivals"),
    ("外区人员", "quarantined visitors"),
    ("疫苗接种率", "vaccination rate"),
    ("外交官", "diplomats"),
    ("薄弱村", "weak villages"),
    ("消薄", "weak-village task"),
    ("文明实践", "civility centres"),
    ("便民生活圈", "convenience circles"),
    ("图书", "books"),
    ("文化活动", "cultural events"),
    ("名校", "leading schools"),
    ("配电线路", "power lines"),
    ("减量", "land reduction"),
    ("支出", "general public service spending"),
    ("头部企业", "leading logistics firms"),
    ("出让物流用地", "logistics land for sale"),
    # generic words last
    ("物流", "logistics"),
    ("土地", "land"),
    ("项目", "projects"),
)


def english_name(metric: str) -> str:
    """An English name for a derived metric, or the transparent fallback."""
    for words, english in GLOSSARY:
        if words in metric:
            suffix = " growth" if metric.endswith("增速") else ""
            suffix = " rank" if metric.endswith("排名") else suffix
            return english[0].upper() + english[1:] + suffix
    return FALLBACK_EN


@dataclass(frozen=True)
class CuratedMetric:
    """A hand-named measure, anchored on a fragment of the text and the number in it."""

    doc: str
    quote: str
    number: str
    metric: str
    metric_en: str
    sector: str
    headline: bool
    occurrence: int  # which occurrence of ``quote`` (1 = first), when it occurs more than once
    where: str  # for error messages: file and entry


REQUIRED = ("doc", "quote", "number", "metric", "metric_en", "sector")


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
                doc=raw["doc"],
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


def locate(entry: CuratedMetric, texts: dict[str, str]) -> int:
    """The offset of the entry's number in its document, or a one-line error."""
    if entry.doc not in texts:
        raise PgdashError(
            f"{entry.where}: unknown document {entry.doc!r}; use one of {list(texts)}"
        )
    text = texts[entry.doc]
    at = [m.start() for m in re.finditer(re.escape(entry.quote), text)]
    if not at:
        raise PgdashError(
            f"{entry.where}: quote {entry.quote!r} no longer occurs in {entry.doc}; "
            "update the quote in the catalogue"
        )
    if len(at) > 1 and not 1 <= entry.occurrence <= len(at):
        raise PgdashError(
            f"{entry.where}: quote {entry.quote!r} occurs {len(at)} times in {entry.doc}; "
            "lengthen it or set occurrence = 1 … " + str(len(at))
        )
    if entry.number not in entry.quote:
        raise PgdashError(f"{entry.where}: number {entry.number!r} is not in its quote")
    return at[max(entry.occurrence, 1) - 1] + entry.quote.index(entry.number)
