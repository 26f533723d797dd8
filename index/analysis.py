"""Swedish text analysis for the index: tokens, stop words, compounds, stems, accent folding.

Swedish writes compounds as one word, so "vänortssamarbetet" must meet a query for "vänort"
and "äldreboende" one for "boende". The index analyzer therefore emits, at the position of
each compound, the stemmed word and the stems of its parts and of joins of adjacent parts.
The query side (mode="query") emits only the stemmed word: the index already holds the
parts, and `query_terms` hands the query builder the parts separately so it can weight them
below the word itself.

Parts are looked up in a lexicon of common Swedish words (index/data/sv_lexicon.txt, from
wordfreq, most frequent first): a head as a word or a word less its final vowel ("skol-",
"förskole-"), the last part as a word or an inflected form of one. Accidental splits are
kept out by rules measured on word lists in tests/test_analysis.py: a part must be a
common word and not much rarer than the whole word ("kom" + "mun" is no reading of
"kommun"), nor a bare suffix ("verksam" + "het") or a particle prefix ("upp" + "handling");
an inflected form splits as its base word does, so "exporteras" is no "exporte" + "ras".

Everything here is safe to use from several threads: the PyStemmer objects, which are not,
are kept one per thread, and the lexicon is loaded once under a lock.
"""

from __future__ import annotations

import hashlib
import marshal
import math
import re
import sys
import threading
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import Stemmer
from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
    Tokenizer,
)

if TYPE_CHECKING:
    from whoosh.analysis import CompositeAnalyzer

__all__ = [
    "NEGATIONS",
    "TermGroup",
    "fold",
    "folded_analyzer",
    "is_folded_stopword",
    "is_stopword",
    "query_terms",
    "split_compound",
    "stem",
    "swedish_analyzer",
    "stopwords",
    "word_rank",
    "word_terms",
    "warm_up",
    "adopt_lexicon_table",
    "lexicon_loaded",
    "lexicon_table",
    "lexicon_table_name",
    "accent_variants",
    "encode_terms",
    "pre_analyzed",
]

# Two or more letters or digits, or a lone digit ("§ 5"); combining marks are allowed inside
# a word so that decomposed "ä" (a + U+0308, common in PDF text) does not cut it in two.
TOKEN_PATTERN = r"(?:[^\W_][\u0300-\u036f]*){2,}|\d"

# Negations are indexed, not stopped (see data/sv_stopwords.txt); the query builder can
# tell them apart with this set.
NEGATIONS = frozenset({"inte", "ej", "icke"})

# Compound splitting. The figures were set by measuring the should-split and should-not-split
# lists in tests/test_analysis.py.
MIN_COMPOUND = 6  # shorter words are almost never two parts of >= 3 letters
MAX_COMPOUND = 40  # longer is PDF debris, not a word; keeps the search bounded
MIN_PART = 3
MAX_PARTS = 4  # more is a run of accidents, not a compound
READINGS_KEPT = 8  # per position in the word; keeps the search polynomial
MAX_PART_RANK = 60_000  # a part must be one of the lexicon's commonest words...
MAX_SHORT_PART_RANK = 8_000  # ...a three-letter one, which matches by accident, more so
# A known whole word splits only into parts at most this many times rarer than itself:
# "kommun" is commoner than "mun", so it is no kom+mun, while "kommunfullmäktige" (rank
# 7,439) still splits off "fullmäktige" (12,310). On the tuning lists 1.0 lost 8 right
# splits to save 3 wrong ones; 0.25 let 2 more wrong ones through, no limit 12.
PART_TO_WHOLE = 0.5
LINKERS = frozenset("seauo")  # fogemorfem: vänort-s-avtal, förskol-e-, gat-u-, kyrk-o-
ROUNDING_LINKERS = frozenset("ou")  # stand for a dropped -a: kyrk(a)-o-gård
# Endings taken off a last part (or a whole word) to find the word it is a form of:
# plural, definite, genitive, participle. Not a bare -e or -a, which would make "rand-e"
# of "darrande".
# fmt: off
FINAL_ENDINGS = (
    "s", "t", "n", "en", "et", "er", "ar", "or", "na", "ns", "ts", "es", "ens", "ets",
    "ers", "ars", "ors", "arna", "erna", "orna", "arnas", "ernas", "ornas", "ad", "ade",
    "ades", "at", "ast", "aste", "ern", "erns", "aren", "arens", "ande", "andet", "andes",
    "anden"
)
# fmt: on
_FINAL_SET = frozenset(FINAL_ENDINGS)
_FINAL_LENGTHS = tuple(sorted({len(e) for e in FINAL_ENDINGS}))
# Endings a head may have beyond its stem: "gymnasie-" is "gymnasi" + e.
HEAD_ENDINGS = frozenset({"e", "a"})

# Prefixes and particles that look like words but do not head compounds: "upp"+"handling",
# "för"+"slag", "till"+"stånd", "sam"+"verkan". Stop words are refused as parts as well.
# fmt: off
PARTICLES = frozenset({
    "all", "alla", "alls", "bak", "bakom", "bort", "emot", "fort", "fram", "förbi", "före",
    "genom", "hit", "ihop", "inne", "kring", "kvar", "miss", "ned", "nedan", "ner", "nere",
    "omkring", "ovan", "sam", "samman", "själv", "uppe", "ute", "utom", "åter"
})
# fmt: on

# Derivational suffixes, inflections and bound forms, which are no parts: "verksam"+"het",
# "vän"+"skap", "ung"+"dom", "ord"+"ning", "håll"+"bar", "styrels"+"ens".
# fmt: off
SUFFIXES = frozenset({
    "ade", "ades", "ande", "anden", "andes", "andet", "are", "aren", "arens", "arna",
    "arnas", "arne", "ars", "ast", "aste", "bar", "bara", "dom", "domen", "else", "ende",
    "ens", "era", "ering", "erna", "ernas", "erns", "ers", "ets", "ett", "het", "heten",
    "heter", "ing", "ingar", "ingen", "ion", "isk", "iska", "ism", "ist", "itet", "lig",
    "liga", "ligt", "nad", "ning", "ningar", "ningen", "orna", "ornas", "ors", "sam",
    "skap", "skapet", "tion", "vis"
})
# fmt: on

_SUFFIX_LENGTHS = tuple(sorted({len(s) for s in SUFFIXES}))

