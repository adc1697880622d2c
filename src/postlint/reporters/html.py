"""A review sheet for the 決裁権者等: one self-contained HTML page for all drafts of a run.

No script, no external asset, no network (a Content-Security-Policy forbids every fetch); CSS is
inline. Every piece of draft text is escaped. Personal data is masked unless ``--show-personal-data``.
"""

from __future__ import annotations

import datetime
import unicodedata
from html import escape

from .. import __version__
from .. import approval as ap
from ..approval import LEVEL_LABELS
from ..catalog import default_catalog
from ..guideline import sections, standard_title, title
from ..masking import masked_part
from ..model import InputError, Severity
from ..text.frontmatter import find
from .text import shows_as_itself

_SEVERITY_JA = {"error": "エラー", "warning": "警告", "info": "情報"}

# What a person must still check: the tool cannot see images, verify facts or judge objectivity.
CHECKS_54 = (
    ("4.4, 6.1", "内容は正確か（日時・場所・金額・連絡先・固有名詞）。誤解を招く表現はないか。"),
    ("5.4", "既知の情報・既成の事実に基づくか。公式の情報源（自組織のサイト等）と内容が一致しているか。"),
    ("4.3, 5.8", "個人情報、写真・動画に写る人の肖像、他人の著作物を含まないか（画像はこのツールでは確かめられません）。"),
    ("4.2, 4.5", "秘密や未公表の情報、内部の資料・URL・パスワードを含まないか。"),
    ("4.2", "政治的中立を損なう表現、差別的・攻撃的な表現がないか。"),
    ("6.1", "リンク先は正しいか。第三者のページや他の利用者の投稿を紹介する場合、その信頼性を確かめたか。"),
    ("5.2", "投稿するアカウントと時期は、そのアカウントの利用方針に合っているか。"),
)
CHECKS_56 = (
    ("5.6", "決裁権者等を含む複数人で協議したか（postlint approve --consulted で記録します）。"),
    ("5.6", "所属の立場だけでなく、県全体や県民の視点から、発信（返信）の客観的な妥当性を考えたか。"),
    ("6.1, 6.2", "返信の場合：意見や質問に冷静かつ誠実に答え、反論や抗弁になっていないか。"),
    ("6.1, 6.2", "訂正・お詫びの場合：誤りの範囲、正しい内容、経緯を正確に示しているか。"),
    ("6.2", "炎上・トラブルへの対応の場合：事実確認は済んでいるか。時間を要するならその旨を説明しているか。"),
)
CHECK_56_APPLIES = (
    "5.6",
    "県の公式見解と受け取られる内容や、利用者の意見・質問への返信に当たらないか（当たるなら決裁権者等を含む複数人での協議が必要です）。",
)

