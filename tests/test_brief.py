"""The meeting brief as HTML: self-contained (nothing fetched from the network), every data
string escaped, one section per commitment, Chinese present; and the PDF path's refusal
when Chromium is missing."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tracker.domain.model import Dataset, Direction, Review, Text
from tracker.domain.urls import safe_url
from tracker.present.brief import FONT_STACK, meeting_brief_html, trajectory_figure
from tracker.present.i18n import t
from tracker.present.pdf import PdfUnavailable, html_to_pdf
from tracker.query.names import commitment_label
from tracker.query.review import agenda, changes_between
from tracker.source.loader import load_dataset

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini.yaml"
TODAY = dt.date(2026, 11, 26)
START = dt.date(2023, 1, 1)
SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"


def load(path: Path, today: dt.date | None = TODAY) -> Dataset:
    result = load_dataset(path, today=today)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


DATA = load(MINI)
BUNDLED = load(REPO / "commitments.yaml", today=None)  # the bundled data as of the real today


def brief(
    data: Dataset, lang: str = "en", review: Review | None = None, start: dt.date = START
) -> str:
    changes = changes_between(data, start, TODAY)
    return meeting_brief_html(data, changes, agenda(changes, data), TODAY, lang, review)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <style> elements. Script bodies
    are raw text to the parser, so strings inside plotly.js are not mistaken for tags."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(document)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def attributes(self, name: str) -> list[tuple[str, str]]:
        return [(tag, attrs[name]) for tag, attrs in self.tags if name in attrs]


# --- self-contained ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nothing_is_loaded_from_the_network(lang: str) -> None:
    """No src anywhere and no href outside links points off the file; no stylesheet, font or
    import by URL: the brief reads the same offline."""
    document = brief(BUNDLED, lang)
    found = Elements(document)
    remote = re.compile(r"^\s*(https?:|//|ftp:)", re.IGNORECASE)
    assert [value for _, value in found.attributes("src") if remote.match(value)] == []
    assert [
        (tag, value)
        for tag, value in found.attributes("href")
        if tag != "a" and remote.match(value)
    ] == []
    assert "link" not in {tag for tag, _ in found.tags}
    style = "".join(found.styles)
    assert "@import" not in style
    assert not re.search(r"url\(", style)


def test_links_are_only_the_sources_of_the_evidence() -> None:
    """Every off-file link is the http(s) address of an evidence item's source."""
    sources = {e.source.url for e in BUNDLED.evidence}
    links = [value for tag, value in Elements(brief(BUNDLED)).attributes("href") if tag == "a"]
    outward = [value for value in links if not value.startswith("#")]
    assert outward
    assert set(outward) <= sources
    assert all(value.startswith(("http://", "https://")) for value in outward)


def test_plotly_is_inline_once_and_every_chart_uses_it() -> None:
    """plotly.js is written once, before the first chart; the cover's status matrix and one
    history chart per commitment follow it."""
    document = brief(BUNDLED)
    assert document.count("plotly.js v") == 1
    assert document.index("plotly.js v") < document.index("Plotly.newPlot(")
    assert document.count("Plotly.newPlot(") == 1 + len(BUNDLED.commitments)
    assert '"displayModeBar": false' in document


def test_document_head_print_rules_and_font_stack() -> None:
    document = brief(DATA, "zh")
    assert document.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in document
    assert '<html lang="zh-Hans">' in document
    assert FONT_STACK.startswith('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC"')
    assert f"font-family: {FONT_STACK}" in document
    assert "size: A4" in document
    assert "break-before: page" in document
    assert "page-break-before: always" in document


# --- content -----------------------------------------------------------------------------


def sections(document: str) -> list[str]:
    return re.findall(r'<section class="commitment" id="([^"]+)">\s*<h2>([^<]*)</h2>', document)


def test_one_section_per_commitment_in_agenda_order() -> None:
    changes = changes_between(BUNDLED, START, TODAY)
    items = agenda(changes, BUNDLED)
    document = meeting_brief_html(BUNDLED, changes, items, TODAY, "en")
    found = sections(document)
    assert len(found) == len(BUNDLED.commitments)
    labels = {c.id: commitment_label(BUNDLED, c) for c in BUNDLED.commitments}
    assert [heading.split(" · ")[0] for _, heading in found] == [
        labels[i.commitment] for i in items
    ]
    # Each agenda entry links to its section.
    for anchor, _ in found:
        assert f'href="#{anchor}"' in document


