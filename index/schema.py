"""The Whoosh schema: one document per paragraph, plus one per source file.

The file documents carry each file's content hash and outcome. Keeping them in the same index
as the paragraphs means one commit changes both, so what the index says it holds can never
drift from what it does hold, whatever point a reindex is killed at.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import fields as fields_of

from whoosh import fields
from whoosh.system import pack_uint

from .analysis import ALTERNATIVE, encode_terms, pre_analyzed, word_terms
from .casenumber import CaseNumber, find_case_numbers, parse_case_number
from .parser import members_named
from .property import find_designations
from .records import Ballot, Meeting, Motion, Paragraph, Vote

# Bump when the schema, the analysis or the stored records change: a new version builds a
# fresh index beside the old one, which keeps answering until the new one is committed.
SCHEMA_VERSION = 40
INDEX_NAME = f"minutes_v{SCHEMA_VERSION}"

KIND_PARAGRAPH = "paragraph"
KIND_FILE = "file"


# A term's frequency as Whoosh stores it with each posting: most are small, and made once
# they are one object in all the postings a segment holds in memory.
_PACKED = [pack_uint(n) for n in range(256)]


class PreAnalyzedText(fields.TEXT):
    """A TEXT field filled with `encode_terms` text, indexed without Whoosh's token stream.

    Whoosh turns a value into postings through three generators per token (tokenizer,
    format, field); the terms are already known here, so they are counted in one call. The
    postings are the ones TEXT.index gives for the same value (tests/test_schema.py)."""

    def index(self, value, **kwargs):
        if not value:
            return []
        boost = self.format.field_boost
        counts = Counter(value.replace(ALTERNATIVE, " ").split(" "))
        counts.pop("", None)
        return [(term.encode("utf-8"), n, n * boost, _PACKED[n] if n < 256 else pack_uint(n)) for term, n in counts.items()]


class Identifier(fields.ID):
    """An ID field indexed without Whoosh's token stream: the whole value is the one term.

    Per document, the token streams of the exact fields cost Whoosh more than the terms
    themselves. The postings are the ones ID.index gives (tests/test_schema.py)."""

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        return [(value.encode("utf-8"), 1, self.format.field_boost, b"")]


class Keywords(fields.KEYWORD):
    """A comma-separated KEYWORD field indexed without Whoosh's token stream, as Identifier
    is; the postings are the ones KEYWORD.index gives (tests/test_schema.py)."""

    def __init__(self, lowercase: bool = False, **kwargs):
        super().__init__(lowercase=lowercase, commas=True, **kwargs)
        self._lowercase = lowercase

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        if self._lowercase:
            value = value.lower()
        # As Whoosh's comma tokenizer: runs of non-commas, stripped (a blank run stays, "").
        counts = Counter(item.strip() for item in value.split(",") if item)
        boost = self.format.field_boost
        return [(term.encode("utf-8"), n, n * boost, _PACKED[n] if n < 256 else pack_uint(n)) for term, n in counts.items()]


def build_schema() -> fields.Schema:
    # The analysed fields receive terms computed once per paragraph by `word_terms` (the same
    # terms as swedish_analyzer, see tests/test_analysis.py) and only read them back.
    sv = pre_analyzed()
    return fields.Schema(
        doc_id=Identifier(stored=True, unique=True),
        kind=Identifier(stored=True),
        source=Identifier(stored=True),
        # Exact fields for filters.
        body=Identifier(stored=True),
        municipality=Identifier(stored=True),  # municipality_key of the meeting's
        meeting_date=Identifier(stored=True, sortable=True),
        paragraph=Identifier(stored=True),
        case=Keywords(),
        case_bare=Keywords(),
        # Case numbers the text refers to: a delegation report lists the decisions it reports.
        case_cited=Keywords(),
        case_cited_bare=Keywords(),
        # Property designations ("lunda 3:14") named in the title or text.
        property=Keywords(),
        status=Identifier(stored=True),
        next_body=fields.STORED,
        party=Keywords(lowercase=True),
        # Analysed fields for ranking.
        title=PreAnalyzedText(analyzer=sv, stored=True, phrase=False, field_boost=2.0),
        # No positions: a quoted phrase is searched as all of its words (see search.py);
        # positions cost a quarter of the indexing time and were not worth it.
        text=PreAnalyzedText(analyzer=sv, phrase=False),
        people=Keywords(lowercase=True),
        # Shown with a hit, without unpacking the whole record.
        body_name=fields.STORED,
        case_numbers=fields.STORED,
        page=fields.STORED,
        # The whole parsed paragraph as JSON; unpacked only for the paragraph being shown.
        record=fields.STORED,
        # File documents.
        content_hash=Identifier(stored=True),
        outcome=fields.STORED,
    )


def paragraph_document(meeting: Meeting, paragraph: Paragraph, ordinal: int, content_hash: str) -> dict:
    # Re-read each printed number on its own: "2023/412" was found after a Dnr label that
    # is no longer in front of it.
    cases = [c for c in map(parse_case_number, paragraph.case_numbers) if c is not None]
    own = {c.key for c in cases}
    cited = [c for c in find_case_numbers(paragraph.text) if c.key not in own]
    # Who moved something, voted by name, reserved themselves or declared a conflict of
    # interest: "Hur röstade Ulla Nordqvist?", "Varför var Birgitta Strand jävig?" find them,
    # and "Anna Berg (S)" the paragraph where she, of that party, did.
    said = [member for text in paragraph.reservations + paragraph.notes for member in members_named(text)]
    # Who resigned, was elected or replaced: "Avsägelse – Karin Ek (M)", "Viktor Lund (M) väljs";
    # "Vem ersatte Karin Ek?" is asked of the paragraph that names her so. Their party said
    # nothing here, so it is no party of the paragraph's.
    decided = members_named(paragraph.title) + members_named(paragraph.decision)
    people = sorted(
        {m.person for m in paragraph.motions if m.party}
        | {b.person for v in paragraph.votes for b in v.ballots}
        | {person for person, _ in said + list(decided)}
    )
    parties = list(dict.fromkeys(list(paragraph.parties) + [party for _, party in said]))
    date = meeting.meeting_date.isoformat() if meeting.meeting_date else ""
    text_terms = word_terms(paragraph.text)
    return {
        "doc_id": f"{meeting.source}#{ordinal}",
        "kind": KIND_PARAGRAPH,
        "source": meeting.source,
        "body": meeting.body_code or "",
        "municipality": municipality_key(meeting.municipality or ""),
        "meeting_date": date,
        "paragraph": paragraph.number_norm,
        "case": ",".join(_case_keys(cases)),
        "case_bare": ",".join(sorted({c.bare_key for c in cases})),
        "case_cited": ",".join(_case_keys(cited)),
        "case_cited_bare": ",".join(sorted({c.bare_key for c in cited})),
        "property": ",".join(find_designations(paragraph.title + "\n" + paragraph.text)),
        "status": paragraph.status,
        "next_body": paragraph.next_body or "",
        "party": ",".join(parties),
        "title": encode_terms(word_terms(paragraph.title)),
        "_stored_title": paragraph.title,
        "text": encode_terms(text_terms),
        "people": ",".join(people),
        "body_name": meeting.body,
        "case_numbers": list(paragraph.case_numbers),
        "page": paragraph.page_start,
        "record": pack_record(meeting, paragraph),
    }


# The key of paragraphs whose protocol names no municipality: searched whatever the scope.
UNKNOWN_MUNICIPALITY = "-"


def municipality_key(name: str) -> str:
    """'Ekbacka kommun' -> 'ekbacka', 'Stockholms stad' -> 'stockholms': the name without the
    word for what it is, lower case ("-" for none). A genitive s stays: "Västerås" ends in one
    too, and the question side accepts the name with or without it."""
    name = " ".join(name.lower().split())
    m = re.fullmatch(r"(.+?)\s+(kommun|stad|kommunförbund)", name)
    return (m.group(1) if m else name) or UNKNOWN_MUNICIPALITY


def _case_keys(cases: list[CaseNumber]) -> list[str]:
    return sorted({c.key for c in cases})


def file_document(source: str, content_hash: str, outcome: dict) -> dict:
    return {
        "doc_id": f"{source}#file",
        "kind": KIND_FILE,
        "source": source,
        "content_hash": content_hash,
        "outcome": outcome,
    }


def pack_record(meeting: Meeting, paragraph: Paragraph) -> bytes:
    data = {
        "meeting": {
            "body": meeting.body,
            "body_code": meeting.body_code,
            "meeting_date": meeting.meeting_date.isoformat() if meeting.meeting_date else None,
            "source": meeting.source,
            "municipality": meeting.municipality,
        },
        "paragraph": _paragraph_dict(paragraph),
    }
    # Not compressed here: Whoosh compresses each document's stored fields, this among them,
    # and compressing it twice cost a fifth more time per paragraph for more bytes.
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _paragraph_dict(paragraph: Paragraph) -> dict:
    """`dataclasses.asdict`, without its deep copies: the values are immutable already."""
    data = {f.name: getattr(paragraph, f.name) for f in fields_of(paragraph)}
    data["motions"] = [m.__dict__ for m in paragraph.motions]
    data["votes"] = [{**v.__dict__, "ballots": [b.__dict__ for b in v.ballots]} for v in paragraph.votes]
    return data


def unpack_record(blob: bytes) -> tuple[Meeting, Paragraph]:
    """The meeting (without its other paragraphs) and the paragraph stored in a document."""
    data = json.loads(blob.decode("utf-8"))
    p = data["paragraph"]
    p["motions"] = tuple(Motion(**m) for m in p["motions"])
    p["votes"] = tuple(Vote(**{**v, "ballots": tuple(Ballot(**b) for b in v.get("ballots", ()))}) for v in p["votes"])
    for key in ("case_numbers", "case_keys", "decision_points", "reservations", "notes", "recipients"):
        p[key] = tuple(p[key])
    paragraph = Paragraph(**p)
    m = data["meeting"]
    date = dt.date.fromisoformat(m["meeting_date"]) if m["meeting_date"] else None
    meeting = Meeting(
        body=m["body"],
        body_code=m["body_code"],
        meeting_date=date,
        source=m["source"],
        municipality=m["municipality"],
        paragraphs=(paragraph,),
    )
    return meeting, paragraph
