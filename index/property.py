"""Property designations (fastighetsbeteckningar) in running text: "Lunda 3:14", "Ekbacka 4:112".

A building permit, a sale of land or a detailed plan names the property it concerns, and
"bygglov Lunda 3:14" means that one, not Lunda 3:1. The key is the word before the numbers
and the numbers, lowercased: the same in a protocol and in a question typed in lower case.
"""

from __future__ import annotations

import re
import unicodedata

# A word, then block:unit. "kl. 18:30" has no word right before its numbers; "tid 18:30"
# gives a key no question will ask for, which costs nothing. The numbers are looked for
# first, and the word only before them: most paragraphs have none, and a pattern that begins
# at the word is tried at every word of every text.
_NUMBERS = re.compile(r"(?<![\d:])(\d{1,4}:\d{1,4})(?![\d:])")
_WORD_BEFORE = re.compile(r"(?<![\w:])([^\W\d_][\w-]*[^\W\d_]|[^\W\d_])[ \t\u00a0]+$")
_LOOK_BACK = 60


def _designations(text: str) -> list[tuple[int, int, str]]:
    """(start, end of the word, key) of each designation in `text`, NFC."""
    found = []
    for m in _NUMBERS.finditer(text):
        word = _WORD_BEFORE.search(text, max(0, m.start() - _LOOK_BACK), m.start())
        if word:
            found.append((word.start(), word.end(1), f"{word.group(1).lower()} {m.group(1)}"))
    return found


def find_designations(text: str) -> list[str]:
    """Keys of the property designations in `text`, in order, each once."""
    if ":" not in text:
        return []
    return list(dict.fromkeys(key for _, _, key in _designations(unicodedata.normalize("NFC", text))))


def take_designations(text: str) -> tuple[list[str], str]:
    """The designations of a question and its text without their numbers: the place name
    stays a word of the question."""
    text = unicodedata.normalize("NFC", text)
    spans = _designations(text) if ":" in text else []
    for _, word_end, _ in reversed(spans):
        numbers = _NUMBERS.search(text, word_end)
        text = text[:word_end] + text[numbers.end() :]
    return list(dict.fromkeys(key for _, _, key in spans)), text
