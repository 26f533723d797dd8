"""Classify a paragraph's decision into one status, and say where an open matter goes next.

The minutes use a small set of formulas (see minutes-format.md). A decision block often has
several points; the first point that carries a recognised formula decides, so "1. Motionen
avslås. 2. ..." is `rejected`. Order matters inside a point: "föreslår kommunfullmäktige att
avslå motionen" is a proposal, not a rejection, and "beslutar att återremittera" is a referral,
not a plain decision.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .bodies import KF, KS, KSAU, RF, RS, RSAU, Body, find_bodies, same_body
from .records import Decision
from .text import SENTENCE_BREAK

# What a matter is called where it is struck off: "Ärendet avskrivs", "Motionen avskrivs". A
# council takes several at once in the plural ("Motionerna överlämnas till ...") by the same formulas.
_MATTER = (r"(?:ärendet|ärendena|motionen|motionerna|medborgarförslaget|medborgarförslagen|e-förslaget|"
           r"e-förslagen|interpellationen|interpellationerna|frågan|frågorna)")
# What is handed on or sent for preparation.
_HANDED = r"(?:ärendet|ärendena|frågan|frågorna|motionen|motionerna|medborgarförslaget|medborgarförslagen)"
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (status, re.compile(pattern, re.IGNORECASE))
    for status, pattern in (
        ("withdrawn", rf"\b{_MATTER}\s+(?:utgår|avskrivs|avförs|stryks)|\bavskriv\w*\s+{_MATTER}|"
                      r"\butgår\s+(?:ur|från)\s+dagordningen|\bärendet\s+har\s+utgått|"
                      r"\b(?:dras|drogs)\s+tillbaka|\bavförs\s+från\s+dagordningen"),
        ("referred_back", r"\båterremitt\w*|\båterremiss\w*"),
        ("tabled", r"\bbordl[äa]gg?\w*|\bbordlagt?\b|\bbordlades\b"),
        # "Motionen överlämnas till ..." opening a point is the same act as "överlämnar motionen
        # till ..."; inside a proposal ("föreslår ... besluta att motionen överlämnas till ...")
        # it is what the proposal asks for.
        ("forwarded", rf"utan\s+eget\s+ställningstagande|\böverlämnar\s+{_HANDED}\s+till\b|"
                      rf"^\W*{_HANDED}\s+överlämnas\s+till\b"),
        ("proposed", r"\bföreslår\s+(?:att\s+)?(?:kommun\w+|region\w+|\w*nämnd\w*|fullmäktige|styrelsen|(?:ks|kf|rs|rf)\b)|"
                     # "förslag till" a body, not to a thing: "yttrande över regionens förslag till
                     # regional cykelplan" is a consultation answered, no proposal to the council.
                     r"\bföreslås\s+besluta|\bhemställer\b|\bförslag\s+till\s+(?:(?:kommun|region)(?:fullmäktige|"
                     r"styrelse\w*)|\w*nämnd\w*|fullmäktige)|\btillstyrker\s+att\s+kommun\w+"),
        # Said of the body too: "Fullmäktige anser motionen besvarad", "beslutar att anse
        # motionen därmed besvarad", "förklarar interpellationen besvarad".
        ("answered", r"\banses\s+(?:vara\s+)?besvara[dt]|\bbesvaras\b|\bförklaras\s+besvara[dt]|"
                     r"\bär\s+(?:därmed\s+)?besvara[dt]|\b(?:anser|anse|ansåg|förklarar|förklara)\s+(?:\w+\s+){1,3}?besvara[dt]"),
        # "Motionen bifalls delvis ... I övrigt avslås motionen": granted in part is decided,
        # unless proposed to another body (the rules above).
        ("decided", r"\bbifall\w*\s+delvis|\bdelvis\s+bifall\w*"),
        ("rejected", r"\bavslå\w*|\bavslag\b|\bavslogs\b|\bavvisa\w*|\bbifalls\s+inte\b"),
        ("noted", r"\btill\s+handlingarna\b|\bnoterar\b|\bnoteras\b|\btar\s+del\s+av\b|"
                  r"\btagit\s+del\s+av\b|\bannoterar\b|\bantecknar\b|\bantecknas\b|"
                  r"\binformationen\s+\w+\s+till\s+protokollet|"
                  # "Nämnden tackar för informationen": thanks for a report is taking note of it.
                  r"\btackar\s+för\s+(?:informationen|redovisningen|föredragningen|rapporten|genomgången|dragningen)\b"),
        ("decided", r"\bbeslut(?:ar|ade|as)\b|\bgodkänn\w*|\banta(?:r|s|ga|git|gs)?\b|\bantog\b|"
                    r"\bfastställ\w*|\bbifall\w*|\bbevilja\w*|\bväljer\b|\bväljs\b|\butse\w*|"
                    r"\butses\b|\buppdra\w*|\bges\s+i\s+uppdrag|\bställer\s+sig\s+bakom|"
                    r"\bgodtar\b|\bgodtas\b|\bdelegera\w*|\binrätta\w*|\bförordna\w*|"
                    r"\bentledig\w*|\btillstyrk\w*|\byttrar\s+sig|\blämnar\s+\w*\s*yttrande|"
                    r"\byttrande\s+(?:lämnas|avges)\b|\bbeslutet\s+framgår\s+av\b|"
                    r"\bbeslutet\s+fattas|\bbesluta\s+att\b|\bdagordningen\b|"
                    # Sending a motion to KS for preparation is the council's decision, as
                    # "beslutar att remittera motionen" is; only återremiss sends a matter back.
                    rf"\b(?:{_HANDED}|förslaget|förslagen)\s+remitteras\b"),
    )
)
_PROPOSAL = dict(_RULES)["proposed"]
_POINT = re.compile(r"(?m)^\s*(?:\d{1,2}[.)]|[-•–*])\s+")
# "Kommunstyrelsen beslutar ..." written in an arbetsutskott's protocol is its proposal to KS.
_SUBJECT_DECIDES = re.compile(r"^\W*(?P<who>[^.\n]{3,80}?)\s+(?:beslutar|besluta|föreslås\s+besluta)\b", re.I)
_SUBJECT_PROPOSES = re.compile(r"^\W*(?P<who>[^.\n]{3,80}?)\s+föreslår\b", re.I)
_SUBJECT_VERB = re.compile(r"^\W*(?P<who>[A-ZÅÄÖ][^.\n]{2,60}?)\s+[a-zåäö]{3,}(?:ar|er|r)\b")
# Where a proposal goes when the wording does not name a body.
_DEFAULT_NEXT = {KSAU.code: KS, KS.code: KF, RSAU.code: RS, RS.code: RF}


def split_points(decision: str) -> tuple[str, ...]:
    """Decision points: numbered or bulleted items, else the block as one point."""
    starts = [m.start() for m in _POINT.finditer(decision)]
    if not starts:
        text = decision.strip()
        return (text,) if text else ()
    points = []
    head = decision[: starts[0]].strip()
    bounds = starts + [len(decision)]
    for start, end in zip(bounds, bounds[1:], strict=False):
        item = _POINT.sub("", decision[start:end], count=1).strip()
        if item:
            points.append(re.sub(r"\s+", " ", item))
    if head and not points:
        return (head,)
    return tuple(points)


def _next_body(text: str, after: int, own: Body | None) -> Body | None:
    parent = _parent(own)
    for _, body in find_bodies(text[after:]):
        if own is None or not same_body(body, own):
            # "föreslår stadsdelsnämnden" in the minutes of Stadsdelsnämnden Norras
            # arbetsutskott is the district's own nämnd.
            return parent if parent is not None and same_body(body, parent) else body
    return parent


def _parent(own: Body | None) -> Body | None:
    """The body `own` prepares for: KSAU -> KS -> KF, RSAU -> RS -> RF, a nämnd's AU -> the nämnd."""
    if own is not None and own.code in _DEFAULT_NEXT:
        return _DEFAULT_NEXT[own.code]
    if own is not None and own.code.endswith("AU") and len(own.code) > 2:
        return Body(own.code[:-2], own.name)
    return None


