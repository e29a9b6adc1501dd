"""Sites stage: curated places, tied to the sentences and facts of the documents that name them.

The places live in ``curated/sites.toml``; they are Pinggu's, so only documents that name
the district are searched. A site none of them names (by its name or an alias) is left
out of the table and reported, not an error: a seeds folder of other districts' reports
has no sites. Towns and the district government are context: present whenever a document
names the district. Every coordinate must lie inside the district boundary unless the
file gives a reason.
A sentence mentions a site when one of the site's terms (its name or an alias) occurs in
it and is not merely part of a longer term of another site: "金海湖" inside "金海湖镇"
belongs to the town, not to the lake. A fact belongs to a site only when its clause is
about the site (:func:`sites_of_figure`), not whenever the name shares its sentence.
"""

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pgdash.errors import PgdashError
from pgdash.paths import CURATED
from pgdash.pipeline.extract.mentions import scan
from pgdash.pipeline.read.seeds import Document, curated_documents
from pgdash.pipeline.relate import context, geo
from pgdash.pipeline.text.span import Span
from pgdash.pipeline.text.split import CLAUSE_BREAKS, FULL_STOPS, paragraphs
from pgdash.pipeline.text.split import sentences as split_sentences
from pgdash.schema import empty_frame
from pgdash.sectors import SECTOR_IDS
from pgdash.tomlfile import read_toml

SITES_FILE = CURATED / "sites.toml"
KINDS = ("site", "route", "town")
# The district's 2 subdistricts, 14 towns and 2 townships.
TOWNS = (
    "滨河街道",
    "兴谷街道",
    "平谷镇",
    "峪口镇",
    "马坊镇",
    "金海湖镇",
    "东高村镇",
    "山东庄镇",
    "南独乐河镇",
    "大华山镇",
    "夏各庄镇",
    "马昌营镇",
    "王辛庄镇",
    "大兴庄镇",
    "刘家店镇",
    "镇罗营镇",
    "黄松峪乡",
    "熊儿寨乡",
)
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LINE_END = tuple("。！？：；")
TEXT_FIELDS = ("id", "name", "name_en", "kind", "sector", "description", "location_source")


