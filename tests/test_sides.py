"""The side chooser: its candidates and features, its decision rule, its loading path, and its training (on a few
real corpus articles, twice, to see that it is deterministic)."""

from __future__ import annotations

import numpy as np
import pytest
from chooser_checks import trained_twice

from pipeline.errors import ModelMissing
from pipeline.extract.lexicons import load_lexicons
from pipeline.extract.side_features import CONTEXT_WIDTH, ROW_WIDTH, candidate_rows, context_vector, sentence_mentions
from pipeline.extract.side_model import SideModel, load_side_model
from pipeline.extract.train_sides import train_sides
from pipeline.extract.transfers import transfer_frames
from pipeline.stance.head import Head


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


def frame_rows(nlp, lexicons, text: str):
    sent = next(nlp(text).sents)
    frames = transfer_frames(sent, lexicons)
    return frames, [candidate_rows(frame, sent, sentence_mentions(sent, lexicons), lexicons, frames) for frame in frames]


def test_every_named_country_is_a_candidate_with_one_row_each(nlp, lexicons):
    frames, [(countries, rows)] = frame_rows(
        nlp, lexicons, "Turkish officials said that Ankara would sell Bayraktar TB2 drones to Kyiv.")
    assert (frames[0].supplier, frames[0].recipient) == ("Turkey", "Ukraine")
    assert countries == ["Turkey", "Ukraine"]  # "Turkish" and "Ankara" are one candidate
    assert rows.shape == (2, ROW_WIDTH) and rows.dtype == np.float32
    assert rows[:, :2].tolist() == [[1.0, 0.0], [0.0, 1.0]]  # the rules' own picks are features


def test_each_candidate_carries_its_mentions_tok2vec_vector(nlp, lexicons):
    doc = nlp("Turkish officials said that Ankara would sell Bayraktar TB2 drones to Kyiv.")
    ankara = next(token for token in doc if token.text == "Ankara")
    vector = context_vector(ankara)
    assert vector.shape == (CONTEXT_WIDTH,) and abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5
    assert not np.allclose(vector, context_vector(next(token for token in doc if token.text == "Kyiv")))
    assert not context_vector(None).any()  # a side the rules named without a mention
    _, [(countries, rows)] = frame_rows(nlp, lexicons, doc.text)
    turkey = countries.index("Turkey")  # described by its mention nearest the anchor: "Ankara"
    assert np.allclose(rows[turkey, -CONTEXT_WIDTH:], vector)


def test_the_speakers_country_is_no_candidate_unless_the_rules_chose_it(nlp, lexicons):
    _, [(countries, _)] = frame_rows(
        nlp, lexicons, "Armenia’s Foreign Ministry called the Azerbaijani purchase of drones a provocation.")
    assert "Armenia" not in countries and "Azerbaijan" in countries


def head_favouring(feature: int, role: int, strength: float) -> Head:
    """A linear head whose only non-zero weight sends one feature to one role."""
    weights = np.zeros((ROW_WIDTH, 3), dtype=np.float32)
    weights[feature, role] = strength
    return Head(weights, np.zeros(3, dtype=np.float32))


def test_choose_takes_the_likeliest_side_above_the_threshold_and_never_one_country_twice():
    rows = np.zeros((2, ROW_WIDTH), dtype=np.float32)
    rows[0, 0] = 1.0  # candidate 0 carries feature 0
    sure = SideModel(head_favouring(0, 1, 5.0), threshold=0.5)
    assert sure.choose(["Russia", "Armenia"], rows) == ("Russia", None)  # nothing pushes anyone to receive
    unsure = SideModel(head_favouring(0, 1, 0.1), threshold=0.5)
    assert unsure.choose(["Russia", "Armenia"], rows) == (None, None)
    both = SideModel(head_favouring(0, 1, 5.0), threshold=0.2)  # one country cannot supply and receive
    assert both.choose(["Russia"], rows[:1])[1] is None
    assert sure.choose([], np.zeros((0, ROW_WIDTH), dtype=np.float32)) == (None, None)


def test_the_pair_is_chosen_jointly():
    # Candidate 0 is a little likelier than candidate 1 to supply (0.30 against 0.25) but far likelier to receive
    # (0.65): alone by supplier it would be (0, null); the likeliest pair is 1 supplying 0.
    weights = np.zeros((ROW_WIDTH, 3), dtype=np.float32)
    weights[0, 1:] = np.log([6.0, 13.0])  # neither 0.05, supplier 0.30, recipient 0.65
    weights[1, 1:] = np.log([0.357, 0.0714])  # neither 0.70, supplier 0.25, recipient 0.05
    rows = np.zeros((2, ROW_WIDTH), dtype=np.float32)
    rows[0, 0] = rows[1, 1] = 1.0
    model = SideModel(Head(weights, np.zeros(3, dtype=np.float32)), threshold=0.2)
    assert model.choose(["Russia", "Armenia"], rows) == ("Armenia", "Russia")


def test_the_committed_model_loads_and_a_missing_one_says_how_to_rebuild(tmp_path):
    model = load_side_model()
    assert model.ref.name == "edm-sides" and 0 < model.threshold < 1
    with pytest.raises(ModelMissing, match="claims train-sides"):
        SideModel.load(tmp_path / "nowhere")


def test_training_is_deterministic_on_real_articles(nlp, lexicons, small_corpus, tmp_path):
    first = trained_twice(train_sides, small_corpus, tmp_path, nlp=nlp, lexicons=lexicons,
                          weights_file="sides.safetensors")
    assert first["frames"] > 30
    assert SideModel.load(tmp_path / "a").threshold == first["chosen"]["threshold"]
