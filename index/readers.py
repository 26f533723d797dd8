"""Turn minutes files (PDF, DOCX, HTML, Markdown, plain text) into normalised text.

Parsers take bytes so they can be tested without files; `read_file` only reads and
dispatches. Every failure becomes a ReadError whose reason a clerk can act on.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import logging
import re
import threading
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import ReadError
from .headings import match_heading
from .records import SourceText
from .text import dehyphenate, normalise, page_number, split_at_page_markers, strip_running_lines

DEFAULT_NAME = "<data>"
MAX_DOCX_UNPACKED = 200 * 1024 * 1024
MAX_DOCX_MEMBERS = 10_000
# A page with images and fewer letters than this is taken for a scan.
MIN_PAGE_LETTERS = 25


def _plain(exc: BaseException) -> str:
    """A library's exception as a short phrase for the end of a reason."""
    text = " ".join(str(exc).split())
    if not text:
        text = type(exc).__name__
    return text[:160]


# --- decoding -----------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Encodings a Swedish text file plausibly has when it is not UTF: Windows, DOS, old Mac.
_LEGACY_CANDIDATES = ["cp1252", "cp850", "mac_roman"]
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def _bom_encoding(data: bytes) -> tuple[str, bytes] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NULs in every other byte of mostly-ASCII text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


# Non-ASCII characters a Swedish text plausibly holds; box drawing and the like it does not.
_PLAUSIBLE = frozenset("åäöÅÄÖéÉèüÜæøÆØáàíóúñç§°–—‘’“”•…€´½«»")


def _plausibility(text: str) -> int:
    foreign = [ch for ch in text if not ch.isascii()]
    return sum(1 if ch in _PLAUSIBLE else -2 for ch in foreign)


