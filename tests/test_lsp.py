"""``postlint lsp``: the real server process driven over stdio as an editor drives it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("pygls")

from lsp_client import LspClient, apply_edits, edits_of  # noqa: E402
from postlint.lspserver import Positions  # noqa: E402

HERE = Path(__file__).resolve().parent
SHORT = "https://bit.ly/3abc"
# what writers put before a link: BMP symbols, astral emoji (surrogate pairs in UTF-16), ZWJ
# sequences, flags, skin tones, keycaps, variation selectors, kana, combining marks
PREFIXES = [
    "",
    "お知らせ ",
    "☀️ 晴れ ",
    "😀👍 詳しくは ",
    "🎉🎉🎉 ",
    "👨‍👩‍👧‍👦 家族で ",
    "🇯🇵 ",
    "👍🏽 ",
    "1️⃣ ",
    "𠮷野家の 𩸽 ",
    "が\u3099 ",
    "🏃\u200d♀️💨 ",
]


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def draft(prefix: str) -> str:
    return f"{prefix}{SHORT} をご覧ください\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("lsp")
    client = LspClient(cwd=root)
    client.root = root
    init = client.initialize(root, {"debounce": 0})
    client.capabilities = init["capabilities"]
    yield client
    client.kill()


def uri_of(root: Path, name: str) -> str:
    return (root / name).as_uri()


def shortener(diags: dict) -> dict:
    found = [d for d in diags["diagnostics"] if d.get("code") == "LK001"]
    assert len(found) == 1, diags
    return found[0]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_finding_after_emoji_is_at_its_utf16_column(server, prefix):
    uri = uri_of(server.root, f"draft{PREFIXES.index(prefix)}.md")
    server.open(uri, draft(prefix))
    d = shortener(server.diagnostics(uri))
    assert d["range"] == {
        "start": {"line": 0, "character": utf16(prefix)},
        "end": {"line": 0, "character": utf16(prefix + SHORT)},
    }
    assert d["severity"] == 1 and d["source"] == "postlint"
    assert d["codeDescription"]["href"].endswith("rules.md#lk001-url-shortener")
    assert "bit.ly" in d["message"]


def test_the_rule_links_point_at_headings_of_the_rule_reference(server):
    uri = uri_of(server.root, "links.md")
    server.open(uri, draft("🎉 "))
    href = shortener(server.diagnostics(uri))["codeDescription"]["href"]
    page, anchor = href.split("#")
    assert page.startswith("file:") and Path(page[len("file://"):]).is_file()
    assert "### LK001 url-shortener" in (HERE.parent / "docs" / "rules.md").read_text(encoding="utf-8")


def test_lines_after_a_surrogate_pair_and_crlf(server):
    uri = uri_of(server.root, "crlf.md")
    server.open(uri, "🌸 春です\r\n\r\n😀😀 " + SHORT + "\r\n")
    d = shortener(server.diagnostics(uri))
    assert d["range"]["start"] == {"line": 2, "character": 5}


def test_disable_this_rule_on_this_line_clears_the_diagnostic(server):
    uri = uri_of(server.root, "disable.md")
    text = "防災フェアのお知らせです。\n😀👍 詳しくは " + SHORT + " をご覧ください\n"
    server.open(uri, text)
    d = shortener(server.diagnostics(uri))
    actions = server.request(
        "textDocument/codeAction", {"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}
    )
    disable = [a for a in actions if "url-shortener" in a["title"] and a["kind"] == "quickfix"]
    assert len(disable) == 1
    new = apply_edits(text, edits_of(disable[0], uri))
    assert new.splitlines()[1] == "<!-- postlint-disable-next-line url-shortener -- 理由 -->"
    server.change(uri, 2, new)
    diags = server.diagnostics(uri)
    assert diags["version"] == 2
    assert not [x for x in diags["diagnostics"] if x.get("code") == "LK001"]


def test_personal_data_is_masked_in_messages(server):
    uri = uri_of(server.root, "pii.md")
    server.open(uri, "😀 問い合わせは山田さん 090-1234-5678 まで\n")
    diags = server.diagnostics(uri)["diagnostics"]
    assert diags and all("1234-5678" not in d["message"] for d in diags)
    assert any(d["code"].startswith("PD") for d in diags)


def test_the_approval_verdict_is_an_information_diagnostic_on_the_first_line(server):
    uri = uri_of(server.root, "verdict.md")
    server.open(uri, "😀 問い合わせは山田さん 090-1234-5678 まで\n")
    diags = server.diagnostics(uri)["diagnostics"]
    verdict = [d for d in diags if d["code"] == "approval"]
    assert len(verdict) == 1 and verdict[0]["severity"] == 3 and verdict[0]["range"]["start"]["line"] == 0
    assert "決裁権者" in verdict[0]["message"] and "phone-number" in verdict[0]["message"]
    server.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    shown = server.wait(lambda m: m.get("method") == "window/showMessage")
    assert "verdict.md" in shown["params"]["message"] and "決裁権者" in shown["params"]["message"]


def test_a_clean_draft_has_only_its_verdict(server):
    uri = uri_of(server.root, "clean.md")
    server.open(uri, "🍂 秋の防災フェアを開催します。\n")
    [verdict] = server.diagnostics(uri)["diagnostics"]
    assert verdict["code"] == "approval" and verdict["message"].startswith("承認: 決裁権者等の確認（5.4）が必要です")
    assert verdict["range"] == {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": utf16("🍂 秋の防災フェアを開催します。")}}


def test_a_config_file_is_not_linted_and_saving_it_relints_open_drafts(server, tmp_path):
    folder = server.root / "withconfig"
    folder.mkdir()
    uri = uri_of(folder, "draft.md")
    server.open(uri, draft("🐟 "))
    assert shortener(server.diagnostics(uri))
    config = folder / "postlint.toml"
    config.write_text('ignore = ["url-shortener"]\n', encoding="utf-8")
    server.open(config.as_uri(), config.read_text(encoding="utf-8"), language="toml")
    server.notify("textDocument/didSave", {"textDocument": {"uri": config.as_uri()}})
    diags = server.diagnostics(uri)
    assert not [d for d in diags["diagnostics"] if d.get("code") == "LK001"]
    assert not [m for m in server.pending if m.get("params", {}).get("uri") == config.as_uri()]


def test_front_matter_of_the_document_is_read(server):
    uri = uri_of(server.root, "front.md")
    server.open(uri, "---\npostlint-ignore: [url-shortener]\n---\n🎉 " + SHORT + "\n")
    diags = server.diagnostics(uri)["diagnostics"]
    assert not [d for d in diags if d.get("code") == "LK001"]


def test_broken_front_matter_is_one_error_diagnostic(server):
    uri = uri_of(server.root, "broken.md")
    server.open(uri, "---\ntitle: [\n---\n本文\n")
    diags = server.diagnostics(uri)["diagnostics"]
    assert len(diags) == 1 and diags[0]["severity"] == 1 and "フロントマター" in diags[0]["message"]


def test_plain_text_drafts_are_linted_and_closing_clears(server):
    uri = uri_of(server.root, "draft.txt")
    server.open(uri, draft("😀 "), language="plaintext")
    assert shortener(server.diagnostics(uri))
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert server.diagnostics(uri)["diagnostics"] == []


def test_changes_are_debounced_and_only_the_newest_is_published(tmp_path):
    client = LspClient(cwd=tmp_path)
    try:
        client.initialize(tmp_path, {"debounce": 300})
        uri = uri_of(tmp_path, "typing.md")
        client.open(uri, "🎉 準備中\n")
        assert client.diagnostics(uri)["version"] == 1
        for version in range(2, 12):  # a writer typing: ten edits 20 ms apart
            client.change(uri, version, "🎉 準備中" + "。" * version + "\n" + (SHORT if version == 11 else "") + "\n")
            time.sleep(0.02)
        started = time.monotonic()
        diags = client.diagnostics(uri)
        assert diags["version"] == 11 and shortener(diags)["range"]["start"] == {"line": 1, "character": 0}
        assert time.monotonic() - started >= 0.1  # waited for the pause in typing
        time.sleep(0.6)
        client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}})
        assert not [m for m in client.pending if m.get("method") == "textDocument/publishDiagnostics"]
        assert client.shutdown() == 0
    finally:
        client.kill()


def test_quickfix_and_fix_all_apply_fixes(tmp_path):
    client = LspClient([sys.executable, str(HERE / "lsp_fakefix_server.py")], cwd=tmp_path)
    try:
        client.initialize(tmp_path, {"debounce": 0})
        uri = uri_of(tmp_path, "fix.md")
        text = "😀 " + SHORT + " と 🎉 " + SHORT + "\n"
        client.open(uri, text)
        diags = client.diagnostics(uri)["diagnostics"]
        first = [d for d in diags if d.get("code") == "LK001"][0]
        actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": first["range"], "context": {"diagnostics": [first], "only": ["quickfix"]}})
        fixes = [a for a in actions if a.get("isPreferred")]
        assert fixes, actions
        once = apply_edits(text, edits_of(fixes[0], uri))
        assert once == "😀 https://www.pref.tokushima.lg.jp/bousai/ と 🎉 " + SHORT + "\n"
        client.change(uri, 2, once)
        assert len([d for d in client.diagnostics(uri)["diagnostics"] if d.get("code") == "LK001"]) == 1
        actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.postlint"]}})
        assert [a["kind"] for a in actions] == ["source.fixAll.postlint"]
        fixed = apply_edits(once, edits_of(actions[0], uri))
        assert SHORT not in fixed and fixed.count("https://www.pref.tokushima.lg.jp/bousai/") == 2
        client.change(uri, 3, fixed)
        assert not [d for d in client.diagnostics(uri)["diagnostics"] if d.get("code") == "LK001"]
        assert client.shutdown() == 0
    finally:
        client.kill()


def test_the_server_shuts_down_cleanly(tmp_path):
    client = LspClient(cwd=tmp_path)
    try:
        client.initialize(tmp_path)
        assert client.shutdown() == 0
    finally:
        client.kill()


def test_without_pygls_the_command_says_how_to_install_it(tmp_path):
    (tmp_path / "pygls").mkdir()
    (tmp_path / "pygls" / "__init__.py").write_text("raise ImportError('no pygls')\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "postlint", "lsp"], capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL)
    assert out.returncode == 2
    assert "postlint[lsp]" in out.stderr and "Traceback" not in out.stderr


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), st.data())
def test_positions_count_utf16_code_units(text, data):
    offset = data.draw(st.integers(0, len(text)))
    pos = Positions(text).position(offset)

    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    line = max(i for i, s in enumerate(starts) if s <= offset)
    assert pos.line == line
    assert pos.character == utf16(text[starts[line] : offset])
