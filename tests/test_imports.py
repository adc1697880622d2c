"""The structure of postlint's imports: no cycles between modules, and imports inside a function
only at named seams.

The graph is built from the source with ``ast``: an edge for each ``import`` or ``from … import``
run when a module is loaded (at module level, in a class body or under a module-level ``if``/``try``),
not for imports inside a function (they run when it is called) nor under ``if TYPE_CHECKING`` (they
never run). ``from pkg import name`` is an edge to ``pkg.name`` when that is a module, else to
``pkg``. Importing ``pkg.sub`` also loads ``pkg``'s ``__init__``; that implied edge is left out: a
package that imports its own modules is the usual layout, not a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "postlint"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if _is_package(module) else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The postlint modules an import statement loads."""
    if isinstance(node, ast.Import):
        names = {a.name for a in node.names}
    else:
        base = _absolute(module, node)
        names = {f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names}
    return {n for n in names if n in MODULES}


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _load_time_imports(module: str, body: list[ast.stmt]):
    """The import statements run when the module is loaded."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            if not _type_checking(node.test):
                yield from _load_time_imports(module, node.body)
            yield from _load_time_imports(module, node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                yield from _load_time_imports(module, block)
        elif isinstance(node, (ast.With, ast.ClassDef)):
            yield from _load_time_imports(module, node.body)


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = set().union(*(_targets(name, n) for n in _load_time_imports(name, tree.body))) - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the graph as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_graph_is_read_from_every_module():
    graph = import_graph()
    assert {"postlint.cli", "postlint.cli.lint", "postlint.batch", "postlint.api"} <= set(graph)
    assert "postlint.cli.common" in graph["postlint.cli.lint"]
    assert "postlint.approve" in graph["postlint.cli.approve"]


@pytest.mark.parametrize(
    "graph, cycle",
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
        ({"a": {"b", "c"}, "b": {"c"}, "c": set()}, None),
        ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
        ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
        ({"a": {"a"}}, ["a", "a"]),
    ],
)
def test_find_cycle(graph, cycle):
    assert find_cycle(graph) == cycle


def test_there_is_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_lint_loads_no_other_subcommand_nor_the_jobs_machinery(tmp_path):
    """``postlint FILE`` (the default command, one job) imports the modules it runs and none of
    the other subcommands' nor the --jobs process machinery; each subcommand imports its own."""
    import subprocess
    import sys

    draft = tmp_path / "draft.md"
    draft.write_text("秋の防災フェアを開催します。\n", encoding="utf-8")
    others = {
        "postlint.cli.rules", "postlint.cli.explain", "postlint.cli.init", "postlint.cli.approve", "postlint.approve",
        "postlint.initconfig", "postlint.docgen", "postlint.batch.forked", "postlint.batch.spawned",
        "multiprocessing", "concurrent.futures",
    }

    def loaded(*argv: str) -> set[str]:
        probe = (
            "import sys\n"
            "from postlint.cli import main\n"
            f"main({list(argv)!r})\n"
            f"print('\\nloaded:', *sorted(m for m in {sorted(others | {'postlint.cli.lint'})!r} if m in sys.modules))\n"
        )
        out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120).stdout
        return set(out.rsplit("\nloaded:", 1)[1].split())

    assert loaded(str(draft)) == {"postlint.cli.lint"}
    assert loaded("--jobs", "1", str(draft), str(draft)) == {"postlint.cli.lint"}
    assert loaded("explain", "LK001") == {"postlint.cli.explain"}
    assert loaded("rules", "--format", "json") == {"postlint.cli.rules", "postlint.docgen"}
