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

from tests.conftest import MEETING_DAY, record_meeting
from tests.helpers import MINI, REPO
from tracker.domain.model import Dataset, Direction, Review, Text
from tracker.domain.urls import safe_url
from tracker.present.brief import meeting_brief_html, trajectory_figure
from tracker.present.colours import contrast
from tracker.present.i18n import t
from tracker.present.pdf import PdfUnavailable, html_to_pdf
from tracker.present.printable import FONT_STACK, one_line
from tracker.query.names import commitment_label
from tracker.query.review import agenda, changes_between, default_start
from tracker.source.loader import load_dataset

TODAY = dt.date(2026, 11, 26)
START = dt.date(2023, 1, 1)
SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
MEETING = dt.date.fromisoformat(MEETING_DAY)


def load(path: Path, today: dt.date | None = TODAY) -> Dataset:
    result = load_dataset(path, today=today)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


DATA = load(MINI)
BUNDLED = load(REPO / "commitments.yaml", today=None)  # the bundled data as of the real today


def brief(
    data: Dataset,
    lang: str = "en",
    review: Review | None = None,
    start: dt.date = START,
    full: bool = False,
) -> str:
    changes = changes_between(data, start, TODAY)
    return meeting_brief_html(data, changes, agenda(changes, data), TODAY, lang, review, full=full)


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


@pytest.mark.parametrize(("lang", "full"), [("en", False), ("zh", False), ("en", True)])
def test_nothing_is_loaded_from_the_network(lang: str, full: bool) -> None:
    """No src anywhere and no href outside links points off the file; no stylesheet, font or
    import by URL: the brief reads the same offline."""
    document = brief(BUNDLED, lang, full=full)
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
    document = brief(BUNDLED, full=True)
    links = [value for tag, value in Elements(document).attributes("href") if tag == "a"]
    outward = [value for value in links if not value.startswith("#")]
    assert outward
    assert set(outward) <= sources
    assert all(value.startswith(("http://", "https://")) for value in outward)


def test_plotly_is_inline_once_and_every_chart_uses_it() -> None:
    """In the full brief plotly.js is written once, before the first chart; one history
    chart per commitment follows it, each with a text alternative."""
    document = brief(BUNDLED, full=True)
    assert document.count("plotly.js v") == 1
    assert document.index("plotly.js v") < document.index("Plotly.newPlot(")
    assert document.count("Plotly.newPlot(") == len(BUNDLED.commitments)
    assert document.count('<figure class="chart" role="img" aria-label="Status of each') == len(
        BUNDLED.commitments
    )
    assert '"displayModeBar": false' in document


def test_document_head_print_rules_and_font_stack() -> None:
    document = brief(DATA, "zh")
    assert document.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in document
    assert '<html lang="zh-Hans">' in document
    assert FONT_STACK.startswith('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC"')
    assert f"font-family: {FONT_STACK}" in document
    assert "size: A4" in document
    # No forced page break: it leaves near-empty pages.
    assert "break-before: page" not in document


# --- what a diplomat reads first -------------------------------------------------------


@pytest.fixture(scope="module")
def meeting(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, Review]:
    data = load_at(record_meeting(tmp_path_factory.mktemp("meeting")), MEETING)
    return data, data.reviews[0]


def load_at(path: Path, today: dt.date) -> Dataset:
    result = load_dataset(path, today=today)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


def meeting_brief(data: Dataset, review: Review, lang: str = "en", full: bool = False) -> str:
    changes = changes_between(data, default_start(data, review.date), review.date)
    return meeting_brief_html(
        data, changes, agenda(changes, data), review.date, lang, review, full=full
    )


