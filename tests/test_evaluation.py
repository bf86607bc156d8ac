from __future__ import annotations

import json
from collections import Counter

import pytest

from pipeline.evaluation import Score, score_article


def test_score_counts_duplicates_as_false_positives():
    score = Score().add(Counter({("TASS", "2018-03-14", "published"): 1}),
                        Counter({("TASS", "2018-03-14", "published"): 2}))
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)
    assert round(score.precision, 2) == 0.5 and score.recall == 1.0


def test_score_article_matches_source_date_and_kind():
    gold = {"article": "a", "citations": [{"source": "Mil.ru", "date": "2018-07-17", "date_kind": "accessed"},
                                          {"source": "TASS", "date": "2018-03-14", "date_kind": "published"}],
            "crossrefs": [{"source": "EDM", "date": "2017-11-02"}], "credits": [], "non_citations": ["MLRS"],
            "entities": [{"text": "TASS", "label": "OUTLET"}, {"text": "Only In Header", "label": "PERSON"}]}
    pred = {"text": "... (TASS, March 14) ... (Mil.ru, accessed July 17)", "credits": [],
            "citations": [{"source": "Mil.ru", "date": "2018-07-17", "date_kind": "published", "raw": "Mil.ru"},
                          {"source": "TASS", "date": "2018-03-14", "date_kind": "published", "raw": "TASS"}],
            "crossrefs": [{"date": "2017-11-02"}], "entities": [{"text": "TASS", "label": "OUTLET"}]}
    result = score_article(gold, pred)
    citations = result.scores["citations"]
    assert (citations.tp, citations.fp, citations.fn) == (1, 1, 1)  # wrong date_kind is an error
    assert result.scores["crossrefs"].f1 == 1.0
    assert result.scores["entities:PERSON"].fn == 0  # header-only gold entities are not held against us
    assert result.false_citations == []


def test_claim_matching_is_one_to_one_and_prefers_agreeing_pairs():
    from pipeline.evaluation_claims import match_claims

    sentence = "Russia sells arms to Azerbaijan, but it also supplies weaponry to Armenia."
    gold = [({"arms_transfer": {"supplier": "Russia", "recipient": "Armenia"}}, (0, len(sentence))),
            ({"arms_transfer": {"supplier": "Russia", "recipient": "Azerbaijan"}}, (0, len(sentence)))]
    preds = [{"start": 0, "end": 31, "arms_transfer": {"supplier": "Russia", "recipient": "Azerbaijan"}},
             {"start": 37, "end": len(sentence), "arms_transfer": {"supplier": "Russia", "recipient": "Armenia"}},
             {"start": 200, "end": 240, "arms_transfer": None}]
    matched = match_claims(gold, preds)
    assert sorted((g["arms_transfer"]["recipient"], p["arms_transfer"]["recipient"]) for g, p in matched) == [
        ("Armenia", "Armenia"), ("Azerbaijan", "Azerbaijan")]


@pytest.mark.parametrize("gold, pred, same", [
    ("Baykar", "Baykar Makina", True),  # the company's short name
    ("Ukroboronprom", "Ukroboronprom’s press service", True),
    ("security council", "de facto “security council”", True),
    ("South Korea’s Defense Acquisition Program Administration (DAPA)",
     "South Korea’s Defense Acquisition Program Administration", True),
    ("PGZ", "Polska Grupa Zbrojeniowa", True),  # defined in the article's text
    ("Defense Ministry", "ministry", True),  # the same last word, as before
    ("Zoran Obradović", "Obradović", True),
    ("Russia", "Russia’s Federal Customs Service", False),  # the state is not its customs service
    ("Russian Helicopters", "Russian Defense Ministry", False),
    ("Defense Ministry", "Defense Export Agency", False),  # a shared generic word names nothing
    ("FSVTS", "Rosoboronexport", False),
    (None, None, True), ("Baykar", None, False),
])
def test_a_speaker_written_two_ways_is_one_speaker(gold, pred, same):
    from pipeline.evaluation_claims import same_speaker, short_forms

    text = "The Polish state holding Polska Grupa Zbrojeniowa (PGZ) builds the launchers."
    assert same_speaker(gold, pred, short_forms(text)) is same


