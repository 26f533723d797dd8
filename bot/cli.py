"""The `minutesbot` command: validates arguments, calls the library, turns errors into words."""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import sys
from pathlib import Path

from index.errors import IndexBusy, IndexMissing, MinutesError
from index.indexer import IndexReport, update_index
from index.search import Filters, Hit, InvalidFilter, MinutesIndex, parse_filters

from .config import Config, ConfigError, load_config
from .wording import file_warning

STATUS_WORDS = {
    "decided": "decided",
    "proposed": "proposed to",
    "forwarded": "forwarded to",
    "referred_back": "referred back",
    "tabled": "tabled",
    "rejected": "rejected",
    "answered": "answered",
    "noted": "noted",
    "withdrawn": "withdrawn",
    "unknown": "status unknown",
}


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="config file (default ./config.yaml, or $MINUTESBOT_CONFIG)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="minutesbot", description="Ask what a municipality decided.")
    _common(parser)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("index", help="index new, changed and deleted minutes files")
    _common(p)
    p.add_argument("--rebuild", action="store_true", help="re-read every file, not only changed ones")
    p.add_argument("--quiet", action="store_true", help="no progress bar")

    p = sub.add_parser("search", help="full-text search over the paragraphs (§)")
    _common(p)
    p.add_argument("query", nargs="+", help="words to look for; \"quotes\" for a phrase")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--body", help="body name or code: KF, KS, KSAU, BUN, ...")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="from date (YYYY-MM-DD, YYYY-MM, YYYY)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="to date (YYYY-MM-DD, YYYY-MM, YYYY)")
    p.add_argument("--case", help="only this case number (any printed style)")
    p.add_argument("--status", help="decided, proposed, forwarded, referred_back, tabled, rejected, ...")
    p.add_argument("--limit", type=int, help="how many hits (default from config)")

    p = sub.add_parser("ask", help="ask a question in Swedish or English")
    _common(p)
    p.add_argument("question", nargs="+", help='e.g. "Vad hände med vänortssamarbetet?"')
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--lang", choices=("sv", "en"), help="answer language (default: the question's)")

    p = sub.add_parser("chat", help="ask questions one after another at a prompt")
    _common(p)
    p.add_argument("--lang", choices=("sv", "en"), help="answer language (default: each question's)")

    p = sub.add_parser("eval", help="score answers on a question set, beside a plain-Whoosh baseline")
    _common(p)
    p.add_argument("questions", help="question set (YAML), e.g. data/eval/dev.yaml")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--no-baseline", action="store_true", help="skip the baseline row")
    p.add_argument("--misses", action="store_true", help="list the questions answered wrongly")
    p.add_argument(
        "--calibrate", action="store_true", help="sweep the not-found thresholds instead (see README)"
    )

    p = sub.add_parser("bench", help="measure speed, memory and quality on synthetic archives")
    _common(p)
    p.add_argument("--paragraphs", default="1000,10000", help="archive sizes, comma-separated (default 1000,10000)")
    p.add_argument("--json", action="store_true", help="print one JSON object per size")
    p.add_argument("--procs", type=int, help="processes for building (default from config)")
    p.add_argument("--work", metavar="DIR", help="where to generate archives (outside the repo; default a temporary folder)")
    p.add_argument("--keep", action="store_true", help="keep the generated archives and indexes")
    p.add_argument("--no-quality", action="store_true", help="skip the dev-set quality check")
    p.add_argument("--seed", type=int, default=1, help="the synthetic archive's seed (default 1): another seed, another archive")
    p.add_argument("--plot", metavar="PNG", help="also draw p95 latency and build rate against size (needs matplotlib)")

    p = sub.add_parser("discord", help="run the Discord bot (token from DISCORD_TOKEN)")
    _common(p)

    p = sub.add_parser("case", help="every paragraph of one matter, oldest first")
    _common(p)
    p.add_argument("case", nargs="+", help='case number in any style, e.g. "KS 2022/1011"')
    p.add_argument("--json", action="store_true", help="print JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Arguments whose bytes are not UTF-8 arrive as lone surrogates, which no output can
    # print: they become U+FFFD before anything else sees them.
    for name in ("query", "question", "case"):
        value = getattr(args, name, None)
        if isinstance(value, list):
            setattr(args, name, [_decodable(v) for v in value])
    try:
        config = load_config(getattr(args, "config", None))
        handlers = {
            "index": cmd_index, "search": cmd_search, "case": cmd_case, "ask": cmd_ask,
            "chat": cmd_chat, "eval": cmd_eval, "bench": cmd_bench,
            "discord": lambda config, args: cmd_discord(config),
        }
        return handlers[args.command](config, args)
    except ConfigError as exc:
        return _fail(f"configuration: {exc}")
    except IndexMissing:
        return _fail("no index yet: run `minutesbot index` first")
    except IndexBusy:
        return _fail("the index is being updated by another process; try again in a moment")
    except InvalidFilter as exc:
        return _fail(str(exc))
    except MinutesError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted; the index is as it was before this run", code=130)
    except BrokenPipeError:
        # The reader went away (`minutesbot ... | head`): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return 2


def _fail(message: str, code: int = 1) -> int:
    print(f"minutesbot: {message}", file=sys.stderr)
    return code


def _progress_bar(quiet: bool):
    if quiet:
        return None, None
    from tqdm import tqdm

    bar = tqdm(total=0, unit="file", desc="Indexing", file=sys.stderr, leave=False, dynamic_ncols=True)

    def progress(done: int, total: int, name: str) -> None:
        bar.total = total
        bar.n = done
        bar.set_postfix_str(name[-40:], refresh=False)
        bar.refresh()

    return progress, bar


def cmd_index(config: Config, args: argparse.Namespace) -> int:
    progress, bar = _progress_bar(args.quiet or not sys.stderr.isatty())
    try:
        report = update_index(
            config.minutes_dir,
            config.index_dir,
            rebuild=args.rebuild,
            max_bytes=config.max_bytes,
            progress=progress,
            procs=config.index_procs,
        )
    finally:
        if bar is not None:
            bar.close()
    print(format_report(report, config.minutes_dir))
    return 0


def _decodable(text: str) -> str:
    """Bytes that were not UTF-8 (lone surrogates from argv or file names) as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def shown(text: str) -> str:
    """Text from outside (file names, questions) fit for one terminal line: control
    characters escaped, bytes that are not UTF-8 replaced."""
    text = _decodable(text)
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def format_report(report: IndexReport, minutes_dir: Path) -> str:
    lines = [
        f"Index of {minutes_dir}",
        f"  files:      {report.files} found, {report.indexed_files} indexed"
        f" ({len(report.added)} new, {len(report.changed)} changed, {len(report.deleted)} deleted,"
        f" {report.unchanged} unchanged)",
        f"  paragraphs: {report.paragraphs} in the index ({report.new_paragraphs} read in this run)",
    ]
    if report.skipped:
        lines.append(f"  skipped:    {len(report.skipped)} file(s)")
        lines += [f"    {shown(o.source)}: {shown(o.skipped)}" for o in report.skipped]
    if report.duplicates:
        lines.append(f"  duplicates: {len(report.duplicates)} file(s), indexed once")
        lines += [f"    {shown(o.source)}: same content as {shown(o.duplicate_of)}" for o in report.duplicates]
    if report.warnings:
        lines.append(f"  warnings:   {len(report.warnings)} file(s)")
        lines += [f"    {shown(o.source)}: {shown(file_warning(o, 'en'))}" for o in report.warnings]
    lines.append(f"  time:       {report.seconds:.2f} s{' (full rebuild)' if report.rebuilt else ''}")
    return "\n".join(lines)


def _filters(args: argparse.Namespace) -> Filters:
    return parse_filters(
        body=args.body, date_from=args.date_from, date_to=args.date_to, case=args.case, status=args.status
    )


def cmd_search(config: Config, args: argparse.Namespace) -> int:
    text = " ".join(args.query)
    filters = _filters(args)
    limit = args.limit if args.limit and args.limit > 0 else config.search_limit
    with MinutesIndex(config.index_dir) as ix:
        hits = ix.search(text, filters, limit=limit)
    if args.json:
        _print_json({"query": text, "hits": [h.to_json() for h in hits]})
        return 0
    if not hits:
        print("No paragraphs found.")
        return 0
    for i, hit in enumerate(hits, start=1):
        print(format_hit(hit, i))
    return 0


def cmd_case(config: Config, args: argparse.Namespace) -> int:
    text = " ".join(args.case)
    with MinutesIndex(config.index_dir) as ix:
        hits = ix.case(text)
    if args.json:
        _print_json({"case": text, "paragraphs": [h.to_json() for h in hits]})
        return 0
    if not hits:
        print(f"No paragraphs with case number {text}.")
        return 0
    print(f"Case {text}: {len(hits)} paragraph(s), oldest first")
    for i, hit in enumerate(hits, start=1):
        print(format_hit(hit, i))
    return 0


def _engine(config: Config):
    """An engine on the configured index; a new user's first question builds the index."""
    try:
        return _scoped_engine(config)
    except IndexMissing:
        print("No index yet: building it from", config.minutes_dir, file=sys.stderr)
        progress, bar = _progress_bar(not sys.stderr.isatty())
        try:
            report = update_index(
                config.minutes_dir, config.index_dir, max_bytes=config.max_bytes, progress=progress
            )
        finally:
            if bar is not None:
                bar.close()
        print(format_report(report, config.minutes_dir), file=sys.stderr)
        return _scoped_engine(config)


def _scoped_engine(config: Config):
    from index.schema import municipality_key

    from .engine import Engine

    engine = Engine(config.index_dir, scope=config.municipalities)
    # A misspelt name in `municipalities` would leave every unnamed question without answers.
    known = engine.index.known_municipalities()
    missing = [name for name in config.municipalities if municipality_key(name) not in known]
    if missing:
        names = ", ".join(sorted(known.values())) or "none"
        print(
            f"warning: the municipalities setting names {', '.join(missing)}, which no paragraph in the "
            f"index belongs to (the index holds: {names})",
            file=sys.stderr,
        )
    return engine


def cmd_ask(config: Config, args: argparse.Namespace) -> int:
    from .render import render_text

    with _engine(config) as engine:
        answer = engine.ask(" ".join(args.question), language=args.lang)
    if args.json:
        _print_json(answer.to_json())
    else:
        print(render_text(answer))
    return 0


def cmd_chat(config: Config, args: argparse.Namespace) -> int:
    from .render import render_text

    history = _start_history()
    with _engine(config) as engine:
        print("Ask about the minutes (Swedish or English). Empty line or Ctrl-D to quit.")
        while True:
            try:
                text = input("? ").strip()
            except EOFError:
                print()
                break
            if not text:
                break
            print(render_text(engine.ask(text, language=args.lang)))
            print()
    _save_history(history)
    return 0


def cmd_eval(config: Config, args: argparse.Namespace) -> int:
    from .evaluate import (
        QuestionSetError,
        calibrate,
        evaluate,
        format_calibration,
        format_table,
        misses,
    )

    try:
        text = Path(args.questions).read_text(encoding="utf-8")
    except OSError as exc:
        return _fail(f"cannot read {args.questions}: {exc.strerror or exc}")
    with _engine(config) as engine:
        try:
            if args.calibrate:
                print(format_calibration(calibrate(engine, text)))
                return 0
            systems, ours = evaluate(engine, text, with_baseline=not args.no_baseline)
        except QuestionSetError as exc:
            return _fail(f"{args.questions}: {exc}")
    if args.json:
        _print_json({name: {g: s.to_json() for g, s in rows.items()} for name, rows in systems.items()})
    else:
        print(format_table(systems))
    if args.misses:
        print("\n".join(misses(ours)) or "no misses")
    return 0


def cmd_bench(config: Config, args: argparse.Namespace) -> int:
    from .bench import format_table, machine, plot, run_bench

    try:
        sizes = [int(x) for x in args.paragraphs.replace("_", "").split(",") if x.strip()]
    except ValueError:
        return _fail(f"--paragraphs takes whole numbers separated by commas, not {args.paragraphs!r}")
    if not sizes or min(sizes) < 50:
        return _fail("--paragraphs: sizes of at least 50 paragraphs")
    procs = args.procs or max(config.index_procs, 2)
    if args.plot and importlib.util.find_spec("matplotlib") is None:
        # Said before the run, not after its quarter of an hour.
        return _fail("--plot needs matplotlib: pip install -e '.[bench]'")

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    log(f"machine: {machine()}; build processes: {procs}")
    try:
        results = run_bench(
            sizes, procs=procs, work=Path(args.work) if args.work else None, keep=args.keep, log=log,
            quality=not args.no_quality, seed=args.seed,
        )
    except (ValueError, RuntimeError) as exc:
        return _fail(str(exc))
    if args.json:
        for result in results:
            print(json.dumps(result, ensure_ascii=False))
    else:
        print(format_table(results))
    if args.plot:
        plot(results, Path(args.plot))
        log(f"plot written to {args.plot}")
    return 0


def cmd_discord(config: Config) -> int:
    token = os.environ.get("DISCORD_TOKEN", "").strip()
    if not token:
        return _fail("set DISCORD_TOKEN to the bot's token (Discord developer portal → Bot → Reset Token)")
    import logging

    from .discord_app import run_bot
    from .store import Store

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    engine = _engine(config)
    store = Store(config.index_dir.parent / "bot.sqlite3")

    def reindex(progress):
        return update_index(
            config.minutes_dir, config.index_dir, max_bytes=config.max_bytes, progress=progress, procs=config.index_procs
        )

    try:
        problem = run_bot(token, engine=engine, store=store, config=config, reindex=reindex)
    finally:
        store.close()
        engine.close()
    return _fail(problem) if problem else 0


def _start_history():
    try:
        import readline
    except ImportError:  # not on every platform; the prompt works without it
        return None
    path = Path.home() / ".minutesbot_history"
    with contextlib.suppress(OSError):
        readline.read_history_file(path)
    return readline, path


def _save_history(history) -> None:
    if history is None:
        return
    readline, path = history
    try:
        readline.set_history_length(1000)
        readline.write_history_file(path)
    except OSError:
        pass


def format_hit(hit: Hit, rank: int) -> str:
    status = STATUS_WORDS.get(hit.status, hit.status)
    if hit.next_body:
        status = f"{status} {hit.next_body}"
    cases = ", ".join(hit.case_numbers)
    where = f"{hit.source}" + (f", page {hit.page}" if hit.page else "")
    return (
        f"{rank:>2}. {hit.body} {hit.meeting_date} § {hit.paragraph}  {hit.title}\n"
        f"    {status}" + (f" · Dnr {cases}" if cases else "") + f" · {where}"
    )


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    sys.exit(main())
