"""Posts that come many to a file: JSON Lines, CSV and the X (Twitter) archive's ``tweets.js``.

A reader yields, in the order of the file, one ``Record`` per post or one ``InputError`` per row that
cannot be read (naming the file and the line), and never holds more than one post: an account's
whole history is read in constant memory. ``Reader.position`` is how many bytes it has read (for
the progress bar and for ``--jobs``, whose processes each read the file and lint their own chunks).

The record's date becomes the draft's reference day (what a front-matter ``date:`` sets) and its
platform the draft's platform (front-matter ``platform:``). A date with a time zone is taken in
Japan time (UTC+9): a post published at 20:00 UTC went out on the next day in Japan.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import io
import json
import os
import sys

from .checks.dates import parse_date
from .drafts import MAX_BYTES
from .model import InputError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, BinaryIO, Iterator, Mapping

FORMATS = ("jsonl", "csv", "x-archive")
EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
X_ARCHIVE_PREFIX = b"window.YTD."
JST_HOURS = 9
_JST = _dt.timezone(_dt.timedelta(hours=JST_HOURS))

# field -> the names tried in order when the user does not name one
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "full_text", "body", "content", "message", "本文"),
    "id": ("id", "id_str", "post_id", "ID", "投稿ID"),
    "date": ("date", "created_at", "published_at", "timestamp", "日付", "投稿日時"),
    "platform": ("platform", "プラットフォーム"),
}
# ``json.loads`` of a str, without its checks of the argument's type and keyword arguments
_DECODE = json.JSONDecoder().decode
_MONTHS = {m: i + 1 for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())}
MAX_ENTITIES = 200  # URL entities of one post taken into account (a tweet holds a handful)


class RecordError(ValueError):
    """A record that cannot be linted; ``str()`` is one line in Japanese and English."""


class Record:
    """One post: its ``text``, and optionally an ``id``, a ``date`` (``datetime.date`` or a string such
    as ``2025-11-03``, ``2025-11-03T21:00:00+00:00`` or the X archive's ``Wed Oct 10 20:19:24 +0000
    2018``), a ``platform`` (``x``, ``instagram`` …), and where it was read (``source``, ``line``)."""

    __slots__ = ("text", "id", "date", "platform", "source", "line", "_day")

    def __init__(
        self,
        text: str,
        id: str | None = None,
        date: _dt.date | str | None = None,
        platform: str | None = None,
        *,
        source: str | None = None,
        line: int | None = None,
    ) -> None:
        self.text = text
        self.id = id
        self.date = date
        self.platform = platform
        self.source = source
        self.line = line
        self._day: tuple = (None, None)  # (the date it was read from, the day): read once per record

    def __repr__(self) -> str:
        return f"Record(id={self.id!r}, source={self.source!r}, line={self.line!r})"

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str | None = None, line: int | None = None) -> Record:
        text = data.get("text")
        if not isinstance(text, str):
            raise RecordError("本文（text）が文字列ではありません / the record's text is not a string")
        rid = data.get("id")
        return cls(
            text, None if rid is None else str(rid), data.get("date"), data.get("platform"),
            source=data.get("source", source), line=data.get("line", line),
        )

    @property
    def path(self) -> str:
        """How reports name the post: ``file#L12`` (its line in the file) or ``file#id``."""
        source = self.source or "<records>"
        if self.line is not None:
            return f"{source}#L{self.line}"
        return f"{source}#{self.id}" if self.id is not None else source

    def front_matter(self) -> dict[str, Any]:
        """What the record sets as a draft's front matter would: ``date`` and ``platform``."""
        fm: dict[str, Any] = {}
        if self.date is not None and self.date != "":
            date, day = self._day
            if date is not self.date:  # the reporter asks too (``Post.of``): the date is read once
                day = to_date(self.date)
                self._day = (self.date, day)
            if day is None:
                raise RecordError(f"日付を読めません / cannot read the date: {str(self.date)[:40]!r}")
            fm["date"] = day
        if self.platform:
            fm["platform"] = str(self.platform)
        return fm


