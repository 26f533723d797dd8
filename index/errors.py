"""Small named exceptions; the CLI and the Discord adapter turn them into user words."""

from __future__ import annotations


class MinutesError(Exception):
    """Base for every error the library raises on purpose."""


class ReadError(MinutesError):
    """A file could not be turned into text; `reason` says why in plain words."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class IndexMissing(MinutesError):
    """No index has been built in the configured directory yet."""


class IndexBusy(MinutesError):
    """Another process is writing the index."""
