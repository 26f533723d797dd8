"""The answer composer on a real index of small protocols and the seed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from bot.answer import (
    _BODY_FACTOR,
    build_search,
    counted_stems,
    coverage,
    gives_count,
    group_matters,
    is_procedural,
    is_topical,
    only_where,
    other_matters,
    summary_sentences,
    vote_meanings,
    weigh_concepts,
)
from bot.engine import Engine
from bot.glossary import Entry, Glossary
from bot.render import render_text
from index.analysis import split_compound
from index.indexer import update_index
from index.records import Paragraph, Vote
from index.search import Hit

from .conftest import index_protocols

TODAY = dt.date(2025, 6, 1)
GLOSSARY = Glossary(
    [
        Entry(("twin town", "twinning"), ("vänort", "vänortssamarbete"), "international"),
        Entry(("agreement",), ("avtal",), "general"),
        Entry(("budget",), ("budget", "mål och budget"), "finance"),
        Entry(("ice rink",), ("ishall",), "culture"),
    ]
)


@pytest.fixture
def engine(minutes_dir, tmp_path):
    update_index(minutes_dir, tmp_path / "ix")
    with Engine(tmp_path / "ix", glossary=GLOSSARY) as e:
        yield e


@pytest.mark.parametrize("question", ["What happened to the twin-town agreement?", "Vad hände med vänortssamarbetet?"])
def test_twin_town_questions_find_the_seed(engine, question):
    answer = engine.ask(question, today=TODAY)
    assert answer.found
    assert (answer.step.body, answer.step.meeting_date, answer.step.paragraph) == ("KSAU", "2024-02-21", "21")
    assert (answer.status, answer.next_body) == ("forwarded", "KS")
    assert answer.status_phrase.startswith("Kommunstyrelsens arbetsutskott överlämnar ärendet")
    assert (answer.step.source, answer.step.page) == ("huddinge-ksau-2024-02-21-p21.md", 1)
    assert 1 <= len(answer.summary) <= 3


def test_status_text_in_the_questions_language(engine):
    assert engine.ask("What happened to the twin-town agreement?", today=TODAY).status_text == (
        "Forwarded to the municipal executive board (kommunstyrelsen)"
    )
    assert engine.ask("Vad hände med vänortssamarbetet?", today=TODAY).status_text == "Överlämnat till kommunstyrelsen"


def test_summary_is_taken_from_the_paragraph(engine):
    answer = engine.ask("Vad hände med vänortssamarbetet?", today=TODAY)
    _, paragraph = engine.index.paragraph(answer.step.doc_id)
    for sentence in answer.summary:
        assert sentence in paragraph.summary


def test_a_section_heading_alone_is_no_summary():
    from bot.question import understand
    from index.records import Paragraph

    paragraph = Paragraph(
        "§ 32", "32", "Fastställande av dagordning", decision="Dagordningen godkänns.",
        text="Fastställande av dagordning\nKommunfullmäktiges beslut\nDagordningen godkänns.\nSammanfattning:\nÄrendet om årsredovisning tas före.",
    )
    question = understand("Varför ändrades dagordningen?", today=TODAY, glossary=GLOSSARY)
    assert summary_sentences(question, paragraph) == ("Ärendet om årsredovisning tas före.",)


def test_matter_status_is_its_latest_step(engine):
    answer = engine.ask("Vad hände med budgeten för 2025?", today=TODAY)
    assert [(s.body, s.status) for s in answer.timeline] == [("KS", "proposed"), ("KF", "decided")]
    assert (answer.step.body, answer.status) == ("KF", "decided")


def test_a_named_body_picks_its_step(engine):
    answer = engine.ask("Vad föreslog kommunstyrelsen om budgeten för 2025?", today=TODAY)
    assert (answer.step.body, answer.step.status, answer.status) == ("KS", "proposed", "decided")
    assert answer.hits[0].body == "KS"


def test_case_number_in_any_style(engine):
    for text in ("Vad hände med KS 2022/1011?", "What about ks-2022/1011?", "Dnr KS-2022/1011.107"):
        answer = engine.ask(text, today=TODAY)
        assert (answer.found, answer.step.paragraph) == (True, "21"), text


def test_unanswerable_says_so_and_offers_matches(engine):
    answer = engine.ask("Har kommunen beslutat att bygga en ishall?", today=TODAY)
    assert not answer.found and answer.step is None
    data = answer.to_json()
    assert data["found"] is False and data["answer"] is None
    assert "Inget relevant hittades" in render_text(answer)


@pytest.mark.parametrize(
    "question", ["Vad beslutade socialnämnden om budgeten?", "What did the social services committee decide on the budget?"]
)
def test_unknown_body_is_not_answered(engine, question):
    assert not engine.ask(question, today=TODAY).found


def test_json_shape(engine):
    data = engine.ask("What happened to the twin-town agreement?", today=TODAY).to_json()
    assert set(data) == {"question", "language", "found", "unstated", "answer", "hits", "others", "several_places", "set_aside"}
    assert data["unstated"] is None
    assert data["several_places"] is False  # one municipality's minutes
    assert data["language"] == "en" and data["found"] is True
    answer = data["answer"]
    assert {"title", "status", "status_text", "next_body", "decision", "summary", "case_numbers", "timeline", "citation"} <= set(answer)
    assert answer["timeline"] == [{"body": "KSAU", "meeting_date": "2024-02-21", "paragraph": "21", "status": "forwarded"}]
    assert answer["citation"] == {"source": "huddinge-ksau-2024-02-21-p21.md", "page": 1}
    assert data["hits"][0]["paragraph"] == "21"


def test_text_rendering(engine):
    text = render_text(engine.ask("Vad hände med vänortssamarbetet?", today=TODAY))
    assert text.startswith("Förslag om att avsluta Huddinge kommuns vänortssamarbete")
    assert "Status: Överlämnat till kommunstyrelsen" in text
    assert "Källa: huddinge-ksau-2024-02-21-p21.md, sida 1" in text


def _hit(doc_id, title, cases, score, date="2024-01-01"):
    return Hit(doc_id, "KS", "Kommunstyrelsen", date, doc_id, cases, title, "decided", None, "f.txt", 1, score)


class _Paragraphs:
    """Just what `_best_matter` reads: each hit's paragraph, and every term equally rare."""

    def __init__(self, texts):
        self.texts = texts

    def paragraph(self, doc_id):
        from index.records import Paragraph

        return None, Paragraph(doc_id, doc_id, self.texts[doc_id][0], text=self.texts[doc_id][1])

    def rarity(self, term):
        return 1.0


@pytest.mark.parametrize(
    ("runner_up", "chosen"),
    [
        (8.0, "2"),  # near the first, and covering the whole question: the answer
        (6.0, "1"),  # too far below to be weighed
    ],
)
def test_of_the_matters_near_the_first_the_one_covering_the_question_is_chosen(runner_up, chosen):
    from bot.answer import _best_matter
    from bot.question import understand

    question = understand("Får biblioteket i Lunda längre öppettider?", today=TODAY, glossary=GLOSSARY)
    texts = {
        "1": ("Bygglov i Lunda", "Lunda 3:1 i Lunda. Grannar i Lunda har yttrat sig om Lunda."),
        "2": ("Kulturpolitiskt program", "Biblioteket i Lunda får längre öppettider."),
    }
    matters = [[_hit("1", "Bygglov i Lunda", ("KS 2024/1",), 10.0)], [_hit("2", "Kulturpolitiskt program", ("KS 2024/2",), runner_up)]]
    assert _best_matter(matters, question, _Paragraphs(texts))[0].doc_id == chosen
    if runner_up >= 8.0:
        # Near enough to be weighed, but covering no more than the first: no reason to pass it by.
        texts["2"] = ("Kulturpolitiskt program", "Kulturskolan i Lunda.")
        assert _best_matter(matters, question, _Paragraphs(texts))[0].doc_id == "1"


def test_grouping_by_case_number_and_by_title():
    hits = [
        _hit("1", "Budget 2025", ("KS 2024/100",), 5.0),
        _hit("2", "Val av justerare", (), 9.0),
        _hit("3", "Mål och budget 2025", ("KS-2024/0100.041",), 4.0),
        _hit("4", "Motion om cykelbanor", (), 3.0),
        _hit("5", "Svar på motion om cykelbanor", (), 2.0),
    ]
    groups = [[h.doc_id for h in g] for g in group_matters(hits)]
    # The procedural paragraph scores highest but ranks below the matter it interrupts.
    assert groups[0] == ["1", "3"]
    assert ["4", "5"] in groups and ["2"] in groups


def test_procedural_paragraphs_of_two_meetings_are_no_matter():
    # "Övriga frågor" of the board in April and of a nämnd in September share only the title.
    hits = [
        _hit("1", "Övriga frågor", (), 9.0),
        _hit("2", "Övriga frågor", (), 8.0),
        _hit("3", "Ny simhall", (), 5.0),
        _hit("4", "Ny simhall i Kvarnbacken", (), 4.0),
    ]
    assert sorted(len(g) for g in group_matters(hits)) == [1, 1, 2]


def test_a_procedural_paragraph_asked_for_by_name_is_not_counted_down():
    hits = [
        _hit("1", "Meddelanden", ("KF 2023/7",), 9.0),
        _hit("2", "Riktlinjer för anmälan till socialtjänsten", ("VON 2023/3",), 5.0),
        _hit("3", "Val av justerare", (), 8.0),
    ]
    firsts = lambda asked: [g[0].doc_id for g in group_matters(hits, asked)]  # noqa: E731
    assert firsts(frozenset()) == ["2", "1", "3"]
    # "Vilka meddelanden anmäldes?" asks for what the paragraph lists; the election's
    # "val" is no more asked for by "valet av ordförande" than before.
    assert firsts(frozenset({"meddel", "anmäl"})) == ["1", "2", "3"]
    assert firsts(frozenset({"val", "ordför"})) == ["2", "1", "3"]


@pytest.mark.parametrize(
    ("title", "procedural"),
    [
        ("Val av justerare", True),
        ("Information", True),
        ("Informationsärenden", True),
        ("Informationsärende", True),
        ("Information angående budgetläget", False),
        ("Information från kommundirektören", True),
        ("Information om förslag till vattenskyddsområde för Ekbackaåsen", False),
        ("Information från elevhälsan om lärarlegitimation", False),
        ("Informationssäkerhetspolicy", False),
    ],
)
def test_a_briefing_on_a_named_subject_is_a_matter_not_procedure(title, procedural):
    assert is_procedural(title) is procedural


def test_coverage_weighs_rare_concepts(engine):
    from bot.question import understand

    _, paragraph = engine.index.paragraph(engine.ask("vänortssamarbetet", today=TODAY).step.doc_id)
    common = understand("kommun vänortssamarbete", today=TODAY, glossary=GLOSSARY)
    assert coverage(common, paragraph, engine.index.rarity) == 1.0
    missing = understand("kommun ishall", today=TODAY, glossary=GLOSSARY)
    assert coverage(missing, paragraph, engine.index.rarity) < 0.5


def test_a_compound_is_covered_by_its_word_or_its_parts_before_the_last():
    def share(question: str, title: str) -> float:
        return _share(question, title, title)

    assert share("Smedjankvarteret", "Detaljplan för Smedjan 4") == 1.0
    assert share("vänortssamarbetet", "Program för vänortssamarbete") == 1.0
    assert share("vänortssamarbetet", "Vänort och samarbete i regionen") == 1.0
    # The last part names only the kind of thing: a town is no twin town, a road no tramway.
    assert share("vänortssamarbetet", "Samarbete med Sjöstad om en ny ort") == 0.0
    assert share("spårväg", "Ny väg till Lunda") == 0.0
    # A name's compound is mentioned by the name; a common word's only in part: recycling
    # is not yet a recycling centre.
    assert share("återvinningscentral", "Insamling och återvinning av kläder") == 0.5
    # A title begins with a capital: that makes no name of its first word.
    assert share("återvinningscentral", "Återvinning av kläder") == 0.5
    # A name's parts are the name's: "Norrbacka" names the Norrbacka hall.
    assert share("Norrbackahallen", "Hallen i Norrbacka") == 1.0
    assert share("återvinningscentral", "Ny återvinningscentral i Lunda") == 1.0


def _share(question: str, text: str, title: str = "Ärende") -> float:
    """How much of a question a paragraph of that title and text covers."""
    from bot.question import understand
    from index.records import Paragraph

    paragraph = Paragraph(number="§ 5", number_norm="5", title=title, text=text)
    return coverage(understand(question, today=TODAY, glossary=GLOSSARY), paragraph)


def test_a_common_word_inside_a_name_is_not_that_word():
    share = _share

    # "Hur högt...": the plan for Högtegen holds "högt" only as a part of the name.
    assert share("högt", "Exploateringsavtal för Högtegen.") == 0.0
    assert share("högt", "Arvodet är högt jämfört med Högtegen.") == 1.0
    # A name asked about, in capitals or not, is met inside a longer name.
    assert share("Norrbacka", "Skolan Norrbackaskolan byggs om.") == 1.0
    assert share("norrbacka", "Skolan Norrbackaskolan byggs om.") == 1.0


def test_a_word_typed_with_its_accents_is_not_met_by_another_spelt_alike_without():
    share = _share

    # "lång" and "längs" both fold to "lang"; only a word typed without accents is folded.
    assert share("restiden lång", "Bussen går längs vägen.") == 0.0
    assert share("restiden lang", "Restiden är lång.") == 1.0


def test_a_place_typed_without_accents_is_held_by_the_accented_name():
    from bot.answer import elsewhere
    from bot.question import understand
    from index.records import Paragraph

    paragraph = Paragraph(number="§ 5", number_norm="5", title="Ny ambulansstation", text="Stationen i Fjällnäs öppnar 2026.")
    assert not elsewhere(understand("nar oppnar ambulansstationen i fjallnas", today=TODAY, glossary=GLOSSARY), paragraph)
    assert elsewhere(understand("nar oppnar ambulansstationen i fjallby", today=TODAY, glossary=GLOSSARY), paragraph)


