"""The two baselines the stance model must beat: the majority class and a lexicon rule."""

from __future__ import annotations

from collections import Counter

from pipeline.stance.cues import count_cues, cue_lexicon, scare_quotes
from pipeline.stance.direction_rule import marker_direction
from pipeline.stance.features import ClaimInput


def majority(train_labels: list[str]):
    label = Counter(train_labels).most_common(1)[0][0]
    return lambda claims, contexts: [label] * len(claims)


def lexicon_stance(claims: list[ClaimInput], contexts: list[str]) -> list[str]:
    """The author supports what he says unless he scare-quotes it; others' claims are disputed when the
    related sentences push back, else reported."""
    dispute = cue_lexicon()["dispute"]
    labels = []
    for claim, context in zip(claims, contexts):
        if claim.speaker_type == "author":
            labels.append("disputes" if scare_quotes(claim.text) else "supports")
        else:
            labels.append("disputes" if count_cues(context, dispute) else "reports")
    return labels


def lexicon_direction(claims: list[ClaimInput], contexts: list[str]) -> list[str]:
    words = cue_lexicon()["direction"]
    labels = []
    for claim in claims:
        if not claim.is_transfer:
            labels.append("none")
            continue
        counts = {label: count_cues(claim.text, cues) for label, cues in words.items()}
        best = max(("halt", "curtail", "expand", "continue"), key=lambda label: counts[label])
        labels.append(best if counts[best] else "continue")
    return labels


def rule_direction(claims: list[ClaimInput], contexts: list[str]) -> list[str]:
    """The transfer's status turned into a direction by the annotation rule's markers (also a model feature)."""
    return [marker_direction(claim.text, claim.status) if claim.is_transfer else "none" for claim in claims]
