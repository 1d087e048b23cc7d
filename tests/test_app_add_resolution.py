"""The Add resolution page through Streamlit's AppTest: the parse of the official texts beside
the source with each operative paragraph marked, the save shown to editors only, drafts saved
into a copy of the canonical fixture with the corrections made on the page, a failed write
that leaves the file as it was, and bad input answered with a message."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import REPO, AppOn
from tests.test_app_review import NO_EDITORS, PASSWORD, PASSWORD_SECRETS, run
from tests.test_ingest_cli import only_additions
from tests.test_ingest_drafts import VERBS_57_58
from tracker.present.markdown import escape_markdown
from tracker.source.access import password_hash
from tracker.source.loader import load_dataset
from tracker.source.store import previous_versions
from ui.setup import frame_html

SOURCES = REPO / "sources"
TEXT_57_58 = (SOURCES / "A_RES_57_58_en.txt").read_text(encoding="utf-8")
TEXT_58_50_ZH = (SOURCES / "A_RES_58_50_zh.txt").read_text(encoding="utf-8")
# The verbs of A/RES/58/50 in Chinese, OP1 to OP10, as DOMAIN.md and the bundled data give them.
VERBS_58_50_ZH = [
    "商定",
    "又商定",
    "还商定",
    "吁请",
    "强调……并呼吁",
    "呼吁",
    "又呼吁",
    "强调",
    "呼吁",
    "决定",
]


pytestmark = pytest.mark.usefixtures("no_password_in_the_environment")


def add_page(app_on: AppOn, data: Path, secrets: dict[str, Any]) -> AppTest:
    """The app opened on the Add resolution page, as the navigation opens it."""
    at = app_on(data)
    at.secrets.update(secrets)
    run(at)
    at.switch_page("pages/add_resolution.py")
    return run(at)


def paste(at: AppTest, text: str) -> AppTest:
    at.text_area(key="add_text").input(text)
    return run(at)


def signed_in(app_on: AppOn, data: Path, text: str) -> AppTest:
    """An editor who pasted `text` and signed in with the password (the sign-in is offered
    where the save would be, below the drafts)."""
    at = paste(add_page(app_on, data, PASSWORD_SECRETS), text)
    at.text_input(key="add_auth_name").input("Li Wei")
    at.text_input(key="add_auth_password").input(PASSWORD)
    at.button(key="add_auth_sign_in").click()
    return run(at)


def marked_paragraphs(at: AppTest) -> list[int]:
    """The paragraph numbers marked in the source, in the order they are printed."""
    body = "".join(data_html(at))
    return [int(n) for n in re.findall(r'<mark class="op op-start" data-op="(\d+)"', body)]


def table(at: AppTest, column: str) -> pd.DataFrame:
    """The one table on the page with this column."""
    (found,) = [frame.value for frame in at.dataframe if column in frame.value.columns]
    return found


def buttons(at: AppTest) -> set[str]:
    return {button.key for button in at.button if button.key}


def data_html(at: AppTest) -> list[str]:
    """The HTML the page shows besides the app's own frame (style and language script)."""
    frames = {frame_html("en"), frame_html("zh")}
    return [element.proto.body for element in at.get("html") if element.proto.body not in frames]


def texts(elements: Any) -> str:
    return "\n".join(element.value for element in elements)


# --- the parse beside the source ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "verbs"),
    [(TEXT_58_50_ZH, VERBS_58_50_ZH), (TEXT_57_58, VERBS_57_58)],
    ids=["58/50 zh", "57/58 en"],
)
def test_the_parse_lists_and_marks_every_operative_paragraph(
    app_on: AppOn, data: Path, text: str, verbs: list[str]
) -> None:
    """Each operative paragraph is listed with its verb and marked once in the source, in
    order; the verbs are offered for correction, prefilled from the parse."""
    at = paste(add_page(app_on, data, NO_EDITORS), text)
    numbers = list(range(1, len(verbs) + 1))
    assert marked_paragraphs(at) == numbers
    assert [at.text_input(key=f"add_verb_{n}").value for n in numbers] == verbs
    shown = texts(at.markdown)
    assert all(
        f"**{n}.** *{escape_markdown(verb)}*" in shown
        for n, verb in zip(numbers, verbs, strict=True)
    )
    assert f"{len(verbs)} operative paragraph(s)" in texts(at.caption)


