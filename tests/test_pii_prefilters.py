"""The cheap tests the personal-data checks run before their patterns answer exactly as the patterns
would: they only skip work, never a finding."""

from __future__ import annotations

from unittest import mock

from hypothesis import given, settings, strategies as st

from postlint.checks import pii, pii_address, pii_birth, pii_context, pii_ids, pii_phone
from postlint.lazyregex import regex
from postlint.text.document import Document
from postlint.text.numerals import digit_view

# The layer's test of a digit written as one pattern (the package runs it as two searches): a digit,
# or three kanji digits in a row.
_DIGITS = regex.compile(r"\d|[〇零一二三四五六七八九]{3}")

# Digits (ASCII, kanji, another script's), the separators numbers are written with, address and
# contact words, letters of the disguised e-mail forms (case-folded ones included) and filler.
_PIECES = [
    *"0123456789", "〇", "一", "二", "九", "十", "零", "٣",
    " ", "  ", "\n", "-", "ー", "・", ".", "_", "/", "(", ")",
    "丁目", "番", "番地", "号", "条", "市", "町", "郡", "区", "あ", "漢", "。",
    "@", "%40", "&", "&#64;", "&commat;", "あっと", "アット", "ドット", "at", "AT", "At", "dot", "DOT", "ſ", "K", "a", "t",
]
texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _numbers_of(text: str):
    return pii_context.numbers(Document(text))


@settings(max_examples=400, deadline=None)
@given(texts)
def test_numbers_layer_never_hides_a_number(text):
    layer = _numbers_of(text)
    prose = Document(text).prose
    assert (layer is None) == (_DIGITS.search(prose) is None)  # the layer's two searches are this one
    if layer is None:
        assert not _DIGITS.search(prose)
        assert pii_phone.find(prose) == []
        return
    assert layer.view == digit_view(prose)
    assert layer.nine == (pii_context._NINE_DIGITS.search(layer.view) is not None)
    assert layer.twelve == (pii_context._TWELVE_DIGITS.search(layer.view) is not None)
    if not layer.nine:
        assert not pii_phone._NINE_DIGITS.search(layer.view)
    if layer.nine_in_line:
        assert pii_phone._NINE_DIGITS.search(layer.view)
    if not layer.twelve:
        assert not list(pii_ids.MY_NUMBER.finditer(layer.view))
        assert not list(pii_ids.MY_NUMBER_GROUPED.finditer(layer.view))
        assert not list(pii_ids.CARD.finditer(prose))
    assert pii_phone.find(prose, layer) == pii_phone.find(prose)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_address_hint_is_the_pattern(text):
    digits = _DIGITS.search(text) is not None
    assert pii_address.numbered(text, digits) == (pii_address._HINT.search(text) is not None)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_obfuscation_hint_is_the_pattern(text):
    assert pii._may_be_obfuscated(text) == (pii._OBFUSCATION_HINT.search(text) is not None)