# Terse minutes write the bodies' codes in lower case: "Au föreslår ks föreslå kf att ...".
_LOWER_CODE = re.compile(r"(?<![\w-])(?:ksau|ks|kf|rsau|rs|rf|au)(?![\w-])")


def _classify_point(written: str, own: Body | None) -> Decision | None:
    point = _LOWER_CODE.sub(lambda m: m.group(0).upper(), written)
    found = _classify_by_rules(point, own)
    if found is None and _own_body_acts(point, own):
        found = Decision("decided", None, _phrase(point, 0))
    if found is not None and point != written and found.phrase in point:
        # The minutes' own wording is quoted, codes as they wrote them.
        at = point.index(found.phrase)
        found = replace(found, phrase=written[at : at + len(found.phrase)])
    return found


def _own_body_acts(point: str, own: Body | None) -> bool:
    """'Bygg- och miljönämnden förelägger ...': the body itself acting is a decision, whatever
    the verb, as long as nothing above read it as a proposal or a referral."""
    m = _SUBJECT_VERB.match(point)
    if not m:
        return False
    who = m.group("who")
    if re.fullmatch(r"(?:nämnden|styrelsen|utskottet|arbetsutskottet|fullmäktige)", who, re.I):
        return True
    bodies = find_bodies(who)
    return bool(bodies) and bodies[0][0] == 0 and (own is None or same_body(bodies[0][1], own))


