"""Wheel build hook: validate the shipped rule files once, when the wheel is built, and put the
result into the wheel as ``postlint/_prevalidated.json`` (see ``src/postlint/prevalidated.py``). An
invalid rule file fails the build. Editable installs get no such file: they validate on first use,
so an edited rule file is always read as it is."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrevalidateHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            from postlint.prevalidated import build
        finally:
            sys.path.pop(0)
        text = build(root / "rules")
        out = Path(tempfile.mkdtemp(prefix="postlint-build-")) / "_prevalidated.json"
        out.write_text(text, encoding="utf-8")
        build_data["force_include"][str(out)] = "postlint/_prevalidated.json"
