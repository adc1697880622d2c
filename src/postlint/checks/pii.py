"""Personal data (guideline 4.3, 5.8): a private person's phone number, e-mail address, マイナンバー,
payment-card number, name, residential address or birth date — and not the office's own contact data.

Each checker reads the document once and starts with a cheap test (a pattern that must occur) so a
draft without digits, ``@`` or person names costs almost nothing; a checker with nothing to judge
returns ``()`` and the engine collects nothing. The number checks (telephone, マイナンバー, cards)
share one layer per document (``pii_context.numbers``: the digit view and whether a chain of nine
digits is there, which every full number needs, and one of twelve, which マイナンバー and cards need). Person names are found in one pass over the
tokens and shared by the checks of the same draft (``pii_names.names`` is cached per document).
Every match carries ``kind`` (which personal data it is) for the message and, for children's and
health data, ``approval = "consultation"`` (see ``postlint.approval``).
"""

from __future__ import annotations

from functools import lru_cache

from ..lazyregex import regex  # patterns compile on first use, not at import
from ..matchers import Match
from ..text.entities import EntityKind
from . import pii_address, pii_birth, pii_ids, pii_phone
from .pii_context import AGE_BRACKET, block_window, numbers, sensitive_around, window
from .pii_names import names, near_private_name
from .registry import checker

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

CONSULT = "consultation"


def _officials(ctx) -> tuple[str, ...]:
    return tuple(ctx.config.organization.officials)


def _raise(severity: str) -> str:
    return {"info": "warning", "warning": "error"}.get(severity, "error")


# -- telephone numbers ----------------------------------------------------------------------------

# An office, a venue or a business next to a number: its contact number, not a person's. Read for
# whether it occurs (never for its span): 課, 室, 係 and 局 after a kanji or katakana (農林水産政策課)
# are written with the word first and that character in a look-behind, so the engine looks for the
# words alone; a match starting one character earlier (at the kanji) is found exactly when one
# starting at the word is.
OFFICE = regex.compile(
    r"課(?<=[\p{Han}\p{Katakana}ー]課)(?!長|題|程|税|金)"
    r"|室(?<=[\p{Han}\p{Katakana}ー]室)(?<![教和洋寝浴病居個控]室)(?!長|内|外|温)"
    r"|係(?<=[\p{Han}\p{Katakana}ー]係)(?!長|る|わ|り)|局(?<=[\p{Han}\p{Katakana}ー]局)(?!長|面)"
    r"|センター|委員会|事務局|事務所|役場|役所|県庁|市庁|庁舎|本部|支所|出張所|窓口|協会|組合|財団|公社|機構|"
    r"法人|株式会社|有限会社|合同会社|\((?:株|有|財|社)\)|会社(?!員)|(?<![教和洋寝浴病居])館|保健所|警察署|消防署|"
    r"病院|診療所|医院|クリニック|薬局|学校|大学|幼稚園|保育園|保育所|こども園|ホール|プラザ|ホテル|旅館|"
    r"(?<!\p{Han})店|支店|本店|営業所|事業所|研究所|試験場|案内所|公園"
)
# Words that make a number a person's own: 自宅, 携帯 (私用), 本人 …
PERSONAL_PHONE = regex.compile(
    r"(?:自宅|実家|個人|私用|本人|ご家族)(?:の)?\s*(?:電話|携帯|TEL|FAX|ファクス|ファックス|連絡先)?\s*(?:番号)?\s*(?:[:：]|は|が|を)?\s*[(（]?\s*\Z"
)
# A fax label right before a number (ファクス045-…, FAX:050-…, 電話・ファクス): a fax line, which is
# an office's or a service's. Paired with a telephone number before it in the same contact block
# (電話0120-… ファクス050-…) it is the contact line of an office: not reported; a fax number alone
# is information at most, an IP (050) number included.
FAX_LABEL = regex.compile(r"(?:ファクス|ファックス|ファクシミリ|FAX|Fax|fax)(?:番号)?\s*[:：.]?\s*\Z")
PHONE_BEFORE_FAX = regex.compile(r"(?:電話|TEL|Tel|tel|☎)(?:番号)?\s*[:：.]?\s*[(（]?\d[\d\-‐‑‒–—―−ー() ]{5,16}\d")
# A facility's number in brackets after its name, with a telephone word: 〇〇いこいの里(八潮いこいの里内、
# 電話048-…), 〇〇ホーム（電話 045-…）. The name before the bracket is the facility (no private
# name there: that is checked first; a label such as 連絡先 or 担当 is no facility); what stands
# inside before the number is at most a location (〇〇内、〇〇併設、). Fixed lines only.
FACILITY_BRACKET = regex.compile(
    r"[\p{Han}\p{Katakana}\p{Hiragana}ー々A-Za-z]{2,}[\p{Han}\p{Katakana}ー々A-Za-z]"
    r"(?<!連絡先|問合せ先?|問い合わせ先?|申込先?|申込み先?|申し込み先?|受付|担当|担当者|予約|相談)[(（]"
    r"(?P<inside>[\p{Han}\p{Katakana}\p{Hiragana}ー々0-9A-Za-z]{1,24}(?:内|併設|隣接?|構内|敷地内)\s?[、,]\s?)?"
    r"(?:電話|TEL|Tel|tel|☎)(?:番号)?\s*[:：]?\s*\Z"
)
# A telephone number in a link: tel:090…, ?tel=090…, &phone=…
URL_PHONE = regex.compile(r"(?:\Atel:|[?&;](?:tel|phone|mobile|keitai|denwa|tel_?no|phone_?number)=)(?P<num>[0-9+()\-.%]{9,24})", regex.IGNORECASE)
_KIND_PHONE = {"mobile": "携帯電話番号", "pager": "携帯電話番号", "personal_number": "携帯電話番号", "voip": "IP電話番号"}


