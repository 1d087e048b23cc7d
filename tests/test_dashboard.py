"""Filters, tables and scorecards behind the pages, checked on the canonical fixture, on a
second resolution added to it, and on the bundled data where an invariant holds whatever it
contains."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import MINI, REPO
from tracker.domain.model import Commitment, Dataset, Resolution, Text
from tracker.present import dashboard
from tracker.present.charts import plotly_excerpt
from tracker.present.dashboard import CommitmentFilter, EvidenceFilter
from tracker.query.index import Pair, index_of
from tracker.source.loader import load_dataset

TODAY = dt.date(2026, 12, 7)
OP4, OP5, OP10 = "A/RES/58/50:OP4", "A/RES/58/50:OP5", "A/RES/58/50:OP10"


def load(path: Path) -> Dataset:
    result = load_dataset(path, today=TODAY)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


DATA = load(MINI)
_REAL = load_dataset(REPO / "commitments.yaml")


def with_second_resolution(data: Dataset) -> Dataset:
    """The fixture plus a predecessor resolution whose fourth paragraph addresses the same two
    States, has no Chinese text and no assessment yet: a shape the pages must handle."""
    old = Resolution.model_validate(
        {
            **data.resolutions[0].model_dump(),
            "symbol": "A/RES/57/58",
            "adopted": dt.date(2002, 11, 22),
            "vote_records": None,
            "preamble": (),
        }
    )
    op4 = Commitment.model_validate(
        {
            **data.commitments[0].model_dump(),
            "id": "A/RES/57/58:OP4",
            "resolution": "A/RES/57/58",
            "text": {"en": "Calls upon the Russian Federation and the United States of America"},
            "verb": {"en": "Calls upon"},
        }
    )
    return data.model_copy(
        update={"resolutions": (*data.resolutions, old), "commitments": (*data.commitments, op4)}
    )


TWO = with_second_resolution(DATA)


# --- a pair's history --------------------------------------------------------------------


def test_steps_name_each_change() -> None:
    """Russia on OP4: a first judgement at adoption, then a worsening in June 2023."""
    found = dashboard.steps(DATA, Pair(OP4, "RUS"), TODAY)
    assert [(s.assessment.date, s.transition, s.previous) for s in found] == [
        (dt.date(2003, 12, 8), "first", None),
        (dt.date(2023, 6, 16), "worsened", "no_progress"),
    ]
    assert dashboard.steps(DATA, Pair(OP4, "RUS"), dt.date(2023, 6, 15))[-1].transition == "first"


@pytest.mark.parametrize(
    ("pair", "as_of", "since"),
    [
        (Pair(OP4, "RUS"), TODAY, dt.date(2023, 6, 16)),
        (Pair(OP4, "RUS"), dt.date(2010, 1, 1), dt.date(2003, 12, 8)),
        (Pair(OP4, "USA"), TODAY, dt.date(2003, 12, 8)),
        (Pair(OP4, "USA"), dt.date(2003, 1, 1), None),
    ],
)
def test_status_since(pair: Pair, as_of: dt.date, since: dt.date | None) -> None:
    """Since when the status in force has held: the start of its latest unbroken run."""
    assert dashboard.status_since(dashboard.steps(DATA, pair, as_of)) == since


def test_trajectory_and_description() -> None:
    found = dashboard.steps(DATA, Pair(OP4, "RUS"), TODAY)
    assert dashboard.trajectory(found, DATA, "en") == "No progress → Regressing"
    assert dashboard.trajectory(found, DATA, "zh") == "无进展 → 倒退"
    assert (
        dashboard.describe_step(found[-1], DATA, "en", "RUS")
        == "RUS 2023-06-16: No progress → Regressing"
    )


# --- commitments -------------------------------------------------------------------------


def ids(commitments: list[Commitment]) -> list[str]:
    return [c.id for c in commitments]


@pytest.mark.parametrize(
    ("filt", "as_of", "expected"),
    [
        (CommitmentFilter(), TODAY, [OP4, OP5, OP10]),
        (CommitmentFilter(actors=("RUS",)), TODAY, [OP4, OP5]),
        (CommitmentFilter(actors=("UNGA",)), TODAY, [OP10]),
        (CommitmentFilter(statuses=("regressing",)), TODAY, [OP4]),
        (CommitmentFilter(statuses=("not_assessed",)), TODAY, [OP5, OP10]),
        (CommitmentFilter(statuses=("not_applicable",)), TODAY, [OP5]),
        # The US regression of 2023-06-16 was corrected: it never stood.
        (CommitmentFilter(actors=("USA",), statuses=("regressing",)), dt.date(2023, 6, 16), []),
        (CommitmentFilter(actors=("RUS",), change="worsened"), TODAY, [OP4]),
        (
            CommitmentFilter(actors=("RUS",), change="worsened", since=dt.date(2014, 1, 1)),
            TODAY,
            [OP4],
        ),
        (
            CommitmentFilter(actors=("RUS",), change="worsened", since=dt.date(2023, 6, 17)),
            TODAY,
            [],
        ),
        (
            CommitmentFilter(actors=("RUS",), change="worsened", since=dt.date(2014, 1, 1)),
            dt.date(2020, 1, 1),
            [],
        ),
        (CommitmentFilter(actors=("RUS",), change="improved"), TODAY, []),
        (CommitmentFilter(since=dt.date(2014, 1, 1)), TODAY, [OP4]),
        (CommitmentFilter(actors=("USA",), change="changed"), TODAY, []),
        (CommitmentFilter(actors=("GBR",), change="changed"), TODAY, []),
        (CommitmentFilter(resolutions=("A/RES/99/1",)), TODAY, []),
    ],
)
def test_filter_commitments(filt: CommitmentFilter, as_of: dt.date, expected: list[str]) -> None:
    """A commitment is listed when one of its pairs passes every condition; a first judgement
    or a re-assessment at the same level is not a change."""
    assert ids(dashboard.filter_commitments(DATA, as_of, filt)) == expected


def test_filter_by_resolution_with_two_resolutions() -> None:
    """Several resolutions are listed, resolution by resolution, and can be narrowed to one."""
    assert ids(dashboard.filter_commitments(TWO, TODAY, CommitmentFilter())) == [
        "A/RES/57/58:OP4",
        OP4,
        OP5,
        OP10,
    ]
    only = CommitmentFilter(resolutions=("A/RES/58/50",))
    assert ids(dashboard.filter_commitments(TWO, TODAY, only)) == [OP4, OP5, OP10]
    table = dashboard.commitments_table(TWO, TODAY, "zh", CommitmentFilter())
    assert table["paragraph"].tolist() == [
        "A/RES/57/58 OP4",
        "A/RES/58/50 OP4",
        "A/RES/58/50 OP5",
        "A/RES/58/50 OP10",
    ]
    assert table.loc[0, "verb"] == "Calls upon〔暂无中文〕"
    assert table.loc[0, "status"] == "RUS: 尚未评估 · USA: 尚未评估"


def test_commitments_table_columns_and_values() -> None:
    """The table holds the columns the page shows, with the status per actor, the latest
    change, when last assessed, the staleness of the stalest judgement and the evidence."""
    table = dashboard.commitments_table(DATA, TODAY, "en", CommitmentFilter())
    assert tuple(table.columns) == dashboard.COMMITMENT_COLUMNS
    op4 = table.set_index("id").loc[OP4]
    assert op4["paragraph"] == "OP4"
    assert op4["verb"] == "Calls upon"
    assert op4["status"] == "RUS: Regressing · USA: No progress"
    assert op4["changes"] == "RUS 2023-06-16: No progress → Regressing"
    assert op4["last_assessed"] == dt.date(2023, 6, 16)
    assert op4["stale_days"] == (TODAY - dt.date(2012, 8, 1)).days  # USA's correction: E29
    assert op4["evidence"] == 3
    op10 = table.set_index("id").loc[OP10]
    assert op10["status"] == "UNGA: Not yet assessed"
    assert op10["changes"] == ""
    assert op10["stale_days"] is dashboard.pd.NA


def test_commitments_table_shows_the_changes_that_qualified() -> None:
    filt = CommitmentFilter(actors=("RUS",), change="worsened", since=dt.date(2014, 1, 1))
    table = dashboard.commitments_table(DATA, TODAY, "zh", filt)
    assert table["changes"].tolist() == ["RUS 2023-06-16: 无进展 → 倒退"]


def test_empty_filter_result_is_an_empty_table_with_its_columns() -> None:
    filt = CommitmentFilter(actors=("USA",), change="worsened")
    table = dashboard.commitments_table(DATA, TODAY, "en", filt)
    assert table.empty
    assert tuple(table.columns) == dashboard.COMMITMENT_COLUMNS


def test_bundled_data_russia_worsened_since_2014() -> None:
    """On the bundled data, `?actor=RUS&change=worsened&since=2014-01-01` lists exactly the
    commitments whose Russian status worsened on or after 1 January 2014, whatever the data."""
    REAL = _REAL.dataset
    assert REAL is not None, [str(problem) for problem in _REAL.problems]
    since = dt.date(2014, 1, 1)
    filt = CommitmentFilter(actors=("RUS",), change="worsened", since=since)
    listed = set(ids(dashboard.filter_commitments(REAL, TODAY, filt)))
    for commitment in REAL.commitments:
        if "RUS" not in commitment.addressed.actors:
            assert commitment.id not in listed
            continue
        found = dashboard.steps(REAL, Pair(commitment.id, "RUS"), TODAY)
        worsened = any(s.transition == "worsened" and s.assessment.date >= since for s in found)
        assert (commitment.id in listed) == worsened, commitment.id


@settings(max_examples=40, deadline=None)
@given(
    actors=st.lists(st.sampled_from(["RUS", "USA", "UNGA"]), max_size=2, unique=True),
    statuses=st.lists(
        st.sampled_from(["not_assessed", "regressing", "no_progress"]), max_size=2, unique=True
    ),
    change=st.sampled_from([None, *dashboard.CHANGES]),
    since=st.none() | st.dates(dt.date(2000, 1, 1), TODAY),
    as_of=st.dates(dt.date(2000, 1, 1), TODAY),
)
def test_listed_commitments_are_those_with_a_matching_pair(
    actors: list[str],
    statuses: list[str],
    change: dashboard.Change | None,
    since: dt.date | None,
    as_of: dt.date,
) -> None:
    """Whatever the filter, the list is the commitments of the matching pairs, in paragraph
    order, and each matching pair passes each condition."""
    filt = CommitmentFilter(
        actors=tuple(actors), statuses=tuple(statuses), change=change, since=since
    )
    matches = dashboard.match_pairs(DATA, as_of, filt)
    listed = ids(dashboard.filter_commitments(DATA, as_of, filt))
    if filt.on_pairs:
        assert set(listed) == {m.pair.commitment for m in matches}
    for match in matches:
        assert not actors or match.pair.actor in actors
        assert not statuses or match.status in statuses
        for step in match.changes:
            assert since is None or step.assessment.date >= since
            assert step.assessment.date <= as_of
    assert len(dashboard.commitments_table(DATA, as_of, "en", filt)) == len(listed)


def test_standing_criteria_and_history() -> None:
    op4 = DATA.commitments[0]
    standing = dashboard.standing_table(DATA, op4, TODAY, "en").set_index("actor")
    assert standing.loc["RUS", "status"] == "Regressing"
    assert standing.loc["RUS", "since"] == dt.date(2023, 6, 16)
    assert standing.loc["RUS", "newest_evidence"] == dt.date(2023, 6, 16)
    assert standing.loc["RUS", "stale_days"] == (TODAY - dt.date(2023, 6, 16)).days
    assert standing.loc["RUS", "evidence"] == "E29, E40"

    criteria = dashboard.criteria_table(DATA, op4, TODAY, "zh")
    assert criteria["criterion"].tolist() == ["可核查", "不可逆转"]
    assert criteria.loc[0, "grounds_en"] == (
        "formalize their presidential nuclear initiatives into legal instruments"
    )
    assert criteria.loc[0, "grounds_zh"] == "将总统核倡议正式定为法律文书"
    assert criteria.loc[0, "ratings"] == "RUS: 缺失 · USA: 缺失"

    history = dashboard.judgements(DATA, op4, TODAY)
    assert [
        (actor, step.assessment.status, step.transition)
        for actor, steps in history
        for step in steps
    ] == [
        ("RUS", "regressing", "worsened"),
        ("RUS", "no_progress", "first"),
        ("USA", "no_progress", "unchanged"),  # the correction, where the corrected one stood
        ("USA", "no_progress", "first"),
    ]
    assert [actor for actor, _ in dashboard.judgements(DATA, op4, TODAY, ("USA",))] == ["USA"]
    russia = dashboard.standing_table(DATA, op4, TODAY, "en", ("RUS",))
    assert russia["actor"].tolist() == ["RUS"]


def test_the_record_lists_every_item_its_judgements_cite() -> None:
    """An item a judgement cites is on the record even when the item does not list the
    commitment; and none dated after the as-of day."""
    op4 = DATA.commitments[0]
    unlinked = tuple(
        item.model_copy(update={"commitments": ("A/RES/58/50:OP10",)}) if item.id == "E29" else item
        for item in DATA.evidence
    )
    data = DATA.model_copy(update={"evidence": unlinked})
    assert [e.id for e in dashboard.record_evidence(data, op4, TODAY)] == ["E40", "E29", "E01"]
    assert [e.id for e in dashboard.record_evidence(data, op4, dt.date(2005, 1, 1))] == ["E01"]


def test_the_record_shows_every_correction_and_every_cited_item() -> None:
    """The corrections of the commitment's judgements, and the evidence its record lists:
    what bears on it and what its judgements cite, the corrected ones' included."""
    op4 = DATA.commitments[0]
    [fixed] = dashboard.commitment_corrections(DATA, op4, TODAY)
    assert (fixed.corrected.id, fixed.correction.id) == (
        "AS-OP4-USA-2023-06-16",
        "AS-OP4-USA-2023-06-16-2",
    )
    assert dashboard.commitment_corrections(DATA, op4, dt.date(2023, 6, 15)) == []
    # An OP10 judgement citing E29, whose commitments do not list OP10 (as a corrected
    # judgement's may not): the record lists E29 all the same.
    cited_elsewhere = DATA.assessments[3].model_copy(
        update={"status": "no_progress", "evidence": ("E29",)}
    )
    data = DATA.model_copy(
        update={"assessments": (*DATA.assessments[:3], cited_elsewhere, *DATA.assessments[4:])}
    )
    op10 = DATA.commitments[2]
    assert [e.id for e in dashboard.record_evidence(data, op10, TODAY)] == ["E29", "E01"]
    assert [e.id for e in dashboard.record_evidence(DATA, op10, TODAY)] == ["E01"]
    assert [e.id for e in dashboard.record_evidence(data, op10, dt.date(2005, 1, 1))] == ["E01"]


