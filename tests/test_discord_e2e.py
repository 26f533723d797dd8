"""End to end: the real discord.py client of minutesbot against a fake Discord on 127.0.0.1.

The bot is started as `minutesbot discord` starts it (engine, store, settings, reindex), then
gets a slash command, a mention, a button click, a clerk's upload and a non-clerk's /index; the
test checks the HTTP requests the bot made.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re

import pytest

from bot.config import load_config
from bot.discord_app import MinutesBot
from bot.engine import Engine
from bot.store import Store
from index.indexer import update_index
from tests.discord_fake import FakeDiscord

from .conftest import protocol_text

STEP = 10.0


def run(coro, timeout: float = 60.0):
    return asyncio.run(asyncio.wait_for(coro, timeout))


@pytest.fixture
def setup(minutes_dir, tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(
        f"minutes_dir: {minutes_dir}\nindex_dir: {tmp_path / 'ix'}\n"
        f"discord:\n  guild_ids: [{FakeDiscord.guild_id}]\n  answer_channels: []\n  clerk_role: Clerk\n"
        "  default_language: en\n  follow_poll_s: 3600\n",
        encoding="utf-8",
    )
    config = load_config(str(path))
    update_index(config.minutes_dir, config.index_dir)
    return config


def make_bot(config):
    engine = Engine(config.index_dir)
    store = Store(config.index_dir.parent / "bot.sqlite3")

    def reindex(progress):
        return update_index(config.minutes_dir, config.index_dir, progress=progress)

    return MinutesBot(engine=engine, store=store, config=config, reindex=reindex, guild_ready_timeout=0.05)


def no_mentions_anywhere(fake: FakeDiscord) -> None:
    """Every message the bot sent or edited allows no mention at all."""
    sent = [
        r for r in fake.requests
        if r.method in ("POST", "PATCH") and isinstance(r.json, dict)
        and re.search(r"/messages|/callback|/webhooks/", r.path)
        and ("embeds" in r.json or "content" in r.json or "data" in r.json)
    ]
    assert sent
    for request in sent:
        body = request.json.get("data", request.json) if "/callback" in request.path else request.json
        if "embeds" in body or "content" in body:
            assert body.get("allowed_mentions", {}).get("parse") == [], request.path


def embeds_of(request) -> list[dict]:
    body = request.json or {}
    body = body.get("data", body) if "/callback" in request.path else body
    return body.get("embeds") or []


def test_bot_end_to_end(setup, minutes_dir):
    config = setup

    async def scenario():
        async with FakeDiscord() as fake:
            bot = make_bot(config)
            async with fake.connected(bot, timeout=STEP):
                # Commands were synced to the configured guild, with Swedish names.
                put = await fake.wait_for_request("PUT", rf"/guilds/{fake.guild_id}/commands", timeout=STEP)
                names = {c["name"]: c.get("name_localizations") or {} for c in put.json}
                assert {"ask", "search", "case", "paragraph", "follow", "unfollow", "following", "index", "upload"} <= set(names)
                assert names["ask"].get("sv-SE") == "fråga"

                # /ask: deferred within the limit, then the answer embed as a follow-up.
                mark = fake.mark()
                ask = fake.interaction_command("ask", {"question": "What happened to the twin-town agreement?"})
                await fake.send_interaction(ask)
                callback = await fake.wait_for_request("POST", r"/callback", timeout=STEP, start=mark)
                assert callback.json["type"] == 5  # deferred: the answer comes as a follow-up
                followup = await fake.wait_for_request("POST", rf"/webhooks/{fake.application_id}/", timeout=STEP, start=mark)
                (embed,) = embeds_of(followup)
                assert embed["title"] == "Förslag om att avsluta Huddinge kommuns vänortssamarbete"
                assert "Forwarded to the municipal executive board" in embed["description"]
                buttons = [c["custom_id"] for row in followup.json.get("components", []) for c in row["components"]]
                assert any(b.startswith("mb:full:") for b in buttons)

                # The "full paragraph" button answers, also from a fresh client (persistent ids).
                mark = fake.mark()
                message_id = int(followup.response["id"])
                full = next(b for b in buttons if b.startswith("mb:full:"))
                await fake.send_interaction(fake.interaction_component(full, message_id))
                page = await fake.wait_for_request("POST", rf"/webhooks/{fake.application_id}/", timeout=STEP, start=mark)
                assert "vänortsrörelsen" in embeds_of(page)[0]["description"]

                # A button whose target is gone (an old message, a rebuilt store) says it expired.
                stale = "mb:full:" + "0" * 20
                old = {**followup.response, "components": [{"type": 1, "components": [{"type": 2, "style": 1, "label": "Full", "custom_id": stale}]}]}
                mark = fake.mark()
                await fake.send_interaction(fake.interaction_component(stale, old))
                expired = await fake.wait_for_request("POST", r"/callback", timeout=STEP, start=mark)
                assert "expired" in embeds_of(expired)[0]["description"]

                # A mention gets its answer in a thread.
                mark = fake.mark()
                await fake.send_message(fake.message_create(f"{fake.bot_mention} Vad hände med vänortssamarbetet?"))
                await fake.wait_for_request("POST", r"/threads", timeout=STEP, start=mark)
                reply = await fake.wait_for_request(
                    "POST", r"/channels/\d+/messages", timeout=STEP, start=mark, predicate=lambda r: bool(embeds_of(r))
                )
                assert "Överlämnat till kommunstyrelsen" in embeds_of(reply)[0]["description"]

                # A member without the clerk role cannot reindex.
                mark = fake.mark()
                await fake.send_interaction(fake.interaction_command("index", {}, roles=[]))
                refusal = await fake.wait_for_request("POST", r"/callback", timeout=STEP, start=mark)
                assert refusal.json["data"]["flags"] & 64  # ephemeral
                assert "Only clerks" in embeds_of(refusal)[0]["description"]

                # The channel follows a case; a clerk uploads minutes of that case; an alert follows.
                mark = fake.mark()
                await fake.send_interaction(fake.interaction_command("follow", {"what": "KS 2024/777"}))
                await fake.wait_for_request("POST", r"/callback", timeout=STEP, start=mark)
                minutes = protocol_text(
                    "Kommunfullmäktige", "2024-06-10",
                    [(55, "Ny simhall i Ekbacka", "KS 2024/777", "Kommunfullmäktige beslutar att bygga en ny simhall.")],
                )
                attachment = fake.add_file("kf-2024-06-10.txt", minutes.encode("utf-8"), "text/plain")
                mark = fake.mark()
                await fake.send_interaction(fake.interaction_command("upload", {"file": attachment}, roles=["Clerk"]))
                alert = await fake.wait_for_request(
                    "POST", rf"/channels/{fake.channel_id}/messages", timeout=STEP * 2, start=mark,
                    predicate=lambda r: any("followed" in e.get("title", "") for e in embeds_of(r)),
                )
                assert "KS 2024/777" in embeds_of(alert)[0]["title"]
                assert (minutes_dir / "uploads" / "kf-2024-06-10.txt").exists()
                done = fake.requests_to("PATCH", rf"/webhooks/{fake.application_id}/")
                assert any("Done:" in (embeds_of(r) or [{}])[0].get("description", "") for r in done)

                no_mentions_anywhere(fake)
                assert not fake.unknown_requests and not fake.blocked_urls
            bot.engine.close()
            bot.store.close()

    run(scenario())


def test_reindex_by_the_cli_alerts_followers(setup, minutes_dir):
    """A paragraph indexed by `minutesbot index` reaches the following channel, once."""
    config = dataclasses.replace(setup)

    async def scenario():
        async with FakeDiscord() as fake:
            bot = make_bot(config)
            async with fake.connected(bot, timeout=STEP):
                await fake.send_interaction(fake.interaction_command("follow", {"what": "simhall"}))
                await fake.wait_for_request("POST", r"/callback", timeout=STEP)
                (minutes_dir / "kf.txt").write_text(
                    protocol_text("Kommunfullmäktige", "2024-06-10", [(56, "Simhallens öppettider", "KS 2024/778", "Ärendet bordläggs.")]),
                    encoding="utf-8",
                )
                await asyncio.to_thread(update_index, config.minutes_dir, config.index_dir)
                assert await bot.send_alerts() == 1
                assert await bot.send_alerts() == 0  # once
                alerts = fake.requests_to("POST", rf"/channels/{fake.channel_id}/messages")
                assert len(alerts) == 1 and "simhall" in embeds_of(alerts[0])[0]["title"]
            bot.engine.close()
            bot.store.close()

    run(scenario())