def _guess_legacy(data: bytes) -> str:
    """charset-normalizer's choice among the legacy candidates, unless cp1252 reads better.

    Left alone it guesses cp850 for short Swedish cp1252 text ("Õ" for "å"), so its guess
    must read at least as plausibly as cp1252 to be taken.
    """
    # Imported here: charset-normalizer is slow to import and only needed for odd files.
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data, cp_isolation=_LEGACY_CANDIDATES).best()
    except Exception:
        best = None
    guess = best.encoding if best is not None else "cp1252"
    if guess not in _LEGACY_CANDIDATES or guess == "cp1252":
        return "cp1252"
    sample = data[:65536]
    guessed = _plausibility(sample.decode(guess, errors="replace"))
    windows = _plausibility(sample.decode("cp1252", errors="replace"))
    return guess if guessed > windows else "cp1252"


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:65536]
    return len(_BINARY_CONTROL.findall(sample)) > max(2, len(sample) // 200)


def decode_text(data: bytes, name: str = DEFAULT_NAME) -> tuple[str, str]:
    """Decode a text file's bytes; return the text and a note naming an unusual encoding."""
    found = _bom_encoding(data)
    if found is not None:
        encoding, body = found
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ReadError(name, f"damaged text: not valid {encoding} ({_plain(exc)})") from None
        note = "" if encoding == "utf-8" else f"decoded as {encoding}"
    else:
        text, note = _decode_without_bom(data, name)
    if _looks_binary(text):
        raise ReadError(name, "binary file, not text")
    return text, note


def _decode_without_bom(data: bytes, name: str) -> tuple[str, str]:
    # Checked before UTF-8: UTF-16 text of ASCII letters is valid UTF-8 full of NULs.
    sample = data[:65536]
    if sample.count(0) > max(2, len(sample) // 200):
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise ReadError(name, "binary file, not text")
        try:
            return data.decode(encoding), f"decoded as {encoding}"
        except UnicodeDecodeError:
            raise ReadError(name, "binary file, not text") from None
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    encoding = _guess_legacy(data)
    # cp1252 leaves five bytes undefined; a stray one should not lose the whole file.
    text = data.decode(encoding, errors="replace")
    return text, f"decoded as {encoding}"


# --- PDF ----------------------------------------------------------------------------------------

_PDF_LOCK = threading.Lock()


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Keep pypdf's warnings (about repairs it makes) off stderr and out of pytest.

    pypdf logs through the "pypdf" logger and also calls warnings.warn; both are process-wide,
    hence the lock.
    """
    logger = logging.getLogger("pypdf")
    with _PDF_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        saved = logger.level, logger.propagate, logger.handlers[:]
        logger.handlers = [logging.NullHandler()]
        logger.propagate = False
        logger.setLevel(logging.CRITICAL)
        try:
            yield
        finally:
            logger.level, logger.propagate, logger.handlers = saved[0], saved[1], saved[2]


def _damaged(exc: BaseException) -> str:
    message = _plain(exc)
    if any(hint in message.lower() for hint in ("eof marker", "ended unexpectedly", "startxref")):
        return f"damaged PDF: the file seems cut off ({message})"
    return f"damaged PDF: {message}"


def _has_images(resources: object, depth: int = 0) -> bool:
    """Whether page resources hold an image, looking into form XObjects a few levels down."""
    if depth > 4:
        return False
    try:
        xobjects = resources.get("/XObject") if resources is not None else None
        xobjects = xobjects.get_object() if xobjects is not None else {}
        for ref in xobjects.values():
            xobject = ref.get_object()
            subtype = xobject.get("/Subtype")
            if subtype == "/Image":
                return True
            if subtype == "/Form" and _has_images(xobject.get("/Resources"), depth + 1):
                return True
    except Exception:
        return False
    return False


def _page_has_images(page: object) -> bool:
    try:
        resources = page.get("/Resources")
        return _has_images(resources.get_object() if resources is not None else None)
    except Exception:
        return False


def _letters(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def _open_pdf(data: bytes, name: str):  # -> pypdf.PdfReader
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    if b"%PDF-" not in data[:1024]:
        raise ReadError(name, "not a PDF (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:
        raise ReadError(name, _damaged(exc)) from None
    if reader.is_encrypted:
        try:
            # Files locked only against editing open with the empty password.
            opened = reader.decrypt("")
        except DependencyError:
            raise ReadError(
                name, "encrypted PDF: uses AES encryption, which needs the cryptography package"
            ) from None
        except Exception as exc:
            raise ReadError(name, f"encrypted PDF: cannot be opened ({_plain(exc)})") from None
        if not opened:
            raise ReadError(name, "encrypted PDF: needs a password")
    return reader


def _extract_pages(reader, name: str) -> tuple[list[str], list[int], list[int]]:
    """Page texts, the pages that could not be read, and the pages that look scanned."""
    try:
        pages = list(reader.pages)
    except Exception as exc:
        raise ReadError(name, _damaged(exc)) from None
    texts: list[str] = []
    unreadable: list[int] = []
    scanned: list[int] = []
    for number, page in enumerate(pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception:
            text = ""
            unreadable.append(number)
        text = normalise(text).replace("\f", "\n")
        if _VOTE_HEADER.search(text):
            text = _with_vote_columns(page, text)
        if _letters(text) < MIN_PAGE_LETTERS and _page_has_images(page):
            scanned.append(number)
        texts.append(text)
    return texts, unreadable, scanned


# A roll call's header row: "Ledamot Parti Ja Nej Avstår", short, with no sentence in it.
_VOTE_HEADER = re.compile(r"(?im)^(?=[^.\n]{0,80}$)(?=.*\bja\b)(?=.*\bnej\b).*\S.*$")
# A row of the table as the plain text layer gives it: ends with a mark or a count.
_VOTE_ROW = re.compile(r"(?i)(?:^|\s)(?:[x✓✔]|ja|nej|avstår|\d{1,3})$")


def _with_vote_columns(page, text: str) -> str:
    """The page with its roll-call tables' columns kept. The plain text layer closes up the
    spaces that put each X under "Ja", "Nej" or "Avstår" ("Olof Dahl L X"); pypdf's layout
    mode keeps them, but spreads the rest of the page too widely to read as text. Only the
    table's lines are taken from it, each where the plain text has the same words."""
    try:
        laid = normalise(page.extract_text(extraction_mode="layout") or "")
    except Exception:
        return text
    spaced: dict[str, str] = {}
    for line in laid.split("\n"):
        spaced.setdefault(" ".join(line.split()), line)
    lines = text.split("\n")
    for head in [m for m, line in enumerate(lines) if _VOTE_HEADER.fullmatch(line.strip())]:
        end = head + 1
        while end < len(lines) and _VOTE_ROW.search(lines[end].strip()) and " ".join(lines[end].split()) in spaced:
            end += 1
        table = [spaced.get(" ".join(line.split())) for line in lines[head:end]]
        if end - head < 2 or None in table:
            continue
        # The page's left margin is no part of the table.
        margin = min(len(line) - len(line.lstrip()) for line in table)
        lines[head:end] = [line[margin:].rstrip() for line in table]
    return "\n".join(lines)


def _pages_phrase(numbers: list[int], singular: str, plural: str) -> str:
    shown = ", ".join(str(n) for n in numbers[:10]) + (", ..." if len(numbers) > 10 else "")
    return f"page {shown} {singular}" if len(numbers) == 1 else f"pages {shown} {plural}"


def read_pdf(data: bytes, name: str = DEFAULT_NAME) -> SourceText:
    """The text layer page by page, joined with form feeds, running headers removed."""
    if not data:
        raise ReadError(name, "empty file")
    with _quiet_pypdf():
        reader = _open_pdf(data, name)
        texts, unreadable, scanned = _extract_pages(reader, name)
    if not texts:
        raise ReadError(name, "damaged PDF: it has no pages")
    if len(unreadable) == len(texts):
        raise ReadError(name, "damaged PDF: no page could be read")
    total_letters = sum(_letters(text) for text in texts)
    if scanned and total_letters < MIN_PAGE_LETTERS * len(texts):
        raise ReadError(name, "no text layer (scanned PDF?): OCR is needed")
    if total_letters == 0:
        raise ReadError(name, "no text found in the PDF")
    notes = []
    if unreadable:
        notes.append(_pages_phrase(unreadable, "could not be read", "could not be read"))
    if scanned:
        notes.append(
            _pages_phrase(scanned, "has no text layer (scanned?)", "have no text layer (scanned?)")
        )
    text = dehyphenate("\f".join(strip_running_lines(texts)))
    return SourceText(text=text, pages=len(texts), lost="; ".join(notes))


# --- plain text ---------------------------------------------------------------------------------


def _paginate(text: str) -> list[str]:
    """Pages of text from a PDF-to-text tool: by form feed, else by page marker lines."""
    if "\f" in text:
        pages = text.split("\f")
        # pdftotext ends every page, the last one too, with a form feed.
        if len(pages) > 1 and not pages[-1].strip():
            pages.pop()
        return pages
    return split_at_page_markers(text)


def read_text(data: bytes, name: str = DEFAULT_NAME) -> SourceText:
    """Plain text in any common encoding; paginated text loses its running lines."""
    if not data:
        raise ReadError(name, "empty file")
    text, note = decode_text(data, name)
    text = normalise(text)
    if not text.strip():
        raise ReadError(name, "no text found (the file holds only blank space)")
    pages = _paginate(text)
    if len(pages) > 1:
        pages = strip_running_lines(pages)
    text = dehyphenate("\f".join(page.strip("\n") for page in pages))
    return SourceText(text=text, pages=len(pages), note=note)


# --- Markdown -----------------------------------------------------------------------------------

# Thematic breaks ("---") and setext heading underlines ("===") are markup only.
_MD_RULE = re.compile(r"^\s{0,3}(?:([-*_])(?:\s*\1){2,}|=+)\s*$")
_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_MD_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_MD_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_MD_TABLE_DIVIDER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_CODE = re.compile(r"`([^`]+)`")
_MD_STARS = re.compile(r"(?<![\\*\w])(\*{1,3})(?=\S)(.+?)(?<=\S)\1(?![*\w])")
_MD_UNDERSCORES = re.compile(r"(?<![\\_\w])(_{1,3})(?=\S)(.+?)(?<=\S)\1(?![_\w])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_MD_STAR_BULLET = re.compile(r"^(\s*)[*+]\s+")
_MD_MAX_INLINE = 20_000
_DATA_URI = re.compile(r"\bdata:[\w.+-]*/[\w.+-]*[;,]\S*", re.IGNORECASE)


def _strip_markdown_inline(line: str) -> str:
    # The inline patterns are quadratic on pathological lines; such lines are left as they are.
    if len(line) > _MD_MAX_INLINE:
        return line
    # Most lines of minutes have no markup: a pattern runs only if its character is there.
    if "[" in line:
        line = _MD_IMAGE.sub(r"\1", line)
        line = _MD_LINK.sub(r"\1", line)
    if "<" in line:
        line = _MD_AUTOLINK.sub(r"\1", line)
    if "`" in line:
        line = _MD_CODE.sub(r"\1", line)
    for _ in range(3):  # nested emphasis: ***x*** and **_x_**
        if "*" in line:
            line = _MD_STARS.sub(r"\2", line)
        if "_" in line:
            line = _MD_UNDERSCORES.sub(r"\2", line)
    return _MD_ESCAPE.sub(r"\1", line) if "\\" in line else line


def _strip_markdown_line(line: str) -> str | None:
    """The words of one Markdown line, or None for a line that is only markup."""
    if _MD_RULE.match(line) or _MD_FENCE.match(line) or _MD_REF_DEFINITION.match(line):
        return None
    if _MD_TABLE_DIVIDER.match(line) and "-" in line:
        return None
    if _MD_HEADING.match(line):
        line = _MD_CLOSING_HASHES.sub("", _MD_HEADING.sub("", line))
    line = _MD_QUOTE.sub("", line)
    line = _MD_STAR_BULLET.sub(r"\1- ", line)
    if line.lstrip().startswith("|"):
        line = " | ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
    return _DATA_URI.sub("", _strip_markdown_inline(line))


def read_markdown(data: bytes, name: str = DEFAULT_NAME) -> SourceText:
    """Markdown with its markup lightly removed: every line of words stays a line."""
    if not data:
        raise ReadError(name, "empty file")
    text, note = decode_text(data, name)
    # Markdown has no pages: a form feed in it is a line break, not the page separator.
    lines = (_strip_markdown_line(line) for line in normalise(text).replace("\f", "\n").split("\n"))
    text = _collapse_blank_lines("\n".join(line for line in lines if line is not None))
    if not text.strip():
        raise ReadError(name, "no text found in the Markdown file")
    return SourceText(text=text, pages=1, note=note)


def _collapse_blank_lines(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


# --- HTML ---------------------------------------------------------------------------------------

_HTML_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "nav",
    "aside",
    "form",
    "head",
    "iframe",
    "object",
    "embed",
    "canvas",
    "button",
    "select",
)
_HTML_BLOCKS = frozenset(
    {
        *("address", "article", "blockquote", "body", "caption", "center", "dd", "details"),
        *("dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "header"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "legend", "li", "main", "ol", "p"),
        *("pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul"),
    }
)
_HTML_CELLS = frozenset({"td", "th"})
_LINE = "\ue000"  # private-use marks survive get_text and never occur in real text
_CELL = "\ue001"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_LONG_TOKEN = re.compile(r"\S{400,}")


def _html_encoding_from_meta(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore").lower()
    # Browsers read latin-1 labels as windows-1252, and so do Swedish web pages.
    if label in {"iso-8859-1", "latin1", "latin-1", "iso8859-1", "us-ascii", "ascii"}:
        label = "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode by BOM, then <meta charset>, then UTF-8, then cp1252."""
    found = _bom_encoding(data)
    if found is not None:
        encoding, body = found
        return body.decode(encoding, errors="replace"), ""
    declared = _html_encoding_from_meta(data)
    if declared is not None:
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode(declared), ""
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "decoded as cp1252"


def _is_hidden(tag) -> bool:
    attrs = tag.attrs or {}
    style = str(attrs.get("style", "")).replace(" ", "").lower()
    return (
        "hidden" in attrs
        or str(attrs.get("aria-hidden", "")).lower() == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


def _drop_chrome(soup) -> None:
    for tag in soup.find_all(_HTML_DROP):
        if not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all(_is_hidden):
        if not tag.decomposed:
            tag.decompose()
    # Page headers and footers are site chrome, unless they belong to the article itself.
    for tag in soup.find_all(["header", "footer"]):
        if not tag.decomposed and tag.find_parent(["main", "article"]) is None:
            tag.decompose()


_WORD_PAGE_EDGE_STYLE = re.compile(r"mso-element:\s*(header|footer)\b", re.IGNORECASE)
_WORD_PAGE_EDGE_CLASSES = {"msoheader": "header", "msofooter": "footer"}


def _word_page_edge(tag) -> str | None:
    """Which page edge of a Word "Save as Web Page" file a tag is: "header", "footer" or None."""
    style = _WORD_PAGE_EDGE_STYLE.search(str((tag.attrs or {}).get("style", "")))
    if style:
        return style.group(1).lower()
    for name in tag.get_attribute_list("class"):
        if name and name.lower() in _WORD_PAGE_EDGE_CLASSES:
            return _WORD_PAGE_EDGE_CLASSES[name.lower()]
    return None


def _drop_word_page_edges(root) -> None:
    """Take out the page headers and footers Word writes at every page break.

    Left in, they run into the text of whatever paragraph crosses the page. The first header
    is kept once, at the top, where a PDF's first page has it: it names the municipality,
    the body and the date.
    """
    # Word nests them (a header <div> holding a MsoHeader <p>): the outermost one counts.
    edges = [
        tag for tag in root.find_all(_word_page_edge) if tag.find_parent(_word_page_edge) is None
    ]
    first_header = None
    for tag in edges:
        if first_header is None and _word_page_edge(tag) == "header":
            first_header = tag.extract()
        else:
            tag.decompose()
    if first_header is not None:
        root.insert(0, first_header)


def _html_root(soup):
    return soup.find("main") or soup.find("article") or soup.body or soup


def _paragraph_cells(root) -> set[int]:
    """The cells that hold a paragraph's text where minutes are laid out one § to a table row:
    "§ 31" in the row's first cell, its title and text beside it, as meeting platforms export
    them. Such a cell is a page of its own, not a cell of a row to be kept on one line."""
    found: set[int] = set()
    for row in root.find_all("tr"):
        cells = [cell for cell in row.find_all(list(_HTML_CELLS), recursive=False) if cell.get_text(strip=True)]
        if len(cells) >= 2 and match_heading(" ".join(cells[0].get_text(" ").split())):
            found.update(id(cell) for cell in cells[1:])
    return found


_EMPHASIS = ("b", "strong", "i", "em", "u")


def _text_after(tag) -> str:
    """The text that follows `tag` on its line: up to the next block or <br>."""
    parts: list[str] = []
    node = tag
    while node is not None and node.name not in _HTML_BLOCKS | _HTML_CELLS:
        for sibling in node.next_siblings:
            if getattr(sibling, "name", None) in _HTML_BLOCKS | _HTML_CELLS | {"br"}:
                return "".join(parts)
            parts.append(sibling.get_text() if sibling.name else str(sibling))
        node = node.parent
    return "".join(parts)


def _opens_line(tag) -> bool:
    """Whether nothing but space stands before `tag` on its line."""
    node = tag
    while node is not None and node.name not in _HTML_BLOCKS | _HTML_CELLS:
        for sibling in node.previous_siblings:
            if getattr(sibling, "name", None) in _HTML_BLOCKS | _HTML_CELLS | {"br"}:
                return True
            text = sibling.get_text() if sibling.name else str(sibling)
            if _LINE in text:  # the break put after a lead-in before it
                return not text.rsplit(_LINE, 1)[1].strip()
            if text.strip():
                return False
        node = node.parent
    return True


def _is_lead_in(tag) -> bool:
    """"<b>Beslut</b> Nämnden beslutar ...": emphasis opening a line and followed by a new
    sentence is a heading (the title, "Beslut", "Förslag till beslut") run into the text, as a
    table cell's text is written; "<b>Anna Berg (S)</b> yrkar ..." goes on in one sentence."""
    text = tag.get_text().strip()
    after = _text_after(tag).lstrip()
    if not text or not after or not _opens_line(tag):
        return False
    return text.endswith((":", ".")) or after[0].isupper() or after[0].isdigit()


def _mark_layout(root) -> None:
    """Mark line breaks and table cells with private-use characters that get_text keeps."""
    from bs4 import NavigableString

    # Inside a table cell, blocks and <br> are only spaces, so that a row stays one line; in a
    # cell that holds a paragraph's text they are lines, as on a page. The nearest cell decides:
    # cells come in document order, an inner one after the cell it is nested in.
    text_cells = _paragraph_cells(root)
    in_cells: dict[int, str] = {}
    for cell in root.find_all(list(_HTML_CELLS)):
        mark = _LINE if id(cell) in text_cells else " "
        in_cells.update((id(tag), mark) for tag in cell.find_all(True))
    for tag in root.find_all(_EMPHASIS):
        if in_cells.get(id(tag)) == _LINE and _is_lead_in(tag):
            tag.insert_after(NavigableString(_LINE))
    for br in root.find_all("br"):
        br.replace_with(NavigableString(in_cells.get(id(br), _LINE)))
    for tag in root.find_all(True):
        if tag.parent is None:
            continue
        if tag.name in _HTML_CELLS:
            tag.insert_before(NavigableString(_CELL))
        elif tag.name in _HTML_BLOCKS:
            mark = in_cells.get(id(tag), _LINE)
            tag.insert_before(NavigableString(mark))
            tag.insert_after(NavigableString(mark))


def _html_strings(root) -> Iterator[str]:
    from bs4 import CData, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

    skipped = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
    # Collected up front: asking each string for a <pre> ancestor is quadratic in the depth.
    preformatted = {id(node) for pre in root.find_all("pre") for node in pre.descendants}
    for node in root.descendants:
        if not isinstance(node, NavigableString) or isinstance(node, skipped):
            continue
        # Outside <pre>, a newline in the source is just a space; _html_lines collapses it.
        yield str(node).replace("\n", _LINE) if id(node) in preformatted else str(node)


def _html_line(raw: str) -> str:
    head, *cells = raw.split(_CELL)
    parts = [" ".join(head.split())] if head.strip() else []
    # Empty cells keep their column (a vote table's "X" must stay under its heading).
    cells = [" ".join(cell.split()) for cell in cells]
    while cells and not cells[-1]:
        cells.pop()
    return " | ".join(parts + cells)


def _html_lines(pieces: str) -> str:
    # Block boundaries nest (a row in a table in a div), so empty lines carry no meaning here.
    lines = (_html_line(raw) for raw in pieces.split(_LINE))
    return "\n".join(line for line in lines if line)


def read_html(data: bytes, name: str = DEFAULT_NAME) -> SourceText:
    """The visible text of an HTML page: one line per block, table cells split by " | "."""
    from bs4 import BeautifulSoup

    if not data:
        raise ReadError(name, "empty file")
    html, note = decode_html(data)
    if _looks_binary(html):
        raise ReadError(name, "binary file, not HTML")
    try:
        soup = BeautifulSoup(html, "html.parser")
        _drop_chrome(soup)
        root = _html_root(soup)
        _drop_word_page_edges(root)
        _mark_layout(root)
        text = _html_lines("".join(_html_strings(root)))
    except RecursionError:
        raise ReadError(name, "damaged HTML: nested too deeply to read") from None
    except Exception as exc:
        raise ReadError(name, f"damaged HTML: {_plain(exc)}") from None
    # Inline data (data: URIs, base64 blobs pasted as text) is never minutes text.
    text = _LONG_TOKEN.sub("", _DATA_URI.sub("", normalise(text)))
    text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
    if not text.strip():
        raise ReadError(name, "no text found in the HTML page")
    return SourceText(text=text, pages=1, note=note)


# --- DOCX ---------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Text that is not on the page: deleted revisions, field codes, and duplicate fallbacks.
_DOCX_SKIP = frozenset(
    {_W + "del", _W + "moveFrom", _W + "instrText", _W + "delInstrText", _MC_FALLBACK}
)


def _check_docx_zip(data: bytes, name: str) -> None:
    """Refuse what is not a DOCX, and zip bombs, before python-docx unpacks anything."""
    if data.startswith(_OLE_MAGIC):
        raise ReadError(name, "not a DOCX: an old Word .doc file or a password-protected document")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError(name, "not a DOCX (not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception as exc:
        raise ReadError(name, f"damaged DOCX: {_plain(exc)}") from None
    # zipfile never unpacks more than a member's declared size, so the sum is a true bound.
    if len(members) > MAX_DOCX_MEMBERS or sum(m.file_size for m in members) > MAX_DOCX_UNPACKED:
        raise ReadError(name, "DOCX too large when unpacked (possible zip bomb)")
    if "word/document.xml" not in {m.filename for m in members}:
        raise ReadError(name, "not a DOCX (the zip archive holds no Word document)")


_NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": lambda n: _letters_for(n).lower(),
    "upperLetter": lambda n: _letters_for(n),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": lambda n: _roman(n),
}


class _Numbering:
    """Numbers for auto-numbered paragraphs ("1.", "a)"), which Word keeps out of the text.

    Decision points are often numbered this way, so the numbers matter to the parser.
    """

    def __init__(self, numbering_element, styles_element) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_numbers = _style_numbers(styles_element)
        if numbering_element is None:
            return
        abstract = {
            node.get(_W + "abstractNumId"): _abstract_levels(node)
            for node in numbering_element.iter(_W + "abstractNum")
        }
        for num in numbering_element.iter(_W + "num"):
            levels = abstract.get(_val(num.find(_W + "abstractNumId"), ""), {})
            for ilvl, spec in levels.items():
                self.levels[(num.get(_W + "numId"), ilvl)] = spec

    def _number_of(self, paragraph) -> tuple[str, int] | None:
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        style = _val(paragraph.find(f"{_W}pPr/{_W}pStyle"), "")
        from_style = self.style_numbers.get(style)
        if num_pr is None:
            return from_style
        num_id = _val(num_pr.find(_W + "numId"), "")
        if not num_id and from_style:
            num_id = from_style[0]
        return num_id, _int(_val(num_pr.find(_W + "ilvl"), "0"), 0)

    def label(self, paragraph) -> str:
        number = self._number_of(paragraph)
        spec = self.levels.get(number) if number else None
        if number is None or spec is None or not 0 <= number[1] < 9:
            return ""
        num_id, ilvl = number
        fmt, template, start = spec
        if fmt == "bullet":
            return "-"
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        counters[ilvl + 1 :] = [0] * (8 - ilvl)

        def level_value(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt = self.levels.get((num_id, level), ("decimal", "", 1))[0]
            return _NUMBER_FORMATS.get(level_fmt, str)(counters[level] or 1)

        return re.sub(r"%([1-9])", level_value, template).strip()


def _abstract_levels(node) -> dict[int, tuple[str, str, int]]:
    return {
        _int(lvl.get(_W + "ilvl", "0"), 0): (
            _val(lvl.find(_W + "numFmt"), "decimal"),
            _val(lvl.find(_W + "lvlText"), ""),
            _int(_val(lvl.find(_W + "start"), "1"), 1),
        )
        for lvl in node.iter(_W + "lvl")
    }


def _style_numbers(styles_element) -> dict[str, tuple[str, int]]:
    """Numbering that paragraph styles carry ("List Number"), following basedOn a few steps."""
    if styles_element is None:
        return {}
    own: dict[str, tuple[str, int] | None] = {}
    based_on: dict[str, str] = {}
    for style in styles_element.iter(_W + "style"):
        style_id = style.get(_W + "styleId", "")
        num_pr = style.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id = _val(num_pr.find(_W + "numId"), "")
            own[style_id] = (num_id, _int(_val(num_pr.find(_W + "ilvl"), "0"), 0))
        parent = _val(style.find(_W + "basedOn"), "")
        if parent:
            based_on[style_id] = parent
    resolved = {}
    for style_id in {*own, *based_on}:
        current, steps = style_id, 0
        while current not in own and current in based_on and steps < 10:
            current, steps = based_on[current], steps + 1
        if own.get(current):
            resolved[style_id] = own[current]
    return resolved


def _val(element, default: str) -> str:
    if element is None:
        return default
    return element.get(_W + "val", default)


def _int(value: str, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _letters_for(n: int) -> str:
    # Word repeats the letter past z: 27 -> "AA".
    n = max(n, 1)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for value, numeral in numerals:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out) or str(n)


def _run_text(element, rendered_breaks: bool) -> Iterator[str]:
    """The text of a paragraph's runs in order, with tabs, breaks and page breaks."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _DOCX_SKIP:
            continue
        if tag == _W + "t":
            yield child.text or ""
        elif tag in (_W + "tab", _W + "ptab"):
            yield "\t"
        elif tag == _W + "br":
            is_page = child.get(_W + "type") == "page"
            yield "\f" if is_page and not rendered_breaks else "\n"
        elif tag == _W + "cr":
            yield "\n"
        elif tag == _W + "lastRenderedPageBreak":
            yield "\f" if rendered_breaks else ""
        elif tag == _W + "noBreakHyphen":
            yield "-"
        elif tag == _W + "p":  # a text box's paragraph inside a run
            yield "\n"
            yield from _run_text(child, rendered_breaks)
            yield "\n"
        else:
            yield from _run_text(child, rendered_breaks)


class _DocxWriter:
    """Walks the document body in order, collecting lines."""

    def __init__(self, numbering: _Numbering, rendered_breaks: bool) -> None:
        self.numbering = numbering
        self.rendered_breaks = rendered_breaks

    def paragraph(self, element) -> str:
        text = "".join(_run_text(element, self.rendered_breaks))
        page_break_before = element.find(f"{_W}pPr/{_W}pageBreakBefore")
        if page_break_before is not None and _val(page_break_before, "1") not in ("0", "false"):
            text = ("" if self.rendered_breaks else "\f") + text
        label = self.numbering.label(element)
        if label and text.strip():
            lead = len(text) - len(text.lstrip("\f"))
            text = text[:lead] + f"{label} " + text[lead:]
        return text

    def cell(self, element) -> str:
        lines = self.blocks(element)
        return " ".join(" ".join(line.replace("\f", " ").split()) for line in lines).strip()

    def table(self, element) -> list[str]:
        rows = []
        for row in _children(element, _W + "tr"):
            cells = [self.cell(tc) for tc in _children(row, _W + "tc")]
            if any(cells):
                rows.append(" | ".join(cells).rstrip(" |"))
        return rows

    def blocks(self, container) -> list[str]:
        lines: list[str] = []
        for child in container:
            if child.tag == _W + "p":
                lines.append(self.paragraph(child))
            elif child.tag == _W + "tbl":
                lines.extend(self.table(child))
            elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
                lines.extend(self.blocks(_content_of(child)))
        return lines


def _children(element, tag: str) -> Iterator:
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            yield from _children(_content_of(child), tag)


def _content_of(element):
    content = element.find(_W + "sdtContent")
    return content if content is not None else element


def _docx_numbering(document) -> _Numbering:
    # Numbering is a nicety: a document whose numbering or styles part is odd is still read.
    try:
        numbering = document.part.numbering_part.element
    except Exception:
        numbering = None
    try:
        styles = document.styles.element
    except Exception:
        styles = None
    try:
        return _Numbering(numbering, styles)
    except Exception:
        return _Numbering(None, None)


def _printed_headers(document) -> Iterator:
    """The page headers Word prints, section by section; a linked one repeats the last."""
    even_pages = document.settings.odd_and_even_pages_header_footer
    for section in document.sections:
        shown = [section.header]
        if section.different_first_page_header_footer:
            shown.insert(0, section.first_page_header)
        if even_pages:
            shown.append(section.even_page_header)
        yield from (header for header in shown if not header.is_linked_to_previous)


def _docx_header_lines(document) -> list[str]:
    """Each distinct line of the page headers, once, without page numbers.

    Word minutes often carry the letterhead (municipality, body, date) only in the page
    header. Put before the body, it stands where a PDF's first page has it, ahead of every
    paragraph. Footers hold signature labels and page numbers, which the parser never needs.
    """
    # A fresh writer: numbered lists in a header must not move the body's numbering on.
    writer = _DocxWriter(_Numbering(None, None), rendered_breaks=False)
    lines: dict[str, str] = {}
    # The header is a nicety, like numbering: an odd header part must not lose the body.
    with contextlib.suppress(Exception):
        for header in _printed_headers(document):
            for block in writer.blocks(header.part.element):
                for line in block.replace("\f", "\n").split("\n"):
                    key = " ".join(line.split())
                    if key and key not in lines and page_number(key) is None:
                        lines[key] = line
    return list(lines.values())


def read_docx(data: bytes, name: str = DEFAULT_NAME) -> SourceText:
    """Page header lines, then paragraphs and tables in document order; table rows as lines
    with " | " between cells."""
    import docx

    if not data:
        raise ReadError(name, "empty file")
    _check_docx_zip(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        # Word records where its last layout broke pages; those are the real page numbers.
        rendered = next(body.iter(_W + "lastRenderedPageBreak"), None) is not None
        writer = _DocxWriter(_docx_numbering(document), rendered)
        text = "\n".join(_docx_header_lines(document) + writer.blocks(body))
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(name, f"damaged DOCX: {_plain(exc)}") from None
    text = normalise(text)
    pages = [page.strip("\n") for page in text.split("\f")]
    if not "".join(pages).strip():
        raise ReadError(name, "no text found in the document")
    text = "\f".join(_collapse_blank_lines(page) for page in pages)
    return SourceText(text=text, pages=len(pages), note="")


# --- files --------------------------------------------------------------------------------------

_READERS: dict[str, Callable[[bytes, str], SourceText]] = {
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".html": read_html,
    ".htm": read_html,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".txt": read_text,
    ".text": read_text,
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_READERS)


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} kB"
    return f"{n / (1024 * 1024):.1f} MB"


TOO_LARGE = "file too large"


def _too_large(size: int, limit: int) -> str:
    shown, cap = _size(size), _size(limit)
    if shown == cap:  # rounding hid the difference
        shown, cap = f"{size} bytes", f"{limit} bytes"
    return f"{TOO_LARGE}: {shown}, the limit is {cap}"


def read_file(path: Path, max_bytes: int | None = None) -> SourceText:
    """Read a minutes file of a supported type and return its text."""
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise ReadError(name, f"unsupported file type {suffix or '(no file extension)'}")
    try:
        if path.exists() and not path.is_file():
            raise ReadError(name, "not a file")
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise ReadError(name, _too_large(size, max_bytes))
        with path.open("rb") as handle:
            # The file may grow between stat and read; never read past the limit.
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise ReadError(name, "file not found") from None
    except PermissionError:
        raise ReadError(name, "no permission to read the file") from None
    except OSError as exc:
        raise ReadError(name, f"cannot read the file ({_plain(exc)})") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise ReadError(name, _too_large(len(data), max_bytes))
    if not data:
        raise ReadError(name, "empty file")
    return reader(data, name)
