"""Accessibility (guideline 3, 4.4; JIS X 8341-3, 総務省「みんなの公共サイト運用ガイドライン」,
障害者差別解消法, 「在留支援のためのやさしい日本語ガイドライン」): posts everyone can read.

Text rules skip URLs, e-mail addresses and code (Markdown inline code, fenced blocks) and the
targets of Markdown links and images: ``excluded(doc)`` marks them, once per document. Rules about
characters that normalization folds (half-width kana, circled numbers, squared words, emoji
sequences) read the draft's own characters (``doc.text``) and map them to normalized offsets.

Every pattern here is bounded (no nested repetition over the same characters), and every loop is
linear in the draft.
"""

from __future__ import annotations

import unicodedata

from ..config import ConfigError
from ..lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from ..lazyregex import regex  # patterns compile on first use, not at import
from ..matchers import Match
from ..matchers.literals import PROSE_WORDS, prefilter, required_literals, word_filter
from ..text.entities import EntityKind
from .platform import targets
from .registry import checker

# -- regions text rules skip ---------------------------------------------------------------------

_FENCE_LINE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"`[^`\n]{1,500}`")
_MD_TARGET = re.compile(r"\]\(([^()\s]{1,2048})(?:\s+\"[^\"\n]{0,300}\")?\)")


def _code_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "`" not in text and "~~~" not in text:
        return spans
    pos = 0
    fence = None
    fence_start = 0
    for line in text.splitlines(keepends=True):
        m = _FENCE_LINE.match(line)
        if fence is None and m:
            fence, fence_start = m.group(1)[0] * 3, pos
        elif fence is not None and m and m.group(1).startswith(fence):
            spans.append((fence_start, pos + len(line)))
            fence = None
        elif fence is None and "`" in line:
            spans.extend((pos + a.start(), pos + a.end()) for a in _INLINE_CODE.finditer(line))
        pos += len(line)
    if fence is not None:  # an unclosed fence runs to the end, as Markdown reads it
        spans.append((fence_start, len(text)))
    return spans


def excluded(doc) -> bytearray:
    """1 at every normalized index inside a URL, e-mail, code or a Markdown link or image target."""

    def make() -> bytearray:
        text = doc.normalized
        mask = bytearray(len(text))
        spans = [(e.start, e.end) for e in doc.urls]
        spans += [(e.start, e.end) for e in doc.entities_of(EntityKind.EMAIL)]
        spans += _code_spans(text)
        if "](" in text:
            spans += [m.span(1) for m in _MD_TARGET.finditer(text)]
        for s, e in spans:
            mask[s:e] = b"\x01" * (e - s)
        return mask

    return doc.memo("a11y-excluded", make)


def plain(doc) -> str:
    """The prose (URLs and e-mail as filler) with code and link targets blanked with spaces."""

    def make() -> str:
        mask = excluded(doc)
        if not any(mask):
            return doc.prose
        return "".join(" " if m else c for c, m in zip(doc.prose, mask))

    return doc.memo("a11y-plain", make)


def _raw_hits(doc, pattern):
    """(normalized start, end, raw text) of each match of ``pattern`` in the draft's own characters
    (front matter and comments blanked), outside the excluded regions. The span covers whole
    clusters: one cut at the end is taken whole, one cut at the start is left out."""
    mask = excluded(doc)
    for m in pattern.finditer(doc.text):
        start = doc.offsets.index_at(m.start())
        end = doc.offsets.index_at(m.end())
        if start >= end or any(mask[start:end]):
            continue
        rs, re_ = doc.to_raw(start, end)
        yield start, end, doc.raw[rs:re_]


# -- AC001 image-alt-text --------------------------------------------------------------------------

