"""Write index/data/sv_lexicon.txt, the word list the compound splitter checks parts against.

    .venv/bin/python tools/build_lexicon.py [--top 80000] [--out index/data/sv_lexicon.txt]

Needs wordfreq, which only this script uses: the runtime reads the shipped file, so that
a search box never depends on a frequency library's release. The file keeps wordfreq's
order (most frequent first) because the splitter uses the line number as a frequency rank.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

DEFAULT_TOP = 80_000
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "index" / "data" / "sv_lexicon.txt"

# Swedish letters only: wordfreq's list also holds English loans with q/w/z (kept, they
# are letters a-z) but also digits, apostrophes and other scripts, which no compound
# part can be.
_WORD = re.compile(r"[a-zåäöéü]{3,}\Z")


def header(top: int, version: str, kept: int) -> list[str]:
    return [
        "# Swedish lexicon for minutesbot's compound splitter.",
        f"# Source: wordfreq {version}, top_n_list('sv', {top}); kept words of >= 3 letters",
        "# a-z å ä ö é ü, most frequent first: line order is the frequency rank.",
        f"# {kept} words. Regenerate with tools/build_lexicon.py.",
        "# Licence: wordfreq data, CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/),",
        "# by Robyn Speer, https://github.com/rspeer/wordfreq, derived from Wikipedia, OPUS",
        "# OpenSubtitles 2018, ParaCrawl, the Leeds Internet Corpus, Google Books Ngrams,",
        "# SUBTLEX (Brysbaert et al., freely available data) and Twitter word counts.",
        "# This file, unlike the code around it, is shared under CC BY-SA 4.0.",
    ]


def select(words: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for word in words:
        if _WORD.match(word) and word not in seen:
            seen.add(word)
            kept.append(word)
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=DEFAULT_TOP)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    from importlib.metadata import version

    import wordfreq

    words = select(wordfreq.top_n_list("sv", args.top))
    lines = header(args.top, version("wordfreq"), len(words)) + words
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(words)} words, {args.out.stat().st_size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
