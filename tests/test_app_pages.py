"""The Commitments, Actors, Evidence, Source text, Methodology and Search pages through
Streamlit's AppTest: what each shows on the canonical fixture and on the bundled data, views
opened from the URL, the language switch, the as-of date, empty states and untrusted text."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import MINI, REAL_DATA, REPO, AppOn, run
from tests.test_checks import with_predecessor
from tests.test_loader import write_fixture_copy
from tracker.present import dashboard
from tracker.present.profile import actor_profile_html
from tracker.query.names import commitment_label
from tracker.source.loader import load_dataset

OP4 = "A/RES/58/50:OP4"
PAGES = ["commitments", "actors", "evidence", "source_text", "methodology", "search"]


def open_page(
    app_on: AppOn,
    page: str,
    data: Path = MINI,
    lang: str | None = None,
    as_of: str | None = None,
    **params: Any,
) -> AppTest:
    """The app opened on `page` with `params` in the URL, as a shared link opens it; then the
    language and the day chosen in the sidebar, as a reader would.

    (AppTest resets the sidebar's bound controls on `switch_page`, where a browser keeps
    them; the overview's tests cover those controls read from the URL.)
    """
    at = run(app_on(data))
    at.switch_page(f"pages/{page}.py")
    for name, value in params.items():
        at.query_params[name] = value
    run(at)
    if lang is not None:
        at.radio(key="lang").set_value({"中文": "zh", "English": "en"}[lang])
    if as_of is not None:
        at.date_input(key="as_of").set_value(dt.date.fromisoformat(as_of))
    return run(at) if lang or as_of else at


def decode_arrays(value: Any) -> Any:
    """Plotly JSON with its base64 `{"dtype", "bdata"}` arrays turned back into lists."""
    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            if "shape" in value:
                array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
            return array.tolist()
        return {key: decode_arrays(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode_arrays(item) for item in value]
    return value


def chart(at: AppTest, index: int) -> dict[str, Any]:
    """The figure of the `index`th plotly chart on the page, as plain JSON."""
    spec: dict[str, Any] = decode_arrays(json.loads(at.get("plotly_chart")[index].proto.spec))
    return spec


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page that has `column`."""
    for element in at.dataframe:
        value = element.value
        frame = value.data if hasattr(value, "data") else value  # a Styler holds its frame
        if column in frame.columns:
            return frame
    raise AssertionError(f"no table with a {column!r} column")


def has_table_with(at: AppTest, column: str) -> bool:
    try:
        frame_with(at, column)
    except AssertionError:
        return False
    return True


def in_url(at: AppTest, name: str) -> list[str]:
    """The values of a query parameter (AppTest gives a single one unwrapped)."""
    value = at.query_params.get(name, [])
    return value if isinstance(value, list) else [value]


def texts(at: AppTest) -> list[str]:
    return [element.value for element in [*at.markdown, *at.caption, *at.info, *at.header]]


def page_links(at: AppTest) -> list[tuple[str, str, str]]:
    """(label, page, query string) of each page link."""
    return [(p.proto.label, p.proto.page, p.proto.query_string) for p in at.main.get("page_link")]


# --- Commitments -------------------------------------------------------------------------


def test_commitments_list_every_commitment_by_default(app_on: AppOn) -> None:
    """With no widget touched the page lists every commitment with its status per actor,
    and asks the reader to pick one."""
    at = open_page(app_on, "commitments")
    assert at.title[0].value == "Commitments"
    table = frame_with(at, "changes")
    assert table["paragraph"].tolist() == ["OP4", "OP5", "OP10"]
    assert table.set_index("paragraph").loc["OP4", "status"] == "RUS: Regressing · USA: No progress"
    assert at.caption[0].value.startswith("3 of 3 commitments")
    assert "Choose a commitment here" in at.info[0].value


def test_bundled_data_lists_the_ten_operative_paragraphs_of_58_50(app_on: AppOn) -> None:
    """On the bundled data, A/RES/58/50 has its ten operative paragraphs as rows, in order,
    however many other resolutions the data holds."""
    at = open_page(app_on, "commitments", REAL_DATA, resolution="A/RES/58/50")
    data = load_dataset(REAL_DATA).dataset
    assert data is not None
    expected = [
        commitment_label(data, c)
        for c in sorted(data.commitments, key=lambda c: c.paragraph)
        if c.resolution == "A/RES/58/50"
    ]
    assert len(expected) == 10
    assert frame_with(at, "changes")["paragraph"].tolist() == expected


def test_link_shows_who_regressed_since_a_day(app_on: AppOn) -> None:
    """`?actor=RUS&change=worsened&since=2014-01-01` opens on exactly the commitments whose
    Russian status worsened since then, with the change that qualified each."""
    at = open_page(app_on, "commitments", actor="RUS", change="worsened", since="2014-01-01")
    assert at.multiselect(key="actor").value == ["RUS"]
    assert at.date_input(key="since").value == dt.date(2014, 1, 1)
    table = frame_with(at, "changes")
    assert table["paragraph"].tolist() == ["OP4"]
    assert table["changes"].tolist() == ["RUS 2023-06-16: No progress → Regressing"]
    assert at.caption[0].value.startswith("1 of 3 commitments")


def test_bundled_data_russia_since_2014_matches_the_core(app_on: AppOn) -> None:
    """The same link on the bundled data lists what the core's filter lists."""
    params = {"actor": "RUS", "change": "worsened", "since": "2014-01-01"}
    at = open_page(app_on, "commitments", REAL_DATA, **params)
    data = load_dataset(REAL_DATA).dataset
    assert data is not None
    filt = dashboard.CommitmentFilter(actors=("RUS",), change="worsened", since=dt.date(2014, 1, 1))
    expected = [
        commitment_label(data, c) for c in dashboard.filter_commitments(data, dt.date.today(), filt)
    ]
    assert expected
    assert frame_with(at, "changes")["paragraph"].tolist() == expected


def test_filters_that_match_nothing_explain_why(app_on: AppOn) -> None:
    at = open_page(app_on, "commitments", actor="USA", change="worsened")
    assert not has_table_with(at, "changes")
    assert "No commitment matches these filters" in at.info[0].value


def test_unknown_values_in_the_url_are_ignored(app_on: AppOn) -> None:
    """A link with values the data does not know opens the default view, not an error."""
    at = open_page(app_on, "commitments", actor="XYZ", change="sideways", since="not-a-date")
    assert at.multiselect(key="actor").value == []
    assert at.date_input(key="since").value is None
    assert frame_with(at, "changes")["paragraph"].tolist() == ["OP4", "OP5", "OP10"]


def test_commitment_record(app_on: AppOn) -> None:
    """The record: where it stands per actor and since when, every judgement newest first
    with its rationale in full (its evidence ids linked), each cited item linked to its
    source and a permalink; a timeline; the evidence; both texts; the criteria."""
    at = open_page(app_on, "commitments", commitment=OP4)
    assert at.header[0].value == "OP4 · Calls upon"
    shown = texts(at)
    assert any(text.startswith("Calls upon the Russian Federation") for text in shown)
    assert any(text.startswith("吁请俄罗斯联邦和美利坚合众国") for text in shown)
    standing = frame_with(at, "newest_evidence").set_index("actor")
    assert standing.loc["RUS", "since"] == dt.date(2023, 6, 16)
    assert frame_with(at, "grounds_zh")["grounds_zh"].tolist() == [
        "将总统核倡议正式定为法律文书",
        "法律文书",
    ]
    # Russia's judgements, newest first, then the United States'.
    moves = [text for text in shown if text.startswith(("2023\\-", "2003\\-"))]
    assert [text.split(" · ")[1] for text in moves] == [
        "Worsened",
        "First assessment",
        "Unchanged",  # the US correction, where the judgement it corrects stood
        "First assessment",
    ]
    sources = {e.id: e.source.url for e in load_dataset(MINI).dataset.evidence}  # type: ignore[union-attr]
    rationale = next(text for text in shown if text.startswith("Deployment abroad"))
    assert f"[E40]({sources['E40']})" in rationale
    cited = next(text for text in shown if text.startswith("Cited") and "E29" in text)
    assert f"({sources['E29']})" in cited and f"({sources['E40']})" in cited
    permalinks = [q for label, page, q in page_links(at) if "Permalink" in label]
    assert "assessment=AS-OP4-RUS-2023-06-16" in " ".join(permalinks)
    evidence = frame_with(at, "publisher")
    assert evidence["id"].tolist() == ["E40", "E29", "E01"]
    assert evidence["url"].str.startswith("http").all()
    timeline = chart(at, 0)
    assert {trace["name"] for trace in timeline["data"]} == {"Regressing", "No progress"}


def test_the_actor_filter_narrows_the_record(app_on: AppOn) -> None:
    """With ?actor=RUS (as a click on the Overview's matrix opens it) the standing, the
    timeline and the history are Russia's alone."""
    at = open_page(app_on, "commitments", commitment=OP4, actor="RUS")
    assert frame_with(at, "newest_evidence")["actor"].tolist() == ["RUS"]
    assert {row for trace in chart(at, 0)["data"] for row in trace["y"]} == {"RUS"}
    headings = [text for text in texts(at) if text.startswith("#### ")]
    assert headings == ["#### Russian Federation \\(RUS\\)"]


def test_a_permalink_opens_one_judgement_first(app_on: AppOn) -> None:
    at = open_page(app_on, "commitments", commitment=OP4, assessment="AS-OP4-USA-2003-12-08")
    assert (
        at.subheader[0].value
        == "Judgement AS\\-OP4\\-USA\\-2003\\-12\\-08 \\(United States of America\\)"
    )
    assert any(text.startswith("Voted against\\; no negotiation on record") for text in texts(at))


def test_a_permalink_to_another_commitments_judgement_says_so(app_on: AppOn) -> None:
    at = open_page(app_on, "commitments", commitment=OP4, assessment="AS-OP10-UNGA-2003-12-08")
    assert "is not in this record" in at.warning[0].value


def test_every_cited_evidence_id_is_a_link_on_its_record(app_on: AppOn) -> None:
    """On the bundled data, for each paragraph of A/RES/58/50, every evidence id that one of
    its judgements cites is a link to that item's source on the record."""
    data = load_dataset(REAL_DATA).dataset
    assert data is not None
    sources = {e.id: e.source.url for e in data.evidence}
    at = open_page(app_on, "commitments", REAL_DATA)
    for n in range(1, 11):
        ref = f"A/RES/58/50:OP{n}"
        at.selectbox(key="commitment").set_value(ref)
        run(at)
        cited = {e for a in data.assessments if a.commitment == ref for e in a.evidence}
        shown = " ".join(texts(at))
        missing = sorted(
            e for e in cited if f"[{e} · " not in shown or f"({sources[e]})" not in shown
        )
        assert missing == [], ref
        listed = set(frame_with(at, "publisher")["id"])
        assert cited <= listed, ref


def test_the_record_shows_a_correction_openly(app_on: AppOn) -> None:
    """The corrected US judgement stays on the record, struck through and labelled with who
    corrected it, when and why, beside the judgement that stands in its place; the status
    history says it is not counted."""
    at = open_page(app_on, "commitments", commitment=OP4)
    assert "Corrections of the record" in [sub.value for sub in at.subheader]
    [shown] = [text for text in texts(at) if text.startswith("**United States")]
    assert shown.startswith("**United States of America** · ~~2023-06-16 Regressing: ")
    assert "corrected by AS\\-OP4\\-USA\\-2023\\-06\\-16\\-2 on 2026\\-11\\-20" in shown
    assert "E40 reports Russian warheads in Belarus" in shown
    assert "Now: 2023-06-16 No progress: Still no negotiation" in shown
    standing = frame_with(at, "newest_evidence").set_index("actor")
    assert standing.loc["USA", "status"] == "No progress"


def test_a_record_without_corrections_has_no_such_part(app_on: AppOn) -> None:
    at = open_page(app_on, "commitments", commitment="A/RES/58/50:OP10")
    assert "Corrections of the record" not in [sub.value for sub in at.subheader]


def test_the_record_links_a_paragraph_and_its_successor_both_ways(
    app_on: AppOn, tmp_path: Path
) -> None:
    """A/RES/57/58 OP4 says it is carried forward as A/RES/58/50 OP4, which says it carries
    it forward; each links to the other's record."""
    data = write_fixture_copy(with_predecessor(), tmp_path)
    earlier = open_page(app_on, "commitments", data, commitment="A/RES/57/58:OP4")
    assert page_links(earlier)[0] == (
        "Carried forward as OP4 of A\\/RES\\/58\\/50",
        "commitments",
        "commitment=A%2FRES%2F58%2F50%3AOP4",
    )
    later = open_page(app_on, "commitments", data, commitment=OP4)
    assert page_links(later)[0] == (
        "Carries forward OP4 of A\\/RES\\/57\\/58",
        "commitments",
        "commitment=A%2FRES%2F57%2F58%3AOP4",
    )
    standing = frame_with(earlier, "newest_evidence").set_index("actor")
    assert standing.loc["RUS", "status"] == "Superseded"


def test_chinese_switch_shows_the_chinese_verb(app_on: AppOn) -> None:
    """Switching to 中文 turns the title, headers and record texts Chinese: 吁请 for OP4."""
    at = open_page(app_on, "commitments", commitment=OP4)
    at.radio(key="lang").set_value("zh")
    run(at)
    assert at.title[0].value == "承诺"
    assert frame_with(at, "changes").set_index("paragraph").loc["OP4", "verb"] == "吁请"
    assert at.header[0].value == "OP4 · 吁请"
    assert at.multiselect(key="actor").label == "行为体"


def test_language_switch_keeps_the_view(app_on: AppOn) -> None:
    """Filters, the record open and the day survive a language switch, whose labels they
    change."""
    at = open_page(app_on, "commitments", actor="RUS", status="regressing", commitment=OP4)
    at.date_input(key="as_of").set_value(dt.date(2024, 1, 1))
    run(at)
    at.radio(key="lang").set_value("zh")
    run(at)
    assert at.multiselect(key="actor").value == ["RUS"]
    assert at.multiselect(key="status").value == ["regressing"]
    assert at.selectbox(key="commitment").value == OP4
    assert at.date_input(key="as_of").value == dt.date(2024, 1, 1)
    assert frame_with(at, "changes")["paragraph"].tolist() == ["OP4"]


def test_chosen_filters_go_into_the_url(app_on: AppOn) -> None:
    """What the reader picks is written to the URL as ids, so the link reproduces it."""
    at = open_page(app_on, "commitments")
    at.multiselect(key="actor").select("RUS")
    at.multiselect(key="status").select("regressing")
    at.selectbox(key="commitment").select(OP4)
    run(at)
    assert in_url(at, "actor") == ["RUS"]
    assert in_url(at, "status") == ["regressing"]
    assert in_url(at, "commitment") == [OP4]
    at.multiselect(key="actor").unselect("RUS")
    run(at)
    assert in_url(at, "actor") == []


def test_as_of_hides_later_evidence_in_the_record(app_on: AppOn) -> None:
    """As of 2005-01-01 the record of OP4 lists no evidence dated later, and the status of
    that day."""
    at = open_page(app_on, "commitments", commitment=OP4, as_of="2005-01-01")
    assert frame_with(at, "publisher")["id"].tolist() == ["E01"]
    standing = frame_with(at, "newest_evidence").set_index("actor")
    assert standing.loc["RUS", "status"] == "No progress"


# --- Actors ------------------------------------------------------------------------------


def test_actors_overview_and_scorecard(app_on: AppOn) -> None:
    """Every actor in a table; the scorecard of the one picked: its commitments with status,
    ratings and trajectory, the trajectory chart, and its vote beside what it did."""
    at = open_page(app_on, "actors", scorecard="RUS")
    assert frame_with(at, "votes")["id"].tolist() == ["USA", "RUS", "GBR", "BLR", "UNGA"]
    assert at.header[1].value == "RUS · Russian Federation"
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Regressing commitments"] == "1"
    assert metrics["Awaiting assessment"] == "1"  # OP5
    card = frame_with(at, "trajectory").set_index("paragraph")
    assert card.loc["OP4", "status"] == "Regressing"
    assert card.loc["OP4", "verifiability"] == "Absent"
    assert card.loc["OP4", "transparency"] == "does not apply"
    assert card.loc["OP4", "trajectory"] == "No progress → Regressing"
    says = frame_with(at, "vote").set_index("resolution")
    assert says.loc["A/RES/58/50", "vote"] == "voted against"
    assert says.loc["A/RES/58/50", "regressing"] == 1
    assert chart(at, 0)["layout"]["title"]["text"].startswith("Russian Federation")
    offered = {button.proto.id.rsplit("-", 1)[-1] for button in at.get("download_button")}
    assert "actor_profile_html" in offered


def test_actors_side_by_side(app_on: AppOn) -> None:
    """Two actors compared: per paragraph each one's status and criterion ratings, empty
    where the paragraph does not address it; and how each voted."""
    at = open_page(app_on, "actors", compare=["RUS", "UNGA"])
    table = frame_with(at, "RUS:status").set_index("paragraph")
    assert table.loc["OP4", "RUS:status"] == "Regressing"
    assert table.loc["OP4", "RUS:ratings"] == "V Absent · I Absent"
    assert table.loc["OP4", "UNGA:status"] == ""
    assert table.loc["OP10", "UNGA:status"] == "Not yet assessed"
    votes = frame_with(at, "UNGA").set_index("resolution")
    assert votes.loc["A/RES/58/50", "RUS"] == "voted against"
    assert any("T Transparency" in caption.value for caption in at.caption)


def test_one_actor_is_not_a_comparison(app_on: AppOn) -> None:
    at = open_page(app_on, "actors", compare="RUS")
    assert not has_table_with(at, "RUS:status")
    assert any("at least two actors" in caption.value for caption in at.caption)


def test_the_actor_profile_is_offered_and_names_what_it_holds() -> None:
    """The profile's HTML: the actor, its status chips, a table per resolution with each
    paragraph's status, ratings and sources, and its vote beside what it did."""
    data = load_dataset(REAL_DATA).dataset
    assert data is not None
    votes = dashboard.read_votes(data, REPO)
    document = actor_profile_html(data, "RUS", dt.date(2026, 12, 7), "en", votes)
    assert '<html lang="en">' in document
    assert "<h1>Russian Federation (RUS)</h1>" in document
    assert "<h3>A/RES/58/50 · Reduction of non-strategic nuclear weapons</h3>" in document
    assert "A/RES/57/58 is superseded by A/RES/58/50 since 2003-12-08" in document
    assert document.count('<th scope="col">Status</th>') == 2
    assert "plotly" not in document.lower()
    zh = actor_profile_html(data, "RUS", dt.date(2026, 12, 7), "zh", votes)
    assert '<html lang="zh-Hans">' in zh and "<h1>俄罗斯联邦 (RUS)</h1>" in zh


def test_actor_no_commitment_addresses(app_on: AppOn) -> None:
    """Belarus: no scorecard to show, said so, and its abstention still shown."""
    at = open_page(app_on, "actors", scorecard="BLR")
    assert any("No commitment addresses BLR" in info.value for info in at.info)
    assert frame_with(at, "vote").loc[0, "vote"] == "abstained"


def test_actors_page_in_chinese(app_on: AppOn) -> None:
    at = open_page(app_on, "actors", scorecard="RUS", lang="中文")
    assert at.header[1].value == "RUS · 俄罗斯联邦"
    assert frame_with(at, "trajectory").loc[0, "status"] == "倒退"
    assert frame_with(at, "vote").loc[0, "vote"] == "投反对票"


# --- Evidence ----------------------------------------------------------------------------


def test_evidence_table_then_timeline_on_asking(app_on: AppOn) -> None:
    """Every item known today, newest first, in a table; the timeline is drawn only when
    asked for, by its switch or by a link (`?ev_timeline=true`)."""
    at = open_page(app_on, "evidence")
    assert frame_with(at, "publisher")["id"].tolist() == ["E40", "E29", "E01"]
    assert not at.get("plotly_chart")
    at.toggle(key="ev_timeline").set_value(True)
    assert len(run(at).get("plotly_chart")) == 1
    at = open_page(app_on, "evidence", ev_timeline="true")
    assert at.toggle(key="ev_timeline").value
    assert frame_with(at, "publisher")["id"].tolist() == ["E40", "E29", "E01"]
    assert at.caption[0].value.startswith("3 of 3 evidence items")
    markers = [t for t in chart(at, 0)["data"] if t["x"] != [None]]
    assert sorted(hover[3:6] for t in markers for hover in t["customdata"]) == [
        "E01",
        "E01",
        "E29",
        "E40",
    ]


def test_evidence_timeline_carries_its_own_look(app_on: AppOn) -> None:
    """The timeline, drawn anew after every filter change, is sent without Streamlit's theme
    (which the browser would apply by drawing it a second time) but with the theme's look:
    its fonts, a bold title on the left, no template, arrays marked as never changed."""
    at = open_page(app_on, "evidence", ev_timeline="true")
    element = at.get("plotly_chart")[0].proto
    assert element.theme == ""
    layout = chart(at, 0)["layout"]
    assert "template" not in layout
    assert layout["datarevision"] == 1
    assert layout["title"]["text"] == "<b>3 evidence item(s) by date and commitment</b>"
    assert layout["title"]["x"] == 0
    assert layout["font"]["family"] == '"Source Sans", sans-serif'
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "rgba(0,0,0,0)"


def test_evidence_as_of_shows_nothing_dated_later(app_on: AppOn) -> None:
    """As of 2005-01-01 no item dated later is listed or plotted."""
    at = open_page(app_on, "evidence", as_of="2005-01-01", ev_timeline="true")
    table = frame_with(at, "publisher")
    assert table["id"].tolist() == ["E01"]
    assert all(date <= "2005-01-01" for date in table["date"])
    plotted = {t["x"][0] for t in chart(at, 0)["data"] if t["x"] != [None]}
    assert plotted == {"2003-12-08"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"ev_source": "press"}, ["E40"]),
        ({"ev_actor": "BLR"}, ["E40"]),
        ({"ev_criterion": "verifiability"}, ["E29"]),
        ({"ev_confidence": "high"}, ["E29", "E01"]),
        ({"ev_commitment": "A/RES/58/50:OP10"}, ["E01"]),
        ({"ev_from": "2012-08-01", "ev_to": "2020-01-01"}, ["E29"]),
    ],
)
def test_evidence_filters_from_the_url(
    app_on: AppOn, params: dict[str, str], expected: list[str]
) -> None:
    at = open_page(app_on, "evidence", **params)
    assert frame_with(at, "publisher")["id"].tolist() == expected


