"""The Export page's view, in the core: its filters as the query string carries them, and the
Commitments and Evidence tables as those pages show them (visible columns, headers and labels
in the reader's language)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_export import AS_OF, FIXTURE
from tracker.exchange.export_view import (
    COMMITMENTS_SCREEN,
    EVIDENCE_SCREEN,
    describe_view,
    read_view,
    screen_tables,
    view_params,
)
from tracker.present import dashboard
from tracker.present.i18n import t

PARAMS = {
    "actor": ["RUS", "XXX"],
    "ev_direction": ["regression"],
    "ev_from": ["2003-01-01"],
    "since": ["not a day"],
}


def test_view_params_carry_the_known_values_in_key_order() -> None:
    view = read_view(PARAMS, {}, FIXTURE)
    assert view_params(view) == {
        "actor": ["RUS"],
        "ev_direction": ["regression"],
        "ev_from": ["2003-01-01"],
    }
    assert describe_view(view) == [
        ("actor", "RUS"),
        ("ev_direction", "regression"),
        ("ev_from", "2003-01-01"),
    ]
    assert read_view(view_params(view), {}, FIXTURE) == view


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_screen_tables_are_the_pages_tables_with_their_headers(lang: str) -> None:
    view = read_view(PARAMS, {}, FIXTURE)
    tables = screen_tables(FIXTURE, AS_OF, lang, view)
    shown = dashboard.commitments_table(FIXTURE, AS_OF, lang, view.commitments)
    commitments = tables["commitments"]
    assert list(commitments.columns) == [t(key, lang) for key in COMMITMENTS_SCREEN.values()]
    assert commitments.iloc[:, 0].tolist() == shown["paragraph"].tolist()
    items = dashboard.filter_evidence(FIXTURE, AS_OF, view.evidence)
    evidence = tables["evidence"]
    assert list(evidence.columns) == [t(key, lang) for key in EVIDENCE_SCREEN.values()]
    assert evidence.iloc[:, 0].tolist() == [item.id for item in items]
    direction = evidence.columns[2]
    labels = {term.id: term.label for term in FIXTURE.methodology.directions}
    expected = labels["regression"].zh if lang == "zh" else labels["regression"].en
    assert set(evidence[direction]) == {expected}


def test_screen_tables_of_a_day_before_any_evidence_are_empty_but_headed() -> None:
    view = read_view({}, {}, FIXTURE)
    tables = screen_tables(FIXTURE, dt.date(2000, 1, 1), "en", view)
    assert tables["evidence"].empty
    assert tables["evidence"].columns[0] == "Id"


def test_an_evidence_resolution_keeps_its_paragraphs_unless_some_are_chosen() -> None:
    """`ev_resolution` alone keeps the evidence on any paragraph of that resolution, as the
    Evidence page shows it; chosen paragraphs narrow it; an unknown symbol is dropped."""
    every = tuple(c.id for c in FIXTURE.commitments)
    alone = read_view({"ev_resolution": ["A/RES/58/50"]}, {}, FIXTURE)
    assert alone.evidence.commitments == every
    narrowed = {"ev_resolution": ["A/RES/58/50"], "ev_commitment": ["A/RES/58/50:OP10"]}
    assert read_view(narrowed, {}, FIXTURE).evidence.commitments == ("A/RES/58/50:OP10",)
    assert read_view({"ev_resolution": ["A/RES/1/1"]}, {}, FIXTURE).evidence.commitments == ()
