"""Political bodies (organ): recognise them in text and give each a short, stable code.

Kommunfullmäktige, kommunstyrelsen and its arbetsutskott, and a region's counterparts, have fixed
codes; every nämnd gets the initials municipalities themselves use (Bygg- och miljönämnden -> BMN),
so unseen nämnder work too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Body:
    code: str
    name: str


KF = Body("KF", "Kommunfullmäktige")
KS = Body("KS", "Kommunstyrelsen")
KSAU = Body("KSAU", "Kommunstyrelsens arbetsutskott")
# A region's assembly, board and the board's arbetsutskott stand where a municipality's do.
RF = Body("RF", "Regionfullmäktige")
RS = Body("RS", "Regionstyrelsen")
RSAU = Body("RSAU", "Regionstyrelsens arbetsutskott")

_L = "A-Za-zÅÄÖåäöÉéÜü"
# "Barn- och utbildningsnämnden", "Tekniska nämnden", "Socialnämndens arbetsutskott". An
# adjective of a name ends in -ska or is a longer word in -a ("sociala", "gemensamma"): the
# short ones before "nämnden" are no part of a name ("Vad sa nämnden?", "hela nämnden"). A
# scan read without its ä ("Socialnamnden", "Kommunfullmaktige") names the same body.
_NAMND = re.compile(
    rf"\b((?:[{_L}]+-\s+och\s+|[{_L}]+,\s+)*(?:[{_L}]+ska\s+|[{_L}]{{5,}}a\s+)?[{_L}]*n[äa]mnd(?:en|ens)?)"
    rf"(\s+arbetsutskott(?:et|s)?)?\b",
    re.IGNORECASE,
)
_FIXED = (
    (re.compile(r"\bregionfullm[äa]ktig\w*", re.I), RF),
    (re.compile(r"\bregionstyrelsens\s+arbetsutskott\w*|\brsau\b", re.I), RSAU),
    (re.compile(r"\bregionstyrelse\w*", re.I), RS),
    (re.compile(r"\bkommunstyrelsens\s+arbetsutskott\w*|\bksau\b", re.I), KSAU),
    (re.compile(r"\bkommunfullm[äa]ktig\w*|\bfullm[äa]ktige\b|\bkf\b", re.I), KF),
    (re.compile(r"\bkommunstyrelse\w*|\bks\b", re.I), KS),
)
_CODE = re.compile(r"^[A-ZÅÄÖ]{1,6}$")


def _namnd_name(raw: str) -> str:
    name = re.sub(r"\s+", " ", raw.strip())
    name = re.sub(r"namnd", "nämnd", name, flags=re.I)
    name = re.sub(r"nämndens$", "nämnden", name, flags=re.I)
    name = re.sub(r"nämnd$", "nämnden", name, flags=re.I)
    return name[0].upper() + name[1:].lower()


def namnd_code(name: str) -> str:
    """Initials of a nämnd's name: 'Kultur- och fritidsnämnden' -> 'KFN'.

    >>> namnd_code("Bygg- och miljönämnden"), namnd_code("Tekniska nämnden")
    ('BMN', 'TN')
    """
    letters = []
    for word in re.findall(rf"[{_L}]+", name):
        low = word.lower()
        if low == "och":
            continue
        if low.startswith("nämnd"):
            letters.append("N")
        elif "nämnd" in low:
            letters.append(word[0].upper() + "N")
        else:
            letters.append(word[0].upper())
    return "".join(letters)


def namnd_subjects(name: str) -> set[str]:
    """What a nämnd is for, word by word, as its code is made from the same words.

    >>> sorted(namnd_subjects("Bygg- och miljönämnden")), namnd_subjects("Byggnämnden")
    (['bygg', 'miljö'], {'bygg'})
    """
    words = (word.lower() for word in re.findall(rf"[{_L}]+", name))
    return {re.sub(r"s?nämnd(?:en|ens)?$", "", word) for word in words if word != "och"} - {""}


def _namnd_body(match: re.Match) -> Body:
    name = _namnd_name(match.group(1))
    code = namnd_code(name)
    if match.group(2):
        return Body(code + "AU", f"{name}s arbetsutskott")
    return Body(code, name)


def find_bodies(text: str) -> list[tuple[int, Body]]:
    """Every body named in `text`, with its offset, in order of appearance."""
    return [(start, body) for start, _, body in body_spans(text)]


def body_spans(text: str) -> list[tuple[int, int, Body]]:
    """Every body named in `text` with the span of its name, in order of appearance."""
    found: list[tuple[int, int, Body]] = []
    for pattern, body in _FIXED:
        for m in pattern.finditer(text):
            # Bare "KS"/"KF" must be upper case to count; "ks" is too common a string.
            if len(m.group(0)) <= 4 and m.group(0) != m.group(0).upper():
                continue
            found.append((m.start(), m.end(), body))
    for m in _NAMND.finditer(text):
        if m.group(1).lower().startswith(("nämnd", "namnd")):  # "nämnden" alone: the body itself
            continue
        found.append((m.start(), m.end(), _namnd_body(m)))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    result: list[tuple[int, int, Body]] = []
    end = -1
    for start, stop, body in found:
        if start >= end:  # drop matches nested in a longer one ("kommunstyrelsens" in KSAU)
            result.append((start, stop, body))
            end = stop
    return result


def find_body(text: str) -> Body | None:
    """The first body named in `text`."""
    found = find_bodies(text)
    return found[0][1] if found else None


def resolve_body(name_or_code: str) -> Body | None:
    """A body from a user's words or a code: 'KS', 'ksau', 'bygg- och miljönämnden', 'BMN'."""
    text = name_or_code.strip()
    if not text:
        return None
    upper = text.upper()
    for body in (KF, KS, KSAU, RF, RS, RSAU):
        if upper == body.code:
            return body
    if upper == "AU":
        return KSAU
    body = find_body(text)
    if body is not None:
        return body
    if _CODE.match(upper):
        return Body(upper, upper)
    return None
