"""The political lexicon: the dictionary indexes (parties, councillors, contested issues, stance
words), loaded once per process on first use, and the small closed word classes of the grammar.

Lookups are one table or one phrase index each (``PhraseIndex`` of the phrase matcher), so the cost
per token does not grow with the dictionaries.
"""

from __future__ import annotations

from functools import lru_cache

from ...lazyregex import re  # the standard library's re; patterns compile on first use

# --------------------------------------------------------------------------------------------
# dictionaries (loaded once per process, on first use)


@lru_cache(maxsize=None)
def party_index():
    from ...catalog import load_dictionary
    from ...matchers.phrase import PhraseIndex

    return PhraseIndex(list(load_dictionary("political-parties.txt")), ["surface"])


@lru_cache(maxsize=None)
def party_finder():
    """``party_index()`` with every form tokenized, for the analysis that looks for parties.

    The party forms are few (about a hundred) and about one draft in eight holds one: they are
    tokenized once per process, for the first draft whose analysis asks (a draft without a party
    form or a stance word never does), rather than looked for in the prose of every such draft to
    tokenize the ones it holds. A surface-only phrase matches as a token sequence only where it is
    written, so what ``find`` returns is the same either way."""
    index = party_index()
    index.tokenize_all()
    return index


@lru_cache(maxsize=None)
def councillor_index():
    from ...catalog import load_dictionary
    from ...matchers.phrase import PhraseIndex

    return PhraseIndex(list(load_dictionary("political-councillors.txt")), ["surface"])


@lru_cache(maxsize=None)
def issue_index():
    from ...catalog import load_dictionary
    from ...matchers.phrase import PhraseIndex

    return PhraseIndex(list(load_dictionary("political-issues.txt")), ["surface", "normalized", "dictionary"])


@lru_cache(maxsize=None)
def stance_table() -> dict[str, str]:
    from ...catalog import load_dictionary

    return {word: role for word, role in load_dictionary("political-stance.txt")}


@lru_cache(maxsize=None)
def stance_words() -> frozenset[str]:
    return frozenset(stance_table())


# --------------------------------------------------------------------------------------------
# small closed word classes of the grammar (not dictionaries)

# what may follow a short party form (立憲, 維新 …) to make it a party
PARTY_SUFFIX = frozenset(
    "党 両党 党首 党員 党内 幹事長 政調会長 国対委員長 共同代表 代表 会派 公認 推薦 所属 陣営 支持者 支持層 系 候補 "
    "議員 衆院議員 参院議員 衆議院議員 参議院議員 県議 市議 府議 都議 町議 村議 区議 政権".split()
)
# … and to make a weak form (国民, 民主, 保守, みらい) a party: 国民代表, 保守系, 保守政権 are not parties
WEAK_SUFFIX = frozenset("党 両党 党首 党員 幹事長 政調会長 国対委員長 共同代表 会派 公認".split())
GENERIC_PARTY_NOT = frozenset("政権 少数 多数 与 野 第 一 単独 自 他 同 各 両 全".split())
# words that make a generic 〇〇党 a party: the sentence is about politics
POLITICAL_CONTEXT = frozenset(
    "選挙 議員 議会 国会 政権 政府 政党 与党 野党 連立 党首 総裁 委員長 書記長 代表 議席 入党 離党 結党 党員 党大会 "
    "公認 推薦 候補 立候補 当選 落選 首相 大統領 政治 政策 党内 結成 政治家 議長 幹事長 総統 副総裁 主席 書記 総書記".split()
)
LIST_SEPARATORS = frozenset("、 ・ , ， / と や".split())
# a list of parties closed by a count: 自民、公明の両党 / 立憲、国民、維新の3党 / 各党
LIST_CLOSERS = frozenset("両党 各党 党 会派 野党 与党".split())

# nouns that make a noun phrase a candidate, a party or a politician
POLITICAL_NOUNS = frozenset(
    "候補 候補者 立候補者 立候補予定者 政党 陣営 会派 政治家 議員 代議士 市議 県議 府議 都議 町議 村議 区議 "
    "市長 知事 町長 村長 区長 首長 首相 総理 総理大臣 大臣 党首 与党 野党 現職 与野党".split()
)
# nouns after 〇〇の that make a short party form a party: 立憲の公約, 維新の候補, れいわの山本代表
# (維新の志士, 共産の理想 are not)
PARTY_HEAD_AFTER_NO = POLITICAL_NOUNS | frozenset(
    "公約 政策 主張 方針 マニフェスト 代表 党首 幹事長 議席 会派 支持者 支持層 政権 候補 推薦 公認 街頭演説 演説 法案 "
    "議員団 公約集 政見".split()
)
# verbs that hedge an opinion (〜だと思います, 〜と考えています): the opinion is still the office's
HEDGE_VERBS = frozenset("思う 考える 感じる 信じる 確信 存じる 思える".split())
HONORIFICS = frozenset("さん 氏 様 さま 殿 先生".split())
PRONOUNS = frozenset("彼 彼女 あの人 あの方".split())
AUDIENCE = frozenset("皆 皆さん 皆様 皆さま みなさん みなさま みんな 市民 県民 町民 村民 区民 住民 有権者 皆皆".split())
# subjects that are the office itself: 私たちは〜に反対です is the office's view
FIRST_PERSON = frozenset("私 私たち わたし わたしたち 我々 われわれ 僕 僕ら 当課 当室 当局 本県 当県 本市 当市 本町 当町 本村 当村 弊課".split())
PLACEHOLDER = re.compile(r"^[〇○◯●×△□◇]+$")

