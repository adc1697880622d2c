"""postlint serve in a real headless Chromium (the system browser, driven by Playwright for Python;
no browser is downloaded). axe-core, the accessibility checker, is an npm package installed by the
test into a cache folder outside the repository; it is never part of the wheel."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (the test extra has it)")

from postlint.checks.platform import body_of, measure  # noqa: E402
from postlint.text.document import Document  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PHONE = "090-3141-5926"
DRAFT = f"詳しくは https://bit.ly/3abc をご覧ください。担当の山田さん（{PHONE}）まで。\n選挙では〇〇候補に投票してください。"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE_VERSION = "4.10.2"


def chromium() -> str:
    for name in (os.environ.get("POSTLINT_CHROMIUM", ""), "/usr/bin/chromium", "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    pytest.skip("no headless Chromium found: install the Debian package 'chromium' (.ci/run does when it can) or set POSTLINT_CHROMIUM")


def axe_script() -> str:
    """axe.min.js from the npm package, installed once into a cache folder outside the repository
    (POSTLINT_AXE_DIR, else ~/.cache/postlint-tests/axe-core-VERSION)."""
    folder = Path(os.environ.get("POSTLINT_AXE_DIR") or Path.home() / ".cache" / "postlint-tests" / f"axe-core-{AXE_VERSION}")
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed: axe-core (npm package) cannot be installed for the accessibility check")
        folder.mkdir(parents=True, exist_ok=True)
        r = subprocess.run(
            [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(folder), f"axe-core@{AXE_VERSION}"],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        if r.returncode != 0 or not script.exists():
            pytest.skip(f"axe-core could not be installed with npm (offline?): {r.stderr.strip()[-300:]}")
    return script.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("serve-browser")
    proc = subprocess.Popen([sys.executable, "-m", "postlint", "serve", "--port", "0"], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    m = re.search(r"(http://127\.0\.0\.1:\d+/)", proc.stdout.readline())
    if not m:
        proc.kill()
        pytest.fail("postlint serve printed no address")
    yield m.group(1)
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    exe = chromium()
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    remote: list[str] = []
    pg.on("request", lambda req: None if req.url.startswith((server, "blob:", "data:")) else remote.append(req.url))
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(server)
    pg.wait_for_function("() => document.getElementById('version').textContent !== ''")
    yield pg
    assert remote == [], f"the page asked for remote resources: {remote}"
    assert errors == [], errors
    context.close()


def type_draft(page, text: str) -> None:
    page.get_by_label("本文").click()
    page.keyboard.insert_text(text)
    page.wait_for_function("() => document.getElementById('status').textContent.includes('件')")


def test_draft_is_checked_as_typed(page, tmp_path):
    page.get_by_label("投稿先").select_option("x")
    type_draft(page, DRAFT)
    preview = page.locator("#preview")
    marks = preview.locator("mark")
    assert marks.count() >= 3
    assert "https://bit.ly/3abc" in [m.inner_text() for m in marks.all()]
    text = preview.inner_text()
    assert PHONE not in text and "090-****-****" in text  # masked in the highlights
    assert page.locator("#verdict-level").inner_text() == "consultation"
    banner = page.locator("#banner")
    assert banner.is_visible() and "エラーがあります：このままでは公開しないでください" in banner.inner_text()
    # severity is told by an icon and a label, not by colour alone
    badges = preview.locator(".badge").all_inner_texts()
    assert any("✖ エラー LK001" in b for b in badges), badges
    # the findings list, grouped by category, each with the rule's explanation
    findings = page.locator("#findings")
    assert findings.locator("h4", has_text="リンク").count() == 1
    first = findings.locator("details").first
    first.locator("summary").click()
    assert "理由 / rationale:" in first.locator("pre").inner_text()
    page.screenshot(path=str(tmp_path / "serve.png"), full_page=True)
    if os.environ.get("POSTLINT_SCREENSHOT"):  # docs/img/serve.png is made this way
        page.screenshot(path=os.environ["POSTLINT_SCREENSHOT"], full_page=False)
    assert (tmp_path / "serve.png").stat().st_size > 10_000

    # revealing personal data is the user's choice
    page.get_by_label("個人情報を表示する").check()
    assert PHONE in preview.inner_text()
    page.get_by_label("個人情報を表示する").uncheck()
    assert PHONE not in preview.inner_text()

    # editing the draft updates the results (debounced): the errors go, the banner with them
    page.get_by_label("本文").fill("本日、県庁で防災訓練を行いました。")
    page.wait_for_function("() => document.getElementById('banner').hidden === true")
    assert page.locator("#verdict-level").inner_text() in ("exempt", "approver")


def test_review_sheet_opens_in_a_new_window(page):
    type_draft(page, DRAFT)
    with page.expect_popup() as popup:
        page.get_by_role("button", name="審査シートを開く").click()
    sheet = popup.value
    sheet.wait_for_load_state()
    html = sheet.content()
    assert "LK001" in html and ("consultation" in html or "協議" in html)
    assert PHONE not in html
    sheet.close()


def test_markdown_download_has_front_matter_and_lints_the_same(page, tmp_path):
    page.get_by_label("投稿先").select_option("instagram")
    type_draft(page, DRAFT)
    with page.expect_download() as dl:
        page.get_by_role("button", name="Markdown で保存").click()
    saved = tmp_path / "draft.md"
    dl.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("---\nplatform: instagram\n---\n") and DRAFT in text
    r = subprocess.run([sys.executable, "-m", "postlint", "--format", "json", str(saved)], capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    assert json.loads(r.stdout)["files"][0]["approval"]["level"] == "consultation"


def test_upload_of_a_cp932_file(page, tmp_path):
    f = tmp_path / "お知らせ.txt"
    f.write_bytes(DRAFT.encode("cp932"))
    page.get_by_label("ファイルを読み込む").set_input_files(str(f))
    page.wait_for_function("() => document.getElementById('status').textContent.includes('件')")
    assert page.get_by_label("本文").input_value() == DRAFT
    assert page.locator("#verdict-level").inner_text() == "consultation"


def test_keyboard_reaches_every_control_with_visible_focus(page):
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        info = page.evaluate(
            "() => { const e = document.activeElement; const s = getComputedStyle(e);"
            " return [e.id || e.tagName, s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2]; }"
        )
        seen.append(info[0])
        if info[0] != "BODY":
            assert info[1], f"no visible focus on {info[0]}"
    for control in ("platform", "upload", "draft", "open-sheet", "download", "reveal"):
        assert control in seen, seen


def test_x_counter_counts_like_the_command(page):
    """The live counter and the command's platform-length rule count the same, for a class of drafts."""
    pieces = ["あ", "a", " ", "。", "🎆", "👨‍👩‍👧", "ｱ", "“", "\n", "https://www.pref.tokushima.lg.jp/a ", "#徳島 ", "🇯🇵", "é"]
    import random

    rnd = random.Random(19)
    for _ in range(60):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 40)))
        if rnd.random() < 0.3:
            text = "---\nplatform: x\n---\n" + text
        doc = Document(text, None)
        body = body_of(doc)
        from postlint.checks.platform import _body_url_spans

        expected = measure(body, "x", _body_url_spans(doc, body))[0] if body.text else 0
        got = page.evaluate("t => window.postlintXLength(t)", text)
        assert got == expected, repr(text)


