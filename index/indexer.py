"""Incremental, crash-safe indexing of a minutes directory.

Each run compares the files on disk with the file documents in the index by content hash, so
only new and changed files are read and parsed, and deleted files leave the index. Everything a
run changes lands in one Whoosh commit: Whoosh writes new segment files first and then renames
a new table of contents into place, so a run killed at any point leaves the previous commit
whole, and readers opened before the commit keep seeing it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import queue
import re
import stat
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import writing
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from .analysis import (
    adopt_lexicon_table,
    lexicon_loaded,
    lexicon_table,
    lexicon_table_name,
    warm_up,
)
from .errors import IndexBusy, IndexMissing, MinutesError
from .parser import parse_protocol, parse_unnumbered
from .readers import SUPPORTED_SUFFIXES, TOO_LARGE, read_file
from .schema import (
    INDEX_NAME,
    KIND_FILE,
    UNKNOWN_MUNICIPALITY,
    build_schema,
    file_document,
    municipality_key,
    paragraph_document,
)
from .segment import FastSegmentWriter

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class FileOutcome:
    source: str
    paragraphs: int
    skipped: str = ""  # why the file is not in the index, empty if it is
    warning: str = ""  # indexed, but something the clerk should know
    duplicate_of: str = ""
    # Which meeting the file holds ("ekbacka|KS|2023-10-31") and its paragraph numbers: the
    # same meeting saved twice (a PDF and its Word original) is found by these.
    meeting: str = ""
    numbers: tuple[str, ...] = ()
    # Other files holding paragraphs of the same meeting; worked out for each report.
    same_meeting: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndexReport:
    files: int  # files found in the minutes directory
    indexed_files: int  # files whose paragraphs are in the index after the run
    paragraphs: int  # paragraphs in the index after the run
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    unchanged: int = 0
    new_paragraphs: int = 0
    skipped: tuple[FileOutcome, ...] = ()
    warnings: tuple[FileOutcome, ...] = ()
    duplicates: tuple[FileOutcome, ...] = ()
    seconds: float = 0.0
    rebuilt: bool = False
    changed_doc_ids: tuple[str, ...] = field(default=(), repr=False)


# What an office and its file shares leave beside the documents, never minutes: Word's lock
# files, Windows' thumbnail caches, and the download marks that copying from Windows keeps.
_JUNK = re.compile(r"^~\$|^(?:thumbs\.db|desktop\.ini)$|:zone\.identifier$", re.IGNORECASE)


def scan_minutes(minutes_dir: Path) -> list[str]:
    """Files under `minutes_dir`, as sorted POSIX paths relative to it; hidden ones and
    office clutter left out."""
    if not minutes_dir.is_dir():
        raise MinutesError(f"minutes directory not found: {minutes_dir}")
    found = []
    for root, dirs, files in os.walk(minutes_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or _JUNK.search(name):
                continue
            found.append((Path(root) / name).relative_to(minutes_dir).as_posix())
    return sorted(found)


def _hash_all(minutes_dir: Path, sources: list[str]) -> tuple[dict[str, str], dict[str, FileOutcome]]:
    """Content hashes of the files; files that cannot be read at all (a dangling link, no
    permission, a name that is not UTF-8) come back apart, each with its reason."""
    hashes: dict[str, str] = {}
    unreadable: dict[str, FileOutcome] = {}
    for src in sources:
        try:
            src.encode("utf-8")
        except UnicodeEncodeError:
            shown = src.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            unreadable[shown] = FileOutcome(shown, 0, skipped="the file name is not valid UTF-8: rename the file")
            continue
        try:
            # Only regular files are read: a named pipe would block the run forever.
            if not stat.S_ISREG(os.stat(minutes_dir / src).st_mode):
                unreadable[src] = FileOutcome(src, 0, skipped="not a regular file")
                continue
            hashes[src] = file_hash(minutes_dir / src)
        except OSError as exc:
            unreadable[src] = FileOutcome(src, 0, skipped=f"cannot read the file: {exc.strerror or exc}")
    return hashes, unreadable


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_or_create(index_dir: Path):
    index_dir.mkdir(parents=True, exist_ok=True)
    storage = FileStorage(str(index_dir))
    if whoosh_index.exists(storage, indexname=INDEX_NAME):
        return storage.open_index(indexname=INDEX_NAME)
    return storage.create_index(build_schema(), indexname=INDEX_NAME)


def open_existing(index_dir: Path):
    # No mmap: Whoosh copies a whole mapped segment file into memory whenever it opens one
    # (stored fields, lengths), which at 100,000 paragraphs cost some 300 MB of RSS for what
    # reads a few blocks at a time. Plain reads fetch only the blocks wanted.
    storage = FileStorage(str(index_dir), supports_mmap=False)
    if not index_dir.is_dir() or not whoosh_index.exists(storage, indexname=INDEX_NAME):
        raise IndexMissing(f"no index in {index_dir}")
    ix = storage.open_index(indexname=INDEX_NAME)
    if ix.doc_count_all() == 0:
        # A first build that was interrupted, or is still running, leaves an index with no
        # commit of its own: "nothing found" from it would be a wrong answer, not an empty one.
        raise IndexMissing(f"the index in {index_dir} has not been built yet")
    return ix


def indexed_files(ix) -> dict[str, tuple[str, dict]]:
    """source -> (content hash, outcome) as recorded by the last commit."""
    with ix.searcher() as searcher:
        return {
            doc["source"]: (doc["content_hash"], doc.get("outcome") or {})
            for doc in searcher.documents(kind=KIND_FILE)
        }


def update_index(
    minutes_dir: Path,
    index_dir: Path,
    *,
    rebuild: bool = False,
    max_bytes: int | None = None,
    progress: Progress | None = None,
    procs: int = 1,
) -> IndexReport:
    """Bring the index in `index_dir` up to date with `minutes_dir`; one commit, or none."""
    started = time.monotonic()
    sources = scan_minutes(minutes_dir)
    ix = open_or_create(index_dir)
    known = {} if rebuild else indexed_files(ix)

    hashes, unreadable = _hash_all(minutes_dir, sources)
    for src in [s for s in unreadable if s in known]:
        # Unreadable for now, not gone: the indexed version stays until the file is back.
        hashes[src] = known[src][0]
        unreadable[src] = FileOutcome(src, 0, warning=f"{unreadable[src].skipped}; the indexed version is kept")
    sources = [src for src in sources if src in hashes]
    deleted = sorted(set(known) - set(hashes))
    changed = [src for src in sources if rebuild or src not in known or known[src][0] != hashes[src]]
    # A file skipped as too large is read once the limit is raised; it has not changed.
    same_content = set(sources) - set(changed)
    retried = [src for src in sources if src in same_content and _fits_now(known[src][1], minutes_dir / src, max_bytes)]
    todo = changed + retried
    # A duplicate is looked at again whenever the file it duplicates changes or goes away.
    # Only an indexed file is an original: a copy must not hide behind one that was skipped.
    by_hash: dict[str, str] = {}
    for src in sources:
        if src in known and src not in todo and not known[src][1].get("duplicate_of"):
            by_hash.setdefault(hashes[src], src)
    todo += [
        src for src in sources
        if src not in todo and known.get(src, ("", {}))[1].get("duplicate_of")
        and by_hash.get(hashes[src]) != known[src][1]["duplicate_of"]
    ]
    todo.sort()

    outcomes: dict[str, FileOutcome] = {}
    changed_ids: list[str] = []
    new_paragraphs = 0
    if todo or deleted or rebuild:
        load_lexicon_table(index_dir)
        duplicates = _plan_duplicates(todo, hashes, by_hash)
        jobs = [(minutes_dir, src, hashes[src], max_bytes) for src in todo if src not in duplicates]
        try:
            writer = _Writer(ix, limitmb=256)
        except LockError as exc:
            raise IndexBusy("another process is updating the index") from exc
        _remove_stale_tables(index_dir)
        try:
            for src in deleted:
                writer.delete_by_term("source", src)
            if procs > 1 and len(jobs) >= _MIN_FILES_FOR_WORKERS:
                # Each worker reads, parses and writes a segment of its own; this process
                # adds the file records and commits all segments at once.
                results, writer.extra_segments = _index_in_workers(index_dir, jobs, procs, progress, len(todo))
                paragraphs = None
            else:
                results, paragraphs = {}, _parse_in_order(jobs)
            for done, src in enumerate(todo, start=1):
                if progress and paragraphs is not None:
                    progress(done - 1, len(todo), src)
                docs = []
                if src in duplicates:
                    outcome, doc_ids = FileOutcome(src, 0, duplicate_of=duplicates[src]), []
                elif paragraphs is None:
                    outcome, doc_ids = results[src]
                else:
                    outcome, docs = next(paragraphs)
                    doc_ids = [doc["doc_id"] for doc in docs]
                if outcome.skipped and not rebuild and known.get(src, ("", {}))[1].get("paragraphs"):
                    # A protocol overwritten by a damaged or empty copy keeps its paragraphs
                    # (and its record, so the next run reads the file again) until it is fixed
                    # or deleted: a half-copied file must not take a meeting out of the index.
                    outcomes[src] = replace(
                        outcome, skipped="", paragraphs=known[src][1]["paragraphs"],
                        warning=f"{outcome.skipped}; the indexed version is kept",
                    )
                    continue
                # Deletions reach the segments committed before, never this run's own.
                writer.delete_by_term("source", src)
                for doc in docs:
                    writer.add_document(**doc)
                outcomes[src] = outcome
                changed_ids += doc_ids
                new_paragraphs += len(doc_ids)
                writer.add_document(**file_document(src, hashes[src], _outcome_dict(outcome)))
            if progress:
                progress(len(todo), len(todo), "committing")
            writer.commit(mergetype=writing.CLEAR if rebuild else _merge_policy)
        except BaseException:
            # Cancelling must not hide why the run failed; the old index is intact either way.
            with contextlib.suppress(Exception):
                writer.cancel()
            raise
        prune_old_versions(index_dir)
        record_changes(index_dir, ix.latest_generation(), changed_ids, deleted, rebuild)

    save_lexicon_table(index_dir)
    recorded = indexed_files(ix)
    all_outcomes = {src: _outcome_from(src, out) for src, (_, out) in recorded.items()}
    all_outcomes.update(outcomes)
    all_outcomes.update(unreadable)
    all_outcomes.update(same_meetings(all_outcomes))
    with ix.searcher() as searcher:
        paragraph_count = searcher.doc_count() - len(recorded)
    return IndexReport(
        files=len(sources) + sum(1 for src in unreadable if src not in hashes),
        indexed_files=sum(1 for o in all_outcomes.values() if not o.skipped and not o.duplicate_of),
        paragraphs=paragraph_count,
        added=tuple(s for s in todo if s not in known),
        changed=tuple(s for s in todo if s in known and s not in retried),
        deleted=tuple(deleted),
        unchanged=len(sources) - len(todo) + len(retried),
        new_paragraphs=new_paragraphs,
        skipped=tuple(o for s, o in sorted(all_outcomes.items()) if o.skipped),
        warnings=tuple(o for s, o in sorted(all_outcomes.items()) if o.warning or o.same_meeting),
        duplicates=tuple(o for s, o in sorted(all_outcomes.items()) if o.duplicate_of),
        seconds=time.monotonic() - started,
        rebuilt=rebuild,
        changed_doc_ids=tuple(changed_ids),
    )


_EMPTY_HASH = hashlib.sha256(b"").hexdigest()


def _fits_now(outcome: dict, path: Path, max_bytes: int | None) -> bool:
    if not outcome.get("skipped", "").startswith(TOO_LARGE):
        return False
    with contextlib.suppress(OSError):
        return max_bytes is None or path.stat().st_size <= max_bytes
    return False


def _merge_policy(writer, segments):
    """Whoosh's MERGE_SMALL, after dropping the segments whose paragraphs were all replaced or
    removed and merging those mostly so. Each edit of a large protocol otherwise left its old
    segment behind: the index grew with every run until a rebuild."""
    from whoosh.reading import SegmentReader

    live = [segment for segment in segments if segment.doc_count() > 0]
    wasteful = [segment for segment in live if segment.deleted_count() * 2 > segment.doc_count_all()]
    for segment in wasteful:
        with SegmentReader(writer.storage, writer.schema, segment) as reader:
            writer.add_reader(reader)
    return writing.MERGE_SMALL(writer, [segment for segment in live if segment not in wasteful])


def same_meetings(outcomes: dict[str, FileOutcome]) -> dict[str, FileOutcome]:
    """The indexed files holding paragraphs of a meeting another file holds too, each naming
    the others (`same_meeting`). Not byte copies (those are `duplicate_of`): the same protocol
    as a PDF and as the Word file it was made from, or re-typed. Search shows such a
    paragraph once; the clerk decides which file stays. Extracts of different paragraphs of
    one meeting do not overlap and are not warned of."""
    by_meeting: dict[str, list[FileOutcome]] = {}
    for outcome in outcomes.values():
        # Protocols that print no municipality may be two towns' meetings of the same day.
        if outcome.meeting.startswith(UNKNOWN_MUNICIPALITY + "|"):
            continue
        if outcome.meeting and outcome.numbers and not outcome.skipped and not outcome.duplicate_of:
            by_meeting.setdefault(outcome.meeting, []).append(outcome)
    warned = {}
    for files in by_meeting.values():
        for outcome in files:
            others = [o.source for o in files if o is not outcome and set(o.numbers) & set(outcome.numbers)]
            if not others:
                continue
            warned[outcome.source] = replace(outcome, same_meeting=tuple(sorted(others)))
    return warned


def _plan_duplicates(todo: list[str], hashes: dict[str, str], claimed: dict[str, str]) -> dict[str, str]:
    """Files whose content another file already has (indexed, or earlier in the run): src ->
    the file it duplicates. Decided up front, so files can be read in any order. A file of
    a type no reader takes is never an original, nor is an empty file anyone's copy: each is
    reported for what it is."""
    claims = dict(claimed)
    duplicates = {}
    for src in todo:
        if hashes[src] == _EMPTY_HASH or Path(src).suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        original = claims.setdefault(hashes[src], src)
        if original != src:
            duplicates[src] = original
    return duplicates


class _Writer(FastSegmentWriter):
    """A segment writer that also commits segments written by worker processes."""

    extra_segments: list = []

    def _commit_toc(self, segments):
        super()._commit_toc(list(segments) + list(self.extra_segments))


_MIN_FILES_FOR_WORKERS = 16
# A worker starts a new segment after this many paragraphs: Whoosh sorts a segment's postings
# in memory up to `limitmb` and beyond that in runs on disk, merged in Python at the end. One
# segment per worker made a 100,000-paragraph build a third slower than segments of 10,000,
# which fit in memory (about 400 MB per worker at most).
_SEGMENT_DOCS = 10_000
_SEGMENT_MB = 384


def _parse_in_order(jobs: list[tuple]) -> Iterator[tuple[FileOutcome, list[dict]]]:
    for job in jobs:
        yield _read_and_parse(*job)


def _index_in_workers(
    index_dir: Path, jobs: list[tuple], procs: int, progress: Progress | None, total: int
) -> tuple[dict[str, tuple[FileOutcome, list[str]]], list]:
    """Split the files between `procs` worker processes, each writing one segment; return
    every file's outcome and paragraph ids, and the segments to commit."""
    # Forking a process that runs other threads (the Discord bot reindexes from one) can copy
    # a lock some thread holds; then the workers are spawned fresh instead.
    forking = threading.active_count() == 1
    context = multiprocessing.get_context("fork" if forking else "spawn")
    if forking:
        # Loaded once here, the word lists are shared with every worker instead of each
        # worker spending half a second building its own.
        warm_up()
    shares = [jobs[i::procs] for i in range(procs)]
    results: dict[str, tuple[FileOutcome, list[str]]] = {}
    segments = []
    with context.Manager() as manager, ProcessPoolExecutor(max_workers=procs, mp_context=context) as pool:
        done_queue = manager.Queue()
        futures = [pool.submit(_build_segment, str(index_dir), share, done_queue, _SEGMENT_DOCS) for share in shares if share]
        done = 0
        while not all(f.done() for f in futures):
            try:
                src = done_queue.get(timeout=0.2)
            except queue.Empty:
                continue
            done += 1
            if progress:
                progress(done, total, src)
        for future in futures:
            written, file_results = future.result()
            segments += written
            results.update((outcome.source, (outcome, doc_ids)) for outcome, doc_ids in file_results)
    return results, segments


