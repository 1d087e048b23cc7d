"""Chart builders, headline and summary table, checked on the figure data they return."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.model import Dataset, Resolution, Text
from tracker.domain.scale import status_groups
from tracker.present import dashboard
from tracker.present.charts import (
    CHAR_PX,
    SOURCE_SYMBOLS,
    SUMMARY_COLUMNS,
    WIDE_CHAR_PX,
    OldestJudgement,
    actor_trajectory,
    commitment_timeline,
    commitments_summary,
    criteria_matrix,
    evidence_timeline,
    headline,
    label_width,
    matrix_pick,
    status_matrix,
    status_over_time,
)
from tracker.present.colours import contrast
from tracker.query.index import Pair
from tracker.query.names import commitment_label
from tracker.source.loader import load_dataset

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"
TODAY = dt.date(2026, 11, 26)


def load_mini() -> Dataset:
    result = load_dataset(MINI, today=TODAY)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


DATA = load_mini()
EMPTY = DATA.model_copy(update={"commitments": (), "evidence": (), "assessments": ()})


def cell_text(trace: go.Heatmap, row: str, column: str) -> str:
    value: str = trace.text[list(trace.y).index(row)][list(trace.x).index(column)]
    return value


def colour_of(trace: go.Heatmap, z: float) -> str:
    """The colour a heatmap with a banded colour scale paints a cell of value `z`."""
    position = (z - trace.zmin) / (trace.zmax - trace.zmin)
    bands = zip(trace.colorscale, trace.colorscale[1:], strict=False)
    colour: str = next(c for (start, c), (end, _) in bands if start <= position <= end)
    return colour


def test_status_matrix_rows_columns_and_labels() -> None:
    """One row per commitment in paragraph order, one column per addressed actor, and the
    status label of the methodology written in each cell."""
    trace = status_matrix(DATA, TODAY, "en").data[0]
    assert list(trace.y) == ["OP4", "OP5", "OP10"]
    assert list(trace.x) == ["USA", "RUS", "GBR", "UNGA"]
    assert [list(row) for row in trace.text] == [
        ["No progress", "Regressing", "", ""],
        ["Not yet assessed", "Not yet assessed", "Not applicable", ""],
        ["", "", "", "Not yet assessed"],
    ]


def point(figure: go.Figure, row: str, column: str) -> tuple[str, str, list[str]]:
    """The text, text colour and customdata of a matrix cell's point (the layer that writes
    the labels and takes clicks)."""
    layer = figure.data[1]
    at = next(
        n for n, (x, y) in enumerate(zip(layer.x, layer.y, strict=True)) if (y, x) == (row, column)
    )
    return layer.text[at], layer.textfont.color[at], list(layer.customdata[at])


def test_a_corrected_judgement_is_in_no_chart() -> None:
    """The US regression of 2023-06-16 was corrected to no progress: no day of the matrix and
    no year of the bars shows the United States regressing on OP4."""
    for day in (dt.date(2023, 6, 16), TODAY):
        assert cell_text(status_matrix(DATA, day, "en").data[0], "OP4", "USA") == "No progress"
    regressing = status_over_time(DATA, TODAY, "en").data[1]
    assert regressing.name == "Regressing"
    assert max(regressing.y) == 1  # Russia alone


def test_not_applicable_has_its_own_colour_and_label() -> None:
    """The not-applicable pair shows the methodology's label and colour for that status, in
    the status matrix and in the criteria that apply to the paragraph."""
    level = next(s for s in DATA.methodology.statuses if s.id == "not_applicable")
    trace = status_matrix(DATA, TODAY, "en").data[0]
    z = trace.z[list(trace.y).index("OP5")][list(trace.x).index("GBR")]
    assert cell_text(trace, "OP5", "GBR") == "Not applicable"
    assert colour_of(trace, z) == level.colour
    figure = criteria_matrix(DATA, TODAY, "en")
    irreversibility, points = figure.data[4], figure.data[5]  # the third panel's two layers
    assert cell_text(irreversibility, "OP5", "GBR") == "Not applicable"
    row, column = list(irreversibility.y).index("OP5"), list(irreversibility.x).index("GBR")
    assert colour_of(irreversibility, irreversibility.z[row][column]) == level.colour
    at = next(
        n
        for n, (x, y) in enumerate(zip(points.x, points.y, strict=True))
        if (y, x) == ("OP5", "GBR")
    )
    assert "not rated, the pair is “Not applicable”" in points.customdata[at][0]


def test_status_matrix_leaves_pairs_not_addressed_empty() -> None:
    """A pair the paragraph does not address has no value and no text, and its hover says
    why (and it opens nothing); every addressed pair has a value."""
    figure = status_matrix(DATA, TODAY, "en")
    trace = figure.data[0]
    assert trace.z[0][2] is None and trace.text[0][2] == ""
    text, _, data = point(figure, "OP4", "UNGA")
    assert text == "" and "does not address" in data[0] and data[1:] == ["", ""]
    assert matrix_pick({"customdata": data}) is None
    filled = sum(value is not None for row in trace.z for value in row)
    assert filled == 6


def test_status_matrix_labels_are_legible_and_a_click_names_the_pair() -> None:
    """Each label is written in black or white, whichever contrasts with its cell by at least
    4.5:1, on at most two lines; a cell's point names its pair for the click."""
    figure = status_matrix(DATA, TODAY, "en")
    colours = {level.label.en: level.colour for level in DATA.methodology.statuses}
    for row, column, label in [("OP4", "RUS", "Regressing"), ("OP10", "UNGA", "Not yet assessed")]:
        text, colour, data = point(figure, row, column)
        assert text.replace("<br>", " ") == label
        assert text.count("<br>") <= 1
        assert contrast(colour, colours[label]) >= 4.5
    _, _, data = point(figure, "OP4", "RUS")
    assert matrix_pick({"customdata": data}) == Pair(OP4, "RUS")