_MD_IMAGE = re.compile(r"!\[([^\]\n]{0,300})\]\(\s{0,5}<?([^()\s<>]{0,2048})>?(?:\s{1,5}\"[^\"\n]{0,300}\")?\s{0,5}\)")
_HTML_IMG = re.compile(r"<img\b([^<>]{0,2000})>", re.I)
_ATTR = r"""\s*=\s*(?:"([^"]{0,1000})"|'([^']{0,1000})'|([^\s"'>]{1,1000}))"""
_ALT_ATTR = re.compile(r"\balt" + _ATTR, re.I)
_SRC_ATTR = re.compile(r"\bsrc" + _ATTR, re.I)
# alt text that says nothing: a word for "image" (with a number), a file name, a camera's file name
_VAGUE_ALT = re.compile(
    r"(?:画像|写真|イメージ|image|img|photo|picture|pic|図|イラスト|スクリーンショット|スクショ|screenshot|"
    r"サムネイル|thumbnail|無題|untitled|alt|代替テキスト)[\s_\-]*\d{0,4}",
    re.I,
)
_FILE_ALT = re.compile(r"[^\s/\\]{1,200}\.(?:jpe?g|png|gif|webp|heic|heif|bmp|svg|tiff?)", re.I)
_CAMERA_ALT = re.compile(r"(?:IMG|DSC[NF]?|DCIM|PXL|MVIMG|P)[_\-]?\d{3,}(?:[_\-]\d+)*", re.I)


def _basename(path: str) -> str:
    name = path.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return name.split("?", 1)[0].split("#", 1)[0]


def alt_problem(alt: str | None, file: str = "") -> str | None:
    """Why ``alt`` does not describe the image (None when it may)."""
    if alt is None:
        return "missing"
    text = unicodedata.normalize("NFKC", alt).strip()
    if not text:
        return "missing"
    base = _basename(file)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    if _VAGUE_ALT.fullmatch(text) or _FILE_ALT.fullmatch(text) or _CAMERA_ALT.fullmatch(text):
        return "vague"
    if base and text.lower() in (base.lower(), stem.lower()):
        return "vague"
    return None


def front_matter_images(doc) -> dict[str, str | None]:
    """{file name: alt text or None} of the front matter's ``images:`` list."""
    items = doc.front_matter.get("images")
    if isinstance(items, (str, dict)):
        items = [items]
    if not isinstance(items, list):
        return {}
    out: dict[str, str | None] = {}
    for item in items:
        if isinstance(item, dict):
            file = str(item.get("file", item.get("src", "")) or "")
            alt = item.get("alt")
            out[file] = None if alt is None else str(alt)
        elif item is not None:
            out[str(item)] = None
    return out


_IMAGE_MESSAGES = {
    "missing": "画像「{image}」に代替テキストがありません。画像の内容（写っているもの・文字）を短い文で書いてください。"
    "読み上げソフトでは「画像」としか伝わりません。フロントマターの images: に file と alt で書けます。",
    "vague": "画像「{image}」の代替テキスト「{alt}」は内容を伝えていません。写っているもの・書かれている文字を短い文で書いてください。",
}


def _image_match(start, end, image, alt, problem):
    return Match(start, end, params={"image": image, "alt": alt or ""}, message=_IMAGE_MESSAGES[problem])


def _attr(pattern, attrs: str) -> str | None:
    m = pattern.search(attrs)
    if m is None:
        return None
    return next(g for g in m.groups() if g is not None)


def images(doc):
    """(normalized start, end, file, alt or None) of the images in the body."""
    text = doc.normalized
    if "![" not in text and "<" not in text:
        return
    mask = excluded(doc)  # only for a draft that may hold an image
    if "![" in text:
        for m in _MD_IMAGE.finditer(text):
            if not mask[m.start()]:
                yield m.start(), m.end(), m.group(2), m.group(1)
    if "<" in text:
        for m in _HTML_IMG.finditer(text):
            if not mask[m.start()]:
                attrs = m.group(1)
                yield m.start(), m.end(), _attr(_SRC_ATTR, attrs) or "", _attr(_ALT_ATTR, attrs)


@checker("AC001", context=False, needs=("front-matter:images", "normalized:![", "normalized:<"))
def image_alt_text(doc):
    given = front_matter_images(doc)
    text = doc.normalized
    if not given and "![" not in text and "<" not in text:
        return ()  # no image in the body or the front matter
    return _image_alt_texts(doc, given)