def test_no_serious_or_critical_accessibility_violations(page):
    type_draft(page, DRAFT)
    page.locator("#findings details").first.locator("summary").click()
    page.evaluate(axe_script() + "\n;true")  # through the DevTools protocol: the CSP stays on
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]  # fmt: skip
    assert bad == [], bad


def test_nothing_of_the_draft_is_kept_in_the_browser(page):
    type_draft(page, DRAFT)
    kept = page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]")
    assert kept == [0, 0, ""]
    assert page.context.cookies() == []


def test_token_is_asked_once_and_kept_in_memory_only(browser, tmp_path):
    token = "office-token-0123456789abcdef"
    proc = subprocess.Popen(
        [sys.executable, "-m", "postlint", "serve", "--port", "0", "--token", token],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        url = re.search(r"(http://127\.0\.0\.1:\d+/)", proc.stdout.readline()).group(1)
        context = browser.new_context(locale="ja-JP")
        page = context.new_page()
        page.goto(url)
        box = page.locator("#token-box")
        box.wait_for(state="visible")
        page.get_by_label("このサーバーのアクセストークン").fill("wrong-token-wrong-token")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.getElementById('token-error').textContent.includes('違います')")
        page.get_by_label("このサーバーのアクセストークン").fill(token)
        page.keyboard.press("Enter")
        box.wait_for(state="hidden")
        type_draft(page, DRAFT)
        assert page.locator("#verdict-level").inner_text() == "consultation"
        with page.expect_popup() as popup:  # the review sheet carries the token in its form
            page.get_by_role("button", name="審査シートを開く").click()
        popup.value.wait_for_load_state()
        assert "LK001" in popup.value.content()
        assert page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
        assert token not in page.content()
        context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
