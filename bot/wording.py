"""Words for statuses and bodies in the question's language, shared by every renderer."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_BODIES_EN = {
    "KF": "the municipal council (kommunfullmäktige)",
    "KS": "the municipal executive board (kommunstyrelsen)",
    "KSAU": "the executive board's working committee (kommunstyrelsens arbetsutskott)",
    "RF": "the regional council (regionfullmäktige)",
    "RS": "the regional executive board (regionstyrelsen)",
    "RSAU": "the regional executive board's working committee (regionstyrelsens arbetsutskott)",
}
_BODIES_SV = {
    "KF": "kommunfullmäktige",
    "KS": "kommunstyrelsen",
    "KSAU": "kommunstyrelsens arbetsutskott",
    "RF": "regionfullmäktige",
    "RS": "regionstyrelsen",
    "RSAU": "regionstyrelsens arbetsutskott",
}

_STATUS = {
    "sv": {
        "decided": "Beslutat av {body}",
        "proposed": "Föreslaget till {next}",
        "forwarded": "Överlämnat till {next}",
        "referred_back": "Återremitterat av {body}",
        "tabled": "Bordlagt av {body}",
        "rejected": "Avslaget av {body}",
        "answered": "Besvarat i {body}",
        "noted": "Informationen noterad av {body}",
        "withdrawn": "Ärendet utgick eller avskrevs i {body}",
        "unknown": "Status framgår inte av protokollet",
    },
    "en": {
        "decided": "Decided by {body}",
        "proposed": "Proposed to {next}",
        "forwarded": "Forwarded to {next}",
        "referred_back": "Referred back by {body}",
        "tabled": "Tabled (postponed) by {body}",
        "rejected": "Rejected by {body}",
        "answered": "Answered in {body}",
        "noted": "Noted for information by {body}",
        "withdrawn": "Withdrawn from {body}'s agenda",
        "unknown": "The minutes do not state a decision",
    },
}

LABELS = {
    "sv": {
        "status": "Status",
        "decision": "Beslut",
        "summary": "Sammanfattning",
        "timeline": "Ärendets gång",
        "source": "Källa",
        "page": "sida",
        "others": "Andra träffar",
        "not_found": "Inget relevant hittades i de indexerade protokollen.",
        "no_amount": "Protokollen anger inget belopp i det ärende som ligger närmast frågan.",
        "no_period": "Inget beslut från {asked} matchar frågan. Närmast ligger beslut från en annan tid.",
        "no_date": "Protokollen anger inte när det sker i det ärende som ligger närmast frågan.",
        "no_property": "Ingen paragraf i protokollen nämner fastigheten {asked}.",
        "maybe": "Närmaste träffar",
        "now": "Ärendet nu",
        "this_step": "Denna paragraf",
        "agenda": "Sammanträdets paragrafer",
        "motions": "Yrkanden",
        "votes": "Omröstning",
        "reservations": "Reservationer",
        "notes": "Anteckningar och jäv",
        "case": "Dnr",
        "several_places": "Frågan nämner ingen kommun och träffarna kommer från flera: nämn kommunen för att avgränsa svaret.",
    },
    "en": {
        "status": "Status",
        "decision": "Decision",
        "summary": "Summary",
        "timeline": "Path of the matter",
        "source": "Source",
        "page": "page",
        "others": "Other matches",
        "not_found": "Nothing relevant found in the indexed minutes.",
        "no_amount": "The minutes give no amount in the matter closest to the question.",
        "no_period": "No decision from {asked} matches the question. The closest are from another time.",
        "no_date": "The minutes do not say when it happens in the matter closest to the question.",
        "no_property": "No paragraph in the minutes names the property {asked}.",
        "maybe": "Closest matches",
        "now": "The matter now",
        "this_step": "This paragraph",
        "agenda": "The meeting's paragraphs",
        "motions": "Motions (yrkanden)",
        "votes": "Votes",
        "reservations": "Reservations",
        "notes": "Minuted statements and conflicts of interest",
        "case": "Case",
        "several_places": "The question names no municipality and the matches come from several: name one to narrow the answer.",
    },
}


def body_words(code: str | None, language: str, name: str = "") -> str:
    """A body as a reader of `language` would name it."""
    if not code:
        return "—"
    if language == "en":
        return _BODIES_EN.get(code) or (name or code)
    return _BODIES_SV.get(code) or (name[:1].lower() + name[1:] if name else code)


def status_text(status: str, next_body: str | None, language: str, body: str | None = None, body_name: str = "") -> str:
    language = language if language in _STATUS else "sv"
    template = _STATUS[language].get(status, _STATUS[language]["unknown"])
    nxt = body_words(next_body, language) if next_body else ("the next body" if language == "en" else "nästa instans")
    return template.format(body=body_words(body, language, body_name), next=nxt)


def step_ref(step) -> str:
    """A paragraph as the minutes cite it: "KF 2025-03-17 § 20"."""
    return f"{step.body} {step.meeting_date} § {step.paragraph}"


_VOTE = {"sv": "{yes} ja, {no} nej, {abstain} avstår", "en": "{yes} yes, {no} no, {abstain} abstained"}


def vote_line(vote, language: str) -> str:
    """A vote's count: "25 yes, 24 no, 2 abstained"."""
    return _VOTE.get(language, _VOTE["sv"]).format(yes=vote.yes, no=vote.no, abstain=vote.abstain)