@lru_cache(maxsize=32)
def _own_numbers(phones: tuple[str, ...]) -> frozenset[str]:
    return frozenset(pii_phone.digits_of(p) for p in phones)


def _phone_kind(p: pii_phone.PhoneNumber) -> str:
    return _KIND_PHONE.get(p.type, "電話番号")


@checker("PD001")
def phone_number(doc, ctx) -> Iterable[Match]:
    """Telephone numbers that may be a private person's; the office's own and toll-free numbers are not."""
    urls = doc.urls
    linked = [u for u in urls if _may_hold_phone(u.text)] if urls else ()
    layer = numbers(doc)
    found = pii_phone.find(doc.prose, layer) if layer is not None else []
    if not linked and not found:
        return ()  # nothing to judge: no generator, no findings to collect
    return _phone_numbers(doc, ctx, linked, found)


def _phone_numbers(doc, ctx, linked, found) -> Iterable[Match]:
    text = doc.prose
    own = _own_numbers(tuple(ctx.config.organization.phones))
    if linked:
        yield from _phones_in_links(linked, own)
    org_name = ctx.config.organization.name
    officials = _officials(ctx)
    for p in found:
        if p.is_business or p.digits in own:
            continue
        before, after = block_window(text, p.start, p.end, 60, 25)
        if pii_ids.OTHER_NUMBER_LABEL.search(before[-16:]):
            continue  # 注文番号 012-345-6789
        person = near_private_name(doc, officials, p.start, p.end)
        kind = _phone_kind(p)
        head = before[-60:]
        facility = None if p.is_mobile or p.type == "voip" or not _may_be_facility_bracket(head) else FACILITY_BRACKET.search(head)
        if facility is not None and person is not None and facility.group("inside"):
            # a name read inside the location words (八潮いこいの里内 → 里内) is no person next to the number
            lo, hi = (p.start - len(head) + x for x in facility.span("inside"))
            if lo <= person.start and person.end <= hi and not (person.marked or person.full):
                person = None
        if person is not None:
            severity = "error" if p.is_mobile else "warning"
            yield Match(p.start, p.end, mask="phone", severity=severity, params={"kind": kind, "reason": "個人の氏名のすぐ近くにあります"})
            continue
        if PERSONAL_PHONE.search(before[-14:]):
            yield Match(p.start, p.end, mask="phone", severity="warning", params={"kind": kind, "reason": "自宅・個人の番号と書かれています"})
            continue
        if facility is not None:
            continue  # the facility's number: 〇〇の里（電話048-…）
        fax = FAX_LABEL.search(before[-16:]) is not None and not p.is_mobile
        if fax and PHONE_BEFORE_FAX.search(before[-40:]):
            continue  # 電話0120-… ファクス050-…: an office's or a service's contact line
        if OFFICE.search(before) or OFFICE.search(after) or (org_name and org_name in before):
            if p.is_mobile:  # an office's contact point is never a mobile phone: a person's own
                yield Match(p.start, p.end, mask="phone", severity="warning", params={"kind": kind, "reason": "携帯電話番号は所属・施設の問い合わせ先ではなく、担当者個人の番号と思われます"})
            continue  # an office's contact block: 〇〇課 TEL 088-…
        if p.is_mobile or (p.type == "voip" and not fax):
            yield Match(p.start, p.end, mask="phone", severity="warning", params={"kind": kind, "reason": "組織の番号であることが確認できません"})
        else:
            yield Match(p.start, p.end, mask="phone", severity="info", params={"kind": kind, "reason": "組織の番号であることが確認できません"})


