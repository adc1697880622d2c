"""The wheel carries rules/ and dictionaries/ and works installed outside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_lints_outside_the_repo(tmp_path):
    pytest.importorskip("build")
    dist = tmp_path / "dist"
    r = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        capture_output=True, text=True,
    )
    if r.returncode != 0 and "hatchling" in (r.stderr + r.stdout) and "No module named" in (r.stderr + r.stdout):
        r = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], capture_output=True, text=True
        )
    assert r.returncode == 0, r.stdout + r.stderr
    (wheel,) = dist.glob("postlint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "postlint/rules/link/LK001-url-shortener.toml" in names
    assert "postlint/dictionaries/shorteners.txt" in names
    assert any(n.startswith("postlint/dictionaries/LICENSES/") for n in names)
    # the shipped rules and the defaults, validated by the build (prevalidated.py); no other data
    assert "postlint/_prevalidated.json" in names
    assert "postlint/py.typed" in names  # the public API is typed (PEP 561)
    # postlint serve: its page ships in the wheel, with nothing remote and no test-only code (axe-core)
    assert {"postlint/web/static/index.html", "postlint/web/static/app.js", "postlint/web/static/style.css"} <= set(names)
    assert not [n for n in names if "axe" in n.lower() or "node_modules" in n]
    assert not [n for n in names if n.startswith("postlint/") and n.endswith((".jsonl", ".pickle", ".pkl"))]

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True).stdout.strip()
    # the wheel is unpacked into the fresh environment; its dependencies are borrowed from this one
    # through a plain path entry (a .pth line adds the folder but runs none of its own .pth files)
    zipfile.ZipFile(wheel).extractall(site)
    deps = sysconfig.get_paths()["purelib"]
    Path(site, "_deps.pth").write_text(deps + "\n", encoding="utf-8")

    work = tmp_path / "outside"
    work.mkdir()
    draft = work / "draft.md"
    draft.write_text("詳しくは https://bit.ly/3abc をご覧ください\n", encoding="utf-8")
    code = (
        "import postlint, sys, pathlib;"
        "print(postlint.__file__);"
        "from postlint.cli import main;"
        "sys.exit(main(['--format', 'json', 'draft.md']))"
    )
    r = subprocess.run([str(py), "-I", "-c", code], cwd=work, capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    first, _, rest = r.stdout.partition("\n")
    assert Path(first).resolve().is_relative_to(Path(site).resolve()), first
    assert '"url-shortener"' in rest

    # What the build validated is what validating the files now gives, and a run with the
    # defaults needs no pydantic for it.
    check = (
        "import sys, json;"
        "from postlint import prevalidated;"
        "from postlint.catalog import default_catalog, data_dir, load_rule_files, rule_files;"
        "from postlint.config import Config, validate;"
        "built = [(e.path, e.spec) for e in default_catalog()];"
        "assert 'pydantic' not in sys.modules, 'the built catalog needed pydantic';"
        "default = Config();"
        "assert 'pydantic' not in sys.modules, 'the built defaults needed pydantic';"
        "fresh = [(e.path, e.spec) for e in load_rule_files(rule_files(data_dir('rules')))];"
        "assert built == fresh, 'the built catalog differs from the rule files';"
        "assert default == validate({}, '<defaults>').replace(source=None), 'the built defaults differ';"
        "print(len(built))"
    )
    r = subprocess.run([str(py), "-I", "-c", check], cwd=work, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert int(r.stdout) >= 40