def section(document: str, heading: str) -> str:
    """The HTML from the <h2> with this text to the next <h2>."""
    start = document.index(f"<h2>{heading}")
    following = document.find("<h2>", start + 4)
    return document[start : following if following > 0 else len(document)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_cover_names_the_meeting_its_date_and_participants(
    meeting: tuple[Dataset, Review], lang: str
) -> None:
    data, review = meeting
    document = meeting_brief(data, review, lang)
    cover = document[: document.index("</header>")]
    assert (
        html.escape(review.title.zh if lang == "zh" and review.title.zh else review.title.en)
        in cover
    )
    assert MEETING.isoformat() in cover
    assert "A. Analyst, B. Reviewer" in cover


def test_the_decisions_come_first_each_with_its_move_rationale_and_sources(
    meeting: tuple[Dataset, Review],
) -> None:
    """Right after the cover: commitment, actor, previous -> new status, the rationale's
    first sentence and every cited item linked to its source."""
    data, review = meeting
    document = meeting_brief(data, review)
    headings = re.findall(r"<h2>([^<]*)</h2>", document)
    assert headings[0] == "Decisions of this meeting"
    assert headings[1].startswith("What changed in the world")
    assert headings[2].startswith("Where each actor stands")
    decisions = section(document, "Decisions of this meeting")
    by_id = {a.id: a for a in data.assessments}
    sources = {e.id: e.source.url for e in data.evidence}
    for ref, (label, actor) in zip(
        review.decisions,
        [
            ("A/RES/58/50 OP5 · Stresses", "Russian Federation (RUS)"),
            ("A/RES/58/50 OP4 · Calls upon", "United States of America (USA)"),
        ],
        strict=True,
    ):
        decided = by_id[ref]
        assert label in decisions and actor in decisions
        first = html.escape(decided.rationale.en.split(". ")[0][:60])
        assert first in decisions
        for cited in decided.evidence:
            assert f'href="{html.escape(sources[cited])}"' in decisions
    assert decisions.count(">Regressing</span> → <span") == 1  # Russia, confirmed
    assert decisions.count(">No progress</span> → <span") == 1  # the United States


def test_what_changed_lists_only_real_moves_and_corrections_as_such(
    meeting: tuple[Dataset, Review],
) -> None:
    """The window before the meeting holds the desk review's confirmations and corrections:
    no status moved, so no move is listed; each correction is listed under the corrections,
    old -> corrected; confirmations are only counted."""
    data, review = meeting
    document = meeting_brief(data, review)
    changed = section(document, "What changed in the world")
    assert "No status changed in the window, besides the decisions above." in changed
    corrections = changed[changed.index("Corrections of the record") :]
    # Corrections are those recorded in the window, whatever day they speak for.
    fixes = [
        a
        for a in data.assessments
        if a.corrects and default_start(data, MEETING) < a.recorded <= MEETING
    ]
    assert fixes
    assert corrections.count("<tr><td>") == len(fixes)
    assert "Not listed:" in changed
    assert "Unchanged" not in document and "Not a judgement" not in document


def test_a_move_in_the_window_is_listed_with_its_rationale() -> None:
    """The fixture from 2023: Russia's OP4 worsened (No progress -> Regressing)."""
    document = brief(DATA, "en")
    changed = section(document, "What changed in the world")
    assert "No progress</span> → <span" in changed
    assert "Deployment abroad instead of negotiation" in changed


def test_the_matrix_keeps_every_row_label_and_leaves_out_the_superseded(
    meeting: tuple[Dataset, Review],
) -> None:
    data, review = meeting
    standing = section(meeting_brief(data, review), "Where each actor stands")
    rows = re.findall(r'<th scope="row" class="row">([^<]*)</th>', standing)
    assert [row.split(" · ")[0] for row in rows] == [f"A/RES/58/50 OP{n}" for n in range(1, 11)]
    assert "A/RES/57/58 is superseded by A/RES/58/50 since 2003-12-08" in standing
    chips = standing[standing.index("By actor") :]
    for actor in ("USA", "RUS", "GBR", "FRA", "CHN", "NATO", "UNGA"):
        assert f"{actor} · " in chips


def test_chips_write_black_or_white_on_their_colour(meeting: tuple[Dataset, Review]) -> None:
    """Every chip's text colour reads on its fill at 4.5:1 or better."""
    data, review = meeting
    styles = re.findall(
        r'class="chip" style="background:(#\w{6});color:(#\w{6})"', meeting_brief(data, review)
    )
    assert styles
    assert all(contrast(fill, text) >= 4.5 for fill, text in styles)


def test_the_short_brief_has_no_chart_and_no_per_commitment_pages(
    meeting: tuple[Dataset, Review],
) -> None:
    data, review = meeting
    document = meeting_brief(data, review)
    assert "plotly" not in document.lower()
    assert '<section class="commitment"' not in document
    assert "No decision recorded" not in document
    assert "Nothing changed in the window" not in document


def sections(document: str) -> list[str]:
    return re.findall(r'<section class="commitment" id="([^"]+)">\s*<h2>([^<]*)</h2>', document)


def test_the_full_brief_adds_the_agenda_and_one_section_per_commitment_in_its_order() -> None:
    changes = changes_between(BUNDLED, START, TODAY)
    items = agenda(changes, BUNDLED)
    document = meeting_brief_html(BUNDLED, changes, items, TODAY, "en", full=True)
    found = sections(document)
    assert len(found) == len(BUNDLED.commitments)
    labels = {c.id: commitment_label(BUNDLED, c) for c in BUNDLED.commitments}
    assert [heading.split(" · ")[0] for _, heading in found] == [
        labels[i.commitment] for i in items
    ]
    for anchor, _ in found:
        assert f'href="#{anchor}"' in document


def test_a_commitment_missing_from_the_agenda_still_gets_its_section() -> None:
    changes = changes_between(BUNDLED, START, TODAY)
    items = agenda(changes, BUNDLED)[:3]
    document = meeting_brief_html(BUNDLED, changes, items, TODAY, "en", full=True)
    assert len(sections(document)) == len(BUNDLED.commitments)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_both_languages_of_every_commitment_are_in_the_full_brief(lang: str) -> None:
    """The chosen language first, the other below it: a reader of either can follow. The ten
    paragraphs of A/RES/58/50 have both."""
    document = brief(BUNDLED, lang, full=True)
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
    marked = t("text.fallback", "zh", text="Calls upon someone to do something;")
    assert marked in brief(data, "zh", full=True)
    assert (
        'class="other"'
        not in brief(data, "en", full=True).split("OP4 · ")[-1].split("</section>")[0]
    )


def test_corrections_recorded_in_the_window_are_listed_apart() -> None:
    """A window of November 2026 holds the US correction, recorded on 2026-11-20 for
    2023-06-16: listed as a correction (the day it speaks for, what was recorded -> what
    stands, why), and no status moved."""
    document = brief(DATA, "en", start=dt.date(2026, 11, 1))
    changed = section(document, "What changed in the world")
    assert "No status changed in the window" in changed
    part = changed[changed.index("<h3>Corrections of the record</h3>") :].split("<h3>")[1]
    [row] = part.split("<tr><td>")[1:]
    cells = row.split("<td>")
    assert cells[0].startswith("OP4") and cells[1].startswith("USA")
    assert "2023-06-16" in cells[2]
    assert re.search(r"Regressing</span> → <span[^>]*>No progress</span>", cells[3])
    assert "E40 reports Russian warheads in Belarus" in cells[4]


def test_zh_labels_come_from_the_catalogue_and_the_methodology() -> None:
    document = brief(DATA, "zh")
    assert "状态审议会议简报" in document
    assert "倒退" in document  # methodology label of 'regressing'
    assert t("brief.section.decisions", "zh") in document
    standing = document[document.index("<h2>截至 ") :]
    assert "俄罗斯联邦" in standing  # columns and rows of the matrix name actors in Chinese


def review_of(data: Dataset, decisions: tuple[str, ...]) -> Review:
    return Review(
        id="R1",
        date=TODAY,
        title=Text(en="Annual review", zh="年度审议"),
        participants=("A. Analyst", "李明"),
        decisions=decisions,
    )


def test_in_the_full_brief_a_decision_is_shown_with_its_commitment_too() -> None:
    decided = next(a for a in DATA.assessments if a.id == "AS-OP4-RUS-2023-06-16")
    document = brief(DATA, "en", review_of(DATA, (decided.id,)), full=True)
    [op4] = [
        part for part in document.split('<section class="commitment"') if "OP4 · " in part[:80]
    ]
    assert "Decisions of this review" in op4
    assert "Deployment abroad instead of negotiation" in op4
    assert "李明" in document
    assert "No decision recorded" not in document  # no filler for the undecided paragraphs


def test_without_a_review_the_brief_says_so() -> None:
    document = brief(DATA, "en")
    assert "No meeting chosen" in section(document, "Decisions of this meeting")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Short. Second sentence.", "Short."),
        ("One; two.", "One;"),
        ("第一句。第二句。", "第一句。"),
        ("x" * 300, "x" * 220 + "…"),
        ("汉" * 200, "汉" * 110 + "…"),
    ],
)
def test_one_line_is_the_first_sentence_cut_to_a_width(text: str, expected: str) -> None:
    assert one_line(text) == expected


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


