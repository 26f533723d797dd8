import json
from pathlib import Path

import pytest

from bot.config import SETTINGS, ConfigError, load_config

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented(setting):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = json.dumps(setting.default, ensure_ascii=False)
    assert f"| `{setting.name}` | `{shown}` | {setting.help} |" in readme


def test_shipped_config_loads_relative_to_its_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config(str(ROOT / "config.yaml"))
    assert config.minutes_dir == ROOT / "data" / "minutes"
    assert config.index_dir == ROOT / "var" / "index"


def test_environment_names_the_config(tmp_path, monkeypatch):
    path = tmp_path / "c.yaml"
    path.write_text("minutes_dir: m\nindex_dir: i\n", encoding="utf-8")
    monkeypatch.setenv("MINUTESBOT_CONFIG", str(path))
    assert load_config().minutes_dir == tmp_path / "m"


@pytest.mark.parametrize(
    "content, words",
    [
        ("minutes_dir: [1, 2]\n", "minutes_dir"),
        ("max_file_mb: -3\n", "max_file_mb"),
        ("colour: blue\n", "colour"),
        ("discord:\n  guild_ids: [abc]\n", "discord.guild_ids"),
        ("discord:\n  default_language: fi\n", "discord.default_language"),
        ("discord: 3\n", "discord"),
        ("- a\n- b\n", "mapping"),
        ("a: [unclosed\n", "YAML"),
        ("municipalities: Ekbacka kommun\n", "municipalities"),
    ],
)
def test_errors_name_the_file_and_key(tmp_path, content, words):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(str(path))
    assert str(path) in str(err.value) and words in str(err.value)


def test_missing_explicit_config(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(str(tmp_path / "nope.yaml"))


def test_municipalities_scope_the_engine(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("municipalities: [Ekbacka kommun, Huddinge]\n", encoding="utf-8")
    assert load_config(str(path)).municipalities == ("ekbacka kommun", "huddinge")
