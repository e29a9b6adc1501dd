"""Which sector a passage belongs to: by its heading path first, by keywords where the
heading says nothing specific (the report's opening highlights, the press article)."""

from pgdash.pipeline.text.outline import Outline

# Heading fragments → sector; the innermost heading that matches wins.
HEADING_SECTORS: tuple[tuple[str, str], ...] = (
    # 2022 review, sub-headings
    ("持续做好疫情防控", "safety"),
    ("大京郊服务大城市", "rural"),
    ("绿水青山作为头等大事", "ecology"),
    ("首都安全稳定", "safety"),
    ("加强党的建设", "governance"),
    ("农业“高科技”", "agritech"),
    ("物流“大流量”", "logistics"),
    ("休闲“新时尚”", "leisure"),
    ("发展环境不断优化", "business"),
    ("城乡建设提质增效", "urban"),
    ("基层治理", "urban"),
    ("民生事业", "livelihood"),
    ("建设高大尚平谷的", "governance"),
    # 2023 plan, sub-headings that differ from their section
    ("深化协同发展", "urban"),
    ("数字赋能", "business"),
    # 2023 plan, sections （一）–（十一）
    ("守好绿水青山", "ecology"),
    ("农业中关村", "agritech"),
    ("首都物流高地", "logistics"),
    ("世界休闲谷", "leisure"),
    ("高质量发展环境", "business"),
    ("和美乡村", "rural"),
    ("智慧城市", "urban"),
    ("文化自信", "culture"),
    ("民生服务品质", "livelihood"),
    ("确保安全发展", "safety"),
    ("自我革命", "governance"),
    # press article titles
    ("GDP", "economy"),
    ("服务企业接待日", "business"),
    ("适老化", "livelihood"),
    ("直播电商", "business"),
    ("平急两用", "safety"),
    ("农业科技创新中心", "agritech"),
)

# Keywords for passages whose heading is generic; the first match wins, so the more
# specific words come first (万元GDP能耗 is ecology, GDP alone is economy; 生态涵养区
# names a group of districts, so 生态 comes last).
KEYWORD_SECTORS: tuple[tuple[str, str], ...] = (
    ("能耗", "ecology"),
    ("直播电商", "business"),
    ("物流", "logistics"),
    ("货运", "logistics"),
    ("高标库", "logistics"),
    ("高技术制造业", "business"),
    ("战略性新兴产业", "business"),
    ("营商环境", "business"),
    ("地区生产总值", "economy"),
    ("GDP", "economy"),
    ("一般公共预算收入", "economy"),
    ("工业总产值", "economy"),
    ("预期目标", "economy"),
    ("消费价格", "economy"),
    ("失业率", "livelihood"),
    ("可支配收入", "livelihood"),
    ("乡村振兴", "rural"),
    ("消薄", "rural"),
    ("农业中关村", "agritech"),
    ("种业", "agritech"),
    ("博士农场", "agritech"),
    ("院士", "agritech"),
    ("农业", "agritech"),
    ("平急两用", "safety"),
    ("休闲", "leisure"),
    ("旅游", "leisure"),
    ("金海湖", "leisure"),
    ("22号线", "urban"),
    ("承平高速", "urban"),
    ("养老", "livelihood"),
    ("生态", "ecology"),
)

# Subjects that decide a figure's sector whatever its heading says, found in the figure's
# own clause: village works are rural even under 城乡建设, jobs are livelihood even in the
# paragraph on regional cooperation, an embassy visit is governance (foreign affairs).
SUBJECT_SECTORS: tuple[tuple[str, str], ...] = (
    ("乡村建设行动", "rural"),
    ("人居环境整治", "rural"),
    ("村集中办公", "rural"),
    ("村污水", "rural"),
    ("乡村公路", "rural"),
    ("窄路加宽", "rural"),
    ("街坊路", "rural"),
    ("驻华使馆", "governance"),
    ("外交官", "governance"),
    ("人就业", "livelihood"),
)

DEFAULT_SECTOR = "economy"


def sector_of_heading(title: str) -> str | None:
    """The sector a heading names, if any."""
    for fragment, sector_id in HEADING_SECTORS:
        if fragment in title:
            return sector_id
    return None


def sector_of_words(passage: str) -> str | None:
    """The sector the passage's keywords point to, if any."""
    for keyword, sector_id in KEYWORD_SECTORS:
        if keyword in passage:
            return sector_id
    return None


def sector_of_subject(clause: str) -> str | None:
    """The sector a clause's subject decides, whatever the heading says."""
    return next((s for word, s in SUBJECT_SECTORS if word in clause), None)


def sector_at(outline: Outline, offset: int, passage: str, kind: str, clause: str = "") -> str:
    """The sector of ``passage`` found at ``offset`` of a document of ``kind``.

    The subject of the figure's own ``clause`` decides first; then, in the work report,
    the heading; in the article, whose headings are loose, the passage's own words.
    """
    if by_subject := sector_of_subject(clause):
        return by_subject
    by_heading = next(
        (s for h in reversed(outline.stack_at(offset)) if (s := sector_of_heading(h.title))),
        None,
    )
    if kind == "work_report":
        return by_heading or sector_of_words(passage) or DEFAULT_SECTOR
    return sector_of_words(passage) or by_heading or DEFAULT_SECTOR
