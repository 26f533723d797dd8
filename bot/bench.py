"""`minutesbot bench`: speed, memory and quality at archive sizes, beside two reference engines.

For each size it generates a synthetic archive outside the repo, then measures, each phase in
a fresh process so that peak memory belongs to that phase alone:

- build: a full index build (paragraphs/s, peak RSS, index size);
- add: adding one more protocol to the full index;
- open: opening the index as the bot does at start-up (index, glossary, names);
- serve: `ask` end to end, warm, over the development and held-out questions plus questions
  about matters of the synthetic archive, in Swedish and English (p50/p95/p99, peak RSS);
- the same for plain Whoosh (default analyzer) and SQLite FTS5 over the same paragraphs;
- quality: the development set's R@1 on the shipped minutes alone and mixed into the archive,
  and how often the right paragraph is anywhere in the answer (its path or other matches).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT / "data" / "eval" / "dev.yaml"
HOLDOUT_SET = ROOT / "data" / "eval" / "holdout.yaml"
SHIPPED = ROOT / "data" / "minutes"
KEYS = ("build_per_s", "add_protocol_s", "open_s", "ask_p50_ms", "ask_p95_ms", "ask_p99_ms", "rss_serve_mb", "rss_build_mb", "index_mb")


@dataclass
class Row:
    paragraphs: int
    build_per_s: float = 0.0
    build_s: float = 0.0
    add_protocol_s: float = 0.0
    open_s: float = 0.0
    ask_p50_ms: float = 0.0
    ask_p95_ms: float = 0.0
    ask_p99_ms: float = 0.0
    questions: int = 0
    rss_serve_mb: float = 0.0
    rss_build_mb: float = 0.0
    index_mb: float = 0.0
    extra: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        data = {k: round(v, 3) if isinstance(v, float) else v for k, v in self.__dict__.items() if k != "extra"}
        data.update(self.extra)
        return data


# -- measuring in a child process ------------------------------------------------------------------


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux reports KiB


def _run_phase(phase: str, **args) -> dict:
    """Run one phase in a fresh Python process and return what it measured."""
    code = "import sys, json; from bot.bench import phase; print(json.dumps(phase(json.loads(sys.argv[1]))))"
    out = subprocess.run(
        [sys.executable, "-c", code, json.dumps({"phase": phase, **args})],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    if out.returncode != 0:
        raise RuntimeError(f"bench phase {phase} failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def phase(args: dict) -> dict:
    """Entry point of a phase process."""
    name = args["phase"]
    if name == "build":
        return _phase_build(args)
    if name == "add":
        return _phase_add(args)
    if name == "open":
        return _phase_open(args)
    if name == "serve":
        return _phase_serve(args)
    if name == "quality":
        return _phase_quality(args)
    if name.startswith("baseline"):
        return _phase_baseline(args)
    raise ValueError(name)


def _phase_build(args: dict) -> dict:
    from index.indexer import update_index

    started = time.perf_counter()
    report = update_index(Path(args["minutes"]), Path(args["index"]), procs=args["procs"])
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # The workers run side by side: their peaks can coincide with each other and with this
    # process's, so the sum bounds the machine's peak (the kernel reports only the largest child).
    return {"paragraphs": report.paragraphs, "seconds": seconds, "rss_mb": own + args["procs"] * worker}


def _phase_add(args: dict) -> dict:
    from index.indexer import update_index

    started = time.perf_counter()
    report = update_index(Path(args["minutes"]), Path(args["index"]), procs=args["procs"])
    return {"seconds": time.perf_counter() - started, "files": len(report.added)}


def _phase_open(args: dict) -> dict:
    started = time.perf_counter()
    from bot.engine import Engine

    engine = Engine(Path(args["index"]))
    engine.ask("Vad hände med budgeten?", today=dt.date(2025, 6, 1))
    return {"seconds": time.perf_counter() - started}


def _latencies(ask, questions: list[tuple[str, str]]) -> dict:
    for text, _ in questions[:20]:  # warm: caches, searchers, the lexicon
        ask(text)
    times = []
    for text, _ in questions:
        started = time.perf_counter()
        ask(text)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()

    def pick(q: float) -> float:
        return times[min(len(times) - 1, int(q * len(times)))]

    return {"p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99), "n": len(times)}


def _phase_serve(args: dict) -> dict:
    from bot.engine import Engine

    engine = Engine(Path(args["index"]))
    today = dt.date(2025, 6, 1)
    result = _latencies(lambda text: engine.ask(text, today=today), [tuple(q) for q in args["questions"]])
    return {**result, "rss_mb": _peak_rss_mb()}


def _paragraph_texts(minutes: Path):
    from index.indexer import scan_minutes
    from index.parser import parse_protocol
    from index.readers import read_file

    for src in scan_minutes(minutes):
        try:
            meeting = parse_protocol(read_file(minutes / src).text, src)
        except Exception:
            continue
        for i, paragraph in enumerate(meeting.paragraphs):
            yield f"{src}#{i}", f"{paragraph.title}\n{paragraph.text}"


def _phase_baseline(args: dict) -> dict:
    """Build, add, open and ask with a reference engine, all in this process's lifetime."""
    from index.baseline import BaselineIndex, Fts5Index

    kind = args["phase"].split(":", 1)[1]
    where = Path(args["index"])
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)

    def make():
        return BaselineIndex(directory=where) if kind == "whoosh" else Fts5Index(where / "fts5.sqlite3")

    started = time.perf_counter()
    engine = make()
    count = engine.add(_paragraph_texts(Path(args["minutes"])))
    build_s = time.perf_counter() - started
    rss_build = _peak_rss_mb()
    started = time.perf_counter()
    engine.add(_paragraph_texts(Path(args["extra"])))
    add_s = time.perf_counter() - started
    engine.close()
    started = time.perf_counter()
    engine = BaselineIndex.open(where) if kind == "whoosh" else Fts5Index(where / "fts5.sqlite3")
    engine.search("budget")
    open_s = time.perf_counter() - started
    result = _latencies(lambda text: engine.search(text, limit=10), [tuple(q) for q in args["questions"]])
    return {
        "paragraphs": count,
        "build_s": build_s,
        "add_s": add_s,
        "open_s": open_s,
        "rss_build_mb": rss_build,
        "rss_mb": _peak_rss_mb(),
        "index_mb": _size_mb(where),
        **result,
    }