_CHOSE = {
    "sv": {"ja": "röstade ja", "nej": "röstade nej", "avstår": "avstod"},
    "en": {"ja": "voted yes", "nej": "voted no", "avstår": "abstained"},
}


def ballot_line(ballot, language: str) -> str:
    """One member's roll-call vote: "Ulla Nordqvist (L) avstod"."""
    who = f"{ballot.person} ({ballot.party})" if ballot.party else ballot.person
    return f"{who} {_CHOSE.get(language, _CHOSE['sv']).get(ballot.choice, ballot.choice)}"


def motion_line(motion) -> str:
    """Who moved what, in the minutes' words: "Henrik Dahl (M): yrkar bifall till motionen."."""
    who = f"{motion.person} ({motion.party})" if motion.party else motion.person
    return f"{who}: {motion.text}"


def debate_sections(answer, language: str) -> list[tuple[str, list[str]]]:
    """The cited paragraph's motions, votes, reservations and minuted statements, each a
    (label, lines) section, in the order the minutes record them; empty ones left out."""
    labels = LABELS.get(language, LABELS["sv"])
    sections = [
        ("motions", [motion_line(m) for m in answer.motions]),
        ("votes", [_with_meaning(vote_line(v, language), m) for v, m in answer.explained_votes]
         + [ballot_line(b, language) for b in answer.ballots]),
        ("reservations", list(answer.reservations)),
        ("notes", list(answer.notes)),
    ]
    return [(labels[key], lines) for key, lines in sections if lines]


def _with_meaning(line: str, meaning: str) -> str:
    return f"{line} ({meaning})" if meaning else line


def agenda_lines(answer, language: str) -> list[str]:
    """One line per paragraph of the meeting asked about: "§ 194  Title — Decided by ..."."""
    return [
        f"§ {h.paragraph}  {h.title} — {status_text(h.status, h.next_body, language, h.body, h.body_name)}"
        for h in answer.agenda
    ]


