"""English names of derived measures: a glossary of head words and the change they report.

A derived name is Chinese words from the text (重污染天数减少, 规模以上工业总产值增速). Its
English name is the first glossary head word found in it, shaped by the name's ending: 增速
→ "… growth", 减少 → "Reduction in …", 增加/增长 → "Increase in …", 全市排名 → "… rank in
Beijing". A name no head word fits gets a plain description of its unit, never "see quote".
"""

import re

# Head words → English, most specific first; the first one found names the measure.
GLOSSARY: tuple[tuple[str, str], ...] = (
    ("果品产量", "fruit output"),
    ("禽蛋产量", "egg output"),
    ("蛋鸡存栏", "laying hens in stock"),
    ("生猪存栏", "pigs in stock"),
    ("工程技术中心", "engineering centres and laboratories (provincial level or above)"),
    ("科研创新团队", "research teams"),
    ("农产品深加工", "food processing and food industry"),
    ("重点领域隐患", "safety hazards fixed"),
    ("拉动社零额", "retail sales driven"),
    ("文明实践分中心", "civility practice sub-centres"),
    ("文明实践示范站", "civility practice model stations"),
    ("示范小区", "model waste-sorting communities"),
    ("村污水", "villages with sewage works"),
    ("污水处理厂", "sewage plants upgraded"),
    ("乡村公路", "rural roads overhauled"),
    ("道路大修", "roads resurfaced"),
    ("道路环境提升", "roads with streetscape upgrades"),
    ("加固", "buildings reinforced"),
    ("物业管理", "property-management problems tackled"),
    ("痛点问题", "kinds of everyday nuisances tackled"),
    ("卫生室", "village clinics built or rebuilt"),
    ("就业参保", "rural workers placed in insured jobs"),
    ("医养结合", "elderly-care homes combining medical care"),
    ("日处理能力", "daily waste-incineration capacity"),
    ("进京检查站查验", "people and vehicles checked"),
    ("进京检查站", "checkpoints on the roads into Beijing"),
    ("进京卡口", "entry points into Beijing"),
    ("生态林", "ecological forest tended"),
    ("市级名校", "leading Beijing schools brought in"),
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
    ("博士农场", "PhD farms (run with PhD experts)"),
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
    ("小巨人", "national 'little giant' firms"),
    ("蛋鸡苗", "layer chicks donated"),
    ("增收", "income gain"),
    ("居民", "households rehoused"),
    ("政策性住房", "subsidised housing units completed"),
    ("住房", "housing units"),
    ("老旧小区", "old residential blocks renovated"),
    ("电梯", "lifts installed"),
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
    ("养老机构", "elderly-care homes"),
    ("耕地", "farmland"),
    ("高标准农田", "high-standard farmland"),
    ("造林", "afforestation"),
    ("土壤", "soil improved"),
    ("重污染天数", "heavy-pollution days"),
    ("河湖", "rivers and lakes"),
    ("小流域", "small watersheds restored"),
    ("猪肉", "pork trading"),
    ("检查站", "checkpoints"),
    ("卡口", "entry points"),
    ("查验", "inspections"),
    ("隐患", "hazards fixed"),
    ("液化气", "LPG households"),
    ("安全型配件", "LPG safety fittings replaced"),
    ("房屋设施", "buildings reinforced"),
    ("消防队伍", "volunteer fire teams"),
    ("建议", "deputies' proposals"),
    ("提案", "CPPCC proposals"),
    ("满意率", "satisfaction rate"),
    ("办实事", "practical projects for residents"),
    ("入境人员", "quarantined arrivals"),
    ("外区人员", "quarantined visitors"),
    ("疫苗接种率", "vaccination rate"),
    ("外交官", "countries whose embassies' diplomats visited"),
    ("薄弱村", "villages lifted out of weak collective economy"),
    ("文明实践", "civility centres"),
    ("一刻钟便民生活圈", "neighbourhood service circles (15 minutes on foot)"),
    ("便民生活圈", "neighbourhood service circles"),
    ("图书", "books circulated to communities"),
    ("文化活动", "cultural events held"),
    ("名校", "leading schools"),
    ("配电线路", "power lines upgraded"),
    ("减量", "construction land reduced"),
    ("支出", "general public service spending"),
    ("头部企业", "leading logistics firms"),
    ("出让物流用地", "logistics land for sale"),
    ("物流", "logistics"),
    ("土地", "land"),
    ("项目", "projects"),
)

RANK_ENDINGS: tuple[tuple[str, str], ...] = (
    ("全市排名", "{}, rank in Beijing"),
    ("生态涵养区排名", "{}, rank among ecological conservation districts"),
    ("全国排名", "{}, rank in China"),
    ("排名", "{}, rank"),
)
CHANGE_ENDINGS: tuple[tuple[str, str], ...] = (
    ("增速", "{} growth"),
    ("增幅", "{} growth"),
    ("减少", "Reduction in {}"),
    ("下降", "Fall in {}"),
    ("压减", "Cut in {}"),
    ("增加", "Increase in {}"),
    ("增长", "Increase in {}"),
    ("提升", "Gain in {}"),
    ("提高", "Gain in {}"),
)
# What was done to what a derived name counts (引进涉农企业: firms brought in, not all
# firms), said after the head word unless the head already says an action (lifts installed).
ACTIONS: tuple[tuple[str, str], ...] = (
    ("新施划", "New {} marked"),
    ("施划", "{} marked"),
    ("引进", "{} brought in"),
    ("安装", "{} installed"),
    ("培育", "{} fostered"),
    ("聚集", "{} gathered"),
    ("办理", "{} handled"),
    ("组建", "{} formed"),
)
DONE = re.compile(r" \w+ed\b| (?:in|out|up)$")  # a head that says its action (lifts installed)

# What a figure is, by its base unit, when no head word names it.
UNIT_DESCRIPTIONS: dict[str, str] = {
    "%": "Rate or share",
    "百分点": "Change in percentage points",
    "元": "Amount of money",
    "人": "Number of people",
    "人次": "Number of visits",
    "亩": "Area",
    "公顷": "Area",
    "平方公里": "Area",
    "平方米": "Floor area",
    "公里": "Length",
    "吨": "Weight",
    "名次": "Rank",
    "年": "Number of years",
    "天": "Number of days",
    "户": "Number of households",
    "家": "Number of firms or institutions",
}
DEFAULT_DESCRIPTION = "Number of items"
FALLBACKS = frozenset([*UNIT_DESCRIPTIONS.values(), DEFAULT_DESCRIPTION])


def english_name(metric: str, unit_std: str = "") -> str:
    """An English name for a derived Chinese measure name (see the module docstring)."""
    base, template = metric, "{}"
    whole = next((words for words, _ in GLOSSARY if words in metric), "")
    for ending, shape in (*RANK_ENDINGS, *CHANGE_ENDINGS):
        if base.endswith(ending) and len(base) > len(ending) and ending not in whole:
            base, template = base[: -len(ending)], shape
            break
    head = next((english for words, english in GLOSSARY if words in base), None)
    if head is None:
        return UNIT_DESCRIPTIONS.get(unit_std, DEFAULT_DESCRIPTION)
    if template == "{}" and not DONE.search(head):
        template = next((shape for verb, shape in ACTIONS if verb in base), template)
    name = template.format(head)
    return name[0].upper() + name[1:]


def is_fallback(english: str) -> bool:
    """Whether ``english`` only describes a unit because no head word named the measure."""
    return english in FALLBACKS