def test_a_synonym_covers_a_word_only_whole():
    from bot.question import understand
    from index.records import Paragraph

    glossary = Glossary([Entry(("recycling centre",), ("återvinningscentral", "miljöstation"), "environment")])
    question = understand("Vad hände med återvinningscentralen?", today=TODAY, glossary=glossary)
    assert ("miljöstation", 0.6) in question.concepts[0].alternatives

    def share(text: str) -> float:
        return coverage(question, Paragraph(number="§ 5", number_norm="5", title="Ärende", text=text))

    assert share("Kommunen bygger en miljöstation.") == 1.0
    # "Miljöförvaltningen" holds the first part of the synonym, and nothing of the question.
    assert share("Miljöförvaltningen redovisar.") == 0.0
    # Nor is a synonym met inside another compound: "bad" is not every "badplats".
    assert share("Skyltar vid miljöstationsområdet.") == 0.0


def test_a_namnd_named_as_the_decider_is_who_decided_not_what_about(tmp_path):
    # The shipped minutes hold both: the nämnd's building permits, and fullmäktige electing a
    # substitute to the nämnd, whose title names it.
    from .conftest import MINUTES

    update_index(MINUTES, tmp_path / "ix")
    with Engine(tmp_path / "ix") as e:
        answer = e.ask("Vilka bygglov beviljade bygg- och miljönämnden?", today=TODAY)
    assert answer.found and answer.step.body == "BMN" and answer.step.title.startswith("Bygglov")


def test_summary_prefers_sentences_about_the_question(engine):
    from bot.question import understand

    _, paragraph = engine.index.paragraph(engine.ask("vänortssamarbetet", today=TODAY).step.doc_id)
    q = understand("Nuuk Grönland", today=TODAY, glossary=GLOSSARY)
    assert any("Nuuk" in s for s in summary_sentences(q, paragraph, limit=2))


@pytest.mark.parametrize(
    ("text", "recent"),
    [
        ("Vad hände med vänortssamarbetet?", True),
        ("Vad hände med vänortssamarbetet i februari 2024?", False),  # a period
        ("Vad hände i ärende KS 2022/1011?", False),  # a case number
        ("Vad beslutade KSAU i § 21?", False),  # a paragraph
    ],
)
def test_undated_questions_prefer_newer_paragraphs(engine, text, recent):
    from bot.answer import build_search

    today = dt.date(2025, 6, 1)
    parsed = build_search(engine.understand(text, today=today))
    assert parsed.recent == (today if recent else None)


def test_an_outcome_asked_for_is_a_preference(engine):
    from bot.answer import build_search

    today = dt.date(2025, 6, 1)
    picked = build_search(engine.understand("Vilka motioner avslog fullmäktige?", today=today))
    assert ("status", "rejected") in [(f, t) for f, t, _ in picked.prefer]
    asked = build_search(engine.understand("Avslog fullmäktige motionen om cykelbanor?", today=today))
    assert all(f != "status" for f, _, _ in asked.prefer)


def test_a_named_municipality_filters_the_search(tmp_path):
    index_protocols(tmp_path, {
        f"{town.lower()}.txt": ("Kommunfullmäktige", "2024-03-01", [(5, "Vänortsavtal med Tartu", case, "Avtalet godkänns.")], f"{town} kommun")
        for town, case in (("Ekbacka", "KS 2024/7"), ("Sjöbacka", "KS 2024/8"))
    })
    with Engine(tmp_path / "ix") as engine:
        assert set(engine.index.known_municipalities()) == {"ekbacka", "sjöbacka"}
        for town in ("Ekbacka", "Sjöbacka"):
            answer = engine.ask(f"Vad hände med {town}s vänortsavtal?", today=dt.date(2025, 6, 1))
            assert answer.found and [h.source for h in answer.hits] == [f"{town.lower()}.txt"]
        both = engine.ask("Vad hände med vänortsavtalet?", today=dt.date(2025, 6, 1))
        assert {h.source for h in both.hits} == {"ekbacka.txt", "sjöbacka.txt"}
    # A bot scoped to one municipality answers from it unless a question names another.
    with Engine(tmp_path / "ix", scope=("sjöbacka kommun",)) as engine:
        scoped = engine.ask("Vad hände med vänortsavtalet?", today=dt.date(2025, 6, 1))
        assert [h.source for h in scoped.hits] == ["sjöbacka.txt"]
        named = engine.ask("Vad hände med Ekbackas vänortsavtal?", today=dt.date(2025, 6, 1))
        assert [h.source for h in named.hits] == ["ekbacka.txt"]


def test_a_place_only_one_municipality_mentions_points_to_its_minutes(tmp_path):
    index_protocols(tmp_path, {
        "ekbacka.txt": ("Kommunfullmäktige", "2024-03-01", [
            (5, "Vänortsavtal med Tartu", "KS 2024/7", "Avtalet godkänns."),
            (6, "Ny förskola i Norrbacka", "KS 2024/9", "Förskolan byggs."),
            (7, "Detaljplan för Norrbacka 1:4", "KS 2024/10", "Planen antas."),
            (8, "Gång- och cykelväg i Norrbacka", "KS 2024/11", "Medel beviljas."),
        ]),
        "sjöbacka.txt": ("Kommunfullmäktige", "2024-09-01", [(5, "Vänortsavtal med Tartu", "KS 2024/8", "Avtalet godkänns.")], "Sjöbacka kommun"),
    })
    today = dt.date(2025, 6, 1)
    with Engine(tmp_path / "ix") as engine:
        # Alike but for their dates: the newer is the likelier meant.
        assert engine.ask("Vad hände med vänortsavtalet?", today=today).step.source == "sjöbacka.txt"
        # Norrbacka is a place in Ekbacka's minutes only.
        named = engine.ask("Vad hände med vänortsavtalet för Norrbacka?", today=today)
        assert named.step.source == "ekbacka.txt" and named.title == "Vänortsavtal med Tartu"
        # A name both municipalities mention tells nothing.
        both = engine.ask("Vad hände med vänortsavtalet med Tartu?", today=today)
        assert both.step.source == "sjöbacka.txt"
        # With two municipalities in the archive, an answer says whose minutes it quotes.
        text = render_text(both)
        assert "Sjöbacka kommun, kommunfullmäktige" in text and "Ekbacka kommun: KF 2024-03-01" in text
        assert both.to_json()["answer"]["municipality"] == "Sjöbacka kommun"
        from bot.embeds import answer_embed

        embed = answer_embed(both)
        assert "Sjöbacka kommun · " in embed["description"]
        assert any("Ekbacka kommun: " in f["value"] for f in embed["fields"])


def test_the_body_a_question_names_outweighs_a_paragraph_with_more_of_its_words(tmp_path):
    index_protocols(tmp_path, {
        "bun.txt": ("Barn- och utbildningsnämnden", "2024-03-12", [
            (3, "Avgifter för fritidshem", "BUN 2024/2", "Avgifterna för fritidshem höjs. Avgifter för fritidshem sänks för syskon."),
        ]),
        "ks.txt": ("Kommunstyrelsen", "2024-03-12", [
            (9, "Avgifter för fritidshem", "KS 2024/5", "Kommunstyrelsen föreslår att avgifterna behålls."),
            (10, "Investering i gatubelysning", "KS 2024/6", "Medel beviljas."),
        ]),
    })
    with Engine(tmp_path / "ix") as engine:
        today = dt.date(2025, 6, 1)
        assert engine.ask("Vad hände med avgifterna för fritidshem?", today=today).step.body == "BUN"
        assert engine.ask("Vad sa kommunstyrelsen om avgifterna för fritidshem?", today=today).step.body == "KS"


def test_a_body_named_as_the_subject_finds_the_paragraph_about_it(tmp_path):
    # "ersättare i bygg- och miljönämnden" is elected by the council: the body named is what the
    # paragraph is about, and its name in the text counts like a word of the question.
    index_protocols(tmp_path, {
        "kf.txt": ("Kommunfullmäktige", "2023-11-20", [
            (106, "Fyllnadsval av ersättare i bygg- och miljönämnden", "KS 2023/15",
             "Kommunfullmäktige väljer Sanna Holm (M) till ny ersättare i bygg- och miljönämnden."),
            (107, "Fyllnadsval av ersättare i socialnämnden", "KS 2023/16",
             "Kommunfullmäktige väljer Erik Berg (S) till ny ersättare i socialnämnden. Ersättare "
             "i nämnden ska ha kunskap om socialtjänst. Ersättare kallas vid förfall."),
        ]),
        "bmn.txt": ("Bygg- och miljönämnden", "2023-09-26", [
            (63, "Föreläggande om enskild avloppsanläggning", "BMN 2023/40", "Ägaren föreläggs att åtgärda anläggningen."),
        ]),
    })
    with Engine(tmp_path / "ix") as engine:
        question = engine.understand("Vem blev ny ersättare i bygg- och miljönämnden?", today=dt.date(2025, 6, 1))
        assert question.body == "BMN" and question.body_name == "Bygg- och miljönämnden"
        assert ("text", "miljönämnd", 1.0) in build_search(question).boosts
        answer = engine.ask("Vem blev ny ersättare i bygg- och miljönämnden?", today=dt.date(2025, 6, 1))
        assert (answer.step.body, answer.step.paragraph) == ("KF", "106")


def test_a_matter_of_another_place_than_the_one_asked_about_is_no_answer(tmp_path):
    index_protocols(tmp_path, {
        "kf.txt": ("Kommunfullmäktige", "2024-03-12", [
            (5, "Handlingsplan för återvinningscentral", "KS 2024/1", "Kommunen bygger en ny återvinningscentral i Norrby."),
            (6, "Detaljplan för bostäder", "KS 2024/2", "Planen för bostäder i Lunda antas."),
        ]),
    })
    with Engine(tmp_path / "ix") as engine:
        today = dt.date(2025, 6, 1)
        assert engine.ask("Har fullmäktige beslutat om en ny återvinningscentral i Norrby?", today=today).step.paragraph == "5"
        assert engine.ask("Har fullmäktige beslutat om en ny återvinningscentral?", today=today).step.paragraph == "5"
        # Lunda is in the minutes, but not in the recycling centre's paragraph: in capitals or,
        # as chat has it, not (no everyday word).
        assert not engine.ask("Har fullmäktige beslutat om en ny återvinningscentral i Lunda?", today=today).found
        assert not engine.ask("har fullmäktige beslutat om en ny återvinningscentral i lunda", today=today).found
        # A typo is no other place: "norbby" is corrected to the Norrby of the minutes.
        assert engine.ask("har fullmäktige beslutat om en ny återvinningscentral i norbby", today=today).found


def test_a_place_is_not_met_by_another_name_with_its_stem(tmp_path):
    # "Lunda" and "Lund" share the stem "lund": the mover of a motion is no place.
    index_protocols(tmp_path, {
        "kf.txt": ("Kommunfullmäktige", "2024-03-12", [
            (5, "Motion om ett nytt äldreboende", "KS 2024/1", "Tommy Lund (SD) föreslår ett nytt äldreboende i Norrby."),
            (6, "Detaljplan för bostäder i Lunda", "KS 2024/2", "Planen för bostäder i Lunda antas."),
        ]),
    })
    with Engine(tmp_path / "ix") as engine:
        today = dt.date(2025, 6, 1)
        assert not engine.ask("Har fullmäktige beslutat om ett nytt äldreboende i Lunda?", today=today).found
        assert engine.ask("Har fullmäktige beslutat om ett nytt äldreboende i Norrby?", today=today).found
        assert engine.ask("Vad beslutade fullmäktige om Lundas bostäder?", today=today).found  # a genitive
        question = engine.understand("när står äldreboendet i lunda klart", today=today)
        motion = engine.index.paragraph(engine.ask("Vem föreslog ett nytt äldreboende?", today=today).step.doc_id)[1]
        assert coverage(question, motion) < 1.0


def test_a_subject_the_answering_municipality_never_mentions_raises_the_bar(tmp_path):
    # Sjöbacka's minutes mention an outdoor gym; Ekbacka's answer is about something else in
    # the same park, and Ekbacka's minutes know no outdoor gym: that is a subject they lack.
    ix = index_protocols(tmp_path, {
        "ekbacka.txt": ("Kommunstyrelsen", "2025-02-11", [
            (21, "Medborgarförslag om hundrastgård i Kvarnparken", "KS 2025/21",
             "Ett medborgarförslag om en hundrastgård i Kvarnparken har kommit in. Kommunstyrelsen "
             "beslutar att bifalla medborgarförslaget om Kvarnparken."),
        ]),
        "sjobacka.txt": ("Kommunstyrelsen", "2025-02-11", [
            (5, "Skötsel av utegym", "KS 2025/5", "Utegymmet vid Sjövallen sköts av tekniska förvaltningen."),
        ], "Sjöbacka kommun"),
    })
    with Engine(ix) as engine:
        asked = engine.ask("Vad hände med medborgarförslaget om ett utegym i Kvarnparken?", today=TODAY)
        assert not asked.found and asked.gap
        # The same question about what Ekbacka's minutes do hold is answered.
        held = engine.ask("Vad hände med medborgarförslaget om en hundrastgård i Kvarnparken?", today=TODAY)
        assert held.found and held.step.paragraph == "21"


def _placed(doc_id, score, place, case):
    return Hit(doc_id, "KS", "Kommunstyrelsen", "2024-01-01", doc_id, (case,), doc_id, "decided", None, "f.txt", 1, score, place)