def asked_on() -> dt.date:
    """The day the development set's questions are asked (its `today`)."""
    from bot.evaluate import parse_question_set

    return parse_question_set(DEV_SET.read_text(encoding="utf-8"))[0]


def _phase_quality(args: dict) -> dict:
    from bot.engine import Engine
    from bot.evaluate import breakdown, parse_question_set, run_minutesbot

    engine = Engine(Path(args["index"]))
    today, questions = parse_question_set(DEV_SET.read_text(encoding="utf-8"))
    rows = breakdown(run_minutesbot(engine, questions, today))
    return {"r1": rows["all"].r1, "r1_sv": rows["lang=sv"].r1, "r1_en": rows["lang=en"].r1, "shown": rows["all"].shown}


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


# -- questions ----------------------------------------------------------------------------------


def bench_questions(minutes: Path, wanted: int = 320, seed: int = 7) -> list[tuple[str, str]]:
    """The development and held-out questions, then questions about matters of the synthetic
    archive in both languages, until there are `wanted`: (question, language) pairs."""
    questions: list[tuple[str, str]] = []
    for path in (DEV_SET, HOLDOUT_SET):
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            questions += [(q["question"], q["lang"]) for q in data.get("questions", [])]
    from index.parser import parse_protocol
    from index.readers import read_file

    rnd = random.Random(seed)
    files = sorted(p for p in minutes.rglob("*.txt"))
    rnd.shuffle(files)
    sv = ("Vad hände med {t}?", "Vad beslutades om {t}?", "Hur gick det med ärendet {c}?", "{t}")
    en = ("What happened to {t}?", "What was decided on case {c}?", "Status of {c}?", "Was {t} approved?")
    for path in (files * (1 + wanted // max(1, len(files))))[: wanted * 4]:
        if len(questions) >= wanted:
            break
        meeting = parse_protocol(read_file(path).text, path.name)
        substantive = [p for p in meeting.paragraphs if p.case_numbers]
        if not substantive:
            continue
        p = rnd.choice(substantive)
        template = rnd.choice(sv + en)
        language = "sv" if template in sv else "en"
        questions.append((template.format(t=p.title.lower(), c=p.case_numbers[0]), language))
    return questions[:wanted] if len(questions) > wanted else questions


# -- one size -----------------------------------------------------------------------------------


def bench_size(paragraphs: int, work: Path, procs: int, log=print, quality: bool = True, seed: int = 1) -> dict:
    from index.readers import read_file

    from .synthetic import avoid_from, generate_archive

    minutes, extra, index = work / "minutes", work / "extra", work / "index"
    for path in (minutes, extra, index):
        shutil.rmtree(path, ignore_errors=True)
    log(f"[{paragraphs}] generating the archive")
    # The archive shares the shipped minutes' vocabulary but none of their place names, people
    # or case numbers, so the development questions about them keep one right answer.
    avoid = avoid_from([read_file(p).text for p in sorted(SHIPPED.iterdir()) if p.is_file()])
    # It ends on the day the development questions are asked: minutes of later meetings do not
    # exist yet for them ("What happened to X?" cannot mean a matter decided months later).
    info = generate_archive(minutes, paragraphs, seed=seed, avoid=avoid, end=asked_on())
    # "One more protocol": the largest file of a small archive made with another seed.
    small = work / "small"
    shutil.rmtree(small, ignore_errors=True)
    generate_archive(small, 60, seed=99, municipality="Sjöbacka kommun", avoid=avoid, end=asked_on())
    one = max(small.rglob("*.txt"), key=lambda p: p.stat().st_size)
    extra.mkdir(parents=True)
    shutil.copy(one, extra / f"extra-{one.name}")

    log(f"[{paragraphs}] building ({info.paragraphs} paragraphs in {info.files} files)")
    build = _run_phase("build", minutes=str(minutes), index=str(index), procs=procs)
    row = Row(paragraphs=build["paragraphs"], build_s=build["seconds"], rss_build_mb=build["rss_mb"])
    row.build_per_s = build["paragraphs"] / build["seconds"]
    row.index_mb = _size_mb(index)

    log(f"[{paragraphs}] adding one protocol")
    shutil.copy(extra / f"extra-{one.name}", minutes / f"extra-{one.name}")
    row.add_protocol_s = _run_phase("add", minutes=str(minutes), index=str(index), procs=procs)["seconds"]
    (minutes / f"extra-{one.name}").unlink()

    log(f"[{paragraphs}] opening")
    row.open_s = min(_run_phase("open", index=str(index))["seconds"] for _ in range(3))

    questions = bench_questions(minutes)
    log(f"[{paragraphs}] asking {len(questions)} questions")
    serve = _run_phase("serve", index=str(index), questions=questions)
    row.ask_p50_ms, row.ask_p95_ms, row.ask_p99_ms = serve["p50"], serve["p95"], serve["p99"]
    row.questions, row.rss_serve_mb = serve["n"], serve["rss_mb"]

    baselines = {}
    for kind in ("whoosh", "fts5"):
        log(f"[{paragraphs}] reference: {kind}")
        ref = _run_phase(f"baseline:{kind}", minutes=str(minutes), extra=str(extra), index=str(work / f"ref-{kind}"), questions=questions)
        baselines[f"plain_{kind}" if kind == "whoosh" else "sqlite_fts5"] = {
            "paragraphs": ref["paragraphs"],
            "build_per_s": ref["paragraphs"] / ref["build_s"],
            "add_protocol_s": ref["add_s"],
            "open_s": ref["open_s"],
            "ask_p50_ms": ref["p50"],
            "ask_p95_ms": ref["p95"],
            "ask_p99_ms": ref["p99"],
            "rss_serve_mb": ref["rss_mb"],
            "rss_build_mb": ref["rss_build_mb"],
            "index_mb": ref["index_mb"],
        }
        shutil.rmtree(work / f"ref-{kind}", ignore_errors=True)

    if quality:
        log(f"[{paragraphs}] quality: the development set alone and mixed into the archive")
        alone = work / "alone"
        shutil.rmtree(alone, ignore_errors=True)
        _run_phase("build", minutes=str(SHIPPED), index=str(alone), procs=1)
        scores = _run_phase("quality", index=str(alone))
        row.extra["dev_r1_alone"], row.extra["dev_shown_alone"] = scores["r1"], scores["shown"]
        shutil.copytree(SHIPPED, minutes / "shipped")
        _run_phase("add", minutes=str(minutes), index=str(index), procs=procs)
        scores = _run_phase("quality", index=str(index))
        row.extra["dev_r1_mixed"], row.extra["dev_shown_mixed"] = scores["r1"], scores["shown"]
        shutil.rmtree(minutes / "shipped")
        shutil.rmtree(alone, ignore_errors=True)

    data = row.to_json()
    data["seed"] = seed
    data["baselines"] = {name: {k: round(v, 3) if isinstance(v, float) else v for k, v in b.items()} for name, b in baselines.items()}
    data["ratios"] = {
        name: {k: round(data[k] / b[k], 3) if b.get(k) else None for k in KEYS}
        for name, b in baselines.items()
    }
    return data


def run_bench(
    sizes: list[int], *, procs: int, work: Path | None = None, keep: bool = False, log=print, quality: bool = True,
    seed: int = 1,
) -> list[dict]:
    base = work or Path(tempfile.mkdtemp(prefix="minutesbot-bench-"))
    if ROOT in base.resolve().parents or base.resolve() == ROOT:
        raise ValueError("the benchmark archive must be generated outside the repository")
    results = []
    try:
        for size in sizes:
            results.append(bench_size(size, base / str(size), procs, log, quality, seed))
            if not keep:
                shutil.rmtree(base / str(size), ignore_errors=True)
    finally:
        if not keep and work is None:
            shutil.rmtree(base, ignore_errors=True)
    return results


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}, Python {sys.version.split()[0]}"


def format_table(results: list[dict]) -> str:
    head = f"{'engine':<13} {'paragraphs':>10} {'build/s':>8} {'add s':>7} {'open s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'RSS ask':>8} {'RSS build':>9} {'index MB':>8}"
    lines = [head, "-" * len(head)]
    for r in results:
        rows = [("minutesbot", r)] + list(r["baselines"].items())
        for name, d in rows:
            lines.append(
                f"{name:<13} {r['paragraphs']:>10} {d['build_per_s']:>8.0f} {d['add_protocol_s']:>7.2f} {d['open_s']:>7.2f} "
                f"{d['ask_p50_ms']:>7.1f} {d['ask_p95_ms']:>7.1f} {d['ask_p99_ms']:>7.1f} {d['rss_serve_mb']:>8.0f} "
                f"{d['rss_build_mb']:>9.0f} {d['index_mb']:>8.1f}"
            )
        for name, ratios in r["ratios"].items():
            shown = " ".join(f"{k}={v}" for k, v in ratios.items() if v is not None)
            lines.append(f"  minutesbot / {name}: {shown}")
        if "dev_r1_alone" in r:
            lines.append(f"  dev set R@1: {r['dev_r1_alone']:.3f} alone, {r['dev_r1_mixed']:.3f} mixed into the archive")
            if "dev_shown_alone" in r:
                lines.append(
                    f"  right paragraph shown in the answer: {r['dev_shown_alone']:.3f} alone, {r['dev_shown_mixed']:.3f} mixed"
                )
    return "\n".join(lines)


def plot(results: list[dict], path: Path) -> None:
    """p95 latency and build rate against archive size (matplotlib, the `bench` extra)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["paragraphs"] for r in results]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    series = [("minutesbot", lambda r: r)] + [(n, (lambda r, n=n: r["baselines"][n])) for n in results[0]["baselines"]]
    for name, get in series:
        left.plot(sizes, [get(r)["ask_p95_ms"] for r in results], marker="o", label=name)
        right.plot(sizes, [get(r)["build_per_s"] for r in results], marker="o", label=name)
    left.set(xscale="log", yscale="log", xlabel="paragraphs", ylabel="p95 ask/query latency (ms)", title="Answer latency, p95")
    right.set(xscale="log", xlabel="paragraphs", ylabel="paragraphs indexed per second", title="Full build rate")
    left.axhline(150, color="grey", linestyle=":", label="target 150 ms")
    right.axhline(1000, color="grey", linestyle=":", label="target 1,000/s")
    for ax in (left, right):
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