# Place characters (kanji, katakana, hiragana of names, the particles that end a place), the units
# and municipalities of addresses, digits and line breaks: what an address is made of.
_ADDRESS_PIECES = [
    *"0123456789", "一", "三", "十", "百", "〇", "٣", "丁目", "丁", "番", "番地", "番町", "号", "条", "条東", "地割",
    "市", "区", "町", "村", "郡", "徳島", "北", "ケ", "ヶ", "々", "ノ", "の", "は", "が", "さん", "様方", "宅",
    "在住", "-", "ー", " ", "\n", "\r\n", "、", "x", "北島町新喜来字南古田", "市役所前通り", "ヶ丘東", "勝どき",
    "徳島県名西郡石井町高川原字高川原",
]
address_texts = st.lists(st.sampled_from(_ADDRESS_PIECES), max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(address_texts)
def test_address_prefilter_never_hides_an_address(text):
    if not pii_address.may_hold_an_address(text):
        for m in pii_address.ADDRESS.finditer(text):
            assert not pii_address._address_like(m.group("place"), m.group("num"))


class _Always:
    """A pattern stand-in that lets every text through (the long way: no prefilter)."""

    @staticmethod
    def search(text):
        return True


# An address with or without a person context, in the forms the prefilters tell apart.
_ADDRESSES = st.tuples(
    st.sampled_from(["", "自宅は", "山田さん宅 ", "会場:", "x"]),
    st.sampled_from(["徳島市", "北島町新喜来字南古田", "市役所前", "徳島", "あ", "は"]),
    st.sampled_from(["", "\n", "\r\n", " "]),
    st.sampled_from(["12", "1-2-3", "三丁目4番5号", "1条", "5", "12-34", "一"]),
    st.sampled_from(["", "在住", "に住んで", "号室", "番地"]),
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(address_texts | _ADDRESSES, max_size=3).map("".join), st.sampled_from(["", "在住", "さん宅", "のご自宅は", "住所："]))
def test_address_find_is_the_long_way(text, cue):
    """``find`` answers as it did before ``_MUNICIPAL_NUMBER`` (the hints it had before stay: they
    decide what it reports, as they did)."""
    doc = Document(text + cue + text)
    found = pii_address.find(doc)
    with mock.patch.object(pii_address, "_MUNICIPAL_NUMBER", _Always):
        assert pii_address.find(Document(text + cue + text)) == found


def test_address_prefilter_at_its_bounds():
    # a place of 24 characters (the most ``ADDRESS`` takes) with its municipality first, and one of 25
    for place, address in (("市" + "漢" * 23, True), ("市" + "漢" * 24, False)):
        for gap in ("", "\n", "\r\n"):
            text = place + gap + "12-3"
            assert pii_address.may_hold_an_address(text) is address
            assert any(
                pii_address._address_like(m.group("place"), m.group("num")) for m in pii_address.ADDRESS.finditer(text)
            ) is address


# ``pii.OFFICE`` as it was first written (the kanji before 課, 室, 係 or 局 inside the match): the new
# pattern must be found in exactly the texts this one is found in.
_OFFICE_AS_WRITTEN = pii.regex.compile(
    r"[\p{Han}\p{Katakana}ー](?:課(?!長|題|程|税|金)|(?<![教和洋寝浴病居個控])室(?!長|内|外|温)|係(?!長|る|わ|り)|局(?!長|面))"
    r"|センター|委員会|事務局|事務所|役場|役所|県庁|市庁|庁舎|本部|支所|出張所|窓口|協会|組合|財団|公社|機構|"
    r"法人|株式会社|有限会社|合同会社|\((?:株|有|財|社)\)|会社(?!員)|(?<![教和洋寝浴病居])館|保健所|警察署|消防署|"
    r"病院|診療所|医院|クリニック|薬局|学校|大学|幼稚園|保育園|保育所|こども園|ホール|プラザ|ホテル|旅館|"
    r"(?<!\p{Han})店|支店|本店|営業所|事業所|研究所|試験場|案内所|公園"
)
_OFFICE_PIECES = [
    "課", "室", "係", "局", "政策", "カ", "ー", "あ", "x", " ", "\n", "長", "題", "程", "税", "金", "教", "和", "洋", "寝",
    "浴", "病", "居", "個", "控", "内", "外", "温", "る", "わ", "り", "面", "員", "会社", "館", "店", "センター", "(株)",
    "(", ")", "株", "事務", "局面", "ア", "漢", "々", "〇",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_OFFICE_PIECES), max_size=12).map("".join))
def test_office_pattern_is_found_where_it_was(text):
    assert (pii.OFFICE.search(text) is None) == (_OFFICE_AS_WRITTEN.search(text) is None)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["(", "（", "電話", "TEL", "Tel", "tel", "☎", "番号", ":", " ", "内、", "いこいの里", "ホーム", "A", "担当", "0"]), max_size=12).map("".join))
def test_facility_bracket_prefilter(text):
    if not pii._may_be_facility_bracket(text):
        assert pii.FACILITY_BRACKET.search(text) is None


_KANJI_RUN = pii.regex.compile(r"[〇零一二三四五六七八九]{3}")  # the hint as first written


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([*"〇零一二三四五六七八九十百千万两壱弐参", "0", "1", " ", "ー", "あ", "\n"]), max_size=12).map("".join))
def test_kanji_number_hint_is_the_pattern(text):
    from postlint.text import numerals

    assert numerals.may_hold_kanji_number(text) == (_KANJI_RUN.search(text) is not None)


# Twelve-digit numbers in the forms the マイナンバー and card patterns take, and telephone numbers,
# among the pieces above: the twelve-digit flag must hold wherever one of those patterns matches.
_NUMBER_PIECES = ["1234 5678 9012", "123-456-789-012", "123456 - 789012", "4111-1111-1111-1111", "4111111111111",
                  "090-1234-5678", "088-621-2500", "一二三四五六七八九〇一二", "〇九〇‐一二三四‐五六七八"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.sampled_from(_NUMBER_PIECES), max_size=16).map("".join))
