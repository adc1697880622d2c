"""A small, strict reader for the YAML-style front matter of Markdown drafts.

Supported: ``key: value`` scalars (plain, "double" or 'single' quoted), inline lists ``[a, b]``,
block lists of scalars, block lists of one-level mappings, and one-level nested mappings. That is
what drafts and approval records use; anything else is a clear error rather than a guess.
"""

from __future__ import annotations


from ..lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from ..values import Value, set_field

FENCE = re.compile(r"\A(?:\ufeff)?---[ \t]*(?:\r\n|\n|\r)")
# The closing fence may end with CRLF (a Windows checkout): "$" alone would stop before "\n" only.
CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?=\r\n|\n|\r|\Z)", re.M)
# A value starts and ends with a character other than space or tab. A lazy ``.*?`` before the
# trailing ``[ \t]*$`` would backtrack quadratically over a long run of spaces inside the value.
_VALUE = r"(?:[ \t]+(?P<value>[^ \t](?:.*[^ \t])?))?[ \t]*$"
_KEY = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][\w\-]*)[ \t]*:" + _VALUE)
_ITEM = re.compile(r"^(?P<indent> *)-" + _VALUE)


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"front matter line {line}: {message}")
        self.line = line
        self.detail = message


class FrontMatter(Value):
    _fields = ("data", "start", "end", "body_start")
    __slots__ = _fields
    data: dict
    start: int  # raw span of the whole block, fences included
    end: int
    body_start: int

    def __init__(self, data, start, end, body_start):
        set_field(self, "data", data)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "body_start", body_start)


def _lone_cr_as_lf(raw: str) -> str:
    """``raw`` with each CR that is not part of a CRLF turned into LF: the same length, so every
    offset still holds, and ``^`` (which starts a line only after LF) sees the lines of a draft with
    CR-only line breaks (old Mac editors) as it sees those of any other draft."""
    if "\r" not in raw:
        return raw
    return "\r\n".join(part.replace("\r", "\n") for part in raw.split("\r\n"))


def close_fence(raw: str, pos: int):
    """The closing fence after ``pos`` (a match with ``start()``/``end()``), or None."""
    return CLOSE.search(_lone_cr_as_lf(raw), pos)


def find(raw: str) -> tuple[int, int, int] | None:
    """(start, end of closing fence line, body start) of a front-matter block, or None."""
    m = FENCE.match(raw)
    if not m:
        return None
    close = close_fence(raw, m.end())
    if not close:
        raise FrontMatterError(1, "開始の --- に対応する閉じ --- がありません / no closing '---'")
    end = close.end()
    body = end
    if raw.startswith("\r\n", body):
        body += 2
    elif body < len(raw) and raw[body] in "\r\n":
        body += 1
    return m.start(), end, body


def scalar(text: str, line: int):
    text = text.strip()
    if text.startswith("#"):
        return None
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        inner = text[1:-1]
        if text[0] == '"':
            inner = inner.replace('\\"', '"').replace("\\\\", "\\")
        else:
            inner = inner.replace("''", "'")
        return inner
    if text[:1] in "\"'":
        raise FrontMatterError(line, f"閉じられていない引用符 / unterminated quote: {text}")
    if " #" in text:
        text = text.split(" #", 1)[0].rstrip()
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        return [scalar(p, line) for p in _split_inline(inner, line)] if inner else []
    if text.startswith(("[", "{", "|", ">", "&", "*", "!")):
        raise FrontMatterError(line, f"この書き方には対応していません / unsupported YAML syntax: {text}")
    low = text.lower()
    if low in ("true", "yes"):
        return True
    if low in ("false", "no"):
        return False
    if low in ("null", "~", ""):
        return None
    if re.fullmatch(r"-?\d{1,18}", text):
        return int(text)
    return text


def _split_inline(inner: str, line: int) -> list[str]:
    parts, buf, quote = [], [], ""
    for c in inner:
        if quote:
            buf.append(c)
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
            buf.append(c)
        elif c == ",":
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(c)
    if quote:
        raise FrontMatterError(line, "閉じられていない引用符 / unterminated quote")
    parts.append("".join(buf))
    return parts