def test_status_matrix_colours_come_from_the_methodology() -> None:
    """Each cell is painted with its status's colour as defined in the data."""
    trace = status_matrix(DATA, TODAY, "en").data[0]
    colours = {level.label.en: level.colour for level in DATA.methodology.statuses}
    for row_text, row_z in zip(trace.text, trace.z, strict=True):
        for text, z in zip(row_text, row_z, strict=True):
            if z is not None:
                assert colour_of(trace, z) == colours[text]


def test_status_matrix_hover_names_actor_status_and_basis() -> None:
    """The hover of a cell reads as a sentence: who, which status, on what basis."""
    _, _, data = point(status_matrix(DATA, TODAY, "en"), "OP4", "RUS")
    assert data[0] == (
        "OP4 · Russian Federation<br>Status: Regressing<br>"
        "Assessed on 2023-06-16, citing 2 evidence item(s)<br>Click to open this pair's record"
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2003, 12, 8), "No progress"),
        (dt.date(2023, 6, 15), "No progress"),
        (dt.date(2023, 6, 16), "Regressing"),
    ],
)
def test_status_matrix_as_of(day: dt.date, expected: str) -> None:
    """The matrix shows the status in force on the as-of day."""
    assert cell_text(status_matrix(DATA, day, "en").data[0], "OP4", "RUS") == expected


def test_status_matrix_before_adoption_shows_nothing() -> None:
    """The day before the resolution was adopted, it does not exist: the matrix says so."""
    figure = status_matrix(DATA, dt.date(2003, 12, 7), "en")
    assert not figure.data
    assert (
        "No tracked resolution had been adopted by 2003-12-07" in figure.layout.annotations[0].text
    )


def test_status_matrix_in_chinese_uses_the_data_labels() -> None:
    """In Chinese, cells carry the methodology's Chinese labels, columns and hovers the
    actors' Chinese names (never USA/RUS)."""
    figure = status_matrix(DATA, TODAY, "zh")
    trace = figure.data[0]
    assert list(trace.x) == [
        "美利坚合众国",
        "俄罗斯联邦",
        "大不列颠及北<br>爱尔兰联合王<br>国",
        "大会",
    ]
    assert cell_text(trace, "OP4", "俄罗斯联邦") == "倒退"
    assert "俄罗斯联邦" in point(figure, "OP4", "俄罗斯联邦")[2][0]


