"""The overview page through Streamlit's AppTest: real content on the bundled data and on the
canonical fixture, the language and as-of controls, and data problems shown, never raised."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import MINI, REAL_DATA, REPO, AppOn, run
from ui.routes import ROUTES

# The bundled data tracks A/RES/58/50 and its predecessor A/RES/57/58, superseded by it: the
# matrix shows the resolution in force (its rows need no symbol), the predecessor collapsed.
BUNDLED_ROWS = [f"OP{n}" for n in range(1, 11)]
STATUS_MATRIX = "overview_status_matrix"
CRITERIA_MATRIX = "overview_criteria_matrix"
STATUS_OVER_TIME = "overview_status_over_time"


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


def chart(at: AppTest, key: str | int) -> dict[str, Any]:
    """The figure of the chart with this key (or at this position) as JSON."""
    charts = at.get("plotly_chart")
    found = (
        charts[key]
        if isinstance(key, int)
        else next(c for c in charts if c.proto.id.endswith(f"-{key}"))
    )
    spec: dict[str, Any] = decode_arrays(json.loads(found.proto.spec))
    return spec


def cell(at: AppTest, row: str, column: str) -> str:
    """The text of one cell of the status matrix (its column: the actor's id in English,
    its name in Chinese)."""
    heatmap = chart(at, STATUS_MATRIX)["data"][0]
    text: str = heatmap["text"][heatmap["y"].index(row)][heatmap["x"].index(column)]
    return text


def plain(markdown: str) -> str:
    """Markdown escaped by `escape_markdown` as the text it renders."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_fixture_overview_has_one_matrix_row_per_commitment(app_on: AppOn) -> None:
    """On the canonical fixture, the matrices have one row per commitment in paragraph order."""
    at = run(app_on(MINI))
    assert at.title[0].value == "Overview"
    assert len(at.get("plotly_chart")) == 3
    assert chart(at, STATUS_MATRIX)["data"][0]["y"] == ["OP4", "OP5", "OP10"]
    assert chart(at, STATUS_MATRIX)["data"][0]["x"] == ["USA", "RUS", "GBR", "UNGA"]
    assert cell(at, "OP5", "GBR") == "Not applicable"
    assert {trace["y"][0] for trace in chart(at, CRITERIA_MATRIX)["data"]} == {"OP4"}
    assert list(at.dataframe[0].value["paragraph"]) == ["OP4", "OP5", "OP10"]


def test_fixture_headline_counts(app_on: AppOn) -> None:
    """The headline counts commitments, actors and pairs of the fixture as of today, and
    names the judgement that rests on the oldest evidence; the pair that is not applicable
    is left out of the shares, and the page says so."""
    at = run(app_on(MINI))
    metrics = {metric.label: metric.value for metric in at.metric}
    captions = [plain(caption.value) for caption in at.caption]
    assert metrics["Commitments"] == "3"
    assert "6 (commitment, actor) pairs, 4 actors" in captions
    # Judged: RUS and USA on OP4; GBR on OP5 is not applicable; three not yet assessed.
    assert metrics["Pairs judged"] == "2 of 6"
    assert metrics["Share regressing"] == "50%"  # RUS on OP4, of the 2 judged pairs
    assert "1 of 2 judged, 3 not yet assessed" in captions
    assert metrics["Newest evidence"] == "2023-06-16"
    # Both OP4 judgements in force are of 2023-06-16 (RUS first); the US one, a correction,
    # cites E29 of August 2012 alone.
    age = (dt.date.today() - dt.date(2023, 6, 16)).days
    assert metrics["Oldest judgement"] == f"{age} days"
    basis = (dt.date.today() - dt.date(2012, 8, 1)).days
    assert metrics["Oldest evidence basis"] == f"{basis} days"
    helps = {metric.label: metric.help for metric in at.metric}
    assert "Not in the denominator: 3 pairs not yet assessed" in helps["Share regressing"]
    assert "The age of evidence, not of a judgement" in helps["Oldest evidence basis"]


