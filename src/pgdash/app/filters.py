"""The shared sidebar controls: language, sector and report year, mirrored in the URL.

``?sector=logistics&lang=en`` opens the app filtered and in English, and every change of
the controls is written back, so a view can be bookmarked and sent on. The URL holds the
ids (``logistics``, ``en``), never the displayed names. (Streamlit's ``bind="query-params"``
puts the displayed option text in the URL, which would change with the language; so the
sync is done here.) A value the app does not know is dropped with a visible notice.
``?year=2024`` opens the work report that sets the targets of 2024 (default the latest); the
year picker is drawn only when there is more than one report. ``?district=luohu`` opens the
reports of one district (default the district of the latest report); its picker is drawn
only when the data hold more than one district, and the year's options are that district's.
"""

from collections.abc import Callable

import streamlit as st

from pgdash.display.i18n import DEFAULT_LANG, LANGS, sector_label, t
from pgdash.display.safe import escape_markdown
from pgdash.sectors import SECTOR_IDS
from pgdash.tables import ALL

SECTOR_KEY = "sector"
LANG_KEY = "lang"
YEAR_KEY = "year"
YEARS_KEY = "year-options"  # session key: the report years of the data, as strings
DISTRICT_KEY = "district"
DISTRICTS_KEY = "district-options"  # session key: the district slugs of the data, latest last
SECTOR_OPTIONS = (ALL, *SECTOR_IDS)
LANG_LABELS = {"zh": "中文", "en": "English"}
NOTICE_CHARS = 40
KEPT = "{}-kept"  # session key holding a control's last good value


def _kept(key: str) -> str | None:
    return st.session_state.get(KEPT.format(key))


def keep(key: str, value: object, options: tuple[str, ...]) -> None:
    """After the widget: remember a good value, or rerun when the browser dropped it.

    On a page change Streamlit's frontend may send the sidebar's segmented control back
    without a value (the page then fell back to Chinese and wrote ``lang=None`` into the
    URL). The value kept here is put back before the widget is drawn again.
    """
    if value in options:
        st.session_state[KEPT.format(key)] = value
    elif _kept(key) in options:
        st.rerun()


def url_to_state(key: str, options: tuple[str, ...], default: str) -> list[str]:
    """Before the widget is drawn: a known value in the URL wins over the session's.

    Without one in the URL (a page switch clears it) the session keeps its value. Returns
    the values of ``key`` in the URL that are not among ``options``.
    """
    values = st.query_params.get_all(key)
    known = [v for v in values if v in options]
    if known:
        st.session_state[key] = known[-1]
    elif st.session_state.get(key) not in options:
        st.session_state[key] = _kept(key) if _kept(key) in options else default
    return [v for v in values if v not in options]


def state_to_url(key: str, default: str) -> None:
    """After the widget: the URL shows the value, or nothing for the default."""
    value = st.session_state.get(key, default)
    if value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != [value]:
        st.query_params[key] = value


def language_switch() -> tuple[str, list[str]]:
    """The 中文 / English switch: "zh" or "en", and any unknown value from the URL."""
    unknown = url_to_state(LANG_KEY, LANGS, DEFAULT_LANG)
    lang = st.segmented_control(
        "语言 / Language",
        LANGS,
        format_func=LANG_LABELS.get,
        key=LANG_KEY,
        required=True,
        on_change=state_to_url,  # runs before the rerun, so the URL does not undo the change
        args=(LANG_KEY, DEFAULT_LANG),
    )
    keep(LANG_KEY, lang, LANGS)
    state_to_url(LANG_KEY, DEFAULT_LANG)
    return (lang if lang in LANGS else DEFAULT_LANG), unknown


def sector_filter(lang: str) -> tuple[str, list[str]]:
    """The sector filter: the sector id (or ``"all"``) and any unknown value from the URL."""
    unknown = url_to_state(SECTOR_KEY, SECTOR_OPTIONS, ALL)
    sector = st.pills(  # every sector in sight, one tap away
        t("sector_filter", lang),
        SECTOR_OPTIONS,
        format_func=lambda s: sector_label(s, lang),
        key=SECTOR_KEY,
        required=True,
        on_change=state_to_url,
        args=(SECTOR_KEY, ALL),
    )
    keep(SECTOR_KEY, sector, SECTOR_OPTIONS)
    state_to_url(SECTOR_KEY, ALL)
    return (sector if sector in SECTOR_OPTIONS else ALL), unknown


