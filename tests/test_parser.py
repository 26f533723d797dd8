"""The parser on small protocols written for one feature each, and on mangled input."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.parser import parse_date, parse_protocol, parse_unnumbered

FULL = """Ekbacka kommun
Kommunstyrelsen
SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum 2024-03-12
Plats och tid Kommunhuset, Ekbacka, kl. 13.00-15.30
Beslutande Anna Berg (S), ordförande; Lars Holm (M); Eva Lind (V)
Utses att justera Lars Holm
Justeringens plats och tid Kommunhuset 2024-03-15
Paragrafer §§ 12-15

§ 12 Val av justerare .......... 3
§ 13 Fastställande av dagordning .......... 3

§ 12
Val av justerare
Kommunstyrelsen utser Lars Holm (M) att jämte ordföranden justera protokollet.

§ 13
Fastställande av dagordning
Beslut
Dagordningen godkänns.
\f
Ekbacka kommun SAMMANTRÄDESPROTOKOLL 2024-03-12
KS 14 Dnr KS 2023/412
Motion om fler cykelbanor i centrala Ekbacka
Kommunstyrelsens förslag till kommunfullmäktige
1. Motionen avslås.
2. Kommunstyrelsen får i uppdrag att ta fram en cykelplan.
Sammanfattning
Lars Holm (M) har i en motion föreslagit att kommunen bygger fler cykel-
banor. Förvaltningen bedömer att frågan bör hanteras i en samlad cykelplan.
Yrkanden
Eva Lind (V) yrkar bifall till motionen.
Anna Berg (S) yrkar avslag på motionen.
Omröstning
Omröstningen utfaller med 8 ja-röster mot 5 nej-röster, 2 avstår.
Reservation
Eva Lind (V) reserverar sig mot beslutet.
Beslutet skickas till
Kommunfullmäktige, Samhällsbyggnadsförvaltningen
Justerandes signatur Utdragsbestyrkande
Sida 2 (3)
\f
Ekbacka kommun SAMMANTRÄDESPROTOKOLL 2024-03-12
KS § 15 Information om förskolans verksamhet
Dnr KS.2024.7
Kommunstyrelsens beslut
Kommunstyrelsen lägger informationen till handlingarna.
Protokollsanteckning
Lars Holm (M) lämnar en protokollsanteckning.
//~ns~!~~
Sida 3 (3)
"""


@pytest.fixture(scope="module")
def meeting():
    return parse_protocol(FULL, "ks.txt")


def test_meeting_fields(meeting):
    assert (meeting.body_code, meeting.meeting_date, meeting.municipality) == ("KS", dt.date(2024, 3, 12), "Ekbacka kommun")


def test_table_of_contents_does_not_make_paragraphs(meeting):
    assert [p.number_norm for p in meeting.paragraphs] == ["12", "13", "14", "15"]


def test_lost_section_sign_heading(meeting):
    p = meeting.paragraphs[2]
    assert (p.number, p.title, p.case_numbers) == ("KS 14", "Motion om fler cykelbanor i centrala Ekbacka", ("KS 2023/412",))


def test_heading_with_title_on_the_same_line(meeting):
    p = meeting.paragraphs[3]
    assert (p.number, p.title, p.case_keys) == ("KS § 15", "Information om förskolans verksamhet", ("KS-2024-7",))


def test_decision_points_and_status(meeting):
    p = meeting.paragraphs[2]
    assert p.decision_points == ("Motionen avslås.", "Kommunstyrelsen får i uppdrag att ta fram en cykelplan.")
    assert (p.status, p.next_body) == ("proposed", "KF")
    assert [(x.status) for x in meeting.paragraphs] == ["decided", "decided", "proposed", "noted"]


def test_hyphenation_and_summary(meeting):
    assert "cykelbanor" in meeting.paragraphs[2].summary.replace("cykel- banor", "cykelbanor") or "cykel" in meeting.paragraphs[2].summary


def test_motions_votes_reservations_recipients(meeting):
    p = meeting.paragraphs[2]
    assert [(m.person, m.party) for m in p.motions] == [("Eva Lind", "V"), ("Anna Berg", "S")]
    assert [(v.yes, v.no, v.abstain) for v in p.votes] == [(8, 5, 2)]
    assert p.reservations == ("Eva Lind (V) reserverar sig mot beslutet.",)
    assert p.recipients == ("Kommunfullmäktige", "Samhällsbyggnadsförvaltningen")


def test_page_furniture_stays_out(meeting):
    for p in meeting.paragraphs:
        assert "Justerandes signatur" not in p.text
        assert "Sida " not in p.text
        assert "~" not in p.text


def test_pages(meeting):
    assert [(p.page_start, p.page_end) for p in meeting.paragraphs] == [(1, 1), (1, 1), (2, 2), (3, 3)]


def test_notes(meeting):
    assert meeting.paragraphs[3].notes == ("Lars Holm (M) lämnar en protokollsanteckning.",)


@pytest.mark.parametrize(
    "line, number",
    [
        ("§ 21", "21"), ("KS § 102", "102"), ("§ 4/2014", "4"), ("§ 63/20", "63"), ("AU 5:18", "18"),
        ("KS 107/16", "107"), ("KS 235 Dnr 191/2013", "235"), ("BMN 57", "57"),
        # Some records systems write the body's short name in mixed case.
        ("Au § 88", "88"), ("Ks § 7 Dnr 2024/12", "7"), ("Bun § 3", "3"),
        # A table row of a Word template, the § spelt out.
        ("§ 112 | En titel", "112"), ("Paragraf 21 – En titel", "21"),
        # A full stop after the number, as some templates print it.
        ("§ 86. En titel", "86"), ("KS § 12. En titel", "12"),
        # A scan's OCR: the sign read as "$", a digit as a letter beside a digit.
        ("$ 41", "41"), ("$14    En titel", "14"), ("§ l3", "13"), ("§ I3 Dnr KS 2006/45", "13"), ("§ 1O", "10"),
    ],
)
def test_heading_variants(line, number):
    meeting = parse_protocol(f"Kommunstyrelsen\n2024-01-01\n{line}\nEn titel\nBeslut\nÄrendet bordläggs.\n")
    assert [p.number_norm for p in meeting.paragraphs] == [number]
    assert meeting.paragraphs[0].title == "En titel"
    assert meeting.paragraphs[0].status == "tabled"


@pytest.mark.parametrize(
    "line",
    [
        "enligt § 21 i kommunallagen", "Paragrafer §§ 1-54", "§ 12-24", "KS 2023/412", "S 12 ledamöter", "M 3",
        "Se § 12 Kommunallagen", "Även § 14 Kommunallagen", "Sedan § 3 Ärendet",
        # Letters for digits only beside a digit; "S" for § only where a numbering goes on.
        "§ IT-frågor", "S 43", "S 43 Dnr KS 2002/215",
        # A reference to a subsection or several paragraphs.
        "§ 4.2 gäller", "§ 12, 14 och 15",
    ],
)
def test_not_headings(line):
    assert parse_protocol(f"Kommunstyrelsen\n{line}\n").paragraphs == ()


def test_a_records_systems_table_of_fields_per_paragraph_gives_its_heading_title_and_case():
    # An HTML export: each paragraph opens with a table, a row per field, read as "label | value".
    text = (
        "Sjöviks kommun – Kommunfullmäktige\nProtokoll 2023-10-23\n"
        "Paragraf | § 71\nÄrendemening | Motion om solceller\nDiarienummer | KS 2022/0415\n"
        "Sammanträde | Kommunfullmäktige 2023-10-23\nSekretess | Nej\n"
        "Kommunfullmäktiges beslut\nKommunfullmäktige avslår motionen.\n"
        "Paragraf | § 72\nÄrendemening | Investering i ny förskola\nSekretess | Nej\n"
        "Kommunfullmäktiges beslut\nKommunfullmäktige beviljar investeringen.\n"
    )
    meeting = parse_protocol(text)
    assert [(p.number_norm, p.title, p.case_numbers, p.status) for p in meeting.paragraphs] == [
        ("71", "Motion om solceller", ("KS 2022/0415",), "rejected"),
        ("72", "Investering i ny förskola", (), "decided"),
    ]
    assert "Sekretess" not in meeting.paragraphs[0].text
    # Without a paragraph's row, a two-column table is the minutes' own text.
    other = parse_protocol("Kommunstyrelsen\n2024-01-01\n§ 5\nTaxor\nÄrende | Avgift\nBeslut\nTaxan antas.\n")
    assert "Ärende | Avgift" in other.paragraphs[0].text


def test_reference_wrapped_to_line_start_is_not_a_heading():
    text = "§ 5\nTitel\nBeslut\nDetta beslutas enligt\n§ 3 Kommunallagen gäller.\nÄrendet bordläggs.\n§ 6\nNästa\n"
    assert [p.number_norm for p in parse_protocol(text).paragraphs] == ["5", "6"]


def test_a_cited_paragraph_with_its_full_stop_wrapped_to_a_line_start_is_not_a_heading():
    text = (
        "§ 108\nFörskolekö\nBeslut\nNämnden noterar informationen.\n"
        "Frågan om förskolekön har tidigare behandlats av kommunstyrelsen den 28 januari 2006,\n"
        "§ 110. En enkät till 776 invånare visar att 30,7 procent är nöjda med\nbarnomsorgen.\n"
        "Frågan har också behandlats av kultur- och fritidsnämnden i sitt sammanträde i mars\n"
        "§ 4. Nämnden noterade då informationen.\n"
        "Expedieras till\nKommunstyrelsen, Ekonomiavdelningen\n§ 109. Budgetuppföljning\nBeslut\nNämnden godkänner uppföljningen.\n"
    )
    assert [(p.number_norm, p.title) for p in parse_protocol(text).paragraphs] == [("108", "Förskolekö"), ("109", "Budgetuppföljning")]


@pytest.mark.parametrize(
    "text, date",
    [("21 februari 2024", dt.date(2024, 2, 21)), ("2023-11-07", dt.date(2023, 11, 7)), ("den 3 maj 2025", dt.date(2025, 5, 3)), ("2024-13-45", None)],
)
def test_dates(text, date):
    assert parse_date(text) == date


def test_unnumbered_document_becomes_one_paragraph():
    meeting = parse_unnumbered("Socialnämnden\n2024-05-01\nInformation om ekonomin\nNämnden noterar informationen.\n")
    (p,) = meeting.paragraphs
    assert (p.number_norm, p.title, p.status, meeting.body_code) == ("", "Information om ekonomin", "noted", "SN")


def test_mojibake_is_repaired():
    broken = FULL.encode("utf-8").decode("cp1252", errors="replace")
    meeting = parse_protocol(broken)
    assert [p.number_norm for p in meeting.paragraphs] == ["12", "13", "14", "15"]


# -- mangled input -----------------------------------------------------------------------------

HEADING_LINE = re.compile(r"^(?:KS )?§ 1[2-5]\b|^KS 14 ")


def _mangle(text: str, rnd: random.Random) -> str:
    lines = text.split("\n")
    out = []
    for line in lines:
        if HEADING_LINE.match(line):
            out.append(line)
            continue
        roll = rnd.random()
        if roll < 0.15:
            continue  # cut the line
        if roll < 0.3:
            cut = rnd.randrange(len(line) + 1)
            line = line[:cut]
        if roll > 0.85:
            out.append("".join(rnd.choice("~!/|#*-_ .,:;()0123456789abcXYZåäö\t\x0b") for _ in range(rnd.randrange(30))))
        out.append(line)
    return "\n".join(out)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(seed=st.integers(0, 2**32), encoding=st.sampled_from(["utf-8", "cp1252-as-utf8", "latin1-roundtrip"]))
def test_mangled_input_keeps_every_heading(seed, encoding):
    text = _mangle(FULL, random.Random(seed))
    if encoding == "cp1252-as-utf8":
        text = text.encode("utf-8").decode("cp1252", errors="replace")
    elif encoding == "latin1-roundtrip":
        text = text.encode("cp1252", errors="replace").decode("cp1252")
    numbers = [p.number_norm for p in parse_protocol(text).paragraphs]
    for wanted in ("12", "13", "14", "15"):
        assert wanted in numbers


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_parses(text):
    meeting = parse_protocol(text)
    for p in meeting.paragraphs:
        assert p.number_norm.isdigit()
    parse_unnumbered(text)


@pytest.mark.parametrize(
    "title",
    ["Förslag till budget 2025", "Förslag till detaljplan för Tallåsvallen 2:1 m.fl., antagande", "Förslag till reglemente för nämnden"],
)
def test_a_title_proposing_a_thing_is_a_title_not_a_proposal_heading(title):
    text = f"Kommunstyrelsen\n2024-01-01\n§ 5 Dnr KS 2024/8\n{title}\nKommunstyrelsens förslag till kommunfullmäktige\nPlanen antas.\n"
    (p,) = parse_protocol(text).paragraphs
    assert (p.title, p.case_keys, p.status, p.next_body) == (title, ("KS-2024-8",), "proposed", "KF")


def test_a_mixed_case_body_prefix_names_the_body():
    text = "Kommunstyrelsens arbetsutskott\n2025-03-04\nAu § 88\nVal av justerare\nArbetsutskottets beslut\nPer Sund utses.\n"
    meeting = parse_protocol(text)
    assert meeting.body_code == "KSAU" and [p.number_norm for p in meeting.paragraphs] == ["88"]


@pytest.mark.parametrize(
    ("letterhead", "code"),
    [("Regionstyrelsens arbetsutskott", "RSAU"), ("Socialnämndens arbetsutskott", "SNAU"), ("Sammanträdesprotokoll", "KSAU")],
)
def test_au_before_the_section_sign_is_the_arbetsutskott_the_letterhead_names(letterhead, code):
    text = f"{letterhead}\n2025-03-04\nAU § 88\nVal av justerare\nBeslut\nPer Sund utses.\n"
    assert parse_protocol(text).body_code == code


def test_title_naming_another_bodys_decision_is_a_title():
    text = "Kommunstyrelsen\n2024-01-01\n§ 5\nÖverklagande av länsstyrelsens beslut\nKommunstyrelsens beslut\nÄrendet bordläggs.\n"
    (p,) = parse_protocol(text).paragraphs
    assert (p.title, p.status) == ("Överklagande av länsstyrelsens beslut", "tabled")


def test_case_number_lines_at_page_edges_are_not_running_lines():
    pages = []
    for n in range(1, 5):
        pages.append(f"Ekbacka kommun\n§ {n}\nÄrende nummer {n}\nDnr: KS 2022:{500 + n}\nBeslut\nÄrendet bordläggs.")
    meeting = parse_protocol("Kommunstyrelsen\n2024-01-01\n" + "\f".join(pages))
    assert [p.case_keys for p in meeting.paragraphs] == [(f"KS-2022-{500 + n}",) for n in range(1, 5)]


EXTRACT = """Ekbacka kommun
§ 88
Ansökan om bidrag till föreningshuset
Dnr KS 2024/66
Föreningen ansökte den 12 januari 2024 om bidrag.
Beslut
Kommunstyrelsen beviljar bidraget.
"""


def test_an_extract_without_a_front_page_takes_its_date_from_the_file_name():
    assert parse_protocol(EXTRACT, "ekbacka-ks-2024-05-20-utdrag.txt").meeting_date == dt.date(2024, 5, 20)
    assert parse_protocol(EXTRACT, "protokoll/KS_20240520.pdf").meeting_date == dt.date(2024, 5, 20)
    # No date in the name: the text's is all there is.
    assert parse_protocol(EXTRACT, "utdrag.txt").meeting_date == dt.date(2024, 1, 12)


def test_a_front_page_date_wins_over_the_file_name():
    text = "Ekbacka kommun\nKommunstyrelsen\nSammanträdesdatum 2024-05-21\n\n" + EXTRACT.split("\n", 1)[1]
    assert parse_protocol(text, "ekbacka-ks-2024-05-20.txt").meeting_date == dt.date(2024, 5, 21)


def test_table_rows_with_empty_cells_are_kept_and_scribbles_dropped():
    text = (
        "Kommunfullmäktige\n2024-06-17\n§ 5\nMotion om belysning\nBeslut\nMotionen avslås.\nOmröstning\n"
        "Parti | Ja | Nej | Avstår\nS | 19\nMP |  |  | 2\n| V | | | 2 |\n//~ns~!~~\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert "MP |  |  | 2" in p.text and "| V | | | 2 |" in p.text
    assert "~" not in p.text


def _voted(omröstning: str) -> list[tuple[int, int, int]]:
    text = f"Kommunfullmäktige\n2024-06-17\n§ 5\nMotion om belysning\nBeslut\nMotionen avslås.\nOmröstning\n{omröstning}\n"
    (p,) = parse_protocol(text).paragraphs
    return [(v.yes, v.no, v.abstain) for v in p.votes]


@pytest.mark.parametrize(
    "sentence, counts",
    [
        ("Omröstningen utfaller med 8 ja-röster mot 5 nej-röster, 2 avstår.", (8, 5, 2)),
        ("Med 31 ja-röster mot 18 nej-röster och 2 som avstår beslutar kommunfullmäktige enligt förslaget.", (31, 18, 2)),
        ("Omröstningen utfaller med 24 ja-röster, 26 nej-röster och 1 som avstår.", (24, 26, 1)),
        ("Med 5 ja-röster mot 3 nej-röster beslutar nämnden att bifalla förslaget. 1 ledamot avstår.", (5, 3, 1)),
        ("Omröstningen utfaller med 7 ja-röster mot 6 nej-röster och 2 ledamöter avstår.", (7, 6, 2)),
        ("Med 8 röster mot 5 beslutar nämnden att bifalla förslaget.", (8, 5, 0)),
        ("Med 8 ja-röster mot 5 nej-röster bifalls förslaget. Ärendet avgörs i dag.", (8, 5, 0)),
        # The voters named in brackets after each count.
        ("Med 4 ja-röster (Jenny Wall, Amir Haddad, Karin Olofsson, Lena Hjelm) mot 3 nej-röster (Stig Ahlberg, "
         "Rolf Kask, Mona Friberg) beslutar nämnden enligt förvaltningens förslag.", (4, 3, 0)),
        ("Med 5 röster (Anna Berg, Bo Ek, Lina Kvist, Per Al, Eva Ros) mot 4 röster (Kim Ny, Ida Ek, Leo Al, Ola Ås) "
         "beslutar nämnden enligt förslaget.", (5, 4, 0)),
        # Abstentions in words, and abstainers by name.
        ("Med 8 röster mot 5 beslutar nämnden att bifalla förslaget. En ledamot avstår.", (8, 5, 1)),
        ("Omröstningen utfaller med 24 ja-röster, 26 nej-röster och två som avstår.", (24, 26, 2)),
        ("Med 31 ja-röster mot 18 nej-röster bifalls förslaget. Roland Vik (SD) och Jan Strid (SD) avstår.", (31, 18, 2)),
        ("Med 31 ja-röster mot 18 nej-röster bifalls förslaget. Anna Berg (M) yrkar avslag.", (31, 18, 0)),
        # "-en" ending a word is no "en" (one).
        ("Omröstningen utfaller med 25 ja-röster mot 26 nej-röster och oppositionen avstår.", (25, 26, 0)),
        ("Med 8 ja-röster mot 5 nej-röster bifalls förslaget. Ordföranden avstår från att rösta.", (8, 5, 0)),
        # Votes by what they were for.
        ("Omröstningen utfaller med 6 röster för arbetsutskottets förslag och 5 röster för avslag.", (6, 5, 0)),
        ("Omröstningen utfaller med 23 röster för bifall och 24 röster för avslag, 2 avstår.", (23, 24, 2)),
        # OCR lost the å.
        ("Omröstningen utfaller med 24 ja-röster och 15 nej-röster. 2 ledamöter avstar fran att rösta.", (24, 15, 2)),
        ("Ja-röster: 5, nej-röster: 3, avstar: 1.", (5, 3, 1)),
    ],
)
def test_vote_counts_in_the_text(sentence, counts):
    assert _voted(sentence) == [counts]


def test_a_vote_tables_sum_row_gives_the_counts_when_the_text_has_none():
    table = "| Ledamot | Ja | Nej | Avstår |\n|---|:-:|:-:|:-:|\n| Anna Lund (S) | X | | |\n| **Summa** | **5** | **3** | **1** |"
    assert _voted(table) == [(5, 3, 1)]


def test_a_vote_table_without_a_sum_row_is_counted_by_column():
    members = "Ledamot | Ja | Nej | Avstår\nAnna Lund (S) | X\nPer Eklund (M) |  | X\nHassan Ali (S) | X\nElin Hedman (V) |  |  | X"
    parties = "Parti | Ja | Nej | Avstår\nS | 19\nM |  | 9\nMP |  |  | 2"
    assert (_voted(members), _voted(parties)) == ([(2, 1, 1)], [(19, 9, 2)])


@pytest.mark.parametrize("heading", ["Jäv\n", "Jäv: "])
def test_a_jav_section_gives_one_note_and_no_bare_heading(heading):
    text = (
        "Kommunstyrelsens arbetsutskott\n2024-05-14\n§ 68\nFörsäljning av fastighet\nBeslut\nÄrendet bordläggs.\n"
        f"{heading}Mikael Söder (M) anmäler jäv och deltar inte i handläggningen.\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert p.notes == ("Mikael Söder (M) anmäler jäv och deltar inte i handläggningen.",)


def test_a_jav_outside_a_note_section_is_a_note():
    text = "Socialnämnden\n2024-05-14\n§ 4\nYttrande\nBeslut\nLisa Berg (S) anmäler jäv. Nämnden godkänner yttrandet.\n"
    (p,) = parse_protocol(text).paragraphs
    assert p.notes == ("Lisa Berg (S) anmäler jäv.",)


LONG_TITLE = "Ansökan om vård enligt lagen med särskilda bestämmelser om vård av unga"


@pytest.mark.parametrize(
    "heading, after_title",
    [
        ("SN § 48 Dnr SN 2024/0131\n" + LONG_TITLE, "Ärendet redovisas inte med hänvisning till sekretess."),
        ("SN § 48 Dnr SN 2024/0131\n" + LONG_TITLE, "Ärendet redovisas inte med hänvisning till sekretess enligt offentlighets-\noch sekretesslagen."),
        ("SN § 48 Dnr SN 2024/0131\n" + LONG_TITLE, "Nämnden har tagit del av ärendet."),
        ("SN § 48 " + LONG_TITLE, "Ärendet utgår."),
    ],
)
def test_a_sentence_right_after_a_long_title_is_not_part_of_it(heading, after_title):
    text = f"Socialnämnden\n2024-04-23\n{heading}\n{after_title}\n"
    (p,) = parse_protocol(text).paragraphs
    assert p.title == LONG_TITLE


def test_a_wrapped_title_goes_on_with_its_fragment():
    text = "Socialnämnden\n2024-04-23\n§ 48\nAnsökan om investeringsbidrag för en ny konstgräsplan på idrottsplatsen\nTallvallen i Norrmo\nBeslut\nNämnden beviljar bidraget.\n"
    (p,) = parse_protocol(text).paragraphs
    assert p.title == "Ansökan om investeringsbidrag för en ny konstgräsplan på idrottsplatsen Tallvallen i Norrmo"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        # A narrow column wraps a short line: a next line in lower case goes on with it.
        ("Uppdrag att utreda en gemensam\nhjälpmedelsverksamhet med Region Fjällmark", "Uppdrag att utreda en gemensam hjälpmedelsverksamhet med Region Fjällmark"),
        # A line of its own under a long title, in capitals, is no part of it.
        ("Omedelbart omhändertagande enligt 6 § LVU – anmälan av ordförandebeslut\nSekretess enligt OSL 26 kap. 1 §", "Omedelbart omhändertagande enligt 6 § LVU – anmälan av ordförandebeslut"),
        # A line ending on a word no title ends on, or inside brackets, goes on, whatever follows.
        ("Medborgarförslag om gång- och cykelväg mellan\nLindmo och Hultsjö", "Medborgarförslag om gång- och cykelväg mellan Lindmo och Hultsjö"),
        ("Detaljplan för Norrmyren 2:4 m.fl. (f.d.\nSågverksområdet) – antagande", "Detaljplan för Norrmyren 2:4 m.fl. (f.d. Sågverksområdet) – antagande"),
        ("Svar på motion om fler platser för äldre med demenssjukdom och särskilda behov på\nSolgårdens äldreboende", "Svar på motion om fler platser för äldre med demenssjukdom och särskilda behov på Solgårdens äldreboende"),
    ],
)
def test_where_a_title_wraps_and_where_it_ends(lines, title):
    (p,) = parse_protocol(f"Socialnämnden\n2024-11-19\nSN § 92\n{lines}\nBeslut\nNämnden beslutar enligt förslaget.\n").paragraphs
    assert p.title == title


def test_a_title_in_a_table_row_keeps_no_cell_separator():
    text = "Regionfullmäktige\n2024-11-26\nRF § 95 | Delårsrapport januari–augusti 2024 | Dnr RS 2024-398\nBeslut\nRapporten godkänns.\n"
    (p,) = parse_protocol(text).paragraphs
    assert (p.title, p.case_keys) == ("Delårsrapport januari–augusti 2024", ("RS-2024-398",))


def test_justified_pdf_spacing_is_single_in_the_fields_shown_alone():
    text = (
        "Kommunstyrelsen\n2024-05-28\n§ 98\nRiktlinjer för markanvisning\nBeslut\nKommunstyrelsen  antar  riktlinjerna.\n"
        "Yrkanden\nMikael  Söder  (M)  yrkar  avslag.\nPropositionsordning\nOrdföranden  ställer  proposition  på  förslaget.\n"
        "Omröstning\nOmröstningen  utfaller  med  8  ja-röster  mot  5  nej-röster.\n"
        "Reservation\nMikael  Söder  (M),  Ann-Sofie  Karlsson  (M)  reserverar  sig.\n"
        "Protokollsanteckning\nBritt  Olofsson  (KD)  lämnar  en  anteckning.\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert [(m.person, m.text) for m in p.motions] == [("Mikael Söder", "yrkar avslag.")]
    assert p.deliberation == "Ordföranden ställer proposition på förslaget."
    assert p.reservations == ("Mikael Söder (M), Ann-Sofie Karlsson (M) reserverar sig.",)
    assert p.notes == ("Britt Olofsson (KD) lämnar en anteckning.",)
    assert (p.decision_points, p.status_phrase) == (("Kommunstyrelsen antar riktlinjerna.",), "Kommunstyrelsen antar riktlinjerna.")
    # The full text stays as printed: a vote's sentence is found in it.
    assert "Kommunstyrelsen  antar" in p.text and p.votes[0].text in p.text


def test_how_to_appeal_is_not_a_reservation():
    text = (
        "Bygg- och miljönämnden\n2023-09-26\n§ 62\nBygglov för nybyggnad\nBeslut\nNämnden avslår ansökan.\n"
        "Reservation\nAnders Vikström (M) reserverar sig.\n\nHur man överklagar\nBeslutet kan överklagas till länsstyrelsen.\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert p.reservations == ("Anders Vikström (M) reserverar sig.",)
    assert "Beslutet kan överklagas till länsstyrelsen." in p.text


def _one(body: str, sections: str):
    text = f"{body}\n2024-11-20\n§ 5 Dnr SN 2024/3\nEn titel\n{sections}"
    (p,) = parse_protocol(text).paragraphs
    return p


@pytest.mark.parametrize(
    ("sections", "status", "next_body"),
    [
        # The administration's advice, then the decision that follows it: decided.
        ("Förslag till beslut\nFörvaltningen föreslår att socialnämnden beslutar att anta riktlinjerna.\n"
         "Beslut\nSocialnämnden beslutar i enlighet med förvaltningens förslag.\n", "decided", None),
        # A proposal written as the body's own decision, decided "enligt förslaget": what it says.
        ("Förslag till beslut\nSocialnämnden lägger uppföljningen till handlingarna.\n"
         "Beslut\nSocialnämnden beslutar enligt förslaget.\n", "noted", None),
        ("Förslag till beslut\nSocialnämnden föreslår kommunfullmäktige besluta att anta taxan.\n"
         "Beslut\nSocialnämnden beslutar enligt förslaget.\n", "proposed", "KF"),
    ],
)
def test_a_decision_as_proposed_takes_the_proposal_when_it_is_the_bodys_own(sections, status, next_body):
    p = _one("Socialnämnden", sections)
    assert (p.status, p.next_body) == (status, next_body)


def test_a_proposal_onward_and_a_decision_for_its_own_part_make_the_matter_proposed():
    p = _one(
        "Kommunstyrelsen",
        "Kommunstyrelsens förslag till kommunfullmäktige\n1. Kommunfullmäktige beviljar en investeringsram om 62 miljoner kronor.\n"
        "Kommunstyrelsens beslut\nFör egen del beslutar kommunstyrelsen att uppdra åt kommundirektören att påbörja upphandling.\n",
    )
    assert (p.status, p.next_body) == ("proposed", "KF")
    assert "investeringsram" in p.decision and "För egen del" in p.decision
    # The working committee's proposal to the board is an earlier step: the board decided.
    p = _one(
        "Kommunstyrelsen",
        "Arbetsutskottets förslag till kommunstyrelsen\nKommunstyrelsen antar planen.\n"
        "Kommunstyrelsens beslut\nKommunstyrelsen antar planen.\n",
    )
    assert (p.status, p.next_body) == ("decided", None)


def test_a_letterhead_in_capitals_names_the_municipality():
    text = "TALLÅSENS KOMMUN          Sammanträdesdag     Sida\nKommunstyrelsens arbetsutskott   2025-03-04   1 (8)\nAu § 88\nVal av justerare\nBeslut\nPer Sund utses.\n"
    assert parse_protocol(text).municipality == "Tallåsens kommun"
    region = "REGION NORRHAV          PROTOKOLL\nRegionstyrelsen   2024-10-29\n§ 180\nVal av justerare\nBeslut\nPer Sund utses.\n"
    assert parse_protocol(region).municipality == "Region Norrhav"


def test_an_extract_without_a_letterhead_is_the_region_its_text_names_most():
    text = (
        "Regionfullmäktige\n2024-11-26\n§ 95 Delårsrapport för Region Norrhav\nBeslut\nRapporten godkänns.\n"
        "Sammanfattning\nRegion Norrhavs prognos visar underskott, som i Region Fjällmark. Region Norrhav ska spara.\n"
    )
    assert parse_protocol(text).municipality == "Region Norrhav"


def test_recipients_one_per_line_and_a_body_named_with_och_are_each_one():
    text = (
        "Kommunfullmäktige\n2024-06-17\n§ 47\nSvar på motion\nBeslut\nMotionen avslås.\nBeslutet skickas till\n"
        "Motionären\nKultur- och fritidsnämnden\nBarn- och\nutbildningsnämnden\nEkonomiavdelningen och revisorerna\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert p.recipients == ("Motionären", "Kultur- och fritidsnämnden", "Barn- och utbildningsnämnden", "Ekonomiavdelningen", "revisorerna")


def test_without_a_decision_heading_the_first_sentence_says_the_status():
    text = (
        "Bygg- och miljönämnden\n2024-10-15\n§ 113 Dnr: BMN 2024/3\nDELEGATIONSBESLUT\n"
        "Nämnden lägger redovisningen av delegationsbesluten till handlingarna.\n\n"
        "Lunda 3:14       Förhandsbesked, enbostadshus          Avslag      2024-09-04\n"
        "Björkudden 1:22  Bygglov, tillbyggnad                  Beviljas    2024-09-09\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert p.status == "noted"


def test_running_letterhead_and_footer_labels_stay_out_of_the_text():
    page = "BREDVIKS KOMMUN                 PROTOKOLL                      {n}(2)\nBygg- och miljönämnden          2024-10-15\n"
    footer = "Justerare                                            Utdragsbestyrkande\n"
    text = (
        page.format(n=1) + "§ 1\nVal av justerare\nBeslut\nNämnden utser Ylva Månsson.\n" + footer
        + page.format(n=2) + "§ 2\nTaxa\nBeslut\nTaxan antas.\nBeslutet skickas till\nEkonomienheten\n" + footer
    )
    from index.readers import read_text

    first, second = parse_protocol(read_text(text.encode(), "bmn.txt").text).paragraphs
    assert (first.page_start, second.page_start) == (1, 2)
    assert second.recipients == ("Ekonomienheten",)
    assert "PROTOKOLL" not in first.text + second.text and "Utdragsbestyrkande" not in first.text + second.text


def test_the_closing_signatures_and_notice_stay_out_of_the_last_paragraph():
    text = (
        "Kultur- och fritidsnämnden\n2025-01-29\n§ 7 Anmälan av delegationsbeslut\nBeslut\n"
        "Redovisningen läggs till handlingarna.\nSekreterare: Tove Håkansson\nOrdförande: Emma Sjödin\n"
        "Anslag/bevis\nProtokollet är justerat.\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert p.decision == "Redovisningen läggs till handlingarna." and "Sjödin" not in p.text


def test_a_pointer_to_the_appeal_notice_is_no_reservation():
    text = (
        "Bygg- och miljönämnden\n2024-10-15\n§ 114 Bygglov\nBeslut\nAnsökan avslås med stöd av 9 kap. 31 § plan- och bygglagen.\n"
        "Reservation\nErik Wallgren (SD) reserverar sig mot beslutet.\nHur man överklagar, se bilaga.\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert p.reservations == ("Erik Wallgren (SD) reserverar sig mot beslutet.",)
    # "9 kap." is no sentence's end: the status quotes the whole decision.
    assert p.status_phrase.endswith("plan- och bygglagen.")


ROLL_CALL = """Kommunfullmäktige
2024-06-17
§ 47 Dnr KS 2023/412
Svar på motion om fria badkort
Beslut
Motionen avslås.
Omröstning
Ja-röst för kommunstyrelsens förslag, nej-röst för bifall till motionen.
{table}
"""


@pytest.mark.parametrize(
    "table",
    [
        # Aligned by spaces, an X under the column.
        "Ledamot                           Ja     Nej    Avstår\n"
        "Gunnar Wiklund (S), ordförande                  X\n"
        "Lina Kvist (S)                           X\n"
        "Bengt Sjöholm (M)                 X\n"
        "Summa                             1      1      1\n",
        # Aligned by spaces, the party in a column of its own: a PDF's table with its columns kept.
        "Ledamot              Parti     Ja     Nej    Avstår\n"
        "Gunnar Wiklund       S                       X\n"
        "Lina Kvist           S                X\n"
        "Bengt Sjöholm        M         X\n"
        "Summa                          1      1      1\n",
        # Cells, as tables in Word and HTML minutes read.
        "| Ledamot | Ja | Nej | Avstår |\n| Gunnar Wiklund (S) | | | X |\n| Lina Kvist (S) | | X | |\n| Bengt Sjöholm (M) | X | | |\n",
        # The party in a column of its own, the last empty cells of a row left out.
        "Ledamot | Parti | Ja | Nej | Avstår\nGunnar Wiklund | S | | | X\nLina Kvist | S | | X\nBengt Sjöholm | M | X\n"
        "Summa | | 1 | 1 | 1\n",
        # Lists by choice, wrapping even inside a name.
        "Ja: Bengt Sjöholm (M)\nNej: Lina Kvist (S)\nAvstår: Gunnar\nWiklund (S). Omröstningen utfaller med 1 ja-röst mot 1 nej-röst, 1 avstår.\n",
        # The count first, whose "ja-röster mot ... nej-röster" is no table's header; lists
        # running on in sentences, a name and its party split over two lines.
        "Med 1 ja-röst mot 1 nej-röst och 1 som avstår bifaller nämnden förslaget. Ja-röster: Bengt\n"
        "Sjöholm (M). Nej-röster: Lina Kvist (S). Avstår: Gunnar Wiklund\n(S).\n",
        # A table whose member serves as a substitute, under a heading of two parts.
        "Ledamot | Parti | Ja | Nej | Avstår\nGunnar Wiklund (tjänstgörande ersättare) | S | | | X\n"
        "Lina Kvist | S | | X\nBengt Sjöholm | M | X\nSumma | | 1 | 1 | 1\n",
        # The count after lists named "Ja-röster för ...".
        "Ja-röster för arbetsutskottets förslag: Bengt Sjöholm (M).\nNej-röster för avslagsyrkandet: Lina Kvist (S).\n"
        "Avstår: Gunnar Wiklund (S).\nMed 1 ja-röst mot 1 nej-röst, 1 avstår, bifalls förslaget.\n",
        # Each side named by what it voted for.
        "Ja för förvaltningens förslag: Bengt Sjöholm (M). Nej för Lina Kvists (S) yrkande: Lina Kvist\n"
        "(S). Avstår: Gunnar Wiklund (S). Med 1 ja-röst mot 1 nej-röst, 1 avstår, bifaller nämnden förslaget.\n",
        # Lists by choice, the last with no full stop before the count.
        "Ja: Bengt Sjöholm (M)\nNej: Lina Kvist (S)\nAvstår: Gunnar Wiklund (S)\n"
        "Med 1 ja mot 1 nej, 1 avstår, beslutar nämnden enligt förslaget.\n",
        # Sentences with the choice first, a stand-in's note after the party.
        "Med 1 ja-röst mot 1 nej-röst, 1 avstår, bifaller nämnden förslaget. Ja röstade Bengt Sjöholm (M). Nej röstade\n"
        "Lina Kvist (S). Avstod från att rösta gjorde Gunnar Wiklund (S) (tjänstgörande ersättare).\n",
        # A count silent on abstentions leaves them to the names.
        "Omröstningen utföll 1 ja, 1 nej. Ja röstade Bengt Sjöholm (M). Nej röstade Lina Kvist (S).\n"
        "Avstod från att rösta gjorde Gunnar Wiklund (S).\n",
        # The names first.
        "Omröstningen utfaller med 1 ja-röst mot 1 nej-röst, 1 avstår. Bengt Sjöholm (M) röstade ja. Lina Kvist (S)\n"
        "röstade nej. Gunnar Wiklund (S) avstod från att rösta.\n",
        # Led by "följande".
        "Med 1 ja-röst mot 1 nej-röst, 1 avstår, bifaller nämnden förslaget. Följande ledamöter röstade ja: Bengt\n"
        "Sjöholm (M). Nej röstade följande ledamöter: Lina Kvist (S). Följande ledamöter avstod från att rösta:\n"
        "Gunnar Wiklund (S, tjänstgörande ersättare).\n",
    ],
)
def test_a_roll_call_keeps_each_members_vote(table):
    (p,) = parse_protocol(ROLL_CALL.format(table=table)).paragraphs
    (vote,) = p.votes
    assert {(b.person, b.party, b.choice) for b in vote.ballots} == {
        ("Gunnar Wiklund", "S", "avstår"), ("Lina Kvist", "S", "nej"), ("Bengt Sjöholm", "M", "ja"),
    }
    assert (vote.yes, vote.no, vote.abstain) == (1, 1, 1)


def test_a_roll_call_naming_one_side_gives_those_members_their_votes_and_keeps_the_count():
    table = "Omröstningen utföll 6 ja, 3 nej. Nej röstade Maria Ruiz (V), Johan Stenberg (M) och Viktor Lund (M).\n"
    (p,) = parse_protocol(ROLL_CALL.format(table=table)).paragraphs
    (vote,) = p.votes
    assert (vote.yes, vote.no, vote.abstain) == (6, 3, 0)
    assert [(b.person, b.party, b.choice) for b in vote.ballots] == [
        ("Maria Ruiz", "V", "nej"), ("Johan Stenberg", "M", "nej"), ("Viktor Lund", "M", "nej"),
    ]


@pytest.mark.parametrize(
    ("table", "counts"),
    [
        # Fewer names than the side's votes: some names were lost, so none is trusted.
        ("Omröstningen utföll 6 ja, 3 nej. Nej röstade Maria Ruiz (V) och Viktor Lund (M).\n", (6, 3, 0)),
        # One side named and no count: how many voted the other way is not said.
        ("Omröstning begärs. Nej röstade Maria Ruiz (V) och Viktor Lund (M).\n", None),
        # A voting order and members who take no part are no roll call.
        ("Den som bifaller Lina Kvists (S) yrkande röstar ja. Maria Ruiz (V) avstår från att delta i beslutet.\n"
         "Med 2 ja-röster mot 1 nej-röst bifalls yrkandet.\n", (2, 1, 0)),
        # Two votes in one sentence, the names first: whose is which is not read.
        ("Med 1 ja-röst mot 1 nej-röst bifalls yrkandet. Maria Ruiz (V) röstade ja men Viktor Lund (M) röstade nej.\n",
         (1, 1, 0)),
    ],
)
def test_a_roll_call_in_sentences_that_cannot_be_checked_gives_no_ballots(table, counts):
    (p,) = parse_protocol(ROLL_CALL.format(table=table)).paragraphs
    assert [(v.yes, v.no, v.abstain) for v in p.votes] == ([counts] if counts else [])
    assert all(v.ballots == () for v in p.votes)


def test_a_roll_call_may_name_members_without_their_party():
    table = (
        "Omröstningen utföll 3 ja, 2 nej. Ja röstade Kim Kron, Lo Lind (tjänstgörande ersättare) och Mats Moln.\n"
        "Nej: Nils Norr, ordförande, och Olof Orm.\n"
    )
    (p,) = parse_protocol(ROLL_CALL.format(table=table)).paragraphs
    assert [(b.person, b.party, b.choice) for b in p.votes[0].ballots] == [
        ("Nils Norr", None, "nej"), ("Olof Orm", None, "nej"),
        ("Kim Kron", None, "ja"), ("Lo Lind", None, "ja"), ("Mats Moln", None, "ja"),
    ]


def test_terse_minutes_name_the_voters_in_the_running_text():
    text = (
        "Kommunfullmäktige\n2016-04-25\nKf § 15   Dnr 2016.077\nFörvärv av fastigheten Byn 1:23\n"
        "Roger Nyström (SD) yrkar avslag. Omröstning begärs. Med 2 ja-röster mot 1 nej-röst beslutar\n"
        "fullmäktige att förvärva fastigheten. Ja röstade Anna Berg (S) och Bo Ek (M). Nej röstade Roger Nyström (SD).\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert {(b.person, b.choice) for b in p.votes[0].ballots} == {
        ("Anna Berg", "ja"), ("Bo Ek", "ja"), ("Roger Nyström", "nej"),
    }


def test_a_table_rows_title_and_a_meetings_systems_item_number_are_read_as_they_are():
    text = "Kommunfullmäktige\n2024-09-23\n§ 112 | Val av justerare\nBeslut\nAnna utses.\n" \
        "§ 113      Ärende 2\nDnr KS 2024/401\nBudget 2025\nBeslut\nBudgeten antas.\n"
    first, second = parse_protocol(text).paragraphs
    assert (first.title, second.title, second.case_keys) == ("Val av justerare", "Budget 2025", ("KS-2024-401",))


@pytest.mark.parametrize("label", ["Dnr", "Diarienummer:", "Ärendenummer:", "Ärendenr"])
def test_a_case_number_label_on_the_heading_line_is_no_title(label):
    text = f"Miljö- och hälsoskyddsnämnden\n2024-11-14\nMHN § 41 {label} MHN 2024-118\nTaxa för tillsyn\nBeslut\nTaxan antas.\n"
    (p,) = parse_protocol(text).paragraphs
    assert (p.title, p.case_keys) == ("Taxa för tillsyn", ("MHN-2024-118",))


@pytest.mark.parametrize("code", ["", "-1", "-1.4", "-1.4.1", ".3.1"])
def test_a_paragraphs_case_number_keeps_its_filing_code_as_printed_and_its_key(code):
    text = f"Kommunstyrelsen\n2024-11-14\n§ 41 Dnr KS 2023/412{code}\nTaxa för tillsyn\nBeslut\nTaxan antas.\n"
    (p,) = parse_protocol(text).paragraphs
    assert (p.case_numbers, p.case_keys) == ((f"KS 2023/412{code}",), ("KS-2023-412",))


def test_titles_printed_above_the_section_sign_move_to_their_paragraphs():
    text = (
        "Revisorerna\n2024-04-16\nParagrafer: 7–9\n\nVal av justerare\n§ 7\nRevisorerna utser Inga-Lill Persson att justera.\n"
        "Granskning av intern kontroll\n§ 8\nRev 2024/5\nBeslut\nRevisorerna godkänner granskningsrapporten.\n"
        "Upphandling av sakkunnigt biträde\n§ 9\nRev 2024/7\nBeslut\nÄrendet bordläggs.\n"
    )
    paragraphs = parse_protocol(text).paragraphs
    assert [p.title for p in paragraphs] == ["Val av justerare", "Granskning av intern kontroll", "Upphandling av sakkunnigt biträde"]
    assert [p.case_keys for p in paragraphs] == [(), ("REV-2024-5",), ("REV-2024-7",)]
    assert [p.status for p in paragraphs] == ["decided", "decided", "tabled"]
    assert "Granskning" not in paragraphs[0].text


def test_titles_above_a_section_sign_with_its_case_number_move_to_their_paragraphs():
    # pdftotext -layout: the title, then "§ 41" with the Dnr at the right margin.
    text = (
        "Kulturnämnden\n2025-05-20\n\nVal av justerare\n\n§ 40\n\nBeslut\nNämnden utser Henrik Moberg att justera.\n\n"
        "Stadsbibliotekets öppettider sommaren 2025\n\n§ 41                 Dnr KUN 2025/0041\n\n"
        "Kulturnämndens beslut\nÖppettiderna fastställs.\n\n"
        "Verksamhetsbidrag till kulturföreningar\n\n§ 42                 Dnr KUN 2025/0012\n\n"
        "Kulturnämndens beslut\nNämnden beviljar bidragen.\n"
    )
    paragraphs = parse_protocol(text).paragraphs
    assert [p.title for p in paragraphs] == [
        "Val av justerare", "Stadsbibliotekets öppettider sommaren 2025", "Verksamhetsbidrag till kulturföreningar",
    ]
    assert [p.case_keys for p in paragraphs] == [(), ("KUN-2025-41",), ("KUN-2025-12",)]
    assert "Verksamhetsbidrag" not in paragraphs[1].text


def test_the_signature_boxes_under_each_paragraph_are_no_text_of_it():
    text = (
        "Kommunstyrelsens arbetsutskott\n2024-09-10\n\n## § 101 Val av justerare\n\nBeslut\nAnna Berg utses.\n\n"
        "*Justerandes sign* ______  *Utdragsbestyrkande* ______\n\n## § 102 Dagordning\n\nBeslut\nDagordningen godkänns.\n"
        "Justerandes sign    Utdragsbestyrkande    Sida 2 av 2\n"
    )
    first, second = parse_protocol(text).paragraphs
    assert "sign" not in first.text and "Utdragsbestyrkande" not in second.text
    assert first.decision == "Anna Berg utses." and second.decision == "Dagordningen godkänns."


def test_terse_minutes_take_the_bodys_own_formula_as_the_decision_not_a_motion_before_it():
    text = (
        "Kommunfullmäktige\n2016-04-25\nKf § 15   Dnr 2016.077\nFörvärv av fastigheten Byn 1:23\n"
        "Ks föreslår att kommunen förvärvar fastigheten Byn 1:23 för 820 000 kr.\n"
        "Roger Nyström (SD) yrkar avslag. Ordf ställer proposition och finner att fullmäktige bifaller ks förslag.\n"
        "Kf beslutar\natt förvärva fastigheten Byn 1:23 för 820 000 kr.\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert p.status == "decided" and p.decision.startswith("Kf beslutar")


def test_a_vote_under_a_heading_of_propositions_and_vote_gives_its_ballots():
    text = ROLL_CALL.format(table="").replace("Omröstning\n", "Propositionsordning och omröstning\n") + (
        "Ja: Bengt Sjöholm (M)\nNej: Lina Kvist (S)\nAvstår: Gunnar Wiklund (S). Med 1 ja-röst mot 1 nej-röst, 1 avstår.\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert len(p.votes[0].ballots) == 3


def test_a_case_number_in_brackets_after_the_title_takes_its_brackets_along():
    text = "Miljö- och hälsoskyddsnämnden\n2024-04-17\nMHN § 34 Tillsynsplan 2024 (MHN 2024/12)\nBeslut\nPlanen antas.\n"
    (p,) = parse_protocol(text).paragraphs
    assert (p.title, p.case_keys) == ("Tillsynsplan 2024", ("MHN-2024-12",))


def test_terse_minutes_end_a_jav_at_the_bodys_own_proposal():
    text = (
        "Kommunstyrelsen\n2019-05-07\nKs § 41   Dnr 2019.102\nFörsäljning av Gärdet 2:5\n"
        "Tomten har värderats till 640 000 kr.\n\nJäv\nMaria Ek (L) anmäler jäv och deltar inte i handläggningen.\n\n"
        "Ks föreslår kommunfullmäktige besluta\natt sälja fastigheten Gärdet 2:5 för 640 000 kr.\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert (p.status, p.next_body) == ("proposed", "KF")
    assert p.decision.startswith("Ks föreslår kommunfullmäktige besluta")
    assert p.notes == ("Maria Ek (L) anmäler jäv och deltar inte i handläggningen.",)


def test_terse_minutes_end_a_protokollsanteckning_at_the_bodys_own_decision():
    text = (
        "Barn- och utbildningsnämnden\n2021-02-09\n§ 5\nSkolskjuts\n"
        "Protokollsanteckning\nOla Berg (C) vill att skolskjutsen ses över.\nNämnden beslutar att anta reglerna.\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert p.status == "decided" and p.decision == "Nämnden beslutar att anta reglerna."
    assert p.notes == ("Ola Berg (C) vill att skolskjutsen ses över.",)


def test_a_proposal_by_another_than_the_body_does_not_end_a_statement():
    text = (
        "Kommunstyrelsen\n2019-05-07\nKs § 42\nTaxor\n"
        "Särskilt yttrande\nPer Åberg (M) anför:\nFörvaltningen föreslår kommunstyrelsen besluta att höja taxan, vilket vi inte delar.\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert p.status == "unknown" and p.decision == ""


def test_a_region_names_its_assembly_and_board():
    meeting = parse_protocol("Region Hallstad\nRegionfullmäktige\n2024-06-11\n§ 68\nMotion\nBeslut\nMotionen bifalls.\n")
    assert meeting.body_code == "RF"


@pytest.mark.parametrize(
    ("table", "counts"),
    [
        # Marks placed by spaces alone, with no count to check them by: PDF text may have
        # moved them, so nobody's vote is taken from them.
        ("Ledamot      Ja   Nej  Avstår\nLina Kvist (S)    X\nBengt Sjöholm (M) X\n", None),
        # Ballots that do not add up to the count the minutes give are dropped; the count stays.
        ("Ledamot      Ja   Nej  Avstår\nLina Kvist (S)    X\nBengt Sjöholm (M) X\nSumma        1    1    0\n", (1, 1, 0)),
        # A table PDF text ran into one line still gives its sum row.
        ("Ledamot Ja Nej Avstår Lina Kvist (S) X Bengt Sjöholm (M) X Anna Berg (S) X Summa 2 0 1\n", (2, 0, 1)),
    ],
)
def test_a_roll_call_whose_columns_cannot_be_checked_gives_no_ballots(table, counts):
    (p,) = parse_protocol(ROLL_CALL.format(table=table)).paragraphs
    assert [(v.yes, v.no, v.abstain) for v in p.votes] == ([counts] if counts else [])
    assert all(v.ballots == () for v in p.votes)


@pytest.mark.parametrize("repeat", ["§ 143 Mål och budget 2025–2027", "§ 143 forts.", "Forts. § 143"])
def test_a_heading_repeated_where_its_paragraph_goes_on_over_a_page_is_no_new_paragraph(repeat):
    text = (
        "Kommunfullmäktige\n2024-11-25\n§ 142 Val\nBeslut\nAnna väljs.\n"
        "§ 143 Mål och budget 2025–2027\nDnr KS 2024/12\nKommunfullmäktiges beslut\n1. Budgeten antas.\n"
        f"Sida 3 (5)\n{repeat}\nSammanfattning\nBudgeten omfattar 1,2 miljarder kronor och skattesatsen är oförändrad "
        "för alla kommunens invånare under hela perioden.\n§ 144 Motion\nBeslut\nMotionen avslås.\n"
    )
    paragraphs = parse_protocol(text).paragraphs
    assert [p.number_norm for p in paragraphs] == ["142", "143", "144"]
    budget = paragraphs[1]
    assert (budget.title, budget.case_keys, budget.status) == ("Mål och budget 2025–2027", ("KS-2024-12",), "decided")
    assert "miljarder" in budget.summary and "forts" not in budget.text.lower()
    assert paragraphs[0].decision == "Anna väljs."


def test_a_boards_decision_for_its_own_part_is_a_decision_heading():
    p = _one(
        "Kommunstyrelsen",
        "Kommunstyrelsens förslag till kommunfullmäktige\nKommunfullmäktige antar planen.\n"
        "Propositionsordning\nOrdföranden finner bifall.\n"
        "Kommunstyrelsens beslut för egen del\nKommunstyrelsen uppdrar åt förvaltningen att upphandla.\n",
    )
    assert (p.status, p.next_body) == ("proposed", "KF")
    assert "upphandla" in p.decision and "upphandla" not in p.deliberation


def test_och_joins_two_recipients_but_not_the_words_of_one():
    text = (
        "Kommunstyrelsen\n2024-06-17\n§ 5\nTitel\nBeslut\nPlanen antas.\nBeslutet skickas till\n"
        "Kommunledningsförvaltningen, mark och exploatering\nMotionären och kommunstyrelsen\nsamtliga nämnder\nekonomienheten\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert p.recipients == (
        "Kommunledningsförvaltningen", "mark och exploatering", "Motionären", "kommunstyrelsen", "samtliga nämnder", "ekonomienheten",
    )


def test_a_council_deciding_on_a_proposal_to_itself_decided():
    p = _one(
        "Kommunfullmäktige",
        "Förslag till kommunfullmäktige\nMotionen bifalls.\nKommunfullmäktiges beslut\nKommunfullmäktige bifaller kommunstyrelsens förslag.\n",
    )
    assert (p.status, p.next_body) == ("decided", None)
    p = _one(
        "Kommunfullmäktige",
        "Kommunstyrelsens förslag till kommunfullmäktige\nMotionen bifalls.\nBeslut\nKommunfullmäktige beslutar i enlighet med förslaget.\n",
    )
    assert p.status == "decided"


def test_a_secretary_elected_in_the_last_paragraph_does_not_end_it():
    text = (
        "Valnämnden\n2024-05-14\n§ 27 Val av funktionärer\nBeslut\nNämnden utser följande.\nSekreterare: Bo Ek, valkansliet\n"
        "Ordförande i valdistrikt 3: Eva Lund\nBeslutet skickas till\nValkansliet\n"
    )
    (p,) = parse_protocol(text).paragraphs
    assert p.recipients == ("Valkansliet",) and "Bo Ek" in p.text



# -- OCR'd scans and minutes numbered without § --------------------------------------------------

OCR_SCAN = """LINDMO KOMMUN SAMMANTRADESPROTOKOLL
Kommunstyrelsens arbetsutskott 2006-02-14
Paragrafer 10-14
{first}
Val av justerare
Arbetsutskottet utser Karl-Erik Holm (M) att justera protokollet.