def test_the_source_is_escaped_whatever_it_holds(app_on: AppOn, data: Path) -> None:
    """Markup in the text given reaches the page as text, inside and outside the marks."""
    hostile = TEXT_57_58.replace(
        "Agrees that reductions", "Agrees <script>alert(1)</script> that reductions", 1
    ).replace("United Nations", '<img src=x onerror="alert(2)">', 1)
    at = paste(add_page(app_on, data, NO_EDITORS), hostile)
    body = "".join(data_html(at))
    assert "<script" not in body and "<img" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in body
    assert marked_paragraphs(at) == list(range(1, 9))


def test_a_second_language_of_a_resolution_held_says_it_fills(app_on: AppOn, data: Path) -> None:
    """The fixture's A/RES/58/50 without its Chinese verb of OP4: the Chinese text would fill
    it, and the page says so."""
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("    zh: 吁请\n", "", 1), encoding="utf-8")
    at = paste(add_page(app_on, data, NO_EDITORS), TEXT_58_50_ZH)
    assert "A\\/RES\\/58\\/50 is in the data. Saving fills 1 zh text(s)" in texts(at.info)
    fills = table(at, "field")
    assert list(fills["record"]) == ["A/RES/58/50:OP4"] and list(fills["value"]) == ["吁请"]
    assert "validates" in texts(at.success)


# --- who may save ------------------------------------------------------------------------


def test_a_viewer_sees_the_drafts_but_no_save_button(app_on: AppOn, data: Path) -> None:
    at = paste(add_page(app_on, data, NO_EDITORS), TEXT_57_58)
    assert "add_save" not in buttons(at)
    assert "This app is read-only" in texts(at.info)
    assert "Only editors can save" in texts(at.info)
    assert "A\\/RES\\/57\\/58 is not in the data" in texts(at.info)
    assert len(table(at, "action")) == 8


def test_a_viewer_who_could_sign_in_sees_no_save_button(app_on: AppOn, data: Path) -> None:
    at = paste(add_page(app_on, data, PASSWORD_SECRETS), TEXT_57_58)
    assert "add_save" not in buttons(at)
    assert "add_auth_sign_in" in buttons(at)
    assert "Only editors can save" in texts(at.info)


# --- saving ------------------------------------------------------------------------------