def test_a_commitment_missing_from_the_agenda_still_gets_its_section() -> None:
    changes = changes_between(BUNDLED, START, TODAY)
    items = agenda(changes, BUNDLED)[:3]
    document = meeting_brief_html(BUNDLED, changes, items, TODAY, "en")
    assert len(sections(document)) == len(BUNDLED.commitments)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_both_languages_of_every_commitment_are_present(lang: str) -> None:
    """The chosen language first, the other below it: a reader of either can follow. The ten
    paragraphs of A/RES/58/50 have both."""
    document = brief(BUNDLED, lang)
    bilingual = [c for c in BUNDLED.commitments if c.text.zh]
    assert {c.id for c in bilingual} >= {f"A/RES/58/50:OP{n}" for n in range(1, 11)}
    for commitment in bilingual:
        assert commitment.text.zh
        zh, en = html.escape(commitment.text.zh), html.escape(commitment.text.en)
        chosen, other = (zh, en) if lang == "zh" else (en, zh)
        assert document.index(chosen) < document.index(other)


def test_a_text_with_no_chinese_is_marked_in_the_chinese_brief() -> None:
    english_only = DATA.commitments[0].model_copy(
        update={"text": Text(en="Calls upon someone to do something;")}
    )
    data = DATA.model_copy(update={"commitments": (english_only, *DATA.commitments[1:])})
    assert t("text.fallback", "zh", text="Calls upon someone to do something;") in brief(data, "zh")
    assert 'class="other"' not in brief(data, "en").split("OP4 · ")[-1].split("</section>")[0]


def test_cover_counts_and_transitions() -> None:
    """The fixture from 2023: Russia's OP4 judgement worsened, the US one of that day is the
    correction (unchanged), one new evidence item; the correction, written in the window too,
    is also counted apart as a correction."""
    document = brief(DATA, "en")
    cover = document[: document.index('<section class="commitment"')]
    assert re.search(r"<td>New assessments</td><td class=\"n\">2</td>", cover)
    assert re.search(r"<td>Worsened</td><td class=\"n\">1</td>", cover)
    assert re.search(r"<td>Unchanged</td><td class=\"n\">1</td>", cover)
    assert re.search(r"<td>Corrections of the record</td><td class=\"n\">1</td>", cover)
    assert "Russian Federation" in cover
    assert re.search(r"No progress</span></td><td><span class=\"chip\">.*Regressing</span>", cover)


def test_corrections_recorded_in_the_window_are_listed_apart() -> None:
    """A window of November 2026 holds the US correction: what was wrong, what stands, why."""
    document = brief(DATA, "en", start=dt.date(2026, 11, 1))
    cover = document[: document.index('<section class="commitment"')]
    part = cover.split("<h4>Corrections of the record</h4>")[1].split("<h4>")[0]
    assert "E40 reports Russian warheads in Belarus" in part
    assert "2023-06-16" in part.split("<td>")[3]  # the day it speaks for
    assert "Regressing</span>" in part.split("<td>")[4]  # was
    assert "No progress</span>" in part.split("<td>")[5]  # now
    assert re.search(r"<td>New assessments</td><td class=\"n\">0</td>", cover)


def test_zh_labels_come_from_the_catalogue_and_the_methodology() -> None:
    document = brief(DATA, "zh")
    assert "状态审议会议简报" in document
    assert "倒退" in document  # methodology label of 'regressing'
    assert t("table.status", "zh") in document


def review_of(data: Dataset, decisions: tuple[str, ...]) -> Review:
    return Review(
        id="R1",
        date=TODAY,
        title=Text(en="Annual review", zh="年度审议"),
        participants=("A. Analyst", "李明"),
        decisions=decisions,
    )


def test_decisions_of_the_review_are_shown_with_the_commitment() -> None:
    decided = next(a for a in DATA.assessments if a.id == "AS-OP4-RUS-2023-06-16")
    document = brief(DATA, "en", review_of(DATA, (decided.id,)))
    [op4] = [
        part for part in document.split('<section class="commitment"') if "OP4 · " in part[:80]
    ]
    assert "Decisions of this review" in op4
    assert "Deployment abroad instead of negotiation" in op4
    assert "李明" in document
    assert document.count("No decision recorded for this commitment.") == 2  # OP5 and OP10


