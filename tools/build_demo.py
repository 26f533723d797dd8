#!/usr/bin/env python3
"""Build the PDF and DOCX files of the demo corpus from tools/demo_sources/*.yaml.

The demo corpus describes the fictional municipality "Ekbacka kommun". Most of its files
(Markdown, HTML, plain text) live directly in data/minutes/; the PDF and DOCX files are
generated here from plain-text YAML sources so that they can be reviewed and edited as text.

Usage:
    .venv/bin/python tools/build_demo.py            # build all sources
    .venv/bin/python tools/build_demo.py --check    # build, then print the extracted text

The build is deterministic: PDF creation dates, DOCX core properties and the timestamps of
the ZIP entries inside DOCX files are fixed to the meeting date, so a rebuild gives
byte-identical files.

Source format (one YAML file per output file):
    output, format (pdf|docx), layout, municipality, body, date, header_date,
    title_page: {date_line, fields: [{label, value}], signatures: [{role, name}],
                 anslag_title, anslag_intro, anslag: [{label, value}]},
    paragraphs: [{heading, title, dnr, text}]
In `text`, every line is one paragraph; "### X" is a subheading, "- X" a bullet item and
lines starting with "|" are table rows (the first row is the header row).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tools" / "demo_sources"
OUT_DIR = ROOT / "data" / "minutes"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


# --------------------------------------------------------------------------- source model


def load_source(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        src = yaml.safe_load(fh)
    if isinstance(src["date"], str):
        src["date"] = dt.date.fromisoformat(src["date"])
    return src


def parse_blocks(text: str) -> list[tuple[str, object]]:
    """Turn the `text` markup into blocks: ("sub", str), ("p", str), ("li", str), ("table", rows)."""
    blocks: list[tuple[str, object]] = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(cells)  # type: ignore[union-attr]
            else:
                blocks.append(("table", [cells]))
        elif line.startswith("### "):
            blocks.append(("sub", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("li", line[2:].strip()))
        else:
            blocks.append(("p", line))
    return blocks


def value_lines(value) -> list[str]:
    return [ln.strip() for ln in str(value).strip().splitlines() if ln.strip()]


def fixed_datetime(src: dict) -> dt.datetime:
    d = src["date"]
    return dt.datetime(d.year, d.month, d.day, 12, 0, 0, tzinfo=dt.UTC)


# --------------------------------------------------------------------------- PDF


def build_pdf(src: dict, out: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    family = src.get("font", "DejaVuSans")
    layout = src.get("layout", "flow")
    municipality = src["municipality"]
    body = src["body"]
    header_date = src["header_date"]

    class ProtocolPDF(FPDF):
        def header(self) -> None:
            self.set_font("Main", "B", 9)
            self.cell(95, 5, municipality, new_x=XPos.RIGHT, new_y=YPos.TOP)
            self.cell(0, 5, "SAMMANTRÄDESPROTOKOLL", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_font("Main", "", 9)
            self.cell(95, 5, body, new_x=XPos.RIGHT, new_y=YPos.TOP)
            self.cell(0, 5, f"Sammanträdesdatum {header_date}", align="R",
                      new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_draw_color(120, 120, 120)
            self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
            self.ln(7)

        def footer(self) -> None:
            self.set_y(-22)
            self.set_draw_color(120, 120, 120)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.ln(1.5)
            self.set_font("Main", "", 8)
            self.cell(60, 4, "Justerandes signatur", new_x=XPos.RIGHT, new_y=YPos.TOP)
            self.cell(60, 4, "Utdragsbestyrkande", new_x=XPos.RIGHT, new_y=YPos.TOP)
            self.cell(0, 4, f"Sida {self.page_no()} ({{nb}})", align="R",
                      new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf = ProtocolPDF(format="A4")
    pdf.set_creation_date(fixed_datetime(src))
    pdf.set_title(f"{body} {src['date'].isoformat()} – sammanträdesprotokoll")
    pdf.set_author(municipality)
    pdf.set_creator("Ekbacka kommun ärendehanteringssystem")
    pdf.set_producer("Ekbacka kommun")
    pdf.set_margins(22, 18, 20)
    pdf.set_auto_page_break(True, margin=28)
    pdf.add_font("Main", "", str(FONT_DIR / f"{family}.ttf"))
    pdf.add_font("Main", "B", str(FONT_DIR / f"{family}-Bold.ttf"))
    pdf.alias_nb_pages()

    usable = lambda: pdf.w - pdf.l_margin - pdf.r_margin  # noqa: E731

    # ---- title page
    tp = src["title_page"]
    pdf.add_page()
    pdf.set_font("Main", "B", 18)
    pdf.cell(0, 10, body, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Main", "B", 13)
    pdf.cell(0, 7, "Sammanträdesprotokoll", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Main", "", 11)
    pdf.cell(0, 7, tp["date_line"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    label_w = 52
    align = "J" if layout == "flow" else "L"
    for field in tp["fields"]:
        y = pdf.get_y()
        pdf.set_font("Main", "B", 9.5)
        pdf.multi_cell(label_w, 4.8, field["label"], align="L", new_x=XPos.RIGHT, new_y=YPos.TOP)
        pdf.set_xy(pdf.l_margin + label_w, y)
        pdf.set_font("Main", "", 9.5)
        pdf.multi_cell(usable() - label_w, 4.8, "\n".join(value_lines(field["value"])), align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)
    pdf.ln(2)
    pdf.set_font("Main", "B", 9.5)
    pdf.cell(0, 6, "Underskrifter", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for sig in tp["signatures"]:
        pdf.set_font("Main", "", 9.5)
        pdf.cell(label_w, 8, sig["role"], new_x=XPos.RIGHT, new_y=YPos.TOP)
        pdf.cell(70, 8, "", border="B", new_x=XPos.RIGHT, new_y=YPos.TOP)
        pdf.cell(0, 8, "  " + sig["name"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    if pdf.get_y() > pdf.h - 28 - 50:
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_font("Main", "B", 9.5)
    pdf.cell(0, 6, tp["anslag_title"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Main", "", 8.5)
    pdf.multi_cell(0, 4.3, tp["anslag_intro"], align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for item in tp["anslag"]:
        pdf.set_font("Main", "", 8.5)
        pdf.cell(label_w + 10, 4.6, item["label"], new_x=XPos.RIGHT, new_y=YPos.TOP)
        pdf.cell(0, 4.6, str(item["value"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.rect(pdf.l_margin - 2, top - 1, usable() + 4, pdf.get_y() - top + 2)

    # ---- paragraphs
    def write_blocks(blocks) -> None:
        for kind, content in blocks:
            if kind == "sub":
                if pdf.get_y() > pdf.h - 28 - 14:
                    pdf.add_page()
                pdf.ln(1.5)
                pdf.set_font("Main", "B", 10.5)
                pdf.multi_cell(0, 5.5, content, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            elif kind == "p":
                pdf.set_font("Main", "", 10)
                pdf.multi_cell(0, 5, content, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(1.2)
            elif kind == "li":
                pdf.set_font("Main", "", 10)
                pdf.set_x(pdf.l_margin + 4)
                pdf.cell(5, 5, "–", new_x=XPos.RIGHT, new_y=YPos.TOP)
                pdf.multi_cell(usable() - 9, 5, content, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(0.6)
            elif kind == "table":
                rows = content
                ncol = len(rows[0])
                widths = [usable() * 0.42, usable() * 0.13] + [usable() * 0.45 / (ncol - 2)] * (ncol - 2)
                for i, row in enumerate(rows):
                    pdf.set_font("Main", "B" if i == 0 else "", 9)
                    for j, cell in enumerate(row):
                        last = j == ncol - 1
                        pdf.cell(widths[j], 5.5, cell, border=1, align="L" if j < 2 else "C",
                                 new_x=XPos.LMARGIN if last else XPos.RIGHT,
                                 new_y=YPos.NEXT if last else YPos.TOP)
                pdf.ln(2)

    first = True
    for para in src["paragraphs"]:
        blocks = parse_blocks(para.get("text", ""))
        if layout == "page-per-paragraph" or first or pdf.get_y() > pdf.h - 28 - 40:
            pdf.add_page()
        else:
            pdf.ln(5)
        first = False
        if layout == "page-per-paragraph":
            pdf.set_font("Main", "B", 12)
            pdf.cell(22, 7, para["heading"], new_x=XPos.RIGHT, new_y=YPos.TOP)
            pdf.multi_cell(0, 7, para["title"], align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            if para.get("dnr"):
                pdf.set_font("Main", "", 9.5)
                pdf.set_x(pdf.l_margin + 22)
                pdf.cell(0, 5, para["dnr"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(3)
        else:
            pdf.set_font("Main", "B", 11)
            pdf.cell(60, 6, para["heading"], new_x=XPos.RIGHT, new_y=YPos.TOP)
            pdf.set_font("Main", "", 9.5)
            pdf.cell(0, 6, para.get("dnr") or "", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_font("Main", "B", 12.5)
            pdf.multi_cell(0, 6.5, para["title"], align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1.5)
        write_blocks(blocks)

    out.write_bytes(bytes(pdf.output()))


# --------------------------------------------------------------------------- DOCX


def _add_field(run, instr: str) -> None:
    """Append a simple Word field (PAGE, NUMPAGES) to a run."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instr} "
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for el in (begin, text, sep, placeholder, end):
        run._r.append(el)


