"""Pure text clean-up shared by the readers: normalising, running lines, hyphenation."""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable

from .headings import match_heading, section_kind

# Spaces that look like a space to a reader but would break matching and tokenising.
# Between two sentences: after . ! or ? and before a capital or a digit, but not after an
# abbreviation a number follows ("9 kap. 31 §", "nr. 4", "kl. 13.00", "jfr. 2 §").
SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?<!\bkap\.)(?<!\bnr\.)(?<!\bkl\.)(?<!\bjfr\.)(?<!\bp\.)\s+(?=[A-ZÅÄÖ0-9])")
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
# A soft hyphen at a line end marks where a word was broken, so the word is rejoined.
_SOFT_HYPHEN_BREAK = re.compile(r"\u00ad[ \t]*\n[ \t]*(?=[^\W\d_A-ZÅÄÖ])")
# C0 controls other than tab, newline and form feed are extraction debris.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACE_BEFORE_FORM_FEED = re.compile(r"[ \t]+(?=\f)")


# Typeset PDFs write "ﬁ" and "ﬂ" as one glyph, which text extraction keeps: "m.ﬂ." must
# read as "m.fl." for search. NFKC would do it, but would also turn "²" into "2" and "½" into "1⁄2".
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
# str.translate looks up every character of a text that is not all ASCII: a tenth of reading a
# file. A ligature is rare, so the text is searched for one first.
_LIGATURE = re.compile("[\ufb00-\ufb06]")