def test_without_a_review_there_is_no_decisions_part() -> None:
    assert "Decisions of this review" not in brief(DATA, "en")


# --- untrusted data ----------------------------------------------------------------------


def poisoned() -> tuple[Dataset, Review]:
    """The fixture with script and attribute-breaking payloads in every kind of text the
    brief shows, and a javascript: source link."""
    bad = Text(en=f"{SCRIPT} {BREAKOUT}", zh=f"{SCRIPT} 中文 {BREAKOUT}")
    commitment = DATA.commitments[0]
    addressed = commitment.addressed.model_copy(update={"as_written": bad})
    commitments = (
        commitment.model_copy(update={"text": bad, "verb": bad, "addressed": addressed}),
        *DATA.commitments[1:],
    )
    actors = tuple(
        actor.model_copy(update={"name": bad}) if actor.id == "RUS" else actor
        for actor in DATA.actors
    )
    evidence = tuple(
        item.model_copy(
            update={
                "summary": bad,
                "date": item.date,
                "direction": Direction.PROGRESS,
                "source": item.source.model_copy(
                    update={"url": JS_URL, "title": SCRIPT, "publisher": BREAKOUT}
                ),
            }
        )
        for item in DATA.evidence
    )
    assessments = tuple(a.model_copy(update={"rationale": bad}) for a in DATA.assessments)
    resolutions = (DATA.resolutions[0].model_copy(update={"title": bad}),)
    statuses = tuple(
        level.model_copy(update={"label": bad}) if level.id == "regressing" else level
        for level in DATA.methodology.statuses
    )
    methodology = DATA.methodology.model_copy(update={"statuses": statuses})
    data = DATA.model_copy(
        update={
            "commitments": commitments,
            "actors": actors,
            "evidence": evidence,
            "assessments": assessments,
            "resolutions": resolutions,
            "methodology": methodology,
        }
    )
    review = Review(
        id="R1",
        date=TODAY,
        title=bad,
        participants=(SCRIPT, BREAKOUT),
        decisions=tuple(a.id for a in assessments),
        notes=bad,
    )
    return data, review


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_data_string_is_escaped(lang: str) -> None:
    data, review = poisoned()
    document = brief(data, lang, review, start=dt.date(2000, 1, 1))
    assert SCRIPT not in document
    assert BREAKOUT not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    found = Elements(document)
    assert "img" not in {tag for tag, _ in found.tags}
    assert not [name for _, attrs in found.tags for name in attrs if name.startswith("on")]
    hrefs = [value for _, value in found.attributes("href")]
    assert not [value for value in hrefs if "javascript" in value.lower()]
    assert "not an http or https address" in document or "不是 http 或 https 地址" in document


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://press.un.org/en/2003/ga10217.doc.htm", True),
        ("http://www.armscontrol.org/factsheets/pniglance", True),
        ("HTTPS://example.org/a", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//example.org/a", False),
        ("ftp://example.org/a", False),
        ("http:/no-host", False),
        ("vbscript:msgbox(1)", False),
        ("http://[::1", False),
    ],
)
def test_only_http_and_https_addresses_are_linked(url: str, safe: bool) -> None:
    assert (safe_url(url) is not None) is safe


# --- the history chart -------------------------------------------------------------------


def test_trajectory_has_one_line_per_assessed_actor_on_the_status_scale() -> None:
    op4 = DATA.commitments[0]
    figure = trajectory_figure(DATA, op4, TODAY, "zh")
    assert [trace.name for trace in figure.data] == ["RUS", "USA"]
    russia = figure.data[0]
    assert list(russia.x) == ["2003-12-08", "2023-06-16", TODAY.isoformat()]
    assert list(russia.text) == ["无进展", "倒退", "倒退"]
    ticks = list(figure.layout.yaxis.ticktext)
    assert ticks == [level.label.zh for level in DATA.methodology.statuses]


def test_trajectory_of_a_commitment_never_assessed_says_so() -> None:
    op10 = DATA.commitments[1]
    empty = DATA.model_copy(update={"assessments": ()})
    figure = trajectory_figure(empty, op10, TODAY, "en")
    assert figure.layout.annotations[0].text == "No assessment yet"


# --- PDF without Chromium ----------------------------------------------------------------


def test_pdf_without_chromium_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PdfUnavailable, match="missing"):
        html_to_pdf("<p>x</p>", chromium=tmp_path / "no-chromium")