def test_lineage_both_ways() -> None:
    """A paragraph names its successor; the successor knows what it carries forward."""
    earlier = TWO.commitments[-1].model_copy(update={"successor": OP4})
    two = TWO.model_copy(update={"commitments": (*TWO.commitments[:-1], earlier)})
    op4 = two.commitments[0]
    assert dashboard.lineage(two, earlier) == (op4, [])
    assert dashboard.lineage(two, op4) == (None, [earlier])


def test_criteria_before_any_rating_say_not_yet_assessed() -> None:
    criteria = dashboard.criteria_table(DATA, DATA.commitments[0], dt.date(2003, 1, 1), "en")
    assert criteria.loc[0, "ratings"] == "RUS: Not yet assessed · USA: Not yet assessed"


# --- evidence ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filt", "as_of", "expected"),
    [
        (EvidenceFilter(), TODAY, ["E40", "E29", "E01"]),
        (EvidenceFilter(), dt.date(2005, 1, 1), ["E01"]),
        (EvidenceFilter(), dt.date(2003, 12, 7), []),
        (EvidenceFilter(actors=("BLR",)), TODAY, ["E40"]),
        (EvidenceFilter(actors=("BLR", "UNGA")), TODAY, ["E40", "E01"]),
        (EvidenceFilter(commitments=(OP10,)), TODAY, ["E01"]),
        (EvidenceFilter(criteria=("verifiability",)), TODAY, ["E29"]),
        (EvidenceFilter(source_types=("press",)), TODAY, ["E40"]),
        (EvidenceFilter(confidences=("high",)), TODAY, ["E29", "E01"]),
        (EvidenceFilter(directions=("progress",)), TODAY, []),
        (EvidenceFilter(start=dt.date(2012, 8, 1)), TODAY, ["E40", "E29"]),
        (EvidenceFilter(start=dt.date(2012, 8, 2)), TODAY, ["E40"]),
        (EvidenceFilter(end=dt.date(2012, 8, 1)), TODAY, ["E29", "E01"]),
        (EvidenceFilter(actors=("RUS",), source_types=("official",)), TODAY, ["E01"]),
    ],
)
def test_filter_evidence(filt: EvidenceFilter, as_of: dt.date, expected: list[str]) -> None:
    """Every non-empty field narrows; a month-precise date ('2012-08') counts from its first
    day; nothing dated after the as-of day is listed; newest first."""
    assert [item.id for item in dashboard.filter_evidence(DATA, as_of, filt)] == expected


