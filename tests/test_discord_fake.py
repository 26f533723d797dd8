"""The fake Discord in tests/discord_fake.py drives a real discord.py client end to end."""

from __future__ import annotations

import asyncio
import io
import json
import sys

import discord
import pytest
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from tests.discord_fake import FakeDiscord

GUILD = discord.Object(FakeDiscord.guild_id)
STEP = 5.0  # seconds allowed for any one step


def run(coro, timeout: float = 20.0):
    return asyncio.run(asyncio.wait_for(coro, timeout))


class PingView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="Again", custom_id="ping:again", style=discord.ButtonStyle.primary)
    async def again(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        text = f"pong again, {interaction.user.name}"
        await interaction.response.send_message(text, ephemeral=True)


def make_client(intents: discord.Intents | None = None):
    """A tiny bot: /ping (embed and button), /upload (attachment, deferred, follow-up with a
    file), and an answer in a thread to messages that mention it. Errors are collected."""
    client = discord.Client(
        intents=intents or discord.Intents.default(),
        allowed_mentions=discord.AllowedMentions.none(),
        guild_ready_timeout=0.05,
    )
    tree = app_commands.CommandTree(client)
    errors: list[BaseException] = []
    client.seen = []  # type: ignore[attr-defined]  # every message on_message saw

    @tree.command(name="ping", description="Answer with pong", guild=GUILD)
    async def ping(interaction: discord.Interaction) -> None:
        embed = discord.Embed(title="Pong", description=f"Hello <@{interaction.user.id}>")
        await interaction.response.send_message(embed=embed, view=PingView())

    @tree.command(name="upload", description="Read a file", guild=GUILD)
    async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
        await interaction.response.defer(thinking=True)
        data = await file.read()
        await interaction.followup.send(
            f"{file.filename}: {len(data)} bytes",
            file=discord.File(io.BytesIO(data.upper()), filename="upper.txt"),
        )
        await interaction.edit_original_response(content="done")

    @tree.error
    async def on_tree_error(interaction: discord.Interaction, error: Exception) -> None:
        errors.append(error)

    @client.event
    async def on_error(event: str, *args: object, **kwargs: object) -> None:
        errors.append(sys.exc_info()[1] or RuntimeError(event))

    @client.event
    async def on_message(message: discord.Message) -> None:
        client.seen.append(message)  # type: ignore[attr-defined]
        if message.author.bot or client.user not in message.mentions:
            return
        thread = await message.create_thread(name="Svar")
        await thread.send(f"Du frågade: {message.content}")

    return client, tree, errors


def test_slash_command_button_and_mention_round_trip():
    async def scenario() -> None:
        saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
        async with FakeDiscord() as fake:
            base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
            assert (base, str(gateway)) == (fake.api_url, fake.gateway_url)
            assert fake.api_url.startswith("http://127.0.0.1:")
            client, tree, errors = make_client()
            async with fake.connected(client, timeout=STEP):
                await fake.wait_ready(STEP)
                assert client.user is not None and client.user.id == fake.bot_id
                assert client.application_id == fake.application_id
                guild = client.get_guild(fake.guild_id)
                assert guild is not None and guild.name == fake.guild_name
                assert guild.get_channel(fake.channel_id) is not None
                assert discord.utils.get(guild.roles, name="Clerk") is not None
                assert guild.me is not None
                assert fake.identify is not None and fake.identify["token"] == "fake-token"

                # Sync: one PUT to the guild's commands.
                synced = await asyncio.wait_for(tree.sync(guild=GUILD), STEP)
                assert sorted(c.name for c in synced) == ["ping", "upload"]
                path = rf"/applications/{fake.application_id}/guilds/{fake.guild_id}/commands$"
                (put,) = fake.requests_to("PUT", path)
                assert sorted(c["name"] for c in put.json) == ["ping", "upload"]
                assert put.headers["Authorization"] == "Bot fake-token"

                # /ping: an embed, a button, no pings.
                interaction = fake.interaction_command("ping", roles=["Clerk"])
                assert interaction["data"]["guild_id"] == str(fake.guild_id)
                await fake.send_interaction(interaction)
                callback = await fake.wait_for_request(
                    "POST", rf"/interactions/{interaction['id']}/[^/]+/callback$", STEP
                )
                assert callback.status == 200 and callback.query == {"with_response": "1"}
                assert callback.json["type"] == 4
                data = callback.json["data"]
                assert data["embeds"][0]["title"] == "Pong"
                assert data["allowed_mentions"]["parse"] == []
                (row,) = data["components"]
                assert row["components"][0]["custom_id"] == "ping:again"
                original = fake.original_message(interaction)
                assert original is not None and original["embeds"][0]["title"] == "Pong"

                # The button on that message.
                click = fake.interaction_component("ping:again", int(original["id"]))
                await fake.send_interaction(click)
                answer = await fake.wait_for_request(
                    "POST", rf"/interactions/{click['id']}/[^/]+/callback$", STEP
                )
                assert answer.json["type"] == 4
                assert answer.json["data"]["content"] == "pong again, tester"
                assert answer.json["data"]["flags"] == 64

                # A message mentioning the bot: a thread on it, and an answer there.
                start = fake.mark()
                message = fake.message_create(f"{fake.bot_mention} vad beslutade KS?")
                await fake.send_message(message)
                thread_request = await fake.wait_for_request(
                    "POST",
                    rf"/channels/{fake.channel_id}/messages/{message['id']}/threads$",
                    STEP,
                    start=start,
                )
                assert thread_request.json["name"] == "Svar"
                # A thread started from a message has the message's id.
                post = await fake.wait_for_request(
                    "POST", rf"/channels/{message['id']}/messages$", STEP, start=start
                )
                assert post.json["content"] == f"Du frågade: {fake.bot_mention} vad beslutade KS?"
                assert post.json["allowed_mentions"]["parse"] == []
                assert [t["name"] for t in fake.threads()] == ["Svar"]
                assert fake.channel_messages(int(message["id"]))[0]["content"].startswith("Du")

                assert errors == []
                assert fake.unknown_requests == []
                assert fake.blocked_urls == []
            assert client.is_closed()
        restored = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
        assert restored == saved

    run(scenario())


def test_attachment_option_deferred_reply_and_follow_up_file():
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            client, tree, errors = make_client()
            async with fake.connected(client, timeout=STEP):
                await asyncio.wait_for(tree.sync(guild=GUILD), STEP)
                attachment = fake.add_file("protokoll.txt", b"paragraf 12", "text/plain")
                interaction = fake.interaction_command("upload", {"file": attachment})
                await fake.send_interaction(interaction)

                token = interaction["token"]
                edit = await fake.wait_for_request(
                    "PATCH", rf"/webhooks/\d+/{token}/messages/@original$", STEP
                )
                (callback,) = fake.requests_to("POST", rf"/interactions/{interaction['id']}/")
                assert callback.json == {"type": 5}
                (download,) = fake.requests_to("GET", r"^/files/")
                assert download.status == 200

                (follow_up,) = fake.requests_to("POST", rf"/webhooks/\d+/{token}$")
                assert follow_up.query["wait"] in ("1", "true")
                assert follow_up.json["content"] == "protokoll.txt: 11 bytes"
                assert json.loads(follow_up.form_fields["payload_json"]) == follow_up.json
                (upload,) = follow_up.files
                assert (upload.field, upload.filename, upload.data) == (
                    "files[0]",
                    "upper.txt",
                    b"PARAGRAF 12",
                )
                follow_up_message = follow_up.response
                assert follow_up_message["attachments"][0]["filename"] == "upper.txt"

                assert edit.json["content"] == "done"
                assert fake.original_message(interaction)["content"] == "done"
                assert fake.original_message(interaction)["flags"] & 128 == 0
                assert errors == []
                assert fake.unknown_requests == []

    run(scenario())


def test_guard_blocks_other_hosts_and_unknown_routes_are_recorded():
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            client, _tree, _errors = make_client()
            async with fake.connected(client, timeout=STEP):
                with pytest.raises(RuntimeError, match="blocked"):
                    await client.http.get_from_cdn("https://cdn.discordapp.com/x.png")
                assert fake.blocked_urls == ["https://cdn.discordapp.com/x.png"]
                with pytest.raises(discord.NotFound):
                    await asyncio.wait_for(client.fetch_invite("abc"), STEP)
                assert [r.api_path for r in fake.unknown_requests] == ["/invites/abc"]

    run(scenario())


def test_echo_events_and_content_hidden_without_the_intent():
    async def scenario() -> None:
        async with FakeDiscord(echo_events=True) as fake:
            client, _tree, errors = make_client()  # default intents: no message_content
            seen: list[discord.Message] = client.seen  # type: ignore[attr-defined]
            async with fake.connected(client, timeout=STEP):
                await fake.send_message(fake.message_create("no mention here", mentions=[]))
                mention = fake.message_create(f"{fake.bot_mention} hej")
                await fake.send_message(mention)
                post = await fake.wait_for_request(
                    "POST", rf"/channels/{mention['id']}/messages$", STEP
                )
                await asyncio.wait_for(_until(lambda: len(seen) == 3), STEP)
                # Content is blanked unless the message mentions the bot (or the bot wrote it).
                contents = [m.content for m in seen]
                assert contents == ["", f"{fake.bot_mention} hej", post.json["content"]]
                # THREAD_CREATE was echoed, so the client caches the thread.
                guild = client.get_guild(fake.guild_id)
                assert guild is not None
                thread = guild.get_thread(int(mention["id"]))
                assert thread is not None and thread.name == "Svar"
                assert seen[2].channel == thread and seen[2].author == client.user
                assert errors == []

    run(scenario())


async def _until(condition) -> None:
    while not condition():
        await asyncio.sleep(0.01)


def test_refused_privileged_intents_close_the_gateway():
    async def scenario() -> None:
        async with FakeDiscord(privileged_intents=False) as fake:
            client, _tree, _errors = make_client(discord.Intents.all())
            with pytest.raises(discord.ConnectionClosed) as caught:
                async with fake.connected(client, timeout=STEP):
                    pass
            assert caught.value.code == 4014
            assert client.is_closed()

    run(scenario())