def _build_segment(index_dir: str, jobs: list[tuple], done_queue, segment_docs: int) -> tuple[list, list]:
    """In a worker process: read, parse and index `jobs` into new segments, uncommitted.
    The parent holds the index's write lock and commits the segments with its own."""
    ix = FileStorage(index_dir).open_index(indexname=INDEX_NAME)
    writer = FastSegmentWriter(ix, _lk=False, limitmb=_SEGMENT_MB)
    segments, file_results = [], []
    for job in jobs:
        outcome, docs = _read_and_parse(*job)
        for doc in docs:
            writer.add_document(**doc)
        file_results.append((outcome, [doc["doc_id"] for doc in docs]))
        done_queue.put(outcome.source)
        if writer.doc_count() >= segment_docs:
            segments.append(writer._finalize_segment())
            writer = FastSegmentWriter(ix, _lk=False, limitmb=_SEGMENT_MB)
    # Not _finish(): it would remove the temporary folder the parent's writer shares.
    if writer.doc_count():
        segments.append(writer._finalize_segment())
    else:
        writer._close_segment()
    return segments, file_results


def _read_and_parse(
    minutes_dir: Path, src: str, content_hash: str, max_bytes: int | None
) -> tuple[FileOutcome, list[dict]]:
    """One file -> its outcome and its paragraphs' index documents (analysis included)."""
    suffix = Path(src).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return FileOutcome(src, 0, skipped=f"unsupported file type {suffix or '(none)'}"), []
    try:
        source_text = read_file(minutes_dir / src, max_bytes=max_bytes)
    except MinutesError as exc:
        return FileOutcome(src, 0, skipped=getattr(exc, "reason", str(exc))), []
    except OSError as exc:
        return FileOutcome(src, 0, skipped=f"cannot read the file: {exc.strerror or exc}"), []
    meeting = parse_protocol(source_text.text, src)
    # Pages without text are paragraphs missing from the index: the clerk must hear of it.
    warning = f"{source_text.lost}: that text is not indexed" if source_text.lost else ""
    if not meeting.paragraphs:
        meeting = parse_unnumbered(source_text.text, src)
        if not meeting.paragraphs:
            return FileOutcome(src, 0, skipped="no text found"), []
        warning = "; ".join(filter(None, ["no paragraph headings (§) found: indexed as one unnumbered document", warning]))
    docs = [paragraph_document(meeting, p, i, content_hash) for i, p in enumerate(meeting.paragraphs)]
    key = ""
    if meeting.body_code and meeting.meeting_date:
        key = f"{municipality_key(meeting.municipality or '')}|{meeting.body_code}|{meeting.meeting_date.isoformat()}"
    numbers = tuple(dict.fromkeys(p.number_norm for p in meeting.paragraphs if p.number_norm))
    return FileOutcome(src, len(docs), warning=warning, meeting=key, numbers=numbers), docs