# Heads that take a linking -s-, so that an "s" after them is read as one: "vänskap-s-ort",
# not "vänskap" + "sort"; "parkering-s-plats".
S_HEADS = ("skap", "het", "ing", "tion", "sion", "else", "nad", "dom", "itet", "ism", "ans", "ens")


@dataclass(frozen=True)
class TermGroup:
    """The index terms that stand for one word of a user's question."""

    word: str  # the word as the user wrote it, lowercased
    terms: tuple[str, ...]  # the stemmed word: the strong match
    parts: tuple[str, ...] = ()  # stems of its compound parts and their joins: weaker
    # Stems of a compound's parts before the last (förled), which say what kind of the last
    # part it is: "vän" of "vänort", "smedjan" of "Smedjankvarteret".
    modifiers: tuple[str, ...] = ()


class _Entry(NamedTuple):
    # A named tuple, not a dataclass: 78,000 are made at start-up, and these cost a third.
    rank: int  # 0 = the commonest word with this stem
    word: str  # that word: the surface form whose stem is the key


@dataclass(frozen=True)
class _Split:
    parts: tuple[str, ...]  # as they appear in the word, linkers left out
    linkers: tuple[str, ...]  # after each part but the last; "" where none
    keys: tuple[str, ...]  # the lexicon stem each part matched


# --- stemming -------------------------------------------------------------------------

_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    try:
        return _local.stemmer
    except AttributeError:
        stemmer = Stemmer.Stemmer("swedish")
        stemmer.maxCacheSize = 0  # `stem` caches, across threads
        _local.stemmer = stemmer
        return stemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball Swedish stem of a lowercase word ("beslutet" -> "beslut").

    Snowball 3 takes the definite -et off only after some letters, so "ärendet",
    "utskottet" and "samhället" would miss "ärende", "utskott" and "samhälle". Where the
    stem still ends in -et and the lexicon knows the word without it, that word's stem is
    used. It depends on the stem alone, so all forms of a word still agree.

    Snowball keeps the definite -an of nouns in -a ("förskolan", "kulturskolan", "frågan"),
    so they missed "förskola", "förskolor" and "frågor". Where the lexicon knows the word
    with -a, or a word it ends in ("skola" of "kulturskola"), that form's stem is used.

    Snowball takes a final -s off after some letters as if it were a genitive's, so "plats",
    "insats", "gräns" and "prognos" missed "platsen", "insatser", "gränsen" and "prognoser".
    A noun in -s (one whose -en or -et form the lexicon knows), or a compound ending in one
    ("parkeringsplats"), keeps it. And it keeps the -en of a plural's definite -ena
    ("ärendena", "områdena"): where the lexicon knows the noun in -e ("ärende", with "ärendet"
    and "ärenden"), that noun's stem is used.

    These look-ups read a word typed without å, ä and ö ("forskolan") as the lexicon's word
    with them, so that it stems to the folded form of the accented word's stem.

    Snowball leaves the -d or -t of a weak verb's past ("anmäldes" -> "anmäld", "köpte" ->
    "köpt") but not of its present ("anmäls", "anmäler" -> "anmäl"), so "vilka meddelanden
    anmäldes?" missed "följande meddelanden anmäls". Where the lexicon knows the verb ("anmäla",
    "anmäler"; "godkänna", "godkänner" of "godkändes") and no noun of that stem ("nämnden",
    "höjden"), the past takes the present's stem.

    Snowball also takes -ad off as if it were a participle's ("planerad" -> "planer"), so
    "kostnad" stems to "kostn" while "kostnaden", "kostnader" and "kostnads-" stem to
    "kostnad". A word ending in a noun in -ad (one whose -en or -er form the lexicon knows:
    "kostnad", "stad", "byggnad") keeps it, "energikostnad" and "bostad" too, unless it is
    the participle of a verb the lexicon knows ("kastad", "lagrad").

    Snowball takes off only a final -s after a word's ending, so "beslutats", "behandlats"
    and "kronors" kept the -at or -or that "beslutat" and "kronor" lose. Where it took off
    only that -s, the rest is stemmed again.

    Strong and irregular verbs change their vowel or stem ("valdes" of "välja", "beslöt" of
    "besluta", "gick" of "gå"), which no ending rule undoes. Their forms, listed in
    data/sv_verb_forms.txt, take their verb's stem, and so do compounds ending in one
    ("återvaldes").
    """
    plurals, verbs = _umlaut_plurals(), _verb_forms()
    known = plurals.get(word) or verbs.get(word)
    if known is not None:
        return known
    for ending in _endings(word, MIN_PLURAL_PART, start=MIN_PART):
        if ending in plurals:  # "trygghetsbostäder": "trygghets" + "bostad"
            return word[: -len(ending)] + plurals[ending]
    # The table lists the lexicon's irregular forms, so a word the lexicon knows is none
    # unless listed ("undantaget" is no "und" + "antaget").
    if word not in _words():
        for ending in _endings(word, MIN_VERB_FORM_PART, start=MIN_PART):
            if ending in verbs and word[: -len(ending)] in _words():  # "återvaldes": "åter" + "välj"
                return word[: -len(ending)] + verbs[ending]
    return regular_stem(word)


def regular_stem(word: str) -> str:
    """`stem` but for the irregular verb forms of data/sv_verb_forms.txt."""
    return _repaired(word, _stemmer().stemWord(word))


# The stem endings `_repaired` looks at: -et, -an, -en (of -ena), -d and -t (of a past).
_REPAIRED_ENDINGS = ("et", "an", "en", "d", "t")


def _repaired(word: str, snowball: str) -> str:
    """`stem` but for plurals with a changed vowel."""
    if _noun_cut_short(word, snowball):
        return word
    agent = _agent_noun(word)
    if agent:
        return agent
    if snowball.endswith("et") and len(snowball) >= 6:
        base = snowball[:-2]
        words = _words()
        for candidate in (base + "e", base):
            if candidate in words:
                return _stemmer().stemWord(candidate)
    if _cut_ad(word, snowball) and _ends_in_ad_noun(word):
        return word
    if _definite_a(word, snowball):
        return _stemmer().stemWord(snowball[:-1])
    if _s_noun(word, snowball):
        return word
    if word == snowball + "s":  # "beslutats" -> "beslutat" -> "beslut"
        again = _stemmer().stemWord(snowball)
        if again != snowball:
            return _repaired(snowball, again)
    if _definite_plural_e(word, snowball):
        return _stemmer().stemWord(snowball[:-1])
    present = _weak_present(word, snowball)
    if present:
        return _stemmer().stemWord(present)
    return snowball


MIN_A_NOUN = 4  # "gata", "sida"; "ana" would end too many words by accident


class _Spelt:
    """The lexicon as a word without å, ä and ö may spell its words: typed as "larkan" or
    "forskolan", a word must stem as the index's folded term of "Lärkan" and "förskolan"."""

    def __init__(self, words: Mapping[str, int] | frozenset[str], folded: frozenset[str]):
        self.words, self.folded = words, folded

    def __contains__(self, word: object) -> bool:
        return word in self.words or word in self.folded


