"""Recognising the two kinds of heading in minutes: a paragraph's (§) and a section's.

Shared by the parser, which splits protocols at them, and the text clean-up, which must never
take one for a running page line or a broken word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .analysis import is_stopword, word_rank

# A paragraph number. OCR of a scan may read its digits as letters ("§ l3", "§ I3", "§ 1O"),
# which is taken only beside a digit and where no letter follows: "§ IT" is no number.
_NUMBER = r"(?P<num>(?=[lIO]*\d)[\dlIO]{1,4}(?![^\W\d_])|\d{1,4})"
_OCR_DIGITS = str.maketrans("lIO", "110")

# "§ 21", "KS § 102", "Au § 88", "§ 4/2014", "§ 63/20", "§21 Title"; not "§§ 1-54" nor "§ 12-24".
# OCR reads the § sign as "$" ("$ 41", "$14 Title"): before a number at a line's start nothing
# else prints a dollar sign, so it is a § as surely as the sign itself.
_HEADING = re.compile(
    r"^[ \t]*(?:(?P<prefix>[A-ZÅÄÖ]{1,6}|[A-ZÅÄÖ][a-zåäö]{1,5})[ \t]*)?(?P<sign>§|\$|Paragraf\b)[ \t]*" + _NUMBER +
    r"(?:[ \t]*(?P<sep>[/:])[ \t]*(?P<tail>\d{1,4}))?(?![\d\-–])(?P<rest>.*)$"
)
# The § sign read as "S" ("S 43", "s 12"): as often a party ("S 12 mandat") or a page, so only a
# candidate, which the parser takes where it carries on the numbering of the real headings.
_HEADING_AS_S = re.compile(
    r"^[ \t]*(?P<sign>[Ss])[ \t]*" + _NUMBER + r"(?:[ \t]*(?P<sep>/)[ \t]*(?P<tail>\d{1,4}))?(?![\d\-–/:.,])(?P<rest>.*)$"
)
# Minutes with no § at all number their matters as items: "Ärende 3. Title", "Punkt 2", "Ärende 3:".
_ITEM = re.compile(
    r"^[ \t]*(?P<label>Ärende|ÄRENDE|Punkt|PUNKT|Dagordningspunkt)[ \t]+(?:nr\.?[ \t]*)?(?P<num>\d{1,3})"
    r"(?![\d/\-–]|[.,:]\d)(?P<rest>.*)$"
)
# The § sign lost by PDF-to-text, or never printed: "KS 235 Dnr 191/2013", "AU 5:18", "BMN 57".
_HEADING_NO_SIGN = re.compile(
    r"^[ \t]*(?P<prefix>[A-ZÅÄÖ]{1,6})[ \t]+(?P<num>\d{1,4})"
    r"(?:[ \t]*(?P<sep>[/:])[ \t]*(?P<tail>\d{1,4}))?(?![\d/:.\-–])(?P<rest>.*)$"
)
_PARTIES = {"S", "M", "SD", "C", "V", "KD", "L", "MP"}

# Whom a proposal goes to: "Förslag till kommunfullmäktige" heads a decision, while "Förslag
# till detaljplan för ..." or "Förslag till budget 2025" is a matter's title.
_ADDRESSEE = (
    r"(?:kommunfullmäktige|fullmäktige|kommunstyrelsen|regionfullmäktige|regionstyrelsen|"
    r"(?:[\w\-]+\s+och\s+)?[\w\-]*(?:nämnden|utskottet|styrelsen|fullmäktige))"
)

_SECTION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("recipients", r"(?:beslutet\s+(?:ska\s+)?(?:skickas|expedieras|sänds)\s+till|expedieras\s+till|"
                   r"expediering|beslutsexpediering|sändlista|skickas\s+till|expedieras|"
                   r"protokollsutdrag\s+(?:till|skickas\s+till))"),
    ("basis", r"beslutsunderlag|handlingar\s+i\s+ärendet|underlag(?:\s+för\s+beslut)?|handlingar"),
    ("summary", r"sammanfattning(?:\s+av\s+ärendet)?|ärendebeskrivning|bakgrund|ärendet|"
                r"beskrivning\s+av\s+ärendet|ärendet\s+i\s+korthet|ärendets\s+beredning|"
                r"förvaltningens\s+(?:synpunkter|bedömning)|bedömning|motivering|"
                r"beredning|inledning|information\s+i\s+ärendet"),
    ("deliberation", r"överläggning|yttranden?|överläggningar|debatt|ärendets\s+behandling|"
                     r"behandling\s+på\s+sammanträdet|sammanträdets\s+behandling"),
    ("motions", r"yrkanden?|förslag\s+och\s+yrkanden|yrkande\s+och\s+proposition"),
    ("propositions", r"propositioner|proposition|propositionsordning|beslutsgång|beslutsordning"),
    ("vote", r"omröstning|omröstningsresultat|votering|omröstningsprotokoll|"
             r"voteringsproposition|omröstningslista|"
             r"(?:propositioner|proposition|propositionsordning|beslutsgång)\s+och\s+(?:omröstning|votering)"),
    ("reservation", r"reservation(?:er)?|reservationer\s+och\s+protokollsanteckningar"),
    ("note", r"protokollsanteckning(?:ar)?|särskil(?:t|da)\s+yttranden?|jäv|anteckning(?:ar)?"),
    # How to appeal: printed after the reservations, and no part of them.
    ("appeal", r"hur\s+man\s+överklagar(?:\s+beslutet)?|hur\s+beslutet\s+kan\s+överklagas|"
               r"information\s+om\s+(?:hur\s+man\s+)?överklag\w*|överklagandehänvisning|besvärshänvisning"),
    ("decision_proposal", r"(?:förvaltningens|tjänstepersonens|kommundirektörens|ordförandens|"
                          r"förvaltningschefens|presidiets)\s+förslag(?:\s+till\s+beslut)?"),
    # "Kommunstyrelsens beslut", "Bygg- och miljönämndens beslut"; not a title such as
    # "Överklagande av länsstyrelsens beslut", whose preposition shows it names a matter, nor
    # the side of a vote listing its voters ("Ja för förvaltningens förslag: Anna Berg (S)").
    ("decision", r"(?!.*\b(?:av|om|mot|på|över|angående|gällande|enligt|inför|efter)\s)(?!(?:ja|nej|avstår)(?:-röst\w*)?\s)"
                 r"(?:[\w\-]+\s+){0,4}[\w\-]*s\s+(?:beslut(?:\s+för\s+egen\s+del)?|förslag(?:\s+till\s+[\w ]+)?)|"
                 r"beslut|förslag\s+till\s+" + _ADDRESSEE + "|"
                 r"beslutsförslag|förslag\s+till\s+beslut|beslut\s+i\s+korthet"),
)
_SECTIONS = tuple((kind, re.compile(rf"(?:{pattern})", re.I)) for kind, pattern in _SECTION_PATTERNS)


_APPEAL_LINE = re.compile(
    r"(?:hur\s+man\s+överklagar|hur\s+beslutet\s+kan\s+överklagas|överklagandehänvisning|besvärshänvisning)"
    r"(?:\s+beslutet)?\s*[,:.\-–]\s*(?P<rest>.*)$",
    re.I,
)


def match_heading(text: str) -> tuple[str, str, str | None, str] | None:
    m = _HEADING.match(text)
    prefix = m.group("prefix") if m is not None else None
    if prefix and not prefix.isupper() and (not _body_code(prefix.upper()) or _common_word(prefix)):
        return None  # "Se § 12", "Även § 14": a word, not a body's "Au § 88" or "Ks § 7"
    signed = m is not None
    if m is None:
        m = _HEADING_NO_SIGN.match(text)
        if m is None or not _plausible_unsigned(m):
            return None
    return _heading_parts(text, m, signed)


def match_heading_read_as_s(text: str) -> tuple[str, str, str | None, str] | None:
    """A line that is a § heading if OCR read its sign as "S": "S 43", "S 19   Dnr KS 2006/31".

    Only the line's shape is checked here, a title, a Dnr or nothing after the number ("S 12
    ledamöter" is no heading); whether the numbering around it makes it one is the parser's to say.
    """
    m = _HEADING_AS_S.match(text)
    if m is None:
        return None
    rest = m.group("rest").strip()
    if rest and not (rest[0].isalpha() and rest[0].isupper()):
        return None
    return _heading_parts(text, m, signed=True)


def match_item(text: str) -> tuple[str, str, str | None, str] | None:
    """An item heading of minutes numbered without §: "Ärende 3. Title", "Punkt 2", "Ärende 3: Title".

    The printed heading is the label and the number, "Ärende 3", as "§ 3" is a paragraph's.
    """
    m = _ITEM.match(text)
    if m is None or int(m.group("num")) == 0:
        return None
    rest = m.group("rest")
    if rest and rest[0] not in " \t.:-–":
        return None  # "Ärende 3a", "Punkt 2)"
    rest = rest.lstrip(" \t.:-–").rstrip()
    if rest and not _plausible_rest(rest):
        return None
    words = rest.split()
    if len(words) > 2 and rest.endswith(".") and "." not in words[-1][:-1]:
        return None  # "Punkt 1 Nämnden godkänner avtalet.": a decision's point, not a matter ("m.fl." ends a title)
    return f"{m.group('label')} {int(m.group('num'))}", str(int(m.group("num"))), None, rest


def _heading_parts(text: str, m: re.Match, signed: bool) -> tuple[str, str, str | None, str] | None:
    """(printed heading, number, body prefix, rest of the line) of a matched heading line."""
    rest = m.group("rest")
    # A table row, "§ 112 | Val av justerare": the cell separator is no part of the title.
    rest = re.sub(r"^[ \t]*\|", " ", rest).rstrip("| \t")
    if rest and not _plausible_rest(rest):
        return None
    number = m.group("num").translate(_OCR_DIGITS)
    if m.group("sep") == ":" and m.group("tail"):
        number = m.group("tail")  # "AU 5:18": meeting 5, paragraph 18
    number = str(int(number))
    if not signed and int(number) == 0:
        return None
    start = m.start("prefix") if m.groupdict().get("prefix") else m.start("sign") if signed else m.start("num")
    printed = text[start : m.start("rest")]
    if signed and m.group("sign") in ("$", "S", "s"):
        # What OCR misread is shown as the minutes print it: "$ 41" and "S l3" are "§ 41", "§ 13".
        cut = m.start("sign") - start
        printed = printed[:cut] + "§" + printed[cut + 1 :]
    cut, end = m.start("num") - start, m.end("num") - start
    printed = printed[:cut] + printed[cut:end].translate(_OCR_DIGITS) + printed[end:]
    prefix = m.group("prefix").upper() if m.groupdict().get("prefix") else None
    rest = rest.strip()
    if _DOTTED_TITLE.match(rest):
        rest = rest[1:].lstrip()
    return printed.strip(), number, prefix, rest


def _plausible_unsigned(m: re.Match) -> bool:
    prefix = m.group("prefix")
    if prefix in _PARTIES:
        return False
    if not _body_code(prefix):
        return False
    if int(m.group("num")) >= 1900:  # a year: this is a case number such as "KS 2023/412"
        return False
    rest = m.group("rest").strip()
    if rest and not (rest[0].isupper() or rest.lower().startswith("dnr")):
        return False
    return len(rest) <= 160


def _common_word(word: str) -> bool:
    """"Även", "Sedan", "Kan": words of running text, not a body's short name ("Bun", "Au")."""
    rank = word_rank(word)
    return is_stopword(word) or (rank is not None and rank < _COMMON_RANK)


