"""Follows: what they match, and that each alert is sent once."""

from __future__ import annotations

import pytest

from bot.follow import FollowError, concerns, fingerprint, parse_follow
from bot.store import Store
from index.records import Paragraph


def paragraph(title="Förslag om att avsluta vänortssamarbetet", cases=("KS-2022-1011",), text="Vänortsavtalet sägs upp."):
    return Paragraph(number="§ 21", number_norm="21", title=title, case_keys=cases, text=text)


@pytest.mark.parametrize("typed, kind, key", [("KS 2022/1011", "case", "KS-2022-1011"), ("Dnr KS-2022/1011.107", "case", "KS-2022-1011"), ("vänort", "phrase", "vänort")])
def test_parse_follow(typed, kind, key):
    spec = parse_follow(typed)
    assert (spec.kind, spec.key) == (kind, key)


def test_follow_needs_words():
    with pytest.raises(FollowError):
        parse_follow("!!! ??")


def follow(store, value, channel=1):
    spec = parse_follow(value)
    store.add_follow(channel, 9, spec.kind, spec.value, spec.key, 5)
    return [f for f in store.follows(channel) if f.key == spec.key][0]


@pytest.mark.parametrize(
    "value, matches",
    [("KS 2022/1011", True), ("2022/1011", True), ("KS 2022/1012", False), ("vänort", True), ("vanort avtal", True), ("ishall", False)],
)
def test_concerns(tmp_path, value, matches):
    store = Store(tmp_path / "s.sqlite3")
    assert concerns(follow(store, value), paragraph()) is matches


def test_alert_once_per_text(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    f = follow(store, "vänort")
    p = paragraph()
    assert store.mark_notified(f.id, "a.md#0", fingerprint(p)) is True
    assert store.mark_notified(f.id, "a.md#0", fingerprint(p)) is False
    changed = paragraph(text="Vänortsavtalet sägs upp. Beslutet justerades.")
    assert store.mark_notified(f.id, "a.md#0", fingerprint(changed)) is True


def test_follows_persist_and_unfollow(tmp_path):
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    follow(store, "KS 2022/1011", channel=7)
    assert store.add_follow(7, 9, "case", "KS 2022/1011", "KS-2022-1011", 5) is False  # already
    store.close()
    again = Store(path)
    assert [f.value for f in again.follows(7)] == ["KS 2022/1011"]
    assert again.remove_follow(7, "case", "KS-2022-1011") is True
    assert again.follows(7) == []


def test_button_keys_round_trip(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    key = store.button_key("a.md#0", "Vad hände?", "sv")
    assert len(key) == 20 and store.button(key).doc_id == "a.md#0"
    assert store.button("0" * 20) is None