@lru_cache(maxsize=1)
def _spelt() -> _Spelt:
    words = _words()
    # One translation of the whole lexicon, not a call per word: this runs at start-up.
    folded = "\n".join(words).translate(_FOLD).split("\n")
    return _Spelt(words, frozenset(w if w.isascii() else fold(w) for w in folded))


def _unaccented(word: str) -> bool:
    """Whether a word may be one of the lexicon's typed without å, ä and ö: it has none, and
    the lexicon does not know it as it is."""
    return word.isascii() and word not in _words()


def _lexicon_for(word: str) -> Mapping[str, int] | _Spelt:
    """The lexicon a word's forms are looked up in: as spelt, or as `_unaccented` may spell it."""
    return _spelt() if _unaccented(word) else _words()


def _endings(word: str, shortest: int, start: int = 0) -> Iterator[str]:
    """The word's endings from the longest the lexicon may hold down to `shortest` letters:
    "kulturskola" -> ..., "skola", "kola"."""
    for i in range(max(start, len(word) - _LONGEST_WORD), len(word) - shortest + 1):
        yield word[i:]


def _definite_a(word: str, snowball: str) -> bool:
    """Whether a word is the definite form (-an, -ans) of a noun in -a the lexicon knows, as a
    word or as the end of one ("kulturskolan" of "skola")."""
    if not snowball.endswith("an") or len(snowball) <= MIN_A_NOUN or word not in (snowball, snowball + "s"):
        return False
    words = _lexicon_for(word)
    return any(ending in words for ending in _endings(snowball[:-1], MIN_A_NOUN))


MIN_S_NOUN_PART = 5  # "plats" ends "arbetsplats"; "lans" would end "skolans" by accident


@lru_cache(maxsize=1)
def _s_nouns() -> frozenset[str]:
    """The lexicon's nouns in -s: those whose definite form it knows too ("platsen", "insatsen")."""
    words = _words()
    return frozenset(w for w in words if w.endswith("s") and (w + "en" in words or w + "et" in words))


@lru_cache(maxsize=1)
def _s_nouns_spelt() -> _Spelt:
    return _Spelt(_s_nouns(), frozenset(fold(w) for w in _s_nouns()))


# Snowball takes -at and -ens off a noun's base form alone: "resultat" -> "result" but
# "resultatet" -> "resultat", "kompetens" -> "komp" but "kompetensen" -> "kompetens".
@lru_cache(maxsize=1)
def _at_nouns() -> frozenset[str]:
    """The lexicon's nouns in -at: those whose definite form it knows too ("resultatet",
    "kandidaten"). No supine of a verb in -a has one: there is no "planeratet"."""
    words = _words()
    return frozenset(w for w in words if w.endswith("at") and len(w) > 4 and (w + "et" in words or w + "en" in words))


@lru_cache(maxsize=1)
def _ens_nouns() -> frozenset[str]:
    """The lexicon's words in -ens that are no genitive of a definite form: "demens",
    "dispens" and "licens", not "kommunens" of "kommunen"."""
    words = _words()
    return frozenset(w for w in words if w.endswith("ens") and len(w) > 4 and w[:-1] not in words)


# Snowball cuts a noun of who does something to its verb's stem ("ersättare", "ersättaren",
# "ersättarna" -> "ersät", as "ersätta" and "ersatte"), so that "vem ersatte Karin Ek?" met
# every election of deputies, and "arbetare" met "arbeta". The noun keeps its -ar.
_AGENT_ENDINGS = ("are", "aren", "ares", "arens", "arna", "arnas")
_AGENT_FORM = re.compile(rf"(.+ar)(?:{'|'.join(e[2:] for e in _AGENT_ENDINGS)})")
MIN_AGENT_NOUN = 5  # "ägare" ends "delägare"; "are" and "vare" are no such nouns


@lru_cache(maxsize=1)
def _agent_nouns() -> frozenset[str]:
    """The lexicon's nouns in -are, with their spellings without å, ä and ö: those it knows
    in the definite too ("ersättaren", "ersättarna"), which no comparative ("tidigare") has."""
    words = _words()
    nouns = {
        w for w in words
        if w.endswith("are") and len(w) >= MIN_AGENT_NOUN and (w + "n" in words or w[:-1] + "na" in words)
    }
    return frozenset(nouns | {fold(w) for w in nouns})


def _agent_noun(word: str) -> str | None:
    """The stem of a form of a noun in -are the lexicon knows, or of a compound ending in one
    ("kommunstyrelseersättare"): the noun without its -e."""
    m = _AGENT_FORM.fullmatch(word)
    if not m:
        return None
    noun, nouns = m.group(1) + "e", _agent_nouns()
    if noun in nouns or any(ending in nouns for ending in _endings(noun, MIN_AGENT_NOUN, start=1)):
        return m.group(1)
    return None


def _noun_cut_short(word: str, snowball: str) -> bool:
    """Whether Snowball cut the -at or -ens of such a noun, or of a compound ending in one."""
    if word.endswith("at") and snowball == word[:-2]:
        nouns = _at_nouns()
    elif word.endswith("ens") and word.startswith(snowball) and len(snowball) <= len(word) - 3:
        nouns = _ens_nouns()
    else:
        return False
    return word in nouns or any(e in nouns for e in _endings(word, MIN_CUT_NOUN_PART, start=1))


MIN_CUT_NOUN_PART = 6  # "klimat" ends "inneklimat", "licens" "körlicens"; "prat" would end "pratat"


