"""The stance lexicon (models/edm-claims/stance_cues.json) and counting its cues in text."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from pipeline.extract.cue_match import any_cue, cue_patterns
from pipeline.settings import get_settings


@lru_cache(maxsize=1)
def cue_lexicon() -> dict:
    path = get_settings().models_dir / "edm-claims" / "stance_cues.json"
    return json.loads(Path(path).read_text(encoding="utf-8"))


def count_cues(text: str, cues: list[str]) -> int:
    return counted_cues(text.lower(), tuple(cues))


# Each article sentence is checked again for every claim near it: count each (sentence, cue list) once.
@lru_cache(maxsize=65_536)
def counted_cues(lowered: str, cues: tuple[str, ...]) -> int:
    if not any_cue(cues).search(lowered):
        return 0
    # A cue's pattern can only match where the cue's own letters are: a substring test skips most of the 60 patterns
    return sum(len(pattern.findall(lowered)) for cue, pattern in zip(cues, cue_patterns(cues)) if cue in lowered)


def scare_quotes(text: str) -> int:
    return len(re.findall(r"“[^”\s]+(?:\s[^”\s]+){0,2}”", text))
