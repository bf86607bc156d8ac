"""Certainty of a claim as written: the strongest hedge found decides."""

from __future__ import annotations

import re

from pipeline.extract.lexicons import Lexicons

# When cues of several levels occur, the weakest commitment wins: "may ... unlikely" is unlikely.
LEVEL_ORDER = ("unlikely", "possible", "probable")


def certainty(text: str, lexicons: Lexicons) -> tuple[str, list[str]]:
    lowered = text.lower()
    found: dict[str, list[str]] = {}
    taken: list[tuple[int, int]] = []
    for level in LEVEL_ORDER:
        for cue in lexicons.hedges.get(level, ()):
            for match in re.finditer(rf"(?<![\w-]){re.escape(cue)}(?![\w-])", lowered):
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue  # "is unlikely to" already covers "unlikely"
                if text[match.start()] == "M" and cue == "may":
                    continue  # the month, as in "(TASS, May 3)"
                taken.append((match.start(), match.end()))
                found.setdefault(level, []).append(text[match.start():match.end()])
    for level in LEVEL_ORDER:
        if level in found:
            cues = [cue for lvl in LEVEL_ORDER for cue in found.get(lvl, [])]
            return level, cues
    return "certain", []