def _s_noun(word: str, snowball: str) -> bool:
    """Whether Snowball cut the -s of a noun in -s, or of a compound ending in one."""
    if not word.endswith("s") or snowball != word[:-1]:
        return False
    nouns = _s_nouns_spelt() if _unaccented(word) else _s_nouns()
    return word in nouns or any(ending in nouns for ending in _endings(word, MIN_S_NOUN_PART, start=1))


def _definite_plural_e(word: str, snowball: str) -> bool:
    """Whether a word is the definite plural (-ena) of a neuter noun in -e the lexicon knows
    with its -et and -en forms ("ärendena" of "ärende"), or of a compound ending in one."""
    if word != snowball + "a" or not snowball.endswith("en"):
        return False
    words = _lexicon_for(word)
    if word + "r" in words:
        return False  # "förena" is a verb ("förenar"), whatever "före" and "fören" are
    return any(noun + "t" in words and noun + "n" in words for noun in _endings(snowball[:-1], MIN_A_NOUN))


# What follows the -d or -t Snowball leaves: anmäld(e)(s), anmäld(a), anmält, köpt(s).
_PAST_ENDINGS = frozenset({"", "e", "es", "a", "s"})


def _weak_present(word: str, snowball: str) -> str | None:
    """The present ("anmäler", "godkänner") of the weak verb whose past or participle a word
    is, when its stem keeps the -d or -t; None for any other word."""
    if snowball[-1:] not in ("d", "t") or not word.startswith(snowball) or word[len(snowball) :] not in _PAST_ENDINGS:
        return None  # "mandat" -> "mand" is no past
    verb, words = snowball[:-1], _lexicon_for(word)
    if len(verb) < MIN_PART:
        return None
    # "godkände" drops a consonant the present doubles: "godkänner", "bestämmer".
    root = next((r for r in (verb, verb + verb[-1]) if r + "er" in words and r + "a" in words), None)
    if root is None:
        return None
    if any(snowball + ending in words for ending in ("en", "et", "er", "ar", "or")):
        return None  # a noun: "nämnd", "höjd"
    if any(verb + ending in words for ending in ("erna", "ret", "ern")):
        return None  # "lager" is a noun, so "lagt" is not its verb's
    return root + "er"


def _cut_ad(word: str, snowball: str) -> bool:
    return word.endswith("ad") and len(snowball) == len(word) - 2


def _ends_in_ad_noun(word: str) -> bool:
    nouns = _ad_nouns()
    if word in nouns:
        return True  # "månad", though "måna" is a verb too
    words = _words()
    if any(ending in words for ending in _endings(word[:-1], MIN_PARTICIPLE_VERB)):
        return False  # a participle: "bortkastad" of "kasta", though it ends in "stad"
    return any(ending in nouns for ending in _endings(word, MIN_AD_NOUN, start=1))


MIN_PLURAL_PART = 6  # "bostäder" ends "trygghetsbostäder"; "söner" is too short to end a compound safely
# Plurals that change their vowel, as their singulars end: "bostäder" of "bostad", "länder"
# of "land", "ledamöter" of "ledamot", "söner" of "son".
_UMLAUTS = (("äd", "ad"), ("änd", "and"), ("öt", "ot"), ("ött", "ot"), ("ön", "on"))


@lru_cache(maxsize=1)
def _umlaut_plurals() -> dict[str, str]:
    """Plurals in -er with a changed vowel, in each form -> their singular's stem.

    Snowball takes the -er off and leaves the vowel: "bostäder" -> "bostäd", apart from
    "bostad". A plural counts when the lexicon knows it with -na too ("bostäderna": no verb
    in -er has that), and a singular of the matching ending with -en or -et ("bostaden").
    Forms, not stems, are mapped: "städa" (to clean) shares "städer"'s Snowball stem."""
    words, stemmer = _words(), _stemmer()
    plurals = {}
    for word in words:
        if not word.endswith("er") or word + "na" not in words:
            continue
        snowball = stemmer.stemWord(word)
        if snowball + "er" != word:
            continue
        if snowball + "a" in words and snowball + "ar" not in words:
            continue  # a verb's present: "händer" of "hända", "tänder" of "tända"
        for changed, plain in _UMLAUTS:
            singular = snowball[: -len(changed)] + plain
            if singular + "erna" in words:
                continue  # that word has its own plural: "nötter" is no plural of "not" ("noterna")
            if snowball.endswith(changed) and singular in words and (singular + "en" in words or singular + "et" in words):
                key = _repaired(singular, stemmer.stemWord(singular))
                for form in (word, word + "na", word + "s", word + "nas"):
                    plurals[form] = key
    return plurals


# A verb form ends a compound only after a word: "åter|valdes", not "tidskrä|vande".
MIN_VERB_FORM_PART = 6  # "valdes"; "lades" would end "beta|lades" (of "betala")


@lru_cache(maxsize=1)
def _verb_forms() -> dict[str, str]:
    """Irregular verb forms -> their verb's stem ("valdes" -> "välj"), from
    data/sv_verb_forms.txt. Forms, not stems, are listed: "drog" the noun has its own.

    A form typed without å, ä and ö ("beslot") takes the folded stem, unless the lexicon
    knows it as a word of its own."""
    forms, words = {}, _words()
    for line in _data_lines("sv_verb_forms.txt"):
        form, verb = line.split()
        forms[form] = regular_stem(verb)
    for form, key in list(forms.items()):
        typed = fold(form)
        if typed != form and typed not in words:
            forms.setdefault(typed, fold(key))
    return forms


# Suffixes looked up in the lexicon are no longer than its longest words: a run of 2 MB of
# "x" is one token, and slicing it at every offset would take hours.
_LONGEST_WORD = 40
MIN_PARTICIPLE_VERB = 5  # "kasta" of "bortkastad"; not "måna" of "kalendermånad"
MIN_AD_NOUN = 4  # "stad", "grad"; "rad" would be the end of "förlorad" and "planerad"


@lru_cache(maxsize=1)
def _ad_nouns() -> frozenset[str]:
    """The lexicon's nouns in -ad: those whose definite or plural form it knows too."""
    words = _words()
    return frozenset(
        w for w in words if w.endswith("ad") and len(w) >= MIN_AD_NOUN and (w + "en" in words or w + "er" in words)
    )


# --- folding --------------------------------------------------------------------------