def test_other_matters_put_each_other_municipality_first_only_when_asked_to():
    matters = [
        [_placed("a1", 10.0, "sjöbacka", "KS 2024/1")],
        [_placed("a2", 9.0, "sjöbacka", "KS 2024/2")],
        [_placed("a3", 8.0, "sjöbacka", "KS 2024/3")],
        [_placed("u1", 7.5, "", "KS 2024/4")],  # a protocol naming no municipality
        [_placed("a4", 7.0, "sjöbacka", "KS 2024/5")],
        [_placed("b1", 6.0, "ekbacka", "KS 2024/6")],
        [_placed("b2", 5.0, "ekbacka", "KS 2024/7")],
        [_placed("c1", 3.0, "huddinge", "KS 2024/8")],  # below the floor: noise either way
    ]
    ids = lambda hits: [h.doc_id for h in hits]  # noqa: E731
    assert ids(other_matters(matters)) == ["a2", "a3", "u1"]
    assert ids(other_matters(matters, spread=True)) == ["b1", "a2", "a3"]
    assert ids(other_matters(matters[:1], spread=True)) == []


def test_an_answer_from_one_of_several_municipalities_shows_the_others(tmp_path):
    from bot.embeds import answer_embed

    index_protocols(tmp_path, {
        "sjöbacka.txt": ("Kommunstyrelsen", "2024-09-01", [
            (5, "Vänortsavtal med Tartu", "KS 2024/8", "Avtalet om vänort godkänns. Vänortsavtalet gäller i fyra år."),
            (6, "Program för vänort", "KS 2024/9", "Programmet för vänort antas."),
            (7, "Medel för vänort", "KS 2024/10", "Medel för vänort beviljas."),
            (8, "Riktlinjer för vänort", "KS 2024/11", "Riktlinjerna för vänort antas."),
        ], "Sjöbacka kommun"),
        "ekbacka.txt": ("Kommunstyrelsen", "2024-03-01", [(5, "Vänortsavtal med Tartu", "KS 2024/7", "Avtalet godkänns.")]),
    })
    today = dt.date(2025, 6, 1)
    with Engine(tmp_path / "ix") as engine:
        asked = engine.ask("What happened to the twin-town agreement?", today=today)
        assert asked.step.source == "sjöbacka.txt" and asked.several_places
        assert asked.others[0].source == "ekbacka.txt"
        assert "name one to narrow" in render_text(asked)
        assert "name one to narrow" in answer_embed(asked)["fields"][-1]["value"]
        assert asked.to_json()["several_places"] and asked.to_json()["others"][0]["title"] == "Vänortsavtal med Tartu"
        # Named, the municipality is the answer's and the others stay its own.
        named = engine.ask("Vad hände med Sjöbackas vänortsavtal?", today=today)
        assert not named.several_places and all(h.source == "sjöbacka.txt" for h in named.others)
        assert "avgränsa" not in render_text(named)
    with Engine(tmp_path / "ix", scope=("sjöbacka kommun",)) as engine:
        scoped = engine.ask("Vad hände med vänortsavtalet?", today=today)
        assert not scoped.several_places and all(h.source == "sjöbacka.txt" for h in scoped.others)


def test_two_municipalities_sharing_a_case_number_keep_their_own_matters(tmp_path):
    index_protocols(tmp_path, {
        f"{town.lower()}.txt": ("Kommunfullmäktige", date, [(12, title, "KS 2024/7", decision)], f"{town} kommun")
        for town, title, decision, date in (
            ("Ekbacka", "Budget för 2025", "Budgeten antas.", "2024-03-01"),
            ("Sjöbacka", "Avfallstaxa 2025", "Förslaget avslås.", "2024-06-01"),
        )
    })
    with Engine(tmp_path / "ix", scope=("Ekbacka kommun",)) as engine:
        answer = engine.ask("Vad beslutades om budgeten för 2025?", today=dt.date(2025, 6, 1))
        assert answer.found and answer.step.source == "ekbacka.txt"
        assert [s.source for s in answer.timeline] == ["ekbacka.txt"] and answer.status == "decided"
        # A § alone, with nothing found for the words: still within the scope.
        by_paragraph = engine.ask("Vad beslutades om avfallstaxan i § 12?", today=dt.date(2025, 6, 1))
        assert {h.source for h in by_paragraph.hits} <= {"ekbacka.txt"}


def test_an_index_without_any_commit_is_not_built_yet(tmp_path):
    # "Nothing found" from it would pass for an answer; the user must be told to build it.
    from index.errors import IndexMissing
    from index.indexer import open_or_create
    from index.search import MinutesIndex

    open_or_create(tmp_path / "ix")
    with pytest.raises(IndexMissing, match="has not been built yet"):
        MinutesIndex(tmp_path / "ix")


class _Terms:
    """Just the term statistics `with_corrections` reads: an index holding `words`."""

    def __init__(self, *words):
        self.words = set(words)

    def document_frequency(self, term, fieldname="text"):
        return int(term in self.words)

    def similar_terms(self, term, limit=3, word=""):
        return sorted(w for w in self.words if len(w) in (len(term), len(term) + 1) and w[:3] == term[:3])[:limit]


def test_everyday_english_words_are_not_read_as_typos_of_swedish_ones():
    from bot.answer import with_corrections
    from bot.question import understand

    ix = _Terms("askling", "skolskjuts", "sundberg")

    def corrections(text):
        question = understand(text, today=TODAY, glossary=GLOSSARY, language="en")
        return {t for c in with_corrections(question, ix).concepts for t, _ in c.alternatives[1:]}

    assert corrections("Who was asking about it?") == set()
    # A Swedish word or a name in an English question may still be misspelt.
    assert corrections("What about the skolskjutts?") == {"skolskjuts"}
    assert corrections("What did Sundberj say?") == {"sundberg"}


def test_the_glossarys_swedish_is_not_corrected_as_a_typo():
    from bot.answer import with_corrections
    from bot.question import understand

    glossary = Glossary([Entry(("pollution",), ("förorening",), "environment")])
    ix = _Terms("förening", "förordning")
    question = understand("What about the pollution?", today=TODAY, glossary=glossary)
    assert question.concepts[0].origin == "glossary"
    # "förordning" (an ordinance) is near "förorening" in this fake index (see `_Terms`), as
    # "förening" (an association) is in real minutes: neither is taken for it.
    assert ix.similar_terms("förorening")
    assert with_corrections(question, ix).concepts == question.concepts
    # Nor are its synonyms to a Swedish word: only the word typed may be misspelt.
    glossary = Glossary([Entry(("pollution",), ("utsläpp", "förorening"), "environment")])
    typed = understand("Vad hände med utsläppen?", today=TODAY, glossary=glossary)
    assert ("förorening", 0.6) in typed.concepts[0].alternatives
    assert with_corrections(typed, ix).concepts == typed.concepts


def test_a_case_number_not_in_the_minutes_leaves_an_undated_question(tmp_path):
    index_protocols(tmp_path, {
        name: ("Kommunfullmäktige", date, [(5, "Vänortsavtal med Tartu", case, "Avtalet godkänns.")])
        for name, date, case in (("a.txt", "2020-03-01", "KS 2020/7"), ("b.txt", "2024-03-01", "KS 2024/8"))
    })
    with Engine(tmp_path / "ix") as engine:
        answer = engine.ask("Vad hände med vänortsavtalet, KS 2019/999?", today=dt.date(2025, 6, 1))
        assert answer.found and answer.step.source == "b.txt"
        # One municipality's minutes: no need to say whose.
        assert answer.places == {} and "Ekbacka kommun" not in render_text(answer)
        # The reader is told the case number matched nothing.
        assert answer.set_aside == (("case", "KS 2019/999"),)
        assert "Inget ärende med diarienummer KS 2019/999 finns i protokollen" in render_text(answer)
        found = engine.ask("Vad hände med vänortsavtalet, KS 2024/8?", today=dt.date(2025, 6, 1))
        assert found.found and found.set_aside == ()


def test_a_period_whose_paragraphs_do_not_answer_is_set_aside_and_said_to_be(tmp_path):
    index_protocols(tmp_path, {
        "ks-2024.txt": ("Kommunstyrelsen", "2024-05-14", [
            (6, "Ny belysning vid skolan", "KS 2024/2", "Kommunstyrelsen beslutar om ny belysning. Ärendet gäller också parkeringen vid huset."),
        ]),
        "ks-2025.txt": ("Kommunstyrelsen", "2025-02-11", [
            (9, "Investeringsbidrag till Folkets hus i Lunda", "KS 2025/9", "Kommunstyrelsen beviljar Folkets hus i Lunda ett bidrag för en hiss."),
        ]),
        **{
            f"kf-{i}.txt": ("Kommunfullmäktige", f"2023-0{i + 1}-10", [(i + 1, f"Vägar {i}", f"KS 2023/{i + 10}", "Beslut att bygga vägar och hus.")])
            for i in range(6)
        },
    })
    with Engine(tmp_path / "ix") as engine:
        # 2024's one paragraph of KS mentions a house, not Folkets hus in Lunda: no answer
        # from 2024, and the 2025 decision with a word that it is from another time.
        answer = engine.ask("Vad hände med Folkets hus i Lunda under 2024?", today=dt.date(2025, 6, 1))
        assert answer.found and (answer.step.meeting_date, answer.step.paragraph) == ("2025-02-11", "9")
        assert answer.set_aside == (("period", "2024-01-01..2024-12-31"),)
        # In its own year, nothing to set aside.
        same = engine.ask("Vad beslutade kommunstyrelsen under 2025 om Folkets hus i Lunda?", today=dt.date(2025, 6, 1))
        assert same.found and same.step.paragraph == "9" and same.set_aside == ()
        # Asked what was decided in 2024: nothing was, and the 2025 decision leads the
        # closest matches, said to be from another time.
        decided = engine.ask("Vad beslutade kommunstyrelsen under 2024 om Folkets hus i Lunda?", today=dt.date(2025, 6, 1))
        assert not decided.found and decided.unstated == "period"
        assert (decided.hits[0].meeting_date, decided.hits[0].paragraph) == ("2025-02-11", "9")
        assert render_text(decided).startswith("Inget beslut från 2024 matchar frågan.")
        # Nothing about it at any time: still no answer.
        assert not engine.ask("Vad hände med simhallen i Lunda under 2024?", today=dt.date(2025, 6, 1)).found


def test_a_subject_only_another_municipality_decided_on_is_missing_for_this_one(tmp_path):
    index_protocols(tmp_path, {
        "ekbacka.txt": ("Kommunstyrelsen", "2024-03-12", [
            (10, "Upprustning av Lunda IP", "KS 2024/10", "Kommunstyrelsen beslutar att rusta upp idrottsplatsen i Lunda."),
        ]),
        "sjobacka.txt": ("Kommunstyrelsen", "2024-03-12", [(20, "Ny ishall", "KS 2024/20", "Kommunstyrelsen beslutar att bygga en ishall.")], "Sjöbacka kommun"),
    })
    glossary = Glossary([Entry(("ice rink",), ("ishall",), "culture")])
    question = "Vad beslutade kommunstyrelsen om en ishall i Lunda?"
    with Engine(tmp_path / "ix", glossary=glossary, scope=("Ekbacka kommun",)) as engine:
        # Ekbacka's minutes never mention an ice rink: Lunda's sports ground is no answer.
        assert not engine.ask(question, today=TODAY).found
        assert engine.ask("Vad beslutade kommunstyrelsen om idrottsplatsen i Lunda?", today=TODAY).found
    with Engine(tmp_path / "ix", glossary=glossary) as engine:
        assert not engine.ask("Vad beslutade Ekbacka kommun om en ishall i Lunda?", today=TODAY).found
        assert engine.ask("Vad beslutade Sjöbacka kommun om en ishall?", today=TODAY).found


def test_a_detail_only_an_earlier_step_gives_is_cited_from_that_step(tmp_path):
    index_protocols(tmp_path, {
        "ks.txt": ("Kommunstyrelsen", "2024-03-12", [(5, "Hyresavtal för förskolan Lärkan", "KS 2024/5",
            "Kommunstyrelsen föreslår kommunfullmäktige besluta att godkänna hyresavtalet. Årshyran är 2,4 miljoner kronor.")]),
        "kf.txt": ("Kommunfullmäktige", "2024-04-22", [(9, "Hyresavtal för förskolan Lärkan", "KS 2024/5",
            "Kommunfullmäktige beslutar att godkänna hyresavtalet för förskolan Lärkan.")]),
    })
    with Engine(tmp_path / "ix") as engine:
        rent = engine.ask("Hur stor är årshyran för förskolan Lärkan?", today=TODAY)
        assert (rent.step.body, rent.step.paragraph) == ("KS", "5")
        assert rent.later_step is not None and rent.status == "decided"  # the matter's status
        # What happened to it is the latest step's to say.
        latest = engine.ask("Vad hände med hyresavtalet för förskolan Lärkan?", today=TODAY)
        assert (latest.step.body, latest.step.paragraph) == ("KF", "9")
        # ...even when an earlier step holds more of the question's words.
        for asked in ("Vad hände med hyresavtalet och årshyran för förskolan Lärkan?",
                      "Hur går det med årshyran för förskolan Lärkan?",
                      "What happened to the årshyran for förskolan Lärkan?"):
            latest = engine.ask(asked, today=TODAY)
            assert (latest.step.body, latest.step.paragraph) == ("KF", "9"), asked


def test_a_protocol_naming_no_municipality_may_hold_the_subject_for_any(tmp_path):
    ix = index_protocols(tmp_path, {
        "ekbacka.txt": ("Kommunstyrelsen", "2024-03-12", [
            (10, "Upprustning av Lunda IP", "KS 2024/10", "Kommunstyrelsen beslutar att rusta upp idrottsplatsen i Lunda."),
        ]),
        "sjobacka.txt": ("Kommunstyrelsen", "2024-03-12", [(20, "Budget", "KS 2024/20", "Budgeten antas.")], "Sjöbacka kommun"),
        # The ice rink's protocol says whose it is nowhere: search takes it for Ekbacka's too.
        "utdrag.txt": ("Kommunstyrelsen", "2024-04-02", [(30, "Ny ishall i Lunda", "KS 2024/30", "Kommunstyrelsen beslutar att bygga en ishall i Lunda.")], ""),
    })
    glossary = Glossary([Entry(("ice rink",), ("ishall",), "culture")])
    with Engine(ix, glossary=glossary, scope=("Ekbacka kommun",)) as engine:
        # Not a subject missing from the minutes: the bar for those (most of the question
        # covered) would turn down this answer, which says nothing of a bandy pitch.
        answer = engine.ask("Vad beslutade kommunstyrelsen om en ishall och bandyplan i Lunda?", today=TODAY)
        assert answer.found and answer.step.source == "utdrag.txt"


