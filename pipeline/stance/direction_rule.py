"""The direction rule: a transfer's status, turned into a direction by the markers the annotation rule names
(corpus/README.md). A baseline on its own and a feature of the direction head, which learns when to overrule it."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.extract.cue_match import cue_patterns
from pipeline.stance.cues import count_cues, cue_lexicon
from pipeline.stance.encode import encoder_text


@lru_cache(maxsize=1)
def first_of_kind() -> re.Pattern:
    """"the first Tor-M2 battery", "first acquired in 2016", "a second package": a first (or further) delivery is
    new, whatever noun follows; "First Deputy Defense Minister" and "the first quarter" are not."""
    exceptions = "|".join(map(re.escape, cue_lexicon()["direction_markers"]["first_not_novel"]))
    return re.compile(rf"\b(?:first|second|third)\s+(?!(?:{exceptions})\b)[\w-]+", re.IGNORECASE)


# "under a 2017 contract", "under the intergovernmental agreement": deliveries of a deal already made
UNDER_DEAL = re.compile(
    r"\bunder (?:a|an|the|its|their|this|that)\b[^.;()]{0,40}?\b(?:contract|agreement|deal|loan)s?\b", re.IGNORECASE)
# "no contract ... has been or will be cancelled", "Neither ship has been dropped": a stop denied, the flow goes on
HALT_DENIED = re.compile(
    r"\b(?:no|neither|not a single)\s+[\w’'-]+(?:[\s,]+[\w’'-]+){0,6}?\s+(?:has|have|had|will|would|is|was)\s+"
    r"(?:been\s+)?(?:\w+\s+){0,5}?(?:cancell?ed|frozen|dropped|suspended|stopped|halted|terminated|abandoned)\b",
    re.IGNORECASE)


def without(text: str, phrases: list[str]) -> str:
    """``text``, lower-cased, with ``phrases`` blanked out: "declined to comment" and "no fewer than" are not
    curtailments. Phrases match as whole words, as every cue does (``cue_patterns``)."""
    lowered = text.lower()
    for pattern in cue_patterns(tuple(phrases)):
        lowered = pattern.sub(" ", lowered)
    return lowered


def marker_direction(text: str, status: str | None) -> str:
    """expand, continue, curtail, halt or none for an arms-transfer claim with this text and status."""
    markers = cue_lexicon()["direction_markers"]
    text = encoder_text(text)  # "(The New York Times, May 3)" is a source, not a "new" flow
    has = {name: count_cues(text, markers[name]) > 0 for name in ("existing", "halt", "use", "transfer")}
    if has["use"] and not has["transfer"]:
        return "none"  # "Armenian crews fired the Czech rounds": weapons in use, no flow between parties
    has["curtail"] = count_cues(without(text, markers["not_curtail"]), markers["curtail"]) > 0
    has["novel"] = count_cues(without(text, markers["not_novel"]), markers["novel"]) > 0 \
        or first_of_kind().search(text) is not None
    if HALT_DENIED.search(text) and status != "denied":
        return "continue"
    if status == "denied":
        return "halt"
    if status == "curtailed":
        return "halt" if has["halt"] else "curtail"  # the more specific change wins
    if has["halt"] and status != "delivered":
        return "halt"
    if has["curtail"]:
        return "curtail"
    if status == "delivered":
        return "expand" if has["novel"] else "continue"
    if status in ("planned", "agreed") and (has["existing"] or UNDER_DEAL.search(text)) and not has["novel"]:
        return "continue"  # an existing contract running its course
    return "expand"  # signed, agreed, planned or considered: a new flow