def test_evidence_table_links_only_web_addresses() -> None:
    """A source address that is not http(s) is never handed to a link column."""
    e01, e29, e40 = DATA.evidence
    bad = e40.model_copy(
        update={"source": e40.source.model_copy(update={"url": "javascript:alert(1)"})}
    )
    table = dashboard.evidence_table(DATA, [e01, e29, bad], "zh")
    assert tuple(table.columns) == dashboard.EVIDENCE_COLUMNS
    assert table["url"].tolist()[:2] == [
        "https://press.un.org/en/2003/ga10217.doc.htm",
        "http://www.armscontrol.org/factsheets/pniglance",
    ]
    assert table["url"].isna().tolist() == [False, False, True]
    assert table.loc[0, "direction"] == "倒退"
    assert table.loc[0, "source_type"] == "官方文件或声明"
    assert table.loc[0, "commitments"] == "OP4, OP10"
    assert table.loc[1, "criteria"] == "可核查"
    assert table.loc[2, "verification"] == "部分核实"


def test_evidence_timeline_frame_one_row_per_item_and_commitment() -> None:
    items = dashboard.filter_evidence(DATA, TODAY, EvidenceFilter())
    frame = dashboard.evidence_timeline_frame(DATA, items, "en")
    assert sorted(zip(frame["id"], frame["commitment"], strict=True)) == [
        ("E01", "OP10"),
        ("E01", "OP4"),
        ("E29", "OP4"),
        ("E40", "OP4"),
    ]
    only = dashboard.evidence_timeline_frame(DATA, items, "en", commitments=(OP10,))
    assert only["id"].tolist() == ["E01"]
    e29 = frame.set_index("id").loc["E29"]
    assert e29["start"] == dt.date(2012, 8, 1)
    assert (e29["direction"], e29["source_type"]) == ("regression", "expert")
    assert e29["hover"].startswith("<b>E29</b> · 2012-08 · OP4<br>Regression · Expert")