def test_criteria_matrix_one_panel_per_criterion() -> None:
    """Three panels titled by the methodology's criteria; OP4's ratings sit in the panels of
    the criteria its wording grounds, and transparency (not grounded) stays empty."""
    figure = criteria_matrix(DATA, TODAY, "en")
    titles = [annotation.text for annotation in figure.layout.annotations]
    assert titles == ["Transparency", "Verifiability", "Irreversibility"]
    # Each panel is a heatmap (fills) and a layer of points (labels, hovers, clicks).
    transparency, verifiability, irreversibility = figure.data[0::2]
    assert list(verifiability.x) == ["USA", "RUS"]  # UNGA: no paragraph grounding it for UNGA
    assert list(transparency.x) == ["USA", "RUS", "GBR", "UNGA"]  # grounded nowhere: all, empty
    assert cell_text(verifiability, "OP4", "RUS") == "Absent"
    assert cell_text(irreversibility, "OP4", "USA") == "Absent"
    assert all(text == "" for row in transparency.text for text in row)
    assert "does not apply" in figure.data[1].customdata[0][0]


def test_criteria_matrix_before_any_rating() -> None:
    """Before the first assessment, an applicable criterion shows the methodology's 'not yet
    assessed' status (a backlog, not a blank) and its hover says 'no rating yet'."""
    figure = criteria_matrix(DATA, dt.date(2003, 12, 7), "en", DATA.commitments)
    verifiability, points = figure.data[2], figure.data[3]
    assert cell_text(verifiability, "OP4", "RUS") == "Not yet assessed"
    assert colour_of(verifiability, verifiability.z[0][1]) == "#BBBBBB"
    assert "no rating yet" in points.customdata[1][0]


def test_status_over_time_years_and_statuses() -> None:
    """One stacked bar trace per status, in scale order, one bar per year from adoption."""
    figure = status_over_time(DATA, TODAY, "en")
    assert figure.layout.barmode == "stack"
    assert [trace.name for trace in figure.data] == [
        level.label.en for level in sorted(DATA.methodology.statuses, key=lambda s: s.order)
    ]
    assert list(figure.data[0].x) == list(range(2003, 2027))
    regressing = dict(zip(figure.data[1].x, figure.data[1].y, strict=True))
    assert regressing[2022] == 0 and regressing[2023] == 1
    assert [trace.marker.color for trace in figure.data] == [
        level.colour for level in sorted(DATA.methodology.statuses, key=lambda s: s.order)
    ]


# Each example recounts every year since 2003 (about 0.1 s): fewer examples, no deadline.
@settings(max_examples=25, deadline=None)
@given(st.dates(min_value=dt.date(2003, 12, 8), max_value=TODAY))
def test_status_over_time_counts_sum_to_the_pairs(day: dt.date) -> None:
    """Every year, the bars add up to the number of assessed pairs."""
    figure = status_over_time(DATA, day, "en")
    totals = [sum(values) for values in zip(*(trace.y for trace in figure.data), strict=True)]
    assert totals == [6] * (day.year - 2003 + 1)


@settings(deadline=None)
@given(st.dates(min_value=dt.date(2003, 12, 8), max_value=TODAY))
def test_status_matrix_fills_exactly_the_pairs_on_any_day(day: dt.date) -> None:
    """On any day from adoption, exactly the addressed pairs have a value and a label; no
    other cell."""
    trace = status_matrix(DATA, day, "en").data[0]
    assert sum(value is not None for row in trace.z for value in row) == 6
    for texts, values in zip(trace.text, trace.z, strict=True):
        assert [text == "" for text in texts] == [value is None for value in values]


@pytest.mark.parametrize("build", [status_matrix, criteria_matrix, status_over_time])
def test_no_pairs_gives_an_explained_empty_figure(
    build: Callable[[Dataset, dt.date, str], go.Figure],
) -> None:
    """Data without commitments gives a figure that says why it is empty, not an error."""
    figure = build(EMPTY, TODAY, "en")
    assert not figure.data
    assert "No (commitment, actor) pairs" in figure.layout.annotations[0].text


