"""The schema's own field types index exactly as Whoosh's TEXT, ID and KEYWORD would."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh import fields

from index.analysis import encode_terms, word_terms
from index.readers import read_file
from index.schema import build_schema, municipality_key

MINUTES = Path(__file__).resolve().parents[1] / "data" / "minutes"


def whoosh_postings(field, value):
    return sorted(fields.TEXT.index(field, value))


@pytest.mark.parametrize("fieldname", ["title", "text"])
def test_shipped_paragraph_texts_index_as_text_fields_do(fieldname):
    field = build_schema()[fieldname]
    for path in sorted(MINUTES.glob("*.md")) + sorted(MINUTES.glob("*.txt")):
        value = encode_terms(word_terms(read_file(path).text))
        assert sorted(field.index(value)) == whoosh_postings(field, value)


@given(st.lists(st.lists(st.text("abcåäö", min_size=1, max_size=6), min_size=1, max_size=3), max_size=30))
def test_any_encoded_terms_index_as_text_fields_do(groups):
    value = encode_terms([tuple(g) for g in groups])
    for fieldname in ("title", "text"):
        field = build_schema()[fieldname]
        assert sorted(field.index(value)) == whoosh_postings(field, value)


@given(st.text(" ,aAbÅ/-:\t"))
def test_any_value_indexes_as_whooshs_exact_fields_do(value):
    schema = build_schema()
    for fieldname in schema.names():
        field = schema[fieldname]
        if isinstance(field, fields.ID):
            expected = fields.ID.index(field, value)
        elif isinstance(field, fields.KEYWORD):
            expected = fields.KEYWORD.index(field, value)
        else:
            continue
        assert sorted(field.index(value)) == sorted(expected), fieldname


def test_the_exact_fields_of_a_shipped_paragraph_index_as_whooshs_do():
    from index.indexer import _read_and_parse

    schema = build_schema()
    checked = set()
    for path in sorted(MINUTES.glob("*.md")):
        _, docs = _read_and_parse(MINUTES, path.name, "hash", None)
        for doc in docs:
            for fieldname, value in doc.items():
                if fieldname not in schema:
                    continue  # "_stored_title": a stored value, not a field
                field = schema[fieldname]
                for kind in (fields.ID, fields.KEYWORD):
                    if isinstance(field, kind):
                        assert sorted(field.index(value)) == sorted(kind.index(field, value)), fieldname
                        checked.add(fieldname)
    assert {"doc_id", "case", "party", "people", "status"} <= checked


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ekbacka kommun", "ekbacka"),
        ("Stockholms stad", "stockholms"),
        ("Västerås stad", "västerås"),
        ("Västerås", "västerås"),
        ("Region Gotland", "region gotland"),
        ("", "-"),
    ],
)
def test_municipality_key(name, key):
    assert municipality_key(name) == key


def test_case_numbers_a_text_cites_are_kept_apart_from_its_own():
    from index.parser import parse_protocol
    from index.schema import paragraph_document

    text = (
        "Ekbacka kommun\nKommunstyrelsen\nSammanträdesdatum 2024-03-12\n\n§ 47\nAnmälan av delegationsbeslut\n"
        "Dnr KS 2024/4\n\nBeslut\nKommunstyrelsen lägger redovisningen till handlingarna.\n\n"
        "Ärendebeskrivning\nKanslichefens beslut om allmän handling, dnr KS 2024/88, och BUN 2023/7.\n"
    )
    meeting = parse_protocol(text, "ks.txt")
    doc = paragraph_document(meeting, meeting.paragraphs[0], 0, "h")
    assert doc["case"] == "KS-2024-4"
    assert doc["case_cited"] == "BUN-2023-7,KS-2024-88"
    assert doc["case_cited_bare"] == "2023-7,2024-88"


def test_people_are_those_who_moved_reserved_themselves_or_stepped_aside():
    from index.parser import parse_protocol
    from index.schema import paragraph_document

    text = (
        "Kommunstyrelsen\n2006-03-07\n§ 51\nFörvärv av fastigheten Prästbol 1:7\nBeslut\nFastigheten förvärvas.\n"
        "Yrkanden\nPer Sund (C) yrkar bifall till förslaget.\nJäv\nBirgitta Strand (S) anmäler jäv och deltar inte i beslutet.\n"
        "Reservation\nLars Hedlund (SD) reserverar sig mot beslutet.\n"
    )
    meeting = parse_protocol(text, "ks.txt")
    doc = paragraph_document(meeting, meeting.paragraphs[0], 0, "h")
    assert doc["people"] == "Birgitta Strand,Lars Hedlund,Per Sund"
    assert doc["party"] == "C,SD,S"


def test_people_include_those_a_title_or_decision_names_but_not_their_party():
    from index.parser import parse_protocol
    from index.schema import paragraph_document

    text = (
        "Kommunfullmäktige\n2024-04-22\n§ 45\nAvsägelse och fyllnadsval – Karin Ek (M)\nBeslut\n"
        "Karin Ek (M) entledigas från uppdraget. Viktor Lund (M) väljs till ny ledamot i kultur- och fritidsnämnden.\n"
    )
    meeting = parse_protocol(text, "kf.txt")
    doc = paragraph_document(meeting, meeting.paragraphs[0], 0, "h")
    assert doc["people"] == "Karin Ek,Viktor Lund"
    assert doc["party"] == ""


def test_a_record_keeps_its_votes_and_each_members_ballot():
    import datetime as dt

    from index.records import Ballot, Meeting, Paragraph, Vote
    from index.schema import pack_record, unpack_record

    vote = Vote(1, 1, 0, "omröstningslista", (Ballot("Ulla Nordqvist", "L", "ja"), Ballot("Lina Kvist", "S", "nej")))
    paragraph = Paragraph(number="§ 47", number_norm="47", title="Motion", votes=(vote,))
    meeting = Meeting("Kommunfullmäktige", "KF", dt.date(2024, 6, 17), "kf.txt", "Västerfors kommun", (paragraph,))
    assert unpack_record(pack_record(meeting, paragraph))[1] == paragraph
