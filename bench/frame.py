"""The app's frame around a hello-world page: what the sidebar, navigation and CSS cost alone.

A copy of ``app.py`` is served whose first page is the hello-world page; the other pages are
copied as they are, so the navigation lists all seven. Measured in the same loop as the pages,
it tells how much of the budget against hello-world the frame spends before any content.
"""

import shutil
from pathlib import Path

FRAME = "frame"  # its name among the browser results


def frame_app(folder: Path, app: Path, hello: Path) -> Path:
    """Write the frame app into ``folder``; the path of its ``app.py``."""
    shutil.copy(app, folder / "app.py")
    shutil.copytree(app.parent / "pages", folder / "pages")
    lines = hello.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if "set_page_config" not in line]  # app.py has set it
    (folder / "pages" / "overview.py").write_text("\n".join(body) + "\n", encoding="utf-8")
    return folder / "app.py"