def test_hover_text_escapes_markup() -> None:
    """Data text reaches a plotly label escaped: it is read as HTML there."""
    assert plotly_excerpt("<img src=x onerror=alert(1)> & co", lines=4) == (
        "&lt;img src=x onerror=alert(1)&gt; &amp; co"
    )
    assert plotly_excerpt("word " * 40, width=20, lines=2).count("<br>") == 1


# --- actors ------------------------------------------------------------------------------


def test_actor_scorecard() -> None:
    """One row per commitment addressing the actor: status and since when, each criterion's
    rating or 'does not apply', trajectory, latest change, freshness, evidence cited."""
    card = dashboard.actor_scorecard(DATA, "RUS", TODAY, "en")
    assert tuple(card.columns) == dashboard.scorecard_columns(DATA)
    row = card.set_index("id").loc[OP4]
    assert (row["paragraph"], row["status"], row["since"]) == (
        "OP4",
        "Regressing",
        dt.date(2023, 6, 16),
    )
    assert (row["transparency"], row["verifiability"], row["irreversibility"]) == (
        "does not apply",
        "Absent",
        "Absent",
    )
    assert row["trajectory"] == "No progress → Regressing"
    assert row["last_change"] == "2023-06-16: No progress → Regressing"
    assert row["stale_days"] == (TODAY - dt.date(2023, 6, 16)).days
    assert row["evidence"] == 2
    assert dashboard.actor_scorecard(DATA, "BLR", TODAY, "en").empty


