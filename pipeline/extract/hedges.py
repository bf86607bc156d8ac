"""Certainty of a claim as written: the strongest hedge found decides."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.extract.cue_match import any_cue, cue_patterns
from pipeline.extract.lexicons import Lexicons

# When cues of several levels occur, the weakest commitment wins: "may ... unlikely" is unlikely.
LEVEL_ORDER = ("unlikely", "possible", "probable")


@lru_cache(maxsize=8)
def hedge_patterns(hedges: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern, list[tuple]]:
    """One pattern that finds any cue (to skip the many sentences with none), then one per (level, cue),
    weakest level first."""
    ordered = [(level, cue) for wanted in LEVEL_ORDER for level, level_cues in hedges if level == wanted
               for cue in level_cues]
    cues = tuple(cue for _, cue in ordered)
    return any_cue(cues), [(level, cue, pattern) for (level, cue), pattern in zip(ordered, cue_patterns(cues))]


def certainty(text: str, lexicons: Lexicons) -> tuple[str, list[str]]:
    lowered = text.lower()
    anywhere, ordered = hedge_patterns(tuple(lexicons.hedges.items()))
    if not anywhere.search(lowered):
        return "certain", []
    found: dict[str, list[str]] = {}
    taken: list[tuple[int, int]] = []
    for level, cue, pattern in ordered:
        for match in pattern.finditer(lowered):
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
