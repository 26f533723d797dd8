"""Political bodies (organ): recognise them in text and give each a short, stable code.

Kommunfullmäktige, kommunstyrelsen and its arbetsutskott, and a region's counterparts, have fixed
codes; every nämnd gets the initials municipalities themselves use (Bygg- och miljönämnden -> BMN,
Stadsbyggnadsnämnden -> SBN), so unseen nämnder work too. A city's district nämnder keep their
district (Stadsdelsnämnden Norra -> SDN-Norra).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .analysis import split_compound


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
# A city has several nämnder of one kind, each for its district: "Stadsdelsnämnden Norra",
# "Kommundelsnämnd Vällingby", "Områdesnämnd Centrum". The district is a capitalised word (or
# words joined by hyphens, "Askim-Frölunda-Högsbo") on the same line, so that running text
# ("Stadsdelsnämnden beslutar", "stadsdelsnämnden i morgon") names the nämnd alone.
_DISTRICT_KINDS = ("stadsdel", "kommundel", "område", "distrikt")
_DISTRICT_WORD = r"(?-i:[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)*)"
# "Barn- och utbildningsnämnden", "Tekniska nämnden", "Socialnämndens arbetsutskott". An
# adjective of a name ends in -ska or is a longer word in -a ("sociala", "gemensamma"): the
# short ones before "nämnden" are no part of a name ("Vad sa nämnden?", "hela nämnden"). A
# scan read without its ä ("Socialnamnden", "Kommunfullmaktige") names the same body.
_NAMND = re.compile(
    rf"\b((?:[{_L}]+-\s+och\s+|[{_L}]+,\s+)*(?:[{_L}]+ska\s+|[{_L}]{{5,}}a\s+)?(?:[{_L}]+-(?=[{_L}]))?[{_L}]*n[äa]mnd(?:en|ens)?)"
    rf"(?P<district>[ \t](?![{_L}]*utskott){_DISTRICT_WORD})?"
    # Its arbetsutskott, or another utskott: "Socialnämndens individutskott" (SNIU).
    rf"(\s+(?P<committee>[{_L}]*?)utskott(?:et|s)?)?\b",
    re.IGNORECASE,
)
# A city's assembly and board under their own names ("Stadsfullmäktige", "Stadsstyrelsen", as
# Swedish-speaking cities in Finland and older Swedish minutes write them) are the
# municipality's: the same codes, so that "the council" and `body:KF` find them.
_CITY = (
    (re.compile(r"\bstadsfullm[äa]ktig\w*", re.I), Body(KF.code, "Stadsfullmäktige")),
    (re.compile(r"\bstadsstyrelsens\s+arbetsutskott\w*", re.I), Body(KSAU.code, "Stadsstyrelsens arbetsutskott")),
    (re.compile(r"\bstadsstyrelse\w*", re.I), Body(KS.code, "Stadsstyrelsen")),
)
_FIXED = (
    *_CITY,
    (re.compile(r"\bregionfullm[äa]ktig\w*", re.I), RF),
    (re.compile(r"\bregionstyrelsens\s+arbetsutskott\w*|\brsau\b", re.I), RSAU),
    (re.compile(r"\bregionstyrelse\w*", re.I), RS),
    (re.compile(r"\bkommunstyrelsens\s+arbetsutskott\w*|\bksau\b", re.I), KSAU),
    (re.compile(r"\bkommunfullm[äa]ktig\w*|\bfullm[äa]ktige\b|\bkf\b", re.I), KF),
    (re.compile(r"\bkommunstyrelse\w*|\bks\b", re.I), KS),
)
# The board's utskott other than its arbetsutskott: "Kommunstyrelsens personalutskott" (KSPU).
_BOARD_COMMITTEE = re.compile(
    rf"\b(?P<board>kommun|region)styrelsens\s+(?!arbets)(?P<committee>[{_L}]+?)utskott(?:et|s)?\b", re.I
)
_CODE = re.compile(r"^[A-ZÅÄÖ]{1,6}$")
# "SDN-Norra", and its arbetsutskott "SDN-NorraAU", typed in any case but the AU's.
_DISTRICT_CODE = re.compile(rf"^([A-ZÅÄÖ]{{1,6}})-([{_L}]+?(?:-[{_L}]+?)*)((?-i:AU))?$", re.I)


def _namnd_name(raw: str) -> str:
    name = re.sub(r"\s+", " ", raw.strip())
    name = re.sub(r"namnd", "nämnd", name, flags=re.I)
    name = re.sub(r"nämndens$", "nämnden", name, flags=re.I)
    name = re.sub(r"nämnd$", "nämnden", name, flags=re.I)
    # Lower case but for an abbreviation joined by a hyphen: "Gemensamma IT-nämnden".
    name = re.sub(rf"[{_L}]+", lambda m: m.group(0) if _abbreviation(name, m) else m.group(0).lower(), name)
    return name[0].upper() + name[1:]


def _abbreviation(name: str, word: re.Match) -> bool:
    return word.group(0).isupper() and len(word.group(0)) <= 3 and re.match(rf"-[{_L}]", name[word.end() :]) is not None


def namnd_code(name: str) -> str:
    """Initials of a nämnd's name: 'Kultur- och fritidsnämnden' -> 'KFN'.

    A name of one word takes the initials of its compound's parts, as municipalities write
    them in their case numbers: 'Stadsbyggnadsnämnden' -> 'SBN', 'Socialnämnden' -> 'SN'. A
    district nämnd's code ends in its district: 'Stadsdelsnämnden Norra' -> 'SDN-Norra'.

    >>> namnd_code("Bygg- och miljönämnden"), namnd_code("Tekniska nämnden"), namnd_code("Arbetsmarknadsnämnden")
    ('BMN', 'TN', 'AMN')
    """
    head, district = _split_district(name)
    words = [word for word in re.findall(rf"[{_L}]+", head) if word.lower() != "och"]
    if len(words) == 1:
        code = _compound_code(words[0])
    else:
        code = "".join("N" if w.lower().startswith("nämnd") else _initial(w) for w in words)
    # The district written out, not an initial: Norra and Nordost, or two places of one
    # letter, must not share a code, and "SDN-Norra" reads as the name it stands for. A
    # hyphen, not a space, keeps the code one word for "body:SDN-Norra" and the index.
    return f"{code}-{district}" if district else code


def _initial(word: str) -> str:
    if word.isupper() and len(word) <= 3:
        return word  # an abbreviation is its own initials: "IT-nämnden" -> ITN
    return word[0].upper() + "N" if "nämnd" in word.lower() else word[0].upper()


@lru_cache(maxsize=1024)
def _compound_code(word: str) -> str:
    """'Stadsbyggnadsnämnden' -> stad|byggnad|nämnden -> 'SBN'. A word the lexicon cannot
    split is one subject: 'Överförmyndarnämnden' -> 'ÖN'."""
    parts = _name_parts(word.lower().replace("namnd", "nämnd"))
    if len(parts) < 2 or not parts[-1].startswith("nämnd"):
        return _initial(word)
    return "".join(part[0].upper() for part in parts[:-1]) + "N"


def _name_parts(word: str) -> tuple[str, ...]:
    """The parts of a nämnd's one-word name, a part that is a compound itself split too:
    "stadsdelsnämnden" is "stad", "del" and "nämnden". The splitter reads a compound from
    the front ("stad|byggnadsnämnden"), so the part ending in "nämnd" is split again as a
    name. Any other part is a word taken alone, which may split by chance into short words
    ("kul|tur", "ser|vice", "fri|tid"): a head of three letters is no part of it."""
    parts = split_compound(word)
    if not parts or ("nämnd" not in word and len(parts[0]) < 4):
        return (word,)
    return tuple(leaf for part in parts for leaf in _name_parts(part))


def _split_district(name: str) -> tuple[str, str]:
    """A nämnd's name and its district: ('Stadsdelsnämnden', 'Norra'); ('Socialnämnden', '')."""
    m = re.search(rf"[{_L}]*n[äa]mnd[{_L}]*", name, re.I)
    if m is None:
        return name, ""
    head, rest = name[: m.end()], name[m.end() :].strip()
    if not rest or not _is_district_kind(m.group(0)):
        return head, ""
    return head, _capitalised(rest)