def _classify_by_rules(point: str, own: Body | None) -> Decision | None:
    for status, pattern in _RULES:
        m = pattern.search(point)
        if not m:
            continue
        if status == "withdrawn" and _proposes_before(point, m.start()):
            continue  # "föreslår kommunfullmäktige att avskriva motionen" is a proposal
        phrase = _phrase(point, m.start())
        if status == "forwarded" and _sent_elsewhere(point, own):
            return Decision(status, None, phrase)  # to an office, not to a body of the minutes
        if status in ("proposed", "forwarded"):
            nxt = _proposer(point, own) or _next_body(point, m.start(), own)
            return Decision(status, nxt.code if nxt else None, phrase)

        if status in ("decided", "rejected", "answered") and own is not None:
            other = _other_body_subject(point, own)
            if other is not None:
                return Decision("proposed", other.code, phrase)
        return Decision(status, None, phrase)
    return None


def _proposes_before(point: str, at: int) -> bool:
    m = _PROPOSAL.search(point)
    return m is not None and m.start() < at


def _other_body_subject(point: str, own: Body) -> Body | None:
    """A higher body named as the subject of the decision: the point is a proposal to it."""
    m = _SUBJECT_DECIDES.match(point)
    if not m:
        return None
    bodies = find_bodies(m.group("who"))
    if not bodies:
        return None
    body = bodies[0][1]
    if same_body(body, own) or _rank(body) <= _rank(own):
        return None
    return body


def _sent_elsewhere(point: str, own: Body | None) -> bool:
    """Whether a matter handed over goes to a recipient that is no body of the minutes
    ("överlämnas till kommunledningsförvaltningen"): then there is no next body to name."""
    m = re.search(r"\böverlämna(?:r|s)\b[^.]*?\btill\s+(?P<to>[^\s.,]+(?:\s+[^\s.,]+){0,4})", point, re.I)
    if not m:
        return False
    return not any(own is None or not same_body(body, own) for _, body in find_bodies(m.group("to")))


def _proposer(point: str, own: Body | None) -> Body | None:
    """The body an arbetsutskott prepares for, named as the one that proposes: the AU writing
    "Kommunstyrelsen föreslår kommunfullmäktige besluta ..." drafts what KS is to propose, so
    the matter goes to KS next, not to KF."""
    m = _SUBJECT_PROPOSES.match(point)
    parent = _parent(own) if own is not None and own.code.endswith("AU") else None
    if not m or parent is None:
        return None
    bodies = find_bodies(m.group("who"))
    return parent if bodies and bodies[0][0] == 0 and same_body(bodies[0][1], parent) else None


def _rank(body: Body) -> int:
    """Higher bodies decide later: AU < nämnd < KS < KF."""
    if body.code in (KF.code, RF.code):
        return 3
    if body.code in (KS.code, RS.code):
        return 2
    if body.code.endswith("AU"):
        return 0
    return 1


def _phrase(text: str, at: int) -> str:
    """The sentence of `text` that holds offset `at`: the document's own wording."""
    start = 0
    for m in SENTENCE_BREAK.finditer(text):
        if m.end() > at:
            return text[start : m.start()].strip()
        start = m.end()
    return text[start:].strip()


