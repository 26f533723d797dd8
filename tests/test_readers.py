"""The file readers on small files generated here, on the real seed extract, and on bad files."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from fpdf import FPDF
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfWriter

from index.errors import ReadError
from index.parser import parse_protocol
from index.readers import (
    SUPPORTED_SUFFIXES,
    read_docx,
    read_file,
    read_html,
    read_markdown,
    read_pdf,
    read_text,
)
from index.text import strip_running_lines

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SEED = Path(__file__).resolve().parents[1] / "data" / "minutes" / "huddinge-ksau-2024-02-21-p21.md"
# The real extract ships with the repository; the shared copy is read too where it exists.
SEEDS = [
    path
    for path in (SEED, Path("/work/shared/seed/huddinge-ksau-2024-02-21-p21.md"))
    if path.exists()
]

TITLE = "§ 21 Förslag om att avsluta Huddinge kommuns vänortssamarbete"
LONG_SENTENCES = " ".join(f"Mening {n} om vänorter i Åbo, Älvsjö och Öland." for n in range(1, 131))


def reason(excinfo: pytest.ExceptionInfo[ReadError]) -> str:
    return excinfo.value.reason


# --- generated PDFs -----------------------------------------------------------------------------


class Protocol(FPDF):
    """A protocol with a running header and a "Sida N (3)" footer, like real minutes."""

    def header(self) -> None:
        self.set_font("Helvetica", size=9)
        self.cell(0, 5, "Huddinge kommun", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 5, "SAMMANTRÄDESPROTOKOLL", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 5, "Kommunstyrelsens arbetsutskott 2024-02-21", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)
        self.set_font("Helvetica", size=11)

    def footer(self) -> None:
        self.set_y(-20)
        self.set_font("Helvetica", size=9)
        self.cell(0, 5, "Justerandes signatur", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 5, f"Sida {self.page_no()} (3)", align="R")


def protocol_pdf() -> bytes:
    pdf = Protocol()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, f"{TITLE}\nDiarienummer KS-2022/1011.107")
    pdf.ln(3)
    # Long enough to run from page 1 onto page 2.
    pdf.multi_cell(0, 6, LONG_SENTENCES)
    pdf.add_page()
    pdf.multi_cell(0, 6, "§ 22 Särskilt yttrande\nÄrendet överlämnas till kommun-\nstyrelsen.")
    assert pdf.page_no() == 3
    return bytes(pdf.output())


def plain_pdf(*pages: str) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def image_pdf(pages: int = 2) -> bytes:
    pdf = FPDF()
    scan = Image.new("L", (200, 280), color=230)
    for _ in range(pages):
        pdf.add_page()
        pdf.image(scan, x=10, y=10, w=190)
    return bytes(pdf.output())


def encrypted_pdf(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(plain_pdf("Hemlig ärendelista § 3")))
    # RC4 works without the optional cryptography package; AES would need it.
    writer.encrypt(user_password=user_password, owner_password="ägare", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_protocol_loses_running_lines_and_keeps_the_body():
    result = read_pdf(protocol_pdf())
    pages = result.text.split("\f")
    assert result.pages == 3
    assert len(pages) == 3
    assert "Sida" not in result.text
    assert "Justerandes signatur" not in result.text
    # The header is kept once, on the first page, where it names the body and the date.
    assert result.text.count("SAMMANTRÄDESPROTOKOLL") == 1
    assert pages[0].startswith("Huddinge kommun\nSAMMANTRÄDESPROTOKOLL\n")
    assert "Huddinge kommun" not in pages[1] + pages[2]
    assert TITLE in pages[0].split("\n")
    assert "Diarienummer KS-2022/1011.107" in pages[0]


def roll_call_pdf() -> bytes:
    """A roll call as a table of cells: each X in the column of its choice."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "§ 51 Programutbud\nOmröstning\nOmröstning begärs. Ja för förslaget, Nej för avslag.", new_x="LMARGIN", new_y="NEXT")
    rows = [("Ledamot", "Parti", "Ja", "Nej", "Avstår"), ("Olof Dahl", "L", "X", "", ""),
            ("Maria Carlsson", "C", "", "", "X"), ("Ahmed Yusuf", "V", "", "X", ""), ("Summa", "", "1", "1", "1")]
    for row in rows:
        for cell in row:
            pdf.cell(38, 7, cell)
        pdf.ln()
    pdf.multi_cell(0, 6, "Reservation\nAhmed Yusuf (V) reserverar sig mot beslutet.")
    return bytes(pdf.output())


