"""Lexicon cues matched as whole words in lower-cased text, shared by the hedge rules and the stance features."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=64)
def cue_patterns(cues: tuple[str, ...]) -> list[re.Pattern]:
    """One pattern per cue, not inside a longer word or hyphenated compound."""
    return [re.compile(rf"(?<![\w-]){re.escape(cue)}(?![\w-])") for cue in cues]


@lru_cache(maxsize=64)
def any_cue(cues: tuple[str, ...]) -> re.Pattern:
    """Finds any of ``cues`` anywhere: most sentences hold none, and one search rules them out."""
    return re.compile("|".join(re.escape(cue) for cue in cues)) if cues else re.compile(r"(?!)")