def _image_alt_texts(doc, given):
    by_name = {_basename(f): a for f, a in given.items() if f}
    for start, end, file, alt in images(doc):
        if alt is None or not alt.strip():
            alt = by_name.get(_basename(file), alt)
        problem = alt_problem(alt, file)
        if problem:
            yield _image_match(start, end, _basename(file) or "（ファイル名なし）", alt, problem)
    if given and doc.front_matter_span is not None:
        fs, fe = doc.front_matter_span
        raw = doc.raw
        for file, alt in given.items():
            problem = alt_problem(alt, file)
            if not problem:
                continue
            at = raw.find(file, fs, fe) if file else -1
            if at < 0:
                at = raw.find("images", fs, fe)
                span = (at, at + len("images")) if at >= 0 else (fs, fs + 3)
            else:
                span = (at, at + len(file))
            start, end = doc.from_raw(*span)
            if start < end:
                yield _image_match(start, end, file or "（ファイル名なし）", alt, problem)


# -- AC002 text-in-image-notice -------------------------------------------------------------------

_IN_IMAGE = r"(?:添付の?(?:画像|ファイル|資料|チラシ)?|下記?の?(?:画像|写真|チラシ|ポスター|図)|画像内?|チラシ|ポスター|フライヤー|画像|写真|図)"
_TEXT_IN_IMAGE = regex.compile(
    r"(?:詳細|詳しく|詳しい内容|内容|日程|日時|スケジュール|申込方法|申し込み方法|申込み方法|応募方法|時間|場所|会場|料金)(?:など|等)?は"
    r"[^。\n]{0,8}?" + _IN_IMAGE + r"(?:を|で|に|から|の方を)?(?:ご覧|ご確認|確認|ご参照|参照|見て|チェック)"
    r"|" + _IN_IMAGE + r"(?:を)?(?:ご)?参照(?:ください|下さい|のこと|願います)?(?=[。！!\s)）]|$)"
    r"|" + _IN_IMAGE + r"の(?:とおり|通り)(?:です|となります|。)",
    regex.M,
)


# Every branch of the pattern holds a phrase of ``_IN_IMAGE`` and one of the words the pattern's own
# literals give (ご覧, 参照, とおり …): a draft that lacks either is not searched. Both are derived from
# the patterns; ``plain(doc)`` only blanks parts of ``doc.prose``, so a word missing from the prose is
# missing from it too.
_IN_IMAGE_WORDS = word_filter(required_literals(_IN_IMAGE))
_TEXT_IN_IMAGE_NEEDS = prefilter(_TEXT_IN_IMAGE)
# the same two, searched in one scan with other checkers' word lists (``Document.prose_words``)
_IN_IMAGE_BIT = PROSE_WORDS.add_words(lambda: required_literals(_IN_IMAGE))
_TEXT_IN_IMAGE_BIT = PROSE_WORDS.add_pattern(*_TEXT_IN_IMAGE.source)


@checker("AC002", context=False)
def text_in_image_notice(doc):
    if doc.urls:
        return ()  # a link gives the information as text
    present = doc.prose_words
    if not present & _IN_IMAGE_BIT or not present & _TEXT_IN_IMAGE_BIT:
        return ()
    return _text_in_image_notices(doc)


def _text_in_image_notices(doc):
    for _, _, _, alt in images(doc):
        if alt and len(alt.strip()) >= 40:
            return  # the alt text carries the information
    for alt in front_matter_images(doc).values():
        if alt and len(alt.strip()) >= 40:
            return
    for m in _TEXT_IN_IMAGE.finditer(plain(doc)):
        yield Match(m.start(), m.end())


# -- AC003 hashtag-break ----------------------------------------------------------------------------