def to_date(value: object) -> _dt.date | None:
    """A record's date as a day in Japan."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_JST)
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str) or len(value) > 100:
        return None
    s = value.strip()
    parts = s.split()
    if len(parts) == 6 and parts[1] in _MONTHS:  # X: "Wed Oct 10 20:19:24 +0000 2018"
        try:
            s = f"{parts[5]}-{_MONTHS[parts[1]]:02d}-{int(parts[2]):02d}T{parts[3]}{parts[4]}"
        except ValueError:
            return None
    try:
        return to_date(_dt.datetime.fromisoformat(s))
    except ValueError:
        pass
    return parse_date(s)


def _lookup(data: Mapping[str, Any], name: str) -> Any:
    """``data[name]``, or along a dotted path (``tweet.full_text``) when there is no such key."""
    if name in data:
        return data[name]
    value: Any = data
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


class Fields:
    """The field names a file's rows use: given by the user, else the usual names tried in order."""

    def __init__(self, text: str | None = None, id: str | None = None, date: str | None = None, platform: str | None = None):
        self.names = {
            key: (given,) if given else DEFAULT_FIELDS[key]
            for key, given in (("text", text), ("id", id), ("date", date), ("platform", platform))
        }
        self.given = {"text": text, "id": id, "date": date, "platform": platform}

    def get(self, row: Mapping[str, Any], key: str) -> Any:
        for name in self.names[key]:
            value = _lookup(row, name)
            if value is not None:
                return value
        return None

    def record(self, row: Mapping[str, Any], source: str, line: int, platform: str | None = None) -> Record:
        text = self.get(row, "text")
        if not isinstance(text, str):
            wanted = " / ".join(self.names["text"])
            raise RecordError(f"本文の列がありません / no text field ({wanted})" if text is None else
                              f"本文が文字列ではありません / the text field is not a string ({wanted})")
        # (a character is at most 4 bytes: a shorter text is not encoded to be measured)
        if len(text) * 4 > MAX_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise RecordError(f"投稿が大きすぎます / post too large (limit {MAX_BYTES:,} bytes)")
        rid = self.get(row, "id")
        date = self.get(row, "date")
        if date is not None and not isinstance(date, str):
            date = str(date)
        found = self.get(row, "platform")
        return Record(text, None if rid is None else str(rid), date, str(found) if found else platform, source=source, line=line)


def row_error(source: str, line: int, message: str) -> InputError:
    return InputError(f"{source}#L{line}", f"{source}:{line}: {message}")


# -- detection ---------------------------------------------------------------------------------
def detect(path: str) -> str | None:
    """The record format of a file from its extension, or its content (an X archive's
    ``window.YTD.…`` prefix); None for a draft (or anything else)."""
    ext = os.path.splitext(path)[1].lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    if ext == ".js":
        try:
            with open(path, "rb") as fh:
                head = fh.read(64)
        except OSError:
            return None
        return "x-archive" if head.lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(X_ARCHIVE_PREFIX) else None
    return None


