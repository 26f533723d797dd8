"""Answers laid out as Discord embeds, as plain dicts in Discord's JSON shape.

Pure: the Discord adapter turns these into `discord.Embed.from_dict`. Every text respects
Discord's limits (title 256, description 4,096, field 1,024, 25 fields, 6,000 in all); longer
text is split into pages at paragraph, sentence or word boundaries, and a cut is always marked.
"""

from __future__ import annotations

from index.records import Meeting, Paragraph
from index.search import Hit

from .answer import Answer, Step
from .wording import (
    LABELS,
    agenda_lines,
    body_words,
    debate_sections,
    not_found_line,
    set_aside_lines,
    status_text,
    step_ref,
)

TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_NAME_MAX = 256
FIELD_MAX = 1024
FIELDS_MAX = 25
TOTAL_MAX = 6000
MARK = "…"

STATUS_COLOURS = {
    "decided": 0x2E7D32,  # green
    "proposed": 0x1565C0,  # blue
    "forwarded": 0x0288D1,  # light blue
    "referred_back": 0xEF6C00,  # orange
    "tabled": 0xF9A825,  # amber
    "rejected": 0xC62828,  # red
    "answered": 0x6A1B9A,  # purple
    "noted": 0x546E7A,  # grey-blue
    "withdrawn": 0x757575,  # grey
    "unknown": 0x9E9E9E,
}
NOT_FOUND_COLOUR = 0x616161