def normalise(text: str) -> str:
    """NFC, plain spaces, no invisible characters, no ligatures, LF line ends; form feeds are kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _SOFT_HYPHEN_BREAK.sub("", text).replace("\u00ad", "")
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    if _LIGATURE.search(text):
        text = text.translate(_LIGATURES)
    # Spaces at line ends, by line: a pattern over the text tries every space of it.
    text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    return _SPACE_BEFORE_FORM_FEED.sub("", text) if "\f" in text else text


# A scan's OCR reads a lower-case l as a capital I or a one, and an o as a zero, inside words:
# "kommunstyreIsen", "fu11mäktige", "k0mmun". Only words with such a letter beside a
# lower-case one are looked at; "Inom" and "IT" are left alone by the check below.
# Led by the misread letter itself, which is rare, the search skims a protocol quickly.
_SCAN_LETTER = re.compile(r"[I10](?:(?<=[a-zåäöé].)|(?<![^\W_].)(?=[aeiouyåäö]))")
_WORD_AROUND = re.compile(r"[^\W_]*")
_SCAN_L = re.compile(r"(?<=[a-zåäöé])[I1]|[I1](?=[a-zåäöé])")
_SCAN_O = re.compile(r"(?<=[a-zåäöé])0|0(?=[a-zåäöé])")


def repair_scan_letters(text: str, known: Callable[..., bool]) -> str:
    """Words a scan misread, spelt as meant where that spelling is a known word and the
    misread one is not: "kommunstyreIsen" -> "kommunstyrelsen", "Iedamöter" -> "ledamöter";
    "Inom" and "Ingrid" stay. `known(word, compounds=...)` is the lexicon's judgement; the
    misread word must be a word of its own, as "kommunstyre|isen" splits into two."""

    pieces, done = [], 0
    for m in _SCAN_LETTER.finditer(text):
        if m.start() < done:
            continue  # in a word already looked at
        start = m.start() - len(_WORD_AROUND.match(text[max(0, m.start() - 40) : m.start()][::-1]).group(0))
        end = _WORD_AROUND.match(text, m.start()).end()
        word = text[start:end]
        fixed = _SCAN_O.sub("o", _SCAN_L.sub("l", word))
        if len(word) >= 4 and fixed != word and not known(word, compounds=False) and known(fixed):
            pieces += [text[done:start], fixed]
            done = end
        else:
            pieces.append(text[done:end])
            done = end
    return "".join(pieces) + text[done:] if pieces else text


# A number a scan misread, a digit read as a letter beside the others: "l42 miljoner",
# "ON 2023/ll2", "2O24". A letter alone, or beside letters ("CO2", "H2O"), is left as it is.
_SCAN_NUMBER = re.compile(r"(?=[\dlIO])(?<![^\W\d_])(?=[lIO]*\d)(?=\d*[lIO])[\dlIO]{2,}(?![^\W\d_])")
_SCAN_DIGITS = str.maketrans("lIO", "110")


def repair_scan_digits(text: str) -> str:
    """Numbers a scan misread, digits as meant: "l42" -> "142", "2023/ll2" -> "2023/112"."""
    if "l" not in text and "I" not in text and "O" not in text:
        return text
    return _SCAN_NUMBER.sub(lambda m: m.group(0).translate(_SCAN_DIGITS), text)


def is_paragraph_heading(line: str) -> bool:
    """Whether a line opens a numbered paragraph (§) of the minutes."""
    return match_heading(line.strip()) is not None


def _is_section_heading(line: str) -> bool:
    return section_kind(line) is not None


# --- running headers and footers ----------------------------------------------------------------

_EDGE = 3  # non-empty lines at the top and at the bottom of a page that may be running lines

_PAGE_WORD = re.compile(
    r"^(?:sida|sid\.?|s\.|page)\s*([0-9]{1,4})"
    r"(?:\s*(?:\(\s*([0-9]{1,4})\s*\)|(?:av|of|/)\s*([0-9]{1,4})))?$",
    re.IGNORECASE,
)
_PAGE_OF = re.compile(r"^([0-9]{1,4})\s*(?:\(\s*([0-9]{1,4})\s*\)|/\s*([0-9]{1,4}))$")
_PAGE_DASHED = re.compile(r"^[-–]\s*([0-9]{1,4})\s*[-–]$")
# The boxes to sign in, which name no one: "Justerandes sign", "Utdragsbestyrkande".
SIGNATURE_BOX = (
    r"(?:(?:justerandes?|justerandens|justerarens?|justerares|ordförandes|ordf\.?|sekreterarens?)"
    r"\s+sign(?:atur(?:er)?|\.)?|utdragsbestyrkande)"
)
_SIGNATURE_LABEL = rf"(?:{SIGNATURE_BOX}|justerare)"
# Labels may share a line when the footer's columns were flattened.
_SIGNATURE_LABELS = re.compile(
    rf"^{_SIGNATURE_LABEL}(?:[\s|/]+{_SIGNATURE_LABEL})*[\s|/]*$", re.IGNORECASE
)
_PAGE_MARKER_AT_END = re.compile(
    r"\bsida\s+([0-9]{1,4})\s*(?:\(\s*[0-9]{1,4}\s*\)|av\s+[0-9]{1,4})$", re.IGNORECASE
)
# A letterhead's last column: "BREDVIKS KOMMUN     PROTOKOLL     3(10)", the word "Sida" left
# on the line above or not printed at all.
_PAGE_COLUMN_AT_END = re.compile(r"\S(?:\s{2,}|\t)([0-9]{1,4})\s*\(\s*([0-9]{1,4})\s*\)$")


def page_number(line: str) -> int | None:
    """The page number if the whole line is one ("Sida 3 (14)", "3 (14)", "3/14", "- 3 -")."""
    line = " ".join(line.split())
    match = _PAGE_WORD.match(line)
    if match:
        number, total = int(match.group(1)), match.group(2) or match.group(3)
        return number if total is None or number <= int(total) else None
    match = _PAGE_OF.match(line)
    if match:
        # "191/2013" is a case number, not page 191 of 2013: a page total stays below 1000.
        number, total = int(match.group(1)), int(match.group(2) or match.group(3))
        return number if 1 <= number <= total < 1000 else None
    match = _PAGE_DASHED.match(line)
    return int(match.group(1)) if match else None


def _is_label_or_noise(line: str, page_index: int) -> bool:
    stripped = line.strip()
    if page_number(stripped) is not None or _SIGNATURE_LABELS.match(stripped):
        return True
    # A bare number is taken for a page number only when it is this page's number.
    if stripped.isascii() and stripped.isdigit():
        return int(stripped) == page_index + 1
    # Signature scribbles read as punctuation only ("//~ns~!~~" has letters, "//~~!" does not).
    return "§" not in stripped and not any(ch.isalnum() for ch in stripped)


_SHORT_LINE = 80  # running lines are short; long lines repeat only if body text repeats


def _running_key(line: str) -> str:
    """What repeats across pages: short lines compare with digits masked ("Sida # (#)"),
    long ones exactly, since body text often differs from a line on another page only in
    its numbers."""
    line = " ".join(line.split()).casefold()
    return re.sub(r"[0-9]+", "#", line) if len(line) <= _SHORT_LINE else line


_ROUNDS = 3  # a header taller than three lines is peeled three lines at a time


def _window(
    lines: list[str], gone: set[int], top: bool, bottom: bool
) -> tuple[list[int], list[int], bool]:
    """The lines still at a page's top and bottom edges that may be running lines, and
    whether a paragraph heading ended the top window.

    A paragraph heading starts the body: the rest of the top window after it is the
    paragraph's own (also when a short page makes it the bottom), and no footer comes
    before a heading.
    """
    filled = [i for i, line in enumerate(lines) if line.strip() and i not in gone]
    head, tail = filled[:_EDGE], filled[-_EDGE:]
    head_headings = [i for i in head if is_paragraph_heading(lines[i])]
    upper = [i for i in head if not head_headings or i < head_headings[0]] if top else []
    body_until = [i for i in tail if is_paragraph_heading(lines[i])]
    if head_headings:
        body_until.append(head[-1])
    last_body = max(body_until, default=-1)
    lower = [i for i in tail if i > last_body and i not in upper] if bottom else []
    return upper, lower, bool(head_headings)


def _repeated(pages_lines: list[list[str]], windows: list[list[int]]) -> set[str]:
    counts: Counter[str] = Counter()
    for lines, window in zip(pages_lines, windows, strict=True):
        counts.update({_running_key(lines[i]) for i in window})
    needed = max(2, math.ceil(len(pages_lines) / 2))
    return {key for key, count in counts.items() if count >= needed and key.strip("# ")}


# A case-number line ("Dnr: KS 2022:500") looks like another page's once digits are masked,
# but it belongs to a paragraph: running headers name the body and date, not a matter.
_CASE_LINE = re.compile(r"^\s*(?:dnr|diarienummer|diarienr)\b", re.IGNORECASE)


def _running_in(lines: list[str], window: list[int], index: int, repeated: set[str]) -> set[int]:
    return {
        i
        for i in window
        if not _is_section_heading(lines[i])
        and not _CASE_LINE.match(lines[i])
        and (_is_label_or_noise(lines[i], index) or _running_key(lines[i]) in repeated)
    }


def _all_running(side: list[int], removed: set[int]) -> bool:
    # Only a full window of running lines suggests the header or footer goes on further in.
    return len(side) == _EDGE and all(i in removed for i in side)


def strip_running_lines(pages: list[str]) -> list[str]:
    """Remove running headers, footers and page numbers from each page; keep the page count.

    A line counts as running when it sits among a page's first or last three non-empty lines
    and repeats there (digits and spacing aside) on at least half the pages; where those
    three were all running, the next three are looked at too. Page numbers and signature
    labels go wherever they sit at a page edge. Paragraph headings always stay, and so does
    the first page's header: it names the body and the date, and precedes all paragraphs.
    """
    pages_lines = [page.split("\n") for page in pages]
    gone: list[set[int]] = [set() for _ in pages_lines]
    kept_header: set[int] = set()
    sides = [(True, True) for _ in pages_lines]
    for _ in range(_ROUNDS):
        windows = [_window(lines, gone[p], *sides[p]) for p, lines in enumerate(pages_lines)]
        repeated = _repeated(pages_lines, [upper + lower for upper, lower, _ in windows])
        progress = False
        for p, (lines, (upper, lower, stopped)) in enumerate(
            zip(pages_lines, windows, strict=True)
        ):
            removed = _running_in(lines, upper + lower, p, repeated)
            if p == 0:
                kept_header |= {
                    i for i in upper if i in removed and not _is_label_or_noise(lines[i], 0)
                }
            gone[p] |= removed
            progress = progress or bool(removed)
            sides[p] = (not stopped and _all_running(upper, removed), _all_running(lower, removed))
        if not progress:
            break
    if pages_lines:
        gone[0] -= kept_header
    return [
        "\n".join(line for i, line in enumerate(lines) if i not in dropped).strip("\n")
        for lines, dropped in zip(pages_lines, gone, strict=True)
    ]


def _page_columns(lines: list[str]) -> dict[int, int]:
    """Letterhead page columns ("PROTOKOLL   3(10)"), line -> page number, when they count
    the pages of one document: one total, numbers one apart. A table's "Beviljade
    ansökningar   17 (19)" does neither."""
    found = []
    for i, line in enumerate(lines):
        match = _PAGE_COLUMN_AT_END.search(line.strip())
        if match and int(match.group(1)) <= int(match.group(2)):
            found.append((i, int(match.group(1)), int(match.group(2))))
    if len(found) < 2 or len({total for _, _, total in found}) != 1:
        return {}
    numbers = [n for _, n, _ in found]
    if any(b != a + 1 for a, b in itertools.pairwise(numbers)):
        return {}
    return {i: n for i, n, _ in found}