_FOLD = str.maketrans("åäöéüÅÄÖÉÜ", "aaoeuAAOEU")


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Text without accents ("vänort" -> "vanort"), so unaccented queries still match."""
    folded = text.translate(_FOLD)
    if folded.isascii():
        return folded
    # Accents beyond Swedish ones (è, á, ç), by decomposition; ø and æ do not decompose.
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# --- data files -----------------------------------------------------------------------


def _data_lines(name: str) -> Iterator[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(_data_lines("sv_stopwords.txt"))


def stopwords() -> frozenset[str]:
    """The Swedish stop list (data/sv_stopwords.txt)."""
    return _stopwords()


def is_stopword(word: str) -> bool:
    return word.lower() in _stopwords()


@lru_cache(maxsize=1)
def _folded_stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in _stopwords())


def is_folded_stopword(word: str) -> bool:
    """A stop word typed without its å, ä or ö ("nar" for "när", "pa" for "på")."""
    return word.isascii() and word.lower() in _folded_stopwords()


@dataclass(frozen=True)
class _Lexicon:
    words: Mapping[str, int]  # word -> frequency rank, 0 = commonest
    stems: Mapping[str, _Entry]  # stem -> its commonest word
    # Every word and stem, sorted, to tell whether any begins with a text (`_begins_some`).
    beginnings: tuple[str, ...] = ()


_words_lock = threading.Lock()
_words_loaded: Mapping[str, int] | None = None


def _words() -> Mapping[str, int]:
    """The lexicon: word -> frequency rank, 0 = commonest. Loaded once, on first use."""
    global _words_loaded
    words = _words_loaded
    if words is None:
        with _words_lock:
            if _words_loaded is None:
                ranks: dict[str, int] = {}
                for rank, word in enumerate(_data_lines("sv_lexicon.txt")):
                    ranks.setdefault(word, rank)
                _words_loaded = ranks
            words = _words_loaded
    return words


def lexicon_words() -> Mapping[str, int]:
    """The lexicon (data/sv_lexicon.txt): word -> frequency rank, 0 = commonest."""
    return _words()


def _index_lexicon(words: Mapping[str, int]) -> _Lexicon:
    # One C call stems the whole lexicon; only stems `_repaired` may change are looked at
    # again, found by their endings here rather than by a call per word (this runs at start-up).
    items = list(words.items())
    snowballs = _stemmer().stemWords([word for word, _ in items])
    plurals, verbs = _umlaut_plurals(), _verb_forms()
    stems: dict[str, _Entry] = {}
    for (word, rank), snowball in zip(items, snowballs, strict=True):
        if word in plurals:
            key = plurals[word]
        elif word in verbs:
            key = verbs[word]
        elif (
            snowball.endswith(_REPAIRED_ENDINGS)
            or word.endswith(("ad", "at", "ens"))
            or (word[-1:] == "s" and len(snowball) == len(word) - 1)
            or word.endswith(_AGENT_ENDINGS)
        ):
            key = _repaired(word, snowball)
        else:
            key = snowball
        stems.setdefault(key, _Entry(rank, word))
    return _Lexicon(words, stems, tuple(sorted(set(words) | set(stems))))


_lexicon_lock = threading.Lock()
_lexicon_loaded: _Lexicon | None = None


# --- the lexicon prepared ahead -------------------------------------------------------
# Stemming and repairing the lexicon's 78,000 words takes a third of a second, every time a
# process starts. The indexer saves the result beside the index, and opening the index reads
# it back in a tenth of that: marshal holds plain data only, and a table made by other code or
# from other word lists is not used.


@lru_cache(maxsize=1)
def _table_key() -> str:
    """What the lexicon's stems are made from: this module, its data files, the stemmer."""
    stemmer = getattr(Stemmer, "version", lambda: "")()
    digest = hashlib.sha256(f"{sys.version_info[:2]}|{stemmer}".encode())
    digest.update(Path(__file__).read_bytes())
    for entry in sorted(resources.files(__package__).joinpath("data").iterdir(), key=lambda e: e.name):
        digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def lexicon_table() -> bytes:
    """The lexicon with its stems, as `adopt_lexicon_table` reads it."""
    lexicon = _lexicon()
    stems = {key: tuple(entry) for key, entry in lexicon.stems.items()}
    return marshal.dumps((_table_key(), dict(lexicon.words), stems, lexicon.beginnings))


def adopt_lexicon_table(blob: bytes) -> bool:
    """Use a table `lexicon_table` wrote, if this code and these word lists wrote it and no
    lexicon is loaded yet; whether it was used."""
    global _lexicon_loaded, _words_loaded
    try:
        key, words, stems, beginnings = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return False
    if key != _table_key() or not isinstance(words, dict) or not isinstance(stems, dict) or not isinstance(beginnings, tuple):
        return False
    try:
        lexicon = _Lexicon(words, {stem: _Entry(*entry) for stem, entry in stems.items()}, beginnings)
    except TypeError:
        return False
    with _lexicon_lock:
        if _lexicon_loaded is not None:
            return False
        _lexicon_loaded = lexicon
    with _words_lock:
        if _words_loaded is None:
            _words_loaded = words
    return True


def lexicon_loaded() -> bool:
    """Whether this process has its lexicon: reading a table then is wasted."""
    return _lexicon_loaded is not None


def lexicon_table_name() -> str:
    """The file name of this code's lexicon table: a table of other code has another."""
    return f"lexicon-{_table_key()[:16]}.marshal"


def _lexicon() -> _Lexicon:
    global _lexicon_loaded
    lexicon = _lexicon_loaded
    if lexicon is None:
        with _lexicon_lock:
            if _lexicon_loaded is None:
                _lexicon_loaded = _index_lexicon(_words())
            lexicon = _lexicon_loaded
    return lexicon


def warm_up() -> None:
    """Load the word lists now rather than on the first word that needs them: a server's
    first question should not wait for them."""
    _stopwords()
    _lexicon()


def word_rank(word: str) -> int | None:
    """How common a Swedish word is in general language: its rank in the lexicon (0 is the
    commonest), matched as written or by its stem; None for a word the lexicon lacks."""
    word = unicodedata.normalize("NFC", word.lower())
    lexicon = _lexicon()
    if word in lexicon.words:
        return lexicon.words[word]
    entry = lexicon.stems.get(stem(word))
    return entry.rank if entry is not None else None


def in_lexicon(word: str) -> bool:
    """Whether the lexicon has the word in this very form ("förvaltningen", not "förvaltnigen")."""
    return unicodedata.normalize("NFC", word.lower()) in _lexicon().words


