"""Settings, declared once: name, default and help. Secrets never live here (see DISCORD_TOKEN)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS = (
    Setting("minutes_dir", "data/minutes", "Folder of minutes files (PDF, DOCX, HTML, Markdown, text), relative to the config file."),
    Setting("index_dir", "var/index", "Folder of the built search index (derived data), relative to the config file."),
    Setting("max_file_mb", 50, "Files larger than this many megabytes are skipped when indexing."),
    Setting("search_limit", 10, "How many hits `search` shows when --limit is not given."),
    Setting("index_procs", 1, "Processes used to build the index (2 on a two-core machine halves a full build)."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


class ConfigError(Exception):
    """A configuration problem, named by file and key."""


@dataclass(frozen=True)
class Config:
    path: Path | None
    minutes_dir: Path
    index_dir: Path
    max_file_mb: int
    search_limit: int
    index_procs: int

    @property
    def max_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024


def config_path(explicit: str | None) -> Path:
    return Path(explicit or os.environ.get("MINUTESBOT_CONFIG") or "config.yaml")


def load_config(explicit: str | None = None) -> Config:
    """Read the config file; a missing default file means the defaults, relative to cwd."""
    path = config_path(explicit)
    if not path.exists():
        if explicit or os.environ.get("MINUTESBOT_CONFIG"):
            raise ConfigError(f"{path}: config file not found")
        return _build({}, None, Path.cwd())
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings")
    return _build(data, path, path.resolve().parent)


def _build(data: dict, path: Path | None, base: Path) -> Config:
    where = str(path) if path else "defaults"
    unknown = sorted(set(data) - set(_BY_NAME) - {"discord"})
    if unknown:
        raise ConfigError(f"{where}: unknown setting {unknown[0]!r}")
    values = {s.name: data.get(s.name, s.default) for s in SETTINGS}
    for key in ("minutes_dir", "index_dir"):
        if not isinstance(values[key], str) or not values[key].strip():
            raise ConfigError(f"{where}: {key} must be a folder path")
    for key in ("max_file_mb", "search_limit", "index_procs"):
        if not isinstance(values[key], int) or isinstance(values[key], bool) or values[key] < 1:
            raise ConfigError(f"{where}: {key} must be a whole number of at least 1")
    return Config(
        path=path,
        minutes_dir=(base / values["minutes_dir"]).resolve(),
        index_dir=(base / values["index_dir"]).resolve(),
        max_file_mb=values["max_file_mb"],
        search_limit=values["search_limit"],
        index_procs=values["index_procs"],
    )
