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
        "postlint.cli.lsp", "postlint.lspserver", "pygls",
        "postlint.cli.serve", "postlint.web", "postlint.web.app", "starlette", "uvicorn",
        "postlint.initconfig", "postlint.docgen", "postlint.fixes", "postlint.batch.forked", "postlint.batch.spawned",
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


# -- imports inside functions -------------------------------------------------------------------
#
# A module's imports belong at its top, where the graph above sees them. An import inside a
# function is allowed only at a seam, where what is loaded depends on the run and loading it
# early would cost every run that does not need it:
SEAMS = {
    # the checkers a rule names are resolved when its rule is compiled: only the enabled rules'
    # checker modules are loaded
    "checker resolution": {
        "postlint.matchers:compile_rule",
        "postlint.engine:compile_rules",
        "postlint.conceal:masking_rules",
    },
    # only the reporter of --format is loaded
    "reporter choice": {"postlint.reporters:render"},
    # the Sudachi dictionary and tokenizer, for the drafts that need a tokenization
    "tokenizer": {"postlint.text.tokens:dictionary", "postlint.text.tokens:tokenizer"},
    # only the subcommand that runs is loaded (postlint FILE loads no other)
    "subcommand choice": {"postlint.cli:_handler"},
    # the process machinery of --jobs, only when more than one process lints
    "--jobs processes": {"postlint.batch:lint_paths"},
    # --fix / --diff: the fixing machinery, only when asked
    "fixes": {"postlint.cli.lint:fix_results"},
    # --date: datetime, which a run without dates never loads (start-up)
    "reference day": {"postlint.cli.lint:reference_date", "postlint.checks.dates:_datetime"},
    # the -o file is written atomically (tempfile), only when there is one
    "report file": {"postlint.cli.common:write"},
    # heavy third-party or parsing modules (regex, pydantic, tldextract, tomllib), on first use
    "optional dependency on first use": {
        "postlint.lazyregex:LazyPattern._module",
        "postlint.lazyregex:LazyRePattern._module",
        "postlint.lazyregex:_LazyModule.__getattr__",
        "postlint.rulespec:RegexMatch._compiles",
        "postlint.catalog:_rule_adapter",
        "postlint.catalog:_Validator.__call__",
        "postlint.text.domains:_extractor",
        "postlint.config:validate",
        "postlint.config:find_config_file",
        "postlint.config:load_file",
    },
    # "did you mean …": difflib, only for a config with a mistake
    "a config with a mistake": {"postlint.confignames:_closest", "postlint.configschema:_message"},
    # postlint serve: the serve extra (Starlette, uvicorn), checked for before it is imported
    "serve extra": {"postlint.cli.serve:run"},
    # archives of posts (--input-format, Linter.lint_record): their readers, streamed reporters and
    # --jobs chunks, only when a run reads one
    "archives": {"postlint.cli.lint:run", "postlint.api:_record_types"},
    # ``import postlint`` costs nothing until a name of the public API is used
    "public facade": {"postlint:__getattr__"},
}

# Imports inside functions that are not seams, found when this test was written (most defer a
# module for start-up time, or break an import cycle that a module split would remove). They are
# to be moved to the top of their module or turned into one of the seams above; none may be added.
PENDING = {
    "postlint.api:Linter.config_for",
    "postlint.approval:_own_url", "postlint.approval:body_text",
    "postlint.approval:body_hash",
    "postlint.catalog:_toml_paths", "postlint.catalog:_load_shipped",
    "postlint.checks.approval:record",
    "postlint.checks.expression:phrase_index", "postlint.checks.expression:SurfaceIndex.__init__",
    "postlint.checks.expression:surface_index", "postlint.checks.expression:_spread_requests",
    "postlint.checks.expression:internet_slang", "postlint.checks.expression:_entry_surfaces",
    "postlint.checks.links.lookalike:OwnDomain.core",
    "postlint.checks.links.lookalike:_may_imitate", "postlint.checks.links.lookalike:lookalike",
    "postlint.checks.links.options:_bad_option", "postlint.checks.links.posts:accounts_of",
    "postlint.checks.links.shorteners:_exact_only", "postlint.checks.links.shorteners:shortener_index",
    "postlint.checks.pii:_consumer_domains", "postlint.checks.pii:email_address", "postlint.checks.pii:_birth_dates",
    "postlint.checks.pii_phone:_Plan.__init__",
    "postlint.checks.political.lexicon:party_index", "postlint.checks.political.lexicon:councillor_index",
    "postlint.checks.political.lexicon:issue_index", "postlint.checks.political.lexicon:stance_table",
    "postlint.conceal:_exposed_findings", "postlint.conceal:masked_message",
    "postlint.config:_fresh",
    "postlint.lazyregex:_literal_guard",
    "postlint.matchers.literals:prefilter",
    "postlint.matchers.phrase:PhraseIndex.__init__",
    "postlint.prevalidated:build",
    "postlint.text.entities:_known_tld",
    "postlint.text.tokens:_is_mark",
}


def functions_that_import(source: str, module: str) -> set[str]:
    """``module:qualified.name`` of each function whose own body (not a nested class's) imports."""
    found: set[str] = set()

    def visit(node: ast.AST, names: list[str], in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, [*names, child.name], True)
            elif isinstance(child, ast.ClassDef):
                visit(child, [*names, child.name], in_function)
            elif isinstance(child, (ast.Import, ast.ImportFrom)):
                if in_function:
                    found.add(f"{module}:{'.'.join(names)}")
            else:
                visit(child, names, in_function)

    visit(ast.parse(source), [], False)
    return found


def test_functions_that_import_are_found():
    source = (
        "import os\n"
        "def a():\n    import json\n"
        "def b():\n    if True:\n        from . import x\n"
        "class C:\n    import re\n    def m(self):\n        try:\n            import y\n        except ImportError:\n            pass\n"
        "def outer():\n    def inner():\n        import z\n"
    )
    assert functions_that_import(source, "m") == {"m:a", "m:b", "m:C.m", "m:outer.inner"}


def test_imports_inside_functions_only_at_named_seams():
    allowed = set().union(*SEAMS.values()) | PENDING
    found = set()
    for name, path in MODULES.items():
        found |= functions_that_import(path.read_text(encoding="utf-8"), name)
    assert {"postlint.cli:_handler", "postlint.batch:lint_paths", "postlint.reporters:render"} <= found
    assert sorted(found - allowed) == [], "import at the top of the module, or name the seam in SEAMS"


def test_the_library_never_imports_the_command_line():
    """The command line uses the library, never the other way (``approve`` writes approval records
    and ``cli.approve`` is its command line): not even inside a function."""
    importers = set()
    for name, path in MODULES.items():
        if name == "postlint.cli" or name.startswith("postlint.cli.") or name == "postlint.__main__":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                if any(t == "postlint.cli" or t.startswith("postlint.cli.") for t in _targets(name, node)):
                    importers.add(name)
    assert importers == set()
