"""The Review page end to end in Debian's Chromium, on a copy of the bundled data: an editor
signs in with the password (given to the server through the environment), records a decision,
sees the form emptied (a second click cannot record it again), and downloads the brief (HTML,
PDF) and the decisions CSV; the brief opens offline and the PDF is a few pages that lead with
the decision."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, Route, expect

from tests.browser.conftest import wait_for_render
from tracker.query.index import index_of
from tracker.source.access import PASSWORD_ENV, password_hash
from tracker.source.loader import load_dataset

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "review"
OP4 = "A/RES/58/50:OP4"
TEN_OF_58_50 = [f"A/RES/58/50 OP{n}" for n in range(1, 11)]
PASSWORD = "a passphrase for the browser test"
RATIONALE = "Browser test: no change on the record reviewed today."
DOWNLOAD_TIMEOUT_MS = 120_000

Server = Callable[[Path], AbstractContextManager[str]]
# Whether the widget with this key shows this text: as a chip or label, or as the value of its
# input (a selectbox shows its choice there).
SHOWS = """([key, text]) => {
    const widget = document.querySelector('.st-key-' + key);
    return !!widget && (widget.innerText.includes(text)
        || [...widget.querySelectorAll('input')].some(input => input.value.includes(text)));
}"""


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of commitments.yaml the test may write to; the files it names are linked."""
    folder = tmp_path / "data"
    folder.mkdir()
    for linked in ("sources", "data"):
        (folder / linked).symlink_to(REPO / linked)
    path = folder / "commitments.yaml"
    path.write_bytes((REPO / "commitments.yaml").read_bytes())
    return path


def rerun(page: Page) -> None:
    """After an action that reruns the script: until the run has started and finished."""
    page.wait_for_timeout(300)
    wait_for_render(page)


def choose(page: Page, key: str, typed: str, option: str, *, many: bool = False) -> None:
    """Pick `option` in the selectbox (or, `many`, the multiselect) `key`, typing to narrow
    the list."""
    widget = page.locator(f".st-key-{key}")
    widget.click()
    page.keyboard.type(typed)
    page.get_by_role("option").filter(has_text=option).first.click()
    if many:
        # A multiselect stays open for more; Escape would clear a selectbox instead.
        page.keyboard.press("Escape")
    page.wait_for_function(SHOWS, arg=[key, option])
    rerun(page)


def type_into(page: Page, selector: str, text: str) -> None:
    field = page.locator(selector)
    field.fill(text)
    field.press("Tab")  # a text area sends its value when it loses the focus
    rerun(page)
    expect(page.locator(selector)).to_have_value(text)


@contextmanager
def screenshot_on_failure(page: Page) -> Iterator[None]:
    """Keeps the page as it was when a step failed, in test-output/review/failure.png."""
    try:
        yield
    except Exception:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=OUTPUT / "failure.png", full_page=True)
        raise


def download(page: Page, key: str, target: Path) -> Path:
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as started:
        page.locator(f".st-key-{key} button").click()
    started.value.save_as(target)
    return target