def _is_district_kind(name: str) -> bool:
    return name.lower().startswith(_DISTRICT_KINDS)


def _capitalised(district: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in district.split("-"))


def without_district(code: str) -> str:
    """The code of a district nämnd named without its district: 'SDN-Norra' -> 'SDN',
    'SDN-NorraAU' -> 'SDNAU'."""
    base, dash, district = code.partition("-")
    return base + "AU" if dash and district.endswith("AU") else base


def same_body(one: Body, other: Body) -> bool:
    """Whether two names are one body. In a district's minutes "Stadsdelsnämnden" alone is
    that district's nämnd; another district, "Stadsdelsnämnden Söder", is not."""
    if one.code == other.code:
        return True
    return without_district(one.code) == without_district(other.code) and ("-" in one.code) != ("-" in other.code)


def namnd_subjects(name: str) -> set[str]:
    """What a nämnd is for, word by word, as its code is made from the same words.

    >>> sorted(namnd_subjects("Bygg- och miljönämnden")), namnd_subjects("Byggnämnden")
    (['bygg', 'miljö'], {'bygg'})
    """
    # A district names where the nämnd works, not what it is for.
    words = (word.lower() for word in re.findall(rf"[{_L}]+", _split_district(name)[0]))
    return {re.sub(r"s?nämnd(?:en|ens)?$", "", word) for word in words if word != "och"} - {""}