def _may_be_facility_bracket(head: str) -> bool:
    """False when ``FACILITY_BRACKET`` cannot match in ``head``: it needs a bracket and a telephone
    word (the pattern reads each character of a long run of kanji as a possible start: tens of µs)."""
    return ("(" in head or "（" in head) and ("電話" in head or "TEL" in head or "Tel" in head or "tel" in head or "☎" in head)


def _may_hold_phone(url: str) -> bool:
    """False when ``URL_PHONE`` cannot match: it needs "=" or, at the start, "tel:" (case-blind:
    what it takes for one of these letters folds to that letter)."""
    return "=" in url or url[:4].casefold() == "tel:"


def _phones_in_links(urls, own: frozenset[str]) -> Iterable[Match]:
    """Numbers in a link (tel:, ?tel=): a mobile number is a warning, any other number information."""
    for u in urls:
        m = URL_PHONE.search(u.text)
        if not m:
            continue
        found = pii_phone.validate(m.group("num").replace("%2B", "+").replace("%2b", "+"))
        if found is None:
            continue
        p = pii_phone.PhoneNumber(u.start + m.start("num"), u.start + m.end("num"), *found)
        if p.is_business or p.digits in own:
            continue
        severity = "warning" if p.is_mobile or p.type == "voip" else "info"
        yield Match(p.start, p.end, mask="phone", severity=severity, params={"kind": _phone_kind(p), "reason": "リンクの中に書かれた番号です"})


# -- e-mail addresses -----------------------------------------------------------------------------