_TAG_CHARS = r"[\p{L}\p{N}\p{M}_ー]"
# characters a hashtag ends at although a phrase goes on (normalized forms: ＆ → &, ！ → !)
_BREAKS = "・&-!?~〜'.+/=*%$☆★♪♡♥◆◇●○■□※→‐‑–—―:;@"
# characters that X (twitter-text) keeps inside a hashtag; other platforms end it there
_X_KEEPS = "・〜~"
_AFTER_BREAK = regex.compile(r"[" + regex.escape(_BREAKS) + r"]{1,2}(" + _TAG_CHARS + r"{1,100})(?=[\s#]|$)")
_BARE_WORD = regex.compile(_TAG_CHARS + r"{1,10}")
_SENTENCE_WORD = regex.compile(r"です|ます|ください|下さい|から|まで|ので|して|した|する|を|で検索|でした")
_DIGITS = regex.compile(r"\p{N}+")


def _tag_targets(doc, ctx) -> list[str]:
    known, _ = targets(doc, ctx)
    return known


@checker("AC003", needs=("hashtag",))
def hashtag_break(doc, ctx):
    tags = doc.entities_of(EntityKind.HASHTAG)
    if not tags:
        return ()
    return _hashtag_breaks(doc, ctx, tags)


def _hashtag_breaks(doc, ctx, tags):
    text = doc.normalized
    mask = excluded(doc)
    only_x = _tag_targets(doc, ctx) == ["x"]
    tag_at = {t.start: t for t in tags}
    # "#1" alone is a number ("Gov #0", "No.#3"); beside real hashtags it was meant as one
    worded = any(not _DIGITS.fullmatch(text[t.start + 1 : t.end]) for t in tags)
    for t in tags:
        if mask[t.start]:
            continue
        body = text[t.start + 1 : t.end]
        if _DIGITS.fullmatch(body):
            if not worded:
                continue
            yield Match(t.start, t.end, params={"tag": text[t.start : t.end]},
                        message="数字だけのハッシュタグ「{tag}」はハッシュタグになりません（リンクにならず検索もできません）。言葉を含めてください。")
            continue
        m = _AFTER_BREAK.match(text, t.end)
        if m is not None:
            rs, re_ = doc.to_raw(t.end, t.end + 1)
            breaker = doc.raw[rs:re_]
            if only_x and text[t.end] in _X_KEEPS:
                continue
            yield Match(t.start, m.end(), params={"tag": text[t.start : t.end], "char": breaker},
                        message="ハッシュタグは「{char}」で終わり、「{tag}」として読まれます。続きもハッシュタグにするなら「{char}」を除くか「_」にしてください。")
            continue
    # a word left bare in a line of hashtags: "#阿波 おどり" (a space inside the phrase)
    for line_start, line in _lines(text):
        stripped = line.lstrip()
        if not stripped.startswith("#"):
            continue
        pieces = [(line_start + p.start(), p.group()) for p in re.finditer(r"\S+", line)]
        if sum(1 for s, p in pieces if s in tag_at and tag_at[s].end == s + len(p)) < 2:
            continue
        prev_tag = None
        ok = True
        found = []
        for s, p in pieces:
            tag = tag_at.get(s)
            if tag is not None and tag.end == s + len(p):
                prev_tag = tag
                continue
            # a Japanese word only: "#Japan travel" or "#徳島 LOVE" may well be meant as they stand
            if prev_tag is None or not _BARE_WORD.fullmatch(p) or not _LETTER.search(p) or _SENTENCE_WORD.search(p) or mask[s]:
                ok = False
                break
            if text[prev_tag.end : s] != " ":
                ok = False
                break
            found.append((prev_tag, s + len(p)))
            prev_tag = None
        if ok:
            for tag, end in found:
                yield Match(tag.start, end, params={"tag": text[tag.start : tag.end], "char": "空白"},
                            message="ハッシュタグは空白で終わり、「{tag}」として読まれます。続きの言葉もハッシュタグに含めるなら空白を除いてください。")


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


# -- AC004 halfwidth-kana ------------------------------------------------------------------------------