def test_evidence_commitment_filter_lists_only_the_chosen_resolutions_paragraphs(
    app_on: AppOn,
) -> None:
    """The commitment filter lists nothing until a resolution is chosen, then that resolution's
    paragraphs; the resolution alone keeps the evidence on any of its paragraphs; both are in
    the URL."""
    data = load_dataset(REAL_DATA).dataset
    at = open_page(app_on, "evidence", REAL_DATA)
    assert at.multiselect(key="ev_commitment").options == []
    at.selectbox(key="ev_resolution").select("A/RES/57/58")
    run(at)
    assert at.query_params["ev_resolution"] == "A/RES/57/58"
    paragraphs = [c for c in data.commitments if c.resolution == "A/RES/57/58"]
    assert at.multiselect(key="ev_commitment").options == [
        commitment_label(data, c) for c in sorted(paragraphs, key=lambda c: c.paragraph)
    ]

    def bearing_on(refs: set[str]) -> set[str]:
        return {item.id for item in data.evidence if refs.intersection(item.commitments)}

    assert set(frame_with(at, "publisher")["id"]) == bearing_on({c.id for c in paragraphs})
    chosen = next(c.id for c in paragraphs if bearing_on({c.id}))
    at.multiselect(key="ev_commitment").select(chosen)
    run(at)
    assert at.query_params["ev_commitment"] == chosen
    assert set(frame_with(at, "publisher")["id"]) == bearing_on({chosen})