def parse(text: str, first_line: int = 2) -> dict:
    """Parse the lines between the fences. ``first_line`` numbers the first of them (for errors)."""
    lines = text.splitlines()
    data: dict = {}
    i = 0

    def skip(idx: int) -> int:
        while idx < len(lines) and (not lines[idx].strip() or lines[idx].lstrip().startswith("#")):
            idx += 1
        return idx

    while True:
        i = skip(i)
        if i >= len(lines):
            return data
        ln = first_line + i
        if "\t" in lines[i][: len(lines[i]) - len(lines[i].lstrip())]:
            raise FrontMatterError(ln, "インデントにタブは使えません / tabs are not allowed for indentation")
        m = _KEY.match(lines[i])
        if not m or m.group("indent"):
            raise FrontMatterError(ln, f"「key: value」の形ではありません / expected 'key: value': {lines[i].strip()}")
        key = m.group("key")
        if key in data:
            raise FrontMatterError(ln, f"キー {key} が重複しています / duplicate key '{key}'")
        value = m.group("value")
        i += 1
        if value is not None and scalar(value, ln) is not None:
            data[key] = scalar(value, ln)
            continue
        # block value: list or mapping, indented
        j = skip(i)
        if j >= len(lines) or not lines[j].startswith((" ", "-")):
            data[key] = None
            i = j
            continue
        if _ITEM.match(lines[j]):
            items: list = []
            while j < len(lines) and (im := _ITEM.match(lines[j])):
                item_indent = len(im.group("indent"))
                item_value = im.group("value") or ""
                km = _KEY.match(" " * (item_indent + 2) + item_value) if item_value else None
                if km and not item_value.startswith(("\"", "'")):
                    mapping = {km.group("key"): scalar(km.group("value") or "", first_line + j)}
                    j += 1
                    while j < len(lines) and lines[j].strip() and (
                        len(lines[j]) - len(lines[j].lstrip(" ")) > item_indent
                    ):
                        sub = _KEY.match(lines[j])
                        if not sub:
                            raise FrontMatterError(first_line + j, f"「key: value」の形ではありません / expected 'key: value': {lines[j].strip()}")
                        if sub.group("key") in mapping:
                            raise FrontMatterError(first_line + j, f"キー {sub.group('key')} が重複しています / duplicate key")
                        mapping[sub.group("key")] = scalar(sub.group("value") or "", first_line + j)
                        j += 1
                    items.append(mapping)
                else:
                    items.append(scalar(item_value, first_line + j))
                    j += 1
                j = skip(j)
            data[key] = items
            i = j
            continue
        mapping = {}
        while j < len(lines) and lines[j].startswith(" "):
            sub = _KEY.match(lines[j])
            if not sub:
                raise FrontMatterError(first_line + j, f"「key: value」の形ではありません / expected 'key: value': {lines[j].strip()}")
            mapping[sub.group("key")] = scalar(sub.group("value") or "", first_line + j)
            j = skip(j + 1)
        data[key] = mapping
        i = j


def read(raw: str) -> FrontMatter | None:
    span = find(raw)
    if span is None:
        return None
    start, end, body = span
    fence = FENCE.match(raw)
    inner = raw[fence.end() : end]
    inner = _lone_cr_as_lf(inner)
    inner = inner[: inner.rfind("\n") + 1] if "\n" in inner else ""
    return FrontMatter(parse(inner), start, end, body)


def _quote(value) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    s = str(value)
    if not s or re.search(r"[:#\[\]{}\"',&*!|>%@`]|^\s|\s$|^-", s) or s.lower() in (
        "true", "false", "yes", "no", "null", "~"
    ) or re.fullmatch(r"-?\d+", s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return s


def _inline(value) -> str:
    """A scalar, or an inline list of scalars ``[a, b]``."""
    if isinstance(value, list):
        return "[" + ", ".join(_quote(x) for x in value) + "]"
    return _quote(value)


def dump_value(key: str, value, indent: str = "") -> list[str]:
    """Lines for one key in the subset ``parse`` reads back."""
    if isinstance(value, dict):
        return [f"{indent}{key}:"] + [f"{indent}  {k}: {_inline(v)}" for k, v in value.items()]
    if isinstance(value, list):
        if not value:
            return [f"{indent}{key}: []"]
        out = [f"{indent}{key}:"]
        for item in value:
            if isinstance(item, dict):
                first = True
                for k, v in item.items():
                    prefix = "- " if first else "  "
                    out.append(f"{indent}  {prefix}{k}: {_inline(v)}")
                    first = False
            else:
                out.append(f"{indent}  - {_quote(item)}")
        return out
    return [f"{indent}{key}: {_quote(value)}"]