@pytest.mark.parametrize(
    ("lang", "full"), [("en", False), ("zh", False), ("en", True), ("zh", True)]
)
def test_every_data_string_is_escaped(lang: str, full: bool) -> None:
    data, review = poisoned()
    document = brief(data, lang, review, start=dt.date(2000, 1, 1), full=full)
    assert SCRIPT not in document
    assert BREAKOUT not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    found = Elements(document)
    assert "img" not in {tag for tag, _ in found.tags}
    assert not [name for _, attrs in found.tags for name in attrs if name.startswith("on")]
    hrefs = [value for _, value in found.attributes("href")]
    assert not [value for value in hrefs if "javascript" in value.lower()]
    if full:
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


def test_trajectory_gives_each_actor_its_colour_and_dash_in_a_legend_and_keeps_its_labels() -> None:
    """Not five identical black lines: a colour and a dash per actor, a legend naming them,
    and the y axis growing its margin for the status labels (no 'ed/ss/ng')."""
    figure = trajectory_figure(BUNDLED, BUNDLED.commitments[0], TODAY, "en")
    lines = [(trace.line.color, trace.line.dash) for trace in figure.data]
    assert len(figure.data) == 5
    assert len(set(lines)) == len(lines)
    assert len({colour for colour, _ in lines}) == len(lines)
    assert figure.layout.showlegend is True
    assert figure.layout.yaxis.automargin is True


def test_trajectory_of_a_commitment_never_assessed_says_so() -> None:
    op10 = DATA.commitments[1]
    empty = DATA.model_copy(update={"assessments": ()})
    figure = trajectory_figure(empty, op10, TODAY, "en")
    assert figure.layout.annotations[0].text == "No assessment yet"


# --- PDF without Chromium ----------------------------------------------------------------


def test_pdf_without_chromium_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PdfUnavailable, match="missing"):
        html_to_pdf("<p>x</p>", chromium=tmp_path / "no-chromium")