def build_docx(src: dict, out: Path) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm, Pt

    layout = src.get("layout", "bun")
    municipality = src["municipality"]
    body = src["body"]
    tp = src["title_page"]

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    section = doc.sections[0]
    section.page_height = Cm(29.7)
    section.page_width = Cm(21.0)
    section.left_margin = Cm(2.5)
    section.right_margin = Cm(2.0)

    # running header and footer
    hdr = section.header.paragraphs[0]
    hdr.text = f"{municipality}\tSAMMANTRÄDESPROTOKOLL"
    hdr2 = section.header.add_paragraph(f"{body}\tSammanträdesdatum {src['header_date']}")
    for p in (hdr, hdr2):
        p.style = doc.styles["Header"]
    ftr = section.footer.paragraphs[0]
    ftr.text = "Justerandes signatur\t\tUtdragsbestyrkande"
    pg = section.footer.add_paragraph("Sida ")
    _add_field(pg.add_run(), "PAGE")
    pg.add_run(" (")
    _add_field(pg.add_run(), "NUMPAGES")
    pg.add_run(")")

    # title page
    p = doc.add_paragraph()
    p.add_run(municipality).bold = True
    doc.add_paragraph(body, style="Title")
    doc.add_paragraph("Sammanträdesprotokoll", style="Subtitle")
    doc.add_paragraph(tp["date_line"])
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for field in tp["fields"]:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(field["label"]).bold = True
        lines = value_lines(field["value"])
        cells[1].paragraphs[0].text = lines[0]
        for ln in lines[1:]:
            cells[1].add_paragraph(ln)
    for row in table.rows:
        row.cells[0].width = Cm(5.0)
        row.cells[1].width = Cm(11.5)

    doc.add_paragraph()
    p = doc.add_paragraph()
    p.add_run("Underskrifter").bold = True
    sig = doc.add_table(rows=0, cols=3)
    for s in tp["signatures"]:
        cells = sig.add_row().cells
        cells[0].text = s["role"]
        cells[1].text = "......................................................"
        cells[2].text = s["name"]

    doc.add_paragraph()
    p = doc.add_paragraph()
    p.add_run(tp["anslag_title"]).bold = True
    doc.add_paragraph(tp["anslag_intro"])
    ans = doc.add_table(rows=0, cols=2)
    ans.style = "Table Grid"
    for item in tp["anslag"]:
        cells = ans.add_row().cells
        cells[0].text = item["label"]
        cells[1].text = str(item["value"])

    # paragraphs
    first = True
    for para in src["paragraphs"]:
        if layout == "ks" or first:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        first = False
        if layout == "ks":
            doc.add_heading(para["heading"], level=1)
            doc.add_heading(para["title"], level=2)
        else:
            doc.add_heading(f"{para['heading']} {para['title']}", level=1)
        if para.get("dnr"):
            doc.add_paragraph(para["dnr"])
        for kind, content in parse_blocks(para.get("text", "")):
            if kind == "sub":
                if layout == "ks":
                    doc.add_paragraph().add_run(content).bold = True
                else:
                    doc.add_heading(content, level=3)
            elif kind == "p":
                doc.add_paragraph(content)
            elif kind == "li":
                doc.add_paragraph(content, style="List Bullet")
            elif kind == "table":
                rows = content
                t = doc.add_table(rows=0, cols=len(rows[0]))
                t.style = "Table Grid"
                for i, row in enumerate(rows):
                    cells = t.add_row().cells
                    for j, val in enumerate(row):
                        run = cells[j].paragraphs[0].add_run(val)
                        run.bold = i == 0 or row[0] == "Summa"

    stamp = fixed_datetime(src).replace(tzinfo=None)
    cp = doc.core_properties
    cp.author = municipality
    cp.last_modified_by = municipality
    cp.title = f"{body} {src['date'].isoformat()} – sammanträdesprotokoll"
    cp.subject = "Sammanträdesprotokoll"
    cp.keywords = f"protokoll; {body}"
    cp.comments = ""
    cp.category = "Protokoll"
    cp.revision = 1
    cp.created = stamp
    cp.modified = stamp
    cp.last_printed = stamp

    buf = io.BytesIO()
    doc.save(buf)
    out.write_bytes(_normalise_zip(buf.getvalue(), src["date"]))


