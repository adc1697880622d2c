"""Write src/postlint/snapshot.jsonl: the validated shipped rule files and Config() (see
src/postlint/snapshot.py). Run it after changing a rule file, rulespec.py or config.py:

    python tools/update_snapshot.py

Exit status 0 when written (or already current), 2 when a rule file is invalid (nothing written).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from postlint import snapshot  # noqa: E402
from postlint.catalog import CatalogError, _rule_files, data_dir  # noqa: E402


def main() -> int:
    try:
        text = snapshot.build(_rule_files(data_dir("rules")))
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return 2
    old = snapshot.SNAPSHOT.read_text(encoding="utf-8") if snapshot.SNAPSHOT.exists() else None
    if old == text:
        print(f"{snapshot.SNAPSHOT.name}: current")
        return 0
    snapshot.SNAPSHOT.write_text(text, encoding="utf-8", newline="\n")
    print(f"{snapshot.SNAPSHOT.name}: written ({text.count(chr(10)) - 2} rule files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
