"""Write index/data/sv_verb_forms.txt, the verb forms whose stem Snowball cannot join to their verb.

    .venv/bin/python tools/build_verb_forms.py [--out index/data/sv_verb_forms.txt]

Needs simplemma and wordfreq, which only the tools use: the runtime reads the shipped file, so that
answering never loads a lemmatizer's table (a second at start-up) or follows its releases.

Snowball cuts endings; it cannot see that "valdes" is "välja", "beslöt" "besluta" or
"antogs" "anta", because the vowel or the whole stem changes. simplemma's Swedish table
knows each form's verb, but it also guesses wrong ("låg" -> "låga", "togs" -> "toga"), and
a wrong verb for a noun would join unrelated words ("drog" the noun to "dra"). So a form is
kept only when:

- the form begins as its verb does: a changed stem keeps its first letter ("gick", "gå";
  not "its", which simplemma reads as "se");
- the lexicon knows the form and the verb's present ("väljer", "går"; it holds no words
  of two letters, such as "gå"), with simplemma giving that present the same verb;
- the form's stem differs from the verb's: Snowball does not already join them, and a
  wrong lemma that stems alike ("togs", "toga") changes nothing;
- the form is no noun or adjective too: no "-en", "-et", "-er", "-ar", "-or" form has it as
  lemma, and the lexicon has no "-na" plural of it ("drogen", "markerna"); nor is it a
  verb of its own ("handla", which simplemma reads as "handlägga");
- the verb is no noun too ("skola", "resa"): its forms would join the noun's;
- the form is no English word that Swedish text borrows ("before", "road", "small" would
  meet "befara", "roa", "smälla"): wordfreq finds it more often in English than in Swedish;
- the verb is not itself a listed form, so one look-up gives the verb.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "index" / "data" / "sv_verb_forms.txt"

_VOWELS = frozenset("aeiouyåäö")
_NOUN_ENDINGS = ("n", "en", "et", "er", "ar", "or")


def header(version: str, wordfreq: str, kept: int) -> list[str]:
    return [
        "# Swedish verb forms whose Snowball stem differs from their verb's: form, verb.",
        f"# Source: simplemma {version}'s Swedish table, for the words of sv_lexicon.txt, less",
        f"# those wordfreq {wordfreq} finds more often in English; the selection is described in",
        "# tools/build_verb_forms.py, which regenerates it.",
        f"# {kept} forms.",
        "# Licence: simplemma (Adrien Barbaresi, MIT), whose Swedish data derive from the",
        "# lemmatization lists by Michal Měchura (Open Database License), Wiktionary through",
        "# the Kaikki project (CC BY-SA), FreeLing, spaCy lookups data, UniMorph and the",
        "# Wikinflection corpus (CC BY 4.0).",
    ]


def _present(verb: str, words: Mapping[str, int], lemmas: Mapping[str, str], pasts: set[str]) -> bool:
    """Whether the lexicon has the verb's present ("väljer", "beslutar", "går")."""
    if verb[-1:] not in _VOWELS:
        return False
    if verb.endswith("a"):
        return any(p in words and lemmas.get(p) == verb for p in (verb + "r", verb[:-1] + "er"))
    # "skor" of "sko" is a plural too: a verb in another vowel needs a past form ("gått").
    return verb + "r" in words and lemmas.get(verb + "r") == verb and verb in pasts


_PAST_FORM_ENDINGS = ("t", "d", "de", "it")


def _verbs_with_pasts(words: Mapping[str, int], lemmas: Mapping[str, str]) -> set[str]:
    """The lemmas of the lexicon's words that end as a past or supine does."""
    return {lemmas[w] for w in words if w.endswith(_PAST_FORM_ENDINGS) and lemmas.get(w, w) != w}


def _nominal(form: str, words: Mapping[str, int], lemmas: Mapping[str, str]) -> bool:
    if form.endswith("r") and form + "na" in words:
        return True  # "markerna": "marker" is a plural
    if form.endswith("en") and lemmas.get(form[:-2] + "na") == form:
        return True  # "vuxna": "vuxen" is an adjective
    return any(lemmas.get(form + ending) == form for ending in _NOUN_ENDINGS)


def _noun_too(verb: str, words: Mapping[str, int], lemmas: Mapping[str, str]) -> bool:
    """A verb spelt as a noun ("skola", "resa", "tro"): its forms would join the noun's."""
    nouns = (verb + "n", verb[:-1] + "or") if verb.endswith("a") else (verb + "n", verb + "en", verb + "et", verb + "er")
    return any(form in words and lemmas.get(form) == verb for form in nouns)


def select(
    words: Mapping[str, int], lemmas: Mapping[str, str], stem, english: frozenset[str] = frozenset()
) -> list[tuple[str, str]]:
    """(form, verb) pairs of the lexicon's irregular verb forms, by the rules above; `english`
    holds the lexicon's words that are more common in English."""
    kept, pasts = {}, _verbs_with_pasts(words, lemmas)
    for form in words:
        verb = lemmas.get(form)
        if verb is None or verb == form or len(form) < 3 or form[0] != verb[0] or form in english:
            continue
        if not _present(verb, words, lemmas, pasts) or stem(form) == stem(verb):
            continue
        if _nominal(form, words, lemmas) or _present(form, words, lemmas, pasts) or _noun_too(verb, words, lemmas):
            continue
        kept[form] = verb
    return sorted((form, verb) for form, verb in kept.items() if verb not in kept)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    from importlib.metadata import version

    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    sys.path.insert(0, str(ROOT))
    from wordfreq import zipf_frequency

    from index.analysis import lexicon_words, regular_stem

    lemmas = dict(DefaultDictionaryFactory().get_dictionary("sv").items())
    words = lexicon_words()
    english = frozenset(w for w in words if w in lemmas and zipf_frequency(w, "en") > zipf_frequency(w, "sv"))
    pairs = select(words, lemmas, regular_stem, english)
    lines = header(version("simplemma"), version("wordfreq"), len(pairs)) + [f"{form} {verb}" for form, verb in pairs]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(pairs)} forms, {args.out.stat().st_size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
