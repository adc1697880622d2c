"""The generated rule reference (docs/rules.md) lists every rule and is never stale."""

from __future__ import annotations

from pathlib import Path

from postlint.catalog import default_catalog
from postlint.cli import main
from postlint.docgen import REGENERATE, render

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_rules_md_is_up_to_date():
    assert DOC.exists(), f"docs/rules.md is missing: generate it with `{REGENERATE}`"
    committed = DOC.read_text(encoding="utf-8")
    assert committed == render(), (
        f"docs/rules.md is stale (a rule file changed). Regenerate it with `{REGENERATE}` and commit it. / "
        f"docs/rules.md が古くなっています。`{REGENERATE}` で再生成してコミットしてください。"
    )


def test_every_rule_is_documented_with_its_facts():
    page = render()
    for e in default_catalog():
        s = e.spec
        assert f"### {s.code} {s.name}" in page
        assert f"| [{s.code}](#{s.code.lower()}-{s.name}) | `{s.name}` | {s.category} | {s.severity} |" in page
        assert s.rationale.strip().splitlines()[0] in page


def test_personal_examples_are_masked_in_the_page():
    page = render()
    assert "tokushima2025" not in page  # the credential rule's example value
    assert "AKIAIOSFODNN7EXAMPLE" not in page


def test_cli_prints_the_same_page(capsys):
    assert main(["rules", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == render()


def test_page_has_one_line_per_example():
    page = render()
    assert "\r" not in page  # a CRLF example must not split its line (the page is read back as text)
    examples = sum(len(e.spec.examples) for e in default_catalog())
    assert sum(line.startswith(("- ✗", "- ✓")) for line in page.splitlines()) == examples


def test_readme_describes_every_category_and_points_to_the_rule_reference():
    """The README describes each category; the rules themselves are listed in the generated
    reference, so adding a rule touches its rule file and docs/rules.md only."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = sorted({e.category for e in default_catalog() if f"| `{e.category}` |" not in readme})
    assert not missing, f"README.md's table misses the categories {missing}"
    assert "[docs/rules.md](docs/rules.md)" in readme
