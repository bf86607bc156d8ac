"""Score claims against ``corpus/claims-gold`` (format: corpus/README.md).

Gold claims are located in the article by their sentence text; a predicted claim matches a gold claim
when their character spans overlap by at least half of the shorter one, one-to-one, preferring pairs
that agree on the transfer's supplier and recipient. Field accuracies are over matched claims.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.evaluation import Score
from pipeline.extract.lexicons import canonical_country, load_lexicons
from pipeline.extract.speakers import ABBREVIATED
from pipeline.output.jsonl import read_jsonl

MIN_OVERLAP = 0.5


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1

    def as_dict(self) -> dict:
        return {"accuracy": round(self.correct / self.total, 4) if self.total else None,
                "correct": self.correct, "total": self.total}


@dataclass
class ClaimScores:
    detection: Score = field(default_factory=Score)
    pairs: Score = field(default_factory=Score)
    # Where the pairs are lost: the pair score again, with the gold's help on the matched transfer claims
    pairs_with_gold_sides: Score = field(default_factory=Score)  # our frames, the gold's supplier and recipient
    pairs_with_gold_frames: Score = field(default_factory=Score)  # the gold's frame where we found none
    pairs_with_both: Score = field(default_factory=Score)
    items: Score = field(default_factory=Score)
    speaker: Accuracy = field(default_factory=Accuracy)
    # Speakers as scored up to this round: one body written two ways ("Baykar Makina", "Baykar") counted wrong
    speaker_by_last_word: Accuracy = field(default_factory=Accuracy)
    kind: Accuracy = field(default_factory=Accuracy)
    status: Accuracy = field(default_factory=Accuracy)
    certainty: Accuracy = field(default_factory=Accuracy)
    citations: Accuracy = field(default_factory=Accuracy)
    # End to end: the stance model reading our extraction (speaker, certainty, status), not the gold fields.
    stance: Accuracy = field(default_factory=Accuracy)
    direction: Accuracy = field(default_factory=Accuracy)
    unlocated: int = 0

    def merge(self, other: ClaimScores) -> None:
        for name in ("detection", "pairs", "pairs_with_gold_sides", "pairs_with_gold_frames", "pairs_with_both",
                     "items"):
            score = getattr(self, name)
            score += getattr(other, name)
        for name in ("speaker", "speaker_by_last_word", "kind", "status", "certainty", "citations", "stance",
                     "direction"):
            mine, theirs = getattr(self, name), getattr(other, name)
            mine.correct, mine.total = mine.correct + theirs.correct, mine.total + theirs.total
        self.unlocated += other.unlocated

    def as_dict(self) -> dict:
        return {
            "detection": self.detection.as_dict(),
            "supplier_recipient_pairs": self.pairs.as_dict(),
            "pairs_with_gold_sides": self.pairs_with_gold_sides.as_dict(),
            "pairs_with_gold_frames": self.pairs_with_gold_frames.as_dict(),
            "pairs_with_both": self.pairs_with_both.as_dict(),
            "items": self.items.as_dict(),
            "speaker": self.speaker.as_dict(),
            "speaker_by_last_word": self.speaker_by_last_word.as_dict(),
            "kind": self.kind.as_dict(),
            "status": self.status.as_dict(),
            "certainty": self.certainty.as_dict(),
            "citation_links": self.citations.as_dict(),
            "stance_end_to_end": self.stance.as_dict(),
            "direction_end_to_end": self.direction.as_dict(),
            "gold_claims_not_located": self.unlocated,
        }


def locate(gold: dict, text: str) -> tuple[int, int] | None:
    sentence_start = text.find(gold["sentence"])
    if sentence_start < 0:
        return None
    offset = gold["sentence"].find(gold["text"])
    start = sentence_start + max(offset, 0)
    return start, start + len(gold["text"] if offset >= 0 else gold["sentence"])


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared / min(a[1] - a[0], b[1] - b[0]) if shared > 0 else 0.0


def pair_of(claim: dict) -> tuple | None:
    transfer = claim.get("arms_transfer")
    if not transfer:
        return None
    lexicons = load_lexicons()
    return (canonical_country(transfer.get("supplier"), lexicons), canonical_country(transfer.get("recipient"), lexicons))


def match_claims(golds: list[tuple[dict, tuple[int, int]]], preds: list[dict]) -> list[tuple[dict, dict]]:
    candidates = []
    for g, (gold, span) in enumerate(golds):
        for p, pred in enumerate(preds):
            score = overlap(span, (pred["start"], pred["end"]))
            if score >= MIN_OVERLAP:
                candidates.append((pair_of(gold) == pair_of(pred), score, g, p))
    matched, used_gold, used_pred = [], set(), set()
    for _, _, g, p in sorted(candidates, reverse=True):
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            matched.append((golds[g][0], preds[p]))
    return matched


def same_name(gold: str | None, pred: str | None) -> bool:
    if not gold or not pred:
        return gold == pred or (not gold and not pred)
    gold, pred = gold.lower().strip(), pred.lower().strip()
    return gold == pred or gold.split()[-1] == pred.split()[-1]


# Words that name no body by themselves: "the ministry" may be any ministry, "Baykar" only one company.
GENERIC_WORDS = {"ministry", "embassy", "company", "government", "service", "agency", "office", "council", "the",
                 "of", "and", "for", "in", "defense", "defence", "foreign", "state", "national", "press"}


def name_words(name: str) -> list[str]:
    """A speaker's name as words, without what varies in how one body is written: quotation marks, a bracketed
    short form, a leading article, a press service ("Ukroboronprom’s press service" is Ukroboronprom)."""
    name = re.sub(r"[“”\"]", "", name.lower()).strip()
    name = re.sub(r"\s*\([^)]*\)", "", name)
    name = re.sub(r"^(the|a|an) ", "", name)
    name = re.sub(r"(?:[’']s)? press service$", "", name)
    name = re.sub(r"^press service of (the )?", "", name)
    return name.split()


def short_forms(text: str) -> dict[str, str]:
    """The short forms the article defines: "Polska Grupa Zbrojeniowa (PGZ)" gives {"pgz": "polska grupa ..."}."""
    return {match["short"].lower(): match["full"].lower() for match in ABBREVIATED.finditer(text)}


def same_speaker(gold: str | None, pred: str | None, shorts: dict[str, str] | None = None) -> bool:
    """Whether two names name one speaker: equal, the same last word (a surname), one the other's first or last
    words ("Baykar" and "Baykar Makina", "security council" and "de facto security council") with a word that
    names something, or a short form the article defines and its full name ("PGZ", "Polska Grupa Zbrojeniowa")."""
    if same_name(gold, pred):
        return True
    if not gold or not pred:
        return False
    a, b = name_words(gold), name_words(pred)
    if a and a == b:
        return True
    for short, long in ((a, b), (b, a)):
        if short and len(short) <= len(long) and short in (long[:len(short)], long[-len(short):]) \
                and set(short) - GENERIC_WORDS:
            return True
    for one, other in ((gold, pred), (pred, gold)):
        full = (shorts or {}).get(one.lower().strip())
        if full and (full in other.lower() or other.lower() in full):
            return True
    return False


def same_item(gold: str, pred: str) -> bool:
    gold, pred = gold.lower(), pred.lower()
    return gold in pred or pred in gold


def score_items(gold: list[str], pred: list[str]) -> Score:
    tp = sum(1 for item in gold if any(same_item(item, p) for p in pred))
    found = sum(1 for p in pred if any(same_item(item, p) for item in gold))
    return Score(tp=tp, fp=len(pred) - found, fn=len(gold) - tp)


def with_gold_help(matched: list[tuple[dict, dict]], preds: list[dict], *, sides: bool, frames: bool) -> list[dict]:
    """``preds`` with the gold's supplier and recipient put on our frames (``sides``) and the gold's frame given to
    matched transfer claims we found none for (``frames``): how far pairs would get with each part done right."""
    helped = {}
    for gold, pred in matched:
        if gold["kind"] != "arms_transfer" or not gold.get("arms_transfer"):
            continue
        if pred.get("arms_transfer") and sides:
            transfer = {**pred["arms_transfer"], "supplier": gold["arms_transfer"]["supplier"],
                        "recipient": gold["arms_transfer"]["recipient"]}
            helped[id(pred)] = {**pred, "arms_transfer": transfer}
        elif not pred.get("arms_transfer") and frames:
            helped[id(pred)] = {**pred, "kind": "arms_transfer", "arms_transfer": gold["arms_transfer"]}
    return [helped.get(id(pred), pred) for pred in preds]


def transfer_pairs(claims: list[dict]) -> Counter:
    return Counter(pair_of(c) for c in claims if c["kind"] == "arms_transfer" and pair_of(c))


def score_article(gold_claims: list[dict], preds: list[dict], text: str, scores: ClaimScores) -> None:
    located = []
    for gold in gold_claims:
        span = locate(gold, text)
        if span is None:
            scores.unlocated += 1
        else:
            located.append((gold, span))
    matched = match_claims(located, preds)
    shorts = short_forms(text)
    scores.detection += Score(tp=len(matched), fp=len(preds) - len(matched), fn=len(located) - len(matched))
    gold_pairs = transfer_pairs(gold_claims)
    scores.pairs.add(gold_pairs, transfer_pairs(preds))
    for score, sides, frames in ((scores.pairs_with_gold_sides, True, False),
                                 (scores.pairs_with_gold_frames, False, True), (scores.pairs_with_both, True, True)):
        score.add(gold_pairs, transfer_pairs(with_gold_help(matched, preds, sides=sides, frames=frames)))
    for gold, pred in matched:
        same_type = gold["speaker"]["type"] == pred["speaker"]["type"]
        scores.speaker.add(same_type and same_speaker(gold["speaker"]["name"], pred["speaker"]["name"], shorts))
        scores.speaker_by_last_word.add(same_type and same_name(gold["speaker"]["name"], pred["speaker"]["name"]))
        scores.kind.add(gold["kind"] == pred["kind"])
        scores.certainty.add(gold["certainty"] == pred["certainty"])
        scores.citations.add(set(gold["citations"]) == {c["source"] for c in pred["citations"]})
        if gold.get("stance") and pred.get("stance"):
            scores.stance.add(gold["stance"] == pred["stance"]["label"])
        if gold.get("arms_transfer") and gold.get("direction"):  # a missed transfer has no direction: wrong
            scores.direction.add(gold["direction"] == pred.get("direction"))
        if gold.get("arms_transfer") and pred.get("arms_transfer"):
            scores.status.add(gold["arms_transfer"]["status"] == pred["arms_transfer"]["status"])
            scores.items += score_items(gold["arms_transfer"]["items"], pred["arms_transfer"]["items"])


def evaluate_claims(gold_dir: Path, articles_path: Path, claims_path: Path, *, stems: set[str]) -> dict:
    articles = {record["article_id"]: record for record in read_jsonl(articles_path)}
    by_article: dict[str, list[dict]] = {}
    for claim in read_jsonl(claims_path):
        by_article.setdefault(claim["article_id"], []).append(claim)
    stem_of = {Path(record["input"]).stem: article_id for article_id, record in articles.items()}
    overall, per_article, missing = ClaimScores(), [], []
    for path in sorted(gold_dir.glob("*.json")):
        if path.stem not in stems:
            continue
        if path.stem not in stem_of:
            missing.append(path.stem)
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        article_id = stem_of[path.stem]
        article_scores = ClaimScores()
        score_article(gold["claims"], by_article.get(article_id, []), articles[article_id]["text"], article_scores)
        overall.merge(article_scores)
        per_article.append({"article": path.stem, **article_scores.as_dict()})
    return {"overall": overall.as_dict(), "articles": per_article, "missing_predictions": missing}


def annotation_as_predictions(annotation: dict, text: str) -> list[dict]:
    """A second annotator's claims (claims-gold format) in the shape of ``claims.jsonl`` records, so that the
    agreement between two annotators is measured with the very metric the system is scored by."""
    preds = []
    for claim in annotation["claims"]:
        span = locate(claim, text)
        if span is None:
            raise ValueError(f"{annotation['article']}: sentence not in the article: {claim['sentence'][:60]!r}")
        preds.append({"start": span[0], "end": span[1], "kind": claim["kind"], "speaker": claim["speaker"],
                      "certainty": claim["certainty"], "citations": [{"source": s} for s in claim["citations"]],
                      "arms_transfer": claim["arms_transfer"], "stance": {"label": claim["stance"]},
                      "direction": claim["direction"] if claim["arms_transfer"] else None})
    return preds


def evaluate_agreement(gold_dir: Path, second_dir: Path, articles_dir: Path) -> dict:
    """Scores of a second, independent annotation of some gold articles against the gold: how far two careful
    annotators agree, the ceiling to read the system's figures against."""
    from pipeline.ingest.formats import corpus_article_text

    overall, per_article = ClaimScores(), []
    for path in sorted(second_dir.glob("*.json")):
        gold_path, article_path = gold_dir / path.name, articles_dir / f"{path.stem}.txt"
        for needed in (gold_path, article_path):
            if not needed.exists():
                raise ValueError(f"{path}: no {needed} to compare it with")
        try:
            second, gold = (json.loads(p.read_text(encoding="utf-8")) for p in (path, gold_path))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ValueError(f"{path} or {gold_path}: not a JSON annotation ({error})") from error
        text = corpus_article_text(article_path)
        scores = ClaimScores()
        score_article(gold["claims"], annotation_as_predictions(second, text), text, scores)
        overall.merge(scores)
        per_article.append({"article": path.stem, **scores.as_dict()})
    return {"overall": overall.as_dict(), "articles": per_article}