def split_at_page_markers(text: str) -> list[str]:
    """Split text that lost its form feeds at page marker lines ("Sida 2 (6)").

    Markers must count upwards. A marker opens its page when the numbering starts at a
    header (little text before the first marker), and closes it when it is a footer.
    """
    lines = text.split("\n")
    columns = _page_columns(lines)
    markers: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        number = page_number(stripped)
        if number is None:
            match = _PAGE_MARKER_AT_END.search(stripped)
            number = int(match.group(1)) if match else None
        if number is None:
            number = columns.get(i)
        if number is not None and (not markers or number > markers[-1][1]):
            markers.append((i, number))
    if len(markers) < 2:  # one number-like line is too little evidence of pagination
        return [text]
    first_line, first_number = markers[0]
    before = sum(1 for line in lines[:first_line] if line.strip())
    after = sum(1 for line in lines[markers[-1][0] + 1 :] if line.strip())
    opens_page = first_number >= 2 or before < after
    cuts = [i if opens_page else i + 1 for i, _ in markers]
    # A few lines before page 1's header marker, or after the last footer marker, are that
    # page's own header or footer lines, not a page of their own.
    if opens_page and first_number == 1:
        cuts = cuts[1:]
    elif not opens_page and after <= _EDGE:
        cuts = cuts[:-1]
    bounds = [0, *cuts, len(lines)]
    return ["\n".join(lines[a:b]).strip("\n") for a, b in itertools.pairwise(bounds)]