@dataclass(frozen=True)
class CuratedSite:
    """One place from ``sites.toml``, checked."""

    id: str
    name: str
    name_en: str
    kind: str
    sector: str
    town: str
    lat: float
    lon: float
    description: str
    location_source: str
    accuracy_km: float
    aliases: tuple[str, ...]
    context: bool = False
    path: tuple[tuple[float, float], ...] = ()
    outside_reason: str = ""
    label_en: str = ""  # a short English map label, "" for name_en
    label_zh: str = ""  # a short Chinese map label, "" for name

    @property
    def terms(self) -> tuple[str, ...]:
        """The strings whose occurrence mentions this site: its name and aliases."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


# ---------------------------------------------------------------- reading the curated file


def _fail(path: Path, where: str, message: str) -> PgdashError:
    return PgdashError(f"{path}: {where}: {message}")


def _coordinate(value: Any, low: float, high: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    value = float(value)
    return value if math.isfinite(value) and low <= value <= high else None


def _parse_site(raw: Any, index: int, path: Path) -> CuratedSite:
    where = f"site {raw.get('id', f'#{index + 1}')!r}" if isinstance(raw, dict) else f"#{index}"
    if not isinstance(raw, dict):
        raise _fail(path, where, "is not a table; write it as [[site]]")
    for key in TEXT_FIELDS:
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _fail(path, where, f"needs a non-empty text field {key!r}")
    if not ID_PATTERN.fullmatch(raw["id"]):
        raise _fail(path, where, "id must be lower-case words joined by '-'")
    if raw["kind"] not in KINDS:
        raise _fail(path, where, f"kind {raw['kind']!r} is not one of {', '.join(KINDS)}")
    if raw["sector"] not in SECTOR_IDS:
        raise _fail(path, where, f"sector {raw['sector']!r} is not one of {', '.join(SECTOR_IDS)}")
    town = raw.get("town", "")
    if town not in (*TOWNS, ""):
        raise _fail(path, where, f"town {town!r} is not one of the district's 18 towns")
    if raw["kind"] == "town" and town != raw["name"]:
        raise _fail(path, where, "a town's town field must be its own name")
    lat = _coordinate(raw.get("lat"), -90, 90)
    lon = _coordinate(raw.get("lon"), -180, 180)
    if lat is None or lon is None:
        raise _fail(path, where, "lat and lon must be WGS84 degrees")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise _fail(path, where, "aliases must be a list of non-empty strings")
    context = raw.get("context", False)
    if not isinstance(context, bool):
        raise _fail(path, where, "context must be true or false")
    if not context and not aliases:
        raise _fail(path, where, "needs at least one alias that occurs in the documents")
    accuracy = raw.get("accuracy_km")
    if isinstance(accuracy, bool) or not isinstance(accuracy, int | float) or accuracy <= 0:
        raise _fail(path, where, "accuracy_km must be a positive number of kilometres")
    if f"~{accuracy:g} km" not in raw["location_source"]:
        raise _fail(path, where, f"location_source must state its uncertainty as ~{accuracy:g} km")
    return CuratedSite(
        id=raw["id"],
        name=raw["name"],
        name_en=raw["name_en"],
        kind=raw["kind"],
        sector=raw["sector"],
        town=town,
        lat=lat,
        lon=lon,
        description=raw["description"],
        location_source=raw["location_source"],
        accuracy_km=float(accuracy),
        aliases=tuple(aliases),
        context=context,
        path=_parse_path(raw, where, path),
        outside_reason=str(raw.get("outside_reason", "")).strip(),
        label_en=_label_en(raw, where, path),
        label_zh=_label_zh(raw, where, path),
    )


LABEL_EN_MAX = 20  # characters of a short English map label


def _words(text: str) -> list[str]:
    return re.findall(r"[\w–-]+", text.lower())


def _label_en(raw: dict[str, Any], where: str, path: Path) -> str:
    """The optional short English map label: at most 20 characters, shorter than
    ``name_en`` and made of its words (a shortening, never a new name)."""
    label = raw.get("label_en", "")
    if not isinstance(label, str):
        raise _fail(path, where, "label_en must be text")
    label = label.strip()
    if not label:
        return ""
    if len(label) > LABEL_EN_MAX or len(label) >= len(raw["name_en"]):
        raise _fail(
            path,
            where,
            f"label_en must be shorter than name_en and at most {LABEL_EN_MAX} characters",
        )
    unknown = [w for w in _words(label) if w not in _words(raw["name_en"])]
    if unknown:
        raise _fail(path, where, f"label_en words {', '.join(unknown)} are not in name_en")
    return label


LABEL_ZH_MAX = 6  # characters of a short Chinese map label


def _label_zh(raw: dict[str, Any], where: str, path: Path) -> str:
    """The optional short Chinese map label: at most 6 characters, shorter than ``name``
    and every character taken from it (a shortening, never a new name)."""
    label = raw.get("label_zh", "")
    if not isinstance(label, str):
        raise _fail(path, where, "label_zh must be text")
    label = label.strip()
    if not label:
        return ""
    if len(label) > LABEL_ZH_MAX or len(label) >= len(raw["name"]):
        raise _fail(
            path, where, f"label_zh must be shorter than name and at most {LABEL_ZH_MAX} characters"
        )
    unknown = sorted({ch for ch in label if ch not in raw["name"]})
    if unknown:
        raise _fail(path, where, f"label_zh characters {''.join(unknown)} are not in name")
    return label


def _parse_path(raw: dict[str, Any], where: str, path: Path) -> tuple[tuple[float, float], ...]:
    points = raw.get("path", [])
    if raw["kind"] != "route":
        if points:
            raise _fail(path, where, "only a route may have a path")
        return ()
    if not isinstance(points, list) or len(points) < 2:
        raise _fail(path, where, "a route needs a path of at least two [lon, lat] points")
    parsed = []
    for point in points:
        ok = isinstance(point, list) and len(point) == 2
        lon = _coordinate(point[0], -180, 180) if ok else None
        lat = _coordinate(point[1], -90, 90) if ok else None
        if lon is None or lat is None:
            raise _fail(path, where, f"path point {point!r} is not [lon, lat] in degrees")
        parsed.append((lon, lat))
    return tuple(parsed)


def load_curated(path: Path = SITES_FILE) -> list[CuratedSite]:
    """The curated places, in file order, each checked; all 18 towns must be there."""
    data = read_toml(path)
    raw_sites = data.get("site")
    if not isinstance(raw_sites, list) or not raw_sites:
        raise PgdashError(f"{path} has no [[site]] entries")
    sites = [_parse_site(raw, i, path) for i, raw in enumerate(raw_sites)]
    seen: set[str] = set()
    for site in sites:
        if site.id in seen:
            raise _fail(path, f"site {site.id!r}", "this id is used twice")
        seen.add(site.id)
    towns = {s.name for s in sites if s.kind == "town"}
    missing = [t for t in TOWNS if t not in towns]
    if missing:
        raise PgdashError(f"{path} lacks the town(s) {', '.join(missing)}; add them as kind town")
    return sites


# ---------------------------------------------------------------- checks against the world


DISTRICT = "平谷"  # the district the curated places belong to


def district_documents(docs: list[Document]) -> list[Document]:
    """The documents of the district the curated places belong to that name it."""
    return [d for d in curated_documents(docs) if DISTRICT in d.text]


def mentioned(
    sites: list[CuratedSite], docs: list[Document]
) -> tuple[list[CuratedSite], list[str]]:
    """The sites a document names (context places whenever a document names the district),
    and a note for each curated site left out because no document names it."""
    texts = [d.text for d in district_documents(docs)]
    kept: list[CuratedSite] = []
    notes: list[str] = []
    for site in sites:
        if texts and (site.context or any(t in text for t in site.terms for text in texts)):
            kept.append(site)
        elif texts and not site.context:  # nothing said of another district's documents
            notes.append(f"{SITES_FILE.name}: site {site.id!r} ({site.name}) named in no document")
    return kept, notes


def check_inside(sites: list[CuratedSite], path: Path) -> None:
    """Each point lies in the district, unless the site says why it does not."""
    for site in sites:
        if site.outside_reason:
            continue
        for lon, lat in ((site.lon, site.lat), *site.path):
            if not geo.contains(lon, lat):
                raise _fail(
                    path,
                    f"site {site.id!r}",
                    f"({lon}, {lat}) lies outside the district boundary; "
                    "correct it or give an outside_reason",
                )


# ---------------------------------------------------------------- mentions


class Mentions:
    """Finds which sites a text mentions, longest term first."""

    def __init__(self, sites: list[CuratedSite]) -> None:
        self._terms = [(term, s.id) for s in sites for term in s.terms]

    def hits(self, text: str) -> list[tuple[int, str]]:
        """(offset, site id) of every term in ``text`` not inside a longer term of another site."""
        found = [
            (m.start(), m.start() + len(term), site_id)
            for term, site_id in self._terms
            if term in text  # a plain test first: most sentences name no site
            for m in re.finditer(re.escape(term), text)
        ]
        return [
            (start, site_id)
            for start, end, site_id in found
            if not any(
                s <= start and end <= e and e - s > end - start and other != site_id
                for s, e, other in found
            )
        ]

    def in_text(self, text: str) -> set[str]:
        """Ids of the sites mentioned in ``text``."""
        return {site_id for _, site_id in self.hits(text)}


def _blocks(text: str) -> list[Span]:
    """Lines of the text, rejoined where a line break falls inside a sentence.

    A line of prose (it has clause punctuation) that stops without ending a sentence, and
    is followed by more prose, was broken by the source PDF. Headings and titles, which
    have no such punctuation, stay on their own.
    """
    lines = list(paragraphs(text))
    blocks: list[Span] = []
    carry = False
    for i, line in enumerate(lines):
        blocks.append(Span(blocks.pop().start, line.end) if carry else line)
        words = line.text_of(text)
        following = lines[i + 1].text_of(text) if i + 1 < len(lines) else ""
        carry = (
            not words.endswith(LINE_END)
            and any(ch in words for ch in CLAUSE_BREAKS)
            and any(ch in following for ch in FULL_STOPS)
        )
    return blocks


def sentences(text: str) -> list[str]:
    """The sentences of a normalized text, in order, each an exact substring of it.

    Sentences end at 。！？ (with any closing quotes) or at the end of a paragraph; a
    sentence broken across lines by the source PDF keeps its line break.
    """
    return [sentence.text_of(text) for sentence in sentence_spans(text)]


def sentence_spans(text: str) -> list[Span]:
    """The spans of :func:`sentences`."""
    return [
        sentence
        for block in _blocks(text)
        for sentence in split_sentences(text, block.start, block.end, FULL_STOPS, keep_ends=True)
    ]


SUBJECT_LEAD = 3  # a site named this close to a clause's start is its subject


def sites_of_figure(quote: str, at: int, mentions: Mentions) -> set[str]:
    """The sites a figure at ``quote[at]`` is about: those its own clause names, else the
    subject of an earlier clause of the sentence that states a figure of it (东久新宜物流谷
    项目原规划土地出让率仅有61.29%，…，土地出让率达到74.88%). A place named only as an object
    or in a list (推进…马坊第二幼儿园…等学校建设，引进2-3所市级名校), or in a clause without
    a figure (马昌营共有产权房进行结构施工，…住房竣工4144套), does not own a later figure."""
    subject: set[str] = set()
    for clause in re.finditer(r"[^，：；。！？\n]+", quote):
        named = mentions.hits(clause.group(0))
        if clause.start() <= at < clause.end():
            return {site_id for _, site_id in named} or subject
        words = clause.group(0)
        opening = len(words) - len(words.lstrip(" “"))
        leading = {site_id for start, site_id in named if start <= opening + SUBJECT_LEAD}
        if leading and scan(words).mentions:
            subject = leading
    return set()


SPEAKER = re.compile(r"(代表|受)$")  # 我代表平谷区人民政府，向…致以崇高的敬意: the speaker


def about(sentence: str, mentions: Mentions) -> set[str]:
    """The sites a sentence is about: those it names, except a name in the speaker's voice
    (我代表平谷区人民政府…, 受区政府委托…), where the sentence is about no place."""
    return {
        site_id for start, site_id in mentions.hits(sentence)
        if not SPEAKER.search(sentence[max(0, start - 2) : start])
    }  # fmt: skip


def _fact_ids(facts: pd.DataFrame, mentions: Mentions) -> dict[str, list[str]]:
    by_site: dict[str, list[str]] = {}
    if facts.empty:
        return by_site
    columns = ("fact_id", "quote", "start", "quote_start")
    for fact_id, quote, start, quote_start in zip(*(facts[c] for c in columns), strict=True):
        for site_id in sorted(sites_of_figure(quote, start - quote_start, mentions)):
            by_site.setdefault(site_id, []).append(fact_id)
    return by_site


def build_sites(docs: list[Document], facts: pd.DataFrame, path: Path = SITES_FILE) -> pd.DataFrame:
    """The sites table: curated places with their quotes and facts, in file order. A
    site's quotes are the sentences with its figures, then the other sentences about it."""
    curated = load_curated(path)
    check_inside(curated, path)
    context.check_town_seats([(s.name, s.lon, s.lat) for s in curated if s.kind == "town"], path)
    sites, notes = mentioned(curated, docs)
    mentions = Mentions(sites)
    quotes: dict[str, list[str]] = {s.id: [] for s in sites}
    docs = district_documents(docs)
    if "doc_id" in facts.columns:
        facts = facts[facts["doc_id"].isin({d.doc_id for d in docs})]
    fact_ids = _fact_ids(facts, mentions)
    spans = {doc.doc_id: sentence_spans(doc.text) for doc in docs}
    texts = {doc.doc_id: doc.text for doc in docs}
    located = "doc_id" in facts.columns and len(facts)
    where = facts.set_index("fact_id")[["doc_id", "start"]] if located else None
    for site_id, ids in fact_ids.items() if where is not None else ():
        for doc_id, start in where.loc[ids].itertuples(index=False, name=None):
            # the sentences with its figures first
            span = next((s for s in spans.get(doc_id, ()) if s.start <= start < s.end), None)
            sentence = span.text_of(texts[doc_id]) if span else ""
            if sentence and sentence not in quotes[site_id]:
                quotes[site_id].append(sentence)
    for doc in docs:
        for span in spans[doc.doc_id]:
            sentence = span.text_of(doc.text)
            for site_id in sorted(about(sentence, mentions)):
                if sentence not in quotes[site_id]:
                    quotes[site_id].append(sentence)
    rows = [
        {
            "site_id": s.id,
            "name": s.name,
            "name_en": s.name_en,
            "label_en": s.label_en,
            "label_zh": s.label_zh,
            "sector": s.sector,
            "town": s.town,
            "lat": s.lat,
            "lon": s.lon,
            "description": s.description,
            "location_source": s.location_source,
            "accuracy_km": s.accuracy_km,
            "quotes": quotes[s.id],
            "kind": s.kind,
            "path": [[lon, lat] for lon, lat in s.path],
            "fact_ids": fact_ids.get(s.id, []),
            "landmark": s.context and s.kind == "site",  # context, not a town: the seat
        }
        for s in sites
    ]
    frame = pd.DataFrame(rows, columns=list(empty_frame("sites").columns))
    if not rows:
        frame = empty_frame("sites")
    frame.attrs["unmatched"] = notes
    frame.attrs["other_district"] = not docs  # no document of the places' district
    return frame
