"""The command line: arguments in, words or JSON out, errors as one line and an exit code."""

from __future__ import annotations

import json

import pytest

from bot.cli import main


@pytest.fixture
def config(minutes_dir, tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(f"minutes_dir: {minutes_dir}\nindex_dir: {tmp_path / 'ix'}\n", encoding="utf-8")
    return str(path)


def test_index_then_search_json(config, capsys):
    assert main(["index", "--config", config]) == 0
    report = capsys.readouterr().out
    assert "3 found, 3 indexed" in report and "paragraphs: 4 in the index" in report
    assert main(["search", "--config", config, "--json", "vänort"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = data["hits"][0]
    assert (first["body"], first["meeting_date"], first["paragraph"]) == ("KSAU", "2024-02-21", "21")


def test_config_before_the_command(config, capsys):
    main(["--config", config, "index", "--quiet"])
    capsys.readouterr()
    assert main(["--config", config, "case", "--json", "KS 2022/1011"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["status"] for p in data["paragraphs"]] == ["forwarded"]


def test_text_output(config, capsys):
    main(["index", "--config", config])
    capsys.readouterr()
    main(["search", "--config", config, "budget", "--body", "KF"])
    out = capsys.readouterr().out
    assert "KF 2024-04-02 § 30  Budget för 2025" in out and "decided" in out


def test_search_before_index_says_what_to_do(config, capsys):
    assert main(["search", "--config", config, "budget"]) == 1
    assert "run `minutesbot index` first" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args, words",
    [
        (["search", "x", "--status", "done"], "unknown status"),
        (["search", "x", "--from", "yesterday"], "not a date"),
        (["case", "hello"], "not a case number"),
    ],
)
def test_bad_arguments_are_one_line(config, capsys, args, words):
    main(["index", "--config", config])
    capsys.readouterr()
    assert main(args + ["--config", config]) == 1
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1


def test_bad_config_is_named(tmp_path, capsys):
    path = tmp_path / "c.yaml"
    path.write_text("index_dir: 3\n", encoding="utf-8")
    assert main(["index", "--config", str(path)]) == 1
    assert "index_dir" in capsys.readouterr().err


def test_an_index_whose_first_build_never_finished_is_no_index(config, tmp_path, capsys):
    # What an interrupted first build leaves behind: the index created, nothing committed.
    from index.indexer import open_or_create

    open_or_create(tmp_path / "ix")
    assert main(["search", "--config", config, "vänort"]) == 1
    assert "no index yet: run `minutesbot index` first" in capsys.readouterr().err
    assert main(["ask", "--config", config, "What happened to the twin-town agreement?"]) == 0
    captured = capsys.readouterr()
    assert "No index yet" in captured.err and "Huddinge" in captured.out


def test_first_ask_builds_the_index(config, capsys):
    assert main(["ask", "--config", config, "--json", "What happened to the twin-town agreement?"]) == 0
    captured = capsys.readouterr()
    assert "No index yet" in captured.err
    data = json.loads(captured.out)
    assert data["found"] is True and data["language"] == "en"
    assert (data["answer"]["body"], data["answer"]["paragraph"], data["answer"]["status"]) == ("KSAU", "21", "forwarded")


def test_ask_text_in_swedish(config, capsys):
    main(["index", "--config", config])
    capsys.readouterr()
    assert main(["ask", "--config", config, "Vad hände med vänortssamarbetet?"]) == 0
    out = capsys.readouterr().out
    assert "Status: Överlämnat till kommunstyrelsen" in out and "Källa: huddinge-ksau-2024-02-21-p21.md" in out


def test_chat_answers_each_line(config, capsys, monkeypatch, tmp_path):
    main(["index", "--config", config])
    capsys.readouterr()
    monkeypatch.setenv("HOME", str(tmp_path))
    lines = iter(["Vad hände med vänortssamarbetet?", "Vad hände med ishallen?", ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(lines))
    assert main(["chat", "--config", config]) == 0
    out = capsys.readouterr().out
    assert "Överlämnat till kommunstyrelsen" in out and "Inget relevant hittades" in out


def test_eval_prints_both_systems(config, capsys, tmp_path):
    questions = tmp_path / "q.yaml"
    questions.write_text(
        "today: 2025-06-01\nquestions:\n"
        "  - {id: a, lang: sv, kind: topic, question: 'Vad hände med vänortssamarbetet?', "
        "expect: [{body: KSAU, date: '2024-02-21', paragraph: '21'}], status: forwarded}\n",
        encoding="utf-8",
    )
    assert main(["eval", "--config", config, str(questions)]) == 0
    out = capsys.readouterr().out
    assert "minutesbot  all" in out and "baseline    all" in out
    assert main(["eval", "--config", config, str(tmp_path / "missing.yaml")]) == 1


def test_a_scope_naming_no_indexed_municipality_is_warned_about(minutes_dir, tmp_path, capsys):
    path = tmp_path / "scoped.yaml"
    path.write_text(
        f"minutes_dir: {minutes_dir}\nindex_dir: {tmp_path / 'ix'}\nmunicipalities: [Ekbaka kommun, Huddinge kommun]\n",
        encoding="utf-8",
    )
    assert main(["--config", str(path), "index"]) == 0
    capsys.readouterr()
    assert main(["--config", str(path), "ask", "Vad hände med vänortssamarbetet?"]) == 0
    err = capsys.readouterr().err
    assert "ekbaka kommun" in err and "huddinge" not in err.split("holds:")[0] and "Ekbacka kommun" in err


def test_a_plot_without_matplotlib_is_refused_before_the_benchmark_runs(config, capsys, monkeypatch):
    import importlib.util

    import bot.bench

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real(name, *a))
    monkeypatch.setattr(bot.bench, "run_bench", lambda *a, **k: pytest.fail("the benchmark ran"))
    assert main(["bench", "--config", config, "--paragraphs", "100", "--plot", "p.png"]) == 1
    assert "--plot needs matplotlib" in capsys.readouterr().err