def test_actor_scorecard_before_any_assessment() -> None:
    row = dashboard.actor_scorecard(DATA, "RUS", dt.date(2003, 1, 1), "en").iloc[0]
    assert row["status"] == "Not yet assessed"
    assert row["verifiability"] == "Not yet assessed"
    assert row["stale_days"] is dashboard.pd.NA
    assert (row["trajectory"], row["last_change"]) == ("", "")


def test_votes_from_the_records_and_the_list_of_states_against() -> None:
    """The recorded vote where the CSV names the State; else 'no' where the resolution lists
    it among the States against; groups and organs have no vote of their own."""
    votes = dashboard.read_votes(DATA, MINI.parent)
    assert votes["A/RES/58/50"]["RU"] == ("Russia", "no")
    actors = {actor.id: actor for actor in DATA.actors}
    assert dashboard.vote_of(DATA, actors["BLR"], "A/RES/58/50", votes) == "abstain"
    assert dashboard.vote_of(DATA, actors["RUS"], "A/RES/58/50", {}) == "no"
    assert dashboard.vote_of(DATA, actors["BLR"], "A/RES/58/50", {}) == "unknown"
    assert dashboard.vote_of(DATA, actors["UNGA"], "A/RES/58/50", votes) == "not_a_state"


def test_read_votes_skips_a_file_it_cannot_read(tmp_path: Path) -> None:
    assert dashboard.read_votes(DATA, tmp_path) == {}