# -- readers -----------------------------------------------------------------------------------
class Reader:
    """Records of one file or stream, read lazily. ``position``: bytes read so far; ``size``: the
    file's size (None for a pipe)."""

    def __init__(self, stream: BinaryIO, fmt: str, source: str, fields: Fields | None = None, size: int | None = None):
        if fmt not in FORMATS:
            raise ValueError(fmt)
        self.stream, self.fmt, self.source = stream, fmt, source
        self.fields = fields or Fields()
        self.size = size
        self.position = 0

    def __iter__(self) -> Iterator[Record | InputError]:
        if self.fmt == "jsonl":
            return self._jsonl()
        if self.fmt == "csv":
            return self._csv()
        return self._x_archive()

    # JSON Lines: one object a line; blank lines are skipped
    def _lines(self) -> Iterator[tuple[int, bytes | None]]:
        """(line number, bytes) of each line; None for a line longer than the limit (skipped)."""
        number = 0
        readline = self.stream.readline
        while True:
            data = readline(MAX_BYTES + 1)
            if not data:
                return
            number += 1
            self.position += len(data)
            if len(data) > MAX_BYTES and not data.endswith(b"\n"):
                while True:  # the rest of the long line
                    more = readline(MAX_BYTES)
                    self.position += len(more)
                    if not more or more.endswith(b"\n"):
                        break
                yield number, None
                continue
            if number == 1 and data.startswith(codecs.BOM_UTF8):
                data = data[3:]
            yield number, data

    def _jsonl(self) -> Iterator[Record | InputError]:
        source, fields = self.source, self.fields
        for number, data in self._lines():
            if data is None:
                yield row_error(source, number, f"行が長すぎます / line too long (limit {MAX_BYTES:,} bytes)")
                continue
            if not data.strip():
                continue
            try:
                # a line that starts with "{" and no NUL is UTF-8 to json.loads (its encoding
                # detection): decoded as it would decode it, without the detection
                row = _DECODE(data.decode("utf-8", "surrogatepass")) if data[0] == 0x7B and (len(data) < 2 or data[1]) else json.loads(data)
            except UnicodeDecodeError:
                yield row_error(source, number, "UTF-8 として読めません / not valid UTF-8")
                continue
            except ValueError as exc:
                yield row_error(source, number, f"JSON として読めません / invalid JSON: {getattr(exc, 'msg', 'error')} (column {getattr(exc, 'colno', '?')})")
                continue
            except RecursionError:
                yield row_error(source, number, "JSON の入れ子が深すぎます / JSON nested too deeply")
                continue
            if not isinstance(row, dict):
                yield row_error(source, number, "オブジェクト（{…}）ではありません / not a JSON object")
                continue
            try:
                yield fields.record(row, source, number)
            except RecordError as exc:
                yield row_error(source, number, str(exc))

    # CSV: a header row names the columns; a field may span lines
    def _csv(self) -> Iterator[Record | InputError]:
        csv.field_size_limit(MAX_BYTES)
        source, fields = self.source, self.fields
        counting = _Counting(self.stream, self)
        encoding = _csv_encoding(self.stream)
        text = io.TextIOWrapper(counting, encoding=encoding, newline="", errors="strict")  # type: ignore[arg-type]
        reader = csv.reader(text)
        header: list[str] | None = None
        last = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield row_error(source, last + 1, f"CSV として読めません / invalid CSV: {exc}")
                last = reader.line_num
                continue
            except UnicodeDecodeError:
                yield row_error(source, last + 1, f"{encoding} として読めません。UTF-8 で保存し直してください / not valid {encoding}; save it as UTF-8")
                return  # the decoder cannot go on after a bad byte
            number, last = last + 1, reader.line_num
            if header is None:
                header = [h.strip() for h in row]
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                yield row_error(source, number, f"列が多すぎます / more fields than the header ({len(row)} > {len(header)})")
                continue
            try:
                yield fields.record(dict(zip(header, row)), source, number)
            except RecordError as exc:
                yield row_error(source, number, str(exc))

    # The X archive: ``window.YTD.tweets.part0 = [ {"tweet": {…}}, … ]``
    def _x_archive(self) -> Iterator[Record | InputError]:
        source = self.source
        for number, item in _json_array(self):
            if isinstance(item, InputError):
                yield item
                return
            tweet = item.get("tweet", item) if isinstance(item, dict) else None
            if not isinstance(tweet, dict):
                yield row_error(source, number, "ツイートのオブジェクトではありません / not a tweet object")
                continue
            try:
                yield tweet_record(tweet, source, number, self.fields)
            except RecordError as exc:
                yield row_error(source, number, str(exc))


class _Counting(io.RawIOBase):
    """A binary stream that adds what is read to ``reader.position``."""

    def __init__(self, stream: BinaryIO, reader: Reader):
        self.stream, self.reader = stream, reader

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        data = self.stream.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.reader.position += n
        return n


def _csv_encoding(stream: BinaryIO) -> str:
    """UTF-8 (the BOM of a spreadsheet's export skipped), or CP932 when the first bytes are not UTF-8."""
    peek = getattr(stream, "peek", None)
    head = peek(65536)[:65536] if peek is not None else b""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp932"
    return "utf-8"


