"""Limits the chat imposes: a per-user rate limit, and what an uploaded minutes file may be."""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Callable
from pathlib import Path


class RateLimiter:
    """At most `limit` events per user in any `window` seconds (a sliding window)."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic):
        self.limit, self.window, self._clock = limit, window, clock
        self._events: dict[int, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, user_id: int) -> float:
        """0 when the user may go ahead (and the event is counted), else seconds to wait."""
        now = self._clock()
        with self._lock:
            events = self._events.setdefault(user_id, deque())
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return events[0] + self.window - now
            events.append(now)
            return 0.0


class UploadRejected(ValueError):
    """An uploaded file that will not be saved; the message says why, for the clerk."""


_UNSAFE = re.compile(r"[^A-Za-z0-9ÅÄÖåäöÉéÜü._-]+")


def safe_filename(name: str) -> str:
    """A file name that stays inside the minutes folder and reads well on any system.

    Path separators, parent references, NUL and control characters, and look-alikes of them
    (fullwidth slash, division slash) are removed; whatever remains is letters, digits, dot,
    dash and underscore.

    >>> safe_filename("../../etc/passwd"), safe_filename("KS protokoll 2024-03-12.PDF")
    ('passwd', 'KS_protokoll_2024-03-12.PDF')
    """
    name = unicodedata.normalize("NFKC", name)  # folds fullwidth "／" and similar to ASCII
    name = name.replace("\\", "/").rstrip("/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = _UNSAFE.sub("_", stem).strip("._-")
    # File systems allow 255 bytes; å, ä, ö take two each, hence characters well under that.
    suffix = _UNSAFE.sub("", suffix)[:16]
    stem = stem[:100] or "minutes"
    return f"{stem}.{suffix}" if suffix else stem


def check_upload(filename: str, size: int, allowed: tuple[str, ...], max_bytes: int) -> str:
    """The name to save an upload under, or UploadRejected."""
    name = safe_filename(filename)
    suffix = Path(name).suffix.lower()
    if suffix not in allowed:
        raise UploadRejected(f"{suffix or 'no file ending'} is not accepted; send one of {', '.join(allowed)}")
    if size <= 0:
        raise UploadRejected("the file is empty")
    if size > max_bytes:
        raise UploadRejected(f"the file is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB")
    return name


def upload_path(minutes_dir: Path, name: str, folder: str = "uploads") -> Path:
    """Where to save an upload: under minutes_dir/uploads, never outside, never over a file."""
    base = (minutes_dir / folder).resolve()
    target = (base / name).resolve()
    if base not in target.parents:
        raise UploadRejected("that file name cannot be used")
    stem, suffix, n = target.stem, target.suffix, 1
    while target.exists():
        n += 1
        target = base / f"{stem}-{n}{suffix}"
    return target