def test_status_over_time_counts_each_resolution_from_its_adoption() -> None:
    """A second resolution adopted in 2005 adds its pairs from the 2005 bar on, not before."""
    later = DATA.resolutions[0].model_copy(
        update={"symbol": "A/RES/60/1", "adopted": dt.date(2005, 6, 1)}
    )
    op10 = next(c for c in DATA.commitments if c.id.endswith(":OP10"))  # one actor
    extra = op10.model_copy(
        update={"id": "A/RES/60/1:OP1", "resolution": "A/RES/60/1", "paragraph": 1}
    )
    data = DATA.model_copy(
        update={
            "resolutions": (*DATA.resolutions, later),
            "commitments": (*DATA.commitments, extra),
        }
    )
    figure = status_over_time(data, TODAY, "en")
    totals = dict(
        zip(
            figure.data[0].x,
            [sum(v) for v in zip(*(trace.y for trace in figure.data), strict=True)],
            strict=True,
        )
    )
    assert (totals[2003], totals[2004], totals[2005], totals[2026]) == (6, 6, 7, 7)


def test_status_over_time_before_adoption_is_explained() -> None:
    """A day before the resolution existed gives an explained empty figure."""
    figure = status_over_time(DATA, dt.date(2001, 5, 1), "zh")
    assert not figure.data
    assert "2003-12-08" in figure.layout.annotations[0].text


def test_commitment_label_names_the_resolution_once_there_are_two() -> None:
    """Rows stay distinct when two resolutions both have a fourth paragraph."""
    op4 = DATA.commitments[0]
    assert commitment_label(DATA, op4) == "OP4"
    second = Resolution.model_validate({**DATA.resolutions[0].model_dump(), "symbol": "A/RES/59/1"})
    two = DATA.model_copy(update={"resolutions": (*DATA.resolutions, second)})
    assert commitment_label(two, op4) == "A/RES/58/50 OP4"


def test_status_groups_follow_the_scale_order() -> None:
    """The lowest judged level is regression, levels above 'no progress' are progress."""
    regressing, progressing = status_groups(DATA)
    assert [level.id for level in regressing] == ["regressing"]
    assert [level.id for level in progressing] == [
        "limited_progress",
        "substantial_progress",
        "fulfilled",
    ]


OP4 = "A/RES/58/50:OP4"


@pytest.mark.parametrize(
    ("day", "counts", "regressing", "oldest", "oldest_evidence"),
    [
        # By hand from tests/fixtures/mini.yaml: OP4 RUS regressing since 2023-06-16 (cites
        # E29, E40); OP4 USA no progress, its judgement in force the correction dated
        # 2023-06-16 (cites E29 of August 2012); OP5 GBR not applicable (neither judged nor
        # backlog); OP5 USA and RUS and OP10 UNGA not yet assessed. 2 of 6 pairs judged, 1 of
        # them regressing: 50 %. On the tie of 2023-06-16, RUS comes first.
        (
            TODAY,
            (3, 4, 6, 2, 3),
            1,
            OldestJudgement(
                Pair(OP4, "RUS"), dt.date(2023, 6, 16), 1259, dt.date(2023, 6, 16), 1259
            ),
            OldestJudgement(
                Pair(OP4, "USA"), dt.date(2023, 6, 16), 1259, dt.date(2012, 8, 1), 5230
            ),
        ),
        # In 2010 both OP4 pairs stood at no progress from 2003-12-08: RUS comes first.
        (
            dt.date(2010, 1, 1),
            (3, 4, 6, 2, 3),
            0,
            OldestJudgement(
                Pair(OP4, "RUS"), dt.date(2003, 12, 8), 2216, dt.date(2003, 12, 8), 2216
            ),
            OldestJudgement(
                Pair(OP4, "RUS"), dt.date(2003, 12, 8), 2216, dt.date(2003, 12, 8), 2216
            ),
        ),
        # Before the adoption (2003-12-08) the resolution does not exist: nothing to count.
        (dt.date(2003, 1, 1), (0, 0, 0, 0, 0), 0, None, None),
    ],
)
def test_headline_against_hand_computed_values(
    day: dt.date,
    counts: tuple[int, int, int, int, int],
    regressing: int,
    oldest: OldestJudgement | None,
    oldest_evidence: OldestJudgement | None,
) -> None:
    """Commitments, actors, pairs, judged and not yet assessed; shares of judged pairs; the
    judgement made longest ago and the one whose evidence is oldest."""
    numbers = headline(DATA, day)
    assert (
        numbers.commitments,
        numbers.actors,
        numbers.pairs,
        numbers.judged,
        numbers.not_assessed,
    ) == counts
    assert numbers.regressing == regressing
    assert numbers.regressing_share == (pytest.approx(regressing / 2) if numbers.judged else 0.0)
    assert numbers.progressing == 0
    assert numbers.oldest == oldest
    assert numbers.oldest_evidence == oldest_evidence


