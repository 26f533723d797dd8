"""Settings, declared once: name, kind, default and help. Secrets never live here: the Discord
token comes only from the DISCORD_TOKEN environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Setting:
    name: str  # dotted for nested settings: "discord.clerk_role"
    kind: str  # path, int, str, ids, strs, lang
    default: object
    help: str


SETTINGS = (
    Setting("minutes_dir", "path", "data/minutes", "Folder of minutes files (PDF, DOCX, HTML, Markdown, text), relative to the config file."),
    Setting("index_dir", "path", "var/index", "Folder of the built search index (derived data), relative to the config file."),
    Setting("max_file_mb", "int", 50, "Files larger than this many megabytes are skipped when indexing."),
    Setting("search_limit", "int", 10, "How many hits `search` shows when --limit is not given."),
    Setting("index_procs", "int", 1, "Processes used to build the index (2 on a two-core machine halves a full build)."),
    Setting("municipalities", "strs", [], "Municipalities (as the minutes name them, e.g. Ekbacka kommun) a question is answered from when it names none; empty means every municipality in the index."),
    Setting("discord.guild_ids", "ids", [], "Servers (guild ids) to sync the slash commands to; empty means globally."),
    Setting("discord.answer_channels", "ids", [], "Channel ids where the bot answers plain messages (it always answers mentions and DMs)."),
    Setting("discord.clerk_role", "str", "Clerk", "Role (name or id) allowed to reindex, upload minutes and manage other channels' follows."),
    Setting("discord.default_language", "lang", "sv", "Language of replies when a question's own language is unclear: sv or en."),
    Setting("discord.rate_limit", "int", 6, "Questions one user may ask per rate window."),
    Setting("discord.rate_window_s", "int", 60, "Length of the rate window in seconds."),
    Setting("discord.upload_max_mb", "int", 25, "Largest minutes file a clerk may upload, in megabytes."),
    Setting("discord.upload_types", "strs", [".pdf", ".docx", ".html", ".htm", ".md", ".txt"], "File endings accepted for upload."),
    Setting("discord.follow_poll_s", "int", 30, "How often (seconds) the bot looks for paragraphs indexed by others, to alert followers."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


class ConfigError(Exception):
    """A configuration problem, named by file and key."""


@dataclass(frozen=True)
class DiscordSettings:
    guild_ids: tuple[int, ...]
    answer_channels: tuple[int, ...]
    clerk_role: str
    default_language: str
    rate_limit: int
    rate_window_s: int
    upload_max_mb: int
    upload_types: tuple[str, ...]
    follow_poll_s: int


@dataclass(frozen=True)
class Config:
    path: Path | None
    minutes_dir: Path
    index_dir: Path
    max_file_mb: int
    search_limit: int
    index_procs: int
    municipalities: tuple[str, ...]
    discord: DiscordSettings

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


def _flatten(data: dict, where: str) -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in data.items():
        if key == "discord":
            if value is None:
                continue
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: discord must be a mapping of settings")
            flat.update({f"discord.{k}": v for k, v in value.items()})
        else:
            flat[str(key)] = value
    return flat


def _check(setting: Setting, value: object, where: str) -> object:
    def bad(what: str) -> ConfigError:
        return ConfigError(f"{where}: {setting.name} must be {what}")

    if setting.kind == "path":
        if not isinstance(value, str) or not value.strip():
            raise bad("a folder path")
    elif setting.kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise bad("a whole number of at least 1")
    elif setting.kind == "str":
        if not isinstance(value, (str, int)) or isinstance(value, bool) or not str(value).strip():
            raise bad("a name or an id")
        return str(value).strip()
    elif setting.kind == "lang":
        if value not in ("sv", "en"):
            raise bad("sv or en")
    elif setting.kind == "ids":
        items = value if isinstance(value, list) else None
        if items is None or not all(_is_id(v) for v in items):
            raise bad("a list of numeric Discord ids")
        return tuple(int(v) for v in items)
    elif setting.kind == "strs":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise bad("a list of words")
        return tuple(v.strip().lower() for v in value)
    return value


def _is_id(value: object) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit())


def _build(data: dict, path: Path | None, base: Path) -> Config:
    where = str(path) if path else "defaults"
    flat = _flatten(data, where)
    unknown = sorted(set(flat) - set(_BY_NAME))
    if unknown:
        raise ConfigError(f"{where}: unknown setting {unknown[0]!r}")
    values = {s.name: _check(s, flat.get(s.name, s.default), where) for s in SETTINGS}
    discord = DiscordSettings(**{k.split(".", 1)[1]: v for k, v in values.items() if k.startswith("discord.")})
    return Config(
        path=path,
        minutes_dir=(base / values["minutes_dir"]).resolve(),
        index_dir=(base / values["index_dir"]).resolve(),
        max_file_mb=values["max_file_mb"],
        search_limit=values["search_limit"],
        index_procs=values["index_procs"],
        municipalities=values["municipalities"],
        discord=discord,
    )