_CSS = """
:root{--err:#b42318;--warn:#b54708;--info:#175cd3;--ok:#067647;--ink:#1d2939;--mute:#667085;--line:#d0d5dd}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",Meiryo,sans-serif;color:var(--ink);background:#f2f4f7;line-height:1.6}
header,main,footer{max-width:1100px;margin:0 auto;padding:16px 24px}
header h1{margin:8px 0 4px;font-size:1.5rem}
.meta{color:var(--mute);font-size:.9rem;margin:0}
table.summary{border-collapse:collapse;width:100%;background:#fff;margin-top:12px}
table.summary th,table.summary td{border:1px solid var(--line);padding:6px 10px;text-align:left;font-size:.92rem}
section.draft,section.input-error{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 24px;margin:16px 0}
section.draft h2{font-size:1.15rem;margin:0 0 8px;word-break:break-all}
h3{font-size:1rem;margin:20px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.verdict{border-left:6px solid var(--info);background:#eff8ff;padding:10px 14px;border-radius:4px}
.verdict.level-exempt{border-color:var(--ok);background:#ecfdf3}
.verdict.level-consultation{border-color:var(--err);background:#fef3f2}
.verdict .level{font-size:1.1rem;margin:0 0 6px}
.verdict ul{margin:4px 0 0;padding-left:1.2em}
.record{margin-top:8px;font-size:.92rem}
.record.bad{color:var(--err);font-weight:bold}
.record.good{color:var(--ok)}
pre.text{white-space:pre-wrap;word-break:break-all;background:#fcfcfd;border:1px solid var(--line);border-radius:4px;padding:12px 14px;font-family:inherit;font-size:1rem;line-height:1.9;margin:0}
.front-matter{color:var(--mute)}
.ctl{border:1px dashed var(--err);color:var(--err);font-size:.7rem;padding:0 2px;margin:0 1px;unicode-bidi:isolate}
mark{padding:1px 0;border-bottom:3px solid;background:#eff8ff;border-color:var(--info)}
mark.sev-warning{background:#fffaeb;border-color:var(--warn)}
mark.sev-error{background:#fef3f2;border-color:var(--err)}
a.badge{display:inline-block;min-width:1.5em;padding:0 .35em;margin:0 2px;border-radius:9px;background:var(--info);color:#fff;font-size:.72rem;line-height:1.5;text-align:center;text-decoration:none;vertical-align:super}
a.badge.sev-warning{background:var(--warn)}
a.badge.sev-error{background:var(--err)}
ol.findings{list-style:none;padding:0;margin:0}
ol.findings li{border:1px solid var(--line);border-left:6px solid var(--info);border-radius:4px;padding:8px 12px;margin:8px 0}
ol.findings li.sev-warning{border-left-color:var(--warn)}
ol.findings li.sev-error{border-left-color:var(--err)}
h4.group{margin:14px 0 4px;font-size:1rem}
.num{font-weight:bold;margin-right:6px}
.sev{font-weight:bold}
.sev-error .sev{color:var(--err)}.sev-warning .sev{color:var(--warn)}.sev-info .sev{color:var(--info)}
.pos{color:var(--mute);font-size:.88rem}
.message{margin:4px 0}
.quote{margin:2px 0;font-size:.92rem}
.guideline{margin:2px 0;font-size:.88rem;color:var(--mute)}
details{font-size:.9rem;margin-top:4px}
details p{white-space:pre-wrap;margin:4px 0}
ul.checklist{list-style:none;padding-left:0}
ul.checklist li{margin:4px 0}
ul.checklist .sec{color:var(--mute);font-size:.85rem}
.sign{display:flex;gap:24px;flex-wrap:wrap;margin-top:12px}
.sign span{border-bottom:1px solid var(--ink);min-width:180px;padding-top:18px;color:var(--mute);font-size:.85rem}
.none{color:var(--mute)}
.suppressed{color:var(--err)}
.suppression{font-size:.9rem;color:var(--err)}
footer{color:var(--mute);font-size:.85rem}
@media print{body{background:#fff}section.draft{break-inside:auto;border:none;padding:0}a.badge{color:#000;border:1px solid #000;background:#fff}details{display:block}}
"""


def _e(value) -> str:
    return escape(str(value), quote=True)


def _draft(text: str) -> str:
    """Draft text, escaped, with every character a reader cannot see shown as a labelled box:
    bidi overrides (which would reorder the sheet's text, as in "Trojan Source"), zero-width and
    other format characters, control characters. Line breaks, tabs, spaces of every kind and
    private-use characters (外字) are kept as they are."""
    if text.isprintable():
        return _e(text)
    out: list[str] = []
    plain = 0
    for i, c in enumerate(text):
        if c in "\n\r\t" or shows_as_itself(c):
            continue
        out.append(_e(text[plain:i]))
        code = f"U+{ord(c):04X}"
        name = unicodedata.name(c, "")
        out.append(f'<span class="ctl" title="{_e(f"{code} {name}".strip())}">{code}</span>')
        plain = i + 1
    out.append(_e(text[plain:]))
    return "".join(out)


def _shown_text(report, show: bool) -> str:
    """The raw draft with every personal-data span masked (same length, so offsets stay valid)."""
    text = report.text
    if show:
        return text
    chars = list(text)
    for f in report.personal_spans():
        if f.start < f.end:
            chars[f.start : f.end] = masked_part(f.start, f.end, f.masked, f.start, f.end)
    return "".join(chars)


def _worst(findings) -> str:
    return max(findings, key=lambda f: f.severity.rank).severity.value