def test_bundled_data_overview_shows_the_ten_commitments(app_on: AppOn) -> None:
    """The bundled commitments.yaml renders a status matrix with the ten paragraphs of
    A/RES/58/50, and the eight of its predecessor A/RES/57/58, as its rows.

    Fails whenever commitments.yaml does not validate: the page then lists the problems.
    """
    at = run(app_on(REAL_DATA))
    assert not at.error, at.dataframe[0].value.to_string() if at.dataframe else at.error
    assert chart(at, STATUS_MATRIX)["data"][0]["y"] == BUNDLED_ROWS
    assert "A/RES/58/50" in chart(at, STATUS_MATRIX)["layout"]["title"]["text"]
    assert list(at.dataframe[0].value["paragraph"]) == [f"A/RES/58/50 {r}" for r in BUNDLED_ROWS]
    [collapsed] = at.expander
    assert plain(collapsed.label).startswith("A/RES/57/58, superseded by A/RES/58/50 on 2003-12-08")


def test_bundled_predecessor_is_neither_backlog_nor_inaction(app_on: AppOn) -> None:
    """A/RES/57/58, carried forward by A/RES/58/50, reads 'Superseded' (or its judgement):
    none of its cells reads 'Not yet assessed' (backlog) or 'No progress' (inaction)."""
    at = run(app_on(REAL_DATA))
    heatmap = chart(at, "overview_superseded_A_RES_57_58")["data"][0]
    cells = [text for row in heatmap["text"] for text in row if text]
    assert cells and "Superseded" in cells
    assert not {"Not yet assessed", "No progress"} & set(cells)


def test_bundled_data_renders_or_lists_its_problems(app_on: AppOn) -> None:
    """Whatever state commitments.yaml is in, the page shows the overview or its problems,
    each located in the file, and never an exception."""
    at = run(app_on(REAL_DATA))
    if at.error:
        locations = at.dataframe[0].value["location"]
        assert all(loc.startswith("commitments.yaml:") for loc in locations)
        assert all(int(loc.split(":")[1]) > 0 for loc in locations)
    else:
        assert len(at.get("plotly_chart")) == 4  # with A/RES/57/58's, collapsed


def test_language_switch_shows_chinese(app_on: AppOn) -> None:
    """Switching to 中文 gives the Chinese verb of OP4 (吁请), Chinese labels and headers."""
    at = run(app_on(MINI))
    at.radio(key="lang").set_value("zh")
    run(at)
    assert at.title[0].value == "概览"
    table = at.dataframe[0].value.set_index("paragraph")
    assert table.loc["OP4", "verb"] == "吁请"
    assert cell(at, "OP4", "俄罗斯联邦") == "倒退"
    assert "可核查" in chart(at, CRITERIA_MATRIX)["layout"]["annotations"][1]["text"]


@pytest.mark.parametrize(
    ("day", "rus_on_op4"),
    [
        (dt.date(2003, 12, 8), "No progress"),
        (dt.date(2005, 1, 1), "No progress"),
        (dt.date(2023, 6, 15), "No progress"),
        (dt.date(2023, 6, 16), "Regressing"),
    ],
)
def test_as_of_shows_the_status_of_that_day(app_on: AppOn, day: dt.date, rus_on_op4: str) -> None:
    """Choosing an as-of day shows the status in force on that day, from the history."""
    at = run(app_on(MINI))
    at.date_input(key="as_of").set_value(day)
    run(at)
    assert cell(at, "OP4", "RUS") == rus_on_op4
    assert day.isoformat() in chart(at, STATUS_MATRIX)["layout"]["title"]["text"]


def test_view_comes_from_the_url(app_on: AppOn) -> None:
    """A shared link (?lang=中文&as_of=2005-01-01) opens on that language and day."""
    at = app_on(MINI)
    at.query_params["lang"] = "中文"
    at.query_params["as_of"] = "2005-01-01"
    run(at)
    assert at.radio(key="lang").value == "zh"
    assert at.date_input(key="as_of").value == dt.date(2005, 1, 1)
    assert cell(at, "OP4", "俄罗斯联邦") == "无进展"


def test_language_switch_keeps_the_day(app_on: AppOn) -> None:
    """Changing the language does not reset the as-of day (whose label it translates)."""
    at = run(app_on(MINI))
    at.date_input(key="as_of").set_value(dt.date(2005, 1, 1))
    run(at)
    at.radio(key="lang").set_value("zh")
    run(at)
    assert at.date_input(key="as_of").value == dt.date(2005, 1, 1)


