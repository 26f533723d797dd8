"""Following a matter: what a follow is, and which newly indexed paragraphs concern it.

A channel follows a case number (any printed style) or a phrase. A paragraph concerns a case
follow when it carries that case number, and a phrase follow when it mentions every word of the
phrase in some form (inflection, compound part, without å, ä, ö). Alerts are sent once per
follow and paragraph text: a reindex that re-reads an unchanged paragraph sends nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from index.analysis import fold, query_terms, swedish_analyzer
from index.casenumber import parse_case_number
from index.records import Paragraph

from .store import Follow


class FollowError(ValueError):
    """A follow request that cannot be understood."""


@dataclass(frozen=True)
class FollowSpec:
    kind: str  # "case" or "phrase"
    value: str
    key: str


def parse_follow(text: str) -> FollowSpec:
    """'KS 2022/1011' follows a case; anything else with words in it, a phrase."""
    text = " ".join(text.split())[:200]
    case = parse_case_number(text)
    if case is not None and len(text) <= len(case.printed) + 8:
        return FollowSpec("case", text, case.key)
    if not query_terms(text):
        raise FollowError("give a case number (e.g. KS 2022/1011) or some words to follow")
    return FollowSpec("phrase", text, text.lower())


def fingerprint(paragraph: Paragraph) -> str:
    return hashlib.sha256(f"{paragraph.title}\n{paragraph.text}\n{paragraph.status}".encode()).hexdigest()[:24]


def concerns(follow: Follow, paragraph: Paragraph) -> bool:
    if follow.kind == "case":
        case = parse_case_number(follow.value)
        if case is None:
            return False
        if case.key == case.bare_key:  # typed without series: any series with that number
            return any(k.endswith(case.bare_key) for k in paragraph.case_keys)
        return case.key in paragraph.case_keys or case.bare_key in paragraph.case_keys
    groups = query_terms(follow.value)
    if not groups:
        return False
    tokens = {t.text for t in swedish_analyzer()(paragraph.title + "\n" + paragraph.text)}
    folded = {fold(t) for t in tokens}
    return all(any(t in tokens for t in g.terms) or fold(g.terms[0]) in folded for g in groups)
