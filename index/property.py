"""Property designations (fastighetsbeteckningar) in running text: "Lunda 3:14", "Ekbacka 4:112".

A building permit, a sale of land or a detailed plan names the property it concerns, and
"bygglov Lunda 3:14" means that one, not Lunda 3:1. The key is the word before the numbers
and the numbers, lowercased: the same in a protocol and in a question typed in lower case.
"""

from __future__ import annotations

import re
import unicodedata

# A word, then block:unit. "kl. 18:30" has no word right before its numbers; "tid 18:30"
# gives a key no question will ask for, which costs nothing.
_DESIGNATION = re.compile(r"(?<![\w:])([^\W\d_][\w-]*[^\W\d_]|[^\W\d_])[ \t\u00a0]+(\d{1,4}:\d{1,4})(?![\d:])")


def find_designations(text: str) -> list[str]:
    """Keys of the property designations in `text`, in order, each once."""
    text = unicodedata.normalize("NFC", text)
    keys = (f"{m.group(1).lower()} {m.group(2)}" for m in _DESIGNATION.finditer(text))
    return list(dict.fromkeys(keys))


def take_designations(text: str) -> tuple[list[str], str]:
    """The designations of a question and its text without their numbers: the place name
    stays a word of the question."""
    found = find_designations(text)
    return found, _DESIGNATION.sub(lambda m: m.group(1), unicodedata.normalize("NFC", text))