# words that show the draft is about an election (for the person a support word is about); not 当選
# (prize draws), 公認 (公認キャラクター), 公示 (procurement notices), 比例 (proportional)
ELECTION_WORDS = frozenset(
    "選挙 立候補 候補 候補者 出馬 投票日 期日前投票 得票 議席 公約 マニフェスト 落選 選挙区 "
    "総選挙 選挙戦 選挙運動 再選 初当選 擁立".split()
)
# … and for a congratulation on a win (〇〇町長、当選おめでとうございます)
# (matched on the text: Sudachi splits 〇〇町長 into 〇〇 / 町 / 長)
OFFICE = re.compile(r"市長|知事|町長|村長|区長|首長|議員|市議|県議|府議|都議|町議|村議|区議|首相|総理|大臣|党首")
ELECTION_SURFACE = re.compile(r"選挙|(?:長|事|院|議|区|市|県|町|村)選$")
# words that show a popularity vote or contest rather than an election (すだちくんに投票してください)
CONTEST_WORDS = frozenset(
    "コンテスト グランプリ コンクール 人気投票 ランキング キャラ キャラクター ゆるキャラ 大賞 作品 エントリー 審査 "
    "アワード フォトコンテスト 選手権".split()
)
# prize draws: 抽選で当選された方 is not an election
LOTTERY_WORDS = frozenset("抽選 プレゼント 応募 キャンペーン 賞品 景品 くじ 宝くじ 懸賞 モニター 当せん".split())
WIN_WORDS = frozenset("当選 再選 初当選 三選 四選 五選 連続当選 返り咲き".split())
ELECTORAL_WIN_WORDS = WIN_WORDS - {"当選"}
CONGRATULATION = frozenset("おめでとう 御目出度う お祝い 御祝い 祝い 祝う 祝する 祝福 祝意 祝 慶賀 慶祝".split())
PLEDGE_WORDS = frozenset("公約 選挙公約 政権公約 マニフェスト".split())
# heads of a noun phrase about a policy: 憲法9条の改正, 原発の再稼働
POLICY_HEADS = frozenset(
    "改正 再稼働 稼働 導入 推進 廃止 建設 移設 引き上げ 引上げ 増額 改定 法案 政策 制度 計画 法 案 容認 行使 実施 "
    "批准 参加 承認 撤廃 維持 存続 新設 設置 解禁 合法化 見直し".split()
)

# verbs (dictionary or normalized form) that continue a predicate after a stance word
CHAIN_VERBS = frozenset(
    "する 為る いる 居る おる くださる 下さる いただく 頂く 願う いたす 致す 申し上げる 頼む できる 出来る ある 有る "
    "ござる 御座る しまう 仕舞う てる 求める ほしい 欲しい もらう 貰う くれる 呉れる させる 行く いく 参る まいる 続ける".split()
)
REQUEST_VERBS = frozenset("願う 頼む 求める ほしい 欲しい お願い 御願い".split())
VOTE_VERBS = frozenset("投じる 入れる 託す".split())  # 一票を投じる / 一票を託す
# after a predicate: a quotation, a nominalisation or a purpose (〜してくださいと, 〜することは, 〜するよう)
REPORTED_NEXT = frozenset("と って という との こと の ため よう ように など 等 行為 旨 もの".split())
CLAUSE_END = frozenset("。 ! ? ！ ？ … ♪".split())
# after a closing quotation mark: the quotation is talked about, not said (「〜に投票して」といった行為)
MENTIONED_AFTER = re.compile(r"\s*(?:と|って|など|等|は|が|も|を|に|の|という|といった|のような|との)")
OPEN_QUOTES = {"「": "」", "『": "』", "“": "”", "（": "）", "(": ")"}
# every character that opens or closes a quotation, and the line break that ends them all
QUOTE_MARKS = re.compile("[" + re.escape("".join(OPEN_QUOTES) + "".join(OPEN_QUOTES.values())) + "\n]")
# asking readers to spread a post (賛成の方は拡散を)
SPREAD_WORDS = frozenset("拡散 シェア リツイート RT リポスト 広める 広げる".split())
