"""Colour arithmetic checked on published values, and the bundled status palette held to
what the issue asks: legible text on every colour, and every status told apart from every
other with the common colour-vision deficiencies."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tests.helpers import REPO
from tracker.present.colours import (
    BLACK,
    DEFICIENCIES,
    MIN_CONTRAST,
    WHITE,
    Deficiency,
    _ciede2000,
    contrast,
    difference,
    simulate,
    text_colour,
)
from tracker.source.loader import load_dataset

# Statuses must differ by at least this much (CIEDE2000) with each deficiency: 10 is plainly
# another colour; regressing and no progress, the pair the issue found confused, by more.
MIN_DIFFERENCE = 15.0
MIN_REGRESSING_VS_NO_PROGRESS = 20.0


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # Sharma, Wu and Dalal (2005), test data for CIEDE2000, pairs 1, 2, 17 and 25.
        ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
        ((50, -1.3802, -84.2814), (50, 0, -82.7485), 1.0000),
        ((50, 2.5, 0), (73, 25, -18), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ],
)
def test_ciede2000_matches_the_published_test_pairs(
    first: tuple[float, float, float], second: tuple[float, float, float], expected: float
) -> None:
    assert _ciede2000(first, second) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [(BLACK, WHITE, 21.0), ("#777777", WHITE, 4.48), ("#D55E00", WHITE, 3.87)],
)
def test_contrast_ratio(first: str, second: str, expected: float) -> None:
    assert contrast(first, second) == pytest.approx(expected, abs=0.01)


def test_text_colour_is_the_more_legible_of_black_and_white() -> None:
    """White on vermillion is 3.9:1 (the issue's complaint); black is 5.4:1."""
    assert text_colour("#D55E00") == BLACK
    assert text_colour("#2F4889") == WHITE
    assert text_colour("#FFFFFF") == BLACK


def test_simulation_keeps_greys_and_merges_red_and_green_for_deuteranopes() -> None:
    for deficiency in DEFICIENCIES:
        assert simulate("#808080", deficiency) == "#808080"
    assert simulate("#D55E00", "normal") == "#D55E00"
    assert difference(simulate("#FF0000", "deuteranopia"), simulate("#00B000", "deuteranopia")) < (
        difference("#FF0000", "#00B000") / 2
    )


def bundled_statuses() -> dict[str, str]:
    result = load_dataset(REPO / "commitments.yaml", today=dt.date(2026, 12, 7))
    assert result.dataset is not None, [str(p) for p in result.problems]
    return {level.id: level.colour for level in result.dataset.methodology.statuses}


def test_text_on_every_status_colour_is_legible() -> None:
    for status, colour in bundled_statuses().items():
        assert contrast(colour, text_colour(colour)) >= MIN_CONTRAST, status


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_every_status_is_told_apart_with_each_deficiency(deficiency: Deficiency) -> None:
    seen = {status: simulate(colour, deficiency) for status, colour in bundled_statuses().items()}
    close = [
        (first, second, round(difference(seen[first], seen[second]), 1))
        for first, second in itertools.combinations(seen, 2)
        if difference(seen[first], seen[second]) < MIN_DIFFERENCE
    ]
    assert close == []
    apart = difference(seen["regressing"], seen["no_progress"])
    assert apart >= MIN_REGRESSING_VS_NO_PROGRESS
