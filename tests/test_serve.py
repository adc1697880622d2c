"""postlint serve: the JSON API (Starlette's TestClient) and the real server process."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import signal
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("httpx2")  # Starlette's TestClient

from starlette.testclient import TestClient  # noqa: E402

from postlint.cli import main  # noqa: E402
from postlint.web.app import BODY_LIMIT, Service, create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "s3cret-token-for-tests-0123"
PHONE = "090-3141-5926"
DRAFT = f"詳しくは https://bit.ly/3abc をご覧ください。担当の山田さん（{PHONE}）まで。選挙では〇〇候補に投票してください。\n"
# drafts of several kinds: clean, with front matter, personal data, political, long, emoji, CRLF-free
DRAFTS = [
    DRAFT,
    "本日、県庁で防災訓練を行いました。ご協力ありがとうございました。\n",
    "---\nplatform: instagram\n---\n夏祭りのお知らせ🎆 #徳島 #阿波踊り\nhttps://www.pref.tokushima.lg.jp/\n",
    "問い合わせ：hanako.yamada@example.com / 088-621-2500\n",
    "来週の選挙に行こう！〇〇党を応援しています。\n" * 3,
    "あ" * 300 + "\n",
    "<!-- postlint-disable-next-line phone-number -->\n連絡先 090-1111-2222\n",
    "---\nplatform: [x\n---\n壊れたフロントマター\n",
]


@pytest.fixture(scope="module")
def service():
    return Service(__import__("postlint.config", fromlist=["default_config"]).default_config())


@pytest.fixture(scope="module")
def client(service):
    return TestClient(create_app(service=service, allowed_hosts={"testserver"}, warm=False))


@pytest.fixture(scope="module")
def token_client(service):
    return TestClient(create_app(service=service, allowed_hosts={"testserver"}, token=TOKEN, warm=False))


def cli_json(monkeypatch, capsys, text: str, *args: str) -> dict:
    stream = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)
    main(["--format", "json", *args, "-"])
    return json.loads(capsys.readouterr().out)


# -- the API answers what the command answers -----------------------------------------------------
@pytest.mark.parametrize("platform", ["x", "instagram", "facebook", "line", None])
def test_lint_returns_the_commands_json_report(client, monkeypatch, capsys, platform):
    for text in DRAFTS:
        body = {"text": text} if platform is None else {"text": text, "platform": platform}
        r = client.post("/api/lint", json=body)
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/json")
        expected = cli_json(monkeypatch, capsys, text, *(["--platform", platform] if platform else []))
        assert r.json() == expected, text


def test_filename_is_the_reported_path_as_with_stdin_filename(client, monkeypatch, capsys):
    r = client.post("/api/lint", json={"text": DRAFT, "platform": "x", "filename": "お知らせ.md"})
    assert r.json() == cli_json(monkeypatch, capsys, DRAFT, "--platform", "x", "--stdin-filename", "お知らせ.md")
    assert r.json()["files"][0]["path"] == "お知らせ.md"


def test_platform_none_checks_no_length(client):
    long = "あ" * 200 + "\n"  # 400 by X's count
    x = client.post("/api/lint", json={"text": long, "platform": "x"}).json()
    none = client.post("/api/lint", json={"text": long, "platform": "none"}).json()
    assert any(f["rule"] == "platform-length" for f in x["files"][0]["findings"])
    assert not any(f["rule"] == "platform-length" for f in none["files"][0]["findings"])


def test_private_phone_number_is_masked_in_the_report(client):
    r = client.post("/api/lint", json={"text": DRAFT, "platform": "x"})
    assert PHONE not in r.text and "3141" not in r.text
    doc = r.json()
    assert doc["files"][0]["approval"]["level"] == "consultation"
    assert {"url-shortener", "phone-number", "vote-solicitation"} <= {f["rule"] for f in doc["files"][0]["findings"]}


def test_rules_carry_the_explain_text(client, capsys):
    rules = client.get("/api/rules").json()["rules"]
    by_code = {r["code"]: r for r in rules}
    assert "LK001" in by_code and by_code["LK001"]["guideline"]
    main(["explain", "LK001"])
    assert by_code["LK001"]["explain"] == capsys.readouterr().out


def test_healthz_and_config(client):
    assert client.get("/healthz").status_code == 200
    config = client.get("/api/config").json()
    assert config["platforms"] == ["x", "instagram", "facebook", "line", "none"]


# -- uploads: the command's decoding --------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp932"])
def test_decode_accepts_the_commands_encodings(client, encoding):
    text = "県からのお知らせです。\n電話 088-621-2500\n"
    r = client.post("/api/decode", content=text.encode(encoding), headers={"content-type": "application/octet-stream", "x-filename": "%E4%B8%8B%E6%9B%B8%E3%81%8D.txt"})
    assert r.status_code == 200, r.text
    assert r.json()["text"] == text
    assert r.json()["filename"] == "下書き.txt"


@pytest.mark.parametrize("data", ["県のお知らせ".encode("euc-jp"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x".encode("utf-32")])
def test_decode_refuses_what_the_command_refuses(client, data):
    r = client.post("/api/decode", content=data, headers={"content-type": "application/octet-stream"})
    assert r.status_code == 400
    message = r.json()["error"]["message"]
    assert " / " in message and re.search("[ぁ-ん]", message)


# -- errors, all in JSON -------------------------------------------------------------------------
def assert_json_error(r, status: int) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    message = r.json()["error"]["message"]
    assert re.search("[ぁ-んァ-ン一-龥]", message) and re.search("[a-z]{3}", message), message  # Japanese and English
    return message


@pytest.mark.parametrize("path", ["/api/lint", "/api/decode", "/review-sheet"])
def test_body_over_one_mib_is_413(client, path):
    kind = {"/api/lint": "application/json", "/api/decode": "application/octet-stream", "/review-sheet": "application/x-www-form-urlencoded"}[path]
    assert_json_error(client.post(path, content=b"a" * (BODY_LIMIT + 1), headers={"content-type": kind}), 413)

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(BODY_LIMIT // 65536 + 2):
            yield b"a" * 65536

    assert_json_error(client.post(path, content=chunks(), headers={"content-type": kind}), 413)


@pytest.mark.parametrize("kind", ["text/plain", "application/x-www-form-urlencoded", "", "multipart/form-data"])
def test_wrong_content_type_is_415(client, kind):
    headers = {"content-type": kind} if kind else {}
    assert_json_error(client.post("/api/lint", content=json.dumps({"text": "a"}).encode(), headers=headers), 415)


@pytest.mark.parametrize("body", [b"{", b"", b"\xff\xfe", b'{"text": "a",}', b"[1, 2", "{'text': 'あ'}".encode()])
def test_malformed_json_is_400_with_a_clear_message(client, body):
    message = assert_json_error(client.post("/api/lint", content=body, headers={"content-type": "application/json"}), 400)
    assert "JSON" in message


@pytest.mark.parametrize("body", [[], "text", {"text": 3}, {"text": "a", "platform": "myspace"}, {"text": "a", "filename": "a\nb"}, {"platform": "x"}, {"text": "a", "platform": 1}])
def test_wrong_fields_are_400(client, body):
    assert_json_error(client.post("/api/lint", json=body), 400)


def test_unknown_route_and_method_answer_json(client):
    assert_json_error(client.get("/api/nothing"), 404)
    assert_json_error(client.get("/api/lint"), 405)


# -- host, origin, token --------------------------------------------------------------------------
@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "testserver.evil.example", "127.0.0.1", "", "TESTSERVER:1"])
def test_wrong_host_header_is_refused(client, host):
    for method, path in (("GET", "/"), ("GET", "/healthz"), ("POST", "/api/lint")):
        r = client.request(method, path, headers={"host": host}, json={"text": "a"})
        assert_json_error(r, 421)


@pytest.mark.parametrize("origin", ["http://evil.example", "http://testserver.evil.example", "null", "http://testserver:8080", "https://evil.example"])
def test_cross_origin_posts_are_refused(client, origin):
    for path in ("/api/lint", "/review-sheet", "/api/decode"):
        assert_json_error(client.post(path, json={"text": DRAFT}, headers={"origin": origin}), 403)


def test_cross_site_fetch_metadata_is_refused(client):
    assert_json_error(client.post("/api/lint", json={"text": "a"}, headers={"sec-fetch-site": "cross-site"}), 403)
    ok = client.post("/api/lint", json={"text": "a"}, headers={"origin": "http://testserver", "sec-fetch-site": "same-origin"})
    assert ok.status_code == 200


def test_token_is_required_by_the_api_when_set(token_client):
    for method, path in (("GET", "/api/rules"), ("GET", "/api/config"), ("POST", "/api/lint")):
        assert_json_error(token_client.request(method, path, json={"text": "a"}), 401)
        assert_json_error(token_client.request(method, path, json={"text": "a"}, headers={"x-postlint-token": TOKEN[:-1]}), 401)
        assert token_client.request(method, path, json={"text": "a"}, headers={"x-postlint-token": TOKEN}).status_code == 200
        assert token_client.request(method, path, json={"text": "a"}, headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
    # the page itself and the health check carry no draft
    assert token_client.get("/").status_code == 200
    assert token_client.get("/healthz").status_code == 200


def test_review_sheet_token_comes_in_the_form(token_client):
    form = {"text": DRAFT, "platform": "x"}
    assert_json_error(token_client.post("/review-sheet", data=form), 401)
    assert_json_error(token_client.post("/review-sheet", data={**form, "token": "wrong-token-wrong-token"}), 401)
    r = token_client.post("/review-sheet", data={**form, "token": TOKEN})
    assert r.status_code == 200 and "<html" in r.text


# -- the review sheet ------------------------------------------------------------------------------
def test_review_sheet_is_the_commands_html_sheet(client, monkeypatch, capsys):
    r = client.post("/review-sheet", data={"text": DRAFT.replace("\n", "\r\n"), "platform": "x", "filename": "notice.md"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "style-src 'unsafe-inline'" in r.headers["content-security-policy"]
    assert "script" not in r.headers["content-security-policy"]
    stream = io.TextIOWrapper(io.BytesIO(DRAFT.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)
    main(["--format", "html", "--platform", "x", "--stdin-filename", "notice.md", "-"])
    expected = capsys.readouterr().out
    strip_time = lambda s: re.sub(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?", "T", s)  # noqa: E731
    assert strip_time(r.text) == strip_time(expected)
    assert PHONE not in r.text


# -- headers on every response; the page's own files -------------------------------------------------
def test_security_headers_on_every_response(client):
    responses = [
        client.get("/"), client.get("/static/app.js"), client.get("/healthz"), client.get("/api/rules"),
        client.get("/nothing"), client.post("/api/lint", json={"text": DRAFT}), client.post("/api/lint", content=b"{"),
        client.get("/", headers={"host": "evil.example"}),
    ]  # fmt: skip
    for r in responses:
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp and "http" not in csp
        assert "script-src 'self'" in csp
        assert r.headers["cache-control"] == "no-store"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "set-cookie" not in r.headers


class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.inline_scripts, self.handlers, self._in_script = [], 0, [], False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.handlers += [k for k in a if k.startswith("on")]
        for k in ("src", "href", "action"):
            if a.get(k):
                self.refs.append(a[k])
        if tag == "script":
            self._in_script = True
            if not a.get("src"):
                self.inline_scripts += 1
        if tag == "style":
            self.inline_scripts += 1

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts += 1


def test_page_has_no_inline_script_and_no_remote_source(client):
    html = client.get("/").text
    p = Assets()
    p.feed(html)
    assert p.inline_scripts == 0 and p.handlers == []
    assert p.refs and all(ref.startswith(("/", "#")) and not ref.startswith("//") for ref in p.refs), p.refs
    css = client.get("/static/style.css").text
    assert "url(" not in css and "@import" not in css
    js = client.get("/static/app.js").text
    assert not re.search(r"""fetch\(\s*["'`]https?:""", js) and "localStorage" not in js and "document.cookie" not in js
    assert "innerHTML" not in js and "eval(" not in js


# -- logs and concurrency --------------------------------------------------------------------------
def test_access_log_has_no_draft_and_no_query(client, caplog):
    caplog.set_level(logging.INFO, logger="postlint.serve.access")
    client.post("/api/lint?secret=QUERY-TEXT-77", json={"text": DRAFT + "機密の下書きXYZ"})
    client.get("/api/nothing/機密の下書きXYZ")
    log = caplog.text
    assert "POST /api/lint" in log and "GET -" in log
    for leaked in ("QUERY-TEXT-77", "機密", "XYZ", PHONE, "bit.ly"):
        assert leaked not in log


def test_too_many_waiting_drafts_are_refused_with_503():
    from postlint.config import default_config

    svc = Service(default_config(), max_waiting=0)
    r = TestClient(create_app(service=svc, warm=False)).post("/api/lint", json={"text": "a"})
    assert_json_error(r, 503)


# -- the command ---------------------------------------------------------------------------------
def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "postlint", "serve", *args], capture_output=True, text=True, timeout=60, env=env)