def test_twelve_digit_flag_never_hides_a_my_number_or_a_card(text):
    doc = Document(text)
    layer = pii_context.numbers(doc)
    if layer is None:
        return
    assert layer.twelve == (pii_context._TWELVE_DIGITS.search(layer.view) is not None)
    assert layer.nine_in_line <= layer.nine and layer.twelve <= layer.nine
    if layer.nine_in_line:
        assert pii_phone._NINE_DIGITS.search(layer.view)
    if not layer.twelve:
        assert not list(pii_ids.MY_NUMBER.finditer(layer.view))
        assert not list(pii_ids.MY_NUMBER_GROUPED.finditer(layer.view))
        assert not list(pii_ids.CARD.finditer(doc.prose))
    assert pii_phone.find(doc.prose, layer) == pii_phone.find(doc.prose)



_PHONE_TEXTS = st.lists(
    st.sampled_from(["0", "1", "8", "9", "-", " ", "(", ")", "+81", "+", "ー", "・", "/", "5", "2"]), max_size=16
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_PHONE_TEXTS)
def test_phone_validation_is_a_pure_function_of_the_number(text):
    """``validate`` is remembered: its answer depends on the text alone (the plan is read once per
    process, the configuration is not read), so a second call and the long way answer the same."""
    first = pii_phone.validate(text)
    assert pii_phone.validate(text) == first
    assert pii_phone.validate.__wrapped__(text) == first



@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["TEL", "Tel", "tel", "TE", "電話", "電", "FAX", "fax", "Fa", "ファックス", "ファクス", "ファ", "☎", "x", "0"]), max_size=8).map("".join))
def test_phone_word_reads_as_with_regex(text):
    import regex

    assert (pii_phone._PHONE_WORD.search(text) is None) == (regex.compile(pii_phone._PHONE_WORD.pattern).search(text) is None)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["徳島", "市", "県", "の", "在住", " ", "\n", "さん", "ア", "ー", "あ"]), max_size=12).map("".join))
def test_place_before_needs_the_particle(text):
    if "の" not in text:
        assert pii_context.PLACE_BEFORE.search(text) is None


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["0", "1", "8", "9", "5", "٣", "-", " ", "(", ")", "+81", "ー", "・", "/", ":", "年", "²", "\n"]), max_size=24).map("".join))
def test_phone_candidate_shortcut(text):
    """The finder skips a candidate with fewer than nine digits in all: the first part it tries (up to
    the end of its last digit run) holds every digit of the candidate, so the long way stops there."""
    for m in pii_phone.CANDIDATE.finditer(text):
        raw = m.group("num")
        ends = [g.end() for g in pii_phone._DIGIT_RUN.finditer(raw)]
        assert ends
        assert sum(c.isdigit() for c in raw[: ends[-1]]) == sum(map(str.isdigit, raw))


@settings(max_examples=300, deadline=None)
@given(address_texts)
def test_municipality_characters_come_before_a_municipal_number(text):
    """``_municipal`` is False only for a text in which ``_MUNICIPAL_NUMBER`` finds nothing."""
    assert pii_address._municipal(text) or pii_address._MUNICIPAL_NUMBER.search(text) is None


_BIRTH_PIECES = [
    "生", "まれ", "れ", "う", "年", "誕", "日", "月", "1", "٣", " ", "\n", "あ", "学",
    "b", "B", "d", "D", "o", ".", "dob", "D.O.B", "birth", "BORN", "Born", "ſ", "K", "x",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_BIRTH_PIECES), max_size=14).map("".join))
def test_birth_hint_in_parts_is_the_pattern(text):
    assert pii_birth._may_hold_a_birth_date(text) is (pii_birth._HINT.search(text) is not None)


def test_only_b_is_read_as_b_without_regard_to_case():
    """Each Latin form of the birth hint holds a "b": the case-blind pattern takes no other character
    for it, so a text without "b" and "B" holds none of them."""
    every = "".join(map(chr, range(0x110000)))
    assert sorted(regex.findall(r"(?i)b", every)) == ["B", "b"]


def test_the_characters_whose_case_folding_holds_t():
    every = [chr(i) for i in range(0x110000)]
    assert sorted(c for c in every if "t" in c.casefold()) == sorted(pii._FOLDS_TO_T)