def _outcome_dict(outcome: FileOutcome) -> dict:
    return {
        "paragraphs": outcome.paragraphs,
        "skipped": outcome.skipped,
        "warning": outcome.warning,
        "duplicate_of": outcome.duplicate_of,
        "meeting": outcome.meeting,
        "numbers": list(outcome.numbers),
    }


def _outcome_from(src: str, data: dict) -> FileOutcome:
    return FileOutcome(
        src,
        int(data.get("paragraphs", 0)),
        skipped=data.get("skipped", ""),
        warning=data.get("warning", ""),
        duplicate_of=data.get("duplicate_of", ""),
        meeting=data.get("meeting", ""),
        numbers=tuple(data.get("numbers", ())),
    )


def delete_index(index_dir: Path) -> None:
    """Remove this schema version's files only; anything else in the directory is left."""
    storage = FileStorage(str(index_dir))
    for name in list(storage.list()):
        if name.startswith((f"_{INDEX_NAME}_", f"{INDEX_NAME}_")):
            storage.delete_file(name)


CHANGES_FILE = "changes.jsonl"
CHANGES_KEPT = 500


def record_changes(index_dir: Path, generation: int, added: list[str], deleted: list[str], rebuild: bool) -> None:
    """Append what a commit added to the change feed, so another process (the Discord bot
    alerting followers) learns of paragraphs indexed by the CLI. Only the last entries are
    kept. Written after the commit: a crash in between loses an alert, never index data."""
    path = index_dir / CHANGES_FILE
    entry = {
        "generation": generation,
        "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "added": added,
        "deleted_sources": deleted,
        "rebuild": rebuild,
    }
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lines = (lines + [json.dumps(entry, ensure_ascii=False)])[-CHANGES_KEPT:]
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_changes(index_dir: Path, after_generation: int) -> list[dict]:
    """Change-feed entries of commits after `after_generation`, oldest first."""
    path = index_dir / CHANGES_FILE
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict) and entry.get("generation", -1) > after_generation:
            entries.append(entry)
    return entries


