"""The Discord client: slash commands, plain messages, buttons, uploads and follow alerts.

The only module that imports discord. It receives everything it works with (the engine, the
store, the settings, the function that reindexes) in its constructor, runs every blocking call
(search, indexing, file writes) in a worker thread, and sends nothing that can ping anyone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import discord
from discord import app_commands

from index.indexer import IndexReport, read_changes
from index.search import Filters, InvalidFilter

from . import embeds
from .config import Config
from .engine import Engine
from .follow import FollowError, concerns, fingerprint, parse_follow
from .limits import RateLimiter, UploadRejected, check_upload, upload_path
from .store import Store
from .wording import LABELS, file_note, file_warning

log = logging.getLogger("minutesbot.discord")

NO_MENTIONS = discord.AllowedMentions.none()
PROGRESS_EVERY_S = 1.5
Reindexer = Callable[[Callable[[int, int, str], None] | None], IndexReport]

# -- words -----------------------------------------------------------------------------------------

# Command and option names and descriptions in Swedish; English is the source language.
SWEDISH = {
    "ask": "fråga",
    "Ask about the minutes in Swedish or English": "Ställ en fråga om protokollen, på svenska eller engelska",
    "question": "fråga",
    "Your question, e.g. What happened to the twin-town agreement?": "Din fråga, t.ex. Vad hände med vänortssamarbetet?",
    "search": "sök",
    "Search the paragraphs of the minutes": "Sök bland protokollens paragrafer",
    "query": "sökord",
    "Words to look for": "Ord att söka efter",
    "body": "organ",
    "Body: KF, KS, KSAU, BUN, ... or its name": "Organ: KF, KS, KSAU, BUN, ... eller namnet",
    "from": "från",
    "From date (YYYY-MM-DD, YYYY-MM or YYYY)": "Från datum (ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ)",
    "to": "till",
    "To date (YYYY-MM-DD, YYYY-MM or YYYY)": "Till datum (ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ)",
    "status": "status",
    "Only paragraphs with this status": "Bara paragrafer med denna status",
    "case": "ärende",
    "Every paragraph of one matter, oldest first": "Alla paragrafer i ett ärende, äldst först",
    "Case number in any style, e.g. KS 2022/1011": "Diarienummer i valfri form, t.ex. KS 2022/1011",
    "Only this case number": "Bara detta diarienummer",
    "paragraph": "paragraf",
    "Show a paragraph (§) in full": "Visa en paragraf (§) i sin helhet",
    "number": "nummer",
    "The § number": "Paragrafens nummer",
    "date": "datum",
    "Meeting date (YYYY-MM-DD)": "Sammanträdesdatum (ÅÅÅÅ-MM-DD)",
    "follow": "bevaka",
    "Be told in this channel when a matter moves": "Få besked i kanalen när ett ärende går vidare",
    "what": "vad",
    "A case number or words to follow": "Ett diarienummer eller ord att bevaka",
    "channel": "kanal",
    "Another channel (clerks only)": "En annan kanal (bara för registratorer)",
    "unfollow": "sluta-bevaka",
    "Stop following a matter": "Sluta bevaka ett ärende",
    "following": "bevakningar",
    "What this channel follows": "Vad kanalen bevakar",
    "index": "indexera",
    "Read new and changed minutes into the index (clerks)": "Läs in nya och ändrade protokoll (registratorer)",
    "upload": "ladda-upp",
    "Add a minutes file and index it (clerks)": "Lägg till en protokollfil och indexera den (registratorer)",
    "file": "fil",
    "PDF, DOCX, HTML, Markdown or text": "PDF, DOCX, HTML, Markdown eller text",
}

_MESSAGES = {
    "sv": {
        "slow_down": "Lugn i stormen! Du har ställt många frågor på kort tid; försök igen om {s} sekunder.",
        "clerk_only": "Det här kan bara registratorer göra (rollen {role}).",
        "expired": "Den här knappen har gått ut. Ställ frågan igen så får du nya knappar.",
        "error": "Något gick fel hos mig, inte hos dig. Försök igen om en stund.",
        "busy": "Indexet uppdateras redan; försök igen när det är klart.",
        "indexing": "Indexerar … {done}/{total} filer",
        "indexed": "Klart: {files} filer, {paragraphs} paragrafer i indexet ({new} nya eller ändrade filer, {deleted} borttagna) på {seconds:.1f} s.",
        "skipped": "Hoppade över: {items}",
        "warned": "Att känna till: {items}",
        "duplicates": "Dubbletter, indexerade en gång: {items}",
        "followed": "Kanalen bevakar nu {what}.",
        "already": "Kanalen bevakar redan {what}.",
        "unfollowed": "Kanalen bevakar inte längre {what}.",
        "not_followed": "Kanalen bevakade inte {what}.",
        "follows": "Kanalen bevakar:\n{items}",
        "no_follows": "Kanalen bevakar inget ännu. Använd /bevaka.",
        "saved": "Sparade {name}.",
        "no_paragraph": "Hittade ingen sådan paragraf.",
        "no_case": "Hittade inga paragrafer med diarienummer {case}.",
        "more": "Fler träffar",
        "full": "Hela paragrafen",
        "timeline": "Ärendets gång",
        "results": "Sökträffar för {q}",
        "case_title": "Ärende {case}",
        "empty": "Skriv en fråga efter att du nämnt mig.",
    },
    "en": {
        "slow_down": "Easy there! You have asked a lot in a short time; please try again in {s} seconds.",
        "clerk_only": "Only clerks can do this (role {role}).",
        "expired": "This button has expired. Ask again to get fresh buttons.",
        "error": "Something went wrong on my side, not yours. Please try again in a moment.",
        "busy": "The index is already being updated; try again when it is done.",
        "indexing": "Indexing … {done}/{total} files",
        "indexed": "Done: {files} files, {paragraphs} paragraphs in the index ({new} new or changed files, {deleted} removed) in {seconds:.1f} s.",
        "skipped": "Skipped: {items}",
        "warned": "Worth knowing: {items}",
        "duplicates": "Duplicates, indexed once: {items}",
        "followed": "This channel now follows {what}.",
        "already": "This channel already follows {what}.",
        "unfollowed": "This channel no longer follows {what}.",
        "not_followed": "This channel did not follow {what}.",
        "follows": "This channel follows:\n{items}",
        "no_follows": "This channel follows nothing yet. Use /follow.",
        "saved": "Saved {name}.",
        "no_paragraph": "No such paragraph found.",
        "no_case": "No paragraphs with case number {case}.",
        "more": "More matches",
        "full": "Full paragraph",
        "timeline": "Path of the matter",
        "results": "Results for {q}",
        "case_title": "Case {case}",
        "empty": "Write a question after mentioning me.",
    },
}


def say(language: str, key: str, **values) -> str:
    return _MESSAGES.get(language, _MESSAGES["sv"])[key].format(**values)


def report_lines(report: IndexReport, language: str) -> list[str]:
    """What a reindex skipped, indexed once and warns of, in the clerk's language; the
    counts are in the line before."""
    def shown(text: str) -> str:
        # A file name may hold line breaks and Markdown: one line, shown as typed.
        return discord.utils.escape_markdown("".join(ch if ch.isprintable() else "?" for ch in text))

    lines = []
    if report.skipped:
        items = "; ".join(f"{shown(o.source)}: {shown(file_note(o.skipped, language))}" for o in report.skipped)
        lines.append(say(language, "skipped", items=items))
    if report.duplicates:
        items = "; ".join(f"{shown(o.source)} = {shown(o.duplicate_of)}" for o in report.duplicates)
        lines.append(say(language, "duplicates", items=items))
    if report.warnings:
        items = "; ".join(f"{shown(o.source)}: {shown(file_warning(o, language))}" for o in report.warnings)
        lines.append(say(language, "warned", items=items))
    return lines


def interaction_language(locale: object, default: str) -> str:
    text = str(locale or "")
    if text.startswith("sv"):
        return "sv"
    if text.startswith("en"):
        return "en"
    return default


def is_clerk(role_names: list[str], role_ids: list[int], clerk_role: str) -> bool:
    """Whether a member's roles include the configured clerk role, by name or by id."""
    wanted = clerk_role.strip()
    if wanted.isdigit() and int(wanted) in role_ids:
        return True
    return any(name.casefold() == wanted.casefold() for name in role_names)


