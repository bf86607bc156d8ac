"""The claim lexicons curated under ``models/edm-claims/``: loaded once, read-only."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.errors import ModelMissing
from pipeline.schema import ModelRef
from pipeline.settings import get_settings

CLAIMS_MODEL = "edm-claims"


def without_possessive(text: str) -> str:
    """"Belarus’s" -> "Belarus", "the States’" -> "the States": the one place the lexicons drop a possessive."""
    for suffix in ("’s", "'s", "’", "'"):
        text = text.removesuffix(suffix)
    return text


@dataclass(frozen=True)
class Lexicons:
    version: str
    cue_verbs: frozenset[str]
    cue_phrases: tuple[str, ...]
    titles: frozenset[str]
    organization_words: frozenset[str]
    # Last words of a body's name that never end a person's: "Defense Ministry", "Turkish Statistical Institute",
    # "Hanwha Land Systems" are not people, whatever the NER says.
    organization_endings: frozenset[str]
    supplier_verbs: frozenset[str]
    recipient_verbs: frozenset[str]
    transfer_nouns: frozenset[str]
    arms_words: frozenset[str]
    status_words: dict[str, frozenset[str]]
    hedges: dict[str, tuple[str, ...]]
    assessment_words: frozenset[str]
    country_of: dict[str, str]  # alias (lower case) -> country
    origin_of: dict[str, str]  # weapon system or maker -> country
    maker_origin_of: dict[str, str]  # makers only: a system's origin is never a side on its own
    acronyms: frozenset[str] = frozenset()  # aliases written in capitals (lower case here): "US" but not "us"

    @property
    def ref(self) -> ModelRef:
        return ModelRef(name=CLAIMS_MODEL, version=self.version)

    def names_body(self, name: str) -> bool:
        """Whether a name the NER called a person ends as a body's does ("Kyrgyz Defense Ministry")."""
        words = without_possessive(name).split()
        return bool(words) and words[-1].lower() in self.organization_endings

    def country(self, text: str) -> str | None:
        text = without_possessive(text.strip().removeprefix("the ").removeprefix("The "))
        if text.lower() in self.acronyms and not text.isupper():
            return None  # "what it can give us" names no country
        return self.country_of.get(text.lower())


def canonical_country(name: str | None, lexicons: Lexicons) -> str | None:
    """"Czechia" and "Czech Republic" are one country: compare names through the alias table."""
    return (lexicons.country(name) or name) if name else None


def read_json(folder: Path, name: str) -> dict:
    path = folder / name
    if not path.exists():
        raise ModelMissing(str(path), f"claim lexicon missing; restore {CLAIMS_MODEL} from git")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_lexicons(folder: Path | None = None) -> Lexicons:
    folder = folder or get_settings().models_dir / CLAIMS_MODEL
    meta, cues = read_json(folder, "meta.json"), read_json(folder, "cues.json")
    transfers, hedges = read_json(folder, "transfers.json"), read_json(folder, "hedges.json")
    countries = read_json(folder, "countries.json")["aliases"]
    origins = read_json(folder, "origins.json")
    makers = origins["makers"]
    return Lexicons(
        version=meta["version"],
        cue_verbs=frozenset(cues["verbs"]),
        cue_phrases=tuple(cues["phrases"]),
        titles=frozenset(cues["titles"]),
        organization_words=frozenset(cues["organization_words"]),
        organization_endings=frozenset(cues["organization_words"]) | frozenset(cues["organization_endings"]),
        supplier_verbs=frozenset(transfers["supplier_verbs"]),
        recipient_verbs=frozenset(transfers["recipient_verbs"]),
        transfer_nouns=frozenset(transfers["nouns"]),
        arms_words=frozenset(transfers["arms_words"]),
        status_words={status: frozenset(words) for status, words in transfers["status"].items()},
        hedges={level: tuple(sorted(cues, key=len, reverse=True)) for level, cues in hedges.items()
                if level not in ("about", "assessment")},
        assessment_words=frozenset(hedges["assessment"]),
        country_of={alias.lower(): country for country, aliases in countries.items() for alias in aliases},
        origin_of={name.lower(): country for group in ("makers", "systems") for country, names in origins[group].items()
                   for name in names},
        maker_origin_of={name.lower(): country for country, names in makers.items() for name in names},
        acronyms=frozenset(alias.lower() for aliases in countries.values() for alias in aliases if alias.isupper()),
    )
