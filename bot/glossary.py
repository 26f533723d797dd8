"""The bilingual glossary: English words of a question -> the Swedish words the minutes use.

The glossary is data (bot/data/glossary.yaml), one entry per concept with its English terms
and its Swedish terms, base form first. It is loaded once and looked up by longest match, so
"municipal executive board" wins over "board".
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import zip_longest

import Stemmer
import yaml

from index.analysis import stem

MAX_PHRASE = 5
# Shorter words joined from two are too often a word of their own ("become", "notice").
MIN_CLOSED_COMPOUND = 8


@dataclass(frozen=True)
class Entry:
    en: tuple[str, ...]
    sv: tuple[str, ...]
    domain: str


@dataclass(frozen=True)
class Match:
    english: str  # the words of the question that matched
    swedish: tuple[str, ...]  # Swedish terms of every entry they name, best first
    domain: str
    guessed: bool = False  # a typo away from the term, not the term: "acounts"


class Glossary:
    def __init__(self, entries: list[Entry]):
        self.entries = tuple(entries)
        self._by_en: dict[str, list[Entry]] = {}
        self._by_sv: dict[str, list[Entry]] = {}
        self._by_sv_stem: dict[str, list[Entry]] | None = None  # built on first use: stemming takes time
        self._en_by_length: dict[int, list[str]] | None = None
        self._en_phrases: dict[tuple[int, str], list[tuple[str, ...]]] | None = None
        self._by_en_stem: dict[str, list[Entry]] | None = None
        for entry in self.entries:
            for term in entry.en:
                self._by_en.setdefault(_key(term), []).append(entry)
            for term in entry.sv:
                self._by_sv.setdefault(_key(term), []).append(entry)

    def __len__(self) -> int:
        return len(self.entries)

    def english(self, words: list[str], fuzzy: frozenset[str] | None = None) -> list[Match | str]:
        """The words in order, runs of them replaced by the glossary entry they name. Words
        in `fuzzy` that name no entry may match one a typo away.

        >>> g = Glossary([Entry(("twin town",), ("vänort",), "international")])
        >>> g.english(["the", "twin", "towns", "deal"])
        ['the', Match(english='twin towns', swedish=('vänort',), domain='international'), 'deal']
        """
        out: list[Match | str] = []
        i = 0
        while i < len(words):
            for size in range(min(MAX_PHRASE, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + size])
                entries = self._lookup_en(phrase)
                guessed = not entries and size > 1 and bool(fuzzy)
                if guessed:
                    entries = self._near_phrase(words[i : i + size], fuzzy)
                if entries and not guessed and size > 1:
                    later = self._head_term_from(words, i, size)
                    if later is not None:
                        # "new school transport": "school transport" is the thing, "new" says
                        # which; the words before it are read on their own.
                        out += self.english(words[i:later], fuzzy)
                        i = later
                        break
                if entries:
                    # Each entry's terms in turn, so that a word of two meanings ("guardian":
                    # vårdnadshavare, god man) keeps both among the terms a question searches.
                    swedish = tuple(dict.fromkeys(t for row in zip_longest(*(e.sv for e in entries)) for t in row if t))
                    out.append(Match(phrase, swedish, entries[0].domain, guessed=guessed))
                    i += size
                    break
            else:
                near = self._near_en(words[i]) if fuzzy and words[i] in fuzzy else []
                if near:
                    swedish = tuple(dict.fromkeys(t for e in near for t in e.sv))
                    out.append(Match(words[i], swedish, near[0].domain, guessed=True))
                else:
                    out.append(words[i])
                i += 1
        return out

    def _head_term_from(self, words: list[str], start: int, size: int) -> int | None:
        """Where a term begins that starts inside words[start : start + size] and reaches
        further, with as many words: English puts the head of a phrase last, so of "new
        school" and "school transport" in "new school transport" the second is the term."""
        end = start + size
        for j in range(start + 1, end):
            for length in range(min(MAX_PHRASE, len(words) - j), size - 1, -1):
                if j + length > end and self._lookup_en(" ".join(words[j : j + length])):
                    return j
        return None

    def closed_compound(self, word: str) -> tuple[str, str] | None:
        """The two words of a term typed as one ("firestation", "townhall"), where the
        glossary has them apart and not the word itself."""
        if len(word) < MIN_CLOSED_COMPOUND or not word.isalpha() or self._lookup_en(word):
            return None
        for i in range(3, len(word) - 2):
            if self._lookup_en(f"{word[:i]} {word[i:]}"):
                return word[:i], word[i:]
        return None

    def _near_en(self, word: str) -> list[Entry]:
        """Entries for an English word one typo away from a one-word term ("acounts"). Shorter
        words are left alone: "small" is one letter from "smell"."""
        if len(word) < 6 or not word.isalpha():
            return []
        if self._en_by_length is None:
            buckets: dict[int, list[str]] = {}
            for key in self._by_en:
                if " " not in key:
                    buckets.setdefault(len(key), []).append(key)
            self._en_by_length = buckets
        for length in (len(word), len(word) + 1, len(word) - 1):
            for key in self._en_by_length.get(length, ()):
                if _one_edit(word, key):
                    return self._by_en[key]
        return []

    def _near_phrase(self, words: list[str], fuzzy: frozenset[str]) -> list[Entry]:
        """Entries for a term of several words when each word of the question is the term's
        word or a typo of it ("anual acounts"). Each needs four letters: the other words of the
        term vouch for it, as nothing does for a word alone."""
        if not any(w in fuzzy for w in words):
            return []
        if self._en_phrases is None:
            # Each term under its size and every one-letter deletion of its first word: a word
            # one edit from another shares a deletion with it (or is one), so a question's
            # words find their few candidates without a pass over thousands of terms.
            phrases: dict[tuple[int, str], list[tuple[str, ...]]] = {}
            for key in self._by_en:
                term = tuple(key.split(" "))
                if len(term) > 1:
                    for variant in _deletions(term[0]):
                        phrases.setdefault((len(term), variant), []).append(term)
            self._en_phrases = phrases
        seen = set()
        for variant in _deletions(words[0]):
            for term in self._en_phrases.get((len(words), variant), ()):
                if term in seen:
                    continue
                seen.add(term)
                if all(w == t or (w in fuzzy and len(w) >= _MIN_PHRASE_TYPO and _one_edit(w, t)) for w, t in zip(words, term, strict=True)):
                    return self._by_en[" ".join(term)]
        return []

    def swedish_synonyms(self, word: str) -> tuple[str, ...]:
        """Other Swedish terms for the concept a Swedish word names, in any inflection
        ('äldreboendet' -> 'särskilt boende')."""
        entries = self._by_sv.get(_key(word)) or self._sv_stem_index().get(_sv_stem(_key(word)), [])
        own = _sv_stem(_key(word))
        return tuple(dict.fromkeys(t for e in entries for t in e.sv if _sv_stem(_key(t)) != own))

    def _sv_stem_index(self) -> dict[str, list[Entry]]:
        if self._by_sv_stem is None:
            index: dict[str, list[Entry]] = {}
            for term, entries in self._by_sv.items():
                # A term of three letters is an abbreviation ("ant", "lss") and is met only as
                # written: "antogs" and "antar" stem to "ant" too.
                if " " not in term and len(term) > _ABBREVIATION_MAX:
                    index.setdefault(_sv_stem(term), []).extend(entries)
            self._by_sv_stem = index
        return self._by_sv_stem

    def knows_swedish(self, word: str) -> bool:
        """Whether a Swedish word, in any inflection, is one of the glossary's terms."""
        key = _key(word)
        return key in self._by_sv or _sv_stem(key) in self._sv_stem_index()

    def _lookup_en(self, phrase: str) -> list[Entry]:
        key = _key(phrase)
        based = " ".join(EN_IRREGULAR_PAST.get(word, word) for word in key.split())
        for candidate in dict.fromkeys((key, *_singulars(key), based)):
            if candidate in self._by_en:
                return self._by_en[candidate]
        # Another form of the same English words: "cycle" for "cycling", "recycled waste"
        # for "recycling waste". Words of one or two letters stay exact.
        if all(len(word) >= _MIN_STEMMED for word in key.split()):
            return self._en_stem_index().get(_english_stems(key), [])
        return []

    def _en_stem_index(self) -> dict[str, list[Entry]]:
        if self._by_en_stem is None:
            index: dict[str, list[Entry]] = {}
            for term, entries in self._by_en.items():
                bucket = index.setdefault(_english_stems(term), [])
                bucket.extend(e for e in entries if e not in bucket)
            self._by_en_stem = index
        return self._by_en_stem


