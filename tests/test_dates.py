from __future__ import annotations

from datetime import date

import pytest

from pipeline.extract.dates import iso_date
from pipeline.nlp.citation_grammar import PartialDate


@pytest.mark.parametrize(
    ("partial", "published", "year", "expected"),
    [
        (PartialDate(None, 3, 14), date(2018, 3, 28), 2018, "2018-03-14"),
        # A yearless date after publication belongs to the previous year.
        (PartialDate(None, 12, 7), date(2018, 3, 28), 2018, "2017-12-07"),
        (PartialDate(None, 3, 29), date(2018, 3, 28), 2018, "2017-03-29"),
        (PartialDate(None, 3, 28), date(2018, 3, 28), 2018, "2018-03-28"),
        (PartialDate(None, 4, None), date(2018, 3, 28), 2018, "2017-04"),
        (PartialDate(None, 3, None), date(2018, 3, 28), 2018, "2018-03"),
        # Only a volume year known: no roll-back is possible.
        (PartialDate(None, 12, 7), None, 2018, "2018-12-07"),
        (PartialDate(2016, 9, 18), date(2018, 3, 28), 2018, "2016-09-18"),
        (PartialDate(2018, 3, None), None, 2018, "2018-03"),
        (PartialDate(2017, None, None), None, 2018, "2017"),
        (PartialDate(None, 3, 14), None, None, None),
        (PartialDate(None, 2, 30), None, 2018, None),
    ],
)
def test_iso_date_resolves_against_publication(partial, published, year, expected):
    assert iso_date(partial, published=published, year=year) == expected