def test_every_page_script_has_a_route() -> None:
    """Each script in pages/ is in the route table (and so in the navigation), and each
    route's script exists: no page is reachable only by the legacy pages/ folder."""
    scripts = sorted(f"pages/{page.name}" for page in (REPO / "pages").glob("*.py"))
    assert sorted(route.script for route in ROUTES) == scripts


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def cites_e99(text: str) -> str:
    """The fixture with Russia's 2023 judgement citing and naming E99, which does not exist."""
    text = text.replace("  - E29\n  - E40\n", "  - E29\n  - E99\n", 1)
    return text.replace("negotiation (E40).", "negotiation (E99).", 1).replace(
        "谈判（E40）。", "谈判（E99）。", 1
    )


def problems_shown(at: AppTest) -> set[tuple[str, int]]:
    table = at.dataframe[0].value
    located = zip(table["code"], table["location"], strict=True)
    return {(code, int(location.rsplit(":", 2)[1])) for code, location in located}


def test_problems_are_listed_with_lines_and_edits_are_seen(
    app_on: AppOn, mini_text: str, write_data: Callable[[str], Path]
) -> None:
    """A file with a duplicate key and a dangling reference shows its problems with their
    lines, no exception; each edit of the file is seen on the next run, never a stale load."""
    dangling = cites_e99(mini_text)
    both = dangling.replace("  kind: un_organ\n", "  kind: un_organ\n  kind: state\n")
    path = write_data(both)
    at = run(app_on(path))
    # A duplicate key is reported and the rest of the file is still checked.
    assert problems_shown(at) == {
        ("duplicate-key", line_of(both, "kind: un_organ") + 1),
        ("dangling-reference", line_of(both, "- E99")),
    }
    assert "2 problem(s)" in at.error[0].value
    assert not at.get("plotly_chart")

    path.write_text(dangling, encoding="utf-8")
    run(at)
    assert problems_shown(at) == {("dangling-reference", line_of(dangling, "- E99"))}

    path.write_text(mini_text, encoding="utf-8")
    run(at)
    assert not at.error
    assert chart(at, STATUS_MATRIX)["data"][0]["y"] == ["OP4", "OP5", "OP10"]


def test_missing_file_is_a_problem_not_a_crash(app_on: AppOn, tmp_path: Path) -> None:
    """A data path that does not exist is reported as an unreadable file."""
    at = run(app_on(tmp_path / "absent.yaml"))
    assert [code for code, _ in problems_shown(at)] == ["file-unreadable"]


def test_problems_are_shown_in_chinese(
    app_on: AppOn, mini_text: str, write_data: Callable[[str], Path]
) -> None:
    """The problem list speaks the chosen language; the problem codes stay as they are."""
    at = app_on(write_data(cites_e99(mini_text)))
    at.query_params["lang"] = "中文"
    run(at)
    assert "个问题" in at.error[0].value
    assert [code for code, _ in problems_shown(at)] == ["dangling-reference"]


def test_many_paragraphs_show_one_resolution_per_matrix(app_on: AppOn, tmp_path: Path) -> None:
    """Above MATRIX_ROWS paragraphs, the matrices show the resolution picked (the newest
    first) and say so; the table below still lists every paragraph."""
    from tracker.present.charts import MATRIX_ROWS
    from tracker.source.loader import load_dataset
    from tracker.source.synth import Size, write_synthetic

    path = tmp_path / "many.yaml"
    write_synthetic(
        Size(commitments=MATRIX_ROWS + 30, actors=10, assessments=400, evidence=50), 2, path
    )
    data = load_dataset(path).dataset
    assert data is not None
    newest = max(data.resolutions, key=lambda r: r.adopted)
    paragraphs = [c for c in data.commitments if c.resolution == newest.symbol]
    at = run(app_on(path))
    picker = at.selectbox(key="matrix_resolution")
    assert picker.value == newest.symbol
    assert any(f"{len(paragraphs)} paragraphs" in caption.value for caption in at.caption)
    rows = chart(at, 0)["data"][0]["y"]
    assert sorted(rows) == sorted(f"OP{c.paragraph}" for c in paragraphs)
    assert newest.symbol in chart(at, 0)["layout"]["title"]["text"]
    assert len(at.dataframe[0].value) == len(data.commitments)
    other = next(r for r in data.resolutions if r.symbol != newest.symbol)
    picker.set_value(other.symbol)
    run(at)
    assert other.symbol in chart(at, 0)["layout"]["title"]["text"]