@pytest.mark.parametrize("lang", ["English", "中文"])
def test_evidence_link_naming_a_commitment_reproduces_the_view(app_on: AppOn, lang: str) -> None:
    """A link naming a commitment (the Commitments page's, a shared one) filters by it with no
    resolution chosen, in either language; its label is the only option listed."""
    data = load_dataset(REAL_DATA).dataset
    named = next(c for c in data.commitments if c.id == "A/RES/57/58:OP2")
    at = open_page(app_on, "evidence", REAL_DATA, lang=lang, ev_commitment=named.id)
    box = at.multiselect(key="ev_commitment")
    assert box.value == [named.id]
    assert box.options == [commitment_label(data, named)]
    kept = dashboard.EvidenceFilter(commitments=(named.id,))
    expected = [item.id for item in dashboard.filter_evidence(data, dt.date.today(), kept)]
    assert expected
    assert frame_with(at, "publisher")["id"].tolist() == expected
    assert at.query_params["ev_commitment"] == named.id
    assert "ev_resolution" not in at.query_params


def test_evidence_filters_that_match_nothing_explain_why(app_on: AppOn) -> None:
    at = open_page(app_on, "evidence", ev_direction="progress")
    assert not at.get("plotly_chart")
    assert "No evidence matches these filters" in at.info[0].value


