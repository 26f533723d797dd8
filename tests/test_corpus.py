"""Every shipped minutes file, parsed and checked against the expected list written by the
author of the corpus; all differences are reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from index.parser import parse_protocol
from index.readers import read_file

ROOT = Path(__file__).resolve().parents[1]
MINUTES = ROOT / "data" / "minutes"
EXPECTED = yaml.safe_load((ROOT / "tests" / "expected" / "demo_corpus.yaml").read_text(encoding="utf-8"))["files"]
MATTERS = yaml.safe_load((ROOT / "tests" / "expected" / "demo_matters.yaml").read_text(encoding="utf-8"))["matters"]


def parsed(name: str):
    return parse_protocol(read_file(MINUTES / name).text, name)


def test_expected_list_covers_every_shipped_file():
    shipped = sorted(p.name for p in MINUTES.iterdir() if p.is_file())
    assert sorted(f["file"] for f in EXPECTED) == shipped


def test_corpus_size():
    paragraphs = sum(len(f["paragraphs"]) for f in EXPECTED)
    assert len(EXPECTED) >= 7 and paragraphs >= 50


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda f: f["file"])
def test_file_parses_as_expected(expected):
    meeting = parsed(expected["file"])
    problems = []
    got_meeting = (meeting.body_code, str(meeting.meeting_date), meeting.municipality)
    want_meeting = (expected["body_code"], expected["meeting_date"], expected["municipality"])
    if got_meeting != want_meeting:
        problems.append(f"meeting: got {got_meeting}, want {want_meeting}")
    got_numbers = [p.number_norm for p in meeting.paragraphs]
    want_numbers = [p["number"] for p in expected["paragraphs"]]
    if got_numbers != want_numbers:
        problems.append(f"paragraph numbers: got {got_numbers}, want {want_numbers}")
    by_number = {p.number_norm: p for p in meeting.paragraphs}
    for want in expected["paragraphs"]:
        got = by_number.get(want["number"])
        if got is None:
            continue
        fields = {
            "title": (got.title, want["title"]),
            "case_numbers": (list(got.case_numbers), want["case_numbers"]),
            "status": ((got.status, got.next_body), (want["status"], want["next_body"])),
            "votes": (len(got.votes), want["votes"]),
        }
        for name, (have, should) in fields.items():
            if have != should:
                problems.append(f"§ {want['number']} {name}: got {have!r}, want {should!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("matter", MATTERS, ids=lambda m: m["key"])
def test_travelling_matters_share_a_case_key(matter):
    for step in matter["steps"]:
        meeting = parsed(step["file"])
        (paragraph,) = [p for p in meeting.paragraphs if p.number_norm == step["number"]]
        keys = set(paragraph.case_keys)
        assert matter["key"] in keys or matter["key"].split("-", 1)[1] in keys, (step, keys)
