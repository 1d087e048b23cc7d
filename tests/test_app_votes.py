"""The Voting record and Roll call pages through AppTest: what each opens on with no widget
touched (the bundled data and the 215,972 bundled votes), views opened from the URL, the
Chinese interface, every caveat shown, repeats shown and not counted, a resolution whose text
the tracker does not hold, search finding roll calls, and vote files missing or broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import REAL_DATA, REPO
from tests.test_app_pages import (
    AppOn,
    chart,
    frame_with,
    in_url,
    open_page,
    page_links,
    run,
)
from tracker.present import votes_view
from tracker.source import votes_table

VOTES_FIXTURE = REPO / "tests" / "fixtures" / "votes"


@pytest.fixture(autouse=True)
def cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def subset(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages on the 11 roll calls of tests/fixtures/votes."""
    monkeypatch.setenv(votes_table.VOTES_ENV, str(VOTES_FIXTURE))


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def assert_caveats(at: AppTest, lang: str) -> None:
    for caveat in votes_view.caveats(lang):
        assert any(caveat in markdown.value for markdown in at.markdown), caveat


# --- Voting record ----------------------------------------------------------------------


def test_voting_record_opens_on_the_first_tracked_state(app_on: AppOn) -> None:
    """On the bundled data and votes: the United States (the data's first State), whole texts,
    every caveat, the chart by year, and the agreement with the other tracked States."""
    at = open_page(app_on, "state_votes", REAL_DATA)
    assert at.title[0].value == "Voting record"
    assert at.selectbox(key="state").value == "United States"
    assert at.selectbox(key="count").value == "whole_text"
    assert at.multiselect(key="with").value == [
        "Russia",
        "United Kingdom",
        "France",
        "China",
        "Belarus",
    ]
    assert_caveats(at, "en")
    values = metrics(at)
    assert values["Roll calls counted"] == "1209"
    by_year = chart(at, 0)
    assert [trace["name"] for trace in by_year["data"]] == ["Yes", "Abstain", "No"]
    assert by_year["layout"]["title"]["text"] == (
        "United States: yes, abstain and no by year (Votes on whole texts)"
    )
    agreement = chart(at, 1)
    assert [trace["name"] for trace in agreement["data"]] == [
        "Russia",
        "United Kingdom",
        "France",
        "China",
        "Belarus",
    ]
    says = frame_with(at, "commitment")
    assert set(says["resolution"]) == {"A/RES/58/50", "A/RES/57/58"}
    assert set(says.loc[says["resolution"] == "A/RES/58/50", "vote"]) == {"No"}


def test_voting_record_from_the_url(app_on: AppOn, subset: None) -> None:
    """`?state=Russia&count=separate&with=United States` opens that view, with the note that
    'Russia' holds the Soviet Union's votes, and the URL keeps it."""
    at = open_page(
        app_on, "state_votes", state="Russia", count="separate", **{"with": "United States"}
    )
    assert at.selectbox(key="state").value == "Russia"
    assert any("Soviet Union" in warning.value for warning in at.warning)
    assert metrics(at)["Roll calls counted"] == "5"
    assert frame_with(at, "agreement").values.tolist() == [["United States", 0.5, 5]]
    assert in_url(at, "state") == ["Russia"]
    assert in_url(at, "count") == ["separate"]
    assert in_url(at, "with") == ["United States"]
    listed = frame_with(at, "short")
    assert listed["rcid"].tolist() == [5924, 5725, 1521, 578, 94]
    assert listed["kind"].tolist()[-2:] == ["Amendment", "Paragraph or part"]


def test_voting_record_counts_no_row_apart(app_on: AppOn, subset: None) -> None:
    """China: 2 votes cast, 2 roll calls with no row, never counted as abstentions."""
    at = open_page(app_on, "state_votes", state="China", **{"with": "United States"})
    values = metrics(at)
    assert values["Roll calls counted"] == "4"
    assert values["Abstain"] == "50%" and values["Yes"] == "50%"
    assert values["No row (absent, not voting or not a member)"] == "2"
    assert any('under "Taiwan"' in warning.value for warning in at.warning)
    says = frame_with(at, "commitment")
    assert set(says["vote"]) == {"No row (absent, not voting or not a member)"}


def test_voting_record_narrowed_by_the_dataset_issue_code(app_on: AppOn, subset: None) -> None:
    at = open_page(app_on, "state_votes", state="France", issue="arms")
    assert metrics(at)["Roll calls counted"] == "2"  # 4379 and 4494
    assert in_url(at, "issue") == ["arms"]


def test_voting_record_in_chinese(app_on: AppOn, subset: None) -> None:
    at = open_page(app_on, "state_votes", lang="中文", state="Russia")
    assert at.title[0].value == "投票记录"
    assert_caveats(at, "zh")
    assert "计入的记录表决" in metrics(at)
    assert chart(at, 0)["layout"]["yaxis"]["title"]["text"] == "占有记录投票的比例"
    says = frame_with(at, "commitment")
    assert says["status"].tolist() == ["倒退", "尚未评估", "本工具未评估"]


def test_a_state_with_no_vote_in_the_view(app_on: AppOn, subset: None) -> None:
    at = open_page(app_on, "state_votes", state="Taiwan")
    assert any("no vote for Taiwan" in info.value for info in at.info)


def test_picking_a_roll_call_opens_its_page(app_on: AppOn, subset: None) -> None:
    at = open_page(app_on, "state_votes", state="Russia")
    listed = frame_with(at, "short")
    row = listed["rcid"].tolist().index(4510)
    at.session_state["state_votes_roll_calls"] = {
        "selection": {"rows": [row], "columns": [], "cells": []}
    }
    run(at)
    assert at.selectbox(key="rcid").value == "4510"


