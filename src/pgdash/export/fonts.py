"""Finding a font with Chinese glyphs for the chart images and the PDF handout.

Order: the file named by ``PGDASH_CJK_FONT`` (bold = the same file), then what fontconfig
picks for simplified Chinese (``fc-match``), then the Noto CJK files Debian's
fonts-noto-cjk installs. A font that has no glyph for 平 is not accepted.
"""

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont, TTLibError

from pgdash.errors import PgdashError

PROBE = "平谷"
NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
NOTO_SC_INDEX = 2  # face number of "Noto Sans CJK SC" in Debian's .ttc collections
INSTALL_HINT = "install fonts-noto-cjk (apt-get install fonts-noto-cjk) or set PGDASH_CJK_FONT"


@dataclass(frozen=True)
class Face:
    """One font face: its file, its number inside a collection, and its family name."""

    path: Path
    index: int
    family: str


@dataclass(frozen=True)
class CjkFont:
    """A regular and a bold face with Chinese glyphs."""

    regular: Face
    bold: Face

    @property
    def directory(self) -> Path:
        """The folder to register with vl-convert."""
        return self.regular.path.parent


def _open(path: Path, index: int) -> TTFont:
    if path.suffix.lower() in (".ttc", ".otc"):
        return TTCollection(str(path), lazy=True).fonts[index]
    return TTFont(str(path), lazy=True)


def _checked(path: Path, index: int) -> Face | None:
    """The face if it exists and has glyphs for Chinese text, else ``None``."""
    try:
        font = _open(path, index)
        cmap = font.getBestCmap() or {}
        family = font["name"].getBestFamilyName() or path.stem
    except (OSError, IndexError, KeyError, TTLibError):
        return None
    return Face(path, index, family) if all(ord(ch) in cmap for ch in PROBE) else None


def _fc_match(pattern: str) -> Face | None:
    if not shutil.which("fc-match"):
        return None
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}|%{index}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
        file, _, index = out.partition("|")
        return _checked(Path(file), int(index or 0))
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def _from_env() -> CjkFont | None:
    named = os.environ.get("PGDASH_CJK_FONT")
    if not named:
        return None
    face = _checked(Path(named), 0)
    if face is None:
        raise PgdashError(f"PGDASH_CJK_FONT={named} is not a readable font with Chinese glyphs")
    return CjkFont(face, face)


@functools.cache
def cjk_font() -> CjkFont:
    """The CJK font to draw with; ``PgdashError`` with the fix when there is none."""
    if found := _from_env():
        return found
    regular = _fc_match("sans-serif:lang=zh-cn") or _checked(
        NOTO_DIR / "NotoSansCJK-Regular.ttc", NOTO_SC_INDEX
    )
    if regular is None:
        raise PgdashError(f"no font with Chinese glyphs found; {INSTALL_HINT}")
    bold = (
        _fc_match("sans-serif:lang=zh-cn:weight=bold")
        or _checked(NOTO_DIR / "NotoSansCJK-Bold.ttc", NOTO_SC_INDEX)
        or regular
    )
    return CjkFont(regular, bold if bold.family == regular.family else regular)


FANGSONG = ("FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "SimSun", "宋体")


@functools.cache
def document_font() -> CjkFont:
    """The font of an office document (the 督办通报): 仿宋 or 宋体 when installed, else Noto
    Serif CJK SC, else the CJK font of the handout."""
    for name in FANGSONG:
        face = _fc_match(f"{name}:lang=zh-cn")
        if face is not None and face.family in FANGSONG:
            return CjkFont(face, face)
    serif = _checked(NOTO_DIR / "NotoSerifCJK-Regular.ttc", NOTO_SC_INDEX)
    if serif is not None:
        bold = _checked(NOTO_DIR / "NotoSerifCJK-Bold.ttc", NOTO_SC_INDEX) or serif
        return CjkFont(serif, bold)
    return cjk_font()