def test_too_many_paragraphs_for_the_table_list_the_matrices_resolution(
    app_on: AppOn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above SUMMARY_ROWS paragraphs, the table at the foot lists those of the resolution the
    matrices show, follows the picker, and says so (pointing to the Commitments page)."""
    from tracker.present import charts
    from tracker.source.loader import load_dataset
    from tracker.source.synth import Size, write_synthetic

    monkeypatch.setattr(charts, "SUMMARY_ROWS", charts.MATRIX_ROWS)
    path = tmp_path / "many.yaml"
    write_synthetic(
        Size(commitments=charts.MATRIX_ROWS + 30, actors=10, assessments=400, evidence=50), 2, path
    )
    data = load_dataset(path).dataset
    assert data is not None
    at = run(app_on(path))
    for symbol in (at.selectbox(key="matrix_resolution").value, data.resolutions[0].symbol):
        at.selectbox(key="matrix_resolution").set_value(symbol)
        run(at)
        paragraphs = [c for c in data.commitments if c.resolution == symbol]
        table = at.dataframe[0].value
        assert len(table) == len(paragraphs)
        assert set(table["paragraph"]) == {f"{symbol} OP{c.paragraph}" for c in paragraphs}
        note = f"{len(data.commitments)} paragraphs are too many for one table here"
        assert any(note in c.value and "Commitments page" in c.value for c in at.caption)


def test_before_adoption_nothing_of_the_resolution_is_shown(app_on: AppOn) -> None:
    """As of 1990, A/RES/58/50 does not exist: no commitment, no pair, no matrix row."""
    at = app_on(REAL_DATA)
    at.query_params["as_of"] = "1990-01-01"
    run(at)
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Commitments"] == "0"
    assert metrics["Pairs judged"] == "0 of 0"
    assert "No tracked resolution had been adopted by 1990-01-01" in json.dumps(
        chart(at, STATUS_MATRIX)
    )
    assert at.dataframe[0].value.empty


def test_a_superseded_resolution_chosen_is_shown_with_the_other(app_on: AppOn) -> None:
    """Choosing both resolutions shows both in one matrix, rows named by resolution."""
    at = app_on(REAL_DATA)
    at.query_params["ov_resolution"] = ["A/RES/58/50", "A/RES/57/58"]
    run(at)
    rows = chart(at, STATUS_MATRIX)["data"][0]["y"]
    assert rows[0] == "A/RES/57/58 OP1" and rows[-1] == "A/RES/58/50 OP10"
    assert not at.expander
    assert at.metric[0].value == "18"


def test_a_click_on_a_matrix_cell_opens_that_pairs_record(app_on: AppOn) -> None:
    """The cell's point (customdata: hover, commitment, actor) selected by a click opens the
    record of A/RES/58/50 OP5 filtered to Russia."""
    at = run(app_on(REAL_DATA))
    layer = chart(at, STATUS_MATRIX)["data"][1]
    at_cell = next(
        n
        for n, (x, y) in enumerate(zip(layer["x"], layer["y"], strict=True))
        if (y, x) == ("OP5", "RUS")
    )
    point = {"x": "RUS", "y": "OP5", "customdata": layer["customdata"][at_cell]}
    at.session_state[STATUS_MATRIX] = {
        "selection": {"points": [point], "point_indices": [at_cell], "box": [], "lasso": []}
    }
    run(at)
    assert at.title[0].value == "Commitments"
    assert at.query_params["commitment"] == "A/RES/58/50:OP5"
    assert at.query_params["actor"] == "RUS"


def test_a_cache_that_cannot_be_written_still_shows_the_page(
    app_on: AppOn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #15 item 5: viewers saw an OSError when the cache folder could not be written;
    now the page renders from the full load (here a file stands where the folder should)."""
    (tmp_path / "in-the-way").write_text("a file", encoding="utf-8")
    monkeypatch.setenv("TRACKER_CACHE", str(tmp_path / "in-the-way" / "cache"))
    at = run(app_on(MINI))
    assert chart(at, STATUS_MATRIX)["data"][0]["y"] == ["OP4", "OP5", "OP10"]
