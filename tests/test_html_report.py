"""The HTML review sheet: static checks, then the page rendered in a real headless Chromium."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from postlint.cli import main
from postlint.api import lint_text

DRAFT = """---
title: 防災フェアのお知らせ（訂正）
author: 佐藤一郎
---
@hanako_0123 さん、ご質問ありがとうございます。
【訂正】先ほどの投稿で開催日を誤って記載していました。
県としては、引き続き防災の啓発に取り組みます。
詳しくは https://bit.ly/3abc をご覧ください。<script>alert(1)</script><img src="https://example.com/x.png">
"""
EXEMPT = "秋の防災フェアを開催します。\n詳しくは https://www.pref.tokushima.lg.jp/bousai/ をご覧ください。\n"


class Dom(HTMLParser):
    """Elements as (tag, attrs, text inside) with a simple stack; enough for assertions."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.stack: list[dict] = []

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(el)
        if tag not in ("meta", "input", "br", "img", "link"):
            self.stack.append(el)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for el in self.stack:
            el["text"] += data

    def find(self, tag=None, **attrs):
        out = []
        for el in self.elements:
            if tag and el["tag"] != tag:
                continue
            if all(
                (v in el["attrs"].get(k.rstrip("_"), "").split()) if k.endswith("_") else el["attrs"].get(k) == v
                for k, v in attrs.items()
            ):
                out.append(el)
        return out


def parse(html: str) -> Dom:
    dom = Dom()
    dom.feed(html)
    return dom


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "reply.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "event.md").write_text(EXEMPT, encoding="utf-8")
    return tmp_path


def sheet(capsys, *args) -> tuple[int, str]:
    code = main(["--format", "html", *map(str, args)])
    return code, capsys.readouterr().out


def test_sheet_is_self_contained_and_escaped(capsys, drafts):
    code, html = sheet(capsys, drafts / "reply.md", drafts / "event.md")
    assert code == 1  # the shortener is an error
    dom = parse(html)
    assert not dom.find("script") and not dom.find("img") and not dom.find("link") and not dom.find("iframe")
    assert not [el for el in dom.elements if "src" in el["attrs"]]
    assert all(el["attrs"]["href"].startswith("#") for el in dom.find("a"))  # in-page links only
    csp = dom.find("meta", **{"http-equiv": "Content-Security-Policy"})[0]["attrs"]["content"]
    assert "default-src 'none'" in csp
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_invisible_characters_are_shown_as_labels_not_sent_to_the_browser(capsys, tmp_path):
    """A bidi override would reorder the sheet an approver reads ("Trojan Source"); a zero-width
    space hides inside a word. Neither reaches the page as itself, in the draft, the quoted
    finding or the file name: each is a labelled box, and the rest of the text is unchanged."""
    name = "notice\u202e.md"
    text = "詳しくは https://bit.ly/3a\u200bbc をご覧ください。\u202e延期\u202cになりました。\r\n"
    (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    code, html = sheet(capsys, tmp_path / name)
    assert code == 1
    dom = parse(html)
    shown = "".join(el["text"] for el in dom.elements if el["tag"] == "html")  # every text node
    assert shown and not {"\u202e", "\u200b", "\u202c"} & set(shown)
    labels = [el["text"] for el in dom.find("span", class_="ctl")]
    assert labels.count("U+202E") >= 2 and "U+200B" in labels and "U+202C" in labels  # path and draft
    assert any(el["attrs"]["title"] == "U+202E RIGHT-TO-LEFT OVERRIDE" for el in dom.find("span", class_="ctl"))
    draft = dom.find("pre", class_="text")[0]["text"]
    assert "https://bit.ly/3aU+200Bbc をご覧ください。U+202E延期U+202Cになりました。\r\n" in draft  # CR LF kept
    quote = [el["text"] for el in dom.find("p", class_="quote")]
    assert any("https://bit.ly/3aU+200Bbc" in q for q in quote), quote


def test_findings_are_numbered_highlighted_and_explained(capsys, drafts):
    _, html = sheet(capsys, drafts / "reply.md")
    dom = parse(html)
    items = dom.find("li", **{"data-code": "LK001"})
    assert len(items) == 1 and "6.1 トラブルの防止のために" in items[0]["text"] and "※5 URL短縮サービス" in items[0]["text"]
    assert "本来のURLを分からなくする" in items[0]["text"]  # the rationale from the rule file
    findings = [li for li in dom.find("li") if "data-severity" in li["attrs"]]
    badges = dom.find("a", class_="badge")
    assert len(badges) == len(findings) == len(lint_text(DRAFT).findings) >= 6
    for badge in badges:  # each badge links to its entry and back
        n = badge["attrs"]["data-finding"]
        assert badge["attrs"]["href"] == f"#d1-n{n}"
        assert dom.find("li", id=f"d1-n{n}")
        assert dom.find("a", href=f"#d1-m{n}")
    marked = {el["text"] for el in dom.find("mark", class_="finding")}
    assert {"ご質問ありがとう", "【訂正】", "誤って記載", "県としては", "https://bit.ly/3abc"} <= marked


def test_level_reasons_and_the_human_checks(capsys, drafts):
    _, html = sheet(capsys, drafts / "reply.md", drafts / "event.md")
    dom = parse(html)
    reply, event = dom.find("section", class_="draft")
    assert reply["attrs"]["data-level"] == "consultation" and event["attrs"]["data-level"] == "exempt"
    rules = {el["attrs"]["data-rule"] for el in dom.find("li") if "data-rule" in el["attrs"] and el["text"].startswith(("reply", "correction", "organization"))}
    assert {"reply-mention", "reply-to-user", "correction", "organization-stance"} <= rules
    assert "決裁権者等を含む複数人で協議したか" in reply["text"]
    assert "公式の情報源" in event["text"] and "当たるなら決裁権者等を含む複数人での協議が必要" in event["text"]
    assert "承認の記録：なし" in reply["text"]


def test_personal_data_is_masked_unless_asked(capsys, drafts):
    _, html = sheet(capsys, drafts / "reply.md")
    assert "hanako" not in html
    _, html = sheet(capsys, "--show-personal-data", drafts / "reply.md")
    assert "@hanako_0123" in html


# -- in a real browser ---------------------------------------------------------------------------
def chromium() -> str:
    for name in (os.environ.get("POSTLINT_CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if name and shutil.which(name):
            return shutil.which(name)
    pytest.skip(
        "no headless Chromium found: install the Debian package 'chromium' (.ci/run does when it can) "
        "or set POSTLINT_CHROMIUM to a Chrome/Chromium binary"
    )


def browse(html_file: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: any host lookup fails
        f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars", *args, html_file.as_uri(),
    ]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)
    except subprocess.CalledProcessError as exc:
        pytest.fail(f"chromium failed ({exc.returncode}): {exc.stderr[-2000:]}")


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and RGBA rows of an 8-bit non-interlaced PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6)
            bpp = 4 if color == 6 else 3
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, rows, prev = zlib.decompress(idat), [], bytearray(width * bpp)
    stride = width * bpp
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line) if bpp == 4 else bytes(x for j in range(width) for x in (*line[j * 3 : j * 3 + 3], 255)))
        prev = line
    return width, height, rows