def test_evidence_item_opens_with_a_link_to_its_source(app_on: AppOn) -> None:
    at = open_page(app_on, "evidence", ev_item="E40")
    assert at.header[0].value == "E40 · 2023-06-16"
    buttons = at.get("link_button")
    assert [button.proto.url for button in buttons] == [
        "https://www.pravda.com.ua/eng/news/2023/06/16/7407202/"
    ]
    assert any("Ukrainska Pravda" in text for text in texts(at))


def test_evidence_item_after_the_as_of_date_is_not_opened(app_on: AppOn) -> None:
    at = open_page(app_on, "evidence", ev_item="E40", as_of="2005-01-01")
    assert not at.header
    assert at.selectbox(key="ev_item").value is None


def test_untrusted_text_is_shown_as_text(
    app_on: AppOn, mini_text: str, write_data: Callable[[str], Path]
) -> None:
    """Markdown and HTML in the data are shown literally: no link, no markup is made."""
    hostile = "**Bold** [click](https://evil.example) <b>x</b> :red[alarm]"
    text = mini_text.replace(
        "Russia's President said the first Russian tactical nuclear warheads had reached Belarus.",
        f"'{hostile}'",  # quoted: YAML would read a leading * as an alias
    )
    assert hostile in text
    at = open_page(app_on, "evidence", write_data(text), ev_item="E40")
    assert not at.error
    shown = [value for value in texts(at) if "click" in value]
    assert shown == [
        r"\*\*Bold\*\* \[click\]\(https\:\/\/evil\.example\) \<b\>x\<\/b\> \:red\[alarm\]"
    ]


