"""The rule reference (``docs/rules.md``), generated from the rule files.

    python -m postlint.docgen > docs/rules.md
    postlint rules --format markdown > docs/rules.md

Both print the same page: every rule of every category with its code, name, category, severity,
guideline sections, summary, rationale, message and examples. ``tests/test_docgen.py`` fails when the
committed page is out of date.
"""

from __future__ import annotations

import sys

from .catalog import default_catalog
from .guideline import SECTIONS, sections, standard_title
from .masking import mask

REGENERATE = "python -m postlint.docgen > docs/rules.md"
_MAX_EXAMPLE = 160  # characters of an example shown before it is cut

_CATEGORY_TITLES = {
    "link": "リンク / link",
    "personal-data": "個人情報 / personal-data",
    "political": "政治的中立 / political",
    "approval": "決裁・協議 / approval",
    "confidentiality": "守秘義務・情報セキュリティ / confidentiality",
    "expression": "表現 / expression",
    "platform": "投稿先 / platform",
    "accessibility": "アクセシビリティ / accessibility",
    "engine": "エンジン / engine",
}
_SEVERITY = {"error": "error（エラー）", "warning": "warning（警告）", "info": "info（参考）"}
_APPROVAL = {"consultation": "consultation（複数人で協議、5.6）", "approver": "approver（決裁権者等の確認、5.4）"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    """Inline code that survives backticks and newlines."""
    text = text.replace("\r\n", "↵").replace("\r", "↵").replace("\n", "↵")
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _example(ex, personal: bool, mask_style: str) -> str:
    """The example text with its expected spans marked 【…】 (masked for personal-data rules)."""
    text = ex.text
    out = []
    pos = 0
    for s, e in sorted(ex.spans):
        part = text[s:e]
        if personal:
            part = mask(part, mask_style)
        out.append(text[pos:s])
        out.append(f"【{part}】")
        pos = e
    out.append(text[pos:])
    shown = "".join(out)
    if len(shown) > _MAX_EXAMPLE:
        shown = shown[:_MAX_EXAMPLE] + f"…（全{len(text)}文字）"
    return shown


def _sections(value: str) -> str:
    return "、".join(f"{s} {SECTIONS.get(s, '')}".strip() for s in sections(value))


def render(catalog=None) -> str:
    catalog = default_catalog() if catalog is None else catalog
    entries = sorted(catalog, key=lambda e: e.code)
    lines = [
        "# ルール一覧 / Rule reference",
        "",
        "<!-- 生成ファイルです。直接編集せず、rules/ のルールファイルを直してから再生成してください。",
        f"     Generated from rules/*/*.toml — do not edit; regenerate with: {REGENERATE} -->",
        "",
        f"postlint の全ルール（{len(entries)} 件）。各ルールは `rules/<category>/<CODE>-<name>.toml` の1ファイルで定義され、"
        "このページはそこから生成しています。例の【】は指摘される範囲です。",
        f"All {len(entries)} rules, generated from the rule files; 【…】 marks the span a failing example must report.",
        "",
        "| code | name | category | severity | guideline | default | summary |",
        "|---|---|---|---|---|---|---|",
    ]
    for e in entries:
        s = e.spec
        lines.append(
            f"| [{s.code}](#{s.code.lower()}-{s.name}) | `{s.name}` | {s.category} | {s.severity} | {_cell(s.guideline)} "
            f"| {'on' if s.default else 'off'} | {_cell(e.summary)} |"
        )
    categories = [c for c in _CATEGORY_TITLES if any(e.category == c for e in entries)]
    for cat in categories:
        lines += ["", f"## {_CATEGORY_TITLES[cat]}"]
        for e in (x for x in entries if x.category == cat):
            s = e.spec
            lines += ["", f"### {s.code} {s.name}", ""]
            lines.append(f"- カテゴリ / category: `{s.category}`")
            lines.append(f"- 重大度 / severity: {_SEVERITY[s.severity]}")
            lines.append(f"- ガイドライン / guideline: {_sections(s.guideline)}")
            for k in s.standards:
                lines.append(f"- 基準 / standard: {standard_title(k)}")
            if s.approval:
                lines.append(f"- 承認 / approval: {_APPROVAL[s.approval]}")
            lines.append(f"- 既定で有効 / on by default: {'はい / yes' if s.default else 'いいえ / no'}")
            if s.personal:
                lines.append("- 出力では指摘箇所を伏せ字にします / masked in output")
            lines.append(f"- 照合 / matcher: `{s.kind}`")
            if s.fix:
                lines.append("- 修正 / fix: `postlint --fix` で直せます / fixable — " + " ".join(s.fix.split()))
            lines += ["", f"**概要 / summary**: {e.summary}", "", "**理由 / rationale**", ""]
            lines += [line for line in s.rationale.strip().splitlines()]
            lines += ["", f"**メッセージ / message**: {s.message}", "", "**例 / examples**", ""]
            for ex in s.examples:
                mark = "✗ 指摘あり" if ex.spans else "✓ 指摘なし"
                item = f"- {mark}: {_code(_example(ex, s.personal, s.mask))}"
                extra = []
                if ex.severities:
                    extra.append("重大度 " + "、".join(ex.severities))
                if ex.config:
                    extra.append("設定 " + _code(_inline(ex.config)))
                if ex.note:
                    extra.append(ex.note)
                if extra:
                    item += " — " + "。".join(x.rstrip("。") for x in extra)
                lines.append(item)
    return "\n".join(lines) + "\n"


def _inline(value) -> str:
    """A config override in TOML inline syntax."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


def main() -> int:
    sys.stdout.buffer.write(render().encode("utf-8"))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