# --- Roll call --------------------------------------------------------------------------


def test_roll_call_opens_on_the_plenary_vote_of_the_newest_tracked_resolution(
    app_on: AppOn,
) -> None:
    """A/RES/58/50, rcid 4494: 128 yes, 43 abstain, 4 no, as in press release GA/10217; the
    text is in the tracker; each State's tracked commitments beside its vote."""
    at = open_page(app_on, "roll_call", REAL_DATA)
    assert at.selectbox(key="rcid").value == "4494"
    assert metrics(at) == {"Yes": "128", "Abstain": "43", "No": "4"}
    assert_caveats(at, "en")
    assert any("holds the text of A/RES/58/50" in s.value for s in at.success)
    assert [(page, query) for _, page, query in page_links(at)] == [
        ("source_text", "symbol=A%2FRES%2F58%2F50"),
        ("commitments", "resolution=A%2FRES%2F58%2F50"),
    ]
    states = frame_with(at, "tracked").set_index("country")
    assert len(states) == 175
    assert states.loc["Russia", "vote"] == "No"
    assert "OP4:" in states.loc["Russia", "tracked"]
    assert states.loc["Namibia", "country_code"] == "NA"
    assert states.loc["Namibia", "tracked"] == "Not assessed by the tracker"


def test_a_repeat_is_shown_and_not_counted(app_on: AppOn) -> None:
    """rcid 5695 repeats 4379 (A/RES/57/58): said so, with the State whose row differs."""
    at = open_page(app_on, "roll_call", REAL_DATA, rcid="5695")
    assert any("repeats roll call 4379" in warning.value for warning in at.warning)
    differ = frame_with(at, "other_vote")
    assert differ.values.tolist() == [
        ["Mozambique", "Yes", "No row (absent, not voting or not a member)"]
    ]
    related = frame_with(at, "counted")
    assert related[["rcid", "counted"]].values.tolist() == [
        [4379, "Plenary vote on the whole text"],
        [5695, "Repeat of 4379: not counted"],
    ]


def test_a_resolution_the_tracker_does_not_hold(app_on: AppOn, subset: None) -> None:
    """The text is not in the tracker yet: said so, with the way to add it."""
    at = open_page(app_on, "roll_call", rcid="4510")
    assert any("Text not yet in the tracker: A/RES/58/51" in info.value for info in at.info)
    assert ("Add resolution", "add_resolution", "") in page_links(at)


def test_an_unreadable_symbol_is_not_linked(app_on: AppOn, subset: None) -> None:
    at = open_page(app_on, "roll_call", rcid="5924")
    assert any('"R/677/46" does not read' in info.value for info in at.info)


def test_roll_call_filters_states_by_vote(app_on: AppOn, subset: None) -> None:
    at = open_page(app_on, "roll_call", rcid="4494", rc_vote="yes")
    assert frame_with(at, "tracked")["country"].tolist() == ["Namibia"]
    assert in_url(at, "rc_vote") == ["yes"]


def test_roll_call_in_chinese(app_on: AppOn, subset: None) -> None:
    at = open_page(app_on, "roll_call", lang="中文", rcid="4494")
    assert at.title[0].value == "记录表决"
    assert_caveats(at, "zh")
    assert metrics(at) == {"赞成": "1", "弃权": "0", "反对": "4"}
    assert any("本工具已收录 A/RES/58/50 的案文" in s.value for s in at.success)


def test_picking_a_state_opens_its_voting_record(app_on: AppOn, subset: None) -> None:
    at = open_page(app_on, "roll_call", rcid="4494")
    states = frame_with(at, "tracked")
    at.session_state["roll_call_states"] = {
        "selection": {
            "rows": [states["country"].tolist().index("Namibia")],
            "columns": [],
            "cells": [],
        }
    }
    run(at)
    assert at.selectbox(key="state").value == "Namibia"


# --- links from other pages ---------------------------------------------------------------


def test_search_finds_a_roll_call(app_on: AppOn) -> None:
    at = open_page(app_on, "search", REAL_DATA, q="NON-STRATIGIC")
    links = page_links(at)
    assert ("roll_call", "rcid=4379") in {(page, query) for _, page, query in links}
    assert any(label.startswith("Roll call: **4379") for label, _, _ in links)


def test_a_commitment_links_to_how_every_state_voted(app_on: AppOn, subset: None) -> None:
    at = open_page(app_on, "commitments", commitment="A/RES/58/50:OP4")
    assert (
        "How every State voted on A/RES/58/50 (roll call 4494)",
        "roll_call",
        "rcid=4494",
    ) in page_links(at)


def test_actor_page_links_to_the_voting_record(app_on: AppOn, subset: None) -> None:
    at = open_page(app_on, "actors", scorecard="RUS")
    assert ("Voting record of Russia", "state_votes", "state=Russia") in page_links(at)


# --- no votes, broken votes ---------------------------------------------------------------


def test_without_vote_files_the_pages_say_so(
    app_on: AppOn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(votes_table.VOTES_ENV, str(tmp_path))
    for page in ("state_votes", "roll_call"):
        at = open_page(app_on, page)
        assert any("holds neither vote file" in info.value for info in at.info)


def test_a_broken_vote_file_is_located(
    app_on: AppOn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "votes"
    shutil.copytree(VOTES_FIXTURE, folder)
    path = folder / votes_table.VOTES_FILE
    path.write_bytes(path.read_bytes().replace(b"4494,France,FR,no", b"4494,France,FR,nein"))
    monkeypatch.setenv(votes_table.VOTES_ENV, str(folder))
    for page in ("state_votes", "roll_call", "export"):
        at = open_page(app_on, page)
        assert any(f"{path}:27: vote 'nein'" in error.value for error in at.error), page