def strip_mentions(content: str, bot_id: int) -> str:
    return re.sub(rf"<@!?{bot_id}>", " ", content).strip()


class Translator(app_commands.Translator):
    """Swedish clients see /fråga, English ones /ask."""

    async def translate(self, string: app_commands.locale_str, locale: discord.Locale, context) -> str | None:
        if locale is discord.Locale.swedish:
            return SWEDISH.get(string.message)
        return None


def _t(text: str) -> app_commands.locale_str:
    return app_commands.locale_str(text)


# -- buttons -----------------------------------------------------------------------------------


class AnswerButton(discord.ui.DynamicItem[discord.ui.Button], template=r"mb:(?P<action>full|timeline|more):(?P<key>[0-9a-f]{20})"):
    """A button under an answer. Its custom id carries a key into the store, so it keeps
    working after a restart; a key that is gone says the button expired."""

    def __init__(self, action: str, key: str, label: str = "…"):
        style = discord.ButtonStyle.secondary if action != "full" else discord.ButtonStyle.primary
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=f"mb:{action}:{key}"))
        self.action, self.key = action, key

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match):
        return cls(match["action"], match["key"], item.label or "…")

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.client.on_answer_button(interaction, self.action, self.key)


@dataclass(frozen=True)
class Reply:
    """A renderer-neutral reply: embeds as dicts, and which buttons go under them."""

    embeds: tuple[dict, ...]
    button_key: str | None = None
    language: str = "sv"
    with_timeline: bool = False


