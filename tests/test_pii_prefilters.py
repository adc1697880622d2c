"""The cheap tests the personal-data checks run before their patterns answer exactly as the patterns
would: they only skip work, never a finding."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from postlint.checks import pii, pii_address, pii_context, pii_ids, pii_phone
from postlint.text.document import Document
from postlint.text.numerals import digit_view

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
    if layer is None:
        assert not pii_context._DIGITS.search(prose)
        assert pii_phone.find(prose) == []
        return
    assert layer.view == digit_view(prose)
    if not layer.nine:
        assert not pii_phone._NINE_DIGITS.search(layer.view)
        assert not list(pii_ids.MY_NUMBER.finditer(layer.view))
        assert not list(pii_ids.MY_NUMBER_GROUPED.finditer(layer.view))
        assert not list(pii_ids.CARD.finditer(prose))
    assert pii_phone.find(prose, layer) == pii_phone.find(prose)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_address_hint_is_the_pattern(text):
    digits = pii_context._DIGITS.search(text) is not None
    assert pii_address.numbered(text, digits) == (pii_address._HINT.search(text) is not None)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_obfuscation_hint_is_the_pattern(text):
    assert pii._may_be_obfuscated(text) == (pii._OBFUSCATION_HINT.search(text) is not None)
