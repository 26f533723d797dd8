"""Bad files in one minutes folder: each gives one clear line in the index report while every
other file is still indexed.

One folder holds good protocols and every kind of bad file at once (empty, binary renamed .pdf,
truncated, encrypted and scanned PDFs, a zip-bomb DOCX, a .docx that is no zip, HTML with
scripts and huge inline data, Windows-1252 and UTF-16 text, an over-size file, the same
protocol under two names, odd file names, minutes without § headings); one `update_index` run
must report each of them exactly, and `bot.cli.format_report` must name each on one line.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image
from pypdf import PdfWriter

from bot.cli import format_report, main
from index.indexer import IndexReport, update_index
from index.search import MinutesIndex

from .conftest import protocol_text

LIMIT = 1024 * 1024  # max_bytes for the folder run: small, so the over-size file stays small


# --- file makers --------------------------------------------------------------------------------


def pdf_of(*pages: str) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def protocol_pdf() -> bytes:
    return pdf_of(
        protocol_text(
            "Kommunstyrelsen",
            "2024-05-14",
            [(40, "Ny brandstation i Lunda", "KS 2024/140", "Kommunstyrelsen beslutar att bygga en brandstation.")],
        )
        + "\n" + " ".join(f"Mening {n} om brandstationens placering och kostnader." for n in range(120))
    )


def part_scanned_pdf() -> bytes:
    """Two pages of text and a third page scanned: the third page's paragraph is lost."""
    text = pdf_of(
        protocol_text("Kultur- och fritidsnämnden", "2024-12-05", [(50, "Bidrag till musikskolan", "KFN 2024/50", "Nämnden beviljar bidraget.")]),
        " ".join(f"Mening {n} om musikskolans verksamhet." for n in range(60)),
    )
    writer = PdfWriter(clone_from=io.BytesIO(text))
    writer.append(io.BytesIO(scanned_pdf()), pages=(0, 1))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf() -> bytes:
    pdf = FPDF()
    scan = Image.new("L", (200, 280), color=230)
    for _ in range(2):
        pdf.add_page()
        pdf.image(scan, x=10, y=10, w=190)
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf_of("§ 3 Hemlig ärendelista\nDnr KS 2024/3")))
    writer.encrypt(user_password="hemligt", owner_password="ägare", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    out = io.BytesIO()
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(201):
                member.write(chunk)
    return out.getvalue()


SCRIPT_WORD = "skriptordetsomintefarsynas"
INLINE_DATA = "iVBORw0KGgoAAAANSUhEUgAA" * 20_000  # ~480 KB of base64
HTML = f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Protokoll</title>
<script>var {SCRIPT_WORD} = "{SCRIPT_WORD}"; document.write("{SCRIPT_WORD}");</script>
<style>body {{ background: url(data:image/png;base64,{INLINE_DATA[:50000]}); }}</style>
</head><body>
<script type="text/javascript">
  window.{SCRIPT_WORD} = function() {{ return "{SCRIPT_WORD} alert(1)"; }};
</script>
<main>
<p>Ekbacka kommun</p><p>Kultur- och fritidsnämnden</p><p>Sammanträdesprotokoll</p>
<p>Sammanträdesdatum 2024-05-20</p>
<h2>§ 12</h2><p>Bidrag till hembygdsföreningen</p><p>Dnr KFN 2024/12</p>
<p>Beslut</p><p>Kultur- och fritidsnämnden beslutar att bevilja bidraget.</p>
<img src="data:image/png;base64,{INLINE_DATA}" alt="">
<p>Bilaga: data:image/png;base64,{INLINE_DATA[:20000]}</p>
<p>{INLINE_DATA[:30000]}</p>
<noscript>{SCRIPT_WORD}</noscript>
</main></body></html>"""

CP1252_TEXT = protocol_text(
    "Socialnämnden",
    "2024-05-21",
    [(7, "Förändrade öppettider på Åkerbo äldreboende", "SN 2024/77", "Socialnämnden beslutar att ändra öppettiderna.")],
)
UTF16_TEXT = protocol_text(
    "Tekniska nämnden",
    "2024-05-22",
    [(9, "Snöröjning på gång- och cykelvägar", "TN 2024/9", "Tekniska nämnden beslutar att prioritera gångvägar.")],
)
NO_HEADINGS = (
    "Ekbacka kommun\nMiljönämnden\nInformation om luftkvaliteten vid Ekbacka torg.\n"
    "Mätningarna visar att halterna av kvävedioxid ligger under miljökvalitetsnormen.\n"
)
NEWLINE_NAME = "line\nbreak: fake\x1b[2J.txt"
ODD_NAME = "ctl\x07-\x1b[31m-rtl\u202e-zw\u200b-Ω-名前-🙂.txt"
ODD_TEXT = protocol_text(
    "Valnämnden", "2024-05-23", [(4, "Val av röstmottagare", "VN 2024/4", "Valnämnden beslutar att utse röstmottagarna.")]
)

# source -> expected reason (skipped), or "" for an indexed file
SKIPPED = {
    "empty.txt": "empty file",
    "binary-renamed.pdf": "not a PDF (no %PDF header)",
    "truncated.pdf": "damaged PDF: ",  # a prefix: pypdf's own words follow
    "encrypted.pdf": "encrypted PDF: needs a password",
    "scanned.pdf": "no text layer (scanned PDF?): OCR is needed",
    "bomb.docx": "DOCX too large when unpacked (possible zip bomb)",
    "not-a-zip.docx": "not a DOCX (not a zip archive)",
    "oversize.txt": "file too large: ",  # sizes follow
    NEWLINE_NAME: "no text found (the file holds only blank space)",
    "gone.pdf": "cannot read the file: No such file or directory",  # a dangling symlink
    "protokoll-\ufffdr-2024.txt": "the file name is not valid UTF-8: rename the file",
    # The protocol PDF again, saved from an e-mail without its extension: it is skipped, and
    # must not pass for the original of the PDF (sorted first, it would claim its content).
    "KS protokoll maj": "unsupported file type (none)",
    "tomt.pdf": "empty file",  # empty like empty.txt, but no copy of it
}
PART_SCANNED = "kfn-2024-12-05.pdf"


def build_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    good = protocol_text(
        "Kommunstyrelsen",
        "2024-03-12",
        [
            (10, "Budget för 2025", "KS 2024/100", "Kommunstyrelsen föreslår kommunfullmäktige besluta att anta budgeten."),
            (11, "Motion om cykelbanor", "KS 2024/101", "Motionen avslås."),
        ],
    )
    (folder / "ks-2024-03-12.txt").write_text(good, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "ks-2024-03-12-kopia.txt").write_text(good, encoding="utf-8")  # duplicate
    (folder / "ks-2024-05-14.pdf").write_bytes(protocol_pdf())

    (folder / "empty.txt").write_bytes(b"")
    (folder / "tomt.pdf").write_bytes(b"")
    (folder / "KS protokoll maj").write_bytes(protocol_pdf())
    (folder / PART_SCANNED).write_bytes(part_scanned_pdf())
    # Office and file-share clutter: not minutes, not worth a line in the report.
    (folder / "~$ks-2024-03-12.docx").write_bytes(b"\x0bAnna Berg" + b"\x00" * 150)
    (folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 60)
    (folder / "ks-2024-05-14.pdf:Zone.Identifier").write_text("[ZoneTransfer]\nZoneId=3\n", encoding="utf-8")
    (folder / "binary-renamed.pdf").write_bytes(bytes(range(256)) * 64)
    whole = protocol_pdf()
    (folder / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    (folder / "encrypted.pdf").write_bytes(encrypted_pdf())
    (folder / "scanned.pdf").write_bytes(scanned_pdf())
    (folder / "bomb.docx").write_bytes(zip_bomb_docx())
    (folder / "not-a-zip.docx").write_text("Det här är ingen Word-fil, bara text.", encoding="utf-8")
    (folder / "scripts.html").write_text(HTML, encoding="utf-8")
    (folder / "cp1252.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    (folder / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + UTF16_TEXT.encode("utf-16-le"))
    (folder / "oversize.txt").write_text(
        protocol_text("Kommunfullmäktige", "2024-06-01", [(1, "Stor fil", "KF 2024/1", "Beslutas.")])
        + "\n" + "Lång rad med text. " * (LIMIT // 16),
        encoding="utf-8",
    )
    (folder / "utan-paragrafer.txt").write_text(NO_HEADINGS, encoding="utf-8")
    (folder / ODD_NAME).write_text(ODD_TEXT, encoding="utf-8")
    (folder / NEWLINE_NAME).write_bytes(b" \n\t\n")
    (folder / "gone.pdf").symlink_to(folder.parent / "nowhere.pdf")
    # "år" in Latin-1: bytes that are not UTF-8, which os.walk gives as surrogate escapes.
    with open(os.fsencode(folder) + b"/protokoll-\xe5r-2024.txt", "wb") as handle:
        handle.write(ODD_TEXT.replace("röstmottagare", "valsedlar").encode("utf-8"))


# --- the one-folder run -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder_run(tmp_path_factory) -> tuple[Path, Path, IndexReport]:
    root = tmp_path_factory.mktemp("bad")
    folder = root / "minutes"
    build_folder(folder)
    report = update_index(folder, root / "ix", max_bytes=LIMIT)
    return folder, root / "ix", report


def test_every_bad_file_is_reported_once_with_its_reason(folder_run):
    folder, _, report = folder_run
    skipped = {o.source: o.skipped for o in report.skipped}
    assert set(skipped) == set(SKIPPED)
    for source, reason in SKIPPED.items():
        assert skipped[source].startswith(reason), (source, skipped[source])
        assert "\n" not in skipped[source] and len(skipped[source]) < 300
    assert skipped["oversize.txt"] == f"file too large: {(folder / 'oversize.txt').stat().st_size / 2**20:.1f} MB, the limit is 1.0 MB"
    assert [(o.source, o.duplicate_of) for o in report.duplicates] == [
        ("sub/ks-2024-03-12-kopia.txt", "ks-2024-03-12.txt")
    ]
    assert [(o.source, o.warning) for o in report.warnings] == [
        (PART_SCANNED, "page 3 has no text layer (scanned?): that text is not indexed"),
        ("utan-paragrafer.txt", "no paragraph headings (§) found: indexed as one unnumbered document"),
    ]
    # Every other file is indexed: the good text, PDFs, HTML, cp1252, UTF-16, odd-named files.
    indexed = {"ks-2024-03-12.txt", "ks-2024-05-14.pdf", PART_SCANNED, "scripts.html", "cp1252.txt", "utf16.txt", ODD_NAME, "utan-paragrafer.txt"}
    all_files = indexed | set(SKIPPED) | {"sub/ks-2024-03-12-kopia.txt"}
    unread = {"gone.pdf", "protokoll-\ufffdr-2024.txt"}  # never read, so neither added nor changed
    assert report.files == len(all_files) == 22
    assert report.indexed_files == len(indexed)
    assert set(report.added) == all_files - unread
    # 2 + 1 + 1 + 1 + 1 + 1 + 1 paragraphs + 1 unnumbered document
    assert report.paragraphs == report.new_paragraphs == 9


def test_the_cli_report_names_each_file_on_one_line(folder_run):
    folder, _, report = folder_run
    reasons = {o.source: o.skipped for o in report.skipped}
    lines = format_report(report, folder).splitlines()
    assert lines[:-1] == [
        f"Index of {folder}",
        "  files:      22 found, 8 indexed (20 new, 0 changed, 0 deleted, 0 unchanged)",
        "  paragraphs: 9 in the index (9 read in this run)",
        "  skipped:    13 file(s)",
        "    KS protokoll maj: unsupported file type (none)",
        "    binary-renamed.pdf: not a PDF (no %PDF header)",
        "    bomb.docx: DOCX too large when unpacked (possible zip bomb)",
        "    empty.txt: empty file",
        "    encrypted.pdf: encrypted PDF: needs a password",
        "    gone.pdf: cannot read the file: No such file or directory",
        "    line\\nbreak: fake\\x1b[2J.txt: no text found (the file holds only blank space)",  # escaped: one line, no terminal codes
        "    not-a-zip.docx: not a DOCX (not a zip archive)",
        f"    oversize.txt: {reasons['oversize.txt']}",
        "    protokoll-\ufffdr-2024.txt: the file name is not valid UTF-8: rename the file",
        "    scanned.pdf: no text layer (scanned PDF?): OCR is needed",
        "    tomt.pdf: empty file",
        f"    truncated.pdf: {reasons['truncated.pdf']}",
        "  duplicates: 1 file(s), indexed once",
        "    sub/ks-2024-03-12-kopia.txt: same content as ks-2024-03-12.txt",
        "  warnings:   2 file(s)",
        f"    {PART_SCANNED}: page 3 has no text layer (scanned?): that text is not indexed",
        "    utan-paragrafer.txt: no paragraph headings (§) found: indexed as one unnumbered document",
    ]
    assert re.fullmatch(r"  time:       \d+\.\d\d s", lines[-1])
    assert not any("\x1b" in line or "\u202e" in line for line in lines)


# Words that give away an untranslated phrase of the index's; the file names of the folder
# have none of them as words of their own.
ENGLISH = re.compile(r"\b(?:the|not|no|is|has|have|an?|of|that|file|found|needs|cannot|read|pages?|empty|too|large|limit|damaged|indexed|kept|headings|layer)\b", re.I)


def test_a_swedish_clerk_reads_every_reason_in_swedish(folder_run):
    import discord

    from bot.discord_app import report_lines

    _, _, report = folder_run
    lines = report_lines(report, "sv")
    assert [line.split(":")[0] for line in lines] == ["Hoppade över", "Dubbletter, indexerade en gång", "Att känna till"]
    assert len(lines) == 3 and "line?break: fake?[2J.txt: ingen text" in lines[0]
    text = "\n".join(lines)
    for outcome in report.skipped + report.warnings:
        text = text.replace(discord.utils.escape_markdown(outcome.source), "")
    # What the operating system and pypdf say stays in their words.
    text = text.replace(os.strerror(2), "").replace(report_reason(report, "truncated.pdf").partition("(")[2], "")
    assert not ENGLISH.search(text), ENGLISH.findall(text)
    assert "sidan 3 saknar textlager (skannad?): den texten är inte indexerad" in lines[2]
    assert "oversize.txt: för stor fil: " in lines[0] and ", gränsen är 1.0 MB" in lines[0]
    assert report_lines(report, "en")[0].startswith("Skipped: KS protokoll maj: unsupported file type (none)")


def report_reason(report: IndexReport, source: str) -> str:
    return next(o.skipped for o in report.skipped if o.source == source)


def test_good_files_beside_bad_ones_are_searchable_and_correct(folder_run):
    _, index_dir, _ = folder_run
    with MinutesIndex(index_dir) as ix:
        def titles(text):
            return [h.title for h in ix.search(text)]

        assert "Förändrade öppettider på Åkerbo äldreboende" in titles("öppettider Åkerbo")  # cp1252
        assert "Snöröjning på gång- och cykelvägar" in titles("snöröjning")  # UTF-16
        assert "Bidrag till hembygdsföreningen" in titles("hembygdsföreningen")  # HTML
        assert "Ny brandstation i Lunda" in titles("brandstation")  # PDF
        assert "Val av röstmottagare" in titles("röstmottagare")  # odd file name
        assert titles(SCRIPT_WORD) == []  # script text is never indexed
        assert titles(INLINE_DATA[:24]) == [] and titles("iVBORw0KGgo*") == []
        assert ix.search("kvävedioxid")  # the unnumbered document
        html_hits = ix.search("hembygdsföreningen")
        record = ix.paragraph(html_hits[0].doc_id)
        paragraph_text = str(record[1])
        assert SCRIPT_WORD not in paragraph_text and "iVBORw0KGgo" not in paragraph_text
        budget = ix.search("budget", limit=50)
        assert [h.source for h in budget if h.title == "Budget för 2025"] == ["ks-2024-03-12.txt"]


def test_a_second_run_reads_nothing_and_reports_the_same(folder_run, tmp_path):
    folder, index_dir, first = folder_run
    again = update_index(folder, index_dir, max_bytes=LIMIT)
    assert (again.added, again.changed, again.deleted, again.new_paragraphs) == ((), (), (), 0)
    assert again.skipped == first.skipped
    assert again.duplicates == first.duplicates and again.warnings == first.warnings
    assert again.paragraphs == first.paragraphs and again.indexed_files == first.indexed_files


def test_parallel_build_reports_the_same(folder_run, tmp_path):
    folder, _, first = folder_run
    report = update_index(folder, tmp_path / "ix2", max_bytes=LIMIT, procs=2)
    assert report.skipped == first.skipped and report.duplicates == first.duplicates
    assert report.warnings == first.warnings
    assert (report.paragraphs, report.indexed_files) == (first.paragraphs, first.indexed_files)


# --- the size limit from the config ------------------------------------------------------------


def test_max_file_mb_from_the_config_skips_a_larger_file(tmp_path, capsys):
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "small.txt").write_text(
        protocol_text("Kommunstyrelsen", "2024-03-12", [(10, "Budget för 2025", "KS 2024/100", "Beslutas.")]),
        encoding="utf-8",
    )
    big = protocol_text("Kommunfullmäktige", "2024-06-01", [(1, "Stor fil", "KF 2024/1", "Beslutas.")])
    (folder / "big.txt").write_text(big + "\n" + "x" * (2 * 1024 * 1024), encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(f"minutes_dir: {folder}\nindex_dir: {tmp_path / 'ix'}\nmax_file_mb: 1\n", encoding="utf-8")
    assert main(["index", "--config", str(config), "--quiet"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "  files:      2 found, 1 indexed (2 new, 0 changed, 0 deleted, 0 unchanged)" in out
    assert "    big.txt: file too large: 2.0 MB, the limit is 1.0 MB" in out
    # The limit raised, the file is read: unchanged, but no longer skipped.
    config.write_text(f"minutes_dir: {folder}\nindex_dir: {tmp_path / 'ix'}\nmax_file_mb: 5\n", encoding="utf-8")
    assert main(["index", "--config", str(config), "--quiet"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "  files:      2 found, 2 indexed (0 new, 0 changed, 0 deleted, 2 unchanged)" in out
    assert not any("big.txt" in line for line in out)
    with MinutesIndex(tmp_path / "ix") as ix:
        assert [h.title for h in ix.search("Stor fil")] == ["Stor fil"]


# --- a file that cannot be read after it was indexed ------------------------------------------


def test_an_indexed_file_that_becomes_unreadable_keeps_its_paragraphs(tmp_path):
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "ks.txt").write_text(
        protocol_text("Kommunstyrelsen", "2024-03-12", [(10, "Budget för 2025", "KS 2024/100", "Beslutas.")]),
        encoding="utf-8",
    )
    (folder / "kf.txt").write_text(ODD_TEXT, encoding="utf-8")
    assert update_index(folder, tmp_path / "ix").paragraphs == 2
    (folder / "kf.txt").unlink()
    (folder / "kf.txt").symlink_to(tmp_path / "on-a-disk-that-is-gone.txt")
    report = update_index(folder, tmp_path / "ix")
    assert (report.paragraphs, report.deleted, report.skipped) == (2, (), ())
    assert [(o.source, o.warning) for o in report.warnings] == [
        ("kf.txt", "cannot read the file: No such file or directory; the indexed version is kept")
    ]
    with MinutesIndex(tmp_path / "ix") as ix:
        assert [h.title for h in ix.search("röstmottagare")] == ["Val av röstmottagare"]


@pytest.mark.parametrize("procs", [1, 2])
def test_a_protocol_overwritten_by_a_damaged_copy_keeps_its_paragraphs(tmp_path, procs):
    folder = tmp_path / "minutes"
    folder.mkdir()
    whole = protocol_pdf()
    (folder / "ks-2024-05-14.pdf").write_bytes(whole)
    for i in range(20):  # enough files for the worker processes to take part
        (folder / f"kf-{i:02d}.txt").write_text(
            protocol_text("Kommunfullmäktige", f"2024-01-{i + 1:02d}", [(i + 1, f"Ärende {i}", f"KF 2024/{i + 1}", "Beslutas.")]),
            encoding="utf-8",
        )
    assert update_index(folder, tmp_path / "ix", procs=procs).paragraphs == 21
    (folder / "ks-2024-05-14.pdf").write_bytes(whole[: len(whole) // 2])  # a copy cut short
    for _ in range(2):  # and on every run until it is fixed
        report = update_index(folder, tmp_path / "ix", procs=procs)
        assert (report.paragraphs, report.skipped, report.deleted) == (21, (), ())
        (warning,) = [o.warning for o in report.warnings if o.source == "ks-2024-05-14.pdf"]
        assert warning.startswith("damaged PDF: ") and warning.endswith("; the indexed version is kept")
        with MinutesIndex(tmp_path / "ix") as ix:
            assert [h.title for h in ix.search("brandstation")] == ["Ny brandstation i Lunda"]
    (folder / "ks-2024-05-14.pdf").unlink()
    report = update_index(folder, tmp_path / "ix", procs=procs)
    assert report.deleted == ("ks-2024-05-14.pdf",) and report.paragraphs == 20


def test_a_named_pipe_in_the_folder_is_skipped_not_waited_on(tmp_path):
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "ks.txt").write_text(
        protocol_text("Kommunstyrelsen", "2024-03-12", [(10, "Budget för 2025", "KS 2024/100", "Beslutas.")]),
        encoding="utf-8",
    )
    os.mkfifo(folder / "pipe.txt")
    script = (
        "import sys; from pathlib import Path; from index.indexer import update_index; "
        "r = update_index(Path(sys.argv[1]), Path(sys.argv[2])); "
        "print(r.indexed_files, [(o.source, o.skipped) for o in r.skipped])"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(folder), str(tmp_path / "ix")],
        capture_output=True, text=True, timeout=8, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert proc.returncode == 0, proc.stderr
    indexed, skipped = proc.stdout.strip().split(" ", 1)
    assert indexed == "1" and "pipe.txt" in skipped