@pytest.fixture
def page(capsys, drafts, tmp_path):
    out = tmp_path / "sheet.html"
    code = main(["--format", "html", "-o", str(out), str(drafts / "reply.md"), str(drafts / "event.md")])
    capsys.readouterr()
    assert code == 1 and out.exists()
    return out


def test_browser_dom(page, tmp_path):
    dom_text = browse(page, tmp_path, "--dump-dom").stdout
    dom = parse(dom_text)
    assert not dom.find("script") and not dom.find("img")  # the draft's markup stayed text
    assert "<script>alert(1)</script>" in "".join(el["text"] for el in dom.find("pre"))
    sections = dom.find("section", class_="draft")
    assert [s["attrs"]["data-level"] for s in sections] == ["consultation", "exempt"]
    assert len(dom.find("a", class_="badge")) == len(lint_text(DRAFT).findings)
    assert len(dom.find("input", type="checkbox")) >= 8
    assert "hanako" not in dom_text


def test_browser_screenshot(page, tmp_path):
    shot = tmp_path / "sheet.png"
    browse(page, tmp_path, f"--screenshot={shot}", "--window-size=1000,1400")
    width, height, rows = png_pixels(shot)
    assert (width, height) == (1000, 1400)

    def near(px: bytes, rgb: tuple[int, int, int], tol: int = 24) -> bool:
        return all(abs(px[i] - rgb[i]) <= tol for i in range(3))

    def count(rgb) -> int:
        return sum(1 for row in rows for x in range(0, len(row), 4) if near(row[x : x + 4], rgb))

    # the consultation banner's pale red background and the red border/badge of the error finding
    assert count((0xFE, 0xF3, 0xF2)) > 5000
    assert count((0xB4, 0x23, 0x18)) > 200
    # the page is not blank: many different colours (text, marks, badges)
    assert len({row[x : x + 3] for row in rows[::7] for x in range(0, len(row), 28)}) > 50