def test_says_versus_does() -> None:
    """Russia voted against A/RES/58/50 and regresses on one of the two commitments addressing
    it."""
    votes = dashboard.read_votes(DATA, MINI.parent)
    says = dashboard.says_versus_does(DATA, "RUS", TODAY, "en", votes)
    row = says.set_index("resolution").loc["A/RES/58/50"]
    assert row["vote"] == "voted against"
    assert (row["commitments"], row["regressing"], row["no_progress"]) == (2, 1, 0)
    assert dashboard.says_versus_does(DATA, "RUS", dt.date(2003, 1, 1), "en", votes).empty
    two = dashboard.says_versus_does(TWO, "RUS", TODAY, "zh", votes)
    assert two["resolution"].tolist() == ["A/RES/57/58", "A/RES/58/50"]
    assert two.set_index("resolution").loc["A/RES/57/58", "vote"] == "投反对票"


def test_actors_overview_counts_sum_to_the_commitments() -> None:
    votes = dashboard.read_votes(DATA, MINI.parent)
    overview = dashboard.actors_overview(DATA, TODAY, "en", votes).set_index("id")
    statuses = [level.id for level in DATA.methodology.statuses]
    assert (overview[statuses].sum(axis=1) == overview["commitments"]).all()
    assert overview.loc["RUS", "votes"] == "A/RES/58/50: voted against"
    assert overview.loc["BLR", "votes"] == "A/RES/58/50: abstained"
    assert overview.loc["UNGA", "votes"] == ""
    assert overview.loc["UNGA", "kind"] == "United Nations organ"