def _normalise_zip(data: bytes, date: dt.date) -> bytes:
    """Rewrite a ZIP container with fixed entry timestamps so that rebuilds are identical."""
    src_zip = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src_zip.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(date.year, date.month, date.day, 12, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src_zip.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- text check


def extract_text(path: Path) -> str:
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        return "\f".join(page.extract_text() or "" for page in reader.pages)
    if path.suffix == ".docx":
        from docx import Document

        doc = Document(str(path))
        parts = [p.text for p in doc.paragraphs]
        for t in doc.tables:
            for row in t.rows:
                parts.append(" | ".join(c.text for c in row.cells))
        return "\n".join(parts)
    raise ValueError(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sources", nargs="*", type=Path, help="YAML sources (default: all)")
    ap.add_argument("--check", action="store_true", help="print extracted text after building")
    args = ap.parse_args(argv)
    sources = args.sources or sorted(SOURCES.glob("*.yaml"))
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for path in sources:
        src = load_source(path)
        out = OUT_DIR / src["output"]
        if src["format"] == "pdf":
            build_pdf(src, out)
        elif src["format"] == "docx":
            build_docx(src, out)
        else:
            raise SystemExit(f"{path}: unknown format {src['format']!r}")
        print(f"built {out.relative_to(ROOT)}")
        if args.check:
            print(extract_text(out))
            print("=" * 72)
    return 0


if __name__ == "__main__":
    sys.exit(main())
