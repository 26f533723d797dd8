"""The Discord adapter's pure parts: clerk check, languages, mentions, translations."""

from __future__ import annotations

import asyncio

import discord
import pytest
from discord import app_commands

from bot.discord_app import SWEDISH, Translator, interaction_language, is_clerk, say, strip_mentions


@pytest.mark.parametrize(
    "names, ids, setting, allowed",
    [
        (["Clerk"], [1], "Clerk", True),
        (["clerk"], [1], "Clerk", True),
        (["Member"], [1], "Clerk", False),
        ([], [], "Clerk", False),
        (["Member"], [42], "42", True),
        (["42"], [7], "42", True),
        (["Member"], [7], "42", False),
    ],
)
def test_clerk_check(names, ids, setting, allowed):
    assert is_clerk(names, ids, setting) is allowed


@pytest.mark.parametrize("locale, expected", [("sv-SE", "sv"), ("en-US", "en"), ("en-GB", "en"), ("fi", "sv"), (None, "sv")])
def test_interaction_language(locale, expected):
    assert interaction_language(locale, "sv") == expected


def test_mentions_are_stripped():
    assert strip_mentions("<@123> Vad hände? <@!123>", 123) == "Vad hände?"


def test_swedish_command_names_are_valid():
    for english, swedish in SWEDISH.items():
        if english.islower() and " " not in english:  # a name, not a description
            assert swedish == swedish.lower() and " " not in swedish and len(swedish) <= 32


def test_translator():
    translator = Translator()

    async def run(locale):
        return await translator.translate(app_commands.locale_str("ask"), locale, None)

    assert asyncio.run(run(discord.Locale.swedish)) == "fråga"
    assert asyncio.run(run(discord.Locale.american_english)) is None


def test_messages_exist_in_both_languages():
    from bot.discord_app import _MESSAGES

    assert set(_MESSAGES["sv"]) == set(_MESSAGES["en"])
    assert "registratorer" in say("sv", "clerk_only", role="Clerk")