def test_headline_leaves_out_what_is_no_judgement() -> None:
    """A not-applicable pair and a superseded one are neither judged nor backlog, and the oldest
    judgement is the oldest judged one, not a superseded pair's."""
    method = DATA.methodology.model_copy(
        update={
            "statuses": (
                *DATA.methodology.statuses,
                DATA.methodology.statuses[0].model_copy(
                    update={"id": "not_applicable", "order": -1}
                ),
                DATA.methodology.statuses[0].model_copy(update={"id": "superseded", "order": -2}),
            ),
            "not_applicable_status": "not_applicable",
            "superseded_status": "superseded",
        }
    )
    moved = tuple(
        a.model_copy(update={"status": "superseded"}) if a.id == "AS-OP4-USA-2003-12-08" else a
        for a in DATA.assessments
    )
    usa = next(a for a in DATA.assessments if a.id == "AS-OP4-USA-2003-12-08")
    later = usa.model_copy(
        update={"id": "AS-OP4-USA-2024", "date": dt.date(2024, 1, 1), "status": "not_applicable"}
    )
    data = DATA.model_copy(update={"methodology": method, "assessments": (*moved, later)})
    numbers = headline(data, TODAY)
    # Of 6 pairs: RUS on OP4 judged; USA on OP4 (its correction now not applicable) and GBR on
    # OP5 not applicable; OP5 USA, RUS and OP10 UNGA not yet assessed.
    assert (numbers.pairs, numbers.judged, numbers.not_assessed) == (6, 1, 3)
    assert (numbers.not_applicable, numbers.superseded) == (2, 0)
    assert numbers.regressing_share == 1.0
    assert numbers.oldest is not None and numbers.oldest.pair == Pair(OP4, "RUS")
    assert numbers.oldest.judged_on == dt.date(2023, 6, 16)


def test_headline_follows_the_resolutions_chosen() -> None:
    assert headline(DATA, TODAY, ["A/RES/58/50"]).pairs == 6
    assert headline(DATA, TODAY, ["A/RES/99/1"]).pairs == 0


def test_headline_without_pairs() -> None:
    """Data with no commitments gives zeros and no oldest judgement, not an error."""
    numbers = headline(EMPTY, TODAY)
    assert (numbers.pairs, numbers.regressing_share, numbers.oldest) == (0, 0.0, None)


def test_commitments_summary() -> None:
    """One row per commitment with verb, actors, criteria, status per actor and evidence."""
    table = commitments_summary(DATA, TODAY, "en")
    assert tuple(table.columns) == SUMMARY_COLUMNS
    op4 = table.set_index("paragraph").loc["OP4"]
    assert op4["verb"] == "Calls upon"
    assert op4["addressed"] == "RUS, USA"
    assert op4["criteria"] == "Verifiability, Irreversibility"
    assert op4["status"] == "RUS: Regressing · USA: No progress"
    assert op4["evidence"] == 3
    early = commitments_summary(DATA, dt.date(2005, 1, 1), "zh").set_index("paragraph")
    assert early.loc["OP4", "verb"] == "吁请"
    assert early.loc["OP4", "evidence"] == 1


