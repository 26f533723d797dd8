"""An in-process fake of Discord (gateway websocket and REST API) for a real discord.py client.

The fake is an aiohttp server on 127.0.0.1 at a free port. ``patch_discord()`` points discord.py's
REST base (``discord.http.Route.BASE``) and gateway URL (``DiscordWebSocket.DEFAULT_GATEWAY``) at it
and guards every aiohttp session discord.py opens so that a request to any other host fails.

Typical use::

    async with FakeDiscord() as fake:                 # start() + patch_discord()
        async with fake.connected(client):            # login, connect, wait for on_ready
            await client.tree.sync(guild=discord.Object(fake.guild_id))
            await fake.send_interaction(fake.interaction_command("ping"))
            callback = await fake.wait_for_request("POST", r"/interactions/\\d+/[^/]+/callback$")

Every request the client makes is recorded in ``fake.requests`` as a :class:`Request`; requests to
routes the fake does not know are answered 404 and also listed in ``fake.unknown_requests``.
Payloads follow Discord API v10 as discord.py 2.7 parses them.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import json
import mimetypes
import re
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import discord
import discord.gateway
import discord.http
import yarl
from aiohttp import web

API_PREFIX = "/api/v10"
DISCORD_EPOCH_MS = 1420070400000

# Gateway opcodes.
OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_PRESENCE = 3
OP_VOICE_STATE = 4
OP_RESUME = 6
OP_REQUEST_MEMBERS = 8
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

# Intents Discord calls privileged, and the one that hides message content.
INTENT_MEMBERS = 1 << 1
INTENT_PRESENCES = 1 << 8
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_MEMBERS | INTENT_PRESENCES | INTENT_MESSAGE_CONTENT

# Interaction types and callback types.
INTERACTION_COMMAND = 2
INTERACTION_COMPONENT = 3
INTERACTION_AUTOCOMPLETE = 4
INTERACTION_MODAL_SUBMIT = 5
CALLBACK_MESSAGE = 4
CALLBACK_DEFERRED_MESSAGE = 5
CALLBACK_DEFERRED_UPDATE = 6
CALLBACK_UPDATE_MESSAGE = 7

# Application command option types.
OPTION_STRING = 3
OPTION_INTEGER = 4
OPTION_BOOLEAN = 5
OPTION_NUMBER = 10
OPTION_ATTACHMENT = 11

MESSAGE_FLAG_EPHEMERAL = 64
MESSAGE_FLAG_LOADING = 128


class _Auto:
    def __repr__(self) -> str:
        return "AUTO"


AUTO: Any = _Auto()
"""Default of ``interaction_command(command_guild_id=...)``: look among the synced commands."""


@dataclass
class UploadedFile:
    """One file part of a multipart request (discord.py names them ``files[0]``, ``files[1]``)."""

    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass
class Request:
    """One HTTP request the client made, and what the fake answered."""

    method: str
    path: str  # full path, e.g. "/api/v10/channels/1/messages" or "/files/2/a.pdf"
    json: Any = None  # the JSON body, or the parsed ``payload_json`` field of a multipart body
    form_fields: dict[str, str] = field(default_factory=dict)  # multipart fields that are not files
    files: list[UploadedFile] = field(default_factory=list)
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    status: int | None = None
    response: Any = None

    @property
    def api_path(self) -> str:
        """The path without the ``/api/v10`` prefix."""
        return self.path.removeprefix(API_PREFIX)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime | None = None) -> str:
    return (moment or _now()).isoformat()


def _json_response(payload: Any, status: int = 200) -> web.Response:
    # discord.py parses a body as JSON only if Content-Type is exactly "application/json";
    # web.Response(text=...) would add "; charset=utf-8", so send bytes.
    return web.Response(
        body=json.dumps(payload).encode("utf-8"), status=status, content_type="application/json"
    )


class FakeDiscord:
    """A fake Discord: one guild with @everyone and Clerk roles, one text channel, one human user.

    IDs are fixed so tests can name them: ``bot_id`` (also the application id), ``guild_id``,
    ``channel_id``, ``user_id`` (the human "tester", owner of the guild), ``everyone_role_id``
    (equal to ``guild_id``, as in Discord) and ``clerk_role_id``.
    """

    bot_id = 1200000000000000001
    application_id = bot_id
    guild_id = 1200000000000000100
    everyone_role_id = guild_id
    user_id = 1200000000000000200
    clerk_role_id = 1200000000000000300
    channel_id = 1200000000000000400

    def __init__(
        self,
        *,
        bot_name: str = "minutesbot",
        user_name: str = "tester",
        guild_name: str = "Ekbacka kommun",
        channel_name: str = "protokoll",
        clerk_role_name: str = "Clerk",
        guild_locale: str = "en-US",
        privileged_intents: bool = True,
        hide_content_without_intent: bool = True,
        echo_events: bool = False,
        heartbeat_interval_ms: int = 45000,
    ) -> None:
        """
        privileged_intents: whether the application may ask for members, presences and message
            content; if False, an IDENTIFY asking for one is closed with 4014 (discord.py raises
            PrivilegedIntentsRequired).
        hide_content_without_intent: like Discord, blank the content, embeds, attachments and
            components of guild MESSAGE_CREATE/UPDATE events sent with ``send_event`` when the
            client did not identify with the message_content intent, unless the message mentions
            the bot or the bot wrote it.
        echo_events: also dispatch THREAD_CREATE and MESSAGE_CREATE over the gateway for threads
            and channel messages the bot creates through REST (Discord does; off by default so
            that tests see only the events they send).
        """
        self.bot_name = bot_name
        self.guild_name = guild_name
        self.guild_locale = guild_locale
        self.privileged_intents = privileged_intents
        self.hide_content_without_intent = hide_content_without_intent
        self.echo_events = echo_events
        self.heartbeat_interval_ms = heartbeat_interval_ms

        self.requests: list[Request] = []
        self.unknown_requests: list[Request] = []
        self.blocked_urls: list[str] = []  # non-local URLs discord.py tried to reach
        self.gateway_received: list[dict[str, Any]] = []  # every payload the client sent
        self.gateway_sent: list[dict[str, Any]] = []  # every payload the fake sent
        self.identify: dict[str, Any] | None = None  # the "d" of the last IDENTIFY

        self.users: dict[int, dict[str, Any]] = {}
        self.roles: dict[int, dict[str, Any]] = {}
        self.channels: dict[int, dict[str, Any]] = {}  # text channels and threads
        self.members: dict[int, dict[str, Any]] = {}  # user id -> member payload without "user"
        self.messages: dict[int, dict[str, Any]] = {}
        self.interactions: dict[int, dict[str, Any]] = {}  # id -> INTERACTION_CREATE payload
        self.callbacks: dict[int, dict[str, Any]] = {}  # interaction id -> callback body
        self.originals: dict[str, int] = {}  # interaction token -> original response message id
        self.commands: dict[int | None, list[dict[str, Any]]] = {}  # guild id (None: global)
        self.files: dict[str, tuple[bytes, str]] = {}  # path under /files/ -> (data, type)

        self._ids = itertools.count(1)
        self._last_id = 0
        self._seq = 0
        self._send_lock = asyncio.Lock()
        self._ws: web.WebSocketResponse | None = None
        self._sockets: set[web.WebSocketResponse] = set()
        self._ready = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._exit_stack: contextlib.ExitStack | None = None

        self.add_user(self.bot_id, bot_name, bot=True)
        self.add_user(self.user_id, user_name)
        self.roles[self.everyone_role_id] = self._role_payload(
            self.everyone_role_id, "@everyone", 0, self.everyone_permissions()
        )
        self.roles[self.clerk_role_id] = self._role_payload(
            self.clerk_role_id, clerk_role_name, 1, self.clerk_permissions()
        )
        self.channels[self.channel_id] = self._text_channel_payload(self.channel_id, channel_name)
        self.members[self.bot_id] = self._member_payload(self.bot_id, [])
        self.members[self.user_id] = self._member_payload(self.user_id, [])

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets, "the fake Discord server did not bind"
        self._port = server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Close gateway connections (code 1000) and the server. Close the client first."""
        for ws in list(self._sockets):
            with contextlib.suppress(Exception):
                await asyncio.wait_for(ws.close(code=1000), 2)
        if self._runner is not None:
            await asyncio.wait_for(self._runner.cleanup(), 10)
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        self._exit_stack = contextlib.ExitStack()
        self._exit_stack.enter_context(self.patch_discord())
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        try:
            if self._exit_stack is not None:
                self._exit_stack.close()
        finally:
            await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeDiscord is not started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @contextlib.contextmanager
    def patch_discord(self) -> Iterator[None]:
        """Point discord.py at the fake: REST base, gateway URL, and a guard on its HTTP sessions.

        The guard is an aiohttp TraceConfig added (as ``HTTPClient.http_trace``) when a client
        logs in without one of its own; it fails any request, websocket included, to a host other
        than 127.0.0.1 and lists the URL in ``blocked_urls``. Originals are restored on exit.
        """
        route = discord.http.Route
        socket_class = discord.gateway.DiscordWebSocket
        http_client = discord.http.HTTPClient
        old_base = route.BASE
        old_gateway = socket_class.DEFAULT_GATEWAY
        old_static_login = http_client.static_login
        guard = self._guard_trace()

        async def static_login(http: Any, token: str) -> Any:
            if http.http_trace is None:
                http.http_trace = guard
            return await old_static_login(http, token)

        route.BASE = self.api_url
        socket_class.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        http_client.static_login = static_login  # type: ignore[method-assign]
        try:
            yield
        finally:
            route.BASE = old_base
            socket_class.DEFAULT_GATEWAY = old_gateway
            http_client.static_login = old_static_login  # type: ignore[method-assign]

    def _guard_trace(self) -> aiohttp.TraceConfig:
        trace = aiohttp.TraceConfig()

        async def on_request_start(session: Any, context: Any, params: Any) -> None:
            if params.url.host != "127.0.0.1":
                self.blocked_urls.append(str(params.url))
                raise RuntimeError(f"FakeDiscord: blocked a request to {params.url}")

        trace.on_request_start.append(on_request_start)
        return trace

    @contextlib.asynccontextmanager
    async def connected(
        self,
        client: discord.Client,
        *,
        token: str = "fake-token",
        timeout: float = 10.0,
        guild_ready_timeout: float | None = 0.05,
    ) -> AsyncIterator[discord.Client]:
        """Log the client in, run ``client.connect(reconnect=False)`` as a task and wait for
        on_ready; on exit close the client and wait for the task, each bounded by ``timeout``.

        ``guild_ready_timeout`` (how long discord.py waits for more GUILD_CREATEs before on_ready,
        2 s by default) is set on the client's state unless None.
        """
        if guild_ready_timeout is not None:
            client._connection.guild_ready_timeout = guild_ready_timeout
        await asyncio.wait_for(client.login(token), timeout)
        task = asyncio.create_task(client.connect(reconnect=False), name="discord-connect")
        try:
            ready = asyncio.ensure_future(client.wait_until_ready())
            done, _ = await asyncio.wait(
                {ready, task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
            if ready not in done:
                ready.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await ready
                if task.done():
                    task.result()  # raises what connect() raised
                    raise RuntimeError("client.connect() returned before on_ready")
                raise TimeoutError(f"client not ready within {timeout} s")
            yield client
        finally:
            try:
                await asyncio.wait_for(client.close(), timeout)
            finally:
                # connect() returns once the socket closes; an error it raised after a successful
                # start is reported by the test's own assertions, so only make sure it ended.
                if not task.done():
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(task, timeout)
                if task.done() and not task.cancelled():
                    task.exception()  # retrieved, so asyncio does not log it at garbage collection

    # ------------------------------------------------------------------ ids and users

    def snowflake(self) -> int:
        """A new, increasing snowflake whose timestamp is now."""
        now = ((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22) | (next(self._ids) & 0xFFF)
        self._last_id = max(now, self._last_id + 1)
        return self._last_id

    @property
    def bot_mention(self) -> str:
        return f"<@{self.bot_id}>"

    def add_user(self, user_id: int, username: str, *, bot: bool = False) -> dict[str, Any]:
        self.users[user_id] = {
            "id": str(user_id),
            "username": username,
            "discriminator": "0",
            "global_name": None if bot else username.title(),
            "avatar": None,
            "bot": bot,
            "system": False,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
            "primary_guild": None,
            "collectibles": None,
        }
        return self.users[user_id]

    def user_payload(self, user_id: int) -> dict[str, Any]:
        if user_id not in self.users:
            self.add_user(user_id, f"user{user_id % 100000}")
        return dict(self.users[user_id])

    def add_member(self, user_id: int, roles: Iterable[int | str] = ()) -> dict[str, Any]:
        """Add (or replace) a guild member; the user is created if unknown. Returns the member."""
        self.user_payload(user_id)
        self.members[user_id] = self._member_payload(user_id, self.role_ids(roles))
        return self.members[user_id]

    def add_text_channel(self, name: str, channel_id: int | None = None) -> dict[str, Any]:
        """Add a text channel to the guild (before the client connects, to be in GUILD_CREATE)."""
        channel_id = channel_id or self.snowflake()
        self.channels[channel_id] = self._text_channel_payload(channel_id, name)
        return self.channels[channel_id]

    def role_ids(self, roles: Iterable[int | str]) -> list[int]:
        """Role ids from ids or role names (e.g. "Clerk")."""
        by_name = {role["name"]: int(role["id"]) for role in self.roles.values()}
        ids = []
        for role in roles:
            if isinstance(role, str):
                if role not in by_name:
                    raise KeyError(f"no role named {role!r}; roles: {sorted(by_name)}")
                ids.append(by_name[role])
            else:
                ids.append(int(role))
        return ids

    # ------------------------------------------------------------------ permissions

    @staticmethod
    def everyone_permissions() -> int:
        return discord.Permissions(
            view_channel=True,
            send_messages=True,
            send_messages_in_threads=True,
            create_public_threads=True,
            embed_links=True,
            attach_files=True,
            add_reactions=True,
            read_message_history=True,
            use_application_commands=True,
            use_external_emojis=True,
        ).value

    @classmethod
    def clerk_permissions(cls) -> int:
        return cls.everyone_permissions() | discord.Permissions(
            manage_messages=True, manage_threads=True
        ).value

    @staticmethod
    def bot_permissions() -> int:
        permissions = discord.Permissions.all()
        permissions.administrator = False
        return permissions.value

    def permissions_for_roles(self, role_ids: Iterable[int]) -> int:
        value = int(self.roles[self.everyone_role_id]["permissions"])
        for role_id in role_ids:
            if role_id in self.roles:
                value |= int(self.roles[role_id]["permissions"])
        return value

    # ------------------------------------------------------------------ payload pieces

    @staticmethod
    def _role_payload(role_id: int, name: str, position: int, permissions: int) -> dict[str, Any]:
        return {
            "id": str(role_id),
            "name": name,
            "permissions": str(permissions),
            "position": position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }

    def _text_channel_payload(self, channel_id: int, name: str) -> dict[str, Any]:
        return {
            "id": str(channel_id),
            "type": 0,
            "guild_id": str(self.guild_id),
            "name": name,
            "position": len([c for c in self.channels.values() if c["type"] == 0]),
            "permission_overwrites": [],
            "topic": None,
            "nsfw": False,
            "parent_id": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "default_auto_archive_duration": 1440,
            "default_thread_rate_limit_per_user": 0,
            "flags": 0,
        }

    def _member_payload(self, user_id: int, role_ids: Iterable[int]) -> dict[str, Any]:
        return {
            "roles": [str(r) for r in role_ids],
            "joined_at": "2024-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
            "avatar": None,
            "banner": None,
            "premium_since": None,
            "communication_disabled_until": None,
        }

    def member_payload(
        self, user_id: int, roles: Iterable[int | str] | None = None, *, with_user: bool = True
    ) -> dict[str, Any]:
        """A member payload; ``roles`` None means the member's stored roles."""
        if roles is None:
            base = self.members.get(user_id) or self._member_payload(user_id, [])
            member = dict(base)
        else:
            member = self._member_payload(user_id, self.role_ids(roles))
        if with_user:
            member["user"] = self.user_payload(user_id)
        return member

    def guild_payload(self, *, full: bool = True) -> dict[str, Any]:
        """The guild as in GUILD_CREATE (``full``) or as GET /guilds/{id} returns it."""
        guild: dict[str, Any] = {
            "id": str(self.guild_id),
            "name": self.guild_name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.user_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": list(self.roles.values()),
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": self.guild_locale,
            "nsfw_level": 0,
            "nsfw": False,
            "widget_enabled": False,
            "incidents_data": None,
        }
        if full:
            guild.update(
                {
                    "joined_at": "2024-01-01T00:00:00+00:00",
                    "large": False,
                    "unavailable": False,
                    "lazy": True,
                    "member_count": len(self.members),
                    "members": [self.member_payload(uid) for uid in self.members],
                    "channels": [
                        {k: v for k, v in c.items() if k != "guild_id"}
                        for c in self.channels.values()
                        if c["type"] in (0, 2, 4, 5, 13, 15)
                    ],
                    "threads": [c for c in self.channels.values() if c["type"] in (10, 11, 12)],
                    "voice_states": [],
                    "presences": [],
                    "stage_instances": [],
                    "guild_scheduled_events": [],
                    "soundboard_sounds": [],
                    "embedded_activities": [],
                }
            )
        return guild

    def app_info_payload(self) -> dict[str, Any]:
        return {
            "id": str(self.application_id),
            "name": self.bot_name,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "flags": self.application_flags(),
            "owner": self.user_payload(self.user_id),
            "team": None,
            "bot": self.user_payload(self.bot_id),
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "tags": [],
            "approximate_guild_count": 1,
            "integration_types_config": {"0": {}},
        }

    @staticmethod
    def application_flags() -> int:
        # GATEWAY_GUILD_MEMBERS_LIMITED, GATEWAY_MESSAGE_CONTENT_LIMITED, APPLICATION_COMMAND_BADGE
        return (1 << 15) | (1 << 19) | (1 << 23)

    # ------------------------------------------------------------------ files

    def add_file(
        self, filename: str, data: bytes, content_type: str | None = None
    ) -> dict[str, Any]:
        """Serve ``data`` at ``{base_url}/files/<id>/<filename>``; returns an attachment payload
        (id, filename, size, url, proxy_url, content_type) for ``interaction_command(attachments=)``
        or ``message_create(attachments=)``."""
        guessed = mimetypes.guess_type(filename)[0]
        content_type = content_type or guessed or "application/octet-stream"
        attachment_id = self.snowflake()
        path = f"{attachment_id}/{filename}"
        self.files[path] = (data, content_type)
        url = f"{self.base_url}/files/{path}"
        return {
            "id": str(attachment_id),
            "filename": filename,
            "size": len(data),
            "url": url,
            "proxy_url": url,
            "content_type": content_type,
            "ephemeral": False,
        }

    # ------------------------------------------------------------------ event builders

    def _interaction_base(
        self,
        interaction_type: int,
        *,
        user_id: int | None,
        roles: Iterable[int | str] | None,
        guild_id: int | None,
        channel_id: int | None,
        locale: str,
        guild_locale: str | None,
        permissions: int | None,
    ) -> dict[str, Any]:
        user_id = user_id or self.user_id
        guild_id = self.guild_id if guild_id is None else guild_id
        channel_id = channel_id or self.channel_id
        interaction_id = self.snowflake()
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": interaction_type,
            "token": f"fake-interaction-token-{interaction_id}",
            "version": 1,
            "locale": locale,
            "app_permissions": str(self.bot_permissions()),
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        channel = self.channels.get(channel_id) or self._text_channel_payload(channel_id, "unknown")
        if guild_id:
            member = self.member_payload(user_id, roles)
            role_ids = [int(r) for r in member["roles"]]
            value = self.permissions_for_roles(role_ids) if permissions is None else permissions
            member["permissions"] = str(value)
            payload.update(
                {
                    "guild_id": str(guild_id),
                    "guild": {
                        "id": str(guild_id),
                        "locale": guild_locale or self.guild_locale,
                        "features": [],
                    },
                    "guild_locale": guild_locale or self.guild_locale,
                    "member": member,
                    "authorizing_integration_owners": {"0": str(guild_id)},
                    "context": 0,
                    "channel_id": str(channel_id),
                    "channel": dict(channel, permissions=str(value)),
                }
            )
        else:  # a DM with the bot
            payload.update(
                {
                    "user": self.user_payload(user_id),
                    "authorizing_integration_owners": {"1": str(user_id)},
                    "context": 1,
                    "channel_id": str(channel_id),
                    "channel": {
                        "id": str(channel_id),
                        "type": 1,
                        "last_message_id": None,
                        "recipients": [self.user_payload(user_id)],
                        "flags": 0,
                    },
                }
            )
        return payload

    def interaction_command(
        self,
        name: str,
        options: Mapping[str, Any] | list[dict[str, Any]] | None = None,
        *,
        user_id: int | None = None,
        roles: Iterable[int | str] | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        locale: str = "en-US",
        guild_locale: str | None = None,
        permissions: int | None = None,
        attachments: Iterable[dict[str, Any]] = (),
        command_guild_id: Any = AUTO,
        command_type: int = 1,
        autocomplete: bool = False,
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE payload for a slash command (type 2; type 4 if ``autocomplete``).

        options: a mapping {name: value} (str -> STRING, bool -> BOOLEAN, int -> INTEGER,
            float -> NUMBER, an attachment payload from ``add_file`` -> ATTACHMENT), or the raw
            Discord option list (for subcommands, focused options...).
        user_id / roles / guild_id / channel_id: default to the tester, the tester's stored roles
            (none), the fake guild and its text channel. Roles may be ids or names. ``guild_id=0``
            makes a DM interaction (``user`` instead of ``member``).
        attachments: attachment payloads (from ``add_file``) to put in ``data.resolved``; ones
            given as option values are added automatically.
        command_guild_id: ``data.guild_id``, which Discord sets for guild commands and which
            discord.py needs to find a command registered with ``guild=``. By default it is the
            interaction's guild if a command of that name was synced to that guild.
        """
        payload = self._interaction_base(
            INTERACTION_AUTOCOMPLETE if autocomplete else INTERACTION_COMMAND,
            user_id=user_id,
            roles=roles,
            guild_id=guild_id,
            channel_id=channel_id,
            locale=locale,
            guild_locale=guild_locale,
            permissions=permissions,
        )
        resolved_attachments = {a["id"]: a for a in attachments}
        if isinstance(options, Mapping):
            option_list = []
            for option_name, value in options.items():
                option_type, option_value = self._option_type(value)
                if option_type == OPTION_ATTACHMENT:
                    resolved_attachments[value["id"]] = value
                option_list.append(
                    {"name": option_name, "type": option_type, "value": option_value}
                )
        else:
            option_list = list(options or [])

        interaction_guild = payload.get("guild_id")
        guild_command = (
            self._find_command(int(interaction_guild), name) if interaction_guild else None
        )
        command = guild_command or self._find_command(None, name)
        if command_guild_id is AUTO:
            command_guild_id = int(interaction_guild) if guild_command else None
        data: dict[str, Any] = {
            "id": command["id"] if command else str(self.snowflake()),
            "name": name,
            "type": command_type,
            "options": option_list,
        }
        if command_guild_id:
            data["guild_id"] = str(command_guild_id)
        if resolved_attachments:
            data["resolved"] = {"attachments": resolved_attachments}
        payload["data"] = data
        self.interactions[int(payload["id"])] = payload
        return payload

    @staticmethod
    def _option_type(value: Any) -> tuple[int, Any]:
        if isinstance(value, bool):
            return OPTION_BOOLEAN, value
        if isinstance(value, int):
            return OPTION_INTEGER, value
        if isinstance(value, float):
            return OPTION_NUMBER, value
        if isinstance(value, str):
            return OPTION_STRING, value
        if isinstance(value, dict) and "filename" in value:
            return OPTION_ATTACHMENT, value["id"]
        raise TypeError(f"cannot infer an option type for {value!r}; pass the raw option list")

    def _find_command(self, guild_id: int | None, name: str) -> dict[str, Any] | None:
        for command in self.commands.get(guild_id, []):
            if command["name"] == name:
                return command
        return None

    def interaction_component(
        self,
        custom_id: str,
        message: dict[str, Any] | int,
        *,
        component_type: int = 2,
        values: list[str] | None = None,
        user_id: int | None = None,
        roles: Iterable[int | str] | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        locale: str = "en-US",
        guild_locale: str | None = None,
        permissions: int | None = None,
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE payload for a component (type 3): a button click by default
        (component_type 2), or a select with ``values``.

        message: the message carrying the component, as a payload or as the id of a message the
            fake holds (e.g. ``fake.original_message(interaction)["id"]``). discord.py finds the
            view by this message's id, so it must be the id of the message the view was sent with.
        """
        if not isinstance(message, dict):
            message = self.messages[int(message)]
        payload = self._interaction_base(
            INTERACTION_COMPONENT,
            user_id=user_id,
            roles=roles,
            guild_id=guild_id,
            channel_id=channel_id or int(message["channel_id"]),
            locale=locale,
            guild_locale=guild_locale,
            permissions=permissions,
        )
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = list(values)
        payload["data"] = data
        payload["message"] = message
        self.interactions[int(payload["id"])] = payload
        return payload

    def interaction_modal_submit(
        self,
        custom_id: str,
        values: Mapping[str, str],
        *,
        message: dict[str, Any] | int | None = None,
        user_id: int | None = None,
        roles: Iterable[int | str] | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        locale: str = "en-US",
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE payload for a modal submit (type 5); ``values`` maps each text
        input's custom_id to its value (each in its own action row)."""
        payload = self._interaction_base(
            INTERACTION_MODAL_SUBMIT,
            user_id=user_id,
            roles=roles,
            guild_id=guild_id,
            channel_id=channel_id,
            locale=locale,
            guild_locale=None,
            permissions=None,
        )
        payload["data"] = {
            "custom_id": custom_id,
            "components": [
                {"type": 1, "components": [{"type": 4, "custom_id": key, "value": value}]}
                for key, value in values.items()
            ],
        }
        if message is not None:
            payload["message"] = message if isinstance(message, dict) else self.messages[message]
        self.interactions[int(payload["id"])] = payload
        return payload

    def message_create(
        self,
        content: str,
        *,
        author_id: int | None = None,
        channel_id: int | None = None,
        guild_id: int | None = None,
        mentions: Iterable[int] | None = None,
        roles: Iterable[int | str] | None = None,
        attachments: Iterable[dict[str, Any]] = (),
        reference_id: int | None = None,
    ) -> dict[str, Any]:
        """A MESSAGE_CREATE payload from a human user (the tester by default) in the fake channel.

        mentions: user ids mentioned; by default the bot. The content is used as given, so write
            ``f"{fake.bot_mention} question"`` for a message that mentions the bot.
        reference_id: the id of a message (held by the fake) this one replies to.
        The message is kept in ``fake.messages`` so the bot can fetch it or start a thread on it.
        """
        author_id = author_id or self.user_id
        channel_id = channel_id or self.channel_id
        guild_id = self.guild_id if guild_id is None else guild_id
        mentioned = [self.bot_id] if mentions is None else list(mentions)
        message_id = self.snowflake()
        message: dict[str, Any] = {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "type": 0,
            "content": content,
            "author": self.user_payload(author_id),
            "timestamp": _iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": list(attachments),
            "embeds": [],
            "components": [],
            "pinned": False,
            "flags": 0,
            "nonce": str(message_id),
        }
        if guild_id:
            message["guild_id"] = str(guild_id)
            message["member"] = self.member_payload(author_id, roles, with_user=False)
            message["mentions"] = [
                dict(self.user_payload(uid), member=self.member_payload(uid, with_user=False))
                for uid in mentioned
            ]
        else:
            message["mentions"] = [self.user_payload(uid) for uid in mentioned]
        if reference_id is not None:
            message["type"] = 19
            message["message_reference"] = {
                "type": 0,
                "message_id": str(reference_id),
                "channel_id": str(channel_id),
                "guild_id": str(guild_id) if guild_id else None,
            }
            message["referenced_message"] = self.messages.get(int(reference_id))
        self._store_message(message)
        return message

    # ------------------------------------------------------------------ gateway

    async def wait_ready(self, timeout: float = 10.0) -> None:
        """Wait until a client has identified and been sent READY and GUILD_CREATE."""
        await asyncio.wait_for(self._ready.wait(), timeout)

    async def send_event(self, t: str, d: dict[str, Any]) -> dict[str, Any]:
        """Dispatch an event (op 0) to the connected client; returns the payload sent as ``d``."""
        ws = self._ws
        if ws is None or ws.closed:
            raise RuntimeError("no client is connected to the fake gateway")
        if t in ("MESSAGE_CREATE", "MESSAGE_UPDATE"):
            d = self._hide_content(d)
        await self._send(ws, {"op": OP_DISPATCH, "t": t, "d": d}, dispatch=True)
        return d

    async def send_interaction(self, payload: dict[str, Any]) -> dict[str, Any]:
        """``send_event("INTERACTION_CREATE", payload)``."""
        return await self.send_event("INTERACTION_CREATE", payload)

    async def send_message(self, payload: dict[str, Any]) -> dict[str, Any]:
        """``send_event("MESSAGE_CREATE", payload)``."""
        return await self.send_event("MESSAGE_CREATE", payload)

    def _hide_content(self, d: dict[str, Any]) -> dict[str, Any]:
        if not self.hide_content_without_intent or self.identify is None or "guild_id" not in d:
            return d
        if int(self.identify.get("intents", 0)) & INTENT_MESSAGE_CONTENT:
            return d
        author = int(d.get("author", {}).get("id", 0))
        mentioned = {int(m["id"]) for m in d.get("mentions", [])}
        if author == self.bot_id or self.bot_id in mentioned:
            return d
        return dict(d, content="", embeds=[], attachments=[], components=[])

    async def _send(self, ws: web.WebSocketResponse, payload: dict[str, Any], *, dispatch: bool):
        async with self._send_lock:
            if dispatch:
                self._seq += 1
                payload = dict(payload, s=self._seq)
            else:
                payload = {"s": None, "t": None, **payload}
            self.gateway_sent.append(payload)
            await ws.send_str(json.dumps(payload))

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        self._sockets.add(ws)
        self._ws = ws
        self._ready.clear()
        try:
            hello = {"heartbeat_interval": self.heartbeat_interval_ms, "_trace": ["fake"]}
            await self._send(ws, {"op": OP_HELLO, "d": hello}, dispatch=False)
            async for message in ws:
                if message.type is aiohttp.WSMsgType.TEXT:
                    payload = json.loads(message.data)
                elif message.type is aiohttp.WSMsgType.BINARY:
                    payload = json.loads(message.data.decode("utf-8"))
                else:
                    break
                self.gateway_received.append(payload)
                await self._on_gateway_payload(ws, payload)
        finally:
            self._sockets.discard(ws)
            if self._ws is ws:
                self._ws = None
        return ws

    async def _on_gateway_payload(self, ws: web.WebSocketResponse, payload: dict[str, Any]):
        op, d = payload.get("op"), payload.get("d")
        if op == OP_HEARTBEAT:
            await self._send(ws, {"op": OP_HEARTBEAT_ACK}, dispatch=False)
        elif op == OP_IDENTIFY:
            self.identify = d
            intents = int(d.get("intents", 0))
            if intents & PRIVILEGED_INTENTS and not self.privileged_intents:
                await ws.close(code=4014, message=b"Disallowed intent(s).")
                return
            ready: dict[str, Any] = {
                "v": 10,
                "user": dict(
                    self.user_payload(self.bot_id), verified=True, mfa_enabled=False, email=None
                ),
                "guilds": [{"id": str(self.guild_id), "unavailable": True}],
                "session_id": f"fake-session-{self.snowflake()}",
                "resume_gateway_url": self.gateway_url,
                "application": {"id": str(self.application_id), "flags": self.application_flags()},
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "geo_ordered_rtc_regions": [],
                "guild_join_requests": [],
                "user_settings": {},
                "auth": {},
                "_trace": ["fake"],
            }
            if "shard" in d:
                ready["shard"] = d["shard"]
            await self._send(ws, {"op": OP_DISPATCH, "t": "READY", "d": ready}, dispatch=True)
            guild = self.guild_payload(full=True)
            event = {"op": OP_DISPATCH, "t": "GUILD_CREATE", "d": guild}
            await self._send(ws, event, dispatch=True)
            self._ready.set()
        elif op == OP_RESUME:
            await self._send(ws, {"op": OP_DISPATCH, "t": "RESUMED", "d": {}}, dispatch=True)
            self._ready.set()
        elif op == OP_REQUEST_MEMBERS:
            wanted = {int(u) for u in (d.get("user_ids") or [])}
            query = (d.get("query") or "").lower()
            members = [
                self.member_payload(uid)
                for uid in self.members
                if (not wanted or uid in wanted)
                and self.users[uid]["username"].lower().startswith(query)
            ]
            chunk = {
                "guild_id": str(d.get("guild_id")),
                "members": members,
                "chunk_index": 0,
                "chunk_count": 1,
                "not_found": [],
                "nonce": d.get("nonce"),
            }
            event = {"op": OP_DISPATCH, "t": "GUILD_MEMBERS_CHUNK", "d": chunk}
            await self._send(ws, event, dispatch=True)
        # Presence (3) and voice state (4) updates are recorded and otherwise ignored.

    # ------------------------------------------------------------------ recorded requests

    def requests_to(self, method: str, path_regex: str) -> list[Request]:
        """Recorded requests with this method whose path matches (``re.search``) the regex."""
        pattern = re.compile(path_regex)
        return [r for r in self.requests if r.method == method and pattern.search(r.path)]

    def mark(self) -> int:
        """The number of requests so far, for ``wait_for_request(start=...)``."""
        return len(self.requests)

    async def wait_for_request(
        self,
        method: str,
        path_regex: str,
        timeout: float = 10.0,
        *,
        start: int = 0,
        predicate: Callable[[Request], bool] | None = None,
    ) -> Request:
        """The first answered request from index ``start`` on with this method whose path matches
        the regex (and the predicate); AssertionError listing all requests after ``timeout``."""
        pattern = re.compile(path_regex)
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            for request in self.requests[start:]:
                if (
                    request.method == method
                    and request.status is not None
                    and pattern.search(request.path)
                    and (predicate is None or predicate(request))
                ):
                    return request
            if asyncio.get_running_loop().time() >= deadline:
                seen = "\n".join(f"  {r.method} {r.path} -> {r.status}" for r in self.requests)
                raise AssertionError(
                    f"no {method} {path_regex} within {timeout} s; requests:\n{seen}"
                )
            await asyncio.sleep(0.01)

    def original_message(self, interaction: dict[str, Any] | str) -> dict[str, Any] | None:
        """The current original response message of an interaction (payload or token)."""
        token = interaction if isinstance(interaction, str) else interaction["token"]
        message_id = self.originals.get(token)
        return None if message_id is None else self.messages[message_id]

    def channel_messages(self, channel_id: int) -> list[dict[str, Any]]:
        """Messages the fake holds in a channel or thread, oldest first."""
        return [m for m in self.messages.values() if int(m["channel_id"]) == channel_id]

    def threads(self) -> list[dict[str, Any]]:
        return [c for c in self.channels.values() if c["type"] in (10, 11, 12)]

    # ------------------------------------------------------------------ REST

    async def _record(self, request: web.Request) -> Request:
        record = Request(
            method=request.method,
            path=request.path,
            query=dict(request.query),
            headers={
                k: v
                for k, v in request.headers.items()
                if k.lower() in ("authorization", "content-type", "x-audit-log-reason")
            },
        )
        if request.content_type == "multipart/form-data":
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if not isinstance(part, aiohttp.BodyPartReader):
                    continue
                data = await part.read(decode=False)
                if part.filename is not None:
                    content_type = part.headers.get(aiohttp.hdrs.CONTENT_TYPE, "")
                    record.files.append(
                        UploadedFile(part.name or "", part.filename, content_type, bytes(data))
                    )
                else:
                    record.form_fields[part.name or ""] = bytes(data).decode("utf-8")
            if "payload_json" in record.form_fields:
                record.json = json.loads(record.form_fields["payload_json"])
        elif request.can_read_body:
            body = await request.read()
            if body:
                try:
                    record.json = json.loads(body)
                except ValueError:
                    record.form_fields["body"] = body.decode("utf-8", "replace")
        self.requests.append(record)
        return record

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        record = await self._record(request)
        status = 404
        payload: Any = {"message": "404: Not Found (no such route in FakeDiscord)", "code": 0}
        known = False
        if record.path.startswith("/files/"):
            stored = self.files.get(record.path.removeprefix("/files/"))
            if stored is not None:
                record.status = 200
                return web.Response(body=stored[0], content_type=stored[1])
            known = True
            payload = {"message": "Unknown file", "code": 0}
        elif record.path.startswith(API_PREFIX + "/"):
            api_path = record.api_path
            for method, pattern, handler in self._routes():
                match = pattern.fullmatch(api_path)
                if match and method == request.method:
                    known = True
                    status, payload = await handler(record, **match.groupdict())
                    break
        if not known:
            self.unknown_requests.append(record)
        record.status, record.response = status, payload
        if status == 204:
            return web.Response(status=204)
        return _json_response(payload, status)

    def _routes(self) -> list[tuple[str, re.Pattern[str], Callable[..., Any]]]:
        commands = r"/applications/(?P<app_id>\d+)(?:/guilds/(?P<guild_id>\d+))?/commands"
        webhook = r"/webhooks/(?P<app_id>\d+)/(?P<token>[^/]+)"
        message = r"/channels/(?P<channel_id>\d+)/messages/(?P<message_id>\d+)"
        table = [
            ("GET", r"/users/@me", self._get_me),
            ("GET", r"/users/(?P<user_id>\d+)", self._get_user),
            ("GET", r"/gateway", self._get_gateway),
            ("GET", r"/gateway/bot", self._get_gateway_bot),
            ("GET", r"/(?:oauth2/)?applications/@me", self._get_app_info),
            ("GET", commands, self._get_commands),
            ("PUT", commands, self._put_commands),
            ("POST", commands, self._post_command),
            ("GET", commands + r"/(?P<command_id>\d+)", self._get_command),
            ("PATCH", commands + r"/(?P<command_id>\d+)", self._patch_command),
            ("DELETE", commands + r"/(?P<command_id>\d+)", self._delete_command),
            ("GET", commands + r"/permissions", self._empty_list),
            ("POST", r"/interactions/(?P<interaction_id>\d+)/(?P<token>[^/]+)/callback",
             self._post_callback),
            ("POST", webhook, self._post_webhook),
            ("GET", webhook + r"/messages/(?P<message_id>@original|\d+)",
             self._get_webhook_message),
            ("PATCH", webhook + r"/messages/(?P<message_id>@original|\d+)",
             self._patch_webhook_message),
            ("DELETE", webhook + r"/messages/(?P<message_id>@original|\d+)",
             self._delete_webhook_message),
            ("GET", r"/channels/(?P<channel_id>\d+)", self._get_channel),
            ("PATCH", r"/channels/(?P<channel_id>\d+)", self._patch_channel),
            ("GET", r"/channels/(?P<channel_id>\d+)/messages", self._get_messages),
            ("POST", r"/channels/(?P<channel_id>\d+)/messages", self._post_message),
            ("GET", message, self._get_message),
            ("PATCH", message, self._patch_message),
            ("DELETE", message, self._delete_message),
            ("POST", message + r"/threads", self._post_thread_from_message),
            ("POST", r"/channels/(?P<channel_id>\d+)/threads", self._post_thread),
            ("POST", r"/channels/(?P<channel_id>\d+)/typing", self._no_content),
            ("PUT", message + r"/reactions/[^/]+/@me", self._no_content),
            ("DELETE", message + r"/reactions/[^/]+/@me", self._no_content),
            ("PUT", r"/channels/(?P<channel_id>\d+)/thread-members/@me", self._no_content),
            ("DELETE", r"/channels/(?P<channel_id>\d+)/thread-members/@me", self._no_content),
            ("GET", r"/guilds/(?P<guild_id>\d+)", self._get_guild),
            ("GET", r"/guilds/(?P<guild_id>\d+)/channels", self._get_guild_channels),
            ("GET", r"/guilds/(?P<guild_id>\d+)/roles", self._get_roles),
            ("GET", r"/guilds/(?P<guild_id>\d+)/members/(?P<user_id>\d+)", self._get_member),
        ]
        return [(method, re.compile(pattern), handler) for method, pattern, handler in table]

    # Simple handlers. Each returns (status, payload).

    async def _no_content(self, record: Request, **_: Any) -> tuple[int, Any]:
        return 204, None

    async def _empty_list(self, record: Request, **_: Any) -> tuple[int, Any]:
        return 200, []

    async def _get_me(self, record: Request) -> tuple[int, Any]:
        return 200, dict(self.user_payload(self.bot_id), verified=True, mfa_enabled=False)

    async def _get_user(self, record: Request, user_id: str) -> tuple[int, Any]:
        if int(user_id) not in self.users:
            return 404, {"message": "Unknown User", "code": 10013}
        return 200, self.user_payload(int(user_id))

    async def _get_gateway(self, record: Request) -> tuple[int, Any]:
        return 200, {"url": self.gateway_url}

    async def _get_gateway_bot(self, record: Request) -> tuple[int, Any]:
        return 200, {
            "url": self.gateway_url,
            "shards": 1,
            "session_start_limit": {
                "total": 1000,
                "remaining": 999,
                "reset_after": 86400000,
                "max_concurrency": 1,
            },
        }

    async def _get_app_info(self, record: Request) -> tuple[int, Any]:
        return 200, self.app_info_payload()

    async def _get_guild(self, record: Request, guild_id: str) -> tuple[int, Any]:
        if int(guild_id) != self.guild_id:
            return 404, {"message": "Unknown Guild", "code": 10004}
        return 200, self.guild_payload(full=False)

    async def _get_guild_channels(self, record: Request, guild_id: str) -> tuple[int, Any]:
        return 200, [c for c in self.channels.values() if c["type"] not in (10, 11, 12)]

    async def _get_roles(self, record: Request, guild_id: str) -> tuple[int, Any]:
        return 200, list(self.roles.values())

    async def _get_member(self, record: Request, guild_id: str, user_id: str) -> tuple[int, Any]:
        if int(user_id) not in self.members:
            return 404, {"message": "Unknown Member", "code": 10007}
        return 200, self.member_payload(int(user_id))

    # Application commands.

    def _command_payload(self, body: dict[str, Any], guild_id: int | None, old: Any) -> Any:
        command = dict(body)
        previous = next(
            (c for c in old if c["name"] == body["name"] and c["type"] == body.get("type", 1)),
            None,
        )
        command.setdefault("type", 1)
        command.setdefault("description", "")
        command.setdefault("options", [])
        command["id"] = previous["id"] if previous else str(self.snowflake())
        command["application_id"] = str(self.application_id)
        command["version"] = str(self.snowflake())
        command.setdefault("default_member_permissions", None)
        command.setdefault("nsfw", False)
        if guild_id is not None:
            command["guild_id"] = str(guild_id)
        return command

    async def _get_commands(
        self, record: Request, app_id: str, guild_id: str | None
    ) -> tuple[int, Any]:
        return 200, self.commands.get(int(guild_id) if guild_id else None, [])

    async def _put_commands(
        self, record: Request, app_id: str, guild_id: str | None
    ) -> tuple[int, Any]:
        key = int(guild_id) if guild_id else None
        old = self.commands.get(key, [])
        self.commands[key] = [self._command_payload(c, key, old) for c in record.json or []]
        return 200, self.commands[key]

    async def _post_command(
        self, record: Request, app_id: str, guild_id: str | None
    ) -> tuple[int, Any]:
        key = int(guild_id) if guild_id else None
        old = self.commands.get(key, [])
        command = self._command_payload(record.json, key, old)
        existed = any(c["id"] == command["id"] for c in old)
        self.commands[key] = [c for c in old if c["id"] != command["id"]] + [command]
        return (200 if existed else 201), command

    async def _get_command(
        self, record: Request, app_id: str, guild_id: str | None, command_id: str
    ) -> tuple[int, Any]:
        for command in self.commands.get(int(guild_id) if guild_id else None, []):
            if command["id"] == command_id:
                return 200, command
        return 404, {"message": "Unknown application command", "code": 10063}

    async def _patch_command(
        self, record: Request, app_id: str, guild_id: str | None, command_id: str
    ) -> tuple[int, Any]:
        status, command = await self._get_command(record, app_id, guild_id, command_id)
        if status == 200:
            command.update(record.json or {})
        return status, command

    async def _delete_command(
        self, record: Request, app_id: str, guild_id: str | None, command_id: str
    ) -> tuple[int, Any]:
        key = int(guild_id) if guild_id else None
        self.commands[key] = [c for c in self.commands.get(key, []) if c["id"] != command_id]
        return 204, None

    # Messages.

    def _store_message(self, message: dict[str, Any]) -> dict[str, Any]:
        message_id = int(message["id"])
        self.messages[message_id] = message
        channel = self.channels.get(int(message["channel_id"]))
        if channel is not None:
            channel["last_message_id"] = message["id"]
            if "message_count" in channel:
                channel["message_count"] += 1
                channel["total_message_sent"] = channel.get("total_message_sent", 0) + 1
        return message

    def _attachments(self, body: dict[str, Any], files: list[UploadedFile]) -> list[Any]:
        """Attachment payloads for a message body: kept ones by id, new uploads by ``files[n]``."""
        uploads = {f.field: f for f in files}
        result = []
        listed = body.get("attachments")
        if listed is None:
            listed = [{"id": i} for i in range(len(files))]
        for entry in listed:
            upload = uploads.get(f"files[{entry['id']}]")
            if upload is None:
                existing = next(
                    (a for m in self.messages.values() for a in m.get("attachments", [])
                     if a["id"] == str(entry["id"])),
                    None,
                )
                if existing is not None:
                    result.append(existing)
                continue
            attachment = self.add_file(
                upload.filename, upload.data, upload.content_type or None
            )
            if entry.get("description"):
                attachment["description"] = entry["description"]
            result.append(attachment)
        return result

    def _new_message(
        self,
        channel_id: int,
        body: dict[str, Any],
        files: list[UploadedFile],
        *,
        message_type: int = 0,
        webhook: bool = False,
        interaction: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        message_id = self.snowflake()
        message: dict[str, Any] = {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "type": message_type,
            "content": body.get("content") or "",
            "author": self.user_payload(self.bot_id),
            "timestamp": _iso(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts")),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": self._attachments(body, files),
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "flags": int(body.get("flags") or 0),
        }
        if body.get("poll"):
            message["poll"] = body["poll"]
        if webhook:
            message["webhook_id"] = str(self.application_id)
            message["application_id"] = str(self.application_id)
        if interaction is not None:
            user = interaction.get("member", {}).get("user") or interaction.get("user")
            metadata = {
                "id": interaction["id"],
                "type": interaction["type"],
                "user": user,
                "authorizing_integration_owners": interaction["authorizing_integration_owners"],
            }
            if interaction["type"] == INTERACTION_COMMAND:
                metadata["name"] = interaction["data"]["name"]
                metadata["command_type"] = interaction["data"].get("type", 1)
            message["interaction_metadata"] = metadata
        reference = body.get("message_reference")
        if reference:
            message["type"] = 19
            referenced_id = int(reference["message_id"])
            message["message_reference"] = {
                "type": 0,
                "message_id": str(referenced_id),
                "channel_id": str(reference.get("channel_id") or channel_id),
                "guild_id": str(self.guild_id),
            }
            message["referenced_message"] = self.messages.get(referenced_id)
        return self._store_message(message)

    def _edit_message(
        self, message: dict[str, Any], body: dict[str, Any], files: list[UploadedFile]
    ) -> dict[str, Any]:
        for key in ("content", "embeds", "components", "poll"):
            if key in body:
                empty = "" if key == "content" else []
                message[key] = body[key] if body[key] is not None else empty
        if "flags" in body and body["flags"] is not None:
            message["flags"] = int(body["flags"])
        if "attachments" in body or files:
            message["attachments"] = self._attachments(body, files)
        message["flags"] = int(message.get("flags", 0)) & ~MESSAGE_FLAG_LOADING
        message["edited_timestamp"] = _iso()
        return message

    async def _echo_message(self, message: dict[str, Any]) -> None:
        if self.echo_events and self._ws is not None:
            event = dict(message, guild_id=str(self.guild_id))
            event["member"] = self.member_payload(self.bot_id, with_user=False)
            await self.send_event("MESSAGE_CREATE", event)

    async def _post_message(self, record: Request, channel_id: str) -> tuple[int, Any]:
        if int(channel_id) not in self.channels:
            return 404, {"message": "Unknown Channel", "code": 10003}
        message = self._new_message(int(channel_id), record.json or {}, record.files)
        await self._echo_message(message)
        return 200, message

    async def _get_messages(self, record: Request, channel_id: str) -> tuple[int, Any]:
        messages = sorted(self.channel_messages(int(channel_id)), key=lambda m: -int(m["id"]))
        if "before" in record.query:
            messages = [m for m in messages if int(m["id"]) < int(record.query["before"])]
        if "after" in record.query:
            messages = [m for m in messages if int(m["id"]) > int(record.query["after"])]
        return 200, messages[: int(record.query.get("limit", 50))]

    def _message_in(self, channel_id: str, message_id: str) -> dict[str, Any] | None:
        message = self.messages.get(int(message_id))
        if message is None or int(message["channel_id"]) != int(channel_id):
            return None
        return message

    async def _get_message(self, record: Request, channel_id: str, message_id: str):
        message = self._message_in(channel_id, message_id)
        if message is None:
            return 404, {"message": "Unknown Message", "code": 10008}
        return 200, message

    async def _patch_message(self, record: Request, channel_id: str, message_id: str):
        message = self._message_in(channel_id, message_id)
        if message is None:
            return 404, {"message": "Unknown Message", "code": 10008}
        return 200, self._edit_message(message, record.json or {}, record.files)

    async def _delete_message(self, record: Request, channel_id: str, message_id: str):
        if self._message_in(channel_id, message_id) is None:
            return 404, {"message": "Unknown Message", "code": 10008}
        del self.messages[int(message_id)]
        return 204, None

    # Channels and threads.

    async def _get_channel(self, record: Request, channel_id: str) -> tuple[int, Any]:
        channel = self.channels.get(int(channel_id))
        if channel is None:
            return 404, {"message": "Unknown Channel", "code": 10003}
        return 200, channel

    async def _patch_channel(self, record: Request, channel_id: str) -> tuple[int, Any]:
        channel = self.channels.get(int(channel_id))
        if channel is None:
            return 404, {"message": "Unknown Channel", "code": 10003}
        body = dict(record.json or {})
        metadata = channel.get("thread_metadata")
        if metadata is not None:
            for key in ("archived", "locked", "auto_archive_duration", "invitable"):
                if key in body:
                    metadata[key] = body.pop(key)
            metadata["archive_timestamp"] = _iso()
        channel.update(body)
        return 200, channel

    def _new_thread(
        self, thread_id: int, parent_id: int, body: dict[str, Any], thread_type: int
    ) -> dict[str, Any]:
        now = _iso()
        thread = {
            "id": str(thread_id),
            "guild_id": str(self.guild_id),
            "parent_id": str(parent_id),
            "owner_id": str(self.bot_id),
            "name": body.get("name", "thread"),
            "type": thread_type,
            "last_message_id": None,
            "message_count": 0,
            "member_count": 1,
            "total_message_sent": 0,
            "rate_limit_per_user": body.get("rate_limit_per_user") or 0,
            "flags": 0,
            "applied_tags": [],
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": body.get("auto_archive_duration") or 1440,
                "archive_timestamp": now,
                "locked": False,
                "invitable": body.get("invitable", True),
                "create_timestamp": now,
            },
            "member": {
                "id": str(thread_id),
                "user_id": str(self.bot_id),
                "join_timestamp": now,
                "flags": 1,
            },
        }
        self.channels[thread_id] = thread
        return thread

    async def _echo_thread(self, thread: dict[str, Any]) -> None:
        if self.echo_events and self._ws is not None:
            await self.send_event("THREAD_CREATE", dict(thread, newly_created=True))

    async def _post_thread_from_message(
        self, record: Request, channel_id: str, message_id: str
    ) -> tuple[int, Any]:
        message = self._message_in(channel_id, message_id)
        if message is None:
            return 404, {"message": "Unknown Message", "code": 10008}
        if "thread" in message:
            return 400, {"message": "A thread has already been created for this message",
                         "code": 160004}
        # As in Discord, a thread started from a message has the message's id.
        thread = self._new_thread(int(message_id), int(channel_id), record.json or {}, 11)
        message["thread"] = thread
        await self._echo_thread(thread)
        return 201, thread

    async def _post_thread(self, record: Request, channel_id: str) -> tuple[int, Any]:
        if int(channel_id) not in self.channels:
            return 404, {"message": "Unknown Channel", "code": 10003}
        body = record.json or {}
        thread = self._new_thread(self.snowflake(), int(channel_id), body, body.get("type", 12))
        await self._echo_thread(thread)
        return 201, thread

    # Interactions and their webhooks.

    async def _post_callback(
        self, record: Request, interaction_id: str, token: str
    ) -> tuple[int, Any]:
        interaction = self.interactions.get(int(interaction_id))
        if interaction is None or interaction["token"] != token:
            return 404, {"message": "Unknown interaction", "code": 10062}
        if int(interaction_id) in self.callbacks:
            return 400, {"message": "Interaction has already been acknowledged.", "code": 40060}
        body = record.json or {}
        self.callbacks[int(interaction_id)] = body
        callback_type = body.get("type")
        data = body.get("data") or {}
        channel_id = int(interaction["channel_id"])
        message: dict[str, Any] | None = None
        if callback_type == CALLBACK_MESSAGE:
            message_type = 20 if interaction["type"] == INTERACTION_COMMAND else 0
            message = self._new_message(
                channel_id, data, record.files, message_type=message_type, webhook=True,
                interaction=interaction,
            )
        elif callback_type == CALLBACK_DEFERRED_MESSAGE:
            flags = int(data.get("flags") or 0) | MESSAGE_FLAG_LOADING
            message_type = 20 if interaction["type"] == INTERACTION_COMMAND else 0
            message = self._new_message(
                channel_id, {"flags": flags}, [], message_type=message_type, webhook=True,
                interaction=interaction,
            )
        elif callback_type in (CALLBACK_DEFERRED_UPDATE, CALLBACK_UPDATE_MESSAGE):
            source = interaction.get("message")
            if source is not None:
                message = self.messages.setdefault(int(source["id"]), source)
                if callback_type == CALLBACK_UPDATE_MESSAGE:
                    self._edit_message(message, data, record.files)
        if message is not None:
            self.originals[token] = int(message["id"])
        if record.query.get("with_response") not in ("1", "true", "True"):
            return 204, None
        response: dict[str, Any] = {
            "interaction": {
                "id": interaction_id,
                "type": interaction["type"],
                "activity_instance_id": None,
                "response_message_id": message["id"] if message else None,
                "response_message_loading": callback_type == CALLBACK_DEFERRED_MESSAGE,
                "response_message_ephemeral": bool(
                    message and int(message["flags"]) & MESSAGE_FLAG_EPHEMERAL
                ),
            },
            "resource": {"type": callback_type},
        }
        if message is not None:
            response["resource"]["message"] = message
        return 200, response

    def _webhook_channel(self, token: str, record: Request) -> int:
        if "thread_id" in record.query:
            return int(record.query["thread_id"])
        for interaction in self.interactions.values():
            if interaction["token"] == token:
                return int(interaction["channel_id"])
        return self.channel_id

    def _webhook_message(self, token: str, message_id: str) -> dict[str, Any] | None:
        if message_id == "@original":
            original = self.originals.get(token)
            return None if original is None else self.messages.get(original)
        return self.messages.get(int(message_id))

    async def _post_webhook(self, record: Request, app_id: str, token: str) -> tuple[int, Any]:
        interaction = next((i for i in self.interactions.values() if i["token"] == token), None)
        message = self._new_message(
            self._webhook_channel(token, record),
            record.json or {},
            record.files,
            message_type=20 if interaction and interaction["type"] == INTERACTION_COMMAND else 0,
            webhook=True,
            interaction=interaction,
        )
        if record.query.get("wait") in ("1", "true", "True"):
            return 200, message
        return 204, None

    async def _get_webhook_message(
        self, record: Request, app_id: str, token: str, message_id: str
    ) -> tuple[int, Any]:
        message = self._webhook_message(token, message_id)
        if message is None:
            return 404, {"message": "Unknown Message", "code": 10008}
        return 200, message

    async def _patch_webhook_message(
        self, record: Request, app_id: str, token: str, message_id: str
    ) -> tuple[int, Any]:
        message = self._webhook_message(token, message_id)
        if message is None:
            return 404, {"message": "Unknown Message", "code": 10008}
        return 200, self._edit_message(message, record.json or {}, record.files)

    async def _delete_webhook_message(
        self, record: Request, app_id: str, token: str, message_id: str
    ) -> tuple[int, Any]:
        message = self._webhook_message(token, message_id)
        if message is None:
            return 404, {"message": "Unknown Message", "code": 10008}
        del self.messages[int(message["id"])]
        return 204, None