def test_a_period_set_aside_does_not_pick_the_step_cited(tmp_path):
    # The matter was opened in 2024 in words the question does not use, and decided in 2025:
    # "nothing from 2024 matched" must not come with the 2024 step.
    ix = index_protocols(tmp_path, {
        "ks-2024.txt": ("Kommunstyrelsen", "2024-05-14", [
            (6, "Ny belysning vid skolan", "KS 2024/2", "Kommunstyrelsen beslutar om ny belysning vid huset."),
            (7, "Investeringsbidrag", "KS 2025/9", "Ärendet bereds vidare."),
        ]),
        "ks-2025.txt": ("Kommunstyrelsen", "2025-02-11", [
            (9, "Investeringsbidrag till Folkets hus i Lunda", "KS 2025/9", "Kommunstyrelsen beviljar Folkets hus i Lunda ett bidrag."),
        ]),
        **{
            f"kf-{i}.txt": ("Kommunfullmäktige", f"2023-0{i + 1}-10", [(i + 1, f"Vägar {i}", f"KS 2023/{i + 10}", "Beslut att bygga vägar och hus.")])
            for i in range(6)
        },
    })
    with Engine(ix) as engine:
        answer = engine.ask("Vad hände med Folkets hus i Lunda under 2024?", today=dt.date(2025, 6, 1))
        assert answer.set_aside == (("period", "2024-01-01..2024-12-31"),)
        assert (answer.step.meeting_date, answer.step.paragraph) == ("2025-02-11", "9")


def test_asked_when_a_thing_happens_the_step_that_says_so_is_cited_or_none(tmp_path):
    ix = index_protocols(tmp_path, {
        "ks.txt": ("Kommunstyrelsen", "2023-10-31", [
            (6, "Nytt äldreboende i Norrbacka", "KS 2023/6",
             "Kommunstyrelsen föreslår att äldreboendet i Norrbacka byggs. Det ska stå klart 2028."),
            (7, "Ny simhall i Lunda", "KS 2023/7", "Kommunstyrelsen föreslår att en simhall byggs i Lunda."),
        ]),
        "kf.txt": ("Kommunfullmäktige", "2023-11-20", [
            (9, "Nytt äldreboende i Norrbacka", "KS 2023/6",
             "Kommunfullmäktige beslutar att äldreboendet i Norrbacka ska byggas. Platserna räcker fram till 2027."),
            (10, "Ny simhall i Lunda", "KS 2023/7", "Kommunfullmäktige beslutar att bygga simhallen i Lunda."),
        ]),
    })
    with Engine(ix) as engine:
        # The proposal says when it is ready, the decision does not: the proposal is cited.
        when = engine.ask("När ska äldreboendet i Norrbacka vara klart?", today=TODAY)
        assert when.found and (when.step.body, when.step.paragraph) == ("KS", "6")
        assert when.later_step is not None and when.status == "decided"
        # What became of it, and when it was decided, are the decision's to say.
        assert engine.ask("Vad hände med äldreboendet i Norrbacka?", today=TODAY).step.body == "KF"
        assert engine.ask("När beslutades äldreboendet i Norrbacka?", today=TODAY).found
        # No step says when the pool opens: no answer, and its minutes are shown as the closest.
        pool = engine.ask("When will the swimming pool in Lunda open?", today=TODAY)
        assert not pool.found and pool.unstated == "date" and pool.hits[0].title == "Ny simhall i Lunda"
        assert render_text(pool).startswith("The minutes do not say when it happens")


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("Planen ger ett parkeringshus med 220 platser.", True),
        ("Garaget får 1 200 parkeringsplatser.", True),  # a compound ending in what is counted
        ("Planen ger 180 nya bostäder och ett parkeringshus.", False),  # a figure of another thing
        ("Dnr KS 2023/220 platser i särskilt boende.", False),  # a case number is no figure
        ("Platserna i parkeringshuset blir fler.", False),
    ],
)
def test_a_count_is_a_figure_of_what_the_question_counts(text, gives):
    from bot.question import understand
    from index.records import Paragraph

    question = understand("Hur många p-platser blir det i parkeringshuset?", today=TODAY, glossary=Glossary([]))
    assert counted_stems(question) == {"plats"}
    paragraph = Paragraph(number="§ 5", number_norm="5", title="Ärende", text=text)
    assert gives_count(paragraph, counted_stems(question)) is gives


def test_asked_how_many_the_step_that_gives_the_figure_is_cited(tmp_path):
    ix = index_protocols(tmp_path, {
        "bmn.txt": ("Bygg- och miljönämnden", "2023-09-26", [
            (61, "Detaljplan för Smedjan 4", "KS 2023/61", "Planen ger 180 bostäder och ett parkeringshus med 220 platser."),
        ]),
        "kf.txt": ("Kommunfullmäktige", "2023-11-20", [
            (102, "Detaljplan för Smedjan 4", "KS 2023/61", "Kommunfullmäktige antar detaljplanen med 180 bostäder och ett parkeringshus."),
        ]),
    })
    with Engine(ix) as engine:
        spaces = engine.ask("Hur många p-platser får parkeringshuset på Smedjan 4?", today=TODAY)
        assert (spaces.step.body, spaces.step.paragraph) == ("BMN", "61") and spaces.status == "decided"
        # The figure the decision gives too: the decision, the latest step, is cited.
        assert engine.ask("Hur många bostäder blir det i detaljplanen för Smedjan 4?", today=TODAY).step.body == "KF"


def test_a_body_asked_what_it_did_about_a_matter_that_never_came_before_it_is_no_answer(tmp_path):
    ix = index_protocols(tmp_path, {
        "ks.txt": ("Kommunstyrelsen", "2024-03-12", [
            (48, "Ny förskola i Norrbacka", "KS 2024/48", "Kommunstyrelsen föreslår att förskolan Lärkan byggs i Norrbacka."),
        ]),
        "bmn.txt": ("Bygg- och miljönämnden", "2023-09-26", [
            (62, "Bygglov för flerbostadshus, Lunda 3:14", "BMN 2023/62", "Nämnden beviljar bygglov för flerbostadshus."),
        ]),
    })
    with Engine(ix) as engine:
        answer = engine.ask("Har bygg- och miljönämnden gett bygglov för förskolan Lärkan i Norrbacka?", today=TODAY)
        assert not answer.found and answer.hits[0].paragraph == "48"  # shown as the closest
        assert engine.ask("Har kommunstyrelsen beslutat om förskolan Lärkan i Norrbacka?", today=TODAY).found
        # Named as where the matter goes, the body need not have dealt with it yet.
        assert engine.ask("Ska förskolan Lärkan i Norrbacka till bygg- och miljönämnden?", today=TODAY).found


def test_asked_what_someone_did_the_step_that_names_them_is_cited(tmp_path):
    ix = index_protocols(tmp_path, {
        "bun.txt": ("Barn- och utbildningsnämnden", "2024-02-06", [
            (4, "Ny förskola i Norrbacka", "BUN 2023/77",
             "Nämnden föreslår en ny förskola i Norrbacka.\nYrkanden\nRoger Svensson (SD) yrkar avslag till förslaget."),
        ]),
        "kf.txt": ("Kommunfullmäktige", "2024-04-22", [
            (33, "Ny förskola i Norrbacka", "BUN 2023/77", "Kommunfullmäktige beslutar att bygga en ny förskola i Norrbacka."),
        ]),
    })
    with Engine(ix) as engine:
        moved = engine.ask("What did Roger Svensson (SD) propose about the new preschool in Norrbacka?", today=TODAY)
        assert (moved.step.body, moved.step.paragraph) == ("BUN", "4") and moved.later_step is not None
        assert engine.ask("Vad hände med den nya förskolan i Norrbacka?", today=TODAY).step.body == "KF"


def test_the_match_search_put_first_stays_among_the_others_when_another_is_the_answer(tmp_path):
    ix = index_protocols(tmp_path, {
        "ks.txt": ("Kommunstyrelsen", "2024-03-12", [
            (1, "Bygglov för bibliotek i Lunda", "KS 2024/1",
             "Lunda 3:1 i Lunda. Grannar i Lunda har yttrat sig om bygget i Lunda. Biblioteket i Lunda byggs ut."),
            (2, "Kulturpolitiskt program", "KS 2024/2", "Biblioteket i Lunda får längre öppettider."),
        ]),
    })
    with Engine(ix) as engine:
        question = engine.understand("Får biblioteket i Lunda längre öppettider?", today=TODAY)
        assert engine.index.run(build_search(question), limit=2)[0].paragraph == "1"  # search's first
        answer = engine.ask("Får biblioteket i Lunda längre öppettider?", today=TODAY)
        assert answer.step.paragraph == "2"
        assert [h.paragraph for h in answer.others] == ["1"]


def test_a_paragraph_number_the_minutes_lack_is_not_answered_with_another(minutes_dir, tmp_path):
    update_index(minutes_dir, tmp_path / "ix")
    for scope in ((), ("Ekbacka kommun",)):
        with Engine(tmp_path / "ix", glossary=GLOSSARY, scope=scope) as engine:
            assert not engine.ask("Vad står i KS § 999?", today=TODAY).found, scope


class _Places:
    """Just what `named_municipality` reads: municipalities and where each term occurs."""

    def __init__(self, counts, municipalities=("ekbacka", "sjöbacka")):
        self.counts = counts
        self.municipalities = municipalities

    def known_municipalities(self):
        return {key: key.title() for key in self.municipalities}

    def municipality_counts(self, term, fieldname="text"):
        return self.counts.get(term, {})


def test_names_point_to_the_one_municipality_whose_minutes_hold_them():
    from bot.answer import named_municipality
    from bot.question import understand

    question = understand("What became of the school in Norrbacka?", today=TODAY, glossary=GLOSSARY)
    (term,) = {t for g in query_terms_of("Norrbacka") for t in g.terms}
    assert named_municipality(question, _Places({term: {"ekbacka": 3}})) == "ekbacka"
    assert named_municipality(question, _Places({term: {"ekbacka": 3, "sjöbacka": 1}})) is None
    # A protocol naming no municipality may be any one's.
    assert named_municipality(question, _Places({term: {"ekbacka": 3, "-": 1}})) is None
    # One municipality in the index: nothing to choose between.
    assert named_municipality(question, _Places({term: {"ekbacka": 3}}, ("ekbacka",))) is None


def query_terms_of(text):
    from index.analysis import query_terms

    return query_terms(text)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    from .conftest import MINUTES

    index_dir = tmp_path_factory.mktemp("shipped") / "ix"
    update_index(MINUTES, index_dir)
    with Engine(index_dir) as e:
        yield e


def test_an_earlier_step_cited_is_told_apart_from_the_matter_now(shipped):
    # The motion was sent to KS for preparation in April 2024 and rejected a year later.
    answer = shipped.ask("KS 2024/150 at the April 2024 council meeting – what happened?", today=TODAY)
    assert (answer.step.meeting_date, answer.status) == ("2024-04-22", "rejected")
    later = answer.later_step
    assert later is not None and later.meeting_date > answer.step.meeting_date
    text = render_text(answer)
    assert f"The matter now: Rejected by the municipal council (kommunfullmäktige) (KF {later.meeting_date} § {later.paragraph})" in text
    assert "This paragraph: Decided by the municipal council" in text
    assert "Status:" not in text

    latest = shipped.ask("Vad hände med vänortssamarbetet?", today=TODAY)
    assert latest.later_step is None and "Status: " in render_text(latest)


def test_a_formula_before_numbered_points_is_quoted_with_the_first(shipped):
    answer = shipped.ask("Har kommunfullmäktige beslutat om förskolan Lärkan?", today=TODAY)
    assert answer.found and answer.status == "decided"
    assert answer.status_phrase.startswith("Kommunfullmäktige beslutar att godkänna en investeringsram")


def test_a_body_and_a_time_alone_find_what_met_then_or_nothing(shipped):
    # Kommunstyrelsen met in March 2024 but not in December 2023.
    march = shipped.ask("vad beslutade ks i mars 2024?", today=TODAY)
    assert march.found and march.step.body == "KS" and march.step.meeting_date.startswith("2024-03")
    december = shipped.ask("vad beslutade ks i december 2023?", today=TODAY)
    assert not december.found and not december.hits


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("What happened to the annual report in December 2024?", "Nothing from December 2024 matched"),
        ("Vad hände med vänortssamarbetet under 2019?", "Inget från 2019 matchade frågan"),
    ],
)
def test_a_period_nothing_matched_in_is_said_to_be_set_aside(shipped, question, said):
    answer = shipped.ask(question, today=TODAY)
    assert answer.found and answer.set_aside and answer.set_aside[0][0] == "period"
    text = render_text(answer)
    assert said in text and text.index(said) < text.index(answer.status_text)
    assert answer.to_json()["set_aside"][0]["kind"] == "period"
    # Within the period asked about: nothing set aside, nothing said.
    dated = shipped.ask("What did the council decide on the annual report in April 2024?", today=TODAY)
    assert dated.found and dated.set_aside == () and "matched the question" not in render_text(dated)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("What did the council decide on the annual report in December 2024?", "No decision from December 2024 matches"),
        ("Vad beslutade fullmäktige om årsredovisningen under 2019?", "Inget beslut från 2019 matchar frågan"),
    ],
)
def test_a_decision_asked_for_at_a_time_it_was_not_taken_is_not_found(shipped, question, said):
    answer = shipped.ask(question, today=TODAY)
    assert not answer.found and answer.unstated == "period"
    # The decision from another time leads the closest matches.
    assert "årsredovisning" in answer.hits[0].title.lower()
    assert render_text(answer).startswith(said)
    assert shipped.ask("What did the council decide on the annual report in April 2024?", today=TODAY).found