def test_stance_and_direction_are_scored_end_to_end_and_a_missed_transfer_counts_as_wrong():
    from pipeline.evaluation_claims import ClaimScores, score_article

    text = "Minsk sold rockets to Baku. Such talk is hollow."
    base = {"kind": "arms_transfer", "speaker": {"name": None, "type": "author"}, "certainty": "certain",
            "citations": []}
    gold = [{**base, "sentence": "Minsk sold rockets to Baku.", "text": "Minsk sold rockets to Baku.",
             "arms_transfer": {"supplier": "Belarus", "recipient": "Azerbaijan", "items": ["rockets"],
                               "status": "delivered"}, "stance": "supports", "direction": "continue"},
            {**base, "kind": "assessment", "sentence": "Such talk is hollow.", "text": "Such talk is hollow.",
             "arms_transfer": None, "stance": "supports", "direction": "none"}]
    preds = [{**base, "start": 0, "end": 27, "arms_transfer": None, "kind": "other",
              "stance": {"label": "supports"}, "direction": None},
             {**base, "start": 28, "end": 48, "arms_transfer": None, "stance": {"label": "disputes"}}]
    scores = ClaimScores()
    score_article(gold, preds, text, scores)
    report = scores.as_dict()
    assert (report["stance_end_to_end"]["correct"], report["stance_end_to_end"]["total"]) == (1, 2)
    assert (report["direction_end_to_end"]["correct"], report["direction_end_to_end"]["total"]) == (0, 1)


def test_pairs_are_scored_again_with_the_gold_sides_and_the_gold_frames():
    from pipeline.evaluation_claims import ClaimScores, score_article

    first, second = "Moscow sold tanks to Yerevan.", "Turkish drones now patrol Azerbaijan's skies."
    text = f"{first} {second}"
    base = {"speaker": {"name": None, "type": "author"}, "certainty": "certain", "citations": []}
    gold = [{**base, "kind": "arms_transfer", "sentence": first, "text": first,
             "arms_transfer": {"supplier": "Russia", "recipient": "Armenia", "items": [], "status": "delivered"}},
            {**base, "kind": "arms_transfer", "sentence": second, "text": second,
             "arms_transfer": {"supplier": "Turkey", "recipient": "Azerbaijan", "items": [], "status": "delivered"}}]
    preds = [{**base, "kind": "arms_transfer", "start": 0, "end": len(first),  # a frame with the sides reversed
              "arms_transfer": {"supplier": "Armenia", "recipient": "Russia", "items": [], "status": "delivered"}},
             {**base, "kind": "other", "start": len(first) + 1, "end": len(text), "arms_transfer": None}]
    scores = ClaimScores()
    score_article(gold, preds, text, scores)
    f1 = {name: score["f1"] for name, score in scores.as_dict().items() if "pairs" in name}
    assert f1 == {"supplier_recipient_pairs": 0.0, "pairs_with_gold_sides": 0.6667,
                  "pairs_with_gold_frames": 0.5, "pairs_with_both": 1.0}


def test_agreement_scores_a_second_annotation_with_the_claims_metrics(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import cli

    sentence = "Minsk sold Polonez launchers to Baku (Belta.by, May 3)."
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "edm-900-t.txt").write_text(
        "Headline\nPublication: Eurasia Daily Monitor Volume: 16 Issue: 1\nBy:\n"
        + sentence + " Such talk is hollow.\n")
    claim = {"sentence": sentence, "text": sentence, "kind": "arms_transfer",
             "speaker": {"name": None, "type": "author", "title": None}, "cue": None, "quote": None,
             "arms_transfer": {"supplier": "Belarus", "recipient": "Azerbaijan", "items": ["Polonez"],
                               "status": "delivered", "period": None, "quantity": None, "value": None},
             "certainty": "certain", "certainty_cues": [], "citations": ["Belta.by"], "stance": "supports",
             "direction": "continue"}
    other = {**claim, "arms_transfer": {**claim["arms_transfer"], "recipient": None}}
    for folder, first in (("gold", claim), ("second", other)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "edm-900-t.json").write_text(json.dumps(
            {"article": "edm-900-t", "claims": [first], "non_claims": ["Such talk is hollow."]}))
    result = CliRunner().invoke(cli, ["agreement", "--second", str(tmp_path / "second"), "--claims-gold",
                                      str(tmp_path / "gold"), "--articles", str(tmp_path / "articles"),
                                      "--pred", str(tmp_path / "no-run.jsonl"), "--json"])
    assert result.exit_code == 0, result.output
    overall = json.loads(result.output)["overall"]
    assert overall["detection"]["f1"] == 1.0 and overall["speaker"]["accuracy"] == 1.0
    assert overall["supplier_recipient_pairs"]["f1"] == 0.0  # (Belarus, None) is not (Belarus, Azerbaijan)
    (tmp_path / "second" / "edm-901-missing.json").write_text("{}")
    result = CliRunner().invoke(cli, ["agreement", "--second", str(tmp_path / "second"), "--claims-gold",
                                      str(tmp_path / "gold"), "--articles", str(tmp_path / "articles")])
    assert result.exit_code == 1 and "edm-901-missing.json: no " in result.output