# zero-width characters (removed by normalization) do not split a run: ｲ\u200bﾍﾞﾝﾄ is one word
_ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_KANA_CLASS = "\uff61-\uff9f"
_HALFWIDTH_KANA = re.compile(f"[{_KANA_CLASS}](?:[{_ZERO_WIDTH}]*[{_KANA_CLASS}])*")
_HALFWIDTH_LETTER = re.compile("[\uff66-\uff9d]")  # ｦ … ﾝ: a run of only ･ ｡ ｢ ｣ ､ ｰ ﾞ ﾟ is read as punctuation


@checker("AC004", context=False)
def halfwidth_kana(doc):
    if not _special(doc) or not _HALFWIDTH_KANA.search(doc.text):
        return ()
    return _halfwidth_kana(doc)


def _halfwidth_kana(doc):
    faces = kaomoji_spans(doc)
    for start, end, raw in _raw_hits(doc, _HALFWIDTH_KANA):
        if any(s < end and start < e for s, e in faces) or not _HALFWIDTH_LETTER.search(raw):
            continue  # part of a 顔文字 (emoji-overuse speaks about it), or punctuation alone
        full = unicodedata.normalize("NFKC", "".join(c for c in raw if c not in _ZERO_WIDTH))
        yield Match(start, end, params={"kana": raw, "full": full}, fix=(full, "safe"))


# -- AC005 platform-dependent-character --------------------------------------------------------------

_DEPENDENT_CLASS = (
    "\u2460-\u24ff\u2776-\u2793\u3220-\u325f\u3280-\u33ff\u2116\u2121\u2160-\u217f"
    "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
)
_DEPENDENT = re.compile(f"[{_DEPENDENT_CLASS}]")
_PLAIN = {
    "㍻": "平成", "㍼": "昭和", "㍽": "大正", "㍾": "明治", "㋿": "令和",
    "㎡": "平方メートル", "㎥": "立方メートル", "㎠": "平方センチメートル", "㎢": "平方キロメートル",
    "℡": "TEL", "№": "No.", "㏍": "KK",
}


def plain_form(ch: str) -> str:
    """How to write ``ch`` with ordinary characters ("" for a private-use character)."""
    if ch in _PLAIN:
        return _PLAIN[ch]
    cp = ord(ch)
    if 0xE000 <= cp <= 0xF8FF or cp >= 0xF0000:
        return ""
    folded = unicodedata.normalize("NFKC", ch)
    if folded == ch:  # ❶ and others NFKC keeps: their number
        value = unicodedata.numeric(ch, None)
        return f"({int(value)})" if value is not None else ""
    name = unicodedata.name(ch, "")
    if ("CIRCLED" in name or "NEGATIVE" in name) and not folded.startswith("("):
        return f"({folded})"
    return folded


@checker("AC005", context=False)
def platform_dependent_character(doc):
    if not _special(doc) or not _DEPENDENT.search(doc.text):
        return ()
    return _platform_dependent(doc)


def _platform_dependent(doc):
    tags = doc.entities_of(EntityKind.HASHTAG)
    for start, end, raw in _raw_hits(doc, _DEPENDENT):
        ch = raw[:1]
        if 0x2160 <= ord(ch) <= 0x217F and not any(t.start <= start < t.end for t in tags):
            continue  # Roman numerals are read well in text; in a hashtag they split searches
        form = plain_form(ch)
        if form:
            yield Match(start, end, params={"char": raw, "plain": form}, fix=(form, "unsafe"),
                        message="「{char}」は機種や読み上げソフトによって正しく表示・読み上げされないことがあります。「{plain}」のように書いてください。")
        else:
            yield Match(start, end, params={"char": raw, "plain": ""},
                        message="私用領域の文字（外字）があります。ほかの端末では表示されません。ふつうの文字で書いてください。")


# -- AC006 emoji-overuse ------------------------------------------------------------------------------------

