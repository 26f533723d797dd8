"""Embeds built from real answers: golden layout and Discord's limits."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import embeds
from bot.engine import Engine
from bot.glossary import Entry, Glossary
from index.indexer import update_index

TODAY = dt.date(2025, 6, 1)
GLOSSARY = Glossary([Entry(("twin town",), ("vänort", "vänortssamarbete"), "international"), Entry(("ice rink",), ("ishall",), "culture")])


@pytest.fixture
def engine(minutes_dir, tmp_path):
    update_index(minutes_dir, tmp_path / "ix")
    with Engine(tmp_path / "ix", glossary=GLOSSARY) as e:
        yield e


def within_limits(embed: dict) -> None:
    assert len(embed.get("title", "")) <= embeds.TITLE_MAX
    assert len(embed.get("description", "")) <= embeds.DESCRIPTION_MAX
    assert len(embed.get("fields", [])) <= embeds.FIELDS_MAX
    for f in embed.get("fields", []):
        assert len(f["name"]) <= embeds.FIELD_NAME_MAX and 0 < len(f["value"]) <= embeds.FIELD_MAX
    assert embeds.embed_size(embed) <= embeds.TOTAL_MAX


def test_answer_embed_golden(engine):
    data = embeds.answer_embed(engine.ask("What happened to the twin-town agreement?", today=TODAY))
    within_limits(data)
    assert data["title"] == "Förslag om att avsluta Huddinge kommuns vänortssamarbete"
    assert data["color"] == embeds.STATUS_COLOURS["forwarded"]
    assert data["description"].splitlines() == [
        "**Forwarded to the municipal executive board (kommunstyrelsen)**",
        "> Kommunstyrelsens arbetsutskott överlämnar ärendet till kommunstyrelsen utan eget ställningstagande.",
        "Huddinge kommun · the executive board's working committee (kommunstyrelsens arbetsutskott) · 2024-02-21 · § 21",
        "Case KS-2022/1011.107",
    ]
    assert [f["name"] for f in data["fields"]] == ["Decision", "Motions (yrkanden)", "Summary", "Source"]
    assert data["fields"][1]["value"].startswith("Carl-Otto Engberg (L): yrkar att ärendet överlämnas till kommunstyrelsen")
    assert data["fields"][-1]["value"] == "huddinge-ksau-2024-02-21-p21.md, page 1"


def test_statuses_have_their_own_colours():
    assert len(set(embeds.STATUS_COLOURS.values())) == len(embeds.STATUS_COLOURS)


def test_not_found_embed(engine):
    data = embeds.answer_embed(engine.ask("Har kommunen byggt en ishall?", today=TODAY))
    within_limits(data)
    assert data["title"] == "Inget relevant hittades i de indexerade protokollen."


def test_a_matter_without_the_amount_asked_says_so(engine):
    answer = engine.ask("How much did the twin-town agreement cost?", today=TODAY)
    data = embeds.answer_embed(answer)
    within_limits(data)
    assert not answer.found and data["title"] == "The minutes give no amount in the matter closest to the question."
    assert "§ 21" in data["fields"][0]["value"]  # the matter, offered as the closest


def test_paragraph_pages_stay_within_limits(engine):
    hit = engine.ask("vänortssamarbetet", today=TODAY).step
    meeting, paragraph = engine.index.paragraph(hit.doc_id)
    long = paragraph.__class__(**{**paragraph.__dict__, "text": (paragraph.text + "\n") * 12})
    pages = embeds.paragraph_embeds(meeting, long, "sv")
    assert len(pages) > 1
    for page in pages:
        within_limits(page)
    rebuilt = " ".join(p["description"] for p in pages)
    assert rebuilt.split() == long.text.split()  # nothing lost, nothing cut mid-word
    assert pages[-1]["footer"]["text"].endswith(f"sida {len(pages)}/{len(pages)}")


def test_truncate_marks_the_cut_at_a_word():
    text = "ord " * 100
    cut = embeds.truncate(text, 50)
    assert len(cut) <= 50 and cut.endswith(embeds.MARK) and cut[:-1].split()[-1] == "ord"


def test_a_word_longer_than_a_page_is_cut_with_a_marker():
    pages = embeds.split_text("x" * 250, 100)
    assert all(len(p) <= 100 for p in pages)
    assert pages[0].endswith(embeds.MARK)


@given(st.text(max_size=20000), st.integers(min_value=20, max_value=4096))
def test_split_text_respects_the_limit_and_keeps_every_word(text, limit):
    pages = embeds.split_text(text, limit)
    assert all(len(p) <= limit for p in pages)
    joined = "".join(p.replace(embeds.MARK, "") for p in pages)
    assert "".join(text.split()) == "".join(joined.split()) or embeds.MARK in text


def test_oversized_embed_is_fitted():
    data = embeds._fit({"title": "t", "description": "d" * 4096, "fields": [embeds._field(f"f{i}", "v" * 1024) for i in range(30)]})
    within_limits(data)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    from .conftest import MINUTES

    index_dir = tmp_path_factory.mktemp("shipped") / "ix"
    update_index(MINUTES, index_dir)
    with Engine(index_dir, glossary=GLOSSARY) as e:
        yield e


def shipped_embed(engine: Engine, question: str) -> tuple[dict, dict]:
    """The embed of an answer over the shipped minutes, checked against Discord's limits, and
    its fields by name."""
    data = embeds.answer_embed(engine.ask(question, today=TODAY))
    within_limits(data)
    return data, {f["name"]: f["value"] for f in data["fields"]}


def test_answer_embed_citing_an_earlier_step_names_the_matter_now(shipped):
    answer = shipped.ask("KS 2024/150 at the April 2024 council meeting – what happened?", today=TODAY)
    data, _ = shipped_embed(shipped, answer.question)
    later = answer.later_step
    first, *rest = data["description"].split("\n")
    assert first == f"**The matter now: {answer.status_text}** (KF {later.meeting_date} § {later.paragraph})"
    assert any(line.startswith("This paragraph: ") for line in rest)


def test_answer_embed_shows_votes_and_reservations(shipped):
    _, fields = shipped_embed(shipped, "Hur röstade fullmäktige om budgeten 2024?")
    assert fields["Omröstning"].split("\n")[1].startswith("27 ja, 22 nej, 2 avstår (Ja-röst för kommunstyrelsens förslag")
    assert "Sverigedemokraterna reserverar sig" in fields["Reservationer"]


def test_answer_embed_lists_a_meetings_paragraphs(shipped):
    _, fields = shipped_embed(shipped, "What did the executive board decide on 31 October 2023?")
    lines = fields["The meeting's paragraphs"].split("\n")
    assert len(lines) == 9 and lines[0].startswith("§ 191  Val av justerare")


def test_answer_embed_says_first_what_it_had_to_do_without(shipped):
    data, _ = shipped_embed(shipped, "Vad hände med årsredovisningen i december 2024?")
    first, second, *_ = data["description"].split("\n")
    assert first == "⚠ *Inget från december 2024 matchade frågan: svaret är närmaste träff från en annan tid.*"
    assert second.startswith("**")


def test_a_regions_working_committee_and_board_are_named_in_the_embed(tmp_path):
    from .conftest import index_protocols

    motion = (115, "Motion om avgiftsfri tandvård för unga vuxna", "RS/2024:205",
              "Arbetsutskottet överlämnar ärendet till regionstyrelsen utan eget ställningstagande.")
    ix = index_protocols(tmp_path, {"norrhav-rsau-2024-10-08.txt": ("Regionstyrelsens arbetsutskott", "2024-10-08", [motion], "Region Norrhav")})
    with Engine(ix, glossary=GLOSSARY) as e:
        data = embeds.answer_embed(e.ask("What happened to case RS/2024:205?", today=TODAY))
    within_limits(data)
    assert data["description"].splitlines() == [
        "**Forwarded to the regional executive board (regionstyrelsen)**",
        "> Arbetsutskottet överlämnar ärendet till regionstyrelsen utan eget ställningstagande.",
        "the regional executive board's working committee (regionstyrelsens arbetsutskott) · 2024-10-08 · § 115",
        "Case RS/2024:205",
    ]
