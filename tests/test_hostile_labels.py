"""Text from the data is shown, never read as markup, in every chart and in the brief: a
dataset whose methodology labels, actor names and ids carry a real link, inline styling and a
plotly template field is loaded by the real loader, and every figure the app and the brief
draw holds those texts only escaped (tests/browser/test_hostile_labels_browser.py draws them
in Chromium)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest
import yaml

from tests.robustness.corpus import mini_text
from tracker.domain.model import Dataset
from tracker.present import charts
from tracker.present.brief import meeting_brief_html, trajectory_figure
from tracker.present.dashboard import evidence_timeline_frame
from tracker.query.review import agenda, changes_between
from tracker.source.loader import load_bytes

TODAY = dt.date(2026, 11, 26)
# Plotly would draw a link to this site, text in this style, and fill in this template field.
LINK = '<a href="https://evil.example/{id}">link-{id}</a>'
STYLED = '<span style="color:red;font-size:40px">big-{id}</span>'
FIELD = "%{{fullData.uid}}"
MARKUP = re.compile(r"<\s*(a|span)\b|evil\.example[^<]*</a>|%\{fullData\.uid\}", re.IGNORECASE)
TERM_LISTS = (
    "statuses",
    "criterion_ratings",
    "criteria",
    "directions",
    "source_types",
    "confidence_levels",
)


def hostile(ident: str) -> str:
    return LINK.format(id=ident) + STYLED.format(id=ident) + FIELD.format() + " R&D"


def hostile_text() -> str:
    """The canonical fixture with every methodology label and actor name replaced by markup."""
    data = yaml.safe_load(mini_text())
    for name in TERM_LISTS:
        for term in data["methodology"][name]:
            term["label"] = {"en": hostile(term["id"]), "zh": hostile(term["id"] + "-zh")}
    for actor in data["actors"]:
        actor["name"] = {"en": hostile(actor["id"]), "zh": hostile(actor["id"] + "-zh")}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    folder = tmp_path_factory.mktemp("hostile")
    loaded = load_bytes(
        hostile_text().encode("utf-8"), "hostile.yaml", today=TODAY, base_dir=folder
    )
    assert loaded.dataset is not None and not loaded.problems, loaded.problems
    return loaded.dataset


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)
    elif hasattr(value, "tolist"):
        yield from strings(value.tolist())


def figures(data: Dataset, lang: str) -> dict[str, go.Figure]:
    by_id = {c.id: c for c in data.commitments}
    op4, op10 = by_id["A/RES/58/50:OP4"], by_id["A/RES/58/50:OP10"]
    actor = next(a for a in data.actors if a.id == "RUS")
    frame = evidence_timeline_frame(data, data.evidence, lang)
    return {
        "status matrix": charts.status_matrix(data, TODAY, lang),
        "criteria matrix": charts.criteria_matrix(data, TODAY, lang),
        "status over time": charts.status_over_time(data, TODAY, lang),
        "commitment timeline": charts.commitment_timeline(data, op4, TODAY, lang),
        "actor trajectory": charts.actor_trajectory(data, actor, TODAY, lang),
        "evidence timeline": charts.evidence_timeline(data, frame, lang),
        "brief trajectory": trajectory_figure(data, op4, TODAY, lang),
        "empty": charts.commitment_timeline(data, op10, dt.date(1990, 1, 1), lang),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_figure_holds_markup_from_the_data(dataset: Dataset, lang: str) -> None:
    for name, figure in figures(dataset, lang).items():
        found = [text for text in strings(figure.to_plotly_json()) if MARKUP.search(text)]
        assert found == [], (name, found[:3])


def test_the_labels_are_still_there_escaped(dataset: Dataset) -> None:
    """Escaped, not dropped: the legend, the cells and the hovers show the label as text."""
    shown = list(strings(charts.status_over_time(dataset, TODAY, "en").to_plotly_json()))
    label = charts.plotly_text(hostile("regressing"))
    assert label in shown  # a legend entry
    assert "&lt;a href=" in label and "&#37;{fullData.uid}" in label and "R&amp;D" in label
    matrix = charts.status_matrix(dataset, TODAY, "en").to_plotly_json()
    assert any(charts.plotly_text(hostile("RUS")) in text for text in strings(matrix))


def test_the_brief_holds_no_markup_from_the_data(dataset: Dataset) -> None:
    """The brief's HTML text has the labels escaped (its charts are the figures above)."""
    changes = changes_between(dataset, dt.date(2000, 1, 1), TODAY)
    html = meeting_brief_html(dataset, changes, agenda(changes, dataset), TODAY, "en")
    assert 'href="https://evil.example' not in html
    assert '<span style="color:red' not in html
    assert "&lt;a href=&quot;https://evil.example/regressing&quot;&gt;" in html


def write_hostile(folder: Path) -> Path:
    """The hostile dataset as a file, for a server to serve (the browser test)."""
    path = folder / "hostile.yaml"
    path.write_text(hostile_text(), encoding="utf-8")
    return path