@pytest.mark.parametrize("args", [["--host", "0.0.0.0"], ["--host", "192.168.1.10"], ["--host", "0.0.0.0", "--token", "short"], ["--port", "70000"], ["--bogus"]])
def test_serve_refuses_unsafe_or_wrong_arguments(args):
    env = {k: v for k, v in os.environ.items() if k != "POSTLINT_TOKEN"}
    r = run_cli(*args, env=env)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and re.search("[ぁ-ん]", r.stderr) and " / " in r.stderr


def probe(port: int, requests: list[dict]) -> list[dict]:
    r = subprocess.run([sys.executable, str(ROOT / "tests" / "http_probe.py"), str(port)], input=json.dumps(requests), capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture
def server(tmp_path):
    """A real ``postlint serve`` on a free port, in an empty folder."""
    work = tmp_path / "work"
    work.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "postlint", "serve", "--port", "0"], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        proc.kill()
        pytest.fail(f"no address printed: {line!r} {proc.stderr.read()}")
    yield proc, int(m.group(1)), work
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_real_server_process(server, monkeypatch, capsys):
    proc, port, work = server
    big = "県の防災訓練のお知らせです。詳しくは担当課まで。\n" * 12000  # ~940 KB: a second or so to lint
    reqs = [
        {"method": "GET", "path": "/healthz"},
        {"method": "POST", "path": "/api/lint", "headers": {"Content-Type": "application/json"}, "body": json.dumps({"text": DRAFT, "platform": "x"})},
        {"method": "GET", "path": "/", "headers": {"Host": "evil.example"}},
        {"method": "GET", "path": "/", "headers": {"Host": f"localhost:{port}"}},
    ]
    health, lint, rebound, localhost = probe(port, reqs)
    assert health["status"] == 200
    assert lint["status"] == 200 and json.loads(lint["body"]) == cli_json(monkeypatch, capsys, DRAFT, "--platform", "x")
    assert rebound["status"] == 421 and localhost["status"] == 200
    assert "server" not in lint["headers"]

    # a long draft is linted off the event loop: the health check answers meanwhile
    slow = subprocess.Popen([sys.executable, str(ROOT / "tests" / "http_probe.py"), str(port)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    slow.stdin.write(json.dumps([{"method": "POST", "path": "/api/lint", "headers": {"Content-Type": "application/json"}, "body": json.dumps({"text": big}, ensure_ascii=False)}]))
    slow.stdin.close()
    import time

    time.sleep(0.2)
    quick = probe(port, [{"method": "GET", "path": "/healthz"}] * 3)
    (long_lint,) = json.loads(slow.stdout.read())
    slow.wait()
    assert long_lint["status"] == 200
    assert all(q["status"] == 200 for q in quick)
    assert max(q["ms"] for q in quick) < long_lint["ms"] / 2, (quick, long_lint["ms"])

    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "POST /api/lint" in err  # the access log
    for leaked in (PHONE, "bit.ly", "防災訓練", "投票"):
        assert leaked not in err and leaked not in out
    assert list(work.iterdir()) == []  # nothing written where it ran