def notify_unknown(unknown: list[str], lang: str, key: str = "unknown_sector") -> None:
    """Tell the reader that a sector (or language, district, year) in the URL was not
    recognised and ignored."""
    for value in unknown:
        shown = value if len(value) <= NOTICE_CHARS else value[:NOTICE_CHARS] + "…"
        notice = t(key, lang, value=escape_markdown(shown))
        st.warning(notice, icon=":material/warning:")  # once, where the page starts


def current_lang() -> str:
    """The language chosen in the sidebar (default Chinese)."""
    lang = st.session_state.get(LANG_KEY)
    return lang if lang in LANGS else DEFAULT_LANG


def current_sector() -> str:
    """The sector chosen in the sidebar, or ``"all"``."""
    sector = st.session_state.get(SECTOR_KEY)
    return sector if sector in SECTOR_OPTIONS else ALL


def _picker(
    key: str,
    options_key: str,
    options: tuple[str, ...],
    label: str,
    format_func: Callable[[str], str],
    on_change: Callable[[str], None],
    lang: str,
) -> list[str]:
    """A picker over ``options`` (the latest last), shown only with two or more, kept in the
    address under ``key``; returns the values in the URL that are not among them."""
    st.session_state[options_key] = options
    if not options:
        return []
    latest = options[-1]
    unknown = url_to_state(key, options, latest)
    if len(options) > 1:
        # a select box keeps showing the label it was drawn with: one per language, each
        # drawn with the value held under ``key``
        widget = f"{key}-{lang}"
        st.session_state[widget] = st.session_state[key]
        chosen = st.selectbox(
            label,
            options[::-1],
            format_func=format_func,
            key=widget,
            on_change=_picked,
            args=(key, widget, on_change, latest),
        )
        st.session_state[key] = chosen
        keep(key, chosen, options)
    state_to_url(key, latest)
    return unknown


def _picked(key: str, widget: str, on_change: Callable[[str], None], latest: str) -> None:
    """A picker's new value, held under ``key`` before its own callback runs."""
    st.session_state[key] = st.session_state[widget]
    on_change(latest)


def _chosen(key: str, options_key: str) -> str | None:
    """The value chosen in a picker (the latest by default), or ``None`` without options."""
    options = st.session_state.get(options_key, ())
    value = st.session_state.get(key)
    if value in options:
        return value
    return options[-1] if options else None


def year_filter(years: list[int], lang: str) -> list[str]:
    """The report-year picker (only with two or more reports); unknown years from the URL."""
    return _picker(
        YEAR_KEY,
        YEARS_KEY,
        tuple(str(y) for y in years),
        t("report_year", lang),
        lambda y: t("report_of_year", lang, year=y),
        _year_changed,
        lang,
    )


def _year_changed(latest: str) -> None:
    state_to_url(YEAR_KEY, latest)


def current_year() -> int | None:
    """The report year chosen (the latest by default), or ``None`` without reports."""
    year = _chosen(YEAR_KEY, YEARS_KEY)
    return None if year is None else int(year)


def district_filter(options: dict[str, str], lang: str) -> list[str]:
    """The district picker (only with two or more districts): ``options`` maps each
    district's slug to its name in the reader's language, the latest district last.
    Returns the districts in the URL that the data do not hold."""
    return _picker(
        DISTRICT_KEY, DISTRICTS_KEY, tuple(options), t("district", lang), options.get,
        _district_changed, lang,
    )  # fmt: skip


def _district_changed(latest: str) -> None:
    """Another district: its own latest report, not the year chosen for the one before."""
    state_to_url(DISTRICT_KEY, latest)
    st.session_state.pop(YEAR_KEY, None)
    st.session_state.pop(KEPT.format(YEAR_KEY), None)
    if YEAR_KEY in st.query_params:
        del st.query_params[YEAR_KEY]


def current_district() -> str | None:
    """The slug of the district chosen (the latest by default), or ``None`` without data."""
    return _chosen(DISTRICT_KEY, DISTRICTS_KEY)