def truncate(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut at a word boundary and marked when cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - len(MARK)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + MARK


def split_text(text: str, limit: int) -> list[str]:
    """Pages of at most `limit` characters, broken between blocks, sentences or words.

    A word longer than a page (a URL, a table row without spaces) is cut and marked.
    """
    text = text.strip()
    pages: list[str] = []
    while len(text) > limit:
        window = text[: limit + 1]
        cut = max(window.rfind("\n"), window.rfind(". ") + 1, 0)
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut < limit // 4:
            pages.append(text[: limit - len(MARK)] + MARK)
            text = text[limit - len(MARK) :].lstrip()
            continue
        pages.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pages.append(text)
    return pages


def embed_size(embed: dict) -> int:
    """Characters Discord counts toward the 6,000 limit."""
    size = len(embed.get("title", "")) + len(embed.get("description", ""))
    size += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    size += len(embed.get("footer", {}).get("text", "")) + len(embed.get("author", {}).get("name", ""))
    return size


def _field(name: str, value: str, inline: bool = False) -> dict:
    return {"name": truncate(name, FIELD_NAME_MAX), "value": truncate(value, FIELD_MAX) or "—", "inline": inline}


def _fit(embed: dict) -> dict:
    """Drop trailing fields until the embed is within the total limit."""
    fields = embed.get("fields", [])[:FIELDS_MAX]
    embed["fields"] = fields
    while embed_size(embed) > TOTAL_MAX and fields:
        fields.pop()
    if embed_size(embed) > TOTAL_MAX:
        embed["description"] = truncate(embed["description"], max(0, len(embed["description"]) - (embed_size(embed) - TOTAL_MAX)))
    return embed


def _where(step: Step, language: str, place: str = "") -> str:
    where = f"{body_words(step.body, language, step.body_name)} · {step.meeting_date} · § {step.paragraph}"
    return f"{place} · {where}" if place else where


def _timeline_lines(steps: tuple[Step, ...], language: str) -> str:
    return "\n".join(
        f"`{s.meeting_date}` **{s.body} § {s.paragraph}** — {status_text(s.status, s.next_body, language, s.body, s.body_name)}"
        for s in steps
    )


def answer_embed(answer: Answer) -> dict:
    """The reply to a question: status first, then decision, summary, path and source."""
    labels = LABELS.get(answer.language, LABELS["sv"])
    if not answer.found or answer.step is None:
        return not_found_embed(answer)
    step = answer.step
    later = answer.later_step
    # What the answer had to do without comes first: it changes how the rest is read.
    lines = [f"⚠ *{line}*" for line in set_aside_lines(answer, answer.language)]
    if later is None:
        lines.append(f"**{answer.status_text}**")
    else:
        lines.append(f"**{labels['now']}: {answer.status_text}** ({step_ref(later)})")
    if answer.status_phrase:
        lines.append(f"> {answer.status_phrase}")
    lines.append(_where(step, answer.language, answer.place_of(step)))
    if later is not None:
        own = status_text(step.status, step.next_body, answer.language, step.body, step.body_name)
        lines.append(f"{labels['this_step']}: {own}")
    if answer.case_numbers:
        lines.append(f"{labels['case']} {', '.join(answer.case_numbers)}")
    embed = {
        "title": truncate(answer.title or "—", TITLE_MAX),
        "description": truncate("\n".join(lines), DESCRIPTION_MAX),
        "color": STATUS_COLOURS.get(answer.status, STATUS_COLOURS["unknown"]),
        "fields": [],
    }
    if answer.decision:
        numbered = len(answer.decision) > 1
        text = "\n".join(f"{i}. {p}" if numbered else p for i, p in enumerate(answer.decision, start=1))
        embed["fields"].append(_field(labels["decision"], text))
    if answer.agenda:
        embed["fields"].append(_field(labels["agenda"], "\n".join(agenda_lines(answer, answer.language))))
    for label, entries in debate_sections(answer, answer.language):
        embed["fields"].append(_field(label, "\n".join(entries)))
    if answer.summary:
        embed["fields"].append(_field(labels["summary"], " ".join(answer.summary)))
    if len(answer.timeline) > 1:
        embed["fields"].append(_field(labels["timeline"], _timeline_lines(answer.timeline, answer.language)))
    page = f", {labels['page']} {step.page}" if step.page else ""
    embed["fields"].append(_field(labels["source"], f"{step.source}{page}", inline=True))
    if answer.others:
        lines = [_hit_line(h, answer.place_of(h)) for h in answer.others]
        if answer.several_places:
            lines.append(f"*{labels['several_places']}*")
        embed["fields"].append(_field(labels["others"], "\n".join(lines)))
    return _fit(embed)


def not_found_embed(answer: Answer) -> dict:
    labels = LABELS.get(answer.language, LABELS["sv"])
    embed = {"title": truncate(not_found_line(answer), TITLE_MAX), "description": "", "color": NOT_FOUND_COLOUR, "fields": []}
    if answer.hits:
        embed["fields"].append(_field(labels["maybe"], "\n".join(_hit_line(h, answer.place_of(h)) for h in answer.hits)))
    return _fit(embed)


def _hit_line(hit: Hit, place: str = "") -> str:
    return f"{place + ': ' if place else ''}`{hit.meeting_date}` **{hit.body} § {hit.paragraph}** {hit.title}"


def hits_embed(hits: list[Hit], title: str, language: str) -> dict:
    """A list of paragraphs (search results, other matches, a case's paragraphs)."""
    if not hits:
        return {"title": truncate(title, TITLE_MAX), "description": LABELS[language]["not_found"], "color": NOT_FOUND_COLOUR}
    lines = []
    for hit in hits:
        words = status_text(hit.status, hit.next_body, language, hit.body, hit.body_name)
        lines.append(f"{_hit_line(hit)}\n{words} · {hit.source}")
    return _fit({"title": truncate(title, TITLE_MAX), "description": truncate("\n".join(lines), DESCRIPTION_MAX), "color": 0x37474F})


def timeline_embed(answer: Answer) -> dict:
    labels = LABELS.get(answer.language, LABELS["sv"])
    return _fit(
        {
            "title": truncate(f"{labels['timeline']}: {answer.title}", TITLE_MAX),
            "description": truncate(_timeline_lines(answer.timeline, answer.language), DESCRIPTION_MAX),
            "color": STATUS_COLOURS.get(answer.status, STATUS_COLOURS["unknown"]),
        }
    )


def paragraph_embeds(meeting: Meeting, paragraph: Paragraph, language: str) -> list[dict]:
    """A paragraph in full, as pages; each page is one embed within every limit."""
    labels = LABELS.get(language, LABELS["sv"])
    head = f"{meeting.body_code} {meeting.meeting_date} {paragraph.number} {paragraph.title}".strip()
    pages = split_text(paragraph.text, DESCRIPTION_MAX - 100)
    colour = STATUS_COLOURS.get(paragraph.status, STATUS_COLOURS["unknown"])
    page_word = labels["page"]
    source = f"{labels['source']}: {meeting.source}"
    return [
        _fit(
            {
                "title": truncate(head, TITLE_MAX),
                "description": text,
                "color": colour,
                "footer": {"text": truncate(f"{source} · {page_word} {i}/{len(pages)}", 2048)},
            }
        )
        for i, text in enumerate(pages, start=1)
    ]


def alert_embed(follow_value: str, hit: Hit, language: str) -> dict:
    """A followed matter moved: the new paragraph, briefly."""
    title = "Nytt i ett bevakat ärende" if language == "sv" else "News on a followed matter"
    words = status_text(hit.status, hit.next_body, language, hit.body, hit.body_name)
    return _fit(
        {
            "title": truncate(f"{title}: {follow_value}", TITLE_MAX),
            "description": truncate(f"{_hit_line(hit)}\n**{words}**\n{hit.source}", DESCRIPTION_MAX),
            "color": STATUS_COLOURS.get(hit.status, STATUS_COLOURS["unknown"]),
        }
    )


def message_embed(text: str, colour: int = 0x37474F) -> dict:
    return {"description": truncate(text, DESCRIPTION_MAX), "color": colour}