§ 11                                   Dnr KS 2006/45
Detaljplan för Norrmyren
Arbetsutskottets beslut
Arbetsutskottet godkänner planen.
Yrkanden
Sten Akerlund (S) yrkar bifall.
{inside}

{third}                                   Dnr KS 2002/215
Motion om belysning av elljusspåret
Arbetsutskottets beslut
Motionen anses besvarad.

§ l3 Avgifter i musikskolan
Arbetsutskottets beslut
Avgifterna höjs.

$14    Fyllnadsval till socialnämnden
Arbetsutskottets beslut
Arbetsutskottet väljer Tomas Berglund (S).
"""


def _numbers(text: str) -> list[tuple[str, str]]:
    return [(p.number, p.number_norm) for p in parse_protocol(text).paragraphs]


def test_a_scans_misread_section_signs_and_digits_are_headings_shown_as_the_sign_and_digits():
    text = OCR_SCAN.format(first="$ 1O", inside="", third="S 12")
    assert _numbers(text) == [("§ 10", "10"), ("§ 11", "11"), ("§ 12", "12"), ("§ 13", "13"), ("§14", "14")]
    paragraphs = parse_protocol(text).paragraphs
    assert [p.title for p in paragraphs][2:] == ["Motion om belysning av elljusspåret", "Avgifter i musikskolan", "Fyllnadsval till socialnämnden"]
    assert paragraphs[2].case_keys == ("KS-2002-215",) and "belysning" not in paragraphs[1].text


def test_an_s_for_the_section_sign_opens_the_first_paragraph_the_front_page_numbers():
    assert _numbers(OCR_SCAN.format(first="S 10", inside="", third="S 12"))[:3] == [("§ 10", "10"), ("§ 11", "11"), ("§ 12", "12")]
    # Without the front page's range nothing says where the numbering starts.
    text = OCR_SCAN.format(first="S 10", inside="", third="S 12").replace("Paragrafer 10-14\n", "")
    assert [n for _, n in _numbers(text)] == ["11", "12", "13", "14"]


@pytest.mark.parametrize(
    "third, inside",
    [
        ("S 15", ""),  # not the number after § 11's
        ("S 12 ledamöter", ""),  # running text
        ("(S) 12 röster", ""),  # a party
        # "S 12" inside § 11 is no § 12 when the real § 12 follows.
        ("§ 12", "S 12"),
        ("§ 12", "S 12 Mandat"),
    ],
)
def test_an_s_that_does_not_carry_on_the_numbering_is_no_heading(third, inside):
    numbers = [n for _, n in _numbers(OCR_SCAN.format(first="$ 10", inside=inside, third=third))]
    assert numbers == (["10", "11", "13", "14"] if third.startswith(("S", "(")) else ["10", "11", "12", "13", "14"])
    paragraphs = parse_protocol(OCR_SCAN.format(first="$ 10", inside=inside, third=third)).paragraphs
    if inside:
        assert inside in paragraphs[1].text and paragraphs[2].title == "Motion om belysning av elljusspåret"


def test_words_a_scan_misread_are_read_as_meant():
    text = (
        OCR_SCAN.format(first="$ 10", inside="", third="§ 12")
        .replace("Kommunstyrelsens arbetsutskott", "KommunstyreIsens arbetsutskott")
        .replace("Arbetsutskottets beslut\nAvgifterna", "Arbetsutskottets besIut\nAvgifterna")
    )
    meeting = parse_protocol(text)
    assert meeting.body_code == "KSAU"
    fees = meeting.paragraphs[3]
    assert fees.title == "Avgifter i musikskolan" and fees.decision == "Avgifterna höjs."


def test_an_s_after_the_front_pages_last_paragraph_is_no_heading():
    text = OCR_SCAN.format(first="$ 10", inside="", third="§ 12") + "S 15\nEn rad till\n"
    assert [n for _, n in _numbers(text)] == ["10", "11", "12", "13", "14"]


ITEMS = """GEMENSAMMA NÄMNDEN FÖR IT I LINDMO OCH BERGA
PROTOKOLL
Sammanträde: torsdagen den 4 oktober 2007
Ärendelista: ärende 1–3