# Words past this rank in the lexicon are rare in everyday Swedish: "lunda" (68,000th) is a
# place typed in lower case, "skolan" or "kommunen" are not.
EVERYDAY_RANK = 20_000


def is_everyday(word: str, limit: int = EVERYDAY_RANK) -> bool:
    """Whether a word is among the lexicon's `limit` commonest."""
    rank = word_rank(word)
    return rank is not None and rank < limit


# --- compound splitting ---------------------------------------------------------------


@lru_cache(maxsize=200_000)
def _begins_some(text: str) -> bool:
    """Whether any word or stem of the lexicon begins with `text`."""
    beginnings = _lexicon().beginnings
    i = bisect_left(beginnings, text)
    return i < len(beginnings) and beginnings[i].startswith(text)


def _best_word(candidates: Iterable[str], lexicon: _Lexicon) -> tuple[int, str] | None:
    ranked = [(lexicon.words[w], w) for w in candidates if w in lexicon.words]
    return min(ranked) if ranked else None


def _final_match(part: str, lexicon: _Lexicon) -> tuple[str, int, str] | None:
    # The last part carries the inflection: it is a known word as written or once an
    # inflectional ending is taken off ("styrelse-ns", "samarbet(e)-et", "stolp(e)-ar").
    # Its stem is not trusted for this, as Snowball also strips derivations: "sägare"
    # stems to "säg", as "säger" does. A three-letter base only counts when the part is
    # itself a word ("ort-er"): "ser-ar" in "kategoriserar" is no form of "ser".
    candidates = [part]
    known = part in lexicon.words
    for base in _bases(part):
        if len(base) > MIN_PART or (len(base) == MIN_PART and known):
            candidates += (base, base + "e", base + "a")
    found = _best_word(candidates, lexicon)
    if found is None or found[1] in SUFFIXES:
        return None
    return stem(part), found[0], found[1]


def _head_match(part: str, lexicon: _Lexicon) -> tuple[str, int, str] | None:
    # A head is a known word ("kommun"), one that dropped its final vowel ("skol-nämnd",
    # "kyrk-o-gård", "häls-o-arbete"), or a stem with a linking -e ("gymnasie-").
    found = _best_word((part, part + "a", part + "e"), lexicon)
    if found is not None:
        return stem(found[1]), found[0], found[1]
    key = stem(part)
    entry = lexicon.stems.get(key)
    if part[len(key) :] in HEAD_ENDINGS and entry is not None:
        return key, entry.rank, entry.word
    return None


def _bases(word: str) -> Iterator[str]:
    """`word` less each inflectional ending it ends in ("styrelsens" -> "styrelse", ...)."""
    for k in _FINAL_LENGTHS:
        if k < len(word) and word[-k:] in _FINAL_SET:
            yield word[:-k]


def _ends_in_suffix(word: str, start: int) -> bool:
    # A last part that is, or starts inside, a bound suffix of the word: "verksam|het",
    # "vän|skap" read as "väns|kap", "juste|ring" (justering).
    last = len(word) - start
    return any(word[-k:] in SUFFIXES for k in _SUFFIX_LENGTHS if last <= k <= len(word))


def _part_match(word: str, start: int, end: int, linker: str, limit: float) -> tuple[str, int] | None:
    """(stem, rank) that word[start:end] stands for as a part before `linker`, or None."""
    final = end == len(word)
    if final and _ends_in_suffix(word, start):
        return None
    found = _part_entry(word[start:end], final, linker in ROUNDING_LINKERS)
    if found is None or found[1] * PART_TO_WHOLE >= limit:
        return None
    return found


@lru_cache(maxsize=50_000)
def _part_entry(part: str, final: bool, rounding: bool) -> tuple[str, int] | None:
    # What a part is, whatever word it is in: most parts recur in many compounds, and
    # splitting a new compound asks about some twenty of them.
    lexicon = _lexicon()
    if len(part) < MIN_PART or part in PARTICLES or part in _stopwords() or part in SUFFIXES:
        return None
    if final and len(part) == MIN_PART and part not in lexicon.words:
        return None  # three letters match a stem by accident ("oll" is "olle")
    if final:
        found = _final_match(part, lexicon)
    elif rounding:
        # -o- and -u- stand for a dropped -a: "kyrk(a)-o-gård", "gat(a)-u-belysning".
        found = _head_match(part, lexicon) if part + "a" in lexicon.words else None
    else:
        found = _head_match(part, lexicon)
    if found is None:
        return None
    key, rank, base = found
    # A stem shared with a function word is an accident: "int" is "inte", "samm" "samma".
    entry = lexicon.stems.get(key)
    for known in (base, entry.word if entry else base):
        if known in _stopwords() or known in NEGATIONS or known in PARTICLES:
            return None
    max_rank = MAX_SHORT_PART_RANK if len(part) == MIN_PART else MAX_PART_RANK
    if rank > max_rank:
        return None
    return key, rank


def _best_split(word: str, lexicon: _Lexicon) -> _Split | None:
    whole = lexicon.stems.get(stem(word))
    limit = float("inf") if whole is None else whole.rank
    n = len(word)
    memo: dict[int, list[tuple[float, _Split]]] = {}

    def splits_from(i: int) -> list[tuple[float, _Split]]:
        # Every reading of word[i:] as parts, with its cost: the sum of the parts' log
        # ranks (rarer parts cost more, the Zipf view of frequency).
        if i in memo:
            return memo[i]
        found = []
        last = _part_match(word, i, n, "", limit)
        if last is not None:
            found.append((math.log(last[1] + 2), _Split((word[i:],), (), (last[0],))))
        for end in range(i + MIN_PART, n - MIN_PART + 1):
            # A head is a word or stem of the lexicon less at most one last letter ("skol"
            # of "skola", "gymnasie" of stem "gymnasi"): once no entry begins with the
            # letters from i, no longer head from i can match, and trying them all is waste.
            if not _begins_some(word[i : end - 2]):
                break
            for head_end, linker in ((end, ""), (end - 1, word[end - 1])):
                if linker and (linker not in LINKERS or head_end - i < MIN_PART):
                    continue
                if not _begins_some(word[i : head_end - 1]):
                    continue
                head = _part_match(word, i, head_end, linker, limit)
                if head is None:
                    continue
                for cost, rest in splits_from(end):
                    if len(rest.parts) == MAX_PARTS:
                        continue
                    split = _Split(
                        (word[i:head_end], *rest.parts),
                        (linker, *rest.linkers),
                        (head[0], *rest.keys),
                    )
                    found.append((cost + math.log(head[1] + 2), split))
        found.sort(key=lambda item: (len(item[1].parts), item[0]))
        memo[i] = found[:READINGS_KEPT]
        return memo[i]

    candidates = [(cost, s) for cost, s in splits_from(0) if len(s.parts) >= 2]
    if not candidates:
        return None
    return min(candidates, key=lambda item: _score(item[0], item[1]))[1]