def _remove_stale_tables(index_dir: Path) -> None:
    """Temporary tables of contents left by a run killed while committing. Whoosh writes the
    table under a temporary name and renames it; it never cleans up a rename that did not
    happen. Called while holding the write lock, so no commit is under way."""
    for entry in index_dir.iterdir():
        if entry.name.startswith(f"_{INDEX_NAME}_") and ".toc." in entry.name:
            with contextlib.suppress(OSError):
                entry.unlink()


def load_lexicon_table(index_dir: Path) -> None:
    """Use the lexicon's stems saved beside the index, if this code saved them: a third of a
    second less before the first paragraph is analysed or the first question answered."""
    if lexicon_loaded():
        return
    with contextlib.suppress(OSError):
        adopt_lexicon_table((index_dir / lexicon_table_name()).read_bytes())


def save_lexicon_table(index_dir: Path) -> None:
    """Leave the lexicon's stems beside the index for opening it (`analysis.lexicon_table`);
    written once per version of the analysis, and the tables of other versions removed."""
    path = index_dir / lexicon_table_name()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        if not path.exists():
            tmp.write_bytes(lexicon_table())
            os.replace(tmp, path)
    except OSError:
        # Only opening is slower without it: a full disk must not fail a committed run.
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return
    for old in index_dir.glob("lexicon-*.marshal"):
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()


def prune_old_versions(index_dir: Path) -> None:
    """Delete indexes of older schema versions once the current one is committed."""
    prefix = INDEX_NAME.rsplit("_v", 1)[0] + "_v"
    for entry in index_dir.iterdir() if index_dir.is_dir() else ():
        name = entry.name.lstrip("_")
        if name.startswith(prefix) and not name.startswith(INDEX_NAME + "_") and entry.is_file():
            with contextlib.suppress(OSError):
                entry.unlink()
