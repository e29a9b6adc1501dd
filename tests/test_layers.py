"""The package's layers import one way only; read from the source with ``ast``.

pipeline → tables ← display ← briefing ← export ← app. Streamlit is imported by the app and
by web (the server around it: Streamlit's ASGI app, the index page in front with the
display's stylesheet, the sign-in cookie of supervision), which imports nothing of the
app. The base modules (errors, paths, schema, sectors, tables …) serve every layer.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "pgdash"
ENTRY = {"pgdash.cli", "pgdash.__main__"}
# Which layers each layer may import (besides itself).
ALLOWED = {
    "base": set(),
    "pipeline": {"base"},
    "display": {"base"},
    "supervision": {"base"},
    "serve": {"base"},
    "web": {"base", "display", "supervision"},
    "briefing": {"base", "display", "supervision"},
    "export": {"base", "display", "briefing", "supervision"},
    "app": {"base", "display", "briefing", "export", "supervision"},
    "entry": {
        *("base", "pipeline", "display", "briefing", "export", "supervision", "serve", "web"),
        "app",
    },
}
STAGES = ("read", "text", "extract", "relate", "validate", "write")  # the pipeline, in order
# ten: cells (the one rule for every spreadsheet cell) and labels (the one label mechanism)
# each serve two layers, so they sit below both
MAX_LOOSE_MODULES = 10


def module_name(path: Path) -> str:
    """``src/pgdash/display/i18n.py`` → ``pgdash.display.i18n``; app files → ``app.…``."""
    if path.is_relative_to(PACKAGE):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        return ".".join(p for p in parts if p != "__init__")
    return "app." + ".".join(path.relative_to(ROOT).with_suffix("").parts)


def layer_of(module: str) -> str:
    """The layer a module belongs to."""
    if module in ENTRY:
        return "entry"
    if module.startswith("app."):  # app.py and pages/
        return "app"
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in ALLOWED and parts[1] not in ("base", "entry"):
        return parts[1]
    return "base"


def imports_of(path: Path) -> set[str]:
    """Every module an import statement of ``path`` names (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], base]).strip(".")
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def sources() -> list[Path]:
    return [*PACKAGE.rglob("*.py"), ROOT / "app.py", *(ROOT / "pages").glob("*.py")]


GRAPH = {module_name(p): imports_of(p) for p in sources()}
OURS = set(GRAPH)


def our_imports(module: str) -> set[str]:
    """The project modules ``module`` imports (names that are not modules are dropped)."""
    return {name for name in GRAPH[module] if name in OURS and name != module}


def test_modules_are_placed_in_their_layers() -> None:
    assert layer_of("pgdash.pipeline.extract.facts") == "pipeline"
    assert layer_of("pgdash.display") == "display"
    assert layer_of("pgdash.schema") == "base"
    assert layer_of("app.pages.map") == "app"
    assert "pgdash.display.i18n" in GRAPH["pgdash.briefing.slides"]


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_module_imports_a_layer_it_may_not(module: str) -> None:
    mine = layer_of(module)
    wrong = sorted(
        name
        for name in our_imports(module)
        if layer_of(name) != mine and layer_of(name) not in ALLOWED[mine]
    )
    assert not wrong, f"{module} ({mine}) imports {wrong}"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_only_the_app_and_its_server_import_streamlit(module: str) -> None:
    uses = any(name == "streamlit" or name.startswith("streamlit.") for name in GRAPH[module])
    assert not uses or layer_of(module) in ("app", "web"), f"{module} imports streamlit"


def test_pipeline_stages_import_only_earlier_stages() -> None:
    def stage(module: str) -> str | None:
        parts = module.split(".")
        return parts[2] if len(parts) > 2 and parts[1] == "pipeline" else None

    wrong = [
        (module, name)
        for module in GRAPH
        if stage(module) in STAGES
        for name in our_imports(module)
        if stage(name) in STAGES and STAGES.index(stage(name)) > STAGES.index(stage(module))
    ]
    assert not wrong


def _package(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "app":
        return "app"
    depth = 3 if len(parts) > 2 and parts[1] in ("pipeline", "app") else 2
    return ".".join(parts[:depth]) if len(parts) > 2 else ".".join(parts[:2])


def test_packages_import_each_other_in_no_circle() -> None:
    edges: dict[str, set[str]] = defaultdict(set)
    for module in GRAPH:
        for name in our_imports(module):
            a, b = _package(module), _package(name)
            if a != b:
                edges[a].add(b)
    # A circle is a package that reaches itself.
    for start in list(edges):
        seen, todo = set(), list(edges[start])
        while todo:
            node = todo.pop()
            assert node != start, f"{start} imports itself through {sorted(seen)}"
            if node not in seen:
                seen.add(node)
                todo.extend(edges.get(node, ()))


def test_the_package_keeps_few_loose_modules() -> None:
    loose = [p.stem for p in PACKAGE.glob("*.py") if not p.stem.startswith("__")]
    assert len(loose) <= MAX_LOOSE_MODULES, sorted(loose)


def test_each_stage_says_what_goes_in_and_out() -> None:
    for stage in STAGES:
        doc = ast.get_docstring(
            ast.parse((PACKAGE / "pipeline" / stage / "__init__.py").read_text())
        )
        assert doc and len(doc.splitlines()) >= 2, f"pipeline/{stage}/__init__.py"
