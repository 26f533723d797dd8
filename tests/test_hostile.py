"""Hostile questions: whatever a user types, an answer (found or not) or a clear message, fast.

A fixed corpus of nasty strings plus a seeded generator that glues fragments together: Whoosh
query syntax, unbalanced quotes and brackets, field prefixes, control characters, NUL,
right-to-left and zero-width characters, emoji, Discord mentions, SQL and path strings,
case-number-like and date-like junk, §, Swedish and English words, and 100 KB strings. They go
through `Engine.ask` (10,000 generated in the default run), `MinutesIndex.search` and the
query builder, and the CLI's `search` and `ask` (a few hundred). MINUTESBOT_STRESS=1
multiplies the counts by ten.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from bot import embeds
from bot.answer import Answer
from bot.cli import main
from bot.engine import Engine
from bot.render import render_text
from index.indexer import update_index
from index.search import (
    Filters,
    InvalidFilter,
    MinutesIndex,
    build_query,
    parse_filters,
    parse_query,
)

from .conftest import MINUTES, write_small_protocols

STRESS = os.environ.get("MINUTESBOT_STRESS") == "1"
SCALE = 10 if STRESS else 1
ASKED = 10_000 * SCALE  # generated questions through Engine.ask
SEARCHED = 300 * SCALE  # generated texts through MinutesIndex.search and the query builder
CLI_RUNS = 150 * SCALE  # generated texts through each of `search` and `ask` on the CLI
MAX_SECONDS = 2.0
SEED = 20240221

BIG = 100_000  # characters in a "huge" question

# --- the corpus ---------------------------------------------------------------------------------

WHOOSH = [
    "title:x", "text:budget", "case:", "body:", "status:", "title:", "AND", "OR", "NOT", "ANDNOT",
    "ANDMAYBE", "(", ")", "((", "))", "()", "[a TO b]", "[2020 TO]", "[TO 2024]", "{a TO b}",
    "[", "]", "{", "}", '"unbalanced', '"', '""', "'", "*", "?", "*ort", "vän*", "v?nort", "~2",
    "budget~", "budget~2", "^3", "budget^3", "^", "~", ":", "::", "\\", "\\\\", "/regex/", "+",
    "-", "&&", "||", "!", "<", ">", "=", "<=", ">=", "`", "OCH", "ELLER", "INTE", "a:b:c",
    "title:(x OR y)", 'title:"x y', "*:*", "kind:file", "doc_id:x", "content_hash:0",
]
FILTERS = [
    "body:KS", "body:XYZ", "body:kommunfullmäktige", "status:decided", "status:bogus",
    'case:"KS 2022/1011"', "case:KS", "case:2022/1011", "from:2024", "from:9999-99", "to:0000",
    "to:2024-06", "date:2024-13-45", "dnr:KS-2022/1011", "organ:KF", "from:", "to:-1",
    "from:2024-02-30", "body:§", "status:NOT",
]
CONTROL = [
    "\x00", "\x01", "\x07", "\x08", "\x1b[31m", "\x1b]0;title\x07", "\x7f", "\r", "\n", "\r\n",
    "\t", "\x0b", "\x0c", "\x85", "\x9b", "\x00" * 50,
]
UNICODE = [
    "\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u200f", "\u200e", "\u2066", "\u2067",
    "\u2068", "\u2069", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2028",
    "\u2029", "\u00a0", "\u3000", "مرحبا", "שלום", "\u202eagreement", "vän\u200bort",
    "v\u00e4nort", "va\u0308nort", "e\u0301", "a" + "\u0300" * 60, "😀", "👨\u200d👩\u200d👧\u200d👦",
    "🇸🇪", "🏳️\u200d🌈", "\U0001f4a9" * 20, "\ufffd", "\uffff", "\U0010ffff", "\ud800", "\udcff",
    "İ", "ß", "ﬃ", "Ⅻ", "²⁰²⁴", "①", "٢٠٢٤", "𝟚𝟘𝟚𝟜", "ＫＳ　２０２２／１０１１", "ǅ", "ꙮ",
    "Ω", "K", "\u0131", "ᾈ", "\U000e0041", "\ue000",
]
DISCORD = [
    "@everyone", "@here", "<@&123>", "<@!1>", "<@1200000000000000001>", "<@&1200000000000000100>",
    "<#1200000000000000400>", "<:emoji:123>", "<a:x:1>", "<t:0:R>", "||spoiler||", "```code```",
    "**bold**", "__x__", "> quote", "[link](https://example.com)", "https://discord.gg/x",
    "@\u200beveryone", "＠everyone", "<@", "<@&", ">",
]
INJECTION = [
    "'; DROP TABLE follows; --", "1 OR 1=1", '" OR ""="', "UNION SELECT * FROM buttons",
    "../../etc/passwd", "/etc/passwd", "C:\\Windows\\system32", "%2e%2e%2f", "file:///etc/passwd",
    "~/.ssh/id_rsa", "\\\\server\\share", "{0}", "{}", "{question}", "%s%s%s%n", "${jndi:ldap://x}",
    "{{7*7}}", "<script>alert(1)</script>", "&lt;", "&#x00;", "$(rm -rf /)", "`id`", "\\u0000",
    "\\x00", "%00", "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY y SYSTEM 'file:///etc/passwd'>]>",
]
CASES = [
    "KS 2022/1011", "KS-2022/1011.107", "Dnr KS 2022/1011-107", "KS 9999/99999999", "KS 0000/0",
    "2022/1011", "ABCDEFGHIJ 2022/1", "KS-2022-1011", "KS 20222/1", "KS /", "/ 2022",
    "ks-2023/0412", "Dnr", "Dnr:", "dnr 2024/", "KS 2024/100", "KS-2024/0100.041", "BUN 2023/102",
    "KS 2022/1011 " * 5, "2022/" * 10, "KS 1899/1", "KS 2100/1", "KS 2022/1011.107.107.107",
]
PARAGRAPHS = [
    "§", "§ 21", "§§", "§ 0", "§ 99999999999999999999", "AU 3:18", "KS 198", "§-1", "§21§22",
    "paragraf 21", "paragraph 9999", "par. 0", "§ 21 KSAU", "§\u00a021", "§ ٢١",
]
DATES = [
    "2024-02-21", "2024-13-45", "0000-00-00", "9999-12-31", "i februari 2024", "förra året",
    "last spring", "hösten 2023", "in 2023", "31/2", "2024-02-30", "1e9", "-2024", "år 0",
    "in the year 10000", "våren 1", "i januari 99999", "sedan 1900", "before 2024-02-21",
    "mellan 2020 och 2019", "idag", "igår", "next week", "2024-W08", "20240221", "24-02-21",
]
NUMBERS = ["0", "-1", "99999999999999999999999", "1e308", "NaN", "inf", "-inf", "0x1F", "1_000"]
SWEDISH = [
    "vänort", "vänortssamarbetet", "budget", "budgeten", "kommunfullmäktige", "kommunstyrelsen",
    "arbetsutskott", "ishall", "simhall", "beslut", "motion", "avslås", "bordläggs", "vad",
    "hände", "med", "och", "att", "Ekbacka", "Huddinge", "cykelbanor", "skolorganisation",
    "solceller", "Vänsterpartiet", "fullmäktige", "KSAU", "BUN", "KF", "V", "S", "M", "SD",
    "å", "ä", "ö", "ÅÄÖ", "Vad hände med", "Vad beslutade", "återremitterades", "nämnden",
]
ENGLISH = [
    "what", "happened", "to", "the", "twin-town", "agreement", "council", "executive board",
    "budget", "the Left Party", "decided", "why", "when", "who", "cycle lanes", "solar panels",
    "What happened to the twin-town agreement?", "Was it rejected?", "last year", "a", "I",
]
FRAGMENTS = (
    WHOOSH + FILTERS + CONTROL + UNICODE + DISCORD + INJECTION + CASES + PARAGRAPHS + DATES
    + NUMBERS + SWEDISH * 2 + ENGLISH * 2
)
SEPARATORS = [" ", " ", " ", "", "\n", "  ", "\t", ",", "?", "-", "/", ":", '"', "(", ")"]


def huge_strings() -> list[str]:
    rng = random.Random(SEED + 1)
    soup = "".join(rng.choice(FRAGMENTS) + rng.choice(SEPARATORS) for _ in range(30_000))
    return [
        "a" * BIG,
        ("vänort " * BIG)[:BIG],
        soup[:BIG],
        "(" * BIG,
        '"' * BIG,
        ("§ 1 " * BIG)[:BIG],
        ("KS 2022/1011 " * BIG)[:BIG],
        ("2022/1011 " * BIG)[:BIG],
        "\x00" * BIG,
        "\u200b" * BIG,
        "😀" * BIG,
        ("@everyone " * BIG)[:BIG],
        ("i februari 2024 " * BIG)[:BIG],
        ("title:x AND " * BIG)[:BIG],
        "a" * (BIG - 1) + "*",
        "x" + " " * BIG + "y",
    ]


NASTY = [
    "", " ", "\n", "?", "??", "...", "*", '"', "§", "\x00", "\u202e", "@everyone",
    "@everyone What happened to the twin-town agreement?",
    "<@&123> <@!1> vad hände med vänortssamarbetet?",
    'title:"vänort AND (budget OR NOT [a TO b] ~2 ^3 *',
    "Vad hände med vänortssamarbetet?\x00\x00",
    "\u202eWhat happened to the twin-town agreement?\u202c",
    "vän\u200bort\u200dssamarbetet",
    "'; DROP TABLE follows; -- § 21 KS 2022/1011",
    "../../etc/passwd § 21 2024-02-21",
    "KS 2022/1011 KS 2022/1011 KS 2022/1011",
    "Dnr KS 2022/1011-107 §§ 21 i februari 2024 förra året hösten 2023 last spring",
    "body:KS status:decided case:KS from:2024 to:2023",
    "from:2025 to:2020 budget",
    "case:\"KS 2022/1011\" status:forwarded",
    "* * * * *", "vä* bu* ekb*", "a* b* c*", "\"\"\"\"\"", '"a" "b" "c', "((((((((((", "))))))))))",
    "[[[[[", "]]]]]", "{{{{", "}}}}", "^^^^", "~~~~", "::::", "||||", "&&&&", "NOT NOT NOT",
    "AND OR NOT", "OCH ELLER INTE", "the the the the", "att och med",
] + huge_strings()


def generated(count: int, seed: int) -> list[str]:
    """`count` questions of 1 to 8 fragments with random separators; one in 500 is huge."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        if i % 500 == 499:
            unit = rng.choice(FRAGMENTS) + rng.choice(SEPARATORS)
            out.append((unit * (BIG // max(1, len(unit)) + 1))[:BIG])
            continue
        parts = []
        for _ in range(rng.randint(1, 8)):
            fragment = rng.choice(FRAGMENTS)
            roll = rng.random()
            if roll < 0.05:
                fragment = fragment.upper()
            elif roll < 0.1:
                fragment = fragment[: rng.randint(0, len(fragment))]
            elif roll < 0.13:
                fragment = fragment * rng.randint(2, 30)
            parts.append(fragment)
            parts.append(rng.choice(SEPARATORS))
        out.append("".join(parts))
    return out


def shown(text: str) -> str:
    return repr(text if len(text) <= 80 else text[:80] + f"... ({len(text)} chars)")


# --- the index --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_setup(tmp_path_factory):
    """The shipped minutes plus conftest-like small protocols, indexed once for the module."""
    root = tmp_path_factory.mktemp("hostile")
    minutes = root / "minutes"
    shutil.copytree(MINUTES, minutes)
    write_small_protocols(minutes)
    index_dir = root / "ix"
    report = update_index(minutes, index_dir)
    assert not report.skipped and report.paragraphs > 20
    config = root / "config.yaml"
    config.write_text(f"minutes_dir: {minutes}\nindex_dir: {index_dir}\n", encoding="utf-8")
    return index_dir, config


@pytest.fixture(scope="module")
def engine(hostile_setup):
    with Engine(hostile_setup[0]) as engine:
        engine.ask("vänort")  # warm up: glossary, searcher, caches
        yield engine


# --- checks -----------------------------------------------------------------------------------


def check_answer(answer: object, question: str) -> None:
    assert isinstance(answer, Answer), type(answer)
    assert answer.found in (True, False)
    assert answer.language in ("sv", "en")
    if answer.found:
        assert answer.step is not None and answer.title and answer.hits
    data = answer.to_json()
    json.dumps(data, ensure_ascii=False)
    assert data["found"] is answer.found and (data["answer"] is None) is (not answer.found)
    assert render_text(answer).strip()
    embed = embeds.answer_embed(answer)
    assert embed["title"] and embeds.embed_size(embed) <= embeds.TOTAL_MAX
    assert len(embed.get("description", "")) <= embeds.DESCRIPTION_MAX
    assert all(len(f["value"]) <= embeds.FIELD_MAX for f in embed.get("fields", []))


class Tally:
    """Counts calls, keeps the slowest and the first failures."""

    def __init__(self, what: str):
        self.what, self.count, self.slowest, self.slowest_text = what, 0, 0.0, ""
        self.failures: list[str] = []
        self.found = 0

    def run(self, text: str, call, check) -> None:
        self.count += 1
        started = time.perf_counter()
        try:
            result = call(text)
        except Exception as exc:
            self.failures.append(f"{shown(text)}: {type(exc).__name__}: {exc}")
            return
        finally:
            elapsed = time.perf_counter() - started
            if elapsed > self.slowest:
                self.slowest, self.slowest_text = elapsed, text
        try:
            check(result, text)
        except AssertionError as exc:
            self.failures.append(f"{shown(text)}: check failed: {exc}")
        if getattr(result, "found", False) or (isinstance(result, list) and result):
            self.found += 1  # an answer found, or a search with hits

    def merge(self, other: Tally) -> None:
        self.count += other.count
        self.found += other.found
        self.failures += other.failures
        if other.slowest > self.slowest:
            self.slowest, self.slowest_text = other.slowest, other.slowest_text

    def verify(self) -> None:
        print(
            f"\n{self.what}: {self.count} tried, {self.found} found, {len(self.failures)} failures,"
            f" slowest {self.slowest:.3f} s ({shown(self.slowest_text)})"
        )
        assert not self.failures, "\n".join(self.failures[:20])
        assert self.slowest < MAX_SECONDS, f"{self.slowest:.2f} s for {shown(self.slowest_text)}"


def ask_questions() -> list[tuple[str, str | None]]:
    """(question, language) pairs: the corpus, the generated ones, and a share of both asked
    with the language forced either way."""
    pairs: list[tuple[str, str | None]] = [(q, None) for q in NASTY + generated(ASKED, SEED)]
    for question in NASTY[:40] + generated(200 * SCALE, SEED + 7):
        pairs += [(question, "sv"), (question, "en")]
    return pairs


def ask_shard(index_dir: str, shard: int, shards: int) -> Tally:
    """Ask every `shards`-th question from `shard` on, on an engine of its own. Runs in a
    worker process so that the questions spread over the machine's cores."""
    tally = Tally("Engine.ask")
    with Engine(Path(index_dir)) as engine:
        engine.ask("vänort")  # warm up: glossary, searcher, caches
        for question, language in ask_questions()[shard::shards]:
            tally.run(question, lambda q, lang=language: engine.ask(q, language=lang), check_answer)
    return tally


# --- tests ------------------------------------------------------------------------------------


def test_generator_covers_every_kind_of_fragment():
    questions = generated(2000, SEED)
    assert len(set(questions)) > 1900
    joined = "".join(questions)
    for sample in ("\x00", "\u202e", "\u200b", "@everyone", "<@&123>", "§", "[a TO b]", '"', "😀"):
        assert sample in joined
    assert any(len(q) >= BIG for q in questions)


def test_engine_answers_every_hostile_question(engine, hostile_setup):
    index_dir = hostile_setup[0]
    shards = max(1, min(os.cpu_count() or 1, 4))
    tally = Tally("Engine.ask")
    if shards == 1:
        tally.merge(ask_shard(str(index_dir), 0, 1))
    else:
        # Spawned, not forked: forking a process that runs threads is unsafe.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=shards, mp_context=context) as pool:
            for result in pool.map(ask_shard, [str(index_dir)] * shards, range(shards), [shards] * shards):
                tally.merge(result)
    tally.verify()
    assert tally.count == len(ask_questions()) >= ASKED + len(NASTY)
    # Sane questions among the noise still find their matter.
    assert engine.ask("What happened to the twin-town agreement?").found
    assert engine.ask("@everyone Vad hände med vänortssamarbetet?\u200b").found


def test_search_and_query_builder_take_any_text(hostile_setup):
    index_dir, _ = hostile_setup
    texts = NASTY + generated(SEARCHED, SEED + 1)
    search, build, case, suggest = (Tally(w) for w in ("MinutesIndex.search", "parse/build_query", "MinutesIndex.case", "suggest_cases"))

    def check_hits(hits, text):
        assert isinstance(hits, list)
        for hit in hits:
            json.dumps(hit.to_json(), ensure_ascii=False)

    def build_both(text):
        parsed = parse_query(text)
        return parsed, build_query(parsed)

    def check_built(result, text):
        parsed, query = result
        assert len(parsed.words) <= 2000
        if query is not None:
            repr(query)

    def case_or_message(text):
        try:
            return ix.case(text)
        except InvalidFilter as exc:
            assert "not a case number" in str(exc)
            return []

    with MinutesIndex(index_dir) as ix:
        for text in texts:
            search.run(text, ix.search, check_hits)
            search.run(text, lambda t: ix.search(t, Filters(body="KS", status="decided"), limit=3), check_hits)
            build.run(text, build_both, check_built)
            case.run(text, case_or_message, check_hits)
            suggest.run(text[:100], ix.suggest_cases, lambda pairs, t: json.dumps(pairs, ensure_ascii=False))
    for tally in (search, build, case, suggest):
        tally.verify()


def test_filter_values_are_understood_or_refused_in_words():
    tally = Tally("parse_filters")
    for text in NASTY[:60] + generated(SEARCHED, SEED + 2):
        value = text[:200]
        for field in ("body", "date_from", "date_to", "case", "status"):

            def call(v, field=field):
                try:
                    return parse_filters(**{field: v})
                except InvalidFilter as exc:
                    assert str(exc) and "\n" not in str(exc).strip()
                    return None

            tally.run(value, call, lambda result, t: None)
    tally.verify()


def _cli(capsys, argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: usage and one error line on stderr
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _printable(text: str) -> str:
    """The CLI's argv can never hold lone surrogates from a UTF-8 terminal... except when the
    bytes are not UTF-8; that case has its own test below."""
    return "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)


def test_cli_search_and_ask_take_any_text(hostile_setup, capsys):
    _, config = hostile_setup
    texts = [_printable(t) for t in NASTY + generated(CLI_RUNS, SEED + 3)]
    failures, slowest, count = [], 0.0, 0
    for i, text in enumerate(texts):
        for command in ("search", "ask"):
            argv = [command, "--config", str(config)]
            as_json = i % 2 == 0
            if as_json:
                argv.append("--json")
            argv += ["--", text]
            started = time.perf_counter()
            try:
                code, out, err = _cli(capsys, argv)
            except Exception as exc:
                failures.append(f"{command} {shown(text)}: {type(exc).__name__}: {exc}")
                continue
            finally:
                count += 1
                slowest = max(slowest, time.perf_counter() - started)
            if code == 0:
                if as_json:
                    data = json.loads(out)
                    assert ("hits" in data) and (command == "search" or "found" in data)
                else:
                    assert out.strip(), f"{command} {shown(text)}: no output"
            else:
                lines = [line for line in err.splitlines() if line.strip()]
                if not lines or not lines[-1].startswith(("minutesbot: ", "minutesbot ")):
                    failures.append(f"{command} {shown(text)}: exit {code} with {err!r}")
    print(f"\nCLI search/ask: {count} runs, {len(failures)} failures, slowest {slowest:.3f} s")
    assert not failures, "\n".join(failures[:20])
    assert slowest < MAX_SECONDS


@pytest.mark.parametrize("text", ["-x", "--json", "-", "--body", "-§ 21"])
def test_cli_text_that_looks_like_an_option(hostile_setup, capsys, text):
    """Without `--`, argparse takes it for an option: an error line, never a traceback."""
    _, config = hostile_setup
    code, out, err = _cli(capsys, ["search", "--config", str(config), text])
    assert code in (0, 2)
    if code == 2:
        assert "error:" in err.splitlines()[-1]


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "--json", "vänort \udcff"],
        ["search", "\udcff\udce5"],
        ["ask", "--json", "Vad hände med vänortssamarbetet? \udcff"],
        ["case", "--json", "KS 2022/1011 \udcff"],
        ["case", "KS 2099/1 \udcff"],
    ],
    ids=["search-json", "search-text", "ask-json", "case-json", "case-text"],
)
def test_cli_undecodable_argument_bytes(hostile_setup, capsys, argv):
    """`minutesbot search $'\\xff'` in a UTF-8 locale: Python decodes argv with
    surrogateescape, so the query holds U+DCFF; printing it on a strict UTF-8 stdout (as
    pytest's capture is) must not fail."""
    _, config = hostile_setup
    code, out, err = _cli(capsys, [argv[0], "--config", str(config), *argv[1:]])
    assert code in (0, 1), err
    assert "Traceback" not in err
    if "--json" in argv and code == 0:
        json.loads(out)