# English verbs whose past no stemmer brings back to the verb the glossary lists: "when the
# council bought Byn 1:23" is "buy". Those a question about minutes uses; not "left" (the Left).
EN_IRREGULAR_PAST = {
    "bought": "buy", "sold": "sell", "built": "build", "rebuilt": "rebuild", "spent": "spend", "paid": "pay",
    "lent": "lend", "sought": "seek", "brought": "bring", "chose": "choose", "chosen": "choose",
    "won": "win", "held": "hold", "began": "begin", "begun": "begin", "wrote": "write", "written": "write",
    "grew": "grow", "grown": "grow", "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall",
    "drew": "draw", "drawn": "draw", "sent": "send", "undertook": "undertake", "undertaken": "undertake",
    "overturned": "overturn", "froze": "freeze", "frozen": "freeze", "shut": "close", "laid": "lay",
}


def _deletions(word: str) -> set[str]:
    """The word and each string one letter shorter."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """Whether two words differ by one insertion, deletion, substitution or transposition."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


_MIN_STEMMED = 3
_ABBREVIATION_MAX = 3
_MIN_PHRASE_TYPO = 4
_english = threading.local()


def _english_stems(phrase: str) -> str:
    """The Snowball English stem of each word: "cycling lanes" -> "cycl lane"."""
    try:
        stemmer = _english.stemmer
    except AttributeError:
        stemmer = _english.stemmer = Stemmer.Stemmer("english")
    return " ".join(stemmer.stemWords(phrase.split()))