def _score(cost: float, split: _Split) -> tuple[int, int, float, int]:
    # Fewest parts; then no -s- misread ("vänskap|sort" for "vänskap-s-ort"); then the
    # commonest parts; then the longest head.
    misreads = sum(
        1
        for head, linker, following in zip(split.parts, split.linkers, split.parts[1:], strict=False)
        if head.endswith(S_HEADS) and not linker and following.startswith("s")
    )
    head_span = len(split.parts[0]) + len(split.linkers[0])
    return (len(split.parts), misreads, cost, -head_span)


def _lemma(word: str, lexicon: _Lexicon) -> str | None:
    """The commonest known word that `word` is an inflected form of, if any."""
    candidates = []
    for base in _bases(word):
        if len(base) >= MIN_PART:
            candidates += (base, base + "e", base + "a")
    found = _best_word((c for c in candidates if c != word), lexicon)
    return None if found is None else found[1]


@lru_cache(maxsize=1)
def _accented() -> dict[str, str]:
    """Lexicon words spelt with å, ä, ö, é or ü, by their plain spelling; the commonest wins."""
    found: dict[str, str] = {}
    for word in _lexicon().words:  # commonest first: the lexicon keeps its file's order
        if not word.isascii():
            found.setdefault(fold(word), word)
    return found


@lru_cache(maxsize=100_000)
def _split(word: str) -> _Split | None:
    if not MIN_COMPOUND <= len(word) <= MAX_COMPOUND or not word.isalpha():
        return None
    lexicon = _lexicon()
    if word.isascii() and word not in lexicon.words and word in _accented():
        # Typed without å, ä and ö ("forskolan", "ordforande" from a PDF): split as the word
        # meant, not into whatever plain words its letters spell ("for" + "skolan").
        found = _split(_accented()[word])
        return None if found is None else replace(found, parts=tuple(fold(p) for p in found.parts))
    lemma = _lemma(word, lexicon)
    if lemma is None:
        return _best_split(word, lexicon)
    # An inflected form splits as its word does, the ending going with the last part:
    # "detaljplan-en", "bygglov-et". So "exportera-s" never reads as "exporte|ras".
    found = _best_split(lemma, lexicon) if len(lemma) >= MIN_COMPOUND else None
    if found is None:
        return None
    start = len(lemma) - len(found.parts[-1])
    last = word[start:]
    return _Split((*found.parts[:-1], last), found.linkers, (*found.keys[:-1], stem(last)))


def is_known_word(word: str, compounds: bool = True) -> bool:
    """Whether the lexicon knows a word: as written, by its stem or, with `compounds`, as a
    compound of its words (which many a misspelling is too: "kommunstyre|isen")."""
    word = unicodedata.normalize("NFC", word.lower())
    return word_rank(word) is not None or compounds and _split(word) is not None


def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a lowercase compound as written, without linking letters, or ().

    "vänortssamarbetet" -> ("vän", "ort", "samarbetet"); "verksamhet" -> ().
    """
    found = _split(word)
    return () if found is None else found.parts


def _joins(found: _Split, lexicon: _Lexicon) -> Iterator[str]:
    # Each run of two or more adjacent parts, short of the whole word, as a word of its
    # own: [vän, ort, avtal] gives "vänort", which is how "vänort" written alone is
    # indexed. A run that stops at a head ends in that head's dictionary form, so that
    # "folkhäls(o)" joins as "folkhälsa" and stems like it.
    count = len(found.parts)
    for start in range(count):
        for stop in range(start + 2, count + 1):
            if stop - start == count:
                continue
            text = "".join(found.parts[i] + found.linkers[i] for i in range(start, stop - 1))
            last = stop - 1
            if last == count - 1:
                text += found.parts[last]
            else:
                text += lexicon.stems[found.keys[last]].word
            yield text


@lru_cache(maxsize=100_000)
def _expansions(word: str) -> tuple[str, ...]:
    """Words to index beside a compound, chosen so that each one's stem is the term meant.

    Heads are given as their lexicon word ("förskole" -> "förskola"), the last part as
    written (it carries the inflection), then the joins, then the same for any part that
    is a compound itself ("del|årsrapport" also gives "år", "rapport").
    """
    found = _split(word)
    if found is None:
        return ()
    lexicon = _lexicon()
    parts = _head_words(found, lexicon) + [found.parts[-1]]
    texts = parts + list(_joins(found, lexicon))
    for part in parts:
        texts += _expansions(part)
    seen = {stem(word)}
    out = []
    for text in texts:
        term = stem(text)
        if term not in seen:
            seen.add(term)
            out.append(text)
    return tuple(out)


def _head_words(found: _Split, lexicon: _Lexicon) -> list[str]:
    """The parts before the last as lexicon words ("förskole" -> "förskola"), whose stems are
    the terms the index holds for them."""
    return [lexicon.stems[key].word for key in found.keys[:-1]]


def _modifiers(word: str) -> tuple[str, ...]:
    found = _split(word)
    return () if found is None else tuple(stem(w) for w in _head_words(found, _lexicon()))


# --- Whoosh filters and analyzers -----------------------------------------------------


class CompoundFilter(Filter):
    """Follows each compound with its parts and joins, at the same position (index mode).

    Goes before the StemFilter: it emits unstemmed words, chosen so that their stems are
    the terms wanted. In query mode it passes tokens through untouched.
    """

    is_morph = True

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            text = t.text
            if t.stopped or t.mode == "query" or len(text) < MIN_COMPOUND:
                yield t
                continue
            extras = _expansions(text)
            yield t
            for extra in extras:
                # The same Token object, re-texted: position and offsets stay the word's.
                t.text = extra
                yield t


class NfcFilter(Filter):
    """Composes decomposed letters (a + U+0308 -> ä), as PDF text often has them."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            text = t.text
            if not text.isascii() and not unicodedata.is_normalized("NFC", text):
                t.text = unicodedata.normalize("NFC", text)
            yield t


