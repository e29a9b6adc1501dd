"""The one label mechanism: a table of Chinese and English words and ``t(key, lang)``.

Each layer keeps its own table (the app's in ``display.i18n``, the ledger's in
``supervision.labels``); both look words up the same way through :class:`Labels`.
"""

from collections.abc import Mapping

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


class Labels:
    """A label table: ``key -> (zh, en)``; calling it gives the word in a language."""

    def __init__(self, table: Mapping[str, tuple[str, str]]):
        self.table = table

    def __call__(self, key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
        """The label ``key`` in ``lang`` ("zh" or "en"), with ``values`` filled in."""
        zh, en = self.table[key]
        text = en if lang == "en" else zh
        return text.format(**values) if values else text
