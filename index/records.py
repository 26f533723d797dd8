"""The records that flow through the library, one type per step, all frozen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

STATUSES = (
    "decided",
    "proposed",
    "forwarded",
    "referred_back",
    "tabled",
    "rejected",
    "answered",
    "noted",
    "withdrawn",
    "unknown",
)


@dataclass(frozen=True)
class SourceText:
    """What a reader makes of a file: text with pages separated by form feeds (\\f)."""

    text: str
    pages: int
    note: str = ""  # e.g. "decoded as cp1252"
    lost: str = ""  # what the file holds but the reader could not get: "page 3 has no text layer"


@dataclass(frozen=True)
class Decision:
    status: str  # one of STATUSES
    next_body: str | None = None  # where a proposed/forwarded matter goes next
    phrase: str = ""  # the document's own wording that gave the status


@dataclass(frozen=True)
class Motion:
    person: str
    party: str | None
    text: str


@dataclass(frozen=True)
class Ballot:
    """One member's vote in a roll call (omröstning/votering)."""

    person: str
    party: str | None
    choice: str  # "ja", "nej" or "avstår"


@dataclass(frozen=True)
class Vote:
    yes: int
    no: int
    abstain: int
    text: str = ""
    ballots: tuple[Ballot, ...] = ()  # by name, where the minutes list them


@dataclass(frozen=True)
class Paragraph:
    number: str  # as printed, e.g. "§ 21", "KS § 102", "AU 5:18"
    number_norm: str  # e.g. "21", "102", "18"
    title: str
    case_numbers: tuple[str, ...] = ()  # as printed
    case_keys: tuple[str, ...] = ()  # normalised, for matching
    decision: str = ""
    decision_points: tuple[str, ...] = ()
    summary: str = ""
    deliberation: str = ""
    motions: tuple[Motion, ...] = ()
    votes: tuple[Vote, ...] = ()
    reservations: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # protokollsanteckning, särskilt yttrande, jäv
    recipients: tuple[str, ...] = ()
    page_start: int | None = None
    page_end: int | None = None
    text: str = ""
    status: str = "unknown"
    next_body: str | None = None
    status_phrase: str = ""

    @property
    def parties(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for motion in self.motions:
            if motion.party:
                seen.setdefault(motion.party, None)
        return tuple(seen)


@dataclass(frozen=True)
class Meeting:
    body: str  # the political body, e.g. "Kommunstyrelsens arbetsutskott"
    body_code: str  # short, stable code: "KF", "KS", "KSAU", "BUN", ...
    meeting_date: dt.date | None
    source: str  # path relative to minutes_dir, as given to the parser
    municipality: str | None = None
    paragraphs: tuple[Paragraph, ...] = field(default_factory=tuple)