def _highlighted(report, doc_id: str, numbers: dict, show: bool) -> str:
    """The draft with every finding in a <mark> and a numbered badge linking to its entry."""
    text = _shown_text(report, show)
    findings = report.findings
    fm_end = 0
    if report.front_matter is not None:
        try:
            span = find(text)
        except ValueError:
            span = None
        fm_end = span[2] if span else 0
    cuts = {0, len(text), fm_end}
    for f in findings:
        cuts.update((f.start, f.end))
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    starts: dict[int, list] = {}
    for f in findings:
        starts.setdefault(f.start, []).append(f)
    # the findings covering the current segment, by their index in ``findings``: updated at each
    # cut rather than searched for each segment (thousands of findings made that quadratic)
    active: dict[int, object] = {}
    ends: dict[int, list[int]] = {}
    order = {id(f): i for i, f in enumerate(findings)}
    out: list[str] = []
    in_fm = False
    for a, b in zip(cuts, [*cuts[1:], None]):
        for i in ends.pop(a, ()):
            active.pop(i, None)
        for f in starts.get(a, ()):
            if f.end > f.start:
                active[order[id(f)]] = f
                ends.setdefault(f.end, []).append(order[id(f)])
        if a == 0 and fm_end:
            out.append('<span class="front-matter">')
            in_fm = True
        if in_fm and a == fm_end:
            out.append("</span>")
            in_fm = False
        for f in starts.get(a, []):
            n = numbers[id(f)]
            out.append(
                f'<a class="badge sev-{f.severity.value}" id="{doc_id}-m{n}" href="#{doc_id}-n{n}" '
                f'data-finding="{n}" title="{_e(f.code)} {_e(f.rule)}">{n}</a>'
            )
        if b is None or a == b:
            continue
        chunk = _draft(text[a:b])
        covering = [active[i] for i in sorted(active)]
        if covering:
            nums = " ".join(str(numbers[id(f)]) for f in covering)
            out.append(f'<mark class="finding sev-{_worst(covering)}" data-findings="{nums}">{chunk}</mark>')
        else:
            out.append(chunk)
    if in_fm:
        out.append("</span>")
    return "".join(out)


def _guideline(value: str) -> str:
    parts = []
    for s in sections(value):
        t = title(s)
        parts.append(f"{_e(s)} {_e(t)}" if t else _e(s))
    return " ／ ".join(parts)


def _record_html(report) -> str:
    record, problem = ap.read_record(report.front_matter or {})
    if record is None:
        if problem:
            return f'<p class="record bad" data-record="invalid">承認の記録：{_e(problem)}</p>'
        return '<p class="record none" data-record="none">承認の記録：なし</p>'
    who = f"{_e(record.by)}（{_e(record.role)}）"
    if record.consulted:
        who += "、協議：" + "、".join(_e(c) for c in record.consulted)
    issue = ap.record_problem(report.text, report.front_matter, report.approval.level)
    status, cls = ("有効", "good") if issue is None else (issue.message, "bad")
    state = "valid" if issue is None else issue.rule
    return (
        f'<p class="record {cls}" data-record="{_e(state)}">承認の記録：{_e(record.date)} {who} が'
        f"「{_e(ap.LEVEL_LABELS[record.level])}」として承認 — {_e(status)}</p>"
    )


def _suppressed_html(report, doc_id: str, show: bool) -> list[str]:
    """The findings the draft suppressed, each with the directive that did it and its reason: they
    are not counted as failures, but the approver decides on them too (they count for the level)."""
    if not report.suppressed:
        return []
    parts = [
        f"<h3>抑制された指摘（{len(report.suppressed)} 件）</h3>",
        '<p class="meta">下書きの postlint-disable コメントまたはフロントマターの postlint-ignore で抑制された指摘です。'
        "エラーとしては数えませんが、必要な承認の水準には数えています。抑制の理由が妥当か確かめてください。</p>",
        '<ol class="findings suppressed">',
    ]
    for n, s in enumerate(report.suppressed, 1):
        f = s.finding
        sev = f.severity.value
        parts.append(
            f'<li class="sev-{sev}" id="{doc_id}-s{n}" data-code="{_e(f.code)}" data-rule="{_e(f.rule)}" '
            f'data-severity="{sev}" data-suppressed="{_e(s.by.kind)}">'
            f'<span class="num">抑制 {n}</span> <span class="sev">{_e(_SEVERITY_JA[sev])}</span> '
            f"<code>{_e(f.code)}</code> {_e(f.rule)} <span class=\"pos\">{f.line}行{f.column}列</span>"
            f'<p class="message">{_draft(f.message)}</p>'
            f'<p class="quote">該当箇所：「{_draft(f.text if show else f.display_text)}」</p>'
            f'<p class="suppression">{_draft(s.by.describe())}</p>'
            f'<p class="guideline">ガイドライン {_guideline(f.guideline)}</p>'
            "</li>"
        )
    parts.append("</ol>")
    return parts


