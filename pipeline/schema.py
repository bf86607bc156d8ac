"""The record schema: the one source of truth for the JSONL we write and the JSON Schema we publish.

Every span is a pair of character offsets into the article's ``text`` plus its surface text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0.0"

DatePrecision = Literal["day", "month", "year"]
YearSource = Literal["published", "volume", "option", "unknown"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Entity(Record):
    text: str
    label: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Citation(Record):
    """One cited source with one date: ``(Interfax, March 3, 4)`` gives two citations."""

    source: str
    date: str | None = Field(description="ISO 8601 date cut to its precision: 2018-03-14, 2018-03 or 2018")
    date_precision: DatePrecision | None
    date_kind: Literal["published", "accessed"] = "published"
    raw: str = Field(description="the source's part of the parenthetical, as written")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence_index: int = Field(ge=0)


class Crossref(Record):
    """A reference to an earlier EDM article, e.g. ``(see EDM, November 2, 2017)``."""

    source: str = "EDM"
    date: str | None
    date_precision: DatePrecision | None
    raw: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence_index: int = Field(ge=0)


class Credit(Record):
    """A photo credit, ``(Source: X)``: attribution of an image, not evidence for a claim."""

    source: str
    raw: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Section(Record):
    kind: Literal["caption", "summary", "body"]
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Publication(Record):
    name: str | None = None
    volume: int | None = None
    issue: int | None = None


class Problem(Record):
    """Something that went wrong for one input (or one part of it) without stopping the run."""

    input: str
    code: str
    message: str
    stage: Literal["discover", "read", "tag", "write"]
    start: int | None = None
    end: int | None = None


class ModelRef(Record):
    name: str
    version: str


class Provenance(Record):
    pipeline: str = "edm-claims"
    pipeline_version: str
    models: list[ModelRef]
    run_id: str


class ArticleRecord(Record):
    schema_version: str = SCHEMA_VERSION
    article_id: str
    input: str
    url: str | None = None
    title: str | None
    published: str | None = Field(description="publication date (ISO) when the input states one")
    year: int | None = Field(description="publication year used to resolve citation dates")
    year_source: YearSource
    publication: Publication
    authors: list[str]
    text: str
    text_sha256: str
    version: int = Field(default=1, ge=1, description="1, or n+1 when a page's text changed since version n")
    previous_text_sha256: str | None = Field(default=None, description="text hash of the version this supersedes")
    sections: list[Section]
    entities: list[Entity]
    citations: list[Citation]
    crossrefs: list[Crossref]
    credits: list[Credit]
    errors: list[Problem]
    provenance: Provenance


SpeakerType = Literal["author", "person", "organization", "outlet", "unknown"]
ClaimKind = Literal["arms_transfer", "statement", "statistic", "assessment", "other"]
TransferStatus = Literal["delivered", "agreed", "planned", "considered", "curtailed", "denied", "unknown"]
Certainty = Literal["certain", "probable", "possible", "unlikely"]
RejectReason = Literal["not a claim", "wrong span", "duplicate", "wrong attribution", "other"]


class Speaker(Record):
    name: str | None = Field(description="fullest form of the name found in the article; null for the author")
    type: SpeakerType
    title: str | None = None


class Quote(Record):
    text: str = Field(description="the quoted words, without the quotation marks, editorial inserts kept")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class ArmsTransfer(Record):
    supplier: str | None = Field(description="country name; null when the text leaves it implicit")
    recipient: str | None
    items: list[str] = Field(description="weapon systems or categories as written")
    status: TransferStatus
    period: str | None = None
    quantity: str | None = None
    value: str | None = None


class Stance(Record):
    label: Literal["supports", "disputes", "reports"]
    score: float = Field(ge=0, le=1, description="calibrated probability of the label")
    model: str
    truncated: bool = Field(default=False, description="the claim was longer than the encoder reads (128 tokens)")


class Review(Record):
    status: Literal["pending", "accepted", "rejected", "corrected"] = "pending"
    reviewer: str | None = None
    reason: RejectReason | None = Field(default=None, description="why a claim was rejected")
    decided_at: str | None = None


class ClaimRecord(Record):
    schema_version: str = SCHEMA_VERSION
    claim_id: str
    article_id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence_index: int = Field(ge=0)
    kind: ClaimKind
    speaker: Speaker
    cue: str | None = None
    quote: Quote | None = None
    arms_transfer: ArmsTransfer | None = None
    certainty: Certainty
    certainty_cues: list[str]
    citations: list[Citation] = Field(description="citations closing the same sentence; never borrowed")
    stance: Stance | None = Field(default=None, description="the author's stance toward the claim")
    direction: Literal["expand", "continue", "curtail", "halt", "none"] | None = Field(
        default=None, description="for arms transfers: which way the claim says arms flows go")
    provenance: Provenance
    review: Review = Field(default_factory=Review)


class RunSummary(Record):
    schema_version: str = SCHEMA_VERSION
    run_id: str
    status: Literal["completed", "failed"]
    started: str
    finished: str
    seconds: float
    inputs: int
    articles: int
    duplicates: int
    entities: int
    citations: int
    crossrefs: int
    claims: int = 0
    errors: list[Problem]
    output_dir: str


ReviewAction = Literal["accept", "reject", "correct", "undo"]


class FieldChange(Record):
    field: str = Field(description="dotted path of the corrected field, e.g. arms_transfer.supplier")
    old: str | list[str] | None = Field(description="the value the reviewer saw")
    new: str | list[str] | None


class ReviewDecision(Record):
    """One line of ``reviews.jsonl``: a human decision, appended; the machine's claims.jsonl is never touched."""

    schema_version: str = SCHEMA_VERSION
    decision_id: str
    claim_id: str
    decision: ReviewAction
    reason: RejectReason | None = None
    changes: list[FieldChange] = Field(default_factory=list)
    undoes: str | None = Field(default=None, description="for an undo: the decision_id it takes back")
    reviewer: str
    timestamp: str = Field(description="ISO 8601, UTC")


RECORD_TYPES: dict[str, type[Record]] = {
    "article": ArticleRecord,
    "claim": ClaimRecord,
    "error": Problem,
    "run": RunSummary,
    "review": ReviewDecision,
}


def json_schema(record: str = "article") -> dict:
    return RECORD_TYPES[record].model_json_schema()