def test_a_word_read_as_a_term_a_typo_away_is_no_subject_the_minutes_lack(shipped):
    # A guess may be wrong: the term it names missing from the minutes is no gap in them the
    # question points at. The minutes have no gritting ("sanding").
    from bot.question import Concept

    asked = shipped.understand("What was the vote on the baltic network?", today=TODAY)
    for origin, missing in (("glossary", 1), ("guess", 0)):
        sanding = Concept("sandng", (("sandning", 1.0),), origin)
        with_sanding = replace(asked, concepts=asked.concepts + (sanding,))
        assert len(weigh_concepts(with_sanding, shipped.index, shipped.glossary)[1]) == missing
    # "sending" is a form of the glossary's own "send": an English word, no typo of "sanding".
    question = "What was the vote at the executive board on sending the Baltic culture network proposal back for more work?"
    understood = shipped.understand(question, today=TODAY)
    assert not any(c.origin == "guess" for c in understood.concepts)
    assert weigh_concepts(understood, shipped.index, shipped.glossary)[1] == ()
    answer = shipped.ask(question, today=TODAY)
    assert answer.found and answer.title.startswith("Förslag om att lämna Nätverket Östersjöns kulturkommuner")


def test_a_swedish_compound_typed_into_english_is_searched_by_its_parts(shipped):
    # The minutes say "flerbostadshus" and "bygglov", never "flerbostadshusbygget": the word is
    # kept, as in a Swedish question, and found by its parts rather than dropped as English.
    question = "What did the building committee decide on the flerbostadshusbygget in Lunda?"
    understood = shipped.understand(question, today=TODAY)
    kept, missing = weigh_concepts(understood, shipped.index, shipped.glossary)
    searched = {c.source: c.alternatives for c in kept.concepts}
    assert searched["flerbostadshusbygget"] == (("flerbostadshus bygget", 1.0),) and missing == ()
    assert shipped.ask(question, today=TODAY).title.startswith("Bygglov för nybyggnad av flerbostadshus")
    # English words the lexicon splits into loans ("back" + "yard", "how" + "ever") are still
    # dropped: the minutes lack such parts, and "how" is too short to count.
    for word in ("backyard", "however"):
        english = shipped.understand(f"What about the {word} in Lunda?", today=TODAY)
        assert split_compound(word) and word in [c.source for c in english.concepts]
        kept, _ = weigh_concepts(english, shipped.index, shipped.glossary)
        assert word not in [c.source for c in kept.concepts]


def test_a_word_too_short_to_be_a_compound_part_is_no_subject_the_minutes_lack(tmp_path):
    # The minutes write "elförbrukningen" and "elkostnaderna", never "el" alone, and the index
    # holds no compound part of two letters: "el" is not missing from them.
    glossary = Glossary([Entry(("electricity",), ("el", "elförsörjning"), "energy")])
    ix = index_protocols(tmp_path, {
        "ks.txt": ("Kommunstyrelsen", "2023-10-31", [
            (199, "Information om energiläget", "KS 2023/377",
             "Sänkt inomhustemperatur i idrottshallar har minskat elförbrukningen med 8 procent."),
        ]),
    })
    with Engine(ix, glossary=glossary) as engine:
        understood = engine.understand("hur mycket el sparade man i idrottshallarna?", today=TODAY)
        assert [c.source for c in understood.concepts if c.source == "el"] == ["el"]
        _, missing = weigh_concepts(understood, engine.index, engine.glossary)
        assert missing == ()
        assert engine.ask("hur mycket el sparade man i idrottshallarna?", today=TODAY).gap is False

@pytest.mark.parametrize(
    ("question", "cited"),
    [
        # The county board's decision on a new substitute, read out under "Meddelanden", and
        # the lease of allotments reported under "Anmälan av delegationsbeslut".
        ("vem ersatte Hanna Lilja (S) i fullmäktige?", ("KF", "2023-11-20", "100")),
        ("blir det nya odlingslotter vid kvarnbäcken?", ("KS", "2024-03-12", "47")),
    ],
)
def test_a_procedural_paragraph_that_covers_the_question_is_the_answer(shipped, question, cited):
    answer = shipped.ask(question, today=TODAY)
    assert answer.found and (answer.step.body, answer.step.meeting_date, answer.step.paragraph) == cited
    assert is_procedural(answer.title)


@pytest.mark.parametrize(
    "question",
    ["Vilket förslag om Nätverket Östersjöns kulturkommuner återremitterades?", "Which proposal on the Baltic culture network was sent back?"],
)
def test_the_outcome_a_question_asks_for_picks_the_step_of_the_matter(shipped, question):
    # Sent back by KS in March 2024, decided by KS in February 2025: the question is about the
    # first, the status line about the second.
    answer = shipped.ask(question, today=TODAY)
    assert (answer.step.meeting_date, answer.step.status) == ("2024-03-12", "referred_back")
    assert answer.later_step is not None and answer.status == "decided"


@pytest.mark.parametrize("question", ["När ska förskolan Lärkan stå klar?", "när ska förskolan lärkan sta klar"])
def test_modal_verbs_and_unaccented_function_words_are_no_subject(shipped, question):
    answer = shipped.ask(question, today=TODAY)
    assert answer.found and answer.title.startswith("Ny förskola i Norrbacka")


@pytest.mark.parametrize("question", ["KS 2024/88", "vad blev det för beslut om begäran om allmän handling i ks 2024/88?"])
def test_a_case_number_only_cited_in_a_text_finds_the_paragraph_citing_it(shipped, question):
    # KS 2024/88 is no paragraph's Dnr; KS § 47 reports the decision taken on it under delegation.
    answer = shipped.ask(question, today=TODAY)
    assert answer.found and (answer.step.body, answer.step.meeting_date, answer.step.paragraph) == ("KS", "2024-03-12", "47")
    assert any("KS 2024/88" in sentence for sentence in answer.summary)
    assert not shipped.ask("KS 2024/89", today=TODAY).found


def test_a_property_designation_picks_its_own_paragraph(tmp_path):
    index_protocols(tmp_path, {
        f"bmn-{date}.txt": ("Bygg- och miljönämnden", date, [
            (number, f"Bygglov för nybyggnad av garage, Lunda {unit}", f"BMN 2023/{number}", "Nämnden beviljar bygglov."),
        ])
        for date, number, unit in (("2024-05-14", 40, "3:14"), ("2023-05-16", 41, "3:1"))
    })
    with Engine(tmp_path / "ix") as e:
        for unit in ("3:1", "3:14"):
            answer = e.ask(f"Vad hände med bygglovet för Lunda {unit}?", today=TODAY)
            assert answer.found and answer.title.endswith(f"Lunda {unit}")