CHECK_SUPPRESSED = (
    "5.4",
    "抑制された指摘のそれぞれについて、抑制の理由が妥当か、投稿してよい内容かを確かめたか（ルール名も理由もない抑制は認めないでください）。",
)


def _checklist(level: str, doc_id: str, suppressed: bool = False) -> str:
    items = list(CHECKS_54)
    items += list(CHECKS_56) if level == "consultation" else [CHECK_56_APPLIES]
    if suppressed:
        items.append(CHECK_SUPPRESSED)
    out = ['<ul class="checklist">']
    for i, (sec, text) in enumerate(items, 1):
        out.append(
            f'<li><label><input type="checkbox" name="{doc_id}-check-{i}"> {_e(text)} '
            f'<span class="sec">（{_e(sec)}）</span></label></li>'
        )
    out.append("</ul>")
    return "\n".join(out)


ACCESSIBILITY = "accessibility"


def _draft_section(report, index: int, options, catalog) -> str:
    doc_id = f"d{index}"
    show = options.show_personal_data
    numbers = {id(f): n for n, f in enumerate(report.findings, 1)}
    level = report.approval.level.value
    path = report.path or "<stdin>"
    reasons = []
    for r in report.approval.reasons:
        quote = f" 「{_draft(r.text)}」" if r.text else ""
        if r.suppressed_by is None:
            reasons.append(f'<li data-rule="{_e(r.rule)}"><code>{_e(r.rule)}</code> {_draft(r.message)}{quote}</li>')
        else:
            reasons.append(
                f'<li data-rule="{_e(r.rule)}" data-suppressed="{_e(r.suppressed_by.kind)}">'
                f'<strong class="suppressed">抑制された指摘</strong> <code>{_e(r.rule)}</code> {_draft(r.message)}{quote}'
                f'<br><span class="suppression">{_draft(r.suppressed_by.describe())}</span></li>'
            )
    parts = [
        f'<section class="draft" id="{doc_id}" data-path="{_e(path)}" data-level="{_e(level)}">',
        f"<h2>{index}. {_draft(path)}</h2>",
        f'<div class="verdict level-{_e(level)}">',
        f'<p class="level">必要な承認：<strong>{_e(LEVEL_LABELS[level])}</strong> <code>{_e(level)}</code></p>',
        '<p>理由：</p><ul class="reasons">' + "".join(reasons) + "</ul>",
        _record_html(report),
        "</div>",
        "<h3>下書き（指摘箇所に番号）</h3>",
        f'<pre class="text">{_highlighted(report, doc_id, numbers, show)}</pre>',
        f"<h3>指摘（{len(report.findings)} 件）</h3>",
    ]
    if not report.findings:
        parts.append('<p class="none">指摘はありません。</p>')
    # accessibility findings in their own group, after the others (numbers follow the draft's order)
    groups = [
        ("", [f for f in report.findings if f.category != ACCESSIBILITY]),
        (ACCESSIBILITY, [f for f in report.findings if f.category == ACCESSIBILITY]),
    ]
    for group, findings in groups:
        if not findings:
            continue
        if group:
            parts.append(
                f'<h4 class="group" data-group="{group}">アクセシビリティ（{len(findings)} 件）'
                "— だれもが読める・聞ける投稿か（JIS X 8341-3、みんなの公共サイト運用ガイドライン ほか）</h4>"
            )
        parts.append(f'<ol class="findings{" " + group if group else ""}">')
        for f in findings:
            n = numbers[id(f)]
            entry = catalog.get(f.code) if catalog else None
            rationale = entry.spec.rationale.strip() if entry else ""
            sev = f.severity.value
            parts.append(
                f'<li class="sev-{sev}" id="{doc_id}-n{n}" data-code="{_e(f.code)}" data-rule="{_e(f.rule)}" data-severity="{sev}">'
                f'<a class="num" href="#{doc_id}-m{n}">{n}</a> <span class="sev">{_e(_SEVERITY_JA[sev])}</span> '
                f"<code>{_e(f.code)}</code> {_e(f.rule)} <span class=\"pos\">{f.line}行{f.column}列</span>"
                f'<p class="message">{_draft(f.message)}</p>'
                f'<p class="quote">該当箇所：「{_draft(f.text if show else f.display_text)}」</p>'
                f'<p class="guideline">ガイドライン {_guideline(f.guideline)}</p>'
                + "".join(f'<p class="guideline standard">基準 {_e(standard_title(k))}</p>' for k in (entry.spec.standards if entry else ()))
                + (f"<details><summary>理由（ガイドラインより）</summary><p>{_e(rationale)}</p></details>" if rationale else "")
                + "</li>"
            )
        parts.append("</ol>")
    parts += _suppressed_html(report, doc_id, show)
    parts += [
        "<h3>人が確かめること（ガイドライン 5.4 / 5.6）</h3>",
        _checklist(level, doc_id, bool(report.suppressed)),
        '<div class="sign"><span>確認者</span><span>役職</span><span>協議した人</span><span>日付</span></div>',
        "</section>",
    ]
    return "\n".join(parts)