def classify_decision(decision: str, body: Body | None = None, heading: str = "") -> Decision:
    """Status of a decision block written by `body`, from its first recognisable point.

    `heading` is the heading the block stood under; "Arbetsutskottets förslag" or "Förslag till
    kommunfullmäktige" make a plain decision formula a proposal to the next body, and a point
    with no formula that states what is to hold: proposed under them, decided under the body's
    own "beslut" heading.
    """
    head = _head(decision)
    points = split_points(decision)
    candidates = ([(head, True)] if head else []) + [(p, False) for p in points or ((decision,) if decision else ())]
    for point, is_head in candidates:
        found = _classify_point(point, body)
        if found is None:
            continue
        if is_head and points:
            found = replace(found, phrase=_head_with_point(head, points))
        if found.status in ("decided", "rejected", "answered") and _is_proposal_heading(heading):
            nxt = _next_body(heading + " " + point, 0, body)
            return Decision("proposed", nxt.code if nxt else None, found.phrase)
        if found.status == "decided" and not is_head:
            # "1. Nämnden godkänner ... för egen del. 2. Nämnden föreslår kommunfullmäktige
            # att ...": the matter goes on to the body a later point proposes to.
            later = (_classify_point(p, body) for p in points[points.index(point) + 1 :])
            onward = next((d for d in later if d is not None and d.status == "proposed" and d.next_body), None)
            if onward is not None:
                return onward
        return found
    stated = next((point for point in points if _states_what_holds(point)), None)
    if stated is not None and _own_proposal_heading(heading, body):
        # "Förslag till kommunfullmäktige: Taxan höjs till 340 kronor.": what is proposed.
        nxt = _next_body(heading + " " + stated, 0, body)
        return Decision("proposed", nxt.code if nxt else None, _phrase(stated, 0))
    if stated is not None and _own_decision_heading(heading, body):
        return Decision("decided", None, _phrase(stated, 0))
    return Decision("unknown")


# "Kommunfullmäktiges beslut", "Nämndens beslut", "Beslut", "Beslut för egen del".
_DECISION_HEADING = re.compile(r"(?:(?P<who>[\w\- ]+?s)\s+)?beslut(?:et)?(?:\s+för\s+egen\s+del)?")
_ANY_OWNER = {"nämndens", "styrelsens", "utskottets", "arbetsutskottets", "fullmäktiges"}
_SECRET = re.compile(r"\bsekretess|\bhemlig|\bredovisas\s+inte\b|\bsärskil[dt]\s+(?:protokoll|bilaga)|"
                     r"\binte\s+offentlig", re.I)


def _own_decision_heading(heading: str, own: Body | None) -> bool:
    """A heading that gives the block as the decision of the body whose protocol this is."""
    m = _DECISION_HEADING.fullmatch(heading.lower().strip("*_#: \t"))
    if not m:
        return False
    return m.group("who") is None or _owned_by(m.group("who"), own)


def _owned_by(who: str, own: Body | None) -> bool:
    """Whether a heading's genitive ("nämndens", "kommunfullmäktiges") is the protocol's body."""
    if who in _ANY_OWNER:
        return True
    bodies = find_bodies(who)
    return own is not None and len(bodies) == 1 and same_body(bodies[0][1], own)


_PROPOSAL_HEADING = re.compile(r"(?:(?P<who>[\w\- ]+?s)\s+)?förslag(?:\s+till\s+(?P<to>.+))?")


def _own_proposal_heading(heading: str, own: Body | None) -> bool:
    """A heading that gives the block as this body's proposal: "Förslag till
    kommunfullmäktige", "Arbetsutskottets förslag"; not "Kommunstyrelsens förslag" quoted in
    the council's minutes, nor a bare "Förslag till beslut"."""
    m = _PROPOSAL_HEADING.fullmatch(heading.lower().strip("*_#: \t"))
    if not m:
        return False
    if m.group("to"):
        return bool(find_bodies(m.group("to")))
    return m.group("who") is not None and _owned_by(m.group("who"), own)


def _states_what_holds(point: str) -> bool:
    """"Månadsavgiften höjs till 340 kronor.": under the body's own decision heading a statement
    of what now holds is the decision itself, though it uses no formula. A note that the
    decision is kept secret is not one, and a statement about the matter itself that no formula
    reads ("Ärendet redovisas ...") says nothing certain about its fate."""
    if _SECRET.search(point) or re.match(rf"\W*{_MATTER}\b", point, re.I) or "?" in point:
        return False
    return len(re.findall(r"\w+", point)) >= 3


def _head_with_point(head: str, points: tuple[str, ...]) -> str:
    """"Kommunfullmäktige beslutar att" says nothing alone: the wording goes on into the first
    numbered point, and an ellipsis marks the points left out."""
    if len(points) == 1:
        return f"{head} {points[0]}"
    return f"{head} {points[0].rstrip(',; ')} …"


def _head(decision: str) -> str:
    """The words before the first numbered point: "Kommunstyrelsen beslutar att ... 1. ..."."""
    m = _POINT.search(decision)
    return re.sub(r"\s+", " ", decision[: m.start()]).strip() if m else ""


def _is_proposal_heading(heading: str) -> bool:
    """'Arbetsutskottets förslag (till beslut)', 'Förslag till kommunfullmäktige'.

    A bare 'Förslag till beslut' says nothing about whose proposal it is, so it does not count.
    """
    low = heading.lower().strip().rstrip(":")
    return "förslag" in low and low != "förslag till beslut"