{one} Val av justerare
Beslut: Anna Berg (S) utses att justera protokollet.

{two} IT-avgift per arbetsplats 2008
Dnr ITN 2007/14
IT-chefen har tagit fram förslag till avgift. Ärende 3 på förra mötet gällde samma sak.
Beslut: Nämnden föreslår kommunfullmäktige att fastställa avgiften till 4 200 kronor.

{three} Information om driftstörningen i e-postsystemet
Beslut: Nämnden noterar informationen.
Reservation: Anna Berg (S) reserverar sig mot beslutet.
"""


@pytest.mark.parametrize(
    "labels",
    [("Ärende 1.", "Ärende 2.", "Ärende 3."), ("Punkt 1", "Punkt 2", "Punkt 3"), ("Ärende 1:", "Ärende 2:", "Ärende 3:")],
)
def test_minutes_without_section_signs_are_split_at_their_numbered_items(labels):
    meeting = parse_protocol(ITEMS.format(one=labels[0], two=labels[1], three=labels[2]))
    label = labels[0].split()[0]
    assert [(p.number, p.number_norm) for p in meeting.paragraphs] == [(f"{label} {n}", str(n)) for n in (1, 2, 3)]
    assert [p.title for p in meeting.paragraphs] == [
        "Val av justerare", "IT-avgift per arbetsplats 2008", "Information om driftstörningen i e-postsystemet",
    ]
    assert [p.status for p in meeting.paragraphs] == ["decided", "proposed", "noted"]
    assert meeting.paragraphs[1].case_keys == ("ITN-2007-14",)
    assert meeting.meeting_date == dt.date(2007, 10, 4)


@pytest.mark.parametrize(
    "one, two, three",
    [
        # One item line is no numbering, nor are lines out of order ...
        ("Ärende 3.", "Valet", "Avgiften"),
        ("Ärende 2.", "Ärende 1.", "Avgiften"),
        # ... nor the label in running text.
        ("ärende 1", "ärende 2", "Avgiften"),
    ],
)
def test_minutes_without_numbered_items_are_not_split(one, two, three):
    assert parse_protocol(ITEMS.format(one=one, two=two, three=three)).paragraphs == ()


def test_a_decisions_numbered_points_are_no_items():
    text = (
        "Socialnämnden\n2024-05-01\nRiktlinjer för bistånd\nBeslut\n"
        "Punkt 1 Nämnden antar riktlinjerna.\nPunkt 2 Nämnden uppdrar åt förvaltningen att följa upp dem.\n"
    )
    assert parse_protocol(text).paragraphs == ()


def test_item_lines_in_minutes_with_section_signs_are_no_paragraphs():
    text = (
        "Kommunfullmäktige\n2024-09-23\n§ 112 Val av justerare\nBeslut\nAnna utses.\n"
        "Ärende 1. Budget 2025\nÄrende 2. Skattesats\n§ 113      Ärende 3\nDnr KS 2024/401\nBudget 2025\nBeslut\nBudgeten antas.\n"
    )
    assert [(p.number_norm, p.title) for p in parse_protocol(text).paragraphs] == [("112", "Val av justerare"), ("113", "Budget 2025")]


_DISTRICT_HEAD = "Lövstrands stad\n{body}\nSammanträdesprotokoll\nSammanträdesdatum 2025-02-12\n\n"


def test_a_district_namnds_minutes_keep_the_district_and_its_own_decisions():
    text = _DISTRICT_HEAD.format(body="Stadsdelsnämnden Norra") + (
        "§ 13\nUpprustning av lekplatsen\nDnr SDN N 2025/0008\n\n"
        "Stadsdelsnämndens beslut\nStadsdelsnämnden beslutar att rusta upp lekplatsen.\n\n"
        "§ 14\nÄrende om parkförvaltning\nDnr SDN N 2025/0009\n\n"
        "Beslut\nÄrendet överlämnas till stadsdelsnämnden.\n"
    )
    meeting = parse_protocol(text, "sdn-norra.txt")
    assert (meeting.body, meeting.body_code) == ("Stadsdelsnämnden Norra", "SDN-Norra")
    # "Stadsdelsnämnden" alone in its minutes is the district's nämnd, not another body.
    assert [(p.status, p.next_body) for p in meeting.paragraphs] == [("decided", None), ("forwarded", None)]


def test_a_district_arbetsutskott_prepares_for_its_districts_namnd():
    text = _DISTRICT_HEAD.format(body="Stadsdelsnämnden Norras arbetsutskott") + (
        "§ 4\nUpprustning av lekplatsen\nDnr SDN N 2025/0008\n\n"
        "Beslut\nArbetsutskottet föreslår stadsdelsnämnden besluta att rusta upp lekplatsen.\n"
    )
    meeting = parse_protocol(text, "sdn-norra-au.txt")
    assert meeting.body_code == "SDN-NorraAU"
    assert [(p.status, p.next_body) for p in meeting.paragraphs] == [("proposed", "SDN-Norra")]