def render(results, options) -> str:
    catalog = default_catalog()
    reports = [r for r in results if not isinstance(r, InputError)]
    errors = [r for r in results if isinstance(r, InputError)]
    totals = {s: sum(r.count(s) for r in reports) for s in Severity}
    rows = []
    for i, r in enumerate(reports, 1):
        level = r.approval.level.value
        rows.append(
            f'<tr><td><a href="#d{i}">{_draft(r.path or "<stdin>")}</a></td><td class="level-{_e(level)}">{_e(LEVEL_LABELS[level])}</td>'
            f"<td>{r.count(Severity.ERROR)}</td><td>{r.count(Severity.WARNING)}</td><td>{r.count(Severity.INFO)}</td></tr>"
        )
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="ja">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="postlint {_e(__version__)}">',
        "<title>SNS投稿 確認票 — postlint</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>SNS投稿 確認票（決裁権者等用）</h1>",
        f'<p class="meta">postlint {_e(__version__)} ・ 作成 {_e(now)} ・ {len(reports)} ファイル ・ '
        f"エラー {totals[Severity.ERROR]} ・ 警告 {totals[Severity.WARNING]} ・ 情報 {totals[Severity.INFO]}</p>",
        '<p class="meta">徳島県ソーシャルメディア利用ガイドラインに基づく自動点検の結果です。自動点検は見落としや誤検出がありえます。'
        "最終的な判断は下の「人が確かめること」に沿って行ってください。</p>",
    ]
    if not options.show_personal_data:
        parts.append('<p class="meta">個人情報と判定した箇所は伏せ字で表示しています。</p>')
    if rows:
        parts.append(
            '<table class="summary"><thead><tr><th>ファイル</th><th>必要な承認</th><th>エラー</th><th>警告</th><th>情報</th></tr></thead><tbody>'
            + "".join(rows)
            + "</tbody></table>"
        )
    parts.append("</header>")
    parts.append("<main>")
    for e in errors:
        parts.append(f'<section class="input-error"><h2>読み込めないファイル</h2><p>{_draft(e.message)}</p></section>')
    for i, r in enumerate(reports, 1):
        parts.append(_draft_section(r, i, options, catalog))
    parts += [
        "</main>",
        '<footer><p>この確認票は外部のファイルやネットワークを参照しない単体の HTML です。印刷して回覧できます。</p></footer>',
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