# --- Source text -------------------------------------------------------------------------


def test_source_text_links_each_operative_paragraph_to_its_record(app_on: AppOn) -> None:
    at = open_page(app_on, "source_text")
    shown = texts(at)
    assert any(text.startswith("*Recalling* its resolutions") for text in shown)
    assert any(text.endswith("under its article VI\\, \\[1\\]") for text in shown)
    assert any(text.startswith("**4.** *Calls upon* the Russian Federation") for text in shown)
    assert any("RUS\\: Regressing · USA\\: No progress" in text for text in shown)
    assert page_links(at) == [
        ("Open the record of OP4", "commitments", "commitment=A%2FRES%2F58%2F50%3AOP4"),
        ("Open the record of OP5", "commitments", "commitment=A%2FRES%2F58%2F50%3AOP5"),
        ("Open the record of OP10", "commitments", "commitment=A%2FRES%2F58%2F50%3AOP10"),
    ]


def test_bundled_source_text_has_the_ten_operative_paragraphs(app_on: AppOn) -> None:
    at = open_page(app_on, "source_text", REAL_DATA, symbol="A/RES/58/50")
    assert len(page_links(at)) == 10


def test_source_text_in_chinese(app_on: AppOn) -> None:
    at = open_page(app_on, "source_text", lang="中文")
    assert any(text.startswith("**4.** *吁请*俄罗斯联邦") for text in texts(at))