_SET_ASIDE = {
    "sv": {
        "period": "Inget från {asked} matchade frågan: svaret är närmaste träff från en annan tid.",
        "case": "Inget ärende med diarienummer {asked} finns i protokollen: svaret bygger på frågans ord.",
        "paragraph": "§ {asked} hittades inte: svaret bygger på frågans ord.",
        "property": "Ingen paragraf i protokollen nämner fastigheten {asked}: svaret bygger på frågans övriga ord.",
    },
    "en": {
        "period": "Nothing from {asked} matched the question: this is the closest match from another time.",
        "case": "No paragraph in the minutes has case number {asked}: this answer is from the question's words.",
        "paragraph": "No § {asked} was found: this answer is from the question's words.",
        "property": "No paragraph in the minutes names the property {asked}: this answer is from the question's other words.",
    },
}
_MONTHS = {
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


def period_words(span: str, language: str) -> str:
    """A period given as "start..end" (ISO dates), as a reader would say it: "2019",
    "december 2023", "2023-10-31", or the two dates."""
    start, end = (dt.date.fromisoformat(part) for part in span.split(".."))
    months = _MONTHS.get(language, _MONTHS["sv"])
    if start == end:
        return start.isoformat()
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    last_day = calendar.monthrange(end.year, end.month)[1]
    if start.day == 1 and end.day == last_day:
        first, final = months[start.month - 1], months[end.month - 1]
        if (start.year, start.month) == (end.year, end.month):
            return f"{first} {start.year}"
        if start.year == end.year:
            return f"{first}–{final} {start.year}"  # a season: "september–november 2024"
        return f"{first} {start.year}–{final} {end.year}"
    return f"{start}–{end}"


def not_found_line(answer) -> str:
    """What an answer that found nothing says first: that nothing was found, or what the
    closest matter lacks."""
    labels = LABELS.get(answer.language, LABELS["sv"])
    if answer.unstated in ("amount", "date"):
        return labels[f"no_{answer.unstated}"]
    asked = next((span for kind, span in answer.set_aside if kind == answer.unstated), None)
    if answer.unstated == "period" and asked:
        return labels["no_period"].format(asked=period_words(asked, answer.language))
    if answer.unstated == "property" and asked:
        return labels["no_property"].format(asked=asked)
    return labels["not_found"]


def set_aside_lines(answer, language: str) -> list[str]:
    """What the question asked for that the answer had to do without, one warning each."""
    texts = _SET_ASIDE.get(language, _SET_ASIDE["sv"])
    return [
        texts[kind].format(asked=period_words(asked, language) if kind == "period" else asked)
        for kind, asked in answer.set_aside
        if kind in texts
    ]


# What the index says of a file it skipped or warns of is English (index/readers.py,
# index/indexer.py); a Swedish clerk reads it here. Specific phrases come before the general
# ones they contain. The variable parts (names, sizes, a library's own message) stay as given.
_FILE_NOTES_SV = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"the indexed version is kept", "den indexerade versionen behålls"),
        (r"no paragraph headings \(§\) found: indexed as one unnumbered document",
         "inga paragrafrubriker (§) hittades: indexerad som ett onumrerat dokument"),
        (r"\bpage (\d+) could not be read", r"sidan \1 kunde inte läsas"),
        (r"\bpages ([\d, .]+?) could not be read", r"sidorna \1 kunde inte läsas"),
        (r"\bpage (\d+) has no text layer \(scanned\?\)", r"sidan \1 saknar textlager (skannad?)"),
        (r"\bpages ([\d, .]+?) have no text layer \(scanned\?\)", r"sidorna \1 saknar textlager (skannade?)"),
        (r"that text is not indexed", "den texten är inte indexerad"),
        (r"the file name is not valid UTF-8: rename the file", "filnamnet är inte giltig UTF-8: byt namn på filen"),
        (r"not a regular file", "inte en vanlig fil"),
        (r"no permission to read the file", "saknar behörighet att läsa filen"),
        (r"cannot read the file", "kan inte läsa filen"),
        (r"unsupported file type", "filtypen stöds inte:"),
        (r"\(no file extension\)|\(none\)", "(ingen filändelse)"),
        (r"file too large", "för stor fil"),
        (r"the limit is", "gränsen är"),
        (r"damaged text: not valid", "skadad text: inte giltig"),
        (r"binary file, not", "binärfil, inte"),
        (r"not a PDF \(no %PDF header\)", "inte en PDF (saknar %PDF-huvud)"),
        (r"encrypted PDF: uses AES encryption, which needs the cryptography package",
         "krypterad PDF: använder AES-kryptering, som kräver paketet cryptography"),
        (r"encrypted PDF: cannot be opened", "krypterad PDF: kan inte öppnas"),
        (r"encrypted PDF: needs a password", "krypterad PDF: kräver lösenord"),
        (r"damaged PDF: the file seems cut off", "skadad PDF: filen verkar avklippt"),
        (r"damaged PDF: it has no pages", "skadad PDF: den har inga sidor"),
        (r"damaged PDF: no page could be read", "skadad PDF: ingen sida kunde läsas"),
        (r"nested too deeply to read", "för djupt nästlad för att läsas"),
        (r"damaged (PDF|HTML|DOCX)", r"skadad \1"),
        (r"no text layer \(scanned PDF\?\): OCR is needed", "inget textlager (skannad PDF?): OCR behövs"),
        (r"no text found in the PDF", "ingen text i PDF-filen"),
        (r"no text found \(the file holds only blank space\)", "ingen text (filen innehåller bara blanksteg)"),
        (r"no text found in the Markdown file", "ingen text i Markdown-filen"),
        (r"no text found in the HTML page", "ingen text på HTML-sidan"),
        (r"no text found in the document", "ingen text i dokumentet"),
        (r"no text found", "ingen text hittades"),
        (r"not a DOCX: an old Word \.doc file or a password-protected document",
         "inte en DOCX: en gammal Word-fil (.doc) eller ett lösenordsskyddat dokument"),
        (r"not a DOCX \(not a zip archive\)", "inte en DOCX (inte ett zip-arkiv)"),
        (r"not a DOCX \(the zip archive holds no Word document\)", "inte en DOCX (zip-arkivet innehåller inget Word-dokument)"),
        (r"DOCX too large when unpacked \(possible zip bomb\)", "DOCX för stor uppackad (möjlig zip-bomb)"),
        (r"not a file", "inte en fil"),
        (r"file not found", "filen finns inte"),
        (r"empty file", "tom fil"),
    )
)


def file_note(text: str, language: str) -> str:
    """Why the index skipped a file, or what it warns of, in the reader's language."""
    if language != "sv":
        return text
    for pattern, replacement in _FILE_NOTES_SV:
        text = pattern.sub(replacement, text)
    return text


_SAME_MEETING = {
    "sv": "innehåller paragrafer från {meeting} som också finns i {others}: sökningen visar varje paragraf en gång",
    "en": "holds paragraphs of {meeting} that {others} also holds: search shows each once",
}


def file_warning(outcome, language: str) -> str:
    """What a clerk should know of an indexed file (an `index.indexer.FileOutcome`), in their
    language: the index's own warning, and the other files holding the same meeting."""
    said = [file_note(outcome.warning, language)] if outcome.warning else []
    if outcome.same_meeting:
        _, body, date = (outcome.meeting.split("|") + ["", "", ""])[:3]
        text = _SAME_MEETING.get(language, _SAME_MEETING["sv"])
        said.append(text.format(meeting=f"{body} {date}".strip(), others=", ".join(outcome.same_meeting)))
    return "; ".join(said)
