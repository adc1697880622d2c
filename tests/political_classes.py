"""Generated classes of political drafts: what an official account must not post (parties x request
forms, issues x hedges, candidates x casual requests, religions x invitations) and the neutral notices
it posts every day (election-commission notices, council reports, foreign news, tourism).

Every text is built from the tables below, so a class is checked as a whole rather than one string.
Used by tests/test_political_classes.py and by tools/measure_political.py (figure 4).
"""

from __future__ import annotations

from itertools import product

PARTIES = ["自民党", "立憲民主党", "立憲", "立民", "維新", "公明党", "共産党", "国民民主党", "れいわ新選組", "参政党", "LDP", "自 民 党"]
UNNAMED = ["与党", "野党", "現職", "〇〇候補", "〇〇党の候補"]
ISSUES = ["増税", "憲法改正", "改憲", "原発の再稼働", "選択的夫婦別姓", "消費税増税", "原発"]
# an opinion, said plainly or hedged
OPINIONS = ["{issue}に賛成です。", "{issue}に反対です。", "{issue}に賛成だと思います。", "{issue}に反対と考えています。",
            "{issue}には反対だと感じます。", "{issue}は進めるべきだ。", "{issue}は実現すべきだと思います。",
            "{issue}はすべきではない。", "{issue}に賛成の方は拡散を！", "{issue}に断固反対！"]
# a request to vote for or support a party or candidate, casual or formal
REQUESTS = ["{who}に投票して！", "{who}に投票しましょう。", "{who}に一票を！", "{who}を応援してね！", "{who}を支持します。",
            "{who}に清き一票をお願いします。", "{who}を応援しましょう！"]
PARTY_ONLY = ["比例は{who}へ！", "{who}の公約は素晴らしいと思います。", "{who}は許せない。"]
CANDIDATE = [
    "〇〇さんの当選を祈っています。",
    "〇〇さん、当選おめでとう！",
    "山田さん、当選おめでとうございます。",
    "初当選された〇〇氏にお祝い申し上げます。",
    "投票用紙には『〇〇』と書いてください。",
    "〇〇さんが立候補しました。ぜひ一票を！",
    "〇〇候補が出馬します。応援よろしくお願いします！",
    "市長選挙が告示されました。〇〇さんに投票して！",
]
RELIGION = ["ぜひ〇〇宗に参加を！", "〇〇教会の礼拝に来てください。", "キリスト教を信じましょう。", "あなたも入信しませんか？",
            "〇〇教の集会にぜひお越しください。", "神様を信じましょう。"]

# neutral: an election commission, a council, foreign news, policy information, tourism, draws
NEUTRAL_TEMPLATES = [
    "県議会で{party}の会派が提出した意見書が可決されました。",
    "{party}県連から要望書を受け取りました。",
    "知事が{party}の代表団と意見交換を行いました。",
]
NEUTRAL_ISSUE = [
    "{issue}に関する説明会を開催します。",
    "{issue}について県民アンケートを実施します。賛成・反対のご意見をお寄せください。",
    "{issue}に賛成ですか、反対ですか。",
    "県民の6割が{issue}に賛成だと考えています（県民意識調査）。",
]
NEUTRAL = [
    "7月20日（日）は参議院議員通常選挙の投票日です。投票時間は午前7時から午後8時までです。",
    "投票日は7月20日です。",
    "期日前投票は7月4日から19日まで、県庁1階の期日前投票所で行えます。",
    "開票速報は県選挙管理委員会のホームページでお知らせします。",
    "開票結果は午後9時から順次公表します。",
    "選挙に行こう！あなたの一票が未来をつくります。",
    "候補者の公約をよく読んで、投票に行きましょう。",
    "〇〇氏が立候補を表明しました。投票に行きましょう。",
    "比例代表は政党名を書いて投票します。",
    "投票用紙には候補者の氏名を書いてください。",
    "市長選挙の結果、〇〇氏が当選しました。",
    "プレゼントキャンペーンの当選者の皆様、おめでとうございます！",
    "抽選で当選された〇〇様、おめでとうございます！",
    "すだちくんに投票してください！ゆるキャラグランプリ開催中です。",
    "米国のバイデン大統領（民主党）が来日しました。",
    "英国の労働党の党首が来県しました。",
    "徳島ヴォルティスを応援しましょう！",
    "地域の課題に取り組むべきだと思います。",
    "〇〇神社の秋祭りで神輿が練り歩きます。ぜひお越しください。",
    "〇〇寺の紅葉が見頃です。ぜひお越しください。",
    "宗教法人の手続きは窓口にお越しください。",
    "宗教の勧誘にご注意ください。",
    "明治維新150年記念事業のお知らせ",
    "国民の皆様へのお知らせです。",
    "合格を祈っています。",
    "〇〇さん、合格おめでとう！",
    "維新の志士ゆかりの地を巡るツアーを開催します。",
    "国民の代表として選ばれた議員が集まります。",
    "子どもたちの挑戦を応援して！",
    "健康づくりを応援してね！",
    "本会議では、賛成の方は起立をお願いします。",
    "抽選会での当選を祈っています！",
    "信教の自由について学ぶ講座に参加しませんか。",
    "お寺で座禅体験に参加しませんか。",
    "教会のコンサートにぜひお越しください。",
    "消費税率は10%です。",
    "秋の例大祭では神輿が町内を巡ります。ご家族でお出かけください。",
    "〇〇八幡宮の秋祭りに、ぜひ足をお運びください。",
    "除夜の鐘をつきに、お寺へお越しください。",
    "自分の可能性を信じましょう。",
    "公明党県本部から要望書を受け取りました。今後ともご支援をお願いします。",
    "消費税の引き上げ中止を求める意見書が提出されました。",
    "原発の再稼働について、国に慎重な判断を求める意見書を可決しました。",
    "増税は避けるべきだという意見が多く寄せられました。",
    "選択的夫婦別姓の導入を求める請願が採択されました。",
    "請願を不採択にすべきという委員会の報告がありました。",
]


def positives() -> list[str]:
    out = [o.format(issue=i) for o, i in product(OPINIONS, ISSUES)]
    out += [r.format(who=w) for r, w in product(REQUESTS, PARTIES + UNNAMED)]
    out += [r.format(who=w) for r, w in product(PARTY_ONLY, PARTIES)]
    return out + CANDIDATE + RELIGION


def negatives() -> list[str]:
    out = [t.format(party=p) for t, p in product(NEUTRAL_TEMPLATES, PARTIES)]
    out += [t.format(issue=i) for t, i in product(NEUTRAL_ISSUE, ISSUES)]
    return out + NEUTRAL


def raised(linter, text: str) -> bool:
    """Whether the draft gets a political finding of warning or error."""
    return any(f.category == "political" and f.severity.value in ("warning", "error") for f in linter.lint_text(text).findings)


def measure(linter) -> dict:
    pos, neg = positives(), negatives()
    found = [t for t in pos if raised(linter, t)]
    false = [t for t in neg if raised(linter, t)]
    return {
        "positives": pos,
        "negatives": neg,
        "found": found,
        "missed": [t for t in pos if t not in found],
        "false_alarms": false,
        "recall": len(found) / len(pos),
        "precision": len(found) / max(1, len(found) + len(false)),
    }