# The label of a contact line: what follows is where readers write to (an organizer's mailbox).
_INQUIRY = regex.compile(r"(?:お?問い?合わ?せ|連絡先|申し?込み?先?|申込)(?:先)?\s*[:：]")
ROLE_MAILBOX = regex.compile(
    r"\A(?:.*[._\-])?(?:info|information|contact|support|office|admin|webmaster|postmaster|inquiry|inquiries|"
    r"toiawase|otoiawase|soudan|sodan|koho|kouhou|press|pr|jimukyoku|desk|center|service|sales|event|events|"
    r"recruit|saiyo|saiyou|uketsuke|madoguchi|help|helpdesk|customer|noreply|no-reply|news|secretariat|"
    r"mail|staff|team|kikaku|soumu|somu|jinji|kyoiku|yoyaku|entry|apply|moshikomi)(?:[._\-].*|\d*)\Z",
    regex.IGNORECASE,
)
PUBLIC_SUFFIXES = ("lg.jp", "go.jp")
# Endings of file names that look like addresses (icon@2x.png); none is a top-level domain in use.
FILE_EXTENSIONS = frozenset(("png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "tif", "tiff", "heic", "pdf", "txt", "csv", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "html", "htm", "css", "js", "json", "mp4", "mp3"))  # local and national government: public bodies' mailboxes


@lru_cache(maxsize=1)
def _consumer_domains() -> dict[str, str]:
    from ..catalog import load_dictionary

    return {d.lower(): label for d, label in load_dictionary("personal-mail-domains.txt")}


# An address written so that it is not a link: taro(at)example.com, taro あっと example。com,
# taro%40example.com, taro&#64;example.com, taro @ example [dot] com. The plain form is an entity.
_AT = (
    r"(?:\s{0,2}(?:[(\[{<（［【]\s?(?:at|アット|あっと)\s?[)\]}>）］】]|@|あっと|アット|%40|&\#0*64;|&\#x0*40;|&commat;)\s{0,2})"
)
_DOT = r"(?:\.|。|\s?[(\[{<（［【]\s?(?:dot|ドット)\s?[)\]}>）］】]\s?|\s?ドット\s?)"
OBFUSCATED_EMAIL = regex.compile(
    r"(?<![A-Za-z0-9._%+\-])(?P<local>[A-Za-z0-9][A-Za-z0-9._+\-]{0,63})" + _AT
    + r"(?P<domain>[A-Za-z0-9][A-Za-z0-9\-]{0,62}(?:" + _DOT + r"[A-Za-z0-9][A-Za-z0-9\-]{0,62}){0,4}" + _DOT + r"[A-Za-z]{2,24})"
    r"(?![A-Za-z0-9\-])",
    regex.IGNORECASE | regex.V1,
)
_OBFUSCATION_HINT = regex.compile(r"(?i)\bat\b|あっと|アット|%40|&\#|&commat;|\s@|@\s|@[^\s]*。|dot|ドット")
_DOTS = regex.compile(_DOT, regex.IGNORECASE)


_FOLDS_TO_T = "tTẗﬅﬆ"  # every character whose case folding holds "t" (a test checks the list)


def _may_be_obfuscated(text: str) -> bool:
    """``_OBFUSCATION_HINT.search(text)``, cheaper: every form of the hint holds a sign or a kana word
    as written (@, %40, &, あっと, アット, ドット), or "at" / "dot" in the case-folded text (every
    letter the case-blind pattern takes for an ASCII one folds to it)."""
    if not ("@" in text or "%40" in text or "&" in text or "あっと" in text or "アット" in text or "ドット" in text):
        # "at" and "dot" hold a "t": without a character whose case folding holds one (``_FOLDS_TO_T``),
        # no need to fold the text
        if not any(map(text.__contains__, _FOLDS_TO_T)):
            return False
        folded = text.casefold()
        if "at" not in folded and "dot" not in folded:
            return False
    return _OBFUSCATION_HINT.search(text) is not None


def _obfuscated_emails(doc) -> list[tuple[int, int, str]]:
    """(start, end, address) of addresses written in a disguised form, in normalized offsets."""
    text = doc.normalized
    if not _may_be_obfuscated(text):
        return []
    plain = doc.entities_of(EntityKind.EMAIL)
    out = []
    for m in OBFUSCATED_EMAIL.finditer(text):
        if any(e.start <= m.start() and m.end() <= e.end for e in plain):
            continue
        domain = _DOTS.sub(".", m.group("domain"))
        out.append((m.start(), m.end(), f"{m.group('local')}@{domain}".lower()))
    return out


@checker("PD002")
def email_address(doc, ctx) -> Iterable[Match]:
    """E-mail addresses of consumer, carrier or ISP mailboxes (a person's), or of unknown domains;
    written plainly or disguised (taro(at)example.com, taro あっと example。com)."""
    plain = doc.entities_of(EntityKind.EMAIL)
    disguised = _obfuscated_emails(doc)
    if not plain and not disguised:
        return ()  # the common case: no list built
    found = [(e.start, e.end, e.text.lower(), False) for e in plain]
    found += [(s, e, a, True) for s, e, a in disguised]
    from ..text.domains import host_in

    return _email_addresses(doc, ctx, found, host_in)


def _email_addresses(doc, ctx, found, host_in) -> Iterable[Match]:
    org = ctx.config.organization
    own_addresses = {m for m in org.mailboxes if "@" in m}
    own_domains = [*org.domains, *(m for m in org.mailboxes if "@" not in m)]
    consumer = _consumer_domains()
    officials = _officials(ctx)
    for start, end, address, disguised in sorted(found):
        local, _, domain = address.rpartition("@")
        if domain.rpartition(".")[2] in FILE_EXTENSIONS:
            continue  # icon@2x.png: a file name, not an address
        if address in own_addresses or host_in(domain, own_domains) or host_in(domain, org.trusted_domains):
            continue
        if host_in(domain, PUBLIC_SUFFIXES):
            continue
        label = next((consumer[d] for d in _suffixes(domain) if d in consumer), None)
        person = near_private_name(doc, officials, start, end)
        if label:
            reason = {"携帯電話": "携帯電話会社のメールアドレスです", "プロバイダ": "プロバイダの個人向けメールアドレスです"}.get(
                label, "個人向けのフリーメールのアドレスです"
            )
            yield Match(start, end, mask="email", severity="error" if person else "warning", params={"kind": "メールアドレス", "reason": reason})
            continue
        if person is not None:
            yield Match(start, end, mask="email", severity="warning", params={"kind": "メールアドレス", "reason": "個人の氏名のすぐ近くにあります"})
            continue
        if ROLE_MAILBOX.match(local):
            continue  # info@, toiawase@ …: an organization's mailbox
        before, after = block_window(doc.prose, start, end, 60, 25)
        # an office next to it, or a contact line (問合せ：〇〇の会 …) giving a mailbox of its own domain
        if OFFICE.search(before) or OFFICE.search(after) or _INQUIRY.search(before):
            yield Match(start, end, mask="email", severity="info", params={"kind": "メールアドレス", "reason": "組織のアドレスか担当者個人のアドレスか確認できません"})
        elif disguised:
            yield Match(start, end, mask="email", severity="warning", params={"kind": "メールアドレス", "reason": "表記を変えて書かれたアドレスで、組織のドメインであることが確認できません"})
        else:
            yield Match(start, end, mask="email", severity="warning", params={"kind": "メールアドレス", "reason": "組織のドメインであることが確認できません"})


def _suffixes(domain: str) -> Iterable[str]:
    labels = domain.split(".")
    for i in range(len(labels) - 1):
        yield ".".join(labels[i:])


# -- マイナンバー and payment cards ------------------------------------------------------------------


@checker("PD003")
def my_number(doc, ctx) -> Iterable[Match]:
    """12-digit numbers with a valid 個人番号 check digit, and 12-digit numbers next to マイナンバー / 個人番号."""
    layer = numbers(doc)
    if layer is None or not layer.twelve:
        return ()  # every My Number, grouped or not, is a chain of twelve digits
    return _my_numbers(doc, layer.view)


def _my_numbers(doc, text: str) -> Iterable[Match]:
    """My Numbers in ``text``, the digit view of the prose (一二三四…: same offsets, ASCII digits)."""
    grouped = [(m, True) for m in pii_ids.MY_NUMBER_GROUPED.finditer(text)] if pii_ids.MY_NUMBER_WORDS.search(text) else []
    for m, odd_grouping in sorted([(m, False) for m in pii_ids.MY_NUMBER.finditer(text)] + grouped, key=lambda x: x[0].start()):
        digits = "".join(c for c in m.group() if c.isdigit())
        valid = pii_ids.my_number_valid(digits)
        before, after = window(doc, m.start(), m.end(), 30, 30)
        context = bool(pii_ids.MY_NUMBER_WORDS.search(before) or pii_ids.MY_NUMBER_WORDS.search(after))
        if not context and (odd_grouping or not valid or pii_ids.OTHER_NUMBER_LABEL.search(before[-16:])):
            continue
        if valid:
            reason = "検査用数字（チェックデジット）が一致する12桁の番号です"
            severity = "error" if context else "warning"
        else:
            reason = "検査用数字は一致しませんが、マイナンバー・個人番号の語の近くにある12桁の番号です"
            severity = "warning"
        yield Match(m.start(), m.end(), mask="number", severity=severity, params={"kind": "個人番号（マイナンバー）", "reason": reason})


@checker("PD007")
def credit_card(doc, ctx) -> Iterable[Match]:
    """Payment-card numbers: an issuer prefix, a card length and a valid Luhn check digit."""
    layer = numbers(doc)
    if layer is None or not layer.twelve:
        return ()  # a card number is a chain of thirteen digits and more (in the digit view too)
    return _cards(doc.prose)


def _cards(text: str) -> Iterable[Match]:
    for m in pii_ids.CARD.finditer(text):
        raw = m.group()
        digits = "".join(c for c in raw if c.isdigit())
        if len(digits) < 13:  # regex knows digits of newer Unicode versions that str.isdigit() does not
            continue
        brand = pii_ids.card_brand(digits)
        if brand and pii_ids.luhn_valid(digits) and pii_ids.card_grouping_ok(raw):
            yield Match(m.start(), m.end(), mask="number", params={"kind": "クレジットカード番号", "brand": brand})


# -- names, addresses, birth dates ----------------------------------------------------------------


@checker("PD004")
def person_name(doc, ctx) -> Iterable[Match]:
    """Private persons' names: a name with an honorific or a private role (warning), a full name alone
    (info); age, school grade, residence or health words around raise the severity. A name alone is
    raised only by an age or grade written right after it (山田 花子（105歳）): biographies and news
    name people with their age and home town too. A public figure (歌手の, 作家の, an encyclopedic
    sentence, historic dates, the public-figure lists) is at most info."""
    org = ctx.config.organization
    found = names(doc, tuple(org.officials), tuple(org.public_figures))
    if not found:
        return ()
    return _person_names(doc, found)


def _person_names(doc, found) -> Iterable[Match]:
    for n in found:
        if n.official or not (n.marked or n.full or n.honorific):
            continue
        params = {"kind": "個人の氏名", "detail": ""}
        if n.public:
            params["kind"] = "氏名"
            params["detail"] = _PUBLIC_DETAIL[n.public]
            yield Match(n.start, n.end, mask="name", severity="info", params=params)
            continue
        severity = "warning" if n.marked else "info"
        sens = sensitive_around(doc, n.start, n.end_with_honorific)
        attached = n.marked or bool(AGE_BRACKET.match(doc.prose[n.end_with_honorific : n.end_with_honorific + 16]))
        if sens.special_care and attached:
            severity = "error" if n.marked else "warning"
            params["approval"] = CONSULT
        elif sens.any and attached:
            severity = _raise(severity)
        if sens.any:
            params["detail"] = f"（{sens.describe()}に関する情報と一緒に書かれています）"
        yield Match(n.start, n.end, mask="name", severity=severity, params=params)


_PUBLIC_DETAIL = {
    "role": "（職業・肩書から著名人と見られるため参考）",
    "bio": "（人物紹介の文から著名人と見られるため参考）",
    "historic": "（歴史上の人物と見られるため参考）",
    "character": "（作品の登場人物か出演者と見られるため参考）",
    "known": "（辞書に載る著名人の氏名のため参考）",
    "list": "（公人・著名人の一覧にある氏名のため参考）",
}


@checker("PD005")
def residential_address(doc, ctx) -> Iterable[Match]:
    """Street addresses said to be where a person lives (在住, お住まい, 〇〇様方, 〇〇宅 …)."""
    found = pii_address.find(doc, _officials(ctx))
    if not found:
        return ()
    return [Match(start, end, mask="address", params={"kind": "住所", "reason": _ADDRESS_REASONS[cue]}) for start, end, cue in found]


_ADDRESS_REASONS = {"在住": "住んでいる場所として書かれています", "住所": "自宅・現住所として書かれています",
                    "宅": "個人宅の住所として書かれています", "氏名": "個人の氏名と一緒に書かれています"}  # fmt: skip


@checker("PD006")
def birth_date(doc, ctx) -> Iterable[Match]:
    """Birth dates (和暦・西暦); not event dates and not eligibility ranges (〇〇以降生まれの方)."""
    births = pii_birth.find(doc.prose)
    if not births:
        return ()
    return _birth_dates(births)


def _birth_dates(births) -> Iterable[Match]:
    import datetime  # here: only a draft with a birth date needs today's date

    this_year = datetime.date.today().year
    for b in births:
        params = {"kind": "生年月日", "detail": ""}
        severity = "info" if b.granularity == "year" else "warning"
        if b.year is not None and this_year - 18 < b.year <= this_year:
            severity = "error"
            params["detail"] = "（子どもの生年月日です）"
            params["approval"] = CONSULT
        yield Match(b.start, b.end, mask="date", severity=severity, params=params)