# --- Methodology -------------------------------------------------------------------------


def test_methodology_reads_its_scales_from_the_data(app_on: AppOn) -> None:
    at = open_page(app_on, "methodology", lang="中文")
    data = load_dataset(MINI).dataset
    assert data is not None
    statuses = frame_with(at, "used")
    ordered = sorted(data.methodology.statuses, key=lambda level: level.order)
    assert statuses["label"].tolist() == [level.label.zh for level in ordered]
    assert statuses["used"].sum() == 6  # every (commitment, actor) pair once
    assert any("尚未评估" in caption.value for caption in at.caption)
    assert len(at.dataframe) == 6


def test_methodology_explains_corrections_and_the_statuses_set_apart(app_on: AppOn) -> None:
    """The page says how a correction is recorded and counted, and that 'not applicable' and
    'superseded' are neither judgements of progress nor backlog."""
    at = open_page(app_on, "methodology")
    assert any(text.startswith("Corrections\\: a judgement found wrong") for text in texts(at))
    [apart] = [c.value for c in at.caption if "stand apart as well" in c.value]
    assert "Not applicable" in apart and "Superseded" in apart
    assert "neither a judgement of progress nor a backlog" in apart


# --- Search ------------------------------------------------------------------------------


def test_search_finds_and_links_records(app_on: AppOn) -> None:
    """'Belarus' finds the actor first, then the evidence; each hit links to its record and
    shows the words highlighted."""
    at = open_page(app_on, "search", q="Belarus")
    links = page_links(at)
    assert links[0] == ("Actor: **BLR · Belarus**", "actors", "scorecard=BLR")
    assert ("evidence", "ev_item=E40") in {(page, query) for _, page, query in links}
    assert any(":orange-background[Belarus]" in markdown.value for markdown in at.markdown)