def test_an_editor_saves_the_corrected_drafts_of_a_new_resolution(
    app_on: AppOn, data: Path
) -> None:
    """A text whose symbol was misread ("57/38"), with a verb corrected on the page, is saved
    as A/RES/57/58 with that verb: the file then validates, holds the new records, and every
    line it had before is still there, unchanged; the page links to the new commitments."""
    old = data.read_text(encoding="utf-8")
    misread = TEXT_57_58.replace("A/RES/57/58", "A/RES/57/38").replace("57/58.", "57/38.")
    at = signed_in(app_on, data, misread)
    assert at.text_input(key="add_symbol").value == "A/RES/57/38"
    at.text_input(key="add_symbol").input("A/RES/57/58")
    at.text_input(key="add_verb_7").input("Also calls for")
    run(at)
    drafts = table(at, "action")
    assert list(drafts["id"])[6] == "A/RES/57/58:OP7"
    assert list(drafts["verb"])[6] == "Also calls for"
    assert "validates" in texts(at.success)

    at.button(key="add_save").click()
    run(at)
    assert "Added A\\/RES\\/57\\/58 to" in texts(at.success)
    result = load_dataset(data)
    assert result.ok, [str(p) for p in result.problems]
    assert result.dataset is not None
    new = [c for c in result.dataset.commitments if c.resolution == "A/RES/57/58"]
    assert [c.paragraph for c in new] == list(range(1, 9))
    assert new[6].verb.en == "Also calls for" and new[5].verb.en == "Calls for"
    statuses = {a.status for a in result.dataset.assessments if a.commitment.startswith("A/RES/57")}
    assert statuses == {"not_assessed"}
    added = only_additions(old, data.read_text(encoding="utf-8"))
    assert "- symbol: A/RES/57/58" in added
    assert len(previous_versions(data)) == 1
    links = at.main.get("page_link")
    assert [(link.proto.page, link.proto.query_string) for link in links] == [
        ("commitments", "resolution=A%2FRES%2F57%2F58")
    ]
    # The data cache has the new version: the same text now finds its resolution held.
    assert "nothing to save" in texts(at.info)
    assert at.button(key="add_save").disabled
    # The link's view: the Commitments page filtered to the new resolution.
    at.switch_page("pages/commitments.py")
    at.query_params["resolution"] = "A/RES/57/58"
    run(at)
    assert at.multiselect(key="resolution").value == ["A/RES/57/58"]
    shown = table(at, "verb")
    assert list(shown["id"]) == [f"A/RES/57/58:OP{n}" for n in range(1, 9)]
    assert list(shown["verb"])[6] == "Also calls for"


def test_a_write_conflict_writes_nothing(app_on: AppOn, data: Path) -> None:
    """The file changed by someone else after the drafts were checked: the save is refused
    with a message, and the file is as that other change left it."""
    at = signed_in(app_on, data, TEXT_57_58)
    changed = data.read_text(encoding="utf-8") + "# edited by hand meanwhile\n"
    data.write_text(changed, encoding="utf-8")
    at.button(key="add_save").click()
    run(at)
    assert "changed after these drafts were made" in texts(at.error)
    assert data.read_text(encoding="utf-8") == changed
    assert previous_versions(data) == []


def test_the_role_is_checked_again_when_saving(app_on: AppOn, data: Path) -> None:
    """A session that signed in with a password since rotated in the secrets cannot save:
    the click writes nothing and says why."""
    before = data.read_bytes()
    at = signed_in(app_on, data, TEXT_57_58)
    at.secrets["editors"] = {"password_hash": password_hash("rotated", log2_n=15)}
    at.button(key="add_save").click()
    run(at)
    assert "Only editors may change" in texts(at.error)
    assert "add_save" not in buttons(at)
    assert data.read_bytes() == before


UNKNOWN_57_97 = TEXT_57_58.replace("A/RES/57/58", "A/RES/57/97").replace("57/58.", "57/97.")


def test_a_text_not_yet_beside_the_data_is_saved_with_its_records(
    app_on: AppOn, data: Path
) -> None:
    """A resolution whose official text is not where the data will name it: the page says
    the save writes it there; after the save the text is there, byte for byte as pasted,
    and the data validates with the file check included."""
    target = data.parent / "sources" / "A_RES_57_97_en.txt"
    assert not target.exists()
    at = signed_in(app_on, data, UNKNOWN_57_97)
    assert "saving writes this text there" in texts(at.info)
    assert "validates" in texts(at.success)
    at.button(key="add_save").click()
    run(at)
    assert "Added A\\/RES\\/57\\/97 to" in texts(at.success), texts(at.error)
    assert target.read_text(encoding="utf-8") == UNKNOWN_57_97
    result = load_dataset(data)
    assert result.ok, [str(p) for p in result.problems]
    assert result.dataset is not None
    (added,) = [r for r in result.dataset.resolutions if r.symbol == "A/RES/57/97"]
    assert added.source_files == {"en": "sources/A_RES_57_97_en.txt"}