def _sv_stem(word: str) -> str:
    """A Swedish word's stem; a hyphenated one's by its last part, which the stemmer leaves
    whole ("lss-boendet" is "lss-boende")."""
    first, hyphen, last = word.rpartition("-")
    return first + hyphen + stem(last) if hyphen and last else stem(word)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))


def _singulars(phrase: str) -> tuple[str, ...]:
    """Singular guesses for the last word: 'preschools' -> 'preschool', 'policies' -> 'policy'."""
    head, _, last = phrase.rpartition(" ")
    prefix = f"{head} " if head else ""
    guesses = []
    if last.endswith("ies") and len(last) > 4:
        guesses.append(last[:-3] + "y")
    if last.endswith("es") and len(last) > 4:
        guesses.append(last[:-2])
    if last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        guesses.append(last[:-1])
    if last.endswith("'s"):
        guesses.append(last[:-2])
    return tuple(prefix + g for g in guesses)


# libyaml's loader reads the glossary five times faster; the pure-Python one is the fallback.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_glossary(text: str) -> Glossary:
    data = yaml.load(text, Loader=_LOADER) or {}
    entries = []
    for item in data.get("entries", []):
        entries.append(Entry(tuple(item["en"]), tuple(item["sv"]), item.get("domain", "general")))
    return Glossary(entries)


@lru_cache(maxsize=1)
def load_glossary() -> Glossary:
    """The shipped glossary, read once per process."""
    text = resources.files("bot.data").joinpath("glossary.yaml").read_text(encoding="utf-8")
    return parse_glossary(text)