_EMOJI = regex.compile(
    r"\p{Regional_Indicator}{2}"
    r"|[0-9#*]\ufe0f?\u20e3"
    r"|(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\ufe0f)[\ufe0f\U0001F3FB-\U0001F3FF]?"
    r"(?:\u200d\p{Extended_Pictographic}[\ufe0f\U0001F3FB-\U0001F3FF]?){0,8}"
)
# Every character an emoji of ``_EMOJI`` can start with lies in these ranges (a superset): a draft
# without any is searched no further.
_EMOJI_CLASS = "\u00a9\u00ae\u2000-\u2bff\u3030\u303d\u3297\u3299\U00010000-\U0010ffff"
_EMOJI_HINT = re.compile(f"[{_EMOJI_CLASS}]")
# The characters that half-width kana (AC004), platform-dependent characters (AC005) and emoji
# (AC006, ``_EMOJI_HINT``) start with, in one class: a draft with none of them (most drafts) is
# scanned once for the three rules, not three times.
_SPECIAL = re.compile(f"[{_KANA_CLASS}{_DEPENDENT_CLASS}{_EMOJI_CLASS}]")


def _special(doc) -> bool:
    """False only when ``doc.text`` holds no character of ``_HALFWIDTH_KANA``'s first class,
    ``_DEPENDENT`` or ``_EMOJI_HINT`` (answered once a draft)."""
    return doc.memo("a11y-special", lambda: _SPECIAL.search(doc.text) is not None)


_MODIFIERS = regex.compile("[\ufe0f\U0001F3FB-\U0001F3FF]")
_GAP = regex.compile(f"[ \u3000{_ZERO_WIDTH}]*")  # what may stand between the emoji of one run
_KAOMOJI = regex.compile(r"[(（][^()（）\n]{1,15}[)）]")
_FACE_PARTS = set("´｀`ωд∀▽≧≦∇ﾟ゜°◕‿＿_^＾;；*＊＞＜><σДΦ≡∩ε｡ノヮ")
_FACE_PART = re.compile("[" + "".join(sorted(re.escape(c) for c in _FACE_PARTS)) + "]")
_WORD_AFTER = regex.compile(r"[をがにでへとはものや][\p{Hiragana}\p{Han}\p{Katakana}]")
_LETTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
DEFAULT_MAX_RUN = 2


def kaomoji_spans(doc) -> list[tuple[int, int]]:
    """Normalized spans of 顔文字 such as (^_^) and (´・ω・｀) in the draft."""

    text = doc.text
    if "(" not in text and "（" not in text:
        return []
    first = _FACE_PART.search(text)
    if first is None or _FACE_PART.search(text, first.end()) is None:
        return []  # a face needs two face parts

    def make():
        out = []
        for m in _KAOMOJI.finditer(text):
            if len(_FACE_PART.findall(text, m.start() + 1, m.end() - 1)) < 2:
                continue  # (第4回), (土): no face (zero-width characters are no face parts)
            inner = "".join(c for c in m.group()[1:-1] if c not in _ZERO_WIDTH)
            parts = sum(1 for c in inner if c in _FACE_PARTS)
            letters = len(_LETTER.findall(inner.replace("ノ", "").replace("ヮ", "")))
            if parts >= 2 and letters <= 1 and parts * 2 >= len(inner.replace(" ", "")) - letters:
                out.append((doc.offsets.index_at(m.start()), doc.offsets.index_at(m.end())))
        return out

    return doc.memo("a11y-kaomoji", make)


def _bad_option(ctx, key: str, ja: str, en: str):
    raise ConfigError(ctx.config.source or "<config>", [(f"rules.{ctx.rule.name}.{key}", f"{ja} / {en}")])


def _emoji_options(ctx):
    def make():
        run = ctx.options.get("max-run", ctx.options.get("max_run", DEFAULT_MAX_RUN))
        if isinstance(run, bool) or not isinstance(run, int) or run < 1:
            _bad_option(ctx, "max-run", "1以上の整数にしてください", "expected an integer of at least 1")
        allow = ctx.options.get("allow", [])
        if not isinstance(allow, list):
            _bad_option(ctx, "allow", "絵文字のリストにしてください", "expected a list of emoji")
        allowed = {str(a).replace("\ufe0f", "") for a in allow}
        return run, allowed, bool(ctx.options.get("allow-kaomoji", ctx.options.get("allow_kaomoji", False)))

    return ctx.memo("emoji", make)