_COMMON_RANK = 20_000


def _body_code(prefix: str) -> bool:
    """A short name a body's paragraphs are numbered with: KF, KS, AU, BUN, SNAU, RS, and an
    utskott's: PU (personalutskott), SNIU."""
    return prefix in ("KF", "KS", "RF", "RS") or prefix.endswith(("N", "U"))


_DOTTED_TITLE = re.compile(r"\.[ \t]+[A-ZÅÄÖ\d]")


def _plausible_rest(rest: str) -> bool:
    """What follows the number on a heading line: nothing, a title, a Dnr, or a page ref."""
    rest = rest.strip()
    if not rest:
        return True
    if rest[0] in ",;)" or (rest[0] == "." and not _DOTTED_TITLE.match(rest)):
        return False  # "§ 4.2", "§ 12, 14": a reference; "§ 86. Mål och budget" is a heading
    first = rest.lstrip("-–:. \t")
    return not first or first[0].isupper() or first[0].isdigit() or first.lower().startswith("dnr")


@lru_cache(maxsize=65_536)
def section_kind(line: str) -> tuple[str, str] | None:
    """(kind, rest) when `line` is a section heading such as 'Sammanfattning' or 'Beslut:'."""
    text = line.strip().strip("*_#").strip()
    if not text or len(text) > 90:
        return None
    appeal = _APPEAL_LINE.match(text)
    if appeal:  # "Hur man överklagar, se bilaga.": a pointer to the appeal notice, not a sentence
        return "appeal", appeal.group("rest")
    # "Beslut: ..." but not the colon of a property, "Tallåsvallen 2:1".
    split = re.search(r"(?<!\d):|:(?!\d)", text)
    head, colon, rest = (text[: split.start()], ":", text[split.end() :]) if split else (text, "", "")
    head = head.strip().rstrip(".")
    if not colon and (text.endswith(".") or len(text.split()) > 7):
        return None
    for kind, pattern in _SECTIONS:
        if pattern.fullmatch(head):
            return kind, rest.strip()
    return None
