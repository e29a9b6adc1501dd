"""Reading the project's TOML files (document metadata, curated catalogues) with one-line
errors that name the file and the fix."""

import tomllib
from pathlib import Path
from typing import Any

from pgdash.errors import PgdashError


def read_toml(path: Path, if_missing: str = "restore it from the repository") -> dict[str, Any]:
    """The parsed TOML file, or a ``PgdashError`` naming it: missing, unreadable or invalid."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PgdashError(f"{path} is missing; {if_missing}") from None
    except UnicodeDecodeError:
        raise PgdashError(f"{path} is not UTF-8 text; re-save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise PgdashError(f"{path} is not valid TOML ({exc}); fix its syntax") from None
    except OSError as exc:
        raise PgdashError(f"{path} cannot be read ({exc.strerror}); check the file") from None