def _json_array(reader: Reader) -> Iterator[tuple[int, Any]]:
    """The elements of the JSON array after ``window.YTD.x.partN =``, one at a time, with the line each
    starts on; an ``InputError`` (and the end) where the file is broken."""
    decoder = json.JSONDecoder()
    wrapper = io.TextIOWrapper(_Counting(reader.stream, reader), encoding="utf-8-sig", errors="strict")  # type: ignore[arg-type]
    source = reader.source
    buf, pos, line, eof = "", 0, 1, False

    def more() -> bool:
        nonlocal buf, pos, eof
        if eof:
            return False
        try:
            chunk = wrapper.read(1 << 20)
        except UnicodeDecodeError:
            eof = True
            raise RecordError("UTF-8 として読めません / not valid UTF-8") from None
        if not chunk:
            eof = True
            return False
        buf = buf[pos:] + chunk
        pos = 0
        return True

    def skip(chars: str) -> None:
        nonlocal pos, line
        while True:
            while pos < len(buf) and buf[pos] in chars:
                if buf[pos] == "\n":
                    line += 1
                pos += 1
            if pos < len(buf) or not more():
                return

    try:
        more()
        start = buf.find("[")
        while start < 0 and len(buf) < 4096 and more():
            start = buf.find("[")
        if start < 0 or not buf.lstrip().startswith("window.YTD."):
            yield line, row_error(source, 1, "X のアーカイブ（window.YTD.… = [ … ]）ではありません / not an X archive file (window.YTD.… = [ … ])")
            return
        line += buf.count("\n", 0, start)
        pos = start + 1
        first = True
        while True:
            skip(" \t\r\n")
            if pos >= len(buf):
                yield line, row_error(source, line, "配列が閉じていません（ファイルが途中で切れています） / unterminated array (truncated file)")
                return
            if buf[pos] == "]":
                return
            if not first:
                if buf[pos] != ",":
                    yield line, row_error(source, line, "要素の間に , がありません / expected , between elements")
                    return
                pos += 1
                skip(" \t\r\n")
            first = False
            while True:
                try:
                    item, end = decoder.raw_decode(buf, pos)
                    break
                except json.JSONDecodeError as exc:
                    if len(buf) - pos > 4 * MAX_BYTES or not more():
                        yield line, row_error(source, line + exc.doc.count("\n", pos, exc.pos),
                                              f"JSON として読めません / invalid JSON: {exc.msg}")
                        return
                except RecursionError:
                    yield line, row_error(source, line, "JSON の入れ子が深すぎます / JSON nested too deeply")
                    return
            yield line, item
            line += buf.count("\n", pos, end)
            pos = end
    except RecordError as exc:
        yield line, row_error(source, line, str(exc))


def _url_entities(tweet: Mapping[str, Any]) -> Iterator[tuple[str, str | None]]:
    """(t.co link, what it stands for) of a tweet: its URLs (their ``expanded_url``) and its media
    (None: the link to an attached picture is not part of what the author wrote)."""
    entities = tweet.get("entities")
    if not isinstance(entities, dict):
        return
    n = 0
    for key, expanded in (("urls", True), ("media", False)):
        items = entities.get(key)
        if not isinstance(items, list):
            continue
        for e in items:
            if n >= MAX_ENTITIES:
                return
            if isinstance(e, dict) and isinstance(e.get("url"), str) and e["url"]:
                n += 1
                target = e.get("expanded_url") if expanded else None
                yield e["url"], target if isinstance(target, str) and target else (e["url"] if expanded else None)


def tweet_record(tweet: Mapping[str, Any], source: str, line: int, fields: Fields | None = None) -> Record:
    """A tweet of the X archive as a record: ``full_text`` with each t.co link replaced by the link the
    author wrote (``entities.urls[].expanded_url``: a link shortened by the author stays a shortener
    link, and is reported as one), the links to attached media left out, ``&amp;`` ``&lt;`` ``&gt;``
    unescaped; ``id_str``, and ``created_at`` as the date."""
    fields = fields or Fields()
    given = fields.given
    text = _lookup(tweet, given["text"]) if given["text"] else tweet.get("full_text", tweet.get("text"))
    if not isinstance(text, str):
        raise RecordError("full_text がありません / no full_text")
    for short, target in _url_entities(tweet):
        text = text.replace(short, target if target is not None else "")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").rstrip()
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise RecordError(f"投稿が大きすぎます / post too large (limit {MAX_BYTES:,} bytes)")
    rid = _lookup(tweet, given["id"]) if given["id"] else tweet.get("id_str", tweet.get("id"))
    date = _lookup(tweet, given["date"]) if given["date"] else tweet.get("created_at")
    return Record(text, None if rid is None else str(rid), None if date is None else str(date), "x", source=source, line=line)


def open_records(path: str, fmt: str, fields: Fields | None = None, *, display: str | None = None) -> Reader:
    """A reader over the file ``path`` (``-``: standard input). Raises ``OSError``."""
    if path == "-":
        return Reader(sys.stdin.buffer, fmt, display or "<stdin>", fields)
    fh = open(path, "rb")
    return Reader(fh, fmt, display or path, fields, size=os.fstat(fh.fileno()).st_size)