def test_an_editor_records_a_decision_and_hands_out_the_brief(
    open_page: Callable[[str], Page],
    fresh_server: Server,
    browser: Browser,
    data_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (OUTPUT / "failure.png").unlink(missing_ok=True)
    original = tmp_path / "original.yaml"
    original.write_bytes(data_copy.read_bytes())
    loaded = load_dataset(data_copy)
    assert loaded.dataset is not None, [str(p) for p in loaded.problems]
    dataset = loaded.dataset
    slot = [c.id for c in dataset.commitments].index(OP4)
    # The newest item on OP4 that can carry a judgement alone (weak-basis: above the
    # lowest confidence).
    lowest = min(dataset.methodology.confidence_levels, key=lambda level: level.order)
    cited = next(
        item
        for item in index_of(dataset).commitment_evidence(OP4, dt.date.today())
        if item.confidence != lowest.id
    )

    monkeypatch.setenv(PASSWORD_ENV, password_hash(PASSWORD, log2_n=15))
    with fresh_server(data_copy) as url:
        page = open_page(f"{url}/review")
        with screenshot_on_failure(page):
            assert page.locator('[data-testid="stException"]').count() == 0
            assert page.locator(".st-key-review_a_save").count() == 0, "a viewer sees no form"

            page.locator(".st-key-review_auth_name input").fill("Browser Editor")
            page.locator(".st-key-review_auth_password input").fill(PASSWORD)
            page.locator(".st-key-review_auth_sign_in button").click()
            page.locator(".st-key-review_a_save").wait_for()
            rerun(page)

            type_into(page, ".st-key-review_participants textarea", "Browser Editor\nA. Chair")
            choose(page, "review_a_commitment", "A/RES/58/50 OP4", "A/RES/58/50 OP4 ·")
            choose(page, f"review_a_actor_{slot}", "Russian", "Russian Federation (RUS)")
            choose(page, "review_a_status", "Regressing", "Regressing")
            type_into(page, ".st-key-review_a_rationale_en textarea", RATIONALE)
            choose(
                page, f"review_a_evidence_{slot}", cited.id, f"{cited.id} · {cited.date}", many=True
            )
            page.locator(".st-key-review_a_save button").click()
            written = page.locator('[data-testid="stAlert"]').filter(has_text="Written to")
            written.wait_for()
            rerun(page)
            written_text = written.inner_text()  # printing the PDF below reruns the page
            assert page.locator('[data-testid="stException"]').count() == 0
            # The form is empty again, in the browser and not only on the server.
            expect(page.locator(".st-key-review_a_rationale_en textarea")).to_have_value("")
            assert not page.evaluate(SHOWS, ["review_a_status", "Regressing"])
            assert not page.evaluate(SHOWS, [f"review_a_evidence_{slot}", cited.id])

            brief = download(page, "review_download_html", tmp_path / "brief.html")
            decisions = download(page, "review_download_csv", tmp_path / "decisions.csv")
            # An editor has the brief printed on the server (one Chromium at a time), then
            # downloads it.
            page.locator(".st-key-review_make_pdf button").click()
            page.locator(".st-key-review_download_pdf").wait_for(timeout=DOWNLOAD_TIMEOUT_MS)
            rerun(page)
            printed = download(page, "review_download_pdf", tmp_path / "brief.pdf")

    after = load_dataset(data_copy)
    assert after.dataset is not None and not after.problems
    (review,) = [r for r in after.dataset.reviews if r.date == dt.date.today()]
    assert review.participants == ("Browser Editor", "A. Chair")
    (decided,) = [a for a in after.dataset.assessments if a.id in review.decisions]
    assert (decided.commitment, decided.actor, decided.status) == (OP4, "RUS", "regressing")
    assert (decided.evidence, decided.assessor, decided.review) == (
        (cited.id,),
        "Browser Editor",
        review.id,
    )
    assert decided.id in written_text

    diff = subprocess.run(
        ["git", "diff", "--no-index", str(original), str(data_copy)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "decision.diff").write_text(diff, encoding="utf-8")
    removed = [line for line in diff.splitlines() if line.startswith("-") and line[:3] != "---"]
    assert removed in ([], ["-reviews: []"]), removed  # an empty list becomes a block list

    text = decisions.read_text(encoding="utf-8-sig")
    assert decided.id in text and RATIONALE in text

    html = brief.read_text(encoding="utf-8")
    assert "Decisions of this meeting" in html and RATIONALE in html
    shutil.copy(brief, OUTPUT / "brief.html")
    brief_opens_offline(browser, brief)

    pdf = printed.read_bytes()
    shutil.copy(printed, OUTPUT / "brief.pdf")
    assert pdf.startswith(b"%PDF-")
    pages = page_count(printed)
    assert pages <= 4
    (OUTPUT / "brief-pages.txt").write_text(f"{pages}\n", encoding="utf-8")
    if shutil.which("pdftotext"):
        words = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(printed), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        squeezed = re.sub(r"\s+", "", words)
        for heading in TEN_OF_58_50:
            assert re.sub(r"\s+", "", heading) in squeezed, heading
        # pdftotext interleaves the lines of a table's cells: each word of the rationale.
        assert all(word in words for word in RATIONALE.split())


def brief_opens_offline(browser: Browser, brief: Path) -> None:
    """Opened from disk with every other request refused, the brief shows its decision and
    the status matrix of the ten paragraphs, and asks the network for nothing."""
    url = brief.as_uri()
    asked: list[str] = []

    def only_the_file(route: Route, request: Request) -> None:
        if request.url == url:
            route.continue_()
        else:
            asked.append(request.url)
            route.abort()

    context = browser.new_context(viewport={"width": 1000, "height": 1200})
    try:
        context.route("**/*", only_the_file)
        page = context.new_page()
        page.goto(url)
        assert page.locator("table.matrix tbody tr").count() == len(TEN_OF_58_50)
        assert RATIONALE in page.locator("h2 + table").first.inner_text()
        assert asked == []
    finally:
        context.close()


def page_count(path: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        found = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
        assert found, info.stdout
        return int(found.group(1))
    return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))
