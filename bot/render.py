"""Rendering an answer as plain text for a terminal. (Discord's embeds are built in discord_app.)"""

from __future__ import annotations

import textwrap

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

WIDTH = 92


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False)


def _hit_line(hit: Hit, place: str = "") -> str:
    return f"{place + ': ' if place else ''}{step_ref(hit)}  {hit.title}"


def _step_line(step: Step, language: str) -> str:
    words = status_text(step.status, step.next_body, language, step.body, step.body_name)
    return f"{step.meeting_date}  {step.body} § {step.paragraph}  {words}"


def render_text(answer: Answer) -> str:
    labels = LABELS.get(answer.language, LABELS["sv"])
    if not answer.found or answer.step is None:
        lines = [not_found_line(answer)]
        if answer.hits:
            lines.append(f"{labels['maybe']}:")
            lines += [f"  - {_hit_line(h, answer.place_of(h))}" for h in answer.hits]
        return "\n".join(lines)

    step = answer.step
    lines = [answer.title, "=" * min(len(answer.title), WIDTH)]
    lines += [_wrap(f"! {line}", indent="") for line in set_aside_lines(answer, answer.language)]
    later = answer.later_step
    if later is None:
        lines.append(f"{labels['status']}: {answer.status_text}")
    else:
        lines.append(f"{labels['now']}: {answer.status_text} ({step_ref(later)})")
    if answer.status_phrase:
        lines.append(_wrap(f"“{answer.status_phrase}”"))
    where = f"{body_words(step.body, answer.language, step.body_name)}, {step.meeting_date}, § {step.paragraph}"
    if answer.place_of(step):
        where = f"{answer.place_of(step)}, {where}"
    if answer.case_numbers:
        where += f" · {labels['case']} {', '.join(answer.case_numbers)}"
    lines.append(where)
    if later is not None:
        own = status_text(step.status, step.next_body, answer.language, step.body, step.body_name)
        lines.append(f"{labels['this_step']}: {own}")
    if answer.decision:
        lines += ["", f"{labels['decision']}:"]
        numbered = len(answer.decision) > 1
        for i, point in enumerate(answer.decision, start=1):
            lines.append(_wrap(f"{i}. {point}" if numbered else point))
    if answer.agenda:
        lines += ["", f"{labels['agenda']}:"] + [f"  {line}" for line in agenda_lines(answer, answer.language)]
    for label, entries in debate_sections(answer, answer.language):
        lines += ["", f"{label}:"] + [_wrap(entry) for entry in entries]
    if answer.summary:
        lines += ["", f"{labels['summary']}:", _wrap(" ".join(answer.summary))]
    if len(answer.timeline) > 1:
        lines += ["", f"{labels['timeline']}:"]
        lines += [f"  {_step_line(s, answer.language)}" for s in answer.timeline]
    page = f", {labels['page']} {step.page}" if step.page else ""
    lines += ["", f"{labels['source']}: {step.source}{page}"]
    if answer.others:
        lines += [f"{labels['others']}:"] + [f"  - {_hit_line(h, answer.place_of(h))}" for h in answer.others]
    if answer.several_places:
        lines += ["", _wrap(labels["several_places"], indent="")]
    return "\n".join(lines)