class FoldFilter(Filter):
    """Removes accents, after stemming, for the folded field."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if not t.stopped:
                t.text = fold(t.text)
            yield t


def _chain() -> CompositeAnalyzer:
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | NfcFilter()
        | StopFilter(stoplist=_stopwords(), minsize=1)
        | CompoundFilter()
        # `stem` caches (bounded) itself; a second cache in the filter would only cost.
        | StemFilter(stemfn=stem, cachesize=None)
    )


@lru_cache(maxsize=1)
def swedish_analyzer() -> CompositeAnalyzer:
    """Words -> lowercase -> Swedish stop words out -> compound parts -> Snowball stems."""
    return _chain()


@lru_cache(maxsize=1)
def folded_analyzer() -> CompositeAnalyzer:
    """`swedish_analyzer` then accent folding, for the field that unaccented queries hit."""
    return _chain() | FoldFilter()


_ACCENTS = {"a": "aåä", "o": "oö", "e": "eé", "u": "uü"}
# A stem shorter than this derives too many words by accident ("bok" of "bokning").
MIN_DERIVED_ROOT = 5
_VOWELS = frozenset("aeiouyåäö")


def derived_forms(word: str) -> tuple[str, ...]:
    """Words of the other part of speech that a Swedish word's stem derives, as candidates
    only: the verb of a noun in -ning or -ing ("översvämningarna" -> "översvämma",
    "förorening" -> "förorena") and the nouns of a verb ("förorenat" -> "förorening",
    "ersätta" -> "ersättning"). A question asks about the flooding where the minutes say
    the cellars were flooded; the caller keeps the forms the minutes hold."""
    term = stem(word)
    if term.endswith("ing"):
        roots = {term[:-3]}
        if term.endswith("ning"):
            # "översvämning" is "översvämma" with its double m made single before the n.
            roots |= {term[:-4], term[:-4] + term[-5]}
        return tuple(sorted(root + "a" for root in roots if len(root) >= MIN_DERIVED_ROOT))
    if len(term) < MIN_DERIVED_ROOT or term[-1] in _VOWELS:
        return ()
    nouns = {term + "ing", term + "ning", term + term[-1] + "ning"}
    if term[-1] == term[-2]:
        nouns.add(term[:-1] + "ning")
    return tuple(sorted(nouns))


MAX_ACCENT_VARIANTS = 64


def accent_variants(term: str) -> list[str]:
    """Spellings of an unaccented term with å, ä, ö, é, ü put back, the term itself first:
    "vanort" -> ["vanort", "vånort", "vänort", ...]. The index does not hold folded spellings;
    a query typed without them is matched by trying these (at most MAX_ACCENT_VARIANTS)."""
    if not term.isascii():
        return [term]
    variants = [""]
    for ch in term:
        options = _ACCENTS.get(ch, ch)
        variants = [v + o for v in variants for o in options]
        if len(variants) > MAX_ACCENT_VARIANTS:
            return [term]
    return variants


# --- the indexing fast path -----------------------------------------------------------

# Indexing analyses every paragraph once, word by word through a cache, instead of running
# the filter chain per token for each of several fields: the same terms (tests keep the two
# equal), a fraction of the work. The fields then read the result with PreAnalyzedTokenizer.
ALTERNATIVE = "|"


@lru_cache(maxsize=200_000)
def _word_terms(token: str) -> tuple[str, ...]:
    # Keyed by the token as written: one look-up per word of the text, lowercasing included.
    word = token.lower()
    if not word.isascii() and not unicodedata.is_normalized("NFC", word):
        word = unicodedata.normalize("NFC", word)
    if word in _stopwords():
        return ()
    if len(word) < MIN_COMPOUND:
        return (stem(word),)
    return (stem(word),) + tuple(stem(extra) for extra in _expansions(word))


def word_terms(text: str) -> list[tuple[str, ...]]:
    """Per word of `text`, the index terms at its position: its stem, then compound parts and
    joins. Stop words give nothing. The same terms as `swedish_analyzer`, in the same order."""
    return [terms for terms in map(_word_terms, _TOKEN.findall(text)) if terms]


def encode_terms(groups: list[tuple[str, ...]], folded: bool = False) -> str:
    """Analysed words as text for PreAnalyzedTokenizer: words by spaces, a word's terms by '|'.

    With `folded`, each term spelt with å, ä, ö, é or ü is followed by its folded spelling at
    the same position, so "vanort" typed without them meets "vänort" in the same field.
    """
    if folded:
        return " ".join(ALTERNATIVE.join(dict.fromkeys(x for t in g for x in (t, fold(t)))) for g in groups)
    return " ".join(ALTERNATIVE.join(g) for g in groups)


class PreAnalyzedTokenizer(Tokenizer):
    """Reads `encode_terms` output back into tokens: one position per word, the word's terms
    sharing it, as CompoundFilter places them."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, word in enumerate(value.split(" ") if value else (), start=start_pos):
            for term in word.split(ALTERNATIVE):
                t.text = term
                t.boost = 1.0
                t.stopped = False
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar = t.endchar = start_char
                yield t


def pre_analyzed() -> PreAnalyzedTokenizer:
    """The analyzer of fields filled with `encode_terms` text."""
    return PreAnalyzedTokenizer()


# --- queries --------------------------------------------------------------------------

_TOKEN = re.compile(TOKEN_PATTERN)


def query_terms(text: str, folded: bool = False) -> list[TermGroup]:
    """One TermGroup per non-stop word of a user's question, in order.

    With folded=True the terms are folded, for the field indexed by `folded_analyzer`.
    """
    groups = []
    for match in _TOKEN.finditer(text):
        word = unicodedata.normalize("NFC", match.group(0).lower())
        if word in _stopwords():
            continue
        term = stem(word)
        parts = tuple(stem(extra) for extra in _expansions(word))
        modifiers = _modifiers(word)
        if folded:
            term = fold(term)
            parts = tuple(dict.fromkeys(p for p in map(fold, parts) if p != term))
            modifiers = tuple(map(fold, modifiers))
        groups.append(TermGroup(word, (term,), parts, modifiers))
    return groups
