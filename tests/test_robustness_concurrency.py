"""Concurrency: one ``Linter`` shared by several threads gives the same reports as sequential use
(rules compiled once under a lock, one Sudachi tokenizer per thread)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from postlint.api import Linter
from postlint.config import load_file

from robustness_support import PERSONAL_DRAFT, write_org_rules

THREADS = 8
ROUNDS = 3

DRAFTS = [
    PERSONAL_DRAFT,
    "詳しくは https://bit.ly/3abc をご覧ください。本日は県庁前広場で防災フェアを開催します。\n",
    "ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／ａｂｃ と lin.ee/AbCdEf と https://例え.テスト/地図\n",
    "<!-- postlint-disable-next-line url-shortener -- 掲載元の指定 -->\n申込み https://bit.ly/x\n<!-- postlint-disable-line -->\n",
    "---\ntitle: お知らせ\nsource: https://www.pref.tokushima.lg.jp/\n---\n防災フェアを開催します。\n",
    "本日は県庁前広場で防災フェアを開催します。" * 300,
    "防\u200b災ﾌｪｱ 山\u200b田花子 ０９０－１２３４－５６７８ \u202e逆順\u202c 👨‍👩‍👧 ｶﾞ a\u0301\u0301\n" * 20,
    "受賞者は佐藤一郎さんと山田花子さんです。連絡先は 080-9876-5432。\r\n" * 50,
    "",
    "\n\n\u3000\n",
]


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    cfg = write_org_rules(tmp_path_factory.mktemp("threads"))
    return load_file(cfg)


def _lint_all(linter: Linter) -> list:
    return [linter.lint_text(d, path=f"d{i}.md") for i, d in enumerate(DRAFTS)]


def test_threads_give_the_sequential_results(config):
    expected = _lint_all(Linter(config, select=["all"]))
    assert sum(len(r.findings) for r in expected) > 100  # the drafts exercise the rules

    shared = Linter(config, select=["all"])  # fresh: compiling and lazy indexes race on first use
    start = threading.Barrier(THREADS)
    tokenizers: dict[int, int] = {}
    lock = threading.Lock()

    def work(worker: int) -> list:
        from postlint.text.tokens import tokenizer

        start.wait()  # every thread reaches the first lint at once
        out = []
        for r in range(ROUNDS):
            for k in range(len(DRAFTS)):
                i = (k + worker + r) % len(DRAFTS)  # threads walk the drafts in different orders
                out.append((i, shared.lint_text(DRAFTS[i], path=f"d{i}.md")))
        with lock:
            tokenizers[threading.get_ident()] = id(tokenizer())
        return out

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = [item for chunk in pool.map(work, range(THREADS)) for item in chunk]

    assert len(results) == THREADS * ROUNDS * len(DRAFTS)
    for i, report in results:
        assert report == expected[i], f"draft {i} differs when linted from several threads"
        assert report.findings == expected[i].findings and report.approval == expected[i].approval
    # one tokenizer per thread: Sudachi tokenizers are not safe to share
    assert len(set(tokenizers.values())) == len(tokenizers) == THREADS


def test_lint_paths_from_threads(config, tmp_path):
    """Config discovery per folder (a cache filled from several threads) gives the same reports."""
    for team in ("a", "b", "c"):
        folder = tmp_path / team
        folder.mkdir()
        if team != "c":
            write_org_rules(folder)
        for i, d in enumerate(DRAFTS[:5]):
            (folder / f"d{i}.md").write_text(d, encoding="utf-8")
    paths = [str(tmp_path / t) for t in ("a", "b", "c")]
    expected = Linter().lint_paths(paths)
    shared = Linter()
    start = threading.Barrier(THREADS)

    def work(_):
        start.wait()
        return shared.lint_paths(paths)

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        for got in pool.map(work, range(THREADS)):
            assert got == expected
    assert any(f.code == "ZZ903" for r in expected for f in r.findings)  # the organization rules ran
