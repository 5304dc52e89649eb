"""The layout's promises, checked on the source: no import cycle, one module owns the model SDK, one
layer owns python-docx, and nobody parses text another module wrote for people."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "reviewer"


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _imports(name: str, path: Path) -> set[str]:
    """Every module imported anywhere in the file, lazily inside functions included."""
    found: set[str] = set()
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_import_graph_has_no_cycle() -> None:
    modules = _modules()
    graph = {name: {m for m in _imports(name, path) if m in modules and m != name} for name, path in modules.items()}
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph[name]):
            assert state.get(target) != "open", "import cycle: " + " → ".join([*trail, name, target])
            if target not in state:
                visit(target, [*trail, name])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [])


def _importers(prefix: str) -> set[str]:
    return {
        name
        for name, path in _modules().items()
        if any(m == prefix or m.startswith(prefix + ".") for m in _imports(name, path))
    }


def test_one_module_imports_the_model_sdk() -> None:
    assert _importers("openai") == {"reviewer.llm"}


def test_one_layer_imports_python_docx() -> None:
    importers = _importers("docx")
    assert importers and all(name.startswith("reviewer.wordfile") for name in importers), importers


def test_nobody_parses_a_location_written_for_people() -> None:
    # Locations are typed (`location_ref`); the Chinese `location` is for display only.
    offenders = [
        f"{path.name}:{n}"
        for path in PACKAGE.rglob("*.py")
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if re.search(r"location\.(r?split|partition|rpartition)\(|\.split\(\"(：|、| · | ↔ )\"", line)
    ]
    assert offenders == []