def test_pdf_roll_call_keeps_each_mark_in_its_column():
    # The plain text layer reads "Maria Carlsson C X": which column the X stood in is lost.
    text = read_pdf(roll_call_pdf()).text
    paragraph = parse_protocol(text).paragraphs[0]
    assert [(b.person, b.party, b.choice) for b in paragraph.votes[0].ballots] == [
        ("Olof Dahl", "L", "ja"), ("Maria Carlsson", "C", "avstår"), ("Ahmed Yusuf", "V", "nej"),
    ]
    # The rest of the page is the plain text layer's, its words single-spaced.
    assert "Ahmed Yusuf (V) reserverar sig mot beslutet." in text


def test_pdf_paragraph_across_a_page_break_is_whole_and_in_order():
    result = read_pdf(protocol_pdf())
    first, second, third = result.text.split("\f")
    # The paragraph runs on: page 2 starts with its words, not with a header.
    assert second.startswith("Mening") or second.split(" ")[0].isalpha()
    body = " ".join((first + "\n" + second).split())
    assert LONG_SENTENCES in body
    assert "Mening 130" in second
    assert third.split("\n")[0] == "§ 22 Särskilt yttrande"
    assert "kommunstyrelsen." in third  # hyphenated across a line break in the PDF


def test_pdf_text_is_already_clean_for_a_second_pass():
    # The parser strips running lines again; body lines at the new page edges must survive.
    pages = read_pdf(protocol_pdf()).text.split("\f")
    assert strip_running_lines(pages) == pages


def test_pdf_swedish_letters_and_section_sign_are_exact():
    result = read_pdf(plain_pdf("§ 7 Åtgärder för äldreomsorg: ÅÄÖ åäö é ü § 8"))
    assert result.text == "§ 7 Åtgärder för äldreomsorg: ÅÄÖ åäö é ü § 8"
    assert result.note == ""


def test_pdf_encrypted_with_a_password():
    with pytest.raises(ReadError) as excinfo:
        read_pdf(encrypted_pdf("hemligt"))
    assert reason(excinfo) == "encrypted PDF: needs a password"


def test_pdf_locked_only_against_editing_is_read():
    assert read_pdf(encrypted_pdf("")).text == "Hemlig ärendelista § 3"


def test_pdf_image_only_needs_ocr():
    with pytest.raises(ReadError) as excinfo:
        read_pdf(image_pdf())
    assert reason(excinfo) == "no text layer (scanned PDF?): OCR is needed"


def test_pdf_with_one_scanned_page_is_read_with_a_note():
    text_pages = plain_pdf("Protokoll § 1 " * 10, "Protokoll § 2 " * 10)
    writer = PdfWriter(clone_from=io.BytesIO(text_pages))
    writer.append(io.BytesIO(image_pdf(pages=1)))
    out = io.BytesIO()
    writer.write(out)
    result = read_pdf(out.getvalue())
    assert result.pages == 3
    assert result.lost == "page 3 has no text layer (scanned?)"