def test_a_property_named_keeps_the_answer_on_its_paragraph(tmp_path):
    # The other paragraph meets all of the words, but not the property the question names.
    index_protocols(tmp_path, {
        "bmn-2025-03-18.txt": ("Bygg- och miljönämnden", "2025-03-18", [
            (33, "Ansökan om strandskyddsdispens för brygga, Lövö 1:45", "BMN 2025/102", "Nämnden avslår ansökan om dispens."),
        ]),
        "kun-2025-05-20.txt": ("Kulturnämnden", "2025-05-20", [
            (42, "Bidrag till bryggor på Lövö", "KUN 2025/12", "Nämnden beviljar bidrag till bryggor och båtklubbar på Lövö."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        answer = e.ask("Fick bryggan på Lövö 1:45 bidrag?", today=TODAY)
    assert answer.found and answer.title.endswith("Lövö 1:45")


def test_a_party_asked_about_picks_the_step_where_it_spoke(tmp_path):
    index_protocols(tmp_path, {
        "ks-2024-10-01.txt": ("Kommunstyrelsen", "2024-10-01", [
            (144, "Delårsrapport januari–augusti 2024", "KS 2024/301",
             "Kommunstyrelsen föreslår kommunfullmäktige besluta att godkänna delårsrapporten.\n\n"
             "Protokollsanteckning\nNadia Haddad (V) lämnar en protokollsanteckning om att underskottet inte får lösas genom neddragningar."),
        ]),
        "kf-2024-10-28.txt": ("Kommunfullmäktige", "2024-10-28", [
            (90, "Delårsrapport januari–augusti 2024", "KS 2024/301", "Kommunfullmäktige godkänner delårsrapporten."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        answer = e.ask("What did the Left Party say about the interim report?", today=TODAY)
        plain = e.ask("What happened to the interim report?", today=TODAY)
    assert answer.hits[0].paragraph == "144" and any("Haddad" in n for n in answer.notes)
    assert plain.hits[0].paragraph == "90"


def test_a_step_filed_under_a_paragraphs_second_case_number_is_in_its_matter(tmp_path):
    index_protocols(tmp_path, {
        "bun-2018-09-18.txt": ("Barn- och utbildningsnämnden", "2018-09-18", [
            (43, "Yttrande över motion om avgiftsfri skollunch under sommarlovet", "BUN 2018/41, KS 2018/102",
             "Nämnden lämnar yttrande över motionen om avgiftsfri skollunch under sommarlovet, skollunch för alla barn."),
        ]),
        "kf-2018-11-26.txt": ("Kommunfullmäktige", "2018-11-26", [
            (91, "Motion om avgiftsfri skollunch", "KS 2018/102", "Kommunfullmäktige avslår motionen."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        answer = e.ask("Vad hände med motionen om avgiftsfri skollunch under sommarlovet?", today=TODAY)
    assert [s.paragraph for s in answer.timeline] == ["43", "91"]
    assert answer.status == "rejected"


def test_of_two_matters_meeting_every_word_the_one_whose_title_names_them_wins(tmp_path):
    # The later sale recalls the purchase in its text; the question names the purchase.
    index_protocols(tmp_path, {
        "kf-2016-04-25.txt": ("Kommunfullmäktige", "2016-04-25", [
            (15, "Förvärv av fastigheten Byn 1:23", "KS 2016/77", "Kommunfullmäktige beslutar att förvärva fastigheten Byn 1:23."),
        ]),
        "kf-2025-06-16.txt": ("Kommunfullmäktige", "2025-06-16", [
            (54, "Försäljning av del av fastigheten Byn 1:23", "KS 2025/88",
             "Kommunfullmäktige beslutar att sälja del av fastigheten Byn 1:23. Kommunen förvärvade fastigheten "
             "Byn 1:23 år 2016 och förvärvet av fastigheten gav mark för industri."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        bought = e.ask("När förvärvade kommunen fastigheten Byn 1:23?", today=TODAY)
        sold = e.ask("När sålde kommunen fastigheten Byn 1:23?", today=TODAY)
    assert bought.title == "Förvärv av fastigheten Byn 1:23"
    assert sold.title == "Försäljning av del av fastigheten Byn 1:23"


def test_of_two_matters_meeting_as_much_the_one_naming_the_body_asked_about_wins():
    from bot.answer import _best_matter
    from bot.question import understand

    # Karin Sjöberg moved on the fee rules too; the question asks who took her seat in the nämnd.
    question = understand(
        "Vem valdes i socialnämnden efter Karin Sjöberg?", today=TODAY, glossary=GLOSSARY,
        people=frozenset({"karin sjöberg"}), bodies={"SN": "Socialnämnden", "KF": "Kommunfullmäktige"},
    )
    texts = {
        "1": ("Arvoden för förtroendevalda", "Karin Sjöberg (C) yrkar bifall. Ledamöterna valdes 2022."),
        "2": ("Fyllnadsval – ledamot i socialnämnden", "Karin Sjöberg (C) entledigas. Petra Olsson (C) valdes."),
    }
    matters = [[_hit("1", texts["1"][0], ("KS 2023/402",), 10.0)], [_hit("2", texts["2"][0], ("KS 2022/455",), 9.0)]]
    assert question.body == "SN" and not question.body_acts
    assert _best_matter(matters, question, _Paragraphs(texts))[0].doc_id == "2"


def test_a_matter_scored_first_that_meets_no_word_of_the_question_gives_way():
    from bot.answer import _best_matter
    from bot.question import understand

    # Search scored the tanks first on parts of "dricksvatten"; the situation report, far
    # below, is the one that speaks of the drinking water.
    question = understand("Vad rapporterade nämnden om dricksvattnet?", today=TODAY, glossary=GLOSSARY)
    texts = {
        "3": ("Nödvattenförsörjning", "Nämnden hyr in fyra nödvattentankar."),
        "2": ("Lägesbild", "Provtagningen visade bakterier i dricksvattnet."),
    }
    matters = [[_hit("3", texts["3"][0], ("KS 2024/140",), 15.0)], [_hit("2", texts["2"][0], (), 10.0)]]
    assert _best_matter(matters, question, _Paragraphs(texts))[0].doc_id == "2"
    # One that meets a word of it keeps its place: the other is no rival so far below.
    texts["3"] = ("Nödvattenförsörjning", "Nämnden hyr in tankar för dricksvattnet.")
    assert _best_matter(matters, question, _Paragraphs(texts))[0].doc_id == "3"


def test_a_place_along_which_something_is_asked_about_must_be_the_paragraphs(tmp_path):
    index_protocols(tmp_path, {
        "tn-2024-05-14.txt": ("Tekniska nämnden", "2024-05-14", [
            (43, "Gatubelysning längs Ringvägen", "TN 2024/31", "Nämnden beslutar att byta gatubelysningen längs Ringvägen till LED."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        assert not e.ask("När beslutade nämnden om gatubelysningen längs Storgatan?", today=TODAY).found
        assert e.ask("När beslutade nämnden om gatubelysningen längs Ringvägen?", today=TODAY).found


def test_a_count_asked_of_a_meeting_picks_its_decision_that_gives_it(tmp_path):
    # One meeting, several decisions under one case number: the time points at the meeting,
    # the count at the decision.
    index_protocols(tmp_path, {
        "kln-2024-01-12.txt": ("Krisledningsnämnden", "2024-01-12", [
            (1, "Krisledningsnämndens inträde med anledning av stormen", "KS 2024/9", "Nämnden träder i funktion med anledning av stormen."),
            (2, "Lägesbild efter stormen", "KS 2024/9", "Nämnden noterar informationen. Cirka 4 800 hushåll saknar el efter stormen."),
            (3, "Trygghetspunkter efter stormen", "KS 2024/9", "Nämnden beslutar att öppna trygghetspunkter efter stormen."),
        ]),
    })
    assert cited(tmp_path, "Hur många hushåll saknade el efter stormen i januari 2024?")[::2] == (True, "2")


def test_an_amount_asked_of_a_meeting_picks_its_decision_that_gives_it(tmp_path):
    index_protocols(tmp_path, {
        "kln-2024-01-12.txt": ("Krisledningsnämnden", "2024-01-12", [
            (1, "Krisledningsnämndens inträde med anledning av stormen", "KS 2024/9", "Nämnden träder i funktion med anledning av stormen."),
            (2, "Trygghetspunkter efter stormen", "KS 2024/9", "Nämnden beslutar att öppna trygghetspunkter efter stormen."),
            (3, "Ekonomisk ram för krisinsatser", "KS 2024/9", "Nämnden beslutar att avsätta 2,5 miljoner kronor för kostnader efter stormen."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        asked = [
            e.ask("Hur mycket pengar avsatte krisledningsnämnden för stormen?", today=TODAY),
            e.ask("How much money did the crisis committee set aside for the storm?", today=TODAY),
        ]
    assert [(a.found, a.hits[0].paragraph) for a in asked] == [(True, "3"), (True, "3")]


def test_who_replaced_someone_is_the_paragraph_naming_them_not_an_election_of_deputies(tmp_path):
    index_protocols(tmp_path, {
        "kf-2022-12-12.txt": ("Kommunfullmäktige", "2022-12-12", [
            (153, "Val av ledamöter och ersättare i kultur- och fritidsnämnden", "KS 2022/301",
             "Till ledamöter väljs Karin Ek (M) och Olle Sjögren (S). Till ersättare väljs Per Lind (M) och Eva Ås (S)."),
        ]),
        "kf-2024-04-22.txt": ("Kommunfullmäktige", "2024-04-22", [
            (45, "Avsägelse och fyllnadsval – Karin Ek (M)", "KS 2024/131",
             "Karin Ek (M) entledigas från uppdraget. Viktor Lund (M) väljs till ny ledamot i kultur- och fritidsnämnden."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        answer = e.ask("Vem ersatte Karin Ek i kultur- och fritidsnämnden?", today=TODAY)
    assert answer.found and answer.step.paragraph == "45"


def test_a_year_asked_about_admits_the_report_of_that_year_adopted_the_year_after(tmp_path):
    index_protocols(tmp_path, {
        "ofn-2025-02-11.txt": ("Överförmyndarnämnden", "2025-02-11", [
            (2, "Verksamhetsberättelse 2024", "ÖFN 2025/3",
             "Nämnden godkänner verksamhetsberättelsen. Under året hade nämnden tillsyn över 612 ställföreträdarskap."),
        ]),
        "bmn-2024-03-21.txt": ("Bygg- och miljönämnden", "2024-03-21", [
            (32, "Tillsynsplan för miljö- och hälsoskydd", "BMN 2024/12", "Nämnden fastställer tillsynsplanen för 2024."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        about = e.ask("Hur många ställföreträdarskap hade nämnden tillsyn över under 2024?", today=TODAY)
        decided = e.ask("Vilka ställföreträdarskap beslutades under 2024?", today=TODAY)
    assert about.found and about.step.title == "Verksamhetsberättelse 2024"
    # Asked what was decided in the year, the report adopted in 2025 is none of it.
    assert not (decided.found and decided.step.meeting_date.startswith("2025"))


def test_of_two_matters_titled_by_the_question_the_one_that_travelled_under_it_wins(tmp_path):
    # The nämnd's short paragraph on the pool's art scores first; the pool went AU -> KS -> KF.
    pool = "Kommunstyrelsen föreslår att en ny simhall byggs i Kvarnbacken för 412 miljoner kronor. " * 2
    index_protocols(tmp_path, {
        "ksau-2023-09-05.txt": ("Kommunstyrelsens arbetsutskott", "2023-09-05", [
            (89, "Ny simhall i Kvarnbacken – investeringsbeslut", "KS 2023/412", pool),
        ]),
        "ks-2023-09-26.txt": ("Kommunstyrelsen", "2023-09-26", [
            (142, "Ny simhall i Kvarnbacken – investeringsbeslut", "KS 2023/412", pool),
        ]),
        "kf-2023-10-23.txt": ("Kommunfullmäktige", "2023-10-23", [
            (102, "Investering i ny simhall i Kvarnbacken", "KS 2023/412", "Kommunfullmäktige beslutar att bygga en ny simhall. " + pool),
        ]),
        "kfn-2024-09-10.txt": ("Kultur- och fritidsnämnden", "2024-09-10", [
            (57, "Konstnärlig gestaltning i nya simhallen", "KFN 2024/48", "Nämnden avsätter 1 procent till konst i simhallen."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        answer = e.ask("Vad blev det med simhallen i slutändan?", today=TODAY)
    assert answer.found and answer.step.case_numbers == ("KS 2023/412",)


def test_a_person_named_in_a_decision_leads_what_the_other_words_alone_meet(tmp_path):
    # "lämna" and "uppdrag" fill the network matter; he is named only in the decision.
    network = "Kommunstyrelsen föreslår att lämna nätverket och ger kommundirektören i uppdrag att lämna ett förslag. "
    index_protocols(tmp_path, {
        "ks-2024-03-12.txt": ("Kommunstyrelsen", "2024-03-12", [
            (50, "Förslag om att lämna nätverket för kulturkommuner", "KS 2023/95", network * 3),
        ]),
        "kf-2023-11-20.txt": ("Kommunfullmäktige", "2023-11-20", [
            (106, "Avsägelse och fyllnadsval – ersättare i bygg- och miljönämnden", "KS 2023/15",
             "Kommunfullmäktige beviljar Emil Sandström (M) befrielse från uppdraget som ersättare. "
             "Kommunfullmäktige väljer Sanna Holm (M) till ny ersättare."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        answer = e.ask("Varför lämnade Emil Sandström (M) sitt uppdrag?", today=TODAY)
    assert answer.found and answer.step.paragraph == "106"


def test_a_party_asked_about_leads_to_where_it_spoke_under_another_case_number(tmp_path):
    preschool = "Stadsfullmäktige beslutar att bygga förskolan i Rosendal. Förskolan i Rosendal får åtta avdelningar. "
    index_protocols(tmp_path, {
        "kf-2023-05-22.txt": ("Kommunfullmäktige", "2023-05-22", [
            (88, "Ny förskola i Rosendal", "KS 2023/41", preschool * 3),
        ]),
        "sdn-2023-03-14.txt": ("Stadsdelsnämnden Östra", "2023-03-14", [
            (13, "Yttrande om förskola i Rosendal", "SDN 2023/41",
             "Nämnden tillstyrker förskolan.\nProtokollsanteckning\nMikael Ståhl (V) anser att förskolan borde ha tio avdelningar."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        answer = e.ask("What did the Left Party say about the Rosendal preschool?", today=TODAY)
        # A hint as strong as a body's: it lifts the nämnd's step into the matters weighed.
        parsed = build_search(e.understand("What did the Left Party say about the Rosendal preschool?", today=TODAY))
    assert answer.found and answer.step.paragraph == "13"
    assert ("party", "v", _BODY_FACTOR) in parsed.prefer


def test_a_property_no_paragraph_names_is_answered_as_such_with_the_closest_matches(tmp_path):
    index_protocols(tmp_path, {
        "kf-2025-06-16.txt": ("Kommunfullmäktige", "2025-06-16", [
            (54, "Försäljning av del av fastigheten Byn 1:23", "KS 2025/88", "Kommunfullmäktige beslutar att sälja fastigheten Byn 1:23."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        asked = e.ask("Sålde kommunen fastigheten Byn 1:24?", today=TODAY)
        named = e.ask("Sålde kommunen fastigheten Byn 1:23?", today=TODAY)
    assert not asked.found and asked.unstated == "property" and asked.set_aside == (("property", "Byn 1:24"),)
    assert asked.hits[0].title == "Försäljning av del av fastigheten Byn 1:23"
    assert render_text(asked).startswith("Ingen paragraf i protokollen nämner fastigheten Byn 1:24.")
    assert asked.to_json()["unstated"] == "property"
    assert named.found and named.set_aside == ()


def test_a_property_typed_without_accents_is_the_one_the_minutes_name(tmp_path):
    index_protocols(tmp_path, {
        "bmn-2023-09-26.txt": ("Bygg- och miljönämnden", "2023-09-26", [
            (63, "Föreläggande om avlopp, Västerby 2:7", "BMN 2023/88", "Nämnden förelägger ägaren till Västerby 2:7 att åtgärda avloppet."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        answer = e.ask("nar maste agaren till vasterby 2:7 ha fixat avloppet", today=TODAY)
    assert answer.found and answer.step.paragraph == "63" and answer.set_aside == ()


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        # The order of voting in two sentences, over a line break.
        ("Den som vill att ärendet avgörs i dag röstar ja. Den som vill att ärendet\nåterremitteras röstar nej.\n",
         "Den som vill att ärendet avgörs i dag röstar ja. Den som vill att ärendet återremitteras röstar nej."),
        # Each side's list of voters named by what it voted for.
        ("Ja för förvaltningens förslag: Eva Berg (S). Nej för Leif Granats (SD)\nyrkande: Leif Granat (SD).\n",
         "Ja för förvaltningens förslag, nej för Leif Granats (SD) yrkande"),
        # Spaced out by PDF text.
        ("Ja-röst  för  bifall,  nej-röst  för  avslag.  ", "Ja-röst för bifall, nej-röst för avslag."),
    ],
)
def test_what_a_yes_and_a_no_meant_is_read_in_the_forms_minutes_use(text, meaning):
    count = "Med 6 ja-röster mot 7 nej-röster beslutar nämnden enligt förslaget."
    vote = Vote(6, 7, 0, count)
    paragraph = Paragraph("§ 1", "1", "Riktlinjer", text=f"§ 1 Riktlinjer\nOmröstning\n{text}{count}", votes=(vote,))
    assert vote_meanings(paragraph) == (meaning,)


def test_an_answer_shows_the_votes_with_what_they_were_for_and_the_reservations(shipped):
    answer = shipped.ask("Who voted against the solar panel motion?", today=TODAY)
    assert [(v.yes, v.no, v.abstain) for v in answer.votes] == [(25, 24, 2)]
    assert answer.vote_meanings == ("Ja-röst för kommunstyrelsens förslag, nej-röst för bifall till motionen.",)
    assert any("reserverar sig" in r for r in answer.reservations)
    assert any(m.person == "Henrik Dahl" and m.party == "M" for m in answer.motions)
    text = " ".join(render_text(answer).split())
    assert "Votes: 25 yes, 24 no, 2 abstained (Ja-röst för kommunstyrelsens förslag, nej-röst för bifall till motionen.)" in text
    assert "Reservations: Ledamöterna för Moderaterna" in text
    assert "Henrik Dahl (M): yrkar bifall till motionen." in text
    data = answer.to_json()["answer"]
    assert data["votes"][0]["meaning"].startswith("Ja-röst") and data["reservations"]


def test_each_vote_gets_the_order_of_voting_put_before_it(shipped):
    answer = shipped.ask("Hur röstade fullmäktige om budgeten 2024?", today=TODAY)
    assert [(v.yes, v.no) for v in answer.votes] == [(12, 10), (27, 22)]
    first, second = answer.vote_meanings
    assert "Sverigedemokraternas förslag" in first and "nej-röst för Moderaternas" in second


def test_other_matches_are_other_matters(shipped):
    # The cycle-plan matter's case number is printed two ways, so search meets it twice.
    answer = shipped.ask("Who proposed the cycle plan?", today=TODAY)
    assert answer.found and answer.others
    assert not {o.doc_id for o in answer.others} & {s.doc_id for s in answer.timeline}


def test_two_english_words_find_the_swedish_compound(shipped):
    # "cycle plan" is "cykelplan": not the lighting along a cycle path.
    answer = shipped.ask("What happened to the cycle plan?", today=TODAY)
    assert answer.found and "cykelplan" in answer.step.title


def test_what_a_body_dealt_with_on_a_day_is_that_meeting(shipped):
    answer = shipped.ask("Vilka ärenden behandlade kommunstyrelsen den 31 oktober 2023?", today=TODAY)
    assert answer.found and (answer.step.body, answer.step.meeting_date) == ("KS", "2023-10-31")
    # The whole meeting, in the minutes' order, and none of it again among the other matches.
    assert [h.paragraph for h in answer.agenda] == [str(n) for n in range(191, 200)]
    assert {(h.body, h.meeting_date) for h in answer.agenda} == {("KS", "2023-10-31")}
    assert not set(answer.agenda) & set(answer.others)
    text = render_text(answer)
    assert "Sammanträdets paragrafer:\n  § 191  Val av justerare" in text
    assert "  § 197  Ny parkeringsnorm för Ekbacka kommun — Bordlagt av kommunstyrelsen" in text
    assert [a["paragraph"] for a in answer.to_json()["answer"]["agenda"]][:2] == ["191", "192"]
    # A subject asked about is one matter, not a meeting.
    assert not shipped.ask("Vad beslutade kommunstyrelsen om parkeringsnormen den 31 oktober 2023?", today=TODAY).agenda


def test_what_a_body_decided_is_its_latest_meeting(shipped):
    answer = shipped.ask("Vad beslutade kommunstyrelsen?", today=TODAY)
    assert answer.found and answer.step.body == "KS"
    latest = max(h.meeting_date for h in shipped.ask("kommunstyrelsen", today=TODAY).hits if h.body == "KS")
    assert {(h.body, h.meeting_date) for h in answer.agenda} == {("KS", latest)}
    assert answer.step.doc_id in {h.doc_id for h in answer.agenda} and len(answer.agenda) > 1


SPORT = Glossary([
    Entry(("sports hall",), ("idrottshall", "sporthall"), "culture"),
    Entry(("dog park",), ("djur", "hundrastgård"), "environment"),
    Entry(("renovation",), ("renovering", "ombyggnad"), "property"),
    Entry(("staff shortage",), ("personalbrist", "kompetensbrist"), "staff"),
])


@pytest.mark.parametrize(
    ("question", "text", "declined"),
    [
        # The place is there, the thing asked about is not.
        ("Har kommunen beslutat om en ny idrottshall i Ängsby?", "Förändrad skolorganisation i Ängsby. Skolan i Ängsby läggs ned.", True),
        ("What did the council decide about a new sports hall in Ängsby?", "Förändrad skolorganisation i Ängsby.", True),
        # The thing is there: an answer, wherever it is.
        ("Har kommunen beslutat om en ny idrottshall i Ängsby?", "En ny idrottshall byggs i Lunda.", False),
        # A word the glossary does not know may be a paraphrase of what is there ("dagis" of a
        # förskola): search's ranking decides, not this.
        ("Hur blev det med dagiset i Norrbacka?", "Ny förskola i Norrbacka.", False),
        # A synonym met only as part of a compound still meets the concept.
        ("Where does the proposal for a dog park in Kvarnparken stand?", "Medborgarförslag om hundrastgård i Kvarnparken.", False),
        # Something asked about besides the place is met ("skolorganisation" of the question).
        ("Vad hände med skolorganisationen och idrottshallen i Ängsby?", "Förändrad skolorganisation i Ängsby.", False),
        # A building named after the preposition is the thing asked about, not a place.
        ("Vad kostar renoveringen i Folkets hus?", "Bidrag till Folkets hus. Huset byggs om för 4,6 miljoner kronor.", False),
        # A common noun after it is no place either: the place is a name.
        ("Hur stor är personalbristen i elevhälsan?", "Elevhälsan har svårt att rekrytera skolpsykolog.", False),
        # Common words alone ("kommunen", "ny") meet nothing asked about either.
        ("Har kommunen beslutat om en ny idrottshall?", "Kommunen inför en ny skolorganisation.", True),
    ],
)
def test_an_answer_must_meet_what_is_asked_not_only_where(question, text, declined):
    from bot.question import understand
    from index.records import Paragraph

    asked = understand(question, today=TODAY, glossary=SPORT)
    topical = frozenset(c.source for c in asked.concepts if is_topical(c, SPORT))
    paragraph = Paragraph(number="§ 5", number_norm="5", title=text.split(".")[0], text=text)
    assert only_where(asked, paragraph, topical) is declined


def test_a_question_about_a_place_is_still_answered_by_it(tmp_path):
    ix = index_protocols(tmp_path, {
        "bun.txt": ("Barn- och utbildningsnämnden", "2024-02-06", [
            (5, "Förändrad skolorganisation i Ängsby", "BUN 2024/12", "Ängsby skola läggs ned och eleverna flyttar till Lunda skola."),
            (6, "Ny idrottshall i Lunda", "BUN 2024/13", "Nämnden föreslår en ny idrottshall vid Lunda skola."),
        ]),
    })
    with Engine(ix, glossary=SPORT) as engine:
        placed = engine.ask("Vad har beslutats om skolan i Ängsby?", today=TODAY)
        assert placed.found and placed.step.paragraph == "5"
        elsewhere = engine.ask("Har kommunen beslutat om en ny idrottshall i Lunda?", today=TODAY)
        assert elsewhere.found and elsewhere.step.paragraph == "6"


def test_an_answer_meeting_only_the_place_is_declined(tmp_path):
    ix = index_protocols(tmp_path, {
        "bun.txt": ("Barn- och utbildningsnämnden", "2024-02-06", [
            (5, "Förändrad skolorganisation i Ängsby", "BUN 2024/12",
             "Ängsby skola läggs ned. Eleverna i Ängsby flyttar till Lunda skola. Föräldrar i Ängsby har hörts."),
            (6, "Taxor för uthyrning av lokaler", "BUN 2024/13",
             "Taxorna gäller för klassrum, matsalar, aulor och gymnastiksalar i alla skolor, och för en idrottshall "
             "när föreningar hyr den kvällstid. Taxorna räknas upp med konsumentprisindex varje år."),
        ]),
    })
    with Engine(ix, glossary=SPORT) as engine:
        # Ängsby is half of what is asked, enough coverage: the hall is the half missing.
        answer = engine.ask("Vad hände med idrottshallen i Ängsby?", today=TODAY)
        assert not answer.found and answer.coverage == pytest.approx(0.5, abs=0.1)
        assert answer.hits[0].paragraph == "5"  # the closest match, offered as such


def test_a_short_glossary_word_met_is_a_thing_asked_about():
    from bot.question import understand
    from index.records import Paragraph

    glossary = Glossary([Entry(("electricity",), ("el",), "energy"), Entry(("swimming pool",), ("badhus",), "culture")])
    asked = understand("Vad kostar el till badhuset i Lunda?", today=TODAY, glossary=glossary)
    topical = frozenset(c.source for c in asked.concepts if is_topical(c, glossary))
    assert {"el", "badhuset"} <= topical
    paragraph = Paragraph(number="§ 5", number_norm="5", title="Elpriset", text="Priset på el i Lunda har stigit.")
    # "el" is met: the paragraph is about something the question asks, not only about Lunda.
    assert only_where(asked, paragraph, topical) is False


@pytest.mark.parametrize(
    ("question", "language", "places"),
    [
        ("Har kommunen beslutat om en ny idrottshall i Ängsby?", "sv", {"ängsby"}),
        ("blir det trängsel på förskolorna i Norrbacka?", "sv", {"förskolorna", "norrbacka"}),
        ("What about a new sports hall in the Ängsby district?", "en", set()),  # "district" goes on
        ("What did the council decide about a hall in the Ängsby?", "en", {"ängsby"}),
        ("Vad kostar renoveringen i Folkets hus?", "sv", set()),
        ("läggs skolan i stensjö ner", "sv", {"stensjö"}),  # a verb's particle ends the phrase
        # The English "I" is no Swedish "i"; Swedish prepositions only in Swedish.
        ("Can I build a shed near the lake?", "en", {"lake"}),
        ("Kan man bygga en bod in Lunda?", "sv", set()),
    ],
)
def test_places_are_words_a_preposition_of_place_puts_at_the_end_of_a_phrase(question, language, places):
    from bot.answer import _places_in

    assert _places_in(question, language) == places


def test_how_a_named_member_voted_is_in_the_answer(tmp_path):
    from .test_parser import ROLL_CALL

    minutes = tmp_path / "minutes"
    minutes.mkdir()
    table = "Ja: Bengt Sjöholm (M), Kent Åhman (SD)\nNej: Lina Kvist (S)\nAvstår: Ulla Nordqvist (L)\n"
    (minutes / "kf.txt").write_text(ROLL_CALL.format(table=table), encoding="utf-8")
    update_index(minutes, tmp_path / "ix")
    with Engine(tmp_path / "ix") as engine:
        answer = engine.ask("Hur röstade Ulla Nordqvist om badkorten?", today=TODAY)
        assert answer.found and [(b.person, b.choice) for b in answer.ballots] == [("Ulla Nordqvist", "avstår")]
        assert "Ulla Nordqvist (L) avstod" in render_text(answer)
        english = engine.ask("How did Lina Kvist vote on the free swim cards?", today=TODAY)
        assert english.to_json()["answer"]["ballots"] == [{"person": "Lina Kvist", "party": "S", "choice": "nej"}]
        assert "Lina Kvist (S) voted no" in render_text(english)
        # Nobody named: the count alone.
        assert engine.ask("Hur röstade fullmäktige om badkorten?", today=TODAY).ballots == ()
        # A party named, or a choice asked about: its members', who made it.
        party = engine.ask("How did the Sweden Democrats vote on the free swim cards?", today=TODAY)
        assert [(b.person, b.choice) for b in party.ballots] == [("Kent Åhman", "ja")]
        abstained = engine.ask("Which councillor abstained in the vote on the swim cards?", today=TODAY)
        assert [(b.person, b.choice) for b in abstained.ballots] == [("Ulla Nordqvist", "avstår")]
        against = engine.ask("Vilka röstade emot badkorten?", today=TODAY)
        assert [(b.person, b.choice) for b in against.ballots] == [("Lina Kvist", "nej")]


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Vad kostar ombyggnaden av simhallen?", True),
        ("hur mycket höjdes bygglovstaxan inför 2024", True),
        ("Hur stort vite blev det för avloppet?", True),
        ("hur stor investeringsram godkändes för förskolan", True),
        ("Vad kommer den nya skolan att kosta?", True),
        ("How much did the new reserve water source cost?", True),
        ("What did the sports hall cost?", True),
        ("Hur många elever går i Lunda skola?", False),  # a count, not an amount
        ("Vad beslutade fullmäktige om kostnaderna för simhallen?", False),  # the decision is asked
        ("What was decided about energy costs?", False),
        ("Hur stor är nämnden?", False),
    ],
)
def test_a_question_asking_for_an_amount(question, asks):
    from bot.answer import _asks_amount
    from bot.question import understand

    assert _asks_amount(understand(question, today=TODAY, glossary=Glossary([]))) is asks


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("Investeringsramen fastställs till 12,5 mnkr.", True),
        ("Bidraget är 450 000 kronor.", True),
        ("Taxan höjs med 3 procent från den 1 januari 2024.", True),
        ("Förbrukningen minskade med 120 MWh.", True),
        ("Kostnaden beräknas till en halv miljon.", True),
        ("The grant is SEK 2.4 million.", True),
        ("Ombyggnaden av simhallen är försenad och beräknas starta 2025.", False),
        ("Ärendet återremitteras för en kostnadsberäkning, se KS 2024/112 § 14.", False),
        ("Sammanträdet hölls den 12 mars 2024 kl. 13.00 i sal 3.", False),
    ],
)
def test_a_paragraph_giving_an_amount(text, holds):
    from bot.answer import holds_amount
    from index.records import Paragraph

    assert holds_amount(Paragraph(number="§ 1", number_norm="1", title="Ärende", text=text)) is holds


def test_a_matter_whose_minutes_give_no_amount_does_not_answer_what_it_cost(tmp_path):
    ix = index_protocols(tmp_path, {
        "ks.txt": ("Kommunstyrelsen", "2024-03-12", [
            (10, "Ombyggnad av simhallen", "KS 2024/40",
             "Ombyggnaden av simhallen i Lunda är försenad. Arbetet beräknas starta hösten 2025."),
            (11, "Ny förskola i Norrbacka", "KS 2024/41",
             "Kommunstyrelsen beviljar en investeringsram om 48 miljoner kronor för en ny förskola i Norrbacka."),
        ]),
    })
    with Engine(ix) as engine:
        unstated = engine.ask("Vad kostar ombyggnaden av simhallen?", today=TODAY)
        assert not unstated.found and unstated.unstated == "amount"
        assert unstated.hits[0].paragraph == "10"  # the matter, offered as the closest
        assert "inget belopp" in render_text(unstated)
        stated = engine.ask("Vad kostar den nya förskolan i Norrbacka?", today=TODAY)
        assert stated.found and stated.step.paragraph == "11" and not stated.unstated
        asked_otherwise = engine.ask("Vad hände med ombyggnaden av simhallen?", today=TODAY)
        assert asked_otherwise.found and asked_otherwise.step.paragraph == "10"


def test_a_body_without_minutes_ends_the_search_only_when_it_is_said_to_have_acted(tmp_path):
    # The archive has no minutes of the social services or of an överförmyndarnämnd; the
    # council elected the one and decided on the other.
    ix = index_protocols(tmp_path, {
        "kf.txt": ("Kommunfullmäktige", "2025-02-17", [
            (24, "Gemensam överförmyndarnämnd med Sölje kommun", "KS 2024/30",
             "Kommunfullmäktige beslutar att bilda en gemensam överförmyndarnämnd med Sölje kommun från 2026."),
            (25, "Fyllnadsval av ersättare i socialnämnden", "KS 2024/31",
             "Kommunfullmäktige väljer Anna Berg (S) till ersättare i socialnämnden efter Leif Strömberg."),
            (26, "Budget för 2026", "KS 2024/32", "Kommunfullmäktige fastställer budgeten för 2026."),
        ]),
    })
    with Engine(ix) as engine:
        for question, paragraph in (
            ("vem ersätter leif strömberg i socialnämnden", "25"),
            ("ska ekbacka ha gemensam överförmyndarnämnd med sölje", "24"),
        ):
            answer = engine.ask(question, today=TODAY)
            assert answer.found and (answer.step.body, answer.step.paragraph) == ("KF", paragraph), question
        for acted in ("Vad beslutade socialnämnden om budgeten?", "Vem röstade emot budgeten i socialnämnden?"):
            assert not engine.ask(acted, today=TODAY).found, acted


def test_a_municipality_typed_in_lower_case_is_no_place_the_answer_must_name(tmp_path):
    # The social services' paragraph never names its own town.
    ix = index_protocols(tmp_path, {
        "sn.txt": ("Socialnämnden", "2024-11-19", [
            (91, "Avgift för trygghetslarm", "SN 2024/46",
             "Avgiften för trygghetslarm höjs till 250 kronor per månad från den 1 april 2025."),
        ], "Åsviks kommun"),
        "kf.txt": ("Kommunfullmäktige", "2024-11-25", [
            (17, "Ungdomsråd", "KS 2024/50", "Kommunfullmäktige beslutar att inrätta ett ungdomsråd i Åsvik."),
        ], "Åsviks kommun"),
    })
    with Engine(ix) as engine:
        for question in ("vad kostar trygghetslarmet i åsvik från april", "vad kostar trygghetslarmet i asvik"):
            answer = engine.ask(question, today=TODAY)
            assert answer.found and (answer.step.body, answer.step.paragraph) == ("SN", "91"), question


def test_a_region_is_named_with_or_without_the_word_region(tmp_path):
    ix = index_protocols(tmp_path, {
        "rf.txt": ("Regionfullmäktige", "2024-11-26", [
            (96, "Skattesats för 2025", "RS 2024/412", "Regionfullmäktige fastställer skattesatsen till 11,50 kronor."),
        ], "Region Norrhav"),
        "kf.txt": ("Kommunfullmäktige", "2024-11-25", [
            (17, "Ungdomsråd", "KS 2024/50", "Kommunfullmäktige beslutar att inrätta ett ungdomsråd."),
            (18, "Skattesats för 2025", "KS 2024/51", "Kommunfullmäktige fastställer skattesatsen till 21,90 kronor."),
        ], "Åsviks kommun"),
    })
    with Engine(ix) as engine:
        assert set(engine.index.known_municipalities()) == {"region norrhav", "åsviks"}
        for question in ("vad blir skattesatsen i norrhav?", "Vilken skattesats beslutade Region Norrhav?"):
            answer = engine.ask(question, today=TODAY)
            assert answer.found and (answer.step.body, answer.step.paragraph) == ("RF", "96"), question
        # Only Åsvik decided on a youth council.
        assert not engine.ask("vad har region norrhav beslutat om ungdomsråd", today=TODAY).found


def test_a_step_joined_to_the_matter_by_its_title_is_in_its_timeline(tmp_path):
    # The council printed no case number it could be read by; the matter's latest step is
    # still its decision, not the committee's proposal found by the case number.
    index_protocols(tmp_path, {
        "ksau.txt": ("Kommunstyrelsens arbetsutskott", "2024-02-14", [
            (15, "Motion om gratis busskort för pensionärer", "KS 2024/318",
             "Arbetsutskottet föreslår kommunstyrelsen att avslå motionen om gratis busskort för pensionärer."),
        ]),
        "kf.txt": ("Kommunfullmäktige", "2024-03-27", [
            (24, "Motion om gratis busskort för pensionärer", "saknas", "Kommunfullmäktige avslår motionen."),
            (25, "Motion om gratis parkering", "saknas", "Kommunfullmäktige avslår motionen."),
        ]),
        "sjobacka.txt": ("Kommunfullmäktige", "2024-05-02", [
            (8, "Motion om gratis busskort för pensionärer", "saknas", "Motionen bifalls."),
        ], "Sjöbacka kommun"),
    })
    with Engine(tmp_path / "ix", scope=("Ekbacka kommun",)) as engine:
        answer = engine.ask("Blir det gratis busskort för pensionärer?", today=TODAY)
    assert answer.found and (answer.step.body, answer.step.paragraph, answer.status) == ("KF", "24", "rejected")
    # Oldest first, each step once; neither another motion nor another town's joins it.
    assert [(s.body, s.paragraph) for s in answer.timeline] == [("KSAU", "15"), ("KF", "24")]


def test_case_numbers_printed_the_old_ways_are_one_matter(tmp_path):
    index_protocols(tmp_path, {
        "ks.txt": ("Kommunstyrelsen", "2006-03-07", [
            (47, "Detaljplan för Norrmyren", "KS 06/45", "Kommunstyrelsen föreslår kommunfullmäktige att anta planen."),
        ]),
        "kf.txt": ("Kommunfullmäktige", "2006-03-27", [(22, "Detaljplan för Norrmyren", "2006.045", "Planen antas.")]),
    })
    with Engine(tmp_path / "ix") as engine:
        for typed in ("What is the status of KS 2006/45?", "Vad hände med Dnr 2006.045?"):
            answer = engine.ask(typed, today=TODAY)
            assert [(s.body, s.paragraph) for s in answer.timeline] == [("KS", "47"), ("KF", "22")], typed
            assert (answer.step.body, answer.status) == ("KF", "decided"), typed


def test_a_matter_near_the_first_wins_when_the_first_meets_only_where_it_is_asked_about():
    from bot.answer import _best_matter
    from bot.question import understand

    question = understand("Har kommunen beslutat om en ny idrottshall i Ängsby?", today=TODAY, glossary=SPORT)
    topical = frozenset(c.source for c in question.concepts if is_topical(c, SPORT))
    texts = {
        "1": ("Skolorganisation i Ängsby", "Kommunen beslutar om en ny skolorganisation i Ängsby. Skolan i Ängsby läggs ned."),
        "2": ("Idrottshall", "En idrottshall byggs i Ängsby."),
    }
    matters = [[_hit("1", texts["1"][0], ("KS 2024/1",), 10.0)], [_hit("2", texts["2"][0], ("KS 2024/2",), 8.0)]]
    # The first covers more words, all of them the place and common ones.
    assert _best_matter(matters, question, _Paragraphs(texts))[0].doc_id == "1"
    assert _best_matter(matters, question, _Paragraphs(texts), topical)[0].doc_id == "2"


def cited(tmp_path, question: str) -> tuple[bool, str | None, str | None]:
    """Whether the question is answered from the minutes indexed under `tmp_path`, and the
    body and § of the paragraph the answer cites."""
    with Engine(tmp_path / "ix") as e:
        answer = e.ask(question, today=TODAY)
    first = answer.hits[0] if answer.hits else None
    return answer.found, first and first.body, first and first.paragraph


def test_who_took_a_seat_in_a_nämnd_is_the_councils_election_not_the_nämnds_own(tmp_path):
    # The nämnd elected the person to its working committee; the council elected their
    # successor in the nämnd. Named as where the seat is, the nämnd is not who decided.
    index_protocols(tmp_path, {
        "von-2024-02-20.txt": ("Vård- och omsorgsnämnden", "2024-02-20", [
            (11, "Val av ersättare i arbetsutskottet", "VON 2024/20",
             "Vård- och omsorgsnämnden väljer Patrik Sten (S) till ersättare i nämndens arbetsutskott efter Karin Lund (S)."),
        ]),
        "kf-2024-11-25.txt": ("Kommunfullmäktige", "2024-11-25", [
            (122, "Fyllnadsval – ledamot i vård- och omsorgsnämnden", "KS 2024/470",
             "Kommunfullmäktige väljer Yusuf Demir (S) till ny ledamot i vård- och omsorgsnämnden efter Patrik Sten (S)."),
        ]),
    })
    assert cited(tmp_path, "vem valdes in i vård och omsorgsnämnden efter Patrik Sten?") == (True, "KF", "122")


def test_a_year_the_thing_happened_in_yields_to_a_paragraph_of_another_year_meeting_all_of_it(tmp_path):
    index_protocols(tmp_path, {
        "sbn-2023-10-17.txt": ("Samhällsbyggnadsnämnden", "2023-10-17", [
            (47, "Bygglov för nybyggnad av enbostadshus, Lövås 3:9", "SBN 2023/139", "Nämnden avslår ansökan om bygglov."),
        ]),
        "kf-2024-06-17.txt": ("Kommunfullmäktige", "2024-06-17", [
            (43, "Svar på interpellation om handläggningstider för bygglov", "KS 2024/101",
             "Ordföranden svarar att den genomsnittliga handläggningstiden för bygglov 2023 var 9,4 veckor. "
             "Interpellationen anses besvarad."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        answer = e.ask("What were the processing times for building permits in 2023?", today=TODAY)
        assert answer.found and (answer.hits[0].body, answer.hits[0].paragraph) == ("KF", "43")
        assert [kind for kind, _ in answer.set_aside] == ["period"]  # and it says so
        # Asked when it was decided, the year holds.
        decided = e.ask("What did the building committee decide about building permits in 2023?", today=TODAY)
        assert decided.found and decided.hits[0].paragraph == "47"


def test_when_a_thing_is_to_be_done_is_told_by_another_item_if_the_matter_never_says(tmp_path):
    # The contribution that pays for the renovation dates only a past loss; the chief
    # executive's report at a later meeting says when the work is done.
    index_protocols(tmp_path, {
        "ks-2024-04-16.txt": ("Kommunstyrelsen", "2024-04-16", [
            (53, "Hamnbolaget – aktieägartillskott", "KS 2024/88",
             "Kommunstyrelsen föreslår kommunfullmäktige att lämna ett aktieägartillskott om 4,5 miljoner kronor "
             "för renoveringen av Östra kajen. Bolaget redovisade en förlust för 2023."),
        ]),
        "ks-2024-10-15.txt": ("Kommunstyrelsen", "2024-10-15", [
            (144, "Informationsärenden", "",
             "Kommundirektören informerar om hamnbolaget. Renoveringen av Östra kajen pågår och ska vara klar i juni 2025. "
             "Kommunstyrelsen tackar för informationen."),
        ]),
    })
    assert cited(tmp_path, "När ska renoveringen av Östra kajen vara klar?")[::2] == (True, "144")


def test_a_subject_named_only_in_the_clause_setting_the_scene_is_no_gap(tmp_path):
    # The minutes speak of bacteria in the water, not of pollution: the tanks are the subject.
    index_protocols(tmp_path, {
        "kln-2024-07-02.txt": ("Krisledningsnämnden", "2024-07-02", [
            (2, "Lägesbild", "KS 2024/140", "Provtagningen visade bakterier i utgående vatten. Nämnden noterar lägesbilden."),
            (3, "Nödvattenförsörjning", "KS 2024/140", "Nämnden beslutar att hyra in fyra nödvattentankar som ställs ut i byarna."),
        ]),
    })
    with Engine(tmp_path / "ix") as e:
        answer = e.ask("hur många nödvattentankar ställdes ut när vattnet var förorenat?", today=TODAY)
        assert answer.found and answer.hits[0].paragraph == "3"
        # Named as the subject, a thing no paragraph names is still a gap.
        assert not e.ask("vad beslutades om föroreningen av vattnet?", today=TODAY).found


def test_when_a_thing_is_to_happen_is_told_by_the_latest_item_that_says_it(tmp_path):
    # The council's decision gave the autumn; the committee's later report moves it.
    index_protocols(tmp_path, {
        "kf-2023-06-12.txt": ("Kommunfullmäktige", "2023-06-12", [
            (51, "Renovering av Björkvallens ishall", "KS 2023/101",
             "Kommunfullmäktige beviljar 48 miljoner kronor för renovering av ishallen. Ishallen ska öppna igen hösten 2024."),
        ]),
        "kfn-2024-10-08.txt": ("Kultur- och fritidsnämnden", "2024-10-08", [
            (62, "Björkvallens ishall – lägesrapport om renoveringen", "KFN 2024/12",
             "Renoveringen av ishallen är försenad. Isen beräknas kunna läggas den 18 november 2024. Nämnden noterar informationen."),
        ]),
    })
    assert cited(tmp_path, "When will the ice rink reopen after the renovation?") == (True, "KFN", "62")


def test_when_a_thing_will_be_ready_is_told_by_when_it_is_done_not_by_when_work_starts(tmp_path):
    index_protocols(tmp_path, {
        "ks-2024-03-19.txt": ("Kommunstyrelsen", "2024-03-19", [
            (38, "Särskilt boende Storbrån – investering", "KS 2024/55",
             "Kommunstyrelsen föreslår kommunfullmäktige att bevilja investeringen. Ett särskilt boende i Storbrån "
             "beräknas vara klart för inflyttning hösten 2027."),
        ]),
        "kf-2024-04-15.txt": ("Kommunfullmäktige", "2024-04-15", [
            (26, "Särskilt boende Storbrån – investering", "KS 2024/55",
             "Kommunfullmäktige beviljar 118 miljoner kronor för ett särskilt boende i Storbrån. "
             "Kommunstyrelsen får i uppdrag att påbörja upphandlingen under 2024."),
        ]),
    })
    assert cited(tmp_path, "When will the Storbrån care home be ready?") == (True, "KS", "38")


def test_will_and_ready_are_how_a_when_question_is_asked_not_what_it_is_about(tmp_path):
    # Only the dog park is the subject: "will" is a modal verb, "ready" what a when-question
    # asks of it (the minutes' "klar").
    index_protocols(tmp_path, {
        "ksau-2024-10-01.txt": ("Kommunstyrelsens arbetsutskott", "2024-10-01", [
            (123, "Medborgarförslag om hundrastgård i centrum", "KS 2024/301",
             "Arbetsutskottet föreslår kommunstyrelsen att bifalla medborgarförslaget."),
        ]),
        "ks-2025-02-04.txt": ("Kommunstyrelsen", "2025-02-04", [
            (14, "Medborgarförslag om hundrastgård i centrum", "KS 2024/301",
             "Kommunstyrelsen bifaller medborgarförslaget. Hundrastgården anläggs i parken och ska vara klar i maj 2025."),
        ]),
    })
    assert cited(tmp_path, "When will the dog park be ready?") == (True, "KS", "14")


def test_a_chat_abbreviation_of_the_chair_finds_the_election(tmp_path):
    index_protocols(tmp_path, {
        "kf-2024-05-20.txt": ("Kommunfullmäktige", "2024-05-20", [
            (44, "Avsägelse och val av ordförande i miljö- och hälsoskyddsnämnden", "KS 2024/160",
             "Kommunfullmäktige väljer Elin Forsberg (C) till ordförande i miljö- och hälsoskyddsnämnden."),
            (45, "Ny översiktsplan – information", "KS 2024/12", "Kommunfullmäktige noterar informationen."),
        ]),
    })
    assert cited(tmp_path, "vem blev ny ordf i miljö- och hälsoskyddsnämnden") == (True, "KF", "44")