def test_a_failed_save_takes_the_new_text_away_again(app_on: AppOn, data: Path) -> None:
    """The records cannot be written (the data changed meanwhile): the official text saved
    first is removed again, and the data file is as the other change left it."""
    target = data.parent / "sources" / "A_RES_57_97_en.txt"
    at = signed_in(app_on, data, UNKNOWN_57_97)
    changed = data.read_text(encoding="utf-8") + "# edited by hand meanwhile\n"
    data.write_text(changed, encoding="utf-8")
    at.button(key="add_save").click()
    run(at)
    assert "changed after these drafts were made" in texts(at.error)
    assert not target.exists()
    assert data.read_text(encoding="utf-8") == changed


def test_a_text_without_its_adoption_date_asks_for_it(app_on: AppOn, data: Path) -> None:
    """A new resolution's text that prints no date: the page says the drafts need one and
    offers the field; the date given is the date of the drafted assessments."""
    undated = TEXT_57_58.replace("22 November 2002\n", "")
    at = paste(add_page(app_on, data, NO_EDITORS), undated)
    assert "prints no adoption date" in texts(at.error)
    at.date_input(key="add_adopted").set_value(dt.date(2002, 11, 22))
    run(at)
    assert not at.error
    assert "validates" in texts(at.success)


# --- bad input ---------------------------------------------------------------------------

NO_OPERATIVE = "The General Assembly,\nRecalling its earlier resolutions,\nNoting the report,\n"


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("empty", "Paste a resolution's official text, or upload it"),
        ("no-operative", "No numbered operative paragraph was found"),
        ("binary", "is not a UTF-8 text file"),
        ("chinese-first", "No draft records can be made: every text field"),
    ],
)
def test_bad_input_gets_a_message_not_a_traceback(
    app_on: AppOn, data: Path, case: str, message: str
) -> None:
    if case == "chinese-first":
        data.write_text(data.read_text(encoding="utf-8").replace("A/RES/58/50", "A/RES/58/49"))
    at = add_page(app_on, data, NO_EDITORS)
    if case == "binary":
        at.radio(key="add_source_kind").set_value("upload")
        run(at)
        garbage = bytes(range(128, 256)) * 8 + b"\x00\xff\xfe"
        at.file_uploader(key="add_file").set_value(("resolution.txt", garbage, "text/plain"))
        run(at)
    else:
        text = {"empty": "  \n\t\n", "no-operative": NO_OPERATIVE, "chinese-first": TEXT_58_50_ZH}
        paste(at, text[case])
    shown = texts([*at.info, *at.error])
    assert message in shown
    assert "add_save" not in buttons(at)


# --- Security Council texts, every header field, limits ----------------------------------

CORPUS = REPO / "tests" / "fixtures" / "ingest" / "corpus"
SC_1263 = (CORPUS / "S_RES_1263_1999_en.txt").read_text(encoding="utf-8")
SC_1839 = (CORPUS / "S_RES_1839_2008_en.txt").read_text(encoding="utf-8")


def test_a_security_council_resolution_goes_from_paste_to_saved_drafts(
    app_on: AppOn, data: Path
) -> None:
    """S/RES/1263 (1999) as a web page gives it: the page reads its symbol, body, date and
    meeting, asks only for the title it does not print, and saves drafts that validate, the
    Council's own 'Decides' assessed as the Council's."""
    at = paste(add_page(app_on, data, PASSWORD_SECRETS), SC_1263)
    assert at.text_input(key="add_symbol").value == "S/RES/1263 (1999)"
    assert at.radio(key="add_body").value == "security_council"
    assert at.date_input(key="add_adopted").value == dt.date(1999, 9, 13)
    assert at.text_input(key="add_meeting").value == "4044th meeting"
    assert marked_paragraphs(at) == [1, 2, 3, 4]
    assert "prints no title" in texts(at.error) and "Title on the page" in texts(at.error)
    at.text_input(key="add_title").input("The situation concerning Western Sahara")
    run(at)
    assert not at.error
    at.text_input(key="add_auth_name").input("Li Wei")
    at.text_input(key="add_auth_password").input(PASSWORD)
    at.button(key="add_auth_sign_in").click()
    run(at)
    drafts = table(at, "action")
    assert list(drafts["id"]) == [f"S/RES/1263(1999):OP{n}" for n in range(1, 5)]
    assert list(drafts["verb"]) == [
        "Decides ... and reaffirms",
        "Requests",
        "Requests also",
        "Decides",
    ]
    assert "validates" in texts(at.success)
    at.button(key="add_save").click()
    run(at)
    assert "Added S\\/RES\\/1263\\(1999\\) to" in texts(at.success), texts(at.error)
    result = load_dataset(data)
    assert result.ok, [str(p) for p in result.problems]
    assert result.dataset is not None
    (added,) = [r for r in result.dataset.resolutions if r.symbol == "S/RES/1263(1999)"]
    assert (added.title.en, added.session, added.meeting) == (
        "The situation concerning Western Sahara",
        None,
        "4044th meeting",
    )
    decides = [c for c in result.dataset.commitments if c.resolution == added.symbol]
    assert decides[3].addressed.actors == ("UNSC",)