def test_pdf_truncated_is_damaged():
    data = protocol_pdf()
    with pytest.raises(ReadError) as excinfo:
        read_pdf(data[: len(data) // 2])
    assert reason(excinfo).startswith("damaged PDF: ")


def test_pdf_binary_is_not_a_pdf():
    with pytest.raises(ReadError) as excinfo:
        read_pdf(bytes(range(256)) * 8)
    assert reason(excinfo) == "not a PDF (no %PDF header)"


def test_pdf_header_with_garbage_body_is_damaged():
    with pytest.raises(ReadError) as excinfo:
        read_pdf(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    assert reason(excinfo).startswith("damaged PDF")


def test_pdf_without_any_text():
    pdf = FPDF()
    pdf.add_page()
    with pytest.raises(ReadError) as excinfo:
        read_pdf(bytes(pdf.output()))
    assert reason(excinfo) == "no text found in the PDF"


def test_pdf_reading_leaves_stderr_quiet(capfd):
    data = protocol_pdf()
    with pytest.raises(ReadError):
        read_pdf(data[:-200])
    read_pdf(data)
    captured = capfd.readouterr()
    assert captured.err == ""


# --- DOCX ---------------------------------------------------------------------------------------


def protocol_docx() -> bytes:
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph("Kommunstyrelsens arbetsutskotts beslut")
    document.add_paragraph("Ärendet överlämnas till kommunstyrelsen.", style="List Number")
    document.add_paragraph("Förvaltningen får i uppdrag att återkomma.", style="List Number")
    table = document.add_table(rows=3, cols=3)
    rows = [["Ledamot", "Ja", "Nej"], ["Åsa Öberg (S)", "X", ""], ["Per Ek (M)", "", "X"]]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Beslutet ska skickas till")
    document.add_page_break()
    document.add_heading("§ 22 Nästa ärende", level=1)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_tables_and_headings_in_order():
    result = read_docx(protocol_docx())
    assert result.text.split("\n") == [
        TITLE,
        "Kommunstyrelsens arbetsutskotts beslut",
        "1. Ärendet överlämnas till kommunstyrelsen.",
        "2. Förvaltningen får i uppdrag att återkomma.",
        "Ledamot | Ja | Nej",
        "Åsa Öberg (S) | X",
        "Per Ek (M) |  | X",
        "Beslutet ska skickas till\f§ 22 Nästa ärende",
    ]
    assert result.pages == 2


def test_docx_without_page_breaks_is_one_page():
    document = docx.Document()
    document.add_paragraph("§ 1 Val av justerare")
    out = io.BytesIO()
    document.save(out)
    assert read_docx(out.getvalue()) == read_docx(out.getvalue())
    assert read_docx(out.getvalue()).pages == 1


def docx_with_body_xml(*paragraph_xml: str) -> bytes:
    """A DOCX whose body holds the given raw <w:p> elements (revisions, rendered breaks)."""
    document = docx.Document()
    body = document.element.body
    for xml in paragraph_xml:
        element = parse_xml(f'<w:p xmlns:w="{W_NS}">{xml}</w:p>')
        body.insert(len(body) - 1, element)  # before the final sectPr
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_rendered_page_breaks_give_the_real_pages():
    data = docx_with_body_xml(
        "<w:r><w:t>Sida ett</w:t></w:r>",
        '<w:r><w:br w:type="page"/></w:r>',
        "<w:r><w:lastRenderedPageBreak/><w:t>Sida två</w:t></w:r>",
        "<w:r><w:t>fortsätter och </w:t><w:lastRenderedPageBreak/><w:t>sida tre</w:t></w:r>",
    )
    result = read_docx(data)
    assert result.pages == 3
    assert result.text == "Sida ett\fSida två\nfortsätter och\fsida tre"


def test_docx_skips_deleted_revisions_and_field_codes():
    data = docx_with_body_xml(
        "<w:r><w:t xml:space='preserve'>Beslut: </w:t></w:r>"
        "<w:del><w:r><w:delText>avslås</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>bifalls</w:t></w:r></w:ins>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText>PAGE</w:instrText></w:r>"
        "<w:r><w:tab/><w:t>klart</w:t></w:r>"
    )
    assert read_docx(data).text == "Beslut: bifalls\tklart"


def letterhead_docx(path: Path) -> Path:
    """Minutes whose letterhead is only in the Word page header, as real minutes often have."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "BROVIK KOMMUN\tSAMMANTRÄDESPROTOKOLL"
    section.header.add_paragraph("Kommunstyrelsen\t2025-02-04")
    section.header.add_paragraph("Sida 1 (2)")
    section.footer.paragraphs[0].text = "Justerandes sign\tUtdragsbestyrkande"
    document.add_paragraph("§ 14 Val av justerare")
    document.add_paragraph("Kommunstyrelsen utser Maria Eklund (C) att justera protokollet.")
    # A second section links to the first header; a third repeats it in a header of its own.
    document.add_section()
    document.add_paragraph("§ 15 Delegationsbeslut")
    third = document.add_section()
    third.header.is_linked_to_previous = False
    third.header.paragraphs[0].text = "BROVIK KOMMUN\tSAMMANTRÄDESPROTOKOLL"
    document.add_paragraph("Beslutet ska skickas till")
    document.save(path)
    return path


def test_docx_page_header_opens_the_text_once(tmp_path):
    result = read_file(letterhead_docx(tmp_path / "ks.docx"))
    assert result.text.split("\n") == [
        "BROVIK KOMMUN\tSAMMANTRÄDESPROTOKOLL",
        "Kommunstyrelsen\t2025-02-04",
        "§ 14 Val av justerare",
        "Kommunstyrelsen utser Maria Eklund (C) att justera protokollet.",
        "",  # the empty paragraph that carries a section break
        "§ 15 Delegationsbeslut",
        "",
        "Beslutet ska skickas till",
    ]


def test_docx_page_header_names_the_meeting_and_stays_out_of_paragraphs(tmp_path):
    meeting = parse_protocol(read_file(letterhead_docx(tmp_path / "ks.docx")).text, "ks.docx")
    assert (meeting.municipality, meeting.body_code) == ("Brovik kommun", "KS")
    assert meeting.meeting_date == dt.date(2025, 2, 4)
    assert [p.title for p in meeting.paragraphs] == ["Val av justerare", "Delegationsbeslut"]
    assert not any("BROVIK" in p.text or "Justerandes" in p.text for p in meeting.paragraphs)


def test_docx_first_page_header_and_table_letterhead(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    letterhead = section.first_page_header.add_table(rows=1, cols=2, width=section.page_width)
    letterhead.cell(0, 0).text = "Brovik kommun"
    letterhead.cell(0, 1).text = "Protokoll"
    section.header.paragraphs[0].text = "Kommunstyrelsen 2025-02-04"
    # Word prints no even-page header unless the document asks for one.
    section.even_page_header.paragraphs[0].text = "Utkast"
    document.add_paragraph("§ 1 Öppnande")
    document.save(tmp_path / "ks.docx")
    result = read_file(tmp_path / "ks.docx")
    assert result.text.split("\n") == [
        "Brovik kommun | Protokoll",
        "Kommunstyrelsen 2025-02-04",
        "§ 1 Öppnande",
    ]


def test_docx_not_a_zip():
    with pytest.raises(ReadError) as excinfo:
        read_docx(b"Detta ar ingen zip-fil, bara text.")
    assert reason(excinfo) == "not a DOCX (not a zip archive)"


def test_docx_old_word_file():
    with pytest.raises(ReadError) as excinfo:
        read_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    assert reason(excinfo).startswith("not a DOCX: an old Word .doc file")


def test_docx_zip_without_a_word_document():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    with pytest.raises(ReadError) as excinfo:
        read_docx(out.getvalue())
    assert reason(excinfo) == "not a DOCX (the zip archive holds no Word document)"


def test_docx_zip_bomb_is_refused_before_unpacking():
    out = io.BytesIO()
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(201):
                member.write(chunk)
    data = out.getvalue()
    assert len(data) < 2 * 1024 * 1024  # small on disk, 201 MB unpacked
    with pytest.raises(ReadError) as excinfo:
        read_docx(data)
    assert reason(excinfo) == "DOCX too large when unpacked (possible zip bomb)"


def test_docx_with_too_many_members_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "")
        for n in range(10_001):
            archive.writestr(f"x/{n}", "")
    with pytest.raises(ReadError) as excinfo:
        read_docx(out.getvalue())
    assert reason(excinfo) == "DOCX too large when unpacked (possible zip bomb)"


def test_docx_damaged_inside():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<not xml")
    with pytest.raises(ReadError) as excinfo:
        read_docx(out.getvalue())
    assert reason(excinfo).startswith("damaged DOCX: ")


# --- HTML ---------------------------------------------------------------------------------------

DATA_URI = "data:image/png;base64," + "iVBORw0KGgo" * 5000

PAGE = f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Protokoll</title>
<style>body {{ background: url({DATA_URI}); }}</style>
<script>var spårning = "ska inte synas";</script></head>
<body>
<header><nav><a href="/">Start</a> <a href="/politik">Politik</a></nav></header>
<aside>Senaste nytt: ska inte synas</aside>
<main>
<h1>{TITLE}</h1>
<p>Diarienummer KS-2022/1011.107</p>
<p>Kommunstyrelsens arbetsutskott överlämnar ärendet<br>till kommunstyrelsen
   utan eget  ställningstagande.</p>
<img src="{DATA_URI}" alt="">
<p>Se <a href="{DATA_URI}">bilagan</a>. Inbäddad: {DATA_URI}</p>
<table><tr><th>Ledamot</th><th>Ja</th></tr><tr><td>Åsa Öberg (S)</td><td>X</td></tr></table>
<ul><li>Punkt ett</li><li>Punkt två</li></ul>
<pre>Rad ett
  Rad två</pre>
<div hidden>dold text</div>
<form><input name="q"><button>Sök</button></form>
</main>
<footer>Huddinge kommun, 141 85 Huddinge</footer>
<noscript>Aktivera javascript</noscript>
</body></html>"""


def test_html_keeps_the_main_text_and_drops_the_rest():
    result = read_html(PAGE.encode("utf-8"))
    assert result.text.split("\n") == [
        TITLE,
        "Diarienummer KS-2022/1011.107",
        "Kommunstyrelsens arbetsutskott överlämnar ärendet",
        "till kommunstyrelsen utan eget ställningstagande.",
        "Se bilagan. Inbäddad:",
        "Ledamot | Ja",
        "Åsa Öberg (S) | X",
        "Punkt ett",
        "Punkt två",
        "Rad ett",
        "Rad två",
    ]
    assert "base64" not in result.text
    assert result.pages == 1


def test_html_without_main_uses_the_body():
    html = "<html><body><nav>Meny</nav><div><p>§ 3 Budget</p>Text efter</div></body></html>"
    assert read_html(html.encode()).text == "§ 3 Budget\nText efter"


def test_html_table_cells_with_paragraphs_stay_one_row():
    html = (
        "<table><tr><td><p>Ledamot</p></td><td>Ja</td><td>Nej</td></tr>"
        "<tr><td><p>Åsa Öberg</p><p>(S)</p></td><td></td><td>X<br>(ersättare)</td></tr></table>"
    )
    assert read_html(html.encode()).text == "Ledamot | Ja | Nej\nÅsa Öberg (S) |  | X (ersättare)"


@pytest.mark.parametrize("label", ["windows-1252", "iso-8859-1"])
def test_html_decoded_by_meta_charset(label):
    html = f'<html><head><meta charset="{label}"></head><body><p>Överlämnas – §</p></body></html>'
    assert read_html(html.encode("cp1252")).text == "Överlämnas – §"


def test_html_cp1252_without_declaration():
    result = read_html("<p>Särskilt yttrande</p>".encode("cp1252"))
    assert result.text == "Särskilt yttrande"
    assert result.note == "decoded as cp1252"


def test_html_with_utf16_bom():
    assert read_html(codecs.BOM_UTF16_LE + "<p>Åtgärd</p>".encode("utf-16-le")).text == "Åtgärd"


def test_html_without_visible_text():
    with pytest.raises(ReadError) as excinfo:
        read_html(b"<html><head><script>x()</script></head><body></body></html>")
    assert reason(excinfo) == "no text found in the HTML page"


def test_html_deeply_nested_is_read_or_refused_cleanly():
    html = "<div>" * 5000 + "djupt" + "</div>" * 5000
    try:
        assert "djupt" in read_html(html.encode()).text
    except ReadError as error:
        assert error.reason.startswith("damaged HTML")


WORD_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta charset="windows-1252"><style>p.MsoHeader, p.MsoFooter {font-size:9.0pt}</style></head>
<body><div class=WordSection1>
<p class=MsoHeader>BROVIK KOMMUN<span style='mso-tab-count:2'> </span>Kommunfullmäktige 2025-02-24 1 (2)</p>
<p class=MsoNormal>§ 11 Budget för 2025</p>
<p class=MsoNormal>Fullmäktige beslutar enligt kommunstyrelsens förslag,</p>
<p class=MsoFooter>Justerandes sign<span style='mso-tab-count:3'>&nbsp;&nbsp; </span>Utdragsbestyrkande</p>
<span><br clear=all style='page-break-before:always'></span>
<div style='mso-element:header' id=h2><p class=MsoHeader>BROVIK KOMMUN 2 (2)</p></div>
<p class=MsoNormal>med ändringen att ramen för kultur höjs.</p>
<div style='mso-element:footer' id=f2><p class=MsoFooter>Justerandes sign</p></div>
</div></body></html>"""


def test_html_from_word_keeps_its_first_page_header_once_and_drops_the_rest():
    result = read_html(WORD_PAGE.encode("cp1252"))
    assert result.text.split("\n") == [
        "BROVIK KOMMUN Kommunfullmäktige 2025-02-24 1 (2)",
        "§ 11 Budget för 2025",
        "Fullmäktige beslutar enligt kommunstyrelsens förslag,",
        "med ändringen att ramen för kultur höjs.",
    ]


def test_html_from_word_without_a_header_loses_only_its_footers():
    html = WORD_PAGE.replace("class=MsoHeader", "class=MsoNormal").replace("mso-element:header", "")
    assert read_html(html.encode("cp1252")).text.split("\n") == [
        "BROVIK KOMMUN Kommunfullmäktige 2025-02-24 1 (2)",
        "§ 11 Budget för 2025",
        "Fullmäktige beslutar enligt kommunstyrelsens förslag,",
        "BROVIK KOMMUN 2 (2)",
        "med ändringen att ramen för kultur höjs.",
    ]


def test_html_header_classes_of_other_sites_are_text():
    html = '<div class="header">Protokoll</div><p class="footer-note">§ 2 Budget</p>'
    assert read_html(html.encode()).text == "Protokoll\n§ 2 Budget"


# --- Markdown -----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: str(path.parent))
def test_markdown_seed_extract(seed):
    result = read_markdown(seed.read_bytes())
    lines = result.text.split("\n")
    assert lines[0] == "Kommunstyrelsens arbetsutskott"
    assert "§ 21" in lines
    assert "Diarienummer KS-2022/1011.107" in lines
    assert "Förslag om att avsluta Huddinge kommuns vänortssamarbete" in lines
    assert "Kommunstyrelsens arbetsutskotts beslut" in lines
    assert "Propositioner" in lines
    assert "Beslutet ska skickas till" in lines
    assert "---" not in lines
    assert not any(mark in result.text for mark in ("#", "***", "**"))
    assert "60–70 år sedan" in result.text
    assert "Carl-Otto Engberg (L)" in result.text
    assert result.pages == 1


_MARKUP_PIECES = ["a", "b", " ", "*", "**", "_", "`", "[a]", "(b)", "[", "]", "!", "<https://x>", "<", "\\", "\\*"]


@given(st.lists(st.sampled_from(_MARKUP_PIECES), max_size=16).map("".join))
def test_markdown_inline_patterns_skipped_only_where_they_cannot_match(line):
    from index import readers

    everything = line
    for pattern, repl in ((readers._MD_IMAGE, r"\1"), (readers._MD_LINK, r"\1"), (readers._MD_AUTOLINK, r"\1"), (readers._MD_CODE, r"\1")):
        everything = pattern.sub(repl, everything)
    for _ in range(3):
        everything = readers._MD_UNDERSCORES.sub(r"\2", readers._MD_STARS.sub(r"\2", everything))
    assert readers._strip_markdown_inline(line) == readers._MD_ESCAPE.sub(r"\1", everything)


def test_markdown_markup_is_stripped_lightly():
    source = """# Protokoll #
Underrubrik
===========
Text med **fet** och _kursiv_ och ***båda*** och `kod`.
Se [bilaga 1](https://example.se/b1.pdf) och ![karta](data:image/png;base64,AAAA).
***
> citat
* punkt
| Ledamot | Ja |
| --- | --- |
| Åsa | X |
snake_case_namn och 2 * 3 * 4 och \\*stjärna\\*"""
    assert read_markdown(source.encode()).text.split("\n") == [
        "Protokoll",
        "Underrubrik",
        "Text med fet och kursiv och båda och kod.",
        "Se bilaga 1 och karta.",
        "citat",
        "- punkt",
        "Ledamot | Ja",
        "Åsa | X",
        "snake_case_namn och 2 * 3 * 4 och *stjärna*",
    ]


# --- plain text ---------------------------------------------------------------------------------

SWEDISH = "§ 12 Särskilt yttrande\nKommunstyrelsen återremitterar ärendet – åäö ÅÄÖ."


def test_text_utf8():
    result = read_text(SWEDISH.encode("utf-8"))
    assert (result.text, result.pages, result.note) == (SWEDISH, 1, "")


def test_text_utf8_with_bom_and_crlf():
    data = codecs.BOM_UTF8 + SWEDISH.replace("\n", "\r\n").encode("utf-8")
    assert read_text(data).text == SWEDISH


def test_text_cp1252():
    result = read_text(SWEDISH.encode("cp1252"))
    assert result.text == SWEDISH
    assert result.note == "decoded as cp1252"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_text_utf16_with_bom(bom, encoding):
    result = read_text(bom + SWEDISH.encode(encoding))
    assert result.text == SWEDISH
    assert result.note == f"decoded as {encoding}"


def test_text_utf16_without_bom():
    result = read_text(SWEDISH.encode("utf-16-le"))
    assert result.text == SWEDISH
    assert result.note == "decoded as utf-16-le"


def test_text_binary_is_refused():
    with pytest.raises(ReadError) as excinfo:
        read_text(bytes(range(256)) * 16)
    assert reason(excinfo) == "binary file, not text"


def test_text_a_pdf_renamed_txt_is_binary():
    with pytest.raises(ReadError) as excinfo:
        read_text(protocol_pdf())
    assert reason(excinfo) == "binary file, not text"


def test_text_only_blank_space():
    with pytest.raises(ReadError) as excinfo:
        read_text(b" \n\t\n")
    assert reason(excinfo).startswith("no text found")


def pdftotext_output() -> str:
    pages = []
    for number, body in enumerate(
        ["§ 1\nVal av justerare", "fortsatt kommun-", "styrelsen § 2"], 1
    ):
        pages.append(f"Huddinge kommun\nSAMMANTRÄDESPROTOKOLL\n{body}\nSida {number} (3)\n")
    return "\f".join(pages) + "\f"


def test_text_from_pdftotext_loses_running_lines():
    result = read_text(pdftotext_output().encode())
    assert result.pages == 3
    assert result.text.split("\f") == [
        "Huddinge kommun\nSAMMANTRÄDESPROTOKOLL\n§ 1\nVal av justerare",
        "fortsatt kommunstyrelsen",
        "§ 2",
    ]


def test_text_without_form_feeds_split_at_page_markers():
    text = pdftotext_output().replace("\f", "")
    result = read_text(text.encode())
    assert result.pages == 3
    assert "Sida" not in result.text
    assert result.text.split("\f")[0].endswith("Val av justerare")


# --- read_file ----------------------------------------------------------------------------------


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_supported_suffixes():
    assert {".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt", ".text"} == set(
        SUPPORTED_SUFFIXES
    )


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("protokoll.PDF", plain_pdf("§ 1 Öppnande"), "§ 1 Öppnande"),
        ("protokoll.docx", protocol_docx(), TITLE),
        ("protokoll.HTM", b"<p>\xc2\xa7 1 \xc3\x96ppnande</p>", "§ 1 Öppnande"),
        ("protokoll.md", "# § 1 Öppnande".encode(), "§ 1 Öppnande"),
        ("protokoll.txt", "§ 1 Öppnande".encode("cp1252"), "§ 1 Öppnande"),
    ],
)
def test_read_file_dispatches_by_suffix(tmp_path, name, data, expected):
    assert read_file(write(tmp_path, name, data)).text.startswith(expected)


def test_read_file_unknown_suffix(tmp_path):
    with pytest.raises(ReadError) as excinfo:
        read_file(write(tmp_path, "protokoll.xyz", b"text"))
    assert reason(excinfo) == "unsupported file type .xyz"
    assert excinfo.value.name == "protokoll.xyz"


def test_read_file_empty(tmp_path):
    with pytest.raises(ReadError) as excinfo:
        read_file(write(tmp_path, "tom.pdf", b""))
    assert reason(excinfo) == "empty file"


def test_read_file_over_the_limit(tmp_path):
    path = write(tmp_path, "stor.txt", b"x" * 2048)
    with pytest.raises(ReadError) as excinfo:
        read_file(path, max_bytes=1024)
    assert reason(excinfo) == "file too large: 2.0 kB, the limit is 1.0 kB"
    assert read_file(path, max_bytes=2048).text == "x" * 2048


def test_read_file_over_the_limit_by_a_byte(tmp_path):
    with pytest.raises(ReadError) as excinfo:
        read_file(write(tmp_path, "stor.txt", b"x" * 1025), max_bytes=1024)
    assert reason(excinfo) == "file too large: 1025 bytes, the limit is 1024 bytes"


def test_read_file_binary_renamed_pdf(tmp_path):
    with pytest.raises(ReadError) as excinfo:
        read_file(write(tmp_path, "bild.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256))))
    assert reason(excinfo) == "not a PDF (no %PDF header)"
    assert str(excinfo.value) == "bild.pdf: not a PDF (no %PDF header)"


def test_read_file_missing_and_directory(tmp_path):
    with pytest.raises(ReadError) as excinfo:
        read_file(tmp_path / "saknas.txt")
    assert reason(excinfo) == "file not found"
    (tmp_path / "mapp.txt").mkdir()
    with pytest.raises(ReadError) as excinfo:
        read_file(tmp_path / "mapp.txt")
    assert reason(excinfo) == "not a file"


# --- nothing but ReadError escapes --------------------------------------------------------------

FIXTURES = {
    read_pdf: plain_pdf("§ 1 Öppnande\nText på två rader"),
    read_docx: protocol_docx(),
    read_html: b"<html><body><main><p>\xc2\xa7 1</p><table><tr><td>x</td></tr></table></main>",
    read_text: "Kommun\nSida 1 (2)\nåäö\fKommun\nSida 2 (2)\nmer-\ntext".encode(),
    read_markdown: b"# Rubrik\n**fet** [l](u) ![b](data:x/y;base64,AAAA)\n---\n",
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    reader=st.sampled_from(list(FIXTURES)),
    edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=12),
    cut=st.one_of(st.none(), st.integers(min_value=0)),
)
@example(reader=read_markdown, edits=[(0, 12)], cut=None)  # a form feed opening a Markdown file
def test_damaged_files_raise_only_read_errors(reader, edits, cut):
    data = bytearray(FIXTURES[reader])
    for position, value in edits:
        data[position % len(data)] = value
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    try:
        result = reader(bytes(data))
    except ReadError as error:
        assert error.reason
    else:
        assert result.pages >= 1
        assert result.text.count("\f") == result.pages - 1


@settings(max_examples=60, deadline=None)
@given(reader=st.sampled_from(list(FIXTURES)), data=st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_read_errors(reader, data):
    try:
        reader(data)
    except ReadError as error:
        assert error.reason


_ROW_MINUTES = """<html><body><h1>Socialnämnden</h1><p>Sammanträdesdatum 2024-05-14</p>
<table>
<tr><td>§ 7</td><td><b>Val av justerare</b><p>Nämnden utser Eva Lind (V) att justera protokollet.</p></td></tr>
<tr><td>§ 8</td><td><b>Riktlinjer för boendestöd</b><p>Dnr SN 2024/31</p>
<p><i>Beslut</i></p><p>Socialnämnden föreslår kommunfullmäktige att anta riktlinjerna.</p>
<p><i>Sammanfattning</i></p><p>Riktlinjerna är från 2012.</p></td></tr>
<tr><td>§ 9</td><td><strong>Budget 2025</strong> Dnr SN 2024/40
<p><strong>Förslag till beslut</strong> Förvaltningen föreslår att nämnden fastställer budgeten.</p>
<p><b>Beslut</b> Nämnden beslutar enligt förvaltningens förslag.</p>
<p><b>Anna Berg (S)</b> yrkar bifall till förslaget.</p></td></tr>
</table></body></html>"""

_HEADING_MINUTES = """<html><body><h1>Socialnämnden</h1><p>Sammanträdesdatum 2024-05-14</p>
<h2>§ 7 Val av justerare</h2><p>Nämnden utser Eva Lind (V) att justera protokollet.</p>
<h2>§ 8 Riktlinjer för boendestöd</h2><p>Dnr SN 2024/31</p>
<h3>Beslut</h3><p>Socialnämnden föreslår kommunfullmäktige att anta riktlinjerna.</p>
<h3>Sammanfattning</h3><p>Riktlinjerna är från 2012.</p>
<h2>§ 9 Budget 2025</h2><p>Dnr SN 2024/40</p>
<h3>Förslag till beslut</h3><p>Förvaltningen föreslår att nämnden fastställer budgeten.</p>
<h3>Beslut</h3><p>Nämnden beslutar enligt förvaltningens förslag.</p>
<p>Anna Berg (S) yrkar bifall till förslaget.</p>
</body></html>"""


def test_html_minutes_with_each_paragraph_in_a_table_row_parse_as_with_headings():
    def fields(html: str) -> list[tuple]:
        meeting = parse_protocol(read_html(html.encode()).text)
        return [
            (p.number, p.title, p.case_numbers, p.status, p.next_body, p.decision, p.summary, p.motions)
            for p in meeting.paragraphs
        ]

    in_rows = fields(_ROW_MINUTES)
    assert in_rows == fields(_HEADING_MINUTES)
    assert [row[1] for row in in_rows] == ["Val av justerare", "Riktlinjer för boendestöd", "Budget 2025"]
    assert [(row[3], row[4]) for row in in_rows] == [("decided", None), ("proposed", "KF"), ("decided", None)]


def test_html_paragraph_row_keeps_its_text_in_lines_and_a_table_inside_it_in_rows():
    html = (
        "<table><tr><td>KS § 12</td><td><b>Motion om cykelbanor</b><br><b>Beslut</b> Motionen avslås."
        "<p><b>Omröstning</b></p><table><tr><td><p>Åsa Öberg</p><p>(S)</p></td><td>Ja</td></tr></table>"
        "</td></tr></table>"
    )
    assert read_html(html.encode()).text.split("\n") == [
        "KS § 12 | Motion om cykelbanor",
        "Beslut",
        "Motionen avslås.",
        "Omröstning",
        "Åsa Öberg (S) | Ja",
    ]