def test_a_judgement_found_by_its_rationale_opens_at_its_permalink(app_on: AppOn) -> None:
    """'Deployment abroad' is in Russia's 2023 rationale on OP4: the hit opens the record of
    OP4 with that judgement first."""
    at = open_page(app_on, "search", q="Deployment abroad")
    # The US judgement of that day repeated it by mistake: corrected since, still on record.
    found = {query: (label, page) for label, page, query in page_links(at)}
    label, page = found["assessment=AS-OP4-RUS-2023-06-16&commitment=A%2FRES%2F58%2F50%3AOP4"]
    assert label.startswith("Judgement: **OP4 · RUS · 2023\\-06\\-16")  # escaped markdown
    assert page == "commitments"
    assert "assessment=AS-OP4-USA-2023-06-16&commitment=A%2FRES%2F58%2F50%3AOP4" in found


def test_a_corrected_judgements_permalink_opens_it_with_its_correction(app_on: AppOn) -> None:
    at = open_page(app_on, "commitments", commitment=OP4, assessment="AS-OP4-USA-2023-06-16")
    assert not at.warning
    shown = " ".join(texts(at))
    assert "~~2023-06-16 Regressing: " in shown
    assert "corrected by AS\\-OP4\\-USA\\-2023\\-06\\-16\\-2" in shown


def test_search_in_chinese(app_on: AppOn) -> None:
    """A hit opens its record in the language of the search (the link keeps `lang`)."""
    at = open_page(app_on, "search", q="吁请", lang="中文")
    assert page_links(at)[0][1:] == (
        "commitments",
        "lang=%E4%B8%AD%E6%96%87&commitment=A%2FRES%2F58%2F50%3AOP4",
    )
    assert any(":orange-background[吁请]" in markdown.value for markdown in at.markdown)


def test_search_query_is_never_markup(app_on: AppOn) -> None:
    at = open_page(app_on, "search", q="[x](javascript:alert(1))")
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in at.info[0].value


def test_empty_search_offers_examples(app_on: AppOn) -> None:
    at = open_page(app_on, "search")
    assert [query for _, _, query in page_links(at)] == [
        "q=Belarus",
        "q=B61",
        "q=%E9%80%8F%E6%98%8E",
    ]


# --- every page --------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_data_problems_are_shown_not_raised(
    app_on: AppOn, page: str, mini_text: str, write_data: Callable[[str], Path]
) -> None:
    # Russia's 2023 judgement cites E99 instead of E40, which its rationale still names.
    at = open_page(app_on, page, write_data(mini_text.replace("  - E40\n", "  - E99\n", 1)))
    assert at.error
    codes = frame_with(at, "code")["code"].tolist()
    assert codes == ["uncited-in-rationale", "dangling-reference"]


