"""The GUI's layer rules, checked on the source: no SQL, sessions, transactions or ORM models
anywhere under reviewer/gui (the rater's window calls reviewer.rating.operations, the coordinator's
tools the other packages' operations), and no import cycle between GUI modules (imports inside
functions count; those under ``if TYPE_CHECKING:`` do not run, so they do not). The import
contracts (tests/test_architecture.py) check the imports; this checks the text too."""

from __future__ import annotations

import ast
import re
from pathlib import Path

GUI = Path(__file__).resolve().parents[2] / "reviewer" / "gui"
DATABASE = re.compile(r"select\(|Session|sqlalchemy|reviewer\.store\.models")


def _gui_files() -> list[Path]:
    files = sorted(GUI.rglob("*.py"))
    assert {p.parent.name for p in files} >= {"gui", "rater", "coordinator"}
    return files


def test_the_gui_never_touches_sql_sessions_or_models() -> None:
    found = [f"{p.relative_to(GUI)}:{n}: {line.strip()}" for p in _gui_files()
             for n, line in enumerate(p.read_text("utf-8").splitlines(), 1) if DATABASE.search(line)]
    assert found == []


def test_the_gui_opens_no_transaction() -> None:
    found = [f"{p.relative_to(GUI)}:{n}" for p in _gui_files()
             for n, line in enumerate(p.read_text("utf-8").splitlines(), 1) if ".begin()" in line]
    assert found == []


def _module(path: Path) -> str:
    parts = path.relative_to(GUI.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_imports(tree: ast.AST) -> set[str]:
    """Modules imported when the code runs (anywhere but under ``if TYPE_CHECKING:``)."""
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return out


def test_no_import_cycle_in_the_gui() -> None:
    modules = {_module(p): p for p in GUI.rglob("*.py")}
    graph = {name: sorted(m for m in _runtime_imports(ast.parse(p.read_text("utf-8"))) if m in modules and m != name)
             for name, p in modules.items()}
    cycles: list[list[str]] = []

    def walk(node: str, path: list[str], done: set[str]) -> None:
        if node in path:
            cycles.append(path[path.index(node):] + [node])
            return
        if node in done:
            return
        for nxt in graph[node]:
            walk(nxt, [*path, node], done)
        done.add(node)

    finished: set[str] = set()
    for name in sorted(graph):
        walk(name, [], finished)
    assert cycles == []
