"""Security: who may do what, where uploads land, what may ping, where the token may appear.

Through the fake Discord of tests/discord_fake.py and minutesbot's real discord.py client:
only the clerk role can index, upload or manage another channel's follows; uploads are limited
by type and size and nothing refused is written; every message the bot sends allows no
mentions (answers, thread replies, progress edits, alerts, refusals, errors); the bot token
never reaches a log record, stdout or stderr, also when Discord rejects it in
`minutesbot discord`. Without Discord: upload names never escape minutes_dir (3,000 generated
names, 30,000 with MINUTESBOT_STRESS=1), and config errors name the key and the file.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import re
import threading
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import ConfigError, load_config
from bot.discord_app import MinutesBot
from bot.engine import Engine
from bot.limits import UploadRejected, check_upload, safe_filename, upload_path
from bot.store import Store
from index.indexer import update_index
from tests.discord_fake import FakeDiscord

from .conftest import protocol_text

STRESS = os.environ.get("MINUTESBOT_STRESS") == "1"
SCALE = 10 if STRESS else 1
STEP = 10.0
TOKEN = "MTIwMDAwMDAwMDAwMDAwMDAwMQ.SeCrEt-ToKeN-never-log-me.xYz0123456789"
REJECTED = "MTIwMDAwMDAwMDAwMDAwMDAwMQ.ReJeCtEd-ToKeN-never-log-me.aBc9876543210"
ALLOWED = (".pdf", ".docx", ".html", ".htm", ".md", ".txt")


def run(coro, timeout: float = 90.0):
    return asyncio.run(asyncio.wait_for(coro, timeout))


@pytest.fixture
def config(minutes_dir, tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(
        f"minutes_dir: {minutes_dir}\nindex_dir: {tmp_path / 'ix'}\n"
        f"discord:\n  guild_ids: [{FakeDiscord.guild_id}]\n  answer_channels: []\n  clerk_role: Clerk\n"
        "  default_language: en\n  follow_poll_s: 3600\n  upload_max_mb: 1\n  rate_limit: 5\n",
        encoding="utf-8",
    )
    config = load_config(str(path))
    update_index(config.minutes_dir, config.index_dir)
    return config


def make_bot(config) -> MinutesBot:
    engine = Engine(config.index_dir)
    store = Store(config.index_dir.parent / "bot.sqlite3")

    def reindex(progress):
        return update_index(config.minutes_dir, config.index_dir, progress=progress)

    return MinutesBot(engine=engine, store=store, config=config, reindex=reindex, guild_ready_timeout=0.05)


def close_bot(bot: MinutesBot) -> None:
    bot.engine.close()
    bot.store.close()


def embeds_of(request) -> list[dict]:
    body = request.json or {}
    body = body.get("data", body) if "/callback" in request.path else body
    return body.get("embeds") or []


def text_of(request) -> str:
    body = request.json or {}
    body = body.get("data", body) if "/callback" in request.path else body
    parts = [body.get("content") or ""]
    for embed in body.get("embeds") or []:
        parts += [embed.get("title", ""), embed.get("description", "")]
        parts += [f.get("value", "") for f in embed.get("fields", [])]
    return "\n".join(parts)


def is_refusal(request) -> bool:
    return "Only clerks" in text_of(request) and bool(request.json["data"]["flags"] & 64)


_SENDS = re.compile(r"/channels/\d+/messages(/\d+)?$|/webhooks/\d+/[^/]+(/messages/[^/]+)?$|/callback$")


def sent_messages(fake: FakeDiscord) -> list:
    """Every request by which the bot posted or edited a message with something in it."""
    found = []
    for request in fake.requests:
        if request.method not in ("POST", "PATCH") or not _SENDS.search(request.api_path):
            continue
        body = request.json if isinstance(request.json, dict) else {}
        if "/callback" in request.path:
            if body.get("type") not in (4, 7):  # deferrals carry no message
                continue
            body = body.get("data") or {}
        if body.get("content") or body.get("embeds") or body.get("components"):
            found.append((request, body))
    return found


def assert_no_mentions_anywhere(fake: FakeDiscord) -> int:
    sent = sent_messages(fake)
    assert sent
    for request, body in sent:
        mentions = body.get("allowed_mentions")
        assert mentions is not None, f"{request.method} {request.path} has no allowed_mentions"
        assert mentions.get("parse") == [], (request.path, mentions)
        assert not mentions.get("users") and not mentions.get("roles") and not mentions.get("replied_user")
    return len(sent)


def follow_payload(fake: FakeDiscord, command: str, what: str, channel_id: int, roles: list[str]) -> dict:
    """/follow or /unfollow with the channel option, resolved as Discord sends it."""
    payload = fake.interaction_command(
        command,
        [{"name": "what", "type": 3, "value": what}, {"name": "channel", "type": 7, "value": str(channel_id)}],
        roles=roles,
    )
    channel = dict(fake.channels[channel_id], permissions=str(fake.everyone_permissions()))
    payload["data"]["resolved"] = {"channels": {str(channel_id): channel}}
    return payload


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


# --- roles ----------------------------------------------------------------------------------------


def test_only_clerks_index_upload_and_manage_other_channels_follows(config, minutes_dir):
    async def scenario():
        async with FakeDiscord() as fake:
            other = int(fake.add_text_channel("kansliet")["id"])
            bot = make_bot(config)
            async with fake.connected(bot, timeout=STEP):
                await fake.wait_for_request("PUT", rf"/guilds/{fake.guild_id}/commands", timeout=STEP)
                before = files_under(minutes_dir)
                minutes = protocol_text("Kommunfullmäktige", "2024-06-10", [(55, "Ny simhall", "KS 2024/777", "Beslutas.")])
                attachment = fake.add_file("kf-2024-06-10.txt", minutes.encode("utf-8"), "text/plain")

                # A member without the clerk role: each is refused, ephemerally, and changes nothing.
                refused = [
                    fake.interaction_command("index", {}, roles=[]),
                    fake.interaction_command("upload", {"file": attachment}, roles=[]),
                    follow_payload(fake, "follow", "KS 2024/777", other, roles=[]),
                    follow_payload(fake, "unfollow", "KS 2024/777", other, roles=[]),
                ]
                for payload in refused:
                    mark = fake.mark()
                    await fake.send_interaction(payload)
                    callback = await fake.wait_for_request("POST", r"/callback", timeout=STEP, start=mark)
                    assert is_refusal(callback), (payload["data"]["name"], callback.json)
                assert bot.store.follows(other) == []
                assert files_under(minutes_dir) == before
                assert not fake.requests_to("GET", r"^/files/"), "a refused upload was downloaded"
                generation = bot.engine.index.generation()

                # Anyone may follow in the channel they are in.
                mark = fake.mark()
                await fake.send_interaction(fake.interaction_command("follow", {"what": "simhall"}, roles=[]))
                callback = await fake.wait_for_request("POST", r"/callback", timeout=STEP, start=mark)
                assert "now follows simhall" in text_of(callback)
                # ... also by naming their own channel.
                mark = fake.mark()
                await fake.send_interaction(follow_payload(fake, "follow", "KS 2024/778", fake.channel_id, roles=[]))
                callback = await fake.wait_for_request("POST", r"/callback", timeout=STEP, start=mark)
                assert "now follows KS 2024/778" in text_of(callback)

                # A clerk may do all of it.
                mark = fake.mark()
                await fake.send_interaction(follow_payload(fake, "follow", "KS 2024/777", other, roles=["Clerk"]))
                callback = await fake.wait_for_request("POST", r"/callback", timeout=STEP, start=mark)
                assert "now follows KS 2024/777" in text_of(callback)
                assert [f.value for f in bot.store.follows(other)] == ["KS 2024/777"]
                mark = fake.mark()
                await fake.send_interaction(fake.interaction_command("upload", {"file": attachment}, roles=["Clerk"]))
                await fake.wait_for_request(
                    "PATCH", rf"/webhooks/{fake.application_id}/", timeout=STEP * 2, start=mark,
                    predicate=lambda r: "Done:" in text_of(r),
                )
                assert (minutes_dir / "uploads" / "kf-2024-06-10.txt").exists()
                mark = fake.mark()
                await fake.send_interaction(fake.interaction_command("index", {}, roles=["Clerk"]))
                await fake.wait_for_request(
                    "PATCH", rf"/webhooks/{fake.application_id}/", timeout=STEP * 2, start=mark,
                    predicate=lambda r: "Done:" in text_of(r),
                )
                assert bot.engine.index.generation() > generation
                # The alert for the uploaded paragraph went to the channel the clerk chose.
                alerts = [r for r in fake.requests_to("POST", rf"/channels/{other}/messages") if "KS 2024/777" in text_of(r)]
                assert len(alerts) == 1
                mark = fake.mark()
                await fake.send_interaction(follow_payload(fake, "unfollow", "KS 2024/777", other, roles=["Clerk"]))
                callback = await fake.wait_for_request("POST", r"/callback", timeout=STEP, start=mark)
                assert "no longer follows" in text_of(callback) and bot.store.follows(other) == []
                assert_no_mentions_anywhere(fake)
                assert not fake.unknown_requests and not fake.blocked_urls
            close_bot(bot)

    run(scenario())


# --- uploads through Discord ----------------------------------------------------------------------


def test_uploads_are_limited_by_type_and_size_and_never_escape(config, minutes_dir):
    async def scenario():
        async with FakeDiscord() as fake:
            bot = make_bot(config)
            async with fake.connected(bot, timeout=STEP):
                await fake.wait_for_request("PUT", rf"/guilds/{fake.guild_id}/commands", timeout=STEP)
                before = files_under(minutes_dir)
                text = protocol_text("Kommunstyrelsen", "2024-06-11", [(60, "Ny idrottshall", "KS 2024/900", "Beslutas.")])

                def attach(name: str, data: bytes, content_type: str = "text/plain") -> dict:
                    # Served under a plain name; the attachment's filename is the hostile one.
                    attachment = fake.add_file("upload.bin", data, content_type)
                    attachment["filename"] = name
                    return attachment

                async def upload(attachment, *, wait_done: bool = False) -> list:
                    mark = fake.mark()
                    await fake.send_interaction(fake.interaction_command("upload", {"file": attachment}, roles=["Clerk"]))
                    await fake.wait_for_request("POST", r"/callback", timeout=STEP, start=mark)
                    if wait_done:
                        await fake.wait_for_request(
                            "PATCH", rf"/webhooks/{fake.application_id}/", timeout=STEP * 2, start=mark,
                            predicate=lambda r: "Done:" in text_of(r),
                        )
                    else:
                        await asyncio.sleep(0.3)  # anything the bot would do next
                    return fake.requests[mark:]

                refusals = {
                    "an .exe": (attach("setup.exe", b"MZ\x90\x00" * 100, "application/octet-stream"), ".exe is not accepted"),
                    "a .pdf.exe": (attach("protokoll.pdf.exe", b"MZ" * 10), ".exe is not accepted"),
                    "no ending": (attach("protokoll", text.encode()), "no file ending is not accepted"),
                    "NUL before .exe": (attach("protokoll.txt\x00.exe", text.encode()), ".exe is not accepted"),
                    "RTL override": (attach("protokoll\u202etxt.exe", text.encode()), ".exe is not accepted"),
                    "over 1 MB": (attach("big.txt", b"x" * (1024 * 1024 + 1)), "the limit is 1 MB"),
                    "empty": (attach("empty.txt", b""), "the file is empty"),
                }
                for what, (attachment, words) in refusals.items():
                    requests = await upload(attachment)
                    callback = next(r for r in requests if r.path.endswith("/callback"))
                    assert words in text_of(callback) and callback.json["data"]["flags"] & 64, (what, text_of(callback))
                    assert not [r for r in requests if r.path.startswith("/files/")], f"{what} was downloaded"
                    assert files_under(minutes_dir) == before, what

                # An attachment whose declared size lies is measured after download and refused.
                liar = attach("liar.txt", b"y" * (2 * 1024 * 1024))
                liar["size"] = 100
                requests = await upload(liar)
                assert [r for r in requests if r.path.startswith("/files/")]
                followups = [r for r in requests if "/webhooks/" in r.path and r.method == "POST"]
                assert any("larger than the upload limit" in text_of(r) for r in followups)
                assert files_under(minutes_dir) == before

                # A name that tries to climb out lands inside minutes_dir/uploads, sanitised.
                for name in ("../../../escaped.txt", "..\\..\\escaped2.txt", "/etc/cron.d/escaped3.txt", "..\u2215..\u2215escaped4.txt", "\uff0e\uff0e\uff0fescaped5.txt"):
                    await upload(attach(name, text.encode() + name.encode("utf-8", "replace")), wait_done=True)
                added = files_under(minutes_dir) - before
                assert added == {"uploads", "uploads/escaped.txt", "uploads/escaped2.txt", "uploads/escaped3.txt", "uploads/escaped4.txt", "uploads/escaped5.txt"}, added
                assert not list(minutes_dir.parent.glob("escaped*")) and not list(Path("/etc/cron.d").glob("escaped*"))
                assert_no_mentions_anywhere(fake)
            close_bot(bot)

    run(scenario())


# --- mentions and the token ---------------------------------------------------------------------


def test_no_message_enables_mentions_and_the_token_is_never_logged(config, minutes_dir, caplog, capfd):
    caplog.set_level(logging.DEBUG)  # the root logger and every logger under it, discord's too
    summary: list[str] = []

    async def scenario():
        async with FakeDiscord() as fake:
            bot = make_bot(config)
            original_ask = bot.engine.ask

            def ask(text, **kwargs):
                if "KABOOM" in text:
                    raise RuntimeError("the engine broke")
                return original_ask(text, **kwargs)

            bot.engine.ask = ask
            async with fake.connected(bot, token=TOKEN, timeout=STEP):
                await fake.wait_for_request("PUT", rf"/guilds/{fake.guild_id}/commands", timeout=STEP)
                assert fake.identify and fake.identify["token"] == TOKEN  # it was really used

                # /ask with @everyone: answered, and the answer pings no one.
                mark = fake.mark()
                await fake.send_interaction(fake.interaction_command("ask", {"question": "@everyone What happened to the twin-town agreement? <@&123> @here"}))
                answer = await fake.wait_for_request("POST", rf"/webhooks/{fake.application_id}/", timeout=STEP, start=mark)
                assert embeds_of(answer)[0]["title"] == "Förslag om att avsluta Huddinge kommuns vänortssamarbete"
                buttons = [c["custom_id"] for row in answer.json.get("components", []) for c in row["components"]]
                for custom_id in buttons:
                    mark = fake.mark()
                    await fake.send_interaction(fake.interaction_component(custom_id, int(answer.response["id"])))
                    await fake.wait_for_request("POST", rf"/webhooks/{fake.application_id}/", timeout=STEP, start=mark)

                # A mention with @everyone: answered in a thread.
                mark = fake.mark()
                await fake.send_message(fake.message_create(f"@everyone {fake.bot_mention} Vad hände med vänortssamarbetet? <@!1>"))
                reply = await fake.wait_for_request(
                    "POST", r"/channels/\d+/messages", timeout=STEP, start=mark, predicate=lambda r: bool(embeds_of(r))
                )
                assert "vänortssamarbete" in text_of(reply)
                # An empty mention, an engine failure and a flood each get a reply.
                for content, words in ((fake.bot_mention, "Write a question"), (f"{fake.bot_mention} KABOOM @everyone", "Something went wrong")):
                    mark = fake.mark()
                    await fake.send_message(fake.message_create(content))
                    reply = await fake.wait_for_request("POST", r"/channels/\d+/messages", timeout=STEP, start=mark)
                    assert words in text_of(reply)
                flooder = fake.snowflake()
                for _ in range(config.discord.rate_limit + 1):
                    mark = fake.mark()
                    await fake.send_message(fake.message_create(f"{fake.bot_mention} budget @everyone", author_id=flooder))
                    await fake.wait_for_request("POST", r"/channels/\d+/messages", timeout=STEP, start=mark)
                assert any("Easy there" in text_of(r) for r in fake.requests_to("POST", r"/channels/\d+/messages"))

                # /search, /case, /paragraph, /following, a bad filter; then a follow and an alert.
                for payload in (
                    fake.interaction_command("search", {"query": "@everyone budget"}),
                    fake.interaction_command("search", {"query": "budget", "from": "not-a-date"}),
                    fake.interaction_command("case", {"case": "KS 2024/100"}),
                    fake.interaction_command("paragraph", {"body": "KS", "number": 10, "date": "2024-03-12"}),
                    fake.interaction_command("follow", {"what": "@everyone <@&1> simhall"}),
                    fake.interaction_command("follow", {"what": "simhall"}),
                    fake.interaction_command("following", {}),
                ):
                    mark = fake.mark()
                    await fake.send_interaction(payload)
                    await fake.wait_for_request("POST", r"/callback", timeout=STEP, start=mark)
                    await asyncio.sleep(0.2)
                (minutes_dir / "kf-simhall.txt").write_text(
                    protocol_text("Kommunfullmäktige", "2024-06-10", [(56, "@everyone Simhallens öppettider <@&1>", "KS 2024/778", "Ärendet bordläggs. @here")]),
                    encoding="utf-8",
                )
                mark = fake.mark()
                await fake.send_interaction(fake.interaction_command("index", {}, roles=["Clerk"]))
                alert = await fake.wait_for_request(
                    "POST", rf"/channels/{fake.channel_id}/messages", timeout=STEP * 2, start=mark,
                    predicate=lambda r: "simhall" in text_of(r).lower(),
                )
                assert "@everyone" in text_of(alert)  # the minutes' own text, shown but inert
                count = assert_no_mentions_anywhere(fake)
                kinds = Counter(re.sub(r"\d+", "N", r.api_path.split("/messages")[0].split("?")[0])[:40] for r, _ in sent_messages(fake))
                summary.append(f"{count} messages sent or edited, all with allowed_mentions parse []: {dict(kinds)}")
                assert count >= 20
                # discord.py sent the token only where Discord wants it.
                carrying = {r.path for r in fake.requests if TOKEN in str(r.headers.get("Authorization", ""))}
                assert carrying and all(p.startswith("/api/v10/") for p in carrying)
                assert not any(TOKEN in str(r.json) or TOKEN in r.path for r in fake.requests)
            close_bot(bot)

    run(scenario())
    assert_token_absent(TOKEN, caplog, capfd)
    assert any(r.name.startswith("discord") and r.levelno == logging.DEBUG for r in caplog.records)
    assert any("answering a message failed" in r.getMessage() for r in caplog.records)
    with capfd.disabled():
        print(f"\n{summary[0]}; {len(caplog.records)} log records checked for the token")


def assert_token_absent(token: str, caplog, capfd) -> None:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    records = [formatter.format(r) for r in caplog.records]
    assert records, "nothing was logged"
    leaks = [line for line in records if token in line or token.split(".")[1] in line]
    assert not leaks, leaks[:3]
    out, err = capfd.readouterr()
    assert token not in out and token not in err
    assert token.split(".")[1] not in out + err


class RejectingDiscord(FakeDiscord):
    """A fake Discord that answers 401 to GET /users/@me for the REJECTED token."""

    async def _get_me(self, record):
        header = next((v for k, v in record.headers.items() if k.lower() == "authorization"), "")
        if header == f"Bot {REJECTED}":
            return 401, {"message": "401: Unauthorized", "code": 0}
        return await super()._get_me(record)


def test_cli_discord_with_a_rejected_token_says_so_without_the_token(config, monkeypatch, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    fake = RejectingDiscord()
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="fake-discord", daemon=True)
    thread.start()
    try:
        asyncio.run_coroutine_threadsafe(fake.start(), loop).result(10)
        monkeypatch.setenv("DISCORD_TOKEN", f"  {REJECTED}\n")
        with fake.patch_discord():
            code = main(["discord", "--config", str(config.path)])
    finally:
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
    assert code == 1
    assert fake.requests_to("GET", r"/users/@me") and fake.requests_to("GET", r"/users/@me")[0].status == 401
    assert not fake.blocked_urls
    out, err = capfd.readouterr()
    lines = [line for line in err.splitlines() if line.startswith("minutesbot:")]
    assert lines == ["minutesbot: Discord refused the token in DISCORD_TOKEN: create a new one in the developer portal"]
    assert REJECTED not in out + err and REJECTED.split(".")[1] not in out + err
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    assert not [r for r in caplog.records if REJECTED.split(".")[1] in formatter.format(r)]


def test_cli_discord_config_error_names_key_and_file_not_the_token(config, tmp_path, monkeypatch, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        f"minutes_dir: {config.minutes_dir}\nindex_dir: {config.index_dir}\ndiscord:\n  rate_limit: lots\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    assert main(["discord", "--config", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"minutesbot: configuration: {bad}: discord.rate_limit must be a whole number of at least 1"
    monkeypatch.delenv("DISCORD_TOKEN")
    assert main(["discord", "--config", str(config.path)]) == 1
    assert "set DISCORD_TOKEN" in capsys.readouterr().err


# --- upload names -------------------------------------------------------------------------------

NAME_PARTS = [
    "..", ".", "/", "\\", "../", "..\\", "/etc/passwd", "C:\\Windows\\", "\\\\server\\share\\", "\x00",
    "\x01", "\x1b[31m", "\n", "\r", "\t", "\x7f", "\u2215", "\uff0f", "\uff3c", "\u2044", "\u29f8",
    "\u2024", "\u2024\u2024", "\u2025", "\u2026", "\uff0e", "\uff0e\uff0e", "\u3002", "\u202e",
    "\u200b", "\ufeff", "\u00a0", "\u2028", "%2e%2e%2f", "%00", "~", "$HOME", "`id`", "'", '"', "*",
    "?", ":", "|", "<", ">", "CON", "NUL", "aux", "com1", " ", "protokoll", "KS 2024-03-12",
    "åäö", "ÅÄÖ", "名前", "😀", "é", "e\u0301", "ß", "ﬁ", ".pdf", ".PDF", ".exe", ".txt", ".docx",
    ".tar.gz", ".pdf.", ".pdf ", "x" * 300, "å" * 200,
]


def hostile_names(count: int, seed: int = 2215) -> list[str]:
    rng = random.Random(seed)
    names = [
        "../../etc/passwd", "/etc/passwd", "/", "..", "...", "....pdf", ".htaccess", "\x00", "",
        "a/../../b.pdf", "..\u2215..\u2215x.pdf", "\uff0e\uff0e\uff0fx.pdf", "\u2024\u2024/\u2024\u2024/x.pdf",
        "\u2024\u2024\u2215\u2024\u2024\u2215etc\u2215passwd", "\u2025/\u2025/x.pdf", "\u2026/x.pdf",
        "evil.pdf\x00.exe", "evil\u202efdp.exe", "x" * 10_000 + ".pdf", "å" * 5_000 + ".txt",
        "😀" * 1000 + ".md", "CON.pdf", "nul", "prn.txt", " .pdf", ". .pdf", "-rf.pdf", "--help.txt",
    ]
    for _ in range(count):
        names.append("".join(rng.choice(NAME_PARTS) for _ in range(rng.randint(1, 8))))
    return names


def test_upload_names_never_escape_minutes_dir(tmp_path):
    minutes = tmp_path / "minutes"
    minutes.mkdir()
    base = (minutes / "uploads").resolve()
    base.mkdir()
    names = hostile_names(3000 * SCALE)
    accepted = 0
    for name in names:
        safe = safe_filename(name)
        assert safe and safe not in (".", "..") and not safe.startswith((".", "-")), (name, safe)
        assert "/" not in safe and "\\" not in safe and "\x00" not in safe
        assert all(ch.isprintable() and not ch.isspace() for ch in safe), (name, safe)
        assert unicodedata.normalize("NFKC", safe) == safe  # no look-alike survives
        try:
            checked = check_upload(name, 10, ALLOWED, 1000)
        except UploadRejected as exc:
            assert str(exc) and "\n" not in str(exc)
            continue
        accepted += 1
        assert checked == safe and Path(checked).suffix.lower() in ALLOWED
        assert len(checked.encode("utf-8")) <= 255, (name, len(checked.encode()))
        target = upload_path(minutes, checked)
        assert target.parent == base and base in target.resolve().parents
        # The file system takes an accepted name: it can really be written, inside.
        target.write_bytes(b"x")
        assert target.resolve().parent == base
        target.unlink()
    assert files_under(tmp_path) == {"minutes", "minutes/uploads"}
    assert accepted > 100
    print(f"\nsafe_filename/upload_path: {len(names)} names, {accepted} accepted for upload")


def test_every_safe_name_is_a_usable_file_name(tmp_path):
    for name in ("a." + "x" * 300, "a." + "å" * 200, "x" * 200 + "." + "y" * 200):
        safe = safe_filename(name)
        assert len(safe.encode("utf-8")) <= 255, len(safe.encode("utf-8"))
        upload_path(tmp_path, safe)


@pytest.mark.parametrize(
    "name",
    ["../x.pdf", "../../etc/passwd", "/etc/passwd", "a/../../x.pdf", "uploads/../../x.pdf", "/", "..", "sub/../../../x"],
)
def test_upload_path_refuses_an_unsanitised_name_that_climbs_out(tmp_path, name):
    """Defence in depth: even a name that skipped safe_filename cannot leave uploads/."""
    with pytest.raises(UploadRejected, match="cannot be used"):
        upload_path(tmp_path, name)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("\u2024\u2024\u2215\u2024\u2024\u2215passwd.txt", "passwd.txt"),  # one-dot leaders and division slashes
        ("\uff0e\uff0e\uff0f\uff0e\uff0e\uff0fpasswd.txt", "passwd.txt"),  # fullwidth dots and solidus
        ("evil.pdf\x00.exe", "evil.pdf.exe"),
        ("....pdf", "minutes.pdf"),
        ("x" * 500 + ".pdf", "x" * 100 + ".pdf"),
    ],
)
def test_look_alikes_fold_to_plain_names(name, expected):
    assert safe_filename(name) == expected


# --- config errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "discord_yaml, key",
    [
        ("guild_ids: 123", "discord.guild_ids"),
        ("guild_ids: [1.5]", "discord.guild_ids"),
        ("guild_ids: [true]", "discord.guild_ids"),
        ("answer_channels: {a: 1}", "discord.answer_channels"),
        ('clerk_role: ""', "discord.clerk_role"),
        ("clerk_role: [Clerk]", "discord.clerk_role"),
        ("clerk_role: true", "discord.clerk_role"),
        ("default_language: de", "discord.default_language"),
        ("rate_limit: 0", "discord.rate_limit"),
        ('rate_limit: "6"', "discord.rate_limit"),
        ("rate_limit: true", "discord.rate_limit"),
        ("rate_window_s: -60", "discord.rate_window_s"),
        ("upload_max_mb: 1.5", "discord.upload_max_mb"),
        ("upload_types: .pdf", "discord.upload_types"),
        ('upload_types: [""]', "discord.upload_types"),
        ("upload_types: [1]", "discord.upload_types"),
        ("follow_poll_s: fast", "discord.follow_poll_s"),
        (f"token: {TOKEN}", "discord.token"),
        (f"bot_token: {TOKEN}", "discord.bot_token"),
    ],
)
def test_config_errors_name_the_key_and_the_file(tmp_path, discord_yaml, key):
    path = tmp_path / "config.yaml"
    path.write_text(f"minutes_dir: m\nindex_dir: i\ndiscord:\n  {discord_yaml}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(str(path))
    message = str(err.value)
    assert str(path) in message and key in message, message
    assert "\n" not in message and TOKEN not in message and TOKEN.split(".")[1] not in message


@pytest.mark.parametrize("content", [f"token: {TOKEN}\n", f"discord_token: {TOKEN}\n", f"discord:\n  - {TOKEN}\n", f"{TOKEN}\n", f"discord: [{TOKEN}\n"])
def test_a_token_pasted_into_the_config_is_never_echoed(tmp_path, content):
    path = tmp_path / "config.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(str(path))
    assert str(path) in str(err.value)
    assert TOKEN.split(".")[1] not in str(err.value)