# --- Large data --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic data with more evidence than the Evidence page lists at once."""
    from tracker.source.synth import Size, write_synthetic

    path = tmp_path_factory.mktemp("large") / "large.yaml"
    size = Size(commitments=40, actors=10, assessments=300, evidence=dashboard.EVIDENCE_PAGE + 80)
    write_synthetic(size, 5, path)
    return path


def plotted_ids(at: AppTest) -> set[str]:
    """The evidence ids of the timeline's markers (each hover label starts '<b>ID</b>')."""
    return {
        hover[3:].split("<")[0] for t in chart(at, 0)["data"] for hover in t.get("customdata") or []
    }


def test_evidence_beyond_a_page_is_paged_and_still_opens(app_on: AppOn, large_data: Path) -> None:
    """With more matching items than a page holds, the page shows the newest EVIDENCE_PAGE in
    the timeline, the table and the picker, and which they are of how many; "next" shows the
    following ones and puts the page in the URL; an older item linked from elsewhere opens."""
    data = load_dataset(large_data).dataset
    assert data is not None
    today = dt.date.today()
    known = dashboard.filter_evidence(data, today, dashboard.EvidenceFilter())
    size = dashboard.EVIDENCE_PAGE
    assert size < len(known) <= 2 * size
    oldest = known[-1]
    at = open_page(app_on, "evidence", data=large_data, ev_item=oldest.id, ev_timeline="true")
    assert frame_with(at, "publisher")["id"].tolist() == [e.id for e in known[:size]]
    assert f"1–{size} of {len(known)}" in [caption.value for caption in at.caption]
    assert oldest.id not in plotted_ids(at) and len(plotted_ids(at)) <= size
    assert len(at.selectbox(key="ev_item").options) == size + 1
    assert at.header[0].value == f"{oldest.id} · {oldest.date}"
    assert at.button(key="ev_page_previous").disabled

    at.button(key="ev_page_next").click()
    run(at)
    assert frame_with(at, "publisher")["id"].tolist() == [e.id for e in known[size:]]
    assert f"{size + 1}–{len(known)} of {len(known)}" in [caption.value for caption in at.caption]
    assert oldest.id in plotted_ids(at)
    assert at.query_params["ev_page"] == "2"
    assert at.button(key="ev_page_next").disabled


def test_a_linked_page_opens_and_a_filter_change_goes_back_to_the_first(
    app_on: AppOn, large_data: Path
) -> None:
    """`?ev_page=2` opens the second page; a page that does not exist opens the first; picking
    a filter value shows the first page of what matches and drops the page from the URL."""
    data = load_dataset(large_data).dataset
    assert data is not None
    known = dashboard.filter_evidence(data, dt.date.today(), dashboard.EvidenceFilter())
    size = dashboard.EVIDENCE_PAGE
    at = open_page(app_on, "evidence", data=large_data, ev_page="2")
    assert frame_with(at, "publisher")["id"].tolist() == [e.id for e in known[size:]]
    for wrong in ("9", "0", "²", "two"):
        beyond = open_page(app_on, "evidence", data=large_data, ev_page=wrong)
        assert frame_with(beyond, "publisher")["id"].tolist() == [e.id for e in known[:size]]

    direction = known[0].direction
    at.multiselect(key="ev_direction").select(direction)
    run(at)
    wanted = dashboard.EvidenceFilter(directions=(direction,))
    matching = dashboard.filter_evidence(data, dt.date.today(), wanted)
    assert frame_with(at, "publisher")["id"].tolist() == [e.id for e in matching[:size]]
    assert "ev_page" not in at.query_params


def test_cite_this_on_a_judgement_gives_its_reference_with_its_permalink(
    app_on: AppOn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each judgement of a record can be cited: on a click, its reference (APA, with the
    permalink that opens it first) and its files; no reference is made before the click."""
    monkeypatch.setenv("TRACKER_BASE_URL", "https://tracker.example.org/")
    at = open_page(app_on, "commitments", commitment=OP4)
    assert not at.code
    at.button(key="cite_AS_OP4_RUS_2023_06_16").click()
    run(at)
    [reference] = [block.value for block in at.code]
    assert reference.startswith(
        "test fixture. (2023). Assessment of A/RES/58/50 OP4 for Russian Federation: Regressing."
    )
    assert reference.endswith(
        "https://tracker.example.org/commitments?commitment=A/RES/58/50:OP4"
        "&assessment=AS-OP4-RUS-2023-06-16&as_of=2023-06-16"
    )
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["CSL-JSON", "BibTeX", "RIS"]