def test_commitments_summary_marks_missing_chinese() -> None:
    """A verb with no Chinese text is shown in English, marked as such."""
    op4 = DATA.commitments[0].model_copy(update={"verb": Text(en="Calls upon")})
    data = DATA.model_copy(update={"commitments": (op4, *DATA.commitments[1:])})
    verb = commitments_summary(data, TODAY, "zh").set_index("paragraph").loc["OP4", "verb"]
    assert verb == "Calls upon〔暂无中文〕"


# --- timelines ---------------------------------------------------------------------------


def bands(figure: go.Figure) -> dict[str, list[tuple[str, str, int]]]:
    """Per status label: (row, start, days) of each band of a status timeline."""
    return {
        trace.name: [
            (row, base, length // 86_400_000)
            for row, base, length in zip(trace.y, trace.base, trace.x, strict=True)
        ]
        for trace in figure.data
    }


def test_commitment_timeline_bands_follow_the_history() -> None:
    """One row per actor addressed; each stretch between assessments is a band painted in the
    status then in force, with the methodology's colour and label, up to the as-of day."""
    op4 = DATA.commitments[0]
    figure = commitment_timeline(DATA, op4, TODAY, "en")
    # The US band is split at the correction's day, but its status never changes.
    assert bands(figure) == {
        "Regressing": [("RUS", "2023-06-16", (TODAY - dt.date(2023, 6, 16)).days)],
        "No progress": [
            ("RUS", "2003-12-08", (dt.date(2023, 6, 16) - dt.date(2003, 12, 8)).days),
            ("USA", "2003-12-08", (dt.date(2023, 6, 16) - dt.date(2003, 12, 8)).days),
            ("USA", "2023-06-16", (TODAY - dt.date(2023, 6, 16)).days),
        ],
    }
    colours = {level.label.en: level.colour for level in DATA.methodology.statuses}
    assert all(trace.marker.color == colours[trace.name] for trace in figure.data)
    assert all(set(trace.text) == {trace.name} for trace in figure.data)
    assert list(figure.layout.yaxis.categoryarray) == ["RUS", "USA"]
    assert figure.layout.xaxis.range[1] == TODAY.isoformat()


def test_timeline_hover_reads_as_a_sentence_and_escapes_the_rationale() -> None:
    op4 = DATA.commitments[0]
    hover = commitment_timeline(DATA, op4, TODAY, "en").data[0].customdata[0]
    assert hover.startswith("<b>RUS</b>: Regressing<br>from 2023-06-16 to 2026-11-26<br>")
    assert "Assessed on 2023-06-16, citing 2 evidence item(s)" in hover
    first = DATA.assessments[0]
    tainted = first.model_copy(
        update={"rationale": first.rationale.model_copy(update={"en": "<img onerror=x>"})}
    )
    data = DATA.model_copy(update={"assessments": (tainted, *DATA.assessments[1:])})
    hovers = [
        h for trace in commitment_timeline(data, op4, TODAY, "en").data for h in trace.customdata
    ]
    assert any("&lt;img onerror=x&gt;" in h for h in hovers)
    assert not any("<img" in h for h in hovers)


def test_timeline_before_the_first_assessment_is_not_yet_assessed() -> None:
    """Between adoption and the first judgement a pair is 'not yet assessed', not blank."""
    figure = commitment_timeline(DATA, DATA.commitments[2], TODAY, "zh")
    assert bands(figure) == {
        "尚未评估": [("UNGA", "2003-12-08", (TODAY - dt.date(2003, 12, 8)).days)]
    }


def test_timeline_before_adoption_is_explained() -> None:
    figure = commitment_timeline(DATA, DATA.commitments[0], dt.date(2001, 1, 1), "en")
    assert not figure.data
    assert "2001-01-01 is before the resolution was adopted" in figure.layout.annotations[0].text


def test_actor_trajectory_one_row_per_commitment() -> None:
    actors = {actor.id: actor for actor in DATA.actors}
    figure = actor_trajectory(DATA, actors["RUS"], TODAY, "en")
    assert list(figure.layout.yaxis.categoryarray) == ["OP4", "OP5"]
    assert figure.layout.title.text == "Russian Federation: status of each commitment over time"
    assert [trace.name for trace in figure.data] == [
        "Not yet assessed",
        "Regressing",
        "No progress",
    ]
    empty = actor_trajectory(DATA, actors["BLR"], TODAY, "en")
    assert not empty.data
    assert "No commitment addresses BLR" in empty.layout.annotations[0].text


def test_evidence_timeline_colours_shapes_and_hovers() -> None:
    """Markers coloured by direction and shaped by source type, both from the methodology;
    the legend names each colour and each shape once; every marker has a hover."""
    items = dashboard.filter_evidence(DATA, TODAY, dashboard.EvidenceFilter())
    frame = dashboard.evidence_timeline_frame(DATA, items, "en")
    figure = evidence_timeline(DATA, frame, "en")
    points = [trace for trace in figure.data if trace.x != (None,)]
    legend = [trace for trace in figure.data if trace.x == (None,)]
    assert [trace.name for trace in points] == ["Regression"]
    (regression,) = points
    assert regression.marker.color == "#D55E00"
    symbols = dict(zip(regression.customdata, regression.marker.symbol, strict=True))
    shape = {term.id: SOURCE_SYMBOLS[i] for i, term in enumerate(DATA.methodology.source_types)}
    for hover, symbol in symbols.items():
        kind = {"E01": "official", "E29": "expert", "E40": "press"}[hover[3:6]]
        assert symbol == shape[kind]
    assert sorted(regression.y) == ["OP10", "OP4", "OP4", "OP4"]
    assert list(figure.layout.yaxis.categoryarray) == ["OP4", "OP10"]
    assert [(t.name, t.legendgroup) for t in legend] == [
        ("Regression", "Direction"),
        ("Official document or statement", "Source type"),
        ("Expert estimate or research", "Source type"),
        ("Press", "Source type"),
    ]
    assert figure.layout.title.text == "3 evidence item(s) by date and commitment"


@pytest.mark.parametrize(
    ("label", "width"),
    [("OP4", 3 * CHAR_PX), ("第四段", 3 * WIDE_CHAR_PX), ("OP 四", 3 * CHAR_PX + WIDE_CHAR_PX)],
)
def test_label_width_counts_wide_characters_wider(label: str, width: int) -> None:
    assert label_width(label) == width


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_evidence_timeline_gives_its_labels_room_without_measuring_them(lang: str) -> None:
    """The margins hold the dates and the widest commitment label, so the browser need not
    measure the labels (plotly's automatic margins are off)."""
    items = dashboard.filter_evidence(DATA, TODAY, dashboard.EvidenceFilter())
    frame = dashboard.evidence_timeline_frame(DATA, items, lang)
    figure = evidence_timeline(DATA, frame, lang)
    assert figure.layout.xaxis.automargin is False and figure.layout.yaxis.automargin is False
    assert figure.layout.margin.l >= max(label_width(label) for label in frame["commitment"])
    assert figure.layout.margin.b == 40


def test_evidence_timeline_takes_a_look_over_its_own_layout() -> None:
    """A look (fonts, colours, margins' padding) is laid over the figure's layout: nested
    settings are merged, so its own margins and axes stay."""
    items = dashboard.filter_evidence(DATA, TODAY, dashboard.EvidenceFilter())
    frame = dashboard.evidence_timeline_frame(DATA, items, "en")
    plain = evidence_timeline(DATA, frame, "en")
    look = {
        "font": {"size": 12, "color": "#808495"},
        "margin": {"pad": 8},
        "yaxis": {"gridcolor": "#e6eaf1"},
    }
    figure = evidence_timeline(DATA, frame, "en", look)
    assert figure.layout.font.color == "#808495"
    assert figure.layout.margin.pad == 8
    assert figure.layout.margin.l == plain.layout.margin.l
    assert figure.layout.yaxis.gridcolor == "#e6eaf1"
    assert figure.layout.yaxis.categoryarray == plain.layout.yaxis.categoryarray
    assert figure.data == plain.data


def test_evidence_timeline_without_items_is_explained() -> None:
    frame = dashboard.evidence_timeline_frame(DATA, [], "zh")
    figure = evidence_timeline(DATA, frame, "zh")
    assert not figure.data
    assert "没有可显示的证据" in figure.layout.annotations[0].text