def test_every_header_field_can_be_given_where_the_text_prints_none(
    app_on: AppOn, data: Path
) -> None:
    """S/RES/1839 (2008) as a news site prints it, without its symbol: the symbol and title
    given on the page are enough for drafts that validate."""
    at = paste(add_page(app_on, data, NO_EDITORS), SC_1839)
    assert "prints no document symbol" in texts(at.error)
    at.text_input(key="add_symbol").input("S/RES/1839 (2008)")
    at.text_input(key="add_title").input("The situation in Georgia")
    at.text_input(key="add_meeting").input("5992nd meeting (corrected)")
    run(at)
    assert not at.error
    assert list(table(at, "action")["id"]) == ["S/RES/1839(2008):OP1", "S/RES/1839(2008):OP2"]
    assert "validates" in texts(at.success)


def test_a_body_that_contradicts_the_symbol_is_refused_with_the_reason(
    app_on: AppOn, data: Path
) -> None:
    at = paste(add_page(app_on, data, NO_EDITORS), TEXT_57_58)
    at.radio(key="add_body").set_value("security_council")
    run(at)
    shown = texts(at.error).replace("\\", "")
    assert "A/RES/57/58 is a symbol of the general assembly, but the body is the security " in shown
    assert "add_save" not in buttons(at)


def test_a_text_over_the_limit_is_refused_with_a_message(
    app_on: AppOn, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server checks the size of a paste and of an upload (the browser's limits can be
    bypassed): over the limit, the page says so and reads nothing."""
    monkeypatch.setattr("ui.ingest_view.MAX_TEXT_BYTES", 2_000)
    at = add_page(app_on, data, NO_EDITORS)
    # Past the browser's limit, as a client that ignores it would send it.
    at.text_area(key="add_text").set_value(TEXT_57_58)
    run(at)
    assert "this page reads up to 2,000, so nothing was read" in texts(at.error)
    assert data_html(at) == []
    at.radio(key="add_source_kind").set_value("upload")
    run(at)
    big = TEXT_57_58.encode("utf-8")
    at.file_uploader(key="add_file").set_value(("A_RES_57_58_en.txt", big, "text/plain"))
    run(at)
    assert "this page reads texts of up to 5 MB, so nothing was read" in texts(at.error)
    assert data_html(at) == []


def test_the_parse_is_made_once_per_text(
    app_on: AppOn, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reruns of the same text (a correction typed, a verb changed) reuse its parse."""
    import ui.ingest_view as view

    calls: list[str] = []
    parse = view.parse_resolution

    def counted(text: str, lang: str) -> Any:
        calls.append(lang)
        return parse(text, lang)

    monkeypatch.setattr(view, "parse_resolution", counted)
    at = paste(add_page(app_on, data, NO_EDITORS), TEXT_57_58)
    at.text_input(key="add_verb_7").input("Also calls for")
    run(at)
    at.text_input(key="add_meeting").input("72nd plenary meeting")
    run(at)
    assert calls == ["auto"]
