"""Search on a real index built from small protocols and the seed."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.indexer import update_index
from index.search import (
    Filters,
    InvalidFilter,
    MinutesIndex,
    ParsedQuery,
    Vocabulary,
    build_query,
    parse_filters,
    parse_query,
)


@pytest.fixture
def ix(minutes_dir, tmp_path):
    update_index(minutes_dir, tmp_path / "ix")
    with MinutesIndex(tmp_path / "ix") as index:
        yield index


@pytest.mark.parametrize("query", ["vänort", "vänorter", "vänortsavtal", "vanort", "VÄNORTSSAMARBETET"])
def test_compounds_and_folding_find_the_seed(ix, query):
    hits = ix.search(query)
    assert (hits[0].body, hits[0].meeting_date, hits[0].paragraph) == ("KSAU", "2024-02-21", "21")


@pytest.mark.parametrize("case", ["KS 2022/1011", "KS-2022/1011.107", "Dnr KS 2022/1011-107", "ks.2022.1011", "2022/1011"])
def test_case_in_any_style(ix, case):
    hits = ix.case(case)
    assert [(h.paragraph, h.status, h.next_body) for h in hits] == [("21", "forwarded", "KS")]


def test_case_follows_a_matter_across_bodies_in_date_order(ix):
    hits = ix.case("KS 2024/100")
    assert [(h.body, h.meeting_date, h.status) for h in hits] == [
        ("KS", "2024-03-12", "proposed"),
        ("KF", "2024-04-02", "decided"),
    ]


def test_case_number_in_the_query_text(ix):
    assert ix.search("KS 2024/101")[0].title == "Motion om cykelbanor"


def test_filters(ix):
    assert {h.body for h in ix.search("budget", parse_filters(body="kommunfullmäktige"))} == {"KF"}
    assert {h.status for h in ix.search("budget", parse_filters(status="proposed"))} == {"proposed"}
    assert [h.meeting_date for h in ix.search("budget", parse_filters(date_from="2024-04"))] == ["2024-04-02"]
    assert ix.search("budget", parse_filters(date_to="2023")) == []


def test_inline_filters_and_filter_only_queries(ix):
    assert {h.body for h in ix.search("budget body:KF")} == {"KF"}
    hits = ix.search("status:rejected")
    assert [h.title for h in hits] == ["Motion om cykelbanor"]


def test_hit_json_names(ix):
    data = ix.search("vänort")[0].to_json()
    assert set(data) >= {"body", "meeting_date", "paragraph", "case_numbers", "title", "status", "next_body", "source", "page", "score"}
    assert data["source"] == "huddinge-ksau-2024-02-21-p21.md" and data["page"] == 1


def test_full_record_round_trips(ix):
    hit = ix.search("vänort")[0]
    meeting, paragraph = ix.paragraph(hit.doc_id)
    assert meeting.meeting_date == dt.date(2024, 2, 21)
    assert paragraph.summary.startswith("Under mellankrigsåren")
    assert paragraph.motions[0].party == "L"


@pytest.mark.parametrize(
    "kwargs", [{"body": "no such body !!"}, {"status": "done"}, {"date_from": "2024-99-01"}, {"case": "hello"}]
)
def test_bad_filters_are_named(kwargs):
    with pytest.raises(InvalidFilter):
        parse_filters(**kwargs)


def test_query_parsing():
    parsed = parse_query('"vänort avtal" budget* AND KS 2022/1011 status:tabled foo:bar')
    assert parsed.phrases == ("vänort avtal",)
    assert parsed.prefixes == ("budget",)
    assert parsed.case_keys == ("KS-2022-1011",)
    assert parsed.filters.status == "tabled"
    assert "AND" not in parsed.words.split() and "foo:bar" in parsed.words


NASTY = ['"', '""', "(((", "AND OR NOT", "title:", "*", "?", "a*b?c", ":", "\\", "~2", "^3", "[a TO b]", "{}", "'; DROP TABLE", "../../etc/passwd", "@everyone", "\x00\x01", "\u202eabc", "🤖", "x" * 5000]


@pytest.mark.parametrize("query", NASTY)
def test_nasty_queries_never_raise(ix, query):
    ix.search(query)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_any_query_builds(text):
    parsed = parse_query(text, Filters())
    build_query(parsed)


def test_max_of_scores_each_document_by_its_own_best_term():
    from whoosh import fields
    from whoosh import query as wq
    from whoosh.filedb.filestore import RamStorage

    from index.search import MaxOf

    ram = RamStorage().create_index(fields.Schema(id=fields.ID(stored=True), t=fields.TEXT))
    with ram.writer() as writer:
        for doc_id, text in (("1", "aa bb cc"), ("2", "aa xx yy"), ("3", "zz zz zz"), ("4", "bb qq qq")):
            writer.add_document(id=doc_id, t=text)
    with ram.searcher() as searcher:
        def scores(query):
            return {r["id"]: round(r.score, 6) for r in searcher.search(query)}

        alone = {**scores(wq.Term("t", "aa")), **scores(wq.Term("t", "zz"))}
        assert scores(MaxOf([wq.Term("t", "aa"), wq.Term("t", "zz")])) == alone
        both = scores(MaxOf([wq.Term("t", "aa"), wq.Or([wq.Term("t", "bb"), wq.Term("t", "cc")])]))
        assert set(both) == {"1", "2", "4"} and both["1"] > both["2"]


def test_case_printed_without_series_is_indexed(tmp_path):
    from index.indexer import update_index

    from .conftest import protocol_text

    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "kf.txt").write_text(protocol_text("Kommunfullmäktige", "2023-11-20", [(107, "Motion om en cykelplan", "2023/412", "Motionen remitteras.")]), encoding="utf-8")
    (folder / "ks.txt").write_text(protocol_text("Kommunstyrelsen", "2024-03-12", [(49, "Svar på motion om en cykelplan", "KS 2023/412", "Kommunstyrelsen föreslår kommunfullmäktige besluta att motionen anses besvarad.")]), encoding="utf-8")
    update_index(folder, tmp_path / "ix")
    with MinutesIndex(tmp_path / "ix") as index:
        assert [h.paragraph for h in index.case("2023/412")] == ["107", "49"]
        assert [h.paragraph for h in index.case("KS 2023/412")] == ["107", "49"]


def test_a_series_typed_without_its_accents_finds_the_case(tmp_path):
    from .conftest import index_protocols

    ix = index_protocols(tmp_path, {
        "ofn.txt": ("Överförmyndarnämnden", "2024-10-08", [(33, "Arvoden för gode män", "ÖFN 2024/44", "Nämnden föreslår kommunfullmäktige att anta arvodena.")]),
        "kf.txt": ("Kommunfullmäktige", "2024-11-25", [(90, "Arvoden", "OFN 2023/44", "Kommunfullmäktige antar arvodena.")]),
    })
    with MinutesIndex(ix) as index:
        for typed in ("ÖFN 2024/44", "OFN 2024/44", "ofn-2024-44"):
            assert [h.paragraph for h in index.case(typed)] == ["33"], typed


def test_case_printed_with_a_padded_serial_is_found_by_its_key(tmp_path):
    from index.indexer import update_index

    from .conftest import protocol_text

    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "mhn.txt").write_text(protocol_text("Miljö- och hälsoskyddsnämnden", "2024-11-14", [(41, "Taxa för tillsyn", "MHN-2024-0118", "Nämnden föreslår kommunfullmäktige att anta taxan.")]), encoding="utf-8")
    (folder / "kf.txt").write_text(protocol_text("Kommunfullmäktige", "2025-02-24", [(12, "Taxa för tillsyn", "MHN 2024-118", "Kommunfullmäktige beslutar att anta taxan."), (13, "Delegationsbeslut", "2019/12", "Informationen läggs till handlingarna.")]), encoding="utf-8")
    update_index(folder, tmp_path / "ix")
    with MinutesIndex(tmp_path / "ix") as index:
        for typed in ("MHN-2024-0118", "MHN-2024-118", "MHN 2024/118", "mhn 2024-0118"):
            assert [h.paragraph for h in index.case(typed)] == ["41", "12"], typed
        assert {h.paragraph for h in index.search("MHN-2024-0118")[:2]} == {"41", "12"}
        # A key without series, "2019-12", that no one would type as a case number.
        assert [h.paragraph for h in index.search("Dnr 2019/12")][:1] == ["13"]


def test_a_two_part_series_is_shown_whole_and_found_in_any_style(tmp_path):
    from index.indexer import update_index

    from .conftest import protocol_text

    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "sdn.txt").write_text(protocol_text("Stadsdelsnämnden Norra", "2025-02-12", [(15, "Svar på medborgarförslag om en hundrastgård", "SDN N 2024/0191", "Medborgarförslaget anses besvarat.")]), encoding="utf-8")
    update_index(folder, tmp_path / "ix")
    with MinutesIndex(tmp_path / "ix") as index:
        for typed in ("SDN N 2024/0191", "SDN-N-2024-0191", "sdn n 2024/191", "SDNN-2024-191", "2024/0191"):
            hits = index.case(typed)
            assert [(h.paragraph, h.case_numbers) for h in hits] == [("15", ("SDN N 2024/0191",))], typed


def test_typo_corrections_one_edit_away_then_two(ix):
    from index.search import _one_edit

    assert {"budget", "budgt", "bduget", "budgets"} <= _one_edit("budget") | {"budget"}
    assert "budget" in _one_edit("budgt") and "budget" in _one_edit("budjet")
    assert ix.similar_terms("budjet") == ["budget"]
    assert ix.similar_terms("bud") == []  # too short to guess


def test_a_typo_that_changes_what_the_stemmer_cuts_is_found_by_the_word_typed(ix):
    from index.analysis import stem

    # "ordförnde" stems to "ordförnd", two edits from "ordför": too far for its length.
    assert stem("ordförnde") != stem("ordförande")
    assert ix.similar_terms(stem("ordförnde")) == []
    assert ix.similar_terms(stem("ordförnde"), word="ordförnde") == [stem("ordförande")]
    # A word of the lexicon is no typo: "dagiset" is not "dagset", stemmed "dag".
    assert "dag" in ix._stats(ix._searcher()).vocabulary("text")
    assert ix.similar_terms(stem("dagiset"), word="dagiset") == []


def test_two_edits_away_finds_what_whoosh_finds(ix):
    from index.search import _one_edit

    reader = ix._searcher().reader()
    vocabulary = ix._stats(ix._searcher()).vocabulary("text")
    found_any = False
    for word in ("vänortsamarbtet", "vanortsamarbetet", "kommunstyrelsne", "budgetramarna", "cykelbanorxx"):
        if any(t in vocabulary for t in _one_edit(word)):
            continue  # a term one edit away is found first
        expected = {t for t in reader.terms_within("text", word, 2, prefix=3) if t != word}
        assert set(ix.similar_terms(word, limit=100)) == expected, word
        found_any = found_any or bool(expected)
    assert found_any


def test_term_statistics_are_remembered_per_searcher(ix):
    searcher = ix._searcher()
    stats = ix._stats(searcher)
    assert stats is ix._stats(searcher)
    assert ix.document_frequency("budget") == searcher.doc_frequency("text", "budget") > 0
    assert ("text", "budget") in stats._df
    assert "budget" in stats.vocabulary("text") and "vänort" in stats.vocabulary("text")


def test_municipality_counts_tell_whose_minutes_hold_a_term(ix):
    from index.analysis import query_terms

    def term(word):
        return query_terms(word)[0].terms[0]

    assert ix.municipality_counts(term("vänortssamarbetet")) == {"huddinge": 1}
    assert ix.municipality_counts(term("budget")) == {"ekbacka": 2}
    assert ix.municipality_counts(term("zeppelinare")) == {}


def test_a_preference_multiplies_the_scores_of_the_paragraphs_holding_it(ix):
    plain = {h.doc_id: h for h in ix.run(ParsedQuery(words="budget"))}
    preferred = {h.doc_id: h for h in ix.run(ParsedQuery(words="budget", prefer=(("body", "KS", 3.0),)))}
    assert plain.keys() == preferred.keys() and {h.body for h in plain.values()} == {"KS", "KF"}
    for doc_id, hit in plain.items():
        factor = 3.0 if hit.body == "KS" else 1.0
        assert preferred[doc_id].score == pytest.approx(hit.score * factor)


def test_a_paragraph_holding_all_the_words_asked_outranks_one_repeating_one(tmp_path):
    from .conftest import index_protocols

    folder = index_protocols(tmp_path, {
        "ks.txt": ("Kommunstyrelsen", "2024-03-12", [
            (1, "Bygglov i Lunda", "KS 2024/1", "Lunda 3:1 i Lunda. Grannar i Lunda har yttrat sig om bygget i Lunda."),
            (2, "Kulturpolitiskt program", "KS 2024/2", "Biblioteket i Lunda får längre öppettider."),
            (3, "Skolskjuts i Lunda", "KS 2024/3", "Skolskjutsen till Lunda skola."),
        ]),
    })
    parsed = ParsedQuery("", concepts=((("lunda", 1.0),), (("öppettider", 1.0),)))
    with MinutesIndex(folder) as index:
        hits = index.run(parsed)
        # Summed as plain BM25, four times "Lunda" outweighs one "öppettider"; the share of
        # the question's words each paragraph holds puts the library first.
        plain = index.run(ParsedQuery("lunda öppettider"))
    assert [h.paragraph for h in plain] == ["1", "3", "2"]
    assert [h.paragraph for h in hits] == ["2", "1", "3"]
    # The paragraph holding both words keeps its whole score.
    assert hits[0].score == pytest.approx(plain[2].score)


def test_a_synonym_of_several_words_matches_only_with_all_of_them(tmp_path):
    from .conftest import index_protocols

    folder = index_protocols(tmp_path, {
        "ks.txt": ("Kommunstyrelsen", "2024-03-12", [
            (1, "Vänortssamarbete", "KS 2024/1", "Samarbetet med vänorterna avslutas."),
            (2, "Ansökan om projektmedel", "KS 2024/2", "Ansökan gäller europeiskt territoriellt samarbete."),
            (3, "Budget", "KS 2024/3", "Budget för kommunen."),
        ]),
    })
    concept = (("interreg", 1.0), ("territoriellt samarbete", 0.8))
    with MinutesIndex(folder) as index:
        assert [h.paragraph for h in index.run(ParsedQuery("", concepts=(concept,)))] == ["2"]
        # The user's own words still add up one by one.
        assert {h.paragraph for h in index.run(ParsedQuery("", concepts=((("territoriellt samarbete", 1.0),),)))} == {"1", "2"}


def _boosts(q) -> dict[tuple[str, str], float]:
    return {(t.fieldname, t.text): t.boost for t in q.leaves() if hasattr(t, "fieldname")}


@pytest.mark.parametrize("fieldname", ["title", "text"])
def test_a_rarer_synonym_counts_no_more_than_the_word_asked(fieldname):
    # "budget" in most paragraphs, "ekonomisk" in a handful: matched alone, the synonym's
    # rarity would outweigh the word itself.
    counts = {"budget": 600, "ekonomisk": 3, "ram": 900}
    vocabulary = Vocabulary(lambda f, t: counts.get(t, 0) / 1000, prune=False, count=1000)
    parsed = ParsedQuery("", concepts=((("budget", 1.0), ("ekonomisk ram", 0.8)),))
    boosts = _boosts(build_query(parsed, vocabulary))
    field_weight = {"title": 2.5, "text": 1.0}[fieldname]
    head = vocabulary.idf(fieldname, "budget")
    rare = vocabulary.idf(fieldname, "ekonomisk")
    assert rare > head
    # Scores are BM25 IDF times the boost: the rare synonym scores as if it were as common.
    assert boosts[(fieldname, "ekonomisk")] * rare == pytest.approx(field_weight * 0.8 * head)
    # A synonym commoner than the word asked keeps its own weight.
    assert boosts[(fieldname, "ram")] == pytest.approx(field_weight * 0.8)
    assert boosts[(fieldname, "budget")] == pytest.approx(field_weight)


def test_without_statistics_synonyms_keep_their_weights():
    parsed = ParsedQuery("", concepts=((("budget", 1.0), ("ekonomisk ram", 0.8)),))
    assert _boosts(build_query(parsed))[("title", "ekonomisk")] == pytest.approx(2.5 * 0.8)


def test_vocabulary_idf_is_whooshs(ix):
    searcher = ix._searcher()
    total = searcher.doc_count()
    vocabulary = Vocabulary(lambda f, t: searcher.doc_frequency(f, t) / total, count=total)
    for term in ("vänort", "budget", "ingenting"):
        assert vocabulary.idf("text", term) == pytest.approx(searcher.idf("text", term))


def _hit(doc_id, body="KS", date="2024-03-12", number="10", place="ekbacka", score=1.0, title="Budget 2025"):
    from index.search import Hit

    return Hit(doc_id, body, "", date, number, (), title, "decided", None, doc_id, None, score, place)


def test_distinct_keeps_the_first_of_each_paragraph_of_a_meeting():
    from index.search import distinct

    hits = [
        _hit("a.pdf#0"),
        _hit("b.docx#0"),  # the same paragraph, saved again
        _hit("b.docx#1", number="11"),
        _hit("c.txt#0", place="sjöbacka"),  # another municipality's KS met that day too
        _hit("memo#0", body="", number=""),
        _hit("memo2#0", body="", number=""),  # nothing to tell them apart by: both kept
        # Two protocols naming no municipality: the same § that day, but other matters.
        _hit("x.txt#0", place="-", title="Vägbelysning"),
        _hit("y.txt#0", place="-", title="Avfallstaxa"),
        _hit("x-kopia.txt#0", place="-", title="Vägbelysning"),
    ]
    assert [h.doc_id for h in distinct(hits)] == ["a.pdf#0", "b.docx#1", "c.txt#0", "memo#0", "memo2#0", "x.txt#0", "y.txt#0"]


def test_a_citys_namnder_are_told_apart_by_their_codes(tmp_path):
    from .conftest import protocol_text

    folder = tmp_path / "m"
    folder.mkdir()
    for name, body, case in [
        ("sbn.txt", "Stadsbyggnadsnämnden", "SBN-2024-0456"),
        ("sdn-norra.txt", "Stadsdelsnämnden Norra", "SDN N 2025/0008"),
        ("sdn-soder.txt", "Stadsdelsnämnden Söder", "SDN S 2025/0012"),
        ("sn.txt", "Socialnämnden", "SN 2025/0003"),
    ]:
        decision = f"{body.split()[0]} beslutar att rusta upp lekplatsen."
        (folder / name).write_text(protocol_text(body, "2025-02-12", [(13, "Upprustning av lekplatsen", case, decision)]), encoding="utf-8")
    update_index(folder, tmp_path / "ix")
    with MinutesIndex(tmp_path / "ix") as index:
        def bodies(**filters):
            return {(h.body, h.body_name) for h in index.search("lekplatsen", parse_filters(**filters))}

        assert bodies(body="SBN") == {("SBN", "Stadsbyggnadsnämnden")}
        assert bodies(body="SN") == {("SN", "Socialnämnden")}
        for typed in ("SDN-Norra", "sdn-norra", "Stadsdelsnämnden Norra", "stadsdelsnämnden norra"):
            assert bodies(body=typed) == {("SDN-Norra", "Stadsdelsnämnden Norra")}, typed
        assert {h.body for h in index.search("lekplatsen body:SDN-Söder")} == {"SDN-Söder"}
        assert index.known_bodies() == {
            "SBN": "Stadsbyggnadsnämnden", "SDN-Norra": "Stadsdelsnämnden Norra",
            "SDN-Söder": "Stadsdelsnämnden Söder", "SN": "Socialnämnden",
        }
