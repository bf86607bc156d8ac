"""The kind chooser: its features, its margins, the frame it gives a claim it makes a transfer, what the committed
model says of plain cases, its loading path, and its training (on a few real corpus articles, twice, to see that it
is deterministic)."""

from __future__ import annotations

import numpy as np
import pytest
from article_texts import parsed_article
from chooser_checks import trained_twice

from pipeline.errors import ClaimExtractionFailed, ModelMissing
from pipeline.extract.chooser import NEVER, decide
from pipeline.extract.claims import article_claims
from pipeline.extract.kind_features import ARMS
from pipeline.extract.kind_model import KINDS, KindModel, claim_features, kind_margins, load_kind_model
from pipeline.extract.lexicons import load_lexicons
from pipeline.extract.train_kind import train_kind


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


def claims_for(nlp, lexicons, body: str, **options):
    doc, record = parsed_article(nlp, body)
    claims, _ = article_claims(doc, record, lexicons, **options)
    return doc, claims


def test_features_name_what_the_rules_made_of_the_claim_and_its_words(nlp, lexicons):
    doc, [claim] = claims_for(nlp, lexicons, "Blic reported that Belgrade had put the second Morava battery on hold "
                                             "until the chassis question is settled (Blic, October 13).", kinds=False)
    [features] = claim_features(doc, [claim], lexicons)
    assert {"rule:statement", "speaker:outlet", "cue:reported", "frame:False", "word:battery", "ents:GPE:1",
            "materiel", ARMS} <= features
    doc, [claim] = claims_for(nlp, lexicons, "The minister said the talks had gone well.", kinds=False)
    assert ARMS not in claim_features(doc, [claim], lexicons)[0]


def test_margins_never_take_a_frame_away_and_make_transfers_at_their_own_margin():
    margins = kind_margins(0.2, 0.05)
    transfer, statement = KINDS.index("arms_transfer"), KINDS.index("statement")
    assert margins[transfer, statement] == NEVER and margins[transfer, transfer] == 0.0
    assert margins[statement, transfer] == pytest.approx(0.05) and margins[statement, KINDS.index("other")] == 0.2
    probabilities = np.zeros((2, len(KINDS)), dtype=np.float32)
    probabilities[0, [transfer, statement]] = [0.48, 0.40]  # a statement the model reads as a transfer
    probabilities[1, [transfer, statement]] = [0.05, 0.95]  # a frame the model reads as a statement
    assert decide(probabilities, ["statement", "arms_transfer"], KINDS, margins) == ["arms_transfer", "arms_transfer"]


def test_a_claim_made_a_transfer_gets_a_frame_with_sides_items_and_status(nlp, lexicons):
    text = ("Defense Minister Levan Gelashvili visited Ankara in May. According to him, the first Bayraktar drones are "
            "expected in Tbilisi before the end of the year.")
    _, [_, rules] = claims_for(nlp, lexicons, text, kinds=False)
    _, [_, chosen] = claims_for(nlp, lexicons, text)
    assert rules.kind == "statement" and rules.arms_transfer is None
    assert chosen.kind == "arms_transfer"
    assert chosen.arms_transfer.recipient == "Georgia" and chosen.arms_transfer.items == ["Bayraktar"]
    assert chosen.arms_transfer.status == "planned"
    assert (chosen.speaker, chosen.cue) == (rules.speaker, rules.cue)
    assert chosen.speaker.name == "Levan Gelashvili"


@pytest.mark.parametrize(("text", "kind"), [
    ("The so-called spare parts, in other words, included 300-millimeter guided rockets for the Polonez launchers.",
     "arms_transfer"),
    # names no arms (models/kind-0.6.0 to 0.9.0 read the dated plan as a statistic; 0.5.0 and 0.10.0 have it)
    ("Minister Petrov said the army would hold its annual parade in May.", "statement"),
    ("The minister said the talks had gone well.", "statement"),
    ("Azerbaijan’s economy grew by 3 percent last year (Azernews, March 2).", "statistic"),
    ("Relations between Moscow and Minsk have rarely been worse.", "assessment"),
    ("Russia sold Iskander missiles to Armenia in 2016.", "arms_transfer"),
])
def test_the_committed_model_reads_plain_kinds(nlp, lexicons, text, kind):
    _, [claim] = claims_for(nlp, lexicons, text)
    assert claim.kind == kind


def test_rules_only_leaves_the_kinds_to_the_rules(nlp, lexicons):
    text = "The so-called spare parts, in other words, included guided rockets for the Polonez launchers."
    _, [claim] = claims_for(nlp, lexicons, text, rules_only=True)
    assert claim.kind != "arms_transfer" and claim.arms_transfer is None


def test_the_committed_model_loads_and_a_missing_one_says_how_to_rebuild(tmp_path):
    model = load_kind_model()
    assert model.ref.name == "edm-kind" and len(model.vocabulary) > 100
    assert np.asarray(model.margin).shape == (len(KINDS), len(KINDS))
    with pytest.raises(ModelMissing, match="claims train-kind"):
        KindModel.load(tmp_path / "nowhere")


def test_training_is_deterministic_on_real_articles(nlp, lexicons, small_corpus, tmp_path):
    first = trained_twice(train_kind, small_corpus, tmp_path, nlp=nlp, lexicons=lexicons,
                          weights_file="kind.safetensors")
    assert first["claims"] > 100
    first_model, second_model = KindModel.load(tmp_path / "a"), KindModel.load(tmp_path / "b")
    assert first_model.vocabulary == second_model.vocabulary


def test_a_failing_kind_chooser_leaves_the_rules_kinds_and_says_so(nlp, lexicons, monkeypatch):
    import pipeline.extract.claims as claims_module

    def broken(*args, **kwargs):  # a fault injected where the chooser runs: the article must keep its claims
        raise ValueError("bad clause")

    text = "The so-called spare parts, in other words, included guided rockets for the Polonez launchers."
    monkeypatch.setattr(claims_module, "choose_kinds", broken)
    claims, problems = article_claims(*parsed_article(nlp, text), lexicons)
    _, [rules] = claims_for(nlp, lexicons, text, kinds=False)
    assert [claim.kind for claim in claims] == [rules.kind]
    assert [problem.code for problem in problems] == [ClaimExtractionFailed.code]
    assert "kind chooser failed" in problems[0].message and "bad clause" in problems[0].message
