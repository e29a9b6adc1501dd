"""Finding a font with Chinese glyphs for the chart images and the PDF handout.

Order: the file named by ``PGDASH_CJK_FONT`` (bold = the same file), then what fontconfig
picks for simplified Chinese (``fc-match``), then the Noto CJK files Debian's
fonts-noto-cjk installs. A font that has no glyph for 平 is not accepted.
"""

import functools
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont, TTLibError

from pgdash.errors import PgdashError
from pgdash.export.cache import cached_bytes, cached_file, cached_path, content_key, key_of

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
    """The face if it exists and has glyphs for Chinese text, else ``None``; a face checked
    before (same file, size and time) is taken from the export cache."""
    try:
        stat = path.stat()
    except OSError:
        return None
    stamp = (str(path.resolve()), str(index), str(stat.st_size), str(stat.st_mtime_ns))
    name = f"font-{key_of(*stamp)}.json"
    try:
        known = json.loads(cached_bytes(name, lambda: _check(path, index)))
    except (OSError, ValueError):
        known = json.loads(_check(path, index))
    return Face(path, index, known["family"]) if known.get("family") else None


def _check(path: Path, index: int) -> bytes:
    """``{"family": name}`` of a face with glyphs for Chinese text, else ``{}``, as JSON."""
    face = _read(path, index)
    return json.dumps({"family": face.family} if face else {}).encode()


def _read(path: Path, index: int) -> Face | None:
    """The face read from its file, if it has glyphs for Chinese text."""
    try:
        font = _open(path, index)
        cmap = font.getBestCmap() or {}
        family = font["name"].getBestFamilyName() or path.stem
    except (OSError, IndexError, KeyError, TTLibError):
        return None
    return Face(path, index, family) if all(ord(ch) in cmap for ch in PROBE) else None


def _fc_match(pattern: str) -> Face | None:
    """What fontconfig picks for ``pattern``, if it covers simplified Chinese: fontconfig
    has read the font's characters already (its ``zh-cn`` holds 平 and 谷), so the face is
    taken without opening it."""
    if not shutil.which("fc-match"):
        return None
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}|%{index}|%{family[0]}|%{lang}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
        file, index, family, langs = out.split("|", 3)
        if "zh-cn" in langs.split("|") and family and Path(file).is_file():
            return Face(Path(file), int(index or 0), family)
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


# What any page may print besides its own text: ASCII, Latin-1 and the punctuation and
# marks our labels and figures use.
BASE_CHARS = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "".join(chr(c) for c in range(0xA0, 0x100))
    + "…·—–‘’“”•→←↑↓★☆●○■□▲△、。，；：？！（）《》【】「」『』〈〉％＋－～·²³"
)


def _subset(face: Face, chars: str, out: Path) -> None:
    from fontTools import subset  # a slow import, needed only when the cache lacks the file

    # Read only what is kept; keep the whole font's bounding boxes rather than measure every
    # kept glyph's outline three times over (the PDF needs a box that holds them all).
    font = TTFont(str(face.path), fontNumber=face.index, lazy=True, recalcBBoxes=False)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    # fpdf2 draws each character by its cmap glyph, horizontally (no shaping): no
    # substitutions (vertical, traditional, full- and half-width forms would double the
    # glyphs and the time) and no vertical metrics.
    options.layout_features = []
    options.drop_tables += ["vhea", "vmtx", "VORG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(ch) for ch in chars}))
    subsetter.subset(font)
    font.save(str(out))


def _subset_name(face: Face, wanted: str) -> str:
    """The cache's name of the cut of ``face`` to ``wanted`` (and of this code)."""
    stat = face.path.stat()
    stamp = (str(face.path.resolve()), str(face.index), str(stat.st_size), str(stat.st_mtime_ns))
    suffix = ".otf" if "CFF " in _open(face.path, face.index) else ".ttf"
    return f"subset-{content_key(*stamp, wanted)}{suffix}"


def _wanted(chars: str) -> str:
    return "".join(sorted(set(chars) | set(BASE_CHARS)))


def subset_face(face: Face, chars: str) -> Path:
    """A font file of ``face`` holding only the glyphs of ``chars`` (and ``BASE_CHARS``),
    kept in the export cache: a PDF library then reads hundreds of glyphs, not 65,000."""
    wanted = _wanted(chars)
    return cached_file(_subset_name(face, wanted), lambda p: _subset(face, wanted, p))


def face_for(face: Face, chars: str) -> Path | None:
    """The file to embed for ``chars``: the cut of ``face`` if the cache has it, else
    ``None`` for the whole face. Cutting takes longer (0.4 s a face) than a PDF library
    takes to read the whole face and keep what it prints, so an export reads the whole face
    when the cut is not there yet; the warm-up cuts it afterwards
    (:func:`pgdash.export.handout.cut_fonts`), which saves some 0.25 s a face on every later
    export of the same characters."""
    return cached_path(_subset_name(face, _wanted(chars)))