@checker("AC006")
def emoji_overuse(doc, ctx):
    max_run, allowed, allow_kaomoji = _emoji_options(ctx)
    text = doc.text
    items: list[tuple[int, int, str]] = []  # raw spans of emoji (and 顔文字) in order
    for m in _EMOJI.finditer(text) if _special(doc) and _EMOJI_HINT.search(text) else ():
        if m.group().replace("\ufe0f", "") in allowed:
            continue
        # a joined sequence of one emoji repeated (🔥 ZWJ 🔥) is no emoji of its own: read one by one
        parts = set(_MODIFIERS.sub("", m.group()).split("\u200d"))
        weight = m.group().count("\u200d") + 1 if len(parts) == 1 else 1
        items.append((m.start(), m.end(), "emoji", weight))
    faces = [] if allow_kaomoji else kaomoji_spans(doc)
    for s, e in faces:
        rs, re_ = doc.to_raw(s, e)
        items.append((rs, re_, "face", 1))
    if not items:
        return ()
    return _emoji_runs(doc, items, max_run)


def _emoji_runs(doc, items, max_run):
    text = doc.text
    items.sort()
    mask = excluded(doc)  # only for a draft with emoji or 顔文字

    def norm(rs, re_):
        return doc.offsets.index_at(rs), doc.offsets.index_at(re_)

    i = 0
    while i < len(items):
        j = i
        while j + 1 < len(items) and _GAP.fullmatch(text, items[j][1], items[j + 1][0]):
            j += 1
        start, end = norm(items[i][0], items[j][1])
        run = sum(item[3] for item in items[i : j + 1])
        if start < end and not any(mask[start:end]):
            if run > max_run:
                yield Match(start, end, params={"count": run, "max": max_run},
                            message=f"絵文字・顔文字が{run}個続いています。読み上げソフトは1つずつ名前を読み上げます（「🔥🔥🔥」は「炎 炎 炎」）。{max_run}個までにしてください。")
            elif j == i and items[i][2] == "face":
                yield Match(start, end, params={"count": 1, "max": max_run},
                            message="顔文字は読み上げソフトで記号の名前を1つずつ読み上げられ、意味が伝わりません。言葉で書いてください（設定 allow-kaomoji で許可できます）。")
            elif run == 1 and _WORD_AFTER.match(text, items[i][1]):
                yield Match(start, end, params={"count": 1, "max": max_run},
                            message="絵文字が言葉の代わりに使われています。読み上げソフトでは絵文字の名前が読まれ、文が伝わりません。言葉で書いてください。")
        i = j + 1


# -- AC007 vague-link-text ----------------------------------------------------------------------------------

_MD_LINK = re.compile(r"(?<!!)\[([^\[\]\n]{1,200})\]\(\s{0,5}<?[^()\s<>]{1,2048}>?(?:\s{1,5}\"[^\"\n]{0,300}\")?\s{0,5}\)")
_HTML_LINK = re.compile(r"<a\b[^<>]{0,2000}>([^<]{1,200})</a\s*>", re.I)
_VAGUE_LINK = re.compile(
    r"(?:詳しく(?:は)?|詳細(?:は)?)?(?:こちら|コチラ|ここ|ココ)(?:から|をクリック|をタップ|をご覧ください|を見る|です)?"
    r"|詳細|詳しく|詳細を見る|もっと見る|続きを読む|続き|リンク|リンク先|クリック|タップ|url|link|here|click here|more|read more|details",
    re.I,
)


@checker("AC007", context=False, needs=("normalized:](", "normalized:<"))
def vague_link_text(doc):
    text = doc.normalized
    if "](" not in text and "<" not in text:
        return ()  # no Markdown or HTML link
    return _vague_links(doc, text)


def _vague_links(doc, text):
    mask = excluded(doc)
    found = []
    if "](" in text:
        found += [(m.start(), m.end(), m.group(1)) for m in _MD_LINK.finditer(text)]
    if "<" in text:
        found += [(m.start(), m.end(), m.group(1)) for m in _HTML_LINK.finditer(text)]
    for start, end, label in sorted(found):
        if mask[start]:
            continue
        words = label.strip().rstrip("。.!！>＞»→")
        if _VAGUE_LINK.fullmatch(words.strip()):
            yield Match(start, end, params={"label": label.strip()})