# --- source text and methodology ---------------------------------------------------------


def test_statuses_in_force() -> None:
    op4 = DATA.commitments[0]
    assert dashboard.statuses_in_force(DATA, op4, TODAY, "en") == (
        "RUS: Regressing · USA: No progress"
    )
    assert dashboard.statuses_in_force(DATA, op4, dt.date(2003, 1, 1), "zh") == (
        "RUS: 尚未评估 · USA: 尚未评估"
    )


@settings(max_examples=25, deadline=None)
@given(st.dates(dt.date(2000, 1, 1), TODAY))
def test_usage_counts_every_pair_and_known_item_once(as_of: dt.date) -> None:
    used = dashboard.usage(DATA, as_of)
    assert (
        sum(used.statuses.values())
        == len(list(index_of(DATA).pairs))
        == len(index_of(DATA).status_table(as_of))
    )
    known = len(dashboard.filter_evidence(DATA, as_of, EvidenceFilter()))
    assert sum(used.directions.values()) == sum(used.source_types.values()) == known


def test_scale_and_terms_tables_follow_the_methodology() -> None:
    method = DATA.methodology
    scale = dashboard.scale_table(method.statuses, "zh", {"regressing": 1})
    assert scale["id"].tolist()[:3] == ["not_assessed", "regressing", "no_progress"]
    assert scale.set_index("id").loc["regressing", "label"] == "倒退"
    assert scale.set_index("id").loc["regressing", "used"] == 1
    assert scale.set_index("id").loc["regressing", "colour"] == "#D55E00"
    terms = dashboard.terms_table(method.source_types, "en", {})
    assert terms["id"].tolist() == [term.id for term in method.source_types]
    assert set(terms["used"]) == {0}


def test_text_without_chinese_is_marked() -> None:
    """Labels fall back to English, marked, when the data has no Chinese text."""
    op4 = DATA.commitments[0].model_copy(update={"verb": Text(en="Calls upon")})
    data = DATA.model_copy(update={"commitments": (op4, *DATA.commitments[1:])})
    card = dashboard.actor_scorecard(data, "RUS", TODAY, "zh")
    assert card.loc[0, "verb"] == "Calls upon〔暂无中文〕"


@pytest.mark.parametrize(
    ("meeting", "lang", "shown"),
    [
        ("71st plenary meeting", "zh", "第71次全体会议"),
        ("52nd plenary meeting", "zh", "第52次全体会议"),
        ("71st plenary meeting", "en", "71st plenary meeting"),
        ("Security Council, 4956th meeting", "zh", "Security Council, 4956th meeting"),
    ],
)
def test_meeting_label_in_chinese(meeting: str, lang: str, shown: str) -> None:
    assert dashboard.meeting_label(meeting, lang) == shown


def test_evidence_commitments_of_a_resolution() -> None:
    """A resolution alone keeps all its paragraphs; chosen paragraphs narrow it, those of
    another resolution are dropped (the page lists only the chosen resolution's); without a
    resolution the chosen paragraphs are kept as they are."""
    data = load(REPO / "commitments.yaml")
    of_57_58 = tuple(c.id for c in data.commitments if c.resolution == "A/RES/57/58")
    assert dashboard.evidence_commitments(data, "A/RES/57/58", ()) == of_57_58
    op2 = "A/RES/57/58:OP2"
    assert dashboard.evidence_commitments(data, "A/RES/57/58", (op2,)) == (op2,)
    assert dashboard.evidence_commitments(data, "A/RES/57/58", ("A/RES/58/50:OP4",)) == of_57_58
    assert dashboard.evidence_commitments(data, None, ("A/RES/58/50:OP4",)) == ("A/RES/58/50:OP4",)
    assert dashboard.evidence_commitments(data, None, ()) == ()