def _namnd_body(match: re.Match) -> tuple[Body, int]:
    """The body a nämnd's name stands for, and where its name ends."""
    name = _namnd_name(match.group(1))
    district = (match.group("district") or "").strip()
    if district and not _is_district_kind(name):
        # "Kulturnämnden Lövstrand": a capitalised word after another nämnd is no part of it.
        return Body(namnd_code(name), name), match.end(1)
    if district:
        if match.group(3) and district.endswith("s"):
            district = district[:-1]  # "Stadsdelsnämnden Norras arbetsutskott"
        name = f"{name} {district}"
    code = namnd_code(name)
    if match.group(3):
        committee = match.group("committee").lower()
        return Body(code + _committee_code(committee), f"{name}s {committee}utskott"), match.end()
    return Body(code, name), match.end()


def _committee_code(committee: str) -> str:
    """An utskott's letters after its parent's code: "arbets" -> "AU", "personal" -> "PU"."""
    return committee[:1].upper() + "U"


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
        body, end = _namnd_body(m)
        found.append((m.start(), end, body))
    for m in _BOARD_COMMITTEE.finditer(text):
        board = KS if m.group("board").lower() == "kommun" else RS
        committee = m.group("committee").lower()
        found.append((m.start(), m.end(), Body(board.code + _committee_code(committee), f"{board.name}s {committee}utskott")))
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
    head, district = _split_district(text)
    if district:
        # The text names one body, so what follows a district nämnd is its district, though
        # typed in lower case ("stadsdelsnämnden norra").
        text = f"{head} {district}"
    body = find_body(text)
    if body is not None:
        return body
    if _CODE.match(upper):
        return Body(upper, upper)
    m = _DISTRICT_CODE.match(text)
    if m:
        code = f"{m.group(1).upper()}-{_capitalised(m.group(2))}" + (m.group(3) or "")
        return Body(code, code)
    return None