# -- AC010 long-sentence, AC011 plain-japanese (the yasashii profile) ----------------------------------------

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")
_HASHTAG_LINE = regex.compile(r"\s*(?:#" + _TAG_CHARS + r"+\s*)+")


def sentences(doc):
    """(start, end, counted length) of each sentence of the plain text; URLs, code and spaces do
    not count, and a line of hashtags is not a sentence."""
    text = plain(doc)
    mask = excluded(doc)
    for m in _SENTENCE.finditer(text):
        s, e = m.span()
        seg = m.group()
        lead = len(seg) - len(seg.lstrip())
        s, e = s + lead, s + len(seg.rstrip())
        if s >= e or _HASHTAG_LINE.fullmatch(text, s, e):
            continue
        length = sum(1 for i in range(s, e) if not mask[i] and not text[i].isspace())
        if length:
            yield s, e, length


def _int_option(ctx, key: str, default):
    value = ctx.options.get(key, ctx.options.get(key.replace("-", "_"), default))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        _bad_option(ctx, key, "正の数にしてください", "expected a positive number")
    return value


DEFAULT_MAX_LENGTH = {"yasashii": 60, "default": 100}


@checker("AC010")
def long_sentence(doc, ctx):
    limit = _int_option(ctx, "max-length", DEFAULT_MAX_LENGTH.get(ctx.config.profile, 100))
    for s, e, length in sentences(doc):
        if length > limit:
            yield Match(s, e, params={"length": length, "limit": limit},
                        message=f"1文が{length}文字あります（目安は{limit}文字まで）。文を分けると、日本語を学んでいる人や読み上げで聞く人にも伝わりやすくなります。")


_DOUBLE_NEGATIVE = regex.compile(
    r"(?:な|無)(?:い|く)(?:わけ|訳)(?:では|でも|じゃ)(?:ない|ありません|なく|ありませんが)"
    r"|ない(?:こと|の)(?:は|も)(?:ない|ありません)"
    r"|なくも(?:ない|ありません)"
    r"|ない(?:とも|とは)限(?:らない|りません)"
    r"|ざるを得(?:ない|ません|ず)"
    r"|ない(?:わけ|訳)にはいか(?:ない|ず)|ない(?:わけ|訳)にはいきません"
    r"|(?:なければ|なくては|ないと)(?:ならない|なりません|ならず|いけない|いけません|だめ|ダメ)"
    r"|[不非無未]\p{Han}{1,4}(?:では|でも)(?:ない|ありません)"
)
_KANJI = regex.compile(r"\p{Han}")
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}ー]")
DEFAULT_KANJI_RATIO = 0.6
DEFAULT_MIN_LETTERS = 20


@checker("AC011")
def plain_japanese(doc, ctx):
    ratio_limit = float(_int_option(ctx, "max-kanji-ratio", DEFAULT_KANJI_RATIO))
    min_letters = int(_int_option(ctx, "min-letters", DEFAULT_MIN_LETTERS))
    text = plain(doc)
    for m in _DOUBLE_NEGATIVE.finditer(text):
        yield Match(m.start(), m.end(), params={"phrase": m.group()},
                    message="「{phrase}」は二重否定です。やさしい日本語では「〜してください」「〜できます」のように肯定の形で書きます。")
    for s, e, _ in sentences(doc):
        kanji = len(_KANJI.findall(text, s, e))
        kana = len(_KANA.findall(text, s, e))
        letters = kanji + kana
        if letters >= min_letters and kanji / letters > ratio_limit:
            share = round(100 * kanji / letters)
            yield Match(s, e, params={"ratio": share},
                        message=f"この文は漢字が{share}%です（目安は{round(100 * ratio_limit)}%まで）。漢字の言葉をやさしい言い方にするか、ふりがなを付けてください。")