# --- hyphenation --------------------------------------------------------------------------------

# "Barn- och utbildningsnämnden": a hyphen before a conjunction belongs to a compound.
_SUSPENDED_COMPOUND_WORDS = frozenset(
    {"och", "eller", "samt", "respektive", "resp", "alternativt", "liksom", "som", "till"}
)
_SEPARATOR = re.compile(r"(\n?\f\n?|\n)")


def _broken_word(line: str) -> str | None:
    """The fragment before a line-end hyphen if the line ends in one ("kommun-")."""
    if len(line) < 2 or not line.endswith("-") or not line[-2].isalpha():
        return None
    return line.split()[-1][:-1]


def _keeps_hyphen(fragment: str) -> bool:
    # "e-post", "IT-stöd", "2023-års": after a single letter, an acronym or a number the
    # hyphen is part of the word, only the line break goes.
    core = fragment.rsplit("-", 1)[-1]
    return len(core) == 1 or (core.isupper() and len(core) > 1) or any(c.isdigit() for c in core)


def _continues_word(line: str) -> bool:
    stripped = line.lstrip()
    if not stripped or not stripped[0].isalpha() or not stripped[0].islower():
        return False
    first_word = re.split(r"[^\w]", stripped, maxsplit=1)[0]
    return first_word not in _SUSPENDED_COMPOUND_WORDS and not is_paragraph_heading(stripped)


def dehyphenate(text: str) -> str:
    """Join words hyphenated across line (and page) breaks; keep real hyphens.

    The rest of the word moves up to the line that holds its start, so every other line
    keeps its place, and a page break keeps its page.
    """
    parts = _SEPARATOR.split(text)
    lines, seps = parts[0::2], parts[1::2]
    i = 0
    while i < len(lines) - 1:
        fragment = _broken_word(lines[i])
        if fragment is None or not _continues_word(lines[i + 1]):
            i += 1
            continue
        head, *rest = lines[i + 1].split(maxsplit=1)
        hyphen = "-" if _keeps_hyphen(fragment) else ""
        lines[i] = lines[i][:-1] + hyphen + head
        if rest:
            lines[i + 1] = rest[0]
        elif i + 1 < len(seps) and not ("\f" in seps[i] and "\f" in seps[i + 1]):
            # The next line held only the word's end: drop it, keeping a page break if any.
            sep = seps[i] if "\f" in seps[i] else seps[i + 1]
            del lines[i + 1]
            seps[i : i + 2] = [sep]
            continue
        elif i + 1 == len(seps) and "\f" not in seps[i]:
            del lines[i + 1]
            del seps[i]
            continue
        else:
            lines[i + 1] = ""  # the page held only the word's end; the page itself stays
        i += 1
    out = [lines[0]]
    for sep, line in zip(seps, lines[1:], strict=False):
        out += [sep, line]
    return "".join(out)
