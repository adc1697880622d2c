"""Numbers whose check digits make them certain: マイナンバー (個人番号) and payment-card numbers."""

from __future__ import annotations

from ..lazyregex import regex  # patterns compile on first use, not at import

_ID_SEP = r"[ \-._・]"
# Twelve digits, plain or in groups of four; never part of a longer number (法人番号 has 13 digits).
MY_NUMBER = regex.compile(
    r"(?<![0-9A-Za-z_]|\d" + _ID_SEP + r")"
    r"\d{4}" + _ID_SEP + r"?\d{4}" + _ID_SEP + r"?\d{4}"
    r"(?![0-9A-Za-z_]|" + _ID_SEP + r"\d)",
    regex.V1,
)
# Twelve digits in other groups (3-3-3-3, 6-6): a My Number only next to マイナンバー / 個人番号.
MY_NUMBER_GROUPED = regex.compile(
    r"(?<![0-9A-Za-z_]|\d" + _ID_SEP + r")"
    r"(?:\d{3}(?:\s?" + _ID_SEP + r"\s?\d{3}){3}|\d{6}\s?" + _ID_SEP + r"\s?\d{6})"
    r"(?![0-9A-Za-z_]|" + _ID_SEP + r"\d)",
    regex.V1,
)
# 13 to 19 digits, plain or grouped by spaces or hyphens.
CARD = regex.compile(
    r"(?<![0-9A-Za-z_]|\d[ \-])"
    r"\d(?:[ \-]?\d){12,18}"
    r"(?![0-9A-Za-z_]|[ \-]\d)",
    regex.V1,
)
# Words that say a 12-digit number is a My Number.
MY_NUMBER_WORDS = regex.compile(r"マイナンバー|個人番号|ﾏｲﾅﾝﾊﾞｰ|my\s*number", regex.IGNORECASE)
# Labels of other numbers right before one: a tracking, order or member number is not personal data
# of the kinds checked here (お問い合わせ番号 is a parcel number; お問い合わせ： alone is a phone).
OTHER_NUMBER_LABEL = regex.compile(
    r"(?:(?:伝票|追跡|問い?合わ?せ|注文|受付|整理|管理|登録|会員|口座|証券|契約|お客様|顧客|予約|申込|受験|"
    r"法人|事業者|品|型|商品|製造|シリアル|認証|ポイント|カード|チケット|受給者|被保険者|保険者|記号)\s*(?:番号|No\.?|コード)"
    r"|JAN|ISBN|ID|No\.?|NO\.?|№|#)\s*[:：.]?\s*\Z"
)


def my_number_valid(digits: str) -> bool:
    """The check digit of a 12-digit 個人番号 (行政手続における特定の個人を識別するための番号の利用等に
    関する法律施行令 第8条): weights 2..7, 2..6 from the right, remainder of 11."""
    if len(digits) != 12 or not digits.isdigit():
        return False
    total = 0
    for n in range(1, 12):
        p = int(digits[11 - n])
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    r = total % 11
    return int(digits[11]) == (0 if r <= 1 else 11 - r)


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def card_brand(digits: str) -> str | None:
    """The card network of a number by its issuer prefix and length, or None."""
    n = len(digits)
    if digits[0] == "4" and n in (13, 16, 19):
        return "Visa"
    two, four = int(digits[:2]), int(digits[:4])
    if (51 <= two <= 55 or 2221 <= four <= 2720) and n == 16:
        return "Mastercard"
    if two in (34, 37) and n == 15:
        return "American Express"
    if 3528 <= four <= 3589 and 16 <= n <= 19:
        return "JCB"
    if (300 <= int(digits[:3]) <= 305 or two in (36, 38, 39)) and 14 <= n <= 19:
        return "Diners Club"
    if (digits.startswith("6011") or two == 65 or 644 <= int(digits[:3]) <= 649) and 16 <= n <= 19:
        return "Discover"
    if two == 62 and 16 <= n <= 19:
        return "UnionPay"
    return None


_CARD_SEP = regex.compile(r"[ \-]")


def card_grouping_ok(text: str) -> bool:
    """Grouped numbers must be grouped as cards are printed: 4-4-4-4(-3), 4-6-5 or 4-6-4."""
    groups = [len(g) for g in _CARD_SEP.split(text)]
    if len(groups) == 1:
        return True
    return groups in ([4, 4, 4, 4], [4, 4, 4, 4, 3], [4, 6, 5], [4, 6, 4])
