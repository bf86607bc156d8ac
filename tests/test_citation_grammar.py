"""Every citation shape EDM uses, and every parenthetical that only looks like one."""

from __future__ import annotations

import pytest

from pipeline.nlp.citation_grammar import find_parentheticals, read_parentheticals


def sources(text: str) -> list[tuple]:
    """(source, [(year, month, day, accessed)], crossref) for each source found."""
    return [
        (s.source, [(d.year, d.month, d.day, d.accessed) for d in s.dates], s.crossref)
        for s in read_parentheticals(text).sources
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sales will be curtailed (Tert.am, March 14).", [("Tert.am", [(None, 3, 14, False)], False)]),
        ("(TASS, September 1, 2017)", [("TASS", [(2017, 9, 1, False)], False)]),
        ("(Sipri.org, March 2018)", [("Sipri.org", [(2018, 3, None, False)], False)]),
        ("(Kursiv.kz, 2019)", [("Kursiv.kz", [(2019, None, None, False)], False)]),
        ("(iRozhlas, November 6)", [("iRozhlas", [(None, 11, 6, False)], False)]),
        ("(Interfax, March 3, 4)", [("Interfax", [(None, 3, 3, False), (None, 3, 4, False)], False)]),
        (
            "(Vedomosti, September 18, 2016; Azernews.az, May 30, 2017)",
            [("Vedomosti", [(2016, 9, 18, False)], False), ("Azernews.az", [(2017, 5, 30, False)], False)],
        ),
        (
            "(Trend.az, Report.az, May 5)",
            [("Trend.az", [(None, 5, 5, False)], False), ("Report.az", [(None, 5, 5, False)], False)],
        ),
        (
            "(Kommersant, May 3, Interfax, May 4)",
            [("Kommersant", [(None, 5, 3, False)], False), ("Interfax", [(None, 5, 4, False)], False)],
        ),
        (
            "(APA; Haqqin.az, April 2)",
            [("APA", [(None, 4, 2, False)], False), ("Haqqin.az", [(None, 4, 2, False)], False)],
        ),
        ("(Mil.ru, accessed July 17)", [("Mil.ru", [(None, 7, 17, True)], False)]),
        ("(Armenpress [1] [2], June 3)", [("Armenpress", [(None, 6, 3, False)], False)]),
        ("(Kommersant June 3)", [("Kommersant", [(None, 6, 3, False)], False)]),
        ("(Lidové noviny, April 4)", [("Lidové noviny", [(None, 4, 4, False)], False)]),
        ("(Hürriyet, RFE/RL, January 3)",
         [("Hürriyet", [(None, 1, 3, False)], False), ("RFE/RL", [(None, 1, 3, False)], False)]),
        ("(The Moscow Times, Novaya-Gazeta.ru, June 9)",
         [("The Moscow Times", [(None, 6, 9, False)], False), ("Novaya-Gazeta.ru", [(None, 6, 9, False)], False)]),
        ("Moscow said so (Interfax, May 3), but Baku disagreed.", [("Interfax", [(None, 5, 3, False)], False)]),
        ("Baku—a claim later denied (Report.az, April 9)—kept buying.", [("Report.az", [(None, 4, 9, False)], False)]),
        ("the Collective Security Treaty Organization (CSTO) (Regnum, April 4)", [("Regnum", [(None, 4, 4, False)], False)]),
    ],
)
def test_citation_grammar_reads_citation_shapes(text, expected):
    assert sources(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(see EDM, November 2, 2017)", [("EDM", [(2017, 11, 2, False)], True)]),
        ("(see EDM November 2, 2017)", [("EDM", [(2017, 11, 2, False)], True)]),
        (
            "(see EDM, October 8, 19, 29, November 3)",
            [("EDM", [(None, 10, 8, False), (None, 10, 19, False), (None, 10, 29, False), (None, 11, 3, False)], True)],
        ),
        (
            "(Kommersant, May 4; see EDM, May 10)",
            [("Kommersant", [(None, 5, 4, False)], False), ("EDM", [(None, 5, 10, False)], True)],
        ),
        (  # a date alone after ";" continues the source before it
            "(see EDM, May 28, 2015; June 6, 2017)",
            [("EDM", [(2015, 5, 28, False), (2017, 6, 6, False)], True)],
        ),
        (
            "“if equal security [an old Russian proposal—see EDM, June 9, 2008] took a binding form”",
            [("EDM", [(2008, 6, 9, False)], True)],
        ),
    ],
)
def test_citation_grammar_reads_crossrefs(text, expected):
    assert sources(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "multiple-launch rocket systems (MLRS)",
        "Iskander (SS-26 Stone) missiles",
        "Czechia (Czech Republic)",
        "a contract ($66 million)",
        "deliveries (24 units)",
        "in that year (2016)",
        "over five years (2013–2017)",
        "last week (May 28)",
        "(last week; May 28)",
        "as discussed (see below)",
        "(see above)",
        "(Donbas in Ukraine, Transnistria in Moldova, and Abkhazia and South Ossetia in Georgia)",
        "(in March 2016, Russia delivered them)",
        "an amount (€28 million, March 2019)",
        "the 44-day war (September 27–November 10, 2020)",
        "the talks (March 3-5, 2019)",
    ],
)
def test_citation_grammar_rejects_non_citations(text):
    assert sources(text) == []


def test_citation_grammar_reads_photo_credit_as_credit_not_citation():
    reading = read_parentheticals("Iskander-M launcher at a parade (Source: Wikimedia Commons)")
    assert reading.sources == []
    assert [(c.source, c.raw) for c in reading.credits] == [("Wikimedia Commons", "Source: Wikimedia Commons")]


def test_citation_grammar_offsets_point_at_raw_text():
    text = "Sales grew (Vedomosti, September 18, 2016; Azernews.az, May 30, 2017). Baku (APA; Report.az, May 2)."
    spans = [text[s.start:s.end] for s in read_parentheticals(text).sources]
    assert spans == ["Vedomosti, September 18, 2016", "Azernews.az, May 30, 2017", "APA; Report.az, May 2",
                     "Report.az, May 2"]


def test_find_parentheticals_handles_nesting_and_unbalanced_brackets():
    found = [(p.bracket, p.content) for p in find_parentheticals("a (b [c] d) e ) f (g")]
    assert found == [("[", "c"), ("(", "b [c] d")]
