"""The status chooser: its features, its decision, its loading path, what the committed model says of plain cases, and
its training (on a few real corpus articles, twice, to see that it is deterministic)."""

from __future__ import annotations

import numpy as np
import pytest
from chooser_checks import trained_twice

from pipeline.errors import ModelMissing
from pipeline.extract.chooser import decide
from pipeline.extract.lexicons import load_lexicons
from pipeline.extract.status_features import status_features
from pipeline.extract.status_model import STATUSES, StatusModel, choose_status, load_status_model
from pipeline.extract.train_status import train_status
from pipeline.extract.transfers import transfer_frames
from pipeline.stance.head import Head


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


def frames_of(nlp, lexicons, text: str):
    sent = next(nlp(text).sents)
    return transfer_frames(sent, lexicons), sent


def test_features_name_the_rules_status_the_anchor_and_the_words_around_it(nlp, lexicons):
    [frame], sent = frames_of(nlp, lexicons, "Baku will not buy more Israeli drones, the minister said.")
    features = status_features(frame, sent)
    assert f"rule:{frame.status}" in features
    assert {"gov:buy", "ctx:will", "ctx:not", "clause:drone", "sent:minister", "pos:VERB"} <= features


def test_choose_sets_each_frame_to_the_likeliest_status(nlp, lexicons):
    frames, sent = frames_of(nlp, lexicons, "Russia delivered Iskander missiles to Armenia in 2016.")
    vocabulary = ["gov:deliver", "sent:russia"]
    weights = np.zeros((2, len(STATUSES)), dtype=np.float32)
    weights[0, STATUSES.index("denied")] = 5.0  # a head that reads "deliver" as a denial, to see it obeyed
    choose_status(frames, sent, StatusModel(Head(weights, np.zeros(len(STATUSES), dtype=np.float32)), vocabulary))
    assert [frame.status for frame in frames] == ["denied"]


def test_the_rules_status_stands_unless_another_beats_it_by_the_margin():
    probabilities = np.zeros((2, len(STATUSES)), dtype=np.float32)
    probabilities[:, STATUSES.index("planned")] = 0.30
    probabilities[:, STATUSES.index("curtailed")] = [0.35, 0.60]
    rules = ["planned", "planned"]
    assert decide(probabilities, rules, STATUSES, 0.1) == ["planned", "curtailed"]  # unsure: the rules keep the first
    assert decide(probabilities, rules, STATUSES, 0.0) == ["curtailed", "curtailed"]


@pytest.mark.parametrize(("text", "status"), [
    ("Baku signed a contract for 24 Turkish drones in March.", "agreed"),
    ("Kazakhstan is considering the purchase of Korean K9 howitzers.", "considered"),
    ("Minsk suspended deliveries of Polonez launchers to Baku.", "curtailed"),
    ("The Serbian ministry denied that it had sold mortar rounds to Azerbaijan.", "denied"),
    ("Russia delivered the first S-300 battalion to Tajikistan last week.", "delivered"),
])
def test_the_committed_model_reads_plain_statuses(nlp, lexicons, text, status):
    frames, sent = frames_of(nlp, lexicons, text)
    choose_status(frames, sent, load_status_model())
    assert frames and frames[0].status == status


def test_the_committed_model_loads_and_a_missing_one_says_how_to_rebuild(tmp_path):
    model = load_status_model()
    assert model.ref.name == "edm-status" and len(model.vocabulary) > 100
    with pytest.raises(ModelMissing, match="claims train-status"):
        StatusModel.load(tmp_path / "nowhere")


def test_training_is_deterministic_on_real_articles(nlp, lexicons, small_corpus, tmp_path):
    first = trained_twice(train_status, small_corpus, tmp_path, nlp=nlp, lexicons=lexicons,
                          weights_file="status.safetensors")
    assert first["frames"] > 30
    first_model, second_model = StatusModel.load(tmp_path / "a"), StatusModel.load(tmp_path / "b")
    assert first_model.vocabulary == second_model.vocabulary