# -- the client --------------------------------------------------------------------------------


class MinutesBot(discord.Client):
    def __init__(
        self,
        *,
        engine: Engine,
        store: Store,
        config: Config,
        reindex: Reindexer,
        intents: discord.Intents | None = None,
        **options,
    ):
        if intents is None:
            intents = discord.Intents.default()
            intents.message_content = True
        super().__init__(intents=intents, allowed_mentions=NO_MENTIONS, **options)
        self.engine = engine
        self.store = store
        self.settings = config.discord
        self.config = config
        self.reindex = reindex
        self.tree = app_commands.CommandTree(self)
        self.limiter = RateLimiter(self.settings.rate_limit, self.settings.rate_window_s)
        self._index_lock = asyncio.Lock()
        self._poller: asyncio.Task | None = None
        self.tree.on_error = self.on_app_command_error
        self._add_commands()

    # -- start -----------------------------------------------------------------------------

    async def setup_hook(self) -> None:
        self.add_dynamic_items(AnswerButton)
        await self.tree.set_translator(Translator())
        if self.settings.guild_ids:
            for guild_id in self.settings.guild_ids:
                guild = discord.Object(id=guild_id)
                self.tree.copy_global_to(guild=guild)
                await self.tree.sync(guild=guild)
        else:
            await self.tree.sync()
        if not self.store.get_state("generation"):
            # Alerts start from now: history is not news.
            self.store.set_state("generation", str(await asyncio.to_thread(self.engine.index.generation)))
        self._poller = asyncio.create_task(self._poll_changes())

    async def close(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
        await super().close()

    # -- commands --------------------------------------------------------------------------

    def _add_commands(self) -> None:
        tree = self.tree

        @tree.command(name=_t("ask"), description=_t("Ask about the minutes in Swedish or English"))
        @app_commands.describe(question=_t("Your question, e.g. What happened to the twin-town agreement?"))
        @app_commands.rename(question=_t("question"))
        async def ask(interaction: discord.Interaction, question: app_commands.Range[str, 1, 500]) -> None:
            await self.cmd_ask(interaction, question)

        @tree.command(name=_t("search"), description=_t("Search the paragraphs of the minutes"))
        @app_commands.describe(
            query=_t("Words to look for"),
            body=_t("Body: KF, KS, KSAU, BUN, ... or its name"),
            from_=_t("From date (YYYY-MM-DD, YYYY-MM or YYYY)"),
            to=_t("To date (YYYY-MM-DD, YYYY-MM or YYYY)"),
            status=_t("Only paragraphs with this status"),
            case=_t("Only this case number"),
        )
        @app_commands.rename(query=_t("query"), body=_t("body"), from_=_t("from"), to=_t("to"), status=_t("status"), case=_t("case"))
        @app_commands.choices(
            status=[app_commands.Choice(name=s, value=s) for s in ("decided", "proposed", "forwarded", "referred_back", "tabled", "rejected", "answered", "noted", "withdrawn")]
        )
        async def search(
            interaction: discord.Interaction,
            query: app_commands.Range[str, 1, 300],
            body: str | None = None,
            from_: str | None = None,
            to: str | None = None,
            status: app_commands.Choice[str] | None = None,
            case: str | None = None,
        ) -> None:
            await self.cmd_search(interaction, query, body, from_, to, status.value if status else None, case)

        @tree.command(name=_t("case"), description=_t("Every paragraph of one matter, oldest first"))
        @app_commands.describe(case=_t("Case number in any style, e.g. KS 2022/1011"))
        @app_commands.rename(case=_t("case"))
        async def case_command(interaction: discord.Interaction, case: app_commands.Range[str, 1, 100]) -> None:
            await self.cmd_case(interaction, case)

        @case_command.autocomplete("case")
        async def case_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
            pairs = await asyncio.to_thread(self.engine.index.suggest_cases, current[:100], 25)
            return [
                app_commands.Choice(name=embeds.truncate(f"{printed} — {title}", 100), value=printed[:100])
                for printed, title in pairs
            ]

        @tree.command(name=_t("paragraph"), description=_t("Show a paragraph (§) in full"))
        @app_commands.describe(body=_t("Body: KF, KS, KSAU, BUN, ... or its name"), number=_t("The § number"), date=_t("Meeting date (YYYY-MM-DD)"))
        @app_commands.rename(body=_t("body"), number=_t("number"), date=_t("date"))
        async def paragraph(interaction: discord.Interaction, body: str, number: app_commands.Range[int, 1, 9999], date: str | None = None) -> None:
            await self.cmd_paragraph(interaction, body, number, date)

        @tree.command(name=_t("follow"), description=_t("Be told in this channel when a matter moves"))
        @app_commands.describe(what=_t("A case number or words to follow"), channel=_t("Another channel (clerks only)"))
        @app_commands.rename(what=_t("what"), channel=_t("channel"))
        async def follow(interaction: discord.Interaction, what: app_commands.Range[str, 1, 200], channel: discord.TextChannel | None = None) -> None:
            await self.cmd_follow(interaction, what, channel, add=True)

        @tree.command(name=_t("unfollow"), description=_t("Stop following a matter"))
        @app_commands.describe(what=_t("A case number or words to follow"), channel=_t("Another channel (clerks only)"))
        @app_commands.rename(what=_t("what"), channel=_t("channel"))
        async def unfollow(interaction: discord.Interaction, what: app_commands.Range[str, 1, 200], channel: discord.TextChannel | None = None) -> None:
            await self.cmd_follow(interaction, what, channel, add=False)

        @tree.command(name=_t("following"), description=_t("What this channel follows"))
        async def following(interaction: discord.Interaction) -> None:
            await self.cmd_following(interaction)

        @tree.command(name=_t("index"), description=_t("Read new and changed minutes into the index (clerks)"))
        async def index(interaction: discord.Interaction) -> None:
            await self.cmd_index(interaction)

        @tree.command(name=_t("upload"), description=_t("Add a minutes file and index it (clerks)"))
        @app_commands.describe(file=_t("PDF, DOCX, HTML, Markdown or text"))
        @app_commands.rename(file=_t("file"))
        async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
            await self.cmd_upload(interaction, file)

    # -- helpers ---------------------------------------------------------------------------

    def language_of(self, interaction: discord.Interaction) -> str:
        return interaction_language(interaction.locale, self.settings.default_language)

    def member_is_clerk(self, user: discord.abc.User) -> bool:
        roles = getattr(user, "roles", None) or []
        return is_clerk([r.name for r in roles], [r.id for r in roles], self.settings.clerk_role)

    async def _refuse_if_limited(self, interaction: discord.Interaction, language: str) -> bool:
        wait = self.limiter.check(interaction.user.id)
        if wait:
            await self._ephemeral(interaction, say(language, "slow_down", s=max(1, round(wait))))
            return True
        return False

    async def _ephemeral(self, interaction: discord.Interaction, text: str) -> None:
        embed = discord.Embed.from_dict(embeds.message_embed(text))
        if interaction.response.is_done():
            await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)

    def _view(self, reply: Reply) -> discord.ui.View | None:
        if not reply.button_key:
            return None
        view = discord.ui.View(timeout=None)
        view.add_item(AnswerButton("full", reply.button_key, say(reply.language, "full")))
        if reply.with_timeline:
            view.add_item(AnswerButton("timeline", reply.button_key, say(reply.language, "timeline")))
        view.add_item(AnswerButton("more", reply.button_key, say(reply.language, "more")))
        return view

    async def _send_reply(self, interaction: discord.Interaction, reply: Reply, ephemeral: bool = False) -> None:
        """The reply as follow-ups to a deferred interaction; one embed a message keeps each
        message within Discord's 6,000-character total."""
        view = self._view(reply)
        for i, data in enumerate(reply.embeds):
            last = i == len(reply.embeds) - 1
            kwargs = {"embed": discord.Embed.from_dict(data), "ephemeral": ephemeral, "allowed_mentions": NO_MENTIONS}
            if last and view is not None:
                kwargs["view"] = view
            await interaction.followup.send(**kwargs)

    def answer_reply(self, text: str, language: str | None = None) -> Reply:
        """Blocking: ask the engine and lay the answer out. Run in a worker thread."""
        answer = self.engine.ask(text, language=language)
        key = None
        if answer.found and answer.step is not None:
            key = self.store.button_key(answer.step.doc_id, text, answer.language)
        return Reply((embeds.answer_embed(answer),), key, answer.language, len(answer.timeline) > 1)

    # -- command handlers -------------------------------------------------------------------

    async def cmd_ask(self, interaction: discord.Interaction, question: str) -> None:
        language = self.language_of(interaction)
        if await self._refuse_if_limited(interaction, language):
            return
        await interaction.response.defer(thinking=True)
        reply = await asyncio.to_thread(self.answer_reply, question)
        await self._send_reply(interaction, reply)

    async def cmd_search(self, interaction, query, body, date_from, date_to, status, case) -> None:
        language = self.language_of(interaction)
        if await self._refuse_if_limited(interaction, language):
            return
        try:
            filters = Filters() if not any((body, date_from, date_to, status, case)) else _filters(body, date_from, date_to, status, case)
        except InvalidFilter as exc:
            await self._ephemeral(interaction, str(exc))
            return
        await interaction.response.defer(thinking=True)
        hits = await asyncio.to_thread(self.engine.index.search, query, filters, 10)
        title = say(language, "results", q=query)
        await self._send_reply(interaction, Reply((embeds.hits_embed(hits, title, language),), language=language))

    async def cmd_case(self, interaction: discord.Interaction, case: str) -> None:
        language = self.language_of(interaction)
        await interaction.response.defer(thinking=True)
        try:
            hits = await asyncio.to_thread(self.engine.index.case, case)
        except InvalidFilter as exc:
            await self._ephemeral(interaction, str(exc))
            return
        if not hits:
            await self._ephemeral(interaction, say(language, "no_case", case=case))
            return
        title = say(language, "case_title", case=case)
        await self._send_reply(interaction, Reply((embeds.hits_embed(hits, title, language),), language=language))

    async def cmd_paragraph(self, interaction: discord.Interaction, body: str, number: int, date: str | None) -> None:
        language = self.language_of(interaction)
        try:
            filters = _filters(body, date, date, None, None)
        except InvalidFilter as exc:
            await self._ephemeral(interaction, str(exc))
            return
        await interaction.response.defer(thinking=True)
        filters = Filters(body=filters.body, date_from=filters.date_from, date_to=filters.date_to, paragraph=str(number))
        hits = await asyncio.to_thread(self.engine.index.search, "", filters, 1)
        record = await asyncio.to_thread(self.engine.index.paragraph, hits[0].doc_id) if hits else None
        if record is None:
            await self._ephemeral(interaction, say(language, "no_paragraph"))
            return
        pages = embeds.paragraph_embeds(record[0], record[1], language)
        await self._send_reply(interaction, Reply(tuple(pages), language=language))

    async def cmd_follow(self, interaction, what: str, channel, *, add: bool) -> None:
        language = self.language_of(interaction)
        target = channel or interaction.channel
        if channel is not None and channel.id != interaction.channel_id and not self.member_is_clerk(interaction.user):
            await self._ephemeral(interaction, say(language, "clerk_only", role=self.settings.clerk_role))
            return
        try:
            spec = parse_follow(what)
        except FollowError as exc:
            await self._ephemeral(interaction, str(exc))
            return
        guild_id = interaction.guild_id
        if add:
            done = await asyncio.to_thread(self.store.add_follow, target.id, guild_id, spec.kind, spec.value, spec.key, interaction.user.id)
            text = say(language, "followed" if done else "already", what=spec.value)
        else:
            done = await asyncio.to_thread(self.store.remove_follow, target.id, spec.kind, spec.key)
            text = say(language, "unfollowed" if done else "not_followed", what=spec.value)
        await interaction.response.send_message(embed=discord.Embed.from_dict(embeds.message_embed(text)), allowed_mentions=NO_MENTIONS)

    async def cmd_following(self, interaction: discord.Interaction) -> None:
        language = self.language_of(interaction)
        follows = await asyncio.to_thread(self.store.follows, interaction.channel_id)
        if follows:
            text = say(language, "follows", items="\n".join(f"• {f.value}" for f in follows))
        else:
            text = say(language, "no_follows")
        await interaction.response.send_message(embed=discord.Embed.from_dict(embeds.message_embed(text)), allowed_mentions=NO_MENTIONS)

    async def cmd_index(self, interaction: discord.Interaction) -> None:
        language = self.language_of(interaction)
        if not self.member_is_clerk(interaction.user):
            await self._ephemeral(interaction, say(language, "clerk_only", role=self.settings.clerk_role))
            return
        if self._index_lock.locked():
            await self._ephemeral(interaction, say(language, "busy"))
            return
        await interaction.response.defer(thinking=True)
        await self._reindex_with_progress(interaction, language)

    async def cmd_upload(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        language = self.language_of(interaction)
        if not self.member_is_clerk(interaction.user):
            await self._ephemeral(interaction, say(language, "clerk_only", role=self.settings.clerk_role))
            return
        try:
            name = check_upload(file.filename, file.size, self.settings.upload_types, self.settings.upload_max_mb * 1024 * 1024)
            target = upload_path(self.config.minutes_dir, name)
        except UploadRejected as exc:
            await self._ephemeral(interaction, str(exc))
            return
        if self._index_lock.locked():
            await self._ephemeral(interaction, say(language, "busy"))
            return
        await interaction.response.defer(thinking=True)
        data = await file.read()
        if len(data) > self.settings.upload_max_mb * 1024 * 1024:
            await self._ephemeral(interaction, str(UploadRejected("the file is larger than the upload limit")))
            return
        await asyncio.to_thread(_write_new, target, data)
        await interaction.followup.send(
            embed=discord.Embed.from_dict(embeds.message_embed(say(language, "saved", name=target.name))),
            allowed_mentions=NO_MENTIONS,
        )
        await self._reindex_with_progress(interaction, language)

    async def _reindex_with_progress(self, interaction: discord.Interaction, language: str) -> None:
        loop = asyncio.get_running_loop()
        message = await interaction.followup.send(
            embed=discord.Embed.from_dict(embeds.message_embed(say(language, "indexing", done=0, total="?"))),
            wait=True,
            allowed_mentions=NO_MENTIONS,
        )
        last = [0.0]

        def progress(done: int, total: int, name: str) -> None:
            now = time.monotonic()
            if now - last[0] < PROGRESS_EVERY_S and done < total:
                return
            last[0] = now
            text = say(language, "indexing", done=done, total=total)
            edit = message.edit(embed=discord.Embed.from_dict(embeds.message_embed(text)), allowed_mentions=NO_MENTIONS)
            asyncio.run_coroutine_threadsafe(edit, loop)

        async with self._index_lock:
            report = await asyncio.to_thread(self.reindex, progress)
            await asyncio.to_thread(self.engine.refresh_vocabulary)
        lines = [
            say(
                language,
                "indexed",
                files=report.indexed_files,
                paragraphs=report.paragraphs,
                new=len(report.added) + len(report.changed),
                deleted=len(report.deleted),
                seconds=report.seconds,
            )
        ]
        lines += report_lines(report, language)
        await message.edit(embed=discord.Embed.from_dict(embeds.message_embed("\n".join(lines))), allowed_mentions=NO_MENTIONS)
        await self.send_alerts()

    # -- buttons ---------------------------------------------------------------------------

    async def on_answer_button(self, interaction: discord.Interaction, action: str, key: str) -> None:
        language = self.language_of(interaction)
        target = await asyncio.to_thread(self.store.button, key)
        record = await asyncio.to_thread(self.engine.index.paragraph, target.doc_id) if target else None
        if target is None or record is None:
            await self._ephemeral(interaction, say(language, "expired"))
            return
        await interaction.response.defer(thinking=True, ephemeral=True)
        if action == "full":
            pages = embeds.paragraph_embeds(record[0], record[1], target.language)
            await self._send_reply(interaction, Reply(tuple(pages), language=target.language), ephemeral=True)
            return
        answer = await asyncio.to_thread(self.engine.ask, target.question, language=target.language)
        if action == "timeline":
            data = embeds.timeline_embed(answer)
        else:
            title = LABELS[target.language]["others"]
            data = embeds.hits_embed(list(answer.hits[1:6]), title, target.language)
        await self._send_reply(interaction, Reply((data,), language=target.language), ephemeral=True)

    # -- plain messages --------------------------------------------------------------------

    def wants_answer(self, message: discord.Message) -> bool:
        if message.author.bot or self.user is None:
            return False
        if message.guild is None:
            return True
        if self.user in message.mentions:
            return True
        channel_id = getattr(message.channel, "parent_id", None) if isinstance(message.channel, discord.Thread) else None
        return message.channel.id in self.settings.answer_channels or channel_id in self.settings.answer_channels

    async def on_message(self, message: discord.Message) -> None:
        if not self.wants_answer(message):
            return
        text = strip_mentions(message.content, self.user.id)
        language = self.settings.default_language
        if not text:
            await message.reply(say(language, "empty"), allowed_mentions=NO_MENTIONS)
            return
        wait = self.limiter.check(message.author.id)
        if wait:
            await message.reply(say(language, "slow_down", s=max(1, round(wait))), allowed_mentions=NO_MENTIONS)
            return
        try:
            reply = await asyncio.to_thread(self.answer_reply, text)
        except Exception:
            log.exception("answering a message failed")
            await message.reply(say(language, "error"), allowed_mentions=NO_MENTIONS)
            return
        destination = message.channel
        if message.guild is not None and not isinstance(message.channel, discord.Thread):
            # Answers go in a thread of their own to keep the channel readable.
            destination = await message.create_thread(name=embeds.truncate(text, 90), auto_archive_duration=1440)
        view = self._view(reply)
        for i, data in enumerate(reply.embeds):
            last = i == len(reply.embeds) - 1
            await destination.send(embed=discord.Embed.from_dict(data), view=view if last else None, allowed_mentions=NO_MENTIONS)

    # -- follow alerts ---------------------------------------------------------------------

    async def _poll_changes(self) -> None:
        """Alerts for paragraphs indexed by anyone (also the CLI), every few seconds."""
        while not self.is_closed():
            try:
                await asyncio.sleep(self.settings.follow_poll_s)
                async with self._index_lock:
                    await self.send_alerts()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("follow alerts failed; trying again later")

    async def send_alerts(self) -> int:
        """Post each new or changed paragraph that concerns a follow to the following channel,
        once. Returns how many alerts were sent."""
        after = int(self.store.get_state("generation", "-1") or -1)
        entries = await asyncio.to_thread(read_changes, self.config.index_dir, after)
        if not entries:
            return 0
        follows = await asyncio.to_thread(self.store.follows)
        sent = 0
        for entry in entries:
            if follows:
                for doc_id in entry.get("added", []):
                    sent += await self._alert_for(doc_id, follows)
            self.store.set_state("generation", str(entry["generation"]))
        return sent

    async def _alert_for(self, doc_id: str, follows) -> int:
        record = await asyncio.to_thread(self.engine.index.paragraph, doc_id)
        if record is None:
            return 0
        _, paragraph = record
        hit = await asyncio.to_thread(self.engine.index.hit_for, doc_id)
        if hit is None:
            return 0
        sent = 0
        for follow in follows:
            if not concerns(follow, paragraph):
                continue
            if not self.store.mark_notified(follow.id, doc_id, fingerprint(paragraph)):
                continue
            channel = self.get_channel(follow.channel_id)
            if channel is None:
                try:
                    channel = await self.fetch_channel(follow.channel_id)
                except discord.HTTPException:
                    log.warning("follow %s: channel %s is gone", follow.id, follow.channel_id)
                    continue
            data = embeds.alert_embed(follow.value, hit, self.settings.default_language)
            await channel.send(embed=discord.Embed.from_dict(data), allowed_mentions=NO_MENTIONS)
            sent += 1
        return sent

    # -- errors ----------------------------------------------------------------------------

    async def on_app_command_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        language = self.language_of(interaction)
        log.error("command %s failed: %s", getattr(interaction.command, "name", "?"), error.__class__.__name__, exc_info=error)
        with contextlib.suppress(discord.HTTPException):
            await self._ephemeral(interaction, say(language, "error"))


def run_bot(token: str, *, engine: Engine, store: Store, config: Config, reindex: Reindexer) -> str | None:
    """Run until stopped; a problem the operator must fix comes back as one line."""
    bot = MinutesBot(engine=engine, store=store, config=config, reindex=reindex)
    try:
        bot.run(token, log_handler=None)
    except discord.LoginFailure:
        return "Discord refused the token in DISCORD_TOKEN: create a new one in the developer portal"
    except discord.PrivilegedIntentsRequired:
        return "turn on the Message Content intent for the bot in the Discord developer portal"
    return None


def _filters(body, date_from, date_to, status, case) -> Filters:
    from index.search import parse_filters

    return parse_filters(body=body, date_from=date_from, date_to=date_to, case=case, status=status)


def _write_new(path: Path, data: bytes) -> None:
    """Write a new file whole or not at all: a half-written upload is never indexed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    tmp.replace(path)
