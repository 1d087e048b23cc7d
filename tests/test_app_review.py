"""The Review page through Streamlit's AppTest: what changed, the agenda and presenter mode,
the decision forms shown to editors only (OIDC allow-list or password), a decision written to
a copy of the data and seen in 'what changed', no lost update, and the role checked again at
the moment of writing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import NO_EDITORS, AppOn, run
from tracker.exchange.decisions import decisions_csv
from tracker.present import pdf
from tracker.present.brief import meeting_brief_html
from tracker.query.index import Pair, index_of
from tracker.query.review import agenda, changes_between
from tracker.source.access import PASSWORD_ENV, password_hash
from tracker.source.loader import load_dataset
from tracker.source.store import Editor, append_records

OP4 = "A/RES/58/50:OP4"
OP5 = "A/RES/58/50:OP5"
OP10 = "A/RES/58/50:OP10"
OP4_SLOT = 0  # OP4 is the fixture's first commitment: its widgets end in _0
PASSWORD = "a long editor passphrase"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "t3st-only:6f1c0d9a8b7e2f4c5a3d1e0b9c8a7f6e",
    "client_id": "tracker",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
LOGIN_SECRETS = {"auth": AUTH, "editors": {"emails": ["analyst@example.org"]}}
PASSWORD_SECRETS = {"editors": {"password_hash": password_hash(PASSWORD, log2_n=15)}}
# Some secrets, none about editing: without any, AppTest would read the real secrets files.
EDITOR_USER = {
    "is_logged_in": True,
    "email": "Analyst@Example.org",
    "email_verified": True,
    "name": "A. Analyst",
}


pytestmark = pytest.mark.usefixtures("no_password_in_the_environment")


def review_page(
    app_on: AppOn, data: Path, secrets: dict[str, Any], user: dict[str, Any] | None = None
) -> AppTest:
    at = app_on(data)
    at.secrets.update(secrets)
    if user is not None:
        at.user = user
    run(at).switch_page("pages/review.py")  # the app's navigation first, as a visitor enters it
    return at


def keys(at: AppTest) -> set[str]:
    return {button.key for button in at.button if button.key}


def shows_form(at: AppTest) -> bool:
    return "review_a_save" in keys(at) and "review_e_save" in keys(at)


def signed_in_with_password(app_on: AppOn, data: Path) -> AppTest:
    at = run(review_page(app_on, data, PASSWORD_SECRETS))
    at.text_input(key="review_auth_name").input("Li Wei")
    at.text_input(key="review_auth_password").input(PASSWORD)
    at.button(key="review_auth_sign_in").click()
    return run(at)


def fill_assessment(at: AppTest, *, status: str = "regressing", evidence: str = "E40") -> None:
    at.selectbox(key="review_a_commitment").set_value(OP4)
    run(at)
    at.selectbox(key=f"review_a_actor_{OP4_SLOT}").set_value("RUS")
    at.selectbox(key="review_a_status").set_value(status)
    at.selectbox(key=f"review_a_rating_{OP4_SLOT}_verifiability").set_value("absent")
    at.text_area(key="review_a_rationale_en").input(
        f"Reviewed: still deployed abroad ({evidence})."
    )
    at.multiselect(key=f"review_a_evidence_{OP4_SLOT}").set_value([evidence])


def new_assessment_ids(at: AppTest) -> list[str]:
    """The ids in the table of new assessments (the one table with a 'change' column)."""
    tables = [frame.value for frame in at.dataframe if "change" in frame.value.columns]
    return list(tables[0]["id"]) if tables else []


def downloads(at: AppTest) -> set[str]:
    """The keys of the download buttons (AppTest keeps a widget's key at the end of its id)."""
    return {button.proto.id.rsplit("-", 1)[-1] for button in at.get("download_button")}


# --- viewing -----------------------------------------------------------------------------


def test_page_entered_directly_shows_counts_and_agenda(app_on: AppOn, data: Path) -> None:
    """Run on its own, as a deep link on a fresh server runs it, the page sets itself up and
    shows the counts of what changed and one agenda entry per commitment."""
    at = run(review_page(app_on, data, NO_EDITORS))
    assert at.title[0].value == "Review"
    counts = {metric.label: metric.value for metric in at.metric}
    assert set(counts) >= {
        "Status moves",
        "Worsened",
        "Corrections of the record",
        "Stale judgements",
        "Contradictions",
    }
    assert {f"review_open_{n}" for n in (0, 1)} <= keys(at)


def test_review_page_in_the_navigation(app_on: AppOn, data: Path) -> None:
    """Reached through app.py's navigation, the page renders with its links to details."""
    at = app_on(data)
    at.secrets.update(NO_EDITORS)
    run(at)
    at.switch_page("pages/review.py")
    run(at)
    assert at.title[0].value == "Review"
    links = at.main.get("page_link")
    assert links and all(link.proto.page == "commitments" for link in links)


def test_review_page_in_chinese(app_on: AppOn, data: Path) -> None:
    at = review_page(app_on, data, NO_EDITORS)
    at.query_params["lang"] = "中文"
    run(at)
    assert at.title[0].value == "审议"
    assert "状态变化" in {metric.label for metric in at.metric}


def test_window_starts_at_the_chosen_day(app_on: AppOn, data: Path) -> None:
    """Choosing 'changes since' 2023-01-01 brings the June 2023 judgement of Russia on OP4
    into the window, as a worsened one, and E40 as new evidence."""
    at = review_page(app_on, data, NO_EDITORS)
    at.query_params["review_since"] = "2023-01-01"
    run(at)
    counts = {metric.label: metric.value for metric in at.metric}
    assert counts["Status moves"] == "1"
    assert counts["Worsened"] == "1"
    assert counts["New evidence"] == "1"
    # The US judgement of that day (the correction, unchanged) is behind the toggle.
    assert new_assessment_ids(at) == ["AS-OP4-RUS-2023-06-16"]
    # Worsened comes first on the agenda.
    first = next(md.value for md in at.markdown if md.value.startswith("**1."))
    assert "OP4" in first and "Worsened" in first


def test_agenda_order_can_be_edited(app_on: AppOn, data: Path) -> None:
    """Moving the first item down swaps it with the second; 'restore' undoes it."""
    at = run(review_page(app_on, data, NO_EDITORS))

    def first_item() -> str:
        return next(md.value for md in at.markdown if md.value.startswith("**1."))

    before = first_item()
    first_slot = 0 if "OP4" in before else 1
    at.button(key=f"review_down_{first_slot}").click()
    run(at)
    assert first_item() != before
    at.button(key="review_reset_order").click()
    run(at)
    assert first_item() == before


def test_presenter_mode_shows_one_commitment_at_a_time(app_on: AppOn, data: Path) -> None:
    """From a link (?review_present=true) the page shows the first agenda item alone with its
    text, statuses, chart and evidence; 'next' moves on and the URL names the item."""
    at = review_page(app_on, data, NO_EDITORS)
    at.query_params["review_present"] = "true"
    run(at)
    assert not at.metric, "presenter mode shows the item, not the counts"
    assert len(at.get("plotly_chart")) == 1
    assert any("Item 1 of 3" in caption.value for caption in at.caption)
    assert at.button(key="review_previous").disabled
    for number in (2, 3):
        at.button(key="review_next").click()
        run(at)
        assert any(f"Item {number} of 3" in caption.value for caption in at.caption)
    assert at.button(key="review_next").disabled
    assert at.query_params["review_item"] in ([OP4], [OP5], [OP10], OP4, OP5, OP10)


def test_open_an_agenda_item_presents_it(app_on: AppOn, data: Path) -> None:
    at = run(review_page(app_on, data, NO_EDITORS))
    at.button(key="review_open_2").click()  # OP10
    run(at)
    assert at.toggle(key="review_present").value
    headings = [md.value for md in at.markdown if md.value.startswith("## ")]
    assert headings == ["## OP10 · Decides"]


# --- who sees the forms ------------------------------------------------------------------


def test_without_editors_the_page_is_read_only_and_says_how_to_edit(
    app_on: AppOn, data: Path
) -> None:
    at = run(review_page(app_on, data, NO_EDITORS))
    assert not shows_form(at)
    assert "read-only" in at.info[0].value
    assert "[editors]" in at.info[0].value and PASSWORD_ENV in at.info[0].value


@pytest.mark.parametrize(
    "user",
    [
        {"is_logged_in": False},
        {"email": "analyst@example.org"},  # AppTest's default kind of user: no login
        {"is_logged_in": True, "email": "someone.else@example.org"},
        {"is_logged_in": True, "email": "analyst@example.org", "email_verified": False},
        # a provider that does not say the address is verified
        {"is_logged_in": True, "email": "analyst@example.org"},
    ],
)
def test_login_configured_viewers_get_no_form(
    app_on: AppOn, data: Path, user: dict[str, Any]
) -> None:
    at = run(review_page(app_on, data, LOGIN_SECRETS, user))
    assert not shows_form(at)
    if user.get("is_logged_in"):
        assert "review_auth_log_out" in keys(at)
    else:
        assert "review_auth_log_in" in keys(at)


def test_an_editor_on_the_allow_list_gets_the_forms(app_on: AppOn, data: Path) -> None:
    at = run(review_page(app_on, data, LOGIN_SECRETS, EDITOR_USER))
    assert shows_form(at)
    assert any(md.value.startswith("Editing as **A") for md in at.markdown)
    assert at.text_input(key="review_a_assessor").value == "A. Analyst"


def test_the_editor_password(app_on: AppOn, data: Path) -> None:
    """A wrong password shows an error and no form; the right one shows the forms until the
    editor stops editing."""
    at = run(review_page(app_on, data, PASSWORD_SECRETS))
    assert not shows_form(at)
    at.text_input(key="review_auth_password").input("guess")
    at.button(key="review_auth_sign_in").click()
    run(at)
    assert not shows_form(at)
    assert "not the editor password" in at.error[0].value

    at = signed_in_with_password(app_on, data)
    assert shows_form(at)
    assert at.text_input(key="review_a_assessor").value == "Li Wei"
    at.button(key="review_auth_sign_out").click()
    run(at)
    assert not shows_form(at)


def test_the_password_from_the_environment(
    app_on: AppOn, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, password_hash(PASSWORD, log2_n=15))
    at = signed_in_with_password(app_on, data)
    assert shows_form(at)


# --- writing -----------------------------------------------------------------------------


def test_a_submitted_assessment_appears_in_what_changed(app_on: AppOn, data: Path) -> None:
    """An editor records a decision: the file gains the assessment and a review of today with
    its participants, and the page, rerun on the new file, lists it under 'what changed'."""
    before = data.read_text(encoding="utf-8")
    at = run(review_page(app_on, data, LOGIN_SECRETS, EDITOR_USER))
    at.text_area(key="review_participants").input("A. Analyst\nB. Chair")
    fill_assessment(at)
    at.button(key="review_a_save").click()
    run(at)
    assert not at.error, [e.value for e in at.error]
    today = dt.date.today().isoformat()
    new_id = f"AS-OP4-RUS-{today}"
    assert "Written to" in at.success[0].value
    # It confirms the status in force (regressing): not a status move, listed with the rest.
    assert new_id not in new_assessment_ids(at)
    at.toggle(key="review_show_all").set_value(True)
    run(at)
    assert new_id in new_assessment_ids(at)

    after = data.read_text(encoding="utf-8")
    assert after.startswith(before.removesuffix("reviews: []\n"))
    loaded = load_dataset(data)
    assert loaded.dataset is not None and not loaded.problems
    written = next(a for a in loaded.dataset.assessments if a.id == new_id)
    assert (written.status, written.evidence, written.review) == (
        "regressing",
        ("E40",),
        f"review-{today}",
    )
    assert dict(written.ratings) == {"verifiability": "absent"}
    assert written.assessor == "A. Analyst"
    (review,) = loaded.dataset.reviews
    assert review.participants == ("A. Analyst", "B. Chair")
    assert review.decisions == (new_id,)

    # The brief and the decisions CSV the page offers carry the decision.
    csv = decisions_csv(loaded.dataset, review.id).decode("utf-8-sig")
    assert new_id in csv and "A. Analyst" in csv
    changes = changes_between(loaded.dataset, dt.date(2023, 1, 1), dt.date.today())
    html = meeting_brief_html(
        loaded.dataset, changes, agenda(changes, loaded.dataset), dt.date.today(), "en", review
    )
    assert "Decisions of this meeting" in html and "still deployed abroad" in html


def test_a_saved_decision_clears_its_form(app_on: AppOn, data: Path) -> None:
    """After Save, status, ratings, rationale and evidence are empty again: a second click
    cannot record the same decision twice without the analyst filling it in again."""
    at = run(review_page(app_on, data, LOGIN_SECRETS, EDITOR_USER))
    fill_assessment(at)
    at.button(key="review_a_save").click()
    run(at)
    assert not at.error, [e.value for e in at.error]
    assert at.selectbox(key="review_a_status").value is None
    assert at.selectbox(key=f"review_a_rating_{OP4_SLOT}_verifiability").value is None
    assert at.text_area(key="review_a_rationale_en").value == ""
    assert at.multiselect(key=f"review_a_evidence_{OP4_SLOT}").value == []


def test_what_changed_lists_corrections_apart(app_on: AppOn, data: Path) -> None:
    """The US correction written on 2026-11-20 is in a window from 2026-11-01 as a correction
    (what was wrong, what stands now, why), and not as a new assessment: it speaks for 2023."""
    at = review_page(app_on, data, NO_EDITORS)
    at.query_params["review_since"] = "2026-11-01"
    run(at)
    counts = {metric.label: metric.value for metric in at.metric}
    assert (counts["Corrections of the record"], counts["Status moves"]) == ("1", "0")
    [fixed] = [frame.value for frame in at.dataframe if "why" in frame.value.columns]
    assert fixed.iloc[0].to_dict() == {
        "paragraph": "OP4",
        "actor": "United States of America",
        "date": dt.date(2023, 6, 16),
        "was": "Regressing",
        "now": "No progress",
        "why": "E40 reports Russian warheads in Belarus, not a step of the United States.",
        "recorded": dt.date(2026, 11, 20),
        "id": "AS-OP4-USA-2023-06-16 → AS-OP4-USA-2023-06-16-2",
    }
    assert new_assessment_ids(at) == []


def choose_correction(at: AppTest, corrected: str) -> None:
    """Open the assessment form on the US judgements of OP4 and pick the one to correct."""
    at.selectbox(key="review_a_commitment").set_value(OP4)
    run(at)
    at.selectbox(key=f"review_a_actor_{OP4_SLOT}").set_value("USA")
    run(at)
    at.selectbox(key=f"review_a_corrects_{OP4_SLOT}_1").set_value(corrected)  # USA: 2nd actor
    run(at)
    at.selectbox(key="review_a_status").set_value("no_progress")
    at.text_area(key="review_a_rationale_en").input("Voted against in both votes (E01).")
    at.multiselect(key=f"review_a_evidence_{OP4_SLOT}").set_value(["E01"])


def test_a_correction_needs_a_reason(app_on: AppOn, data: Path) -> None:
    """Without a reason the form says so and nothing is written."""
    before = data.read_bytes()
    at = run(review_page(app_on, data, LOGIN_SECRETS, EDITOR_USER))
    choose_correction(at, "AS-OP4-USA-2003-12-08")
    at.button(key="review_a_save").click()
    run(at)
    assert "a correction needs a reason" in at.error[0].value
    assert data.read_bytes() == before


def test_a_correction_saved_through_the_form(app_on: AppOn, data: Path) -> None:
    """An editor corrects the US baseline of OP4: the new assessment names it and the reason,
    speaks for the corrected day, is recorded today, and replaces it in every status."""
    at = run(review_page(app_on, data, LOGIN_SECRETS, EDITOR_USER))
    choose_correction(at, "AS-OP4-USA-2003-12-08")
    assert at.date_input(key=f"review_a_speaks_for_{OP4_SLOT}_1").value == dt.date(2003, 12, 8)
    at.text_area(key="review_a_reason_en").input("The rationale misnamed the committee vote.")
    at.button(key="review_a_save").click()
    run(at)
    assert not at.error, [e.value for e in at.error]
    loaded = load_dataset(data)
    assert loaded.dataset is not None and not loaded.problems
    [written] = [a for a in loaded.dataset.assessments if a.id == "AS-OP4-USA-2003-12-08-2"]
    assert written.corrects is not None
    assert written.corrects.assessment == "AS-OP4-USA-2003-12-08"
    assert written.corrects.reason.en == "The rationale misnamed the committee vote."
    assert (written.date, written.recorded) == (dt.date(2003, 12, 8), dt.date.today())
    assert written.evidence == ("E01",)
    history = index_of(loaded.dataset).history(Pair(OP4, "USA"))
    assert [a.id for a in history] == ["AS-OP4-USA-2003-12-08-2", "AS-OP4-USA-2023-06-16-2"]
    # The form is cleared: the next assessment is a new judgement unless told otherwise.
    assert at.selectbox(key=f"review_a_corrects_{OP4_SLOT}_1").value is None


def two_decisions_on_one_day(app_on: AppOn, data: Path) -> AppTest:
    """The page after a decision on Russia's OP4 is saved and a second one for the same pair
    and day is filled in and saved."""
    at = run(review_page(app_on, data, LOGIN_SECRETS, EDITOR_USER))
    fill_assessment(at)
    at.button(key="review_a_save").click()
    run(at)
    fill_assessment(at, status="no_progress", evidence="E29")
    at.button(key="review_a_save").click()
    return run(at)


def test_a_second_decision_for_the_same_pair_and_day_asks_first(app_on: AppOn, data: Path) -> None:
    """A second decision on Russia's OP4 the same day is held until confirmed; then it joins
    the same review."""
    at = two_decisions_on_one_day(app_on, data)
    assert "already has a decision dated" in at.warning[0].value
    loaded = load_dataset(data)
    assert loaded.dataset is not None
    assert len(loaded.dataset.reviews[0].decisions) == 1
    at.button(key="review_a_confirm").click()
    run(at)
    assert not at.error, [e.value for e in at.error]
    loaded = load_dataset(data)
    assert loaded.dataset is not None
    (review,) = loaded.dataset.reviews
    today = dt.date.today().isoformat()
    assert review.decisions == (f"AS-OP4-RUS-{today}", f"AS-OP4-RUS-{today}-2")


def test_cancel_drops_the_second_decision(app_on: AppOn, data: Path) -> None:
    at = two_decisions_on_one_day(app_on, data)
    at.button(key="review_a_cancel").click()
    run(at)
    assert not at.warning
    loaded = load_dataset(data)
    assert loaded.dataset is not None
    assert len(loaded.dataset.reviews[0].decisions) == 1


def test_a_changed_file_is_a_conflict_and_reapply_keeps_the_values(
    app_on: AppOn, data: Path
) -> None:
    """The form remembers the version it was opened on: a write made meanwhile by someone
    else makes the save fail with a clear message and changes nothing; 'reload and apply
    again' writes the same values on top of the other change."""
    at = run(review_page(app_on, data, LOGIN_SECRETS, EDITOR_USER))
    fill_assessment(at)
    run(at)

    other = load_dataset(data)
    assert other.dataset is not None
    usa = next(a for a in other.dataset.assessments if a.id == "AS-OP4-USA-2003-12-08")
    append_records(
        data,
        base_hash=other.content_hash,
        editor=Editor(name="someone else"),
        assessments=[
            usa.model_copy(
                update={
                    "id": "AS-OP4-USA-OTHER",
                    "date": dt.date.today(),
                    "recorded": dt.date.today(),
                }
            )
        ],
    )
    theirs = data.read_bytes()

    at.button(key="review_a_save").click()
    run(at)
    assert data.read_bytes() == theirs
    assert any("changed since it was loaded" in e.value for e in at.error)
    assert at.text_area(key="review_a_rationale_en").value.startswith("Reviewed:")

    at.button(key="review_reapply").click()
    run(at)
    assert not at.error, [e.value for e in at.error]
    loaded = load_dataset(data)
    assert loaded.dataset is not None
    ids = {a.id for a in loaded.dataset.assessments}
    assert {"AS-OP4-USA-OTHER", f"AS-OP4-RUS-{dt.date.today().isoformat()}"} <= ids


def test_the_role_is_checked_again_when_saving(app_on: AppOn, data: Path) -> None:
    """A session that signed in with a password that has since been changed in the secrets
    cannot save: the form goes, and the click writes nothing."""
    before = data.read_bytes()
    at = signed_in_with_password(app_on, data)
    fill_assessment(at)
    at.secrets["editors"] = {"password_hash": password_hash("rotated", log2_n=15)}
    at.button(key="review_a_save").click()
    run(at)
    assert not shows_form(at)
    assert data.read_bytes() == before


def write_script(path: str, claim: str, genuine: bool) -> None:
    """A page of its own that puts `claim` in the session as its password proof (or, when
    `genuine`, the proof that signing in with `claim` gives) and calls the write directly."""
    import datetime as dt
    from pathlib import Path

    import streamlit as st

    from tracker.domain.model import Review, Text
    from tracker.source.access import password_proof
    from tracker.source.store import NotAnEditor
    from ui.auth import PROOF_KEY, settings, write_as_editor

    st.session_state[PROOF_KEY] = password_proof(settings(), claim) if genuine else claim
    review = Review(id="review-forged", date=dt.date(2024, 1, 1), title=Text(en="Forged"))
    try:
        write_as_editor(Path(path), base_hash=st.session_state.get("hash", ""), review=review)
    except NotAnEditor:
        st.text("refused")
    else:
        st.text("written")


@pytest.mark.parametrize(
    ("claim", "genuine", "outcome"),
    [
        ("forged", False, "refused"),
        # The password itself in the session is no proof of having typed it.
        (PASSWORD, False, "refused"),
        ("a wrong passphrase", True, "refused"),
        (PASSWORD, True, "written"),
    ],
)
def test_write_as_editor_asks_again(data: Path, claim: str, genuine: bool, outcome: str) -> None:
    """`write_as_editor` decides from the secrets at the moment of writing, whatever the
    session state claims."""
    at = AppTest.from_function(write_script, args=(str(data), claim, genuine), default_timeout=30)
    at.secrets.update(PASSWORD_SECRETS)
    loaded = load_dataset(data)
    at.session_state["hash"] = loaded.content_hash
    run(at)
    assert at.text[0].value == outcome
    reloaded = load_dataset(data)
    assert reloaded.dataset is not None
    assert [r.id for r in reloaded.dataset.reviews] == (
        ["review-forged"] if outcome == "written" else []
    )


def test_evidence_with_an_unsafe_link_is_refused(app_on: AppOn, data: Path) -> None:
    """The evidence form goes through the same checks as the file: a javascript: address is
    refused with the problem named, and nothing is written."""
    before = data.read_bytes()
    at = run(review_page(app_on, data, LOGIN_SECRETS, EDITOR_USER))
    at.text_input(key="review_e_date").input("2024-05")
    at.multiselect(key="review_e_actors").set_value(["RUS"])
    at.multiselect(key="review_e_commitments").set_value([OP4])
    at.selectbox(key="review_e_direction").set_value("regression")
    at.text_area(key="review_e_summary_en").input("A test event.")
    at.text_input(key="review_e_title").input("A report")
    at.text_input(key="review_e_publisher").input("A publisher")
    at.text_input(key="review_e_url").input("javascript:alert(1)")
    at.selectbox(key="review_e_source_type").set_value("press")
    at.button(key="review_e_save").click()
    run(at)
    assert any("bad-url" in e.value for e in at.error), [e.value for e in at.error]
    assert data.read_bytes() == before

    at.text_input(key="review_e_url").input("https://example.org/report")
    at.button(key="review_e_save").click()
    run(at)
    assert not at.error, [e.value for e in at.error]
    loaded = load_dataset(data)
    assert loaded.dataset is not None
    item = loaded.dataset.evidence[-1]
    assert (item.id, item.date, item.date_precision) == ("E41", "2024-05", "month")
    # The form is empty again, ready for the next item, with the next id proposed.
    assert at.text_input(key="review_e_id").value == "E42"
    assert at.text_area(key="review_e_summary_en").value == ""


def test_a_missing_status_is_said_and_nothing_is_written(app_on: AppOn, data: Path) -> None:
    before = data.read_bytes()
    at = run(review_page(app_on, data, LOGIN_SECRETS, EDITOR_USER))
    at.button(key="review_a_save").click()
    run(at)
    assert "Choose the new status" in at.error[0].value
    assert data.read_bytes() == before


# --- the brief ---------------------------------------------------------------------------


@pytest.fixture
def printer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """A fresh PDF printer whose Chromium is a stand-in that records what it printed."""
    printed: list[str] = []

    def stand_in(html: str, chromium: Path) -> bytes:
        printed.append(html)
        return b"%PDF-stand-in"

    chromium = tmp_path / "chromium"
    chromium.touch()
    monkeypatch.setattr(pdf, "CHROMIUM", chromium)
    monkeypatch.setattr(pdf, "_PRINTER", pdf._Printer())
    monkeypatch.setattr(pdf, "_print", stand_in)
    return printed


def test_brief_downloads_are_offered(app_on: AppOn, data: Path, printer: list[str]) -> None:
    """With no review recorded, a viewer gets the HTML brief, why there is no decisions CSV,
    and no PDF until an editor has had it printed."""
    at = run(review_page(app_on, data, NO_EDITORS))
    assert downloads(at) == {"review_download_html"}
    assert "review_make_pdf" not in keys(at)
    assert any("no decisions to export" in caption.value for caption in at.caption)
    assert any("when an editor asks for it" in caption.value for caption in at.caption)


def test_an_editor_prints_the_pdf_once_and_viewers_then_get_it(
    app_on: AppOn, data: Path, printer: list[str]
) -> None:
    at = run(review_page(app_on, data, LOGIN_SECRETS, EDITOR_USER))
    assert "review_download_pdf" not in downloads(at)
    at.button(key="review_make_pdf").click()
    run(at)
    assert "review_download_pdf" in downloads(at) and len(printer) == 1
    viewer = run(review_page(app_on, data, LOGIN_SECRETS))
    assert "review_download_pdf" in downloads(viewer)
    assert len(printer) == 1
    # Another language is another brief: not printed yet, so not offered.
    viewer.radio(key="lang").set_value("zh")
    assert "review_download_pdf" not in downloads(run(viewer))


def test_a_busy_printer_says_so(
    app_on: AppOn, data: Path, printer: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(*args: object, **kwargs: object) -> bytes:
        raise pdf.PdfBusy("2 PDFs are already waiting to be printed")

    monkeypatch.setattr(pdf, "printed_pdf", busy)
    at = run(review_page(app_on, data, LOGIN_SECRETS, EDITOR_USER))
    at.button(key="review_make_pdf").click()
    run(at)
    assert "its queue is full: try again in a minute" in at.warning[0].value
    assert "review_download_pdf" not in downloads(at)


def test_with_a_review_the_decisions_csv_is_offered(app_on: AppOn, data: Path) -> None:
    at = run(review_page(app_on, data, LOGIN_SECRETS, EDITOR_USER))
    fill_assessment(at)
    at.button(key="review_a_save").click()
    run(at)
    assert "review_download_csv" in downloads(at)
    assert at.selectbox(key="review_brief").value == f"review-{dt.date.today()}"


def test_pdf_missing_chromium_says_why(
    app_on: AppOn, data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pdf, "CHROMIUM", tmp_path / "no-chromium")
    at = run(review_page(app_on, data, NO_EDITORS))
    assert downloads(at) == {"review_download_html"}
    assert any("No PDF here" in caption.value for caption in at.caption)


def test_a_long_agenda_is_shown_a_page_at_a_time(app_on: AppOn, tmp_path: Path) -> None:
    """An agenda longer than a page shows one page of items, says which, and the page picker
    shows the next ones; moving an item works across the whole agenda."""
    from tracker.source.synth import Size, write_synthetic
    from ui.keys import Review
    from ui.review_meeting import AGENDA_PAGE_SIZE

    path = tmp_path / "data.yaml"
    write_synthetic(Size(commitments=60, actors=10, assessments=200, evidence=200), 1, path)
    at = run(review_page(app_on, path, NO_EDITORS))
    total = len(load_dataset(path).dataset.commitments)  # type: ignore[union-attr]
    assert total > AGENDA_PAGE_SIZE
    shown = [key for key in keys(at) if key.startswith("review_open_")]
    assert len(shown) == AGENDA_PAGE_SIZE
    assert any(f"of {total}" in caption.value for caption in at.caption)
    at.selectbox(key=Review.AGENDA_PAGE).select(1)
    run(at)
    second = [key for key in keys(at) if key.startswith("review_open_")]
    assert len(second) == min(AGENDA_PAGE_SIZE, total - AGENDA_PAGE_SIZE)
    assert not set(second) & set(shown)


def test_a_long_table_of_changes_is_shown_a_page_at_a_time(
    app_on: AppOn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table of changes longer than a page shows one page of rows and says which; the page
    picker shows the next ones, and the pages together hold every row once."""
    import ui.review_context
    from tracker.source.synth import Size, write_synthetic

    path = tmp_path / "data.yaml"
    write_synthetic(Size(commitments=60, actors=10, assessments=200, evidence=200), 1, path)
    size = 10
    monkeypatch.setattr(ui.review_context, "TABLE_PAGE_SIZE", size)
    at = run(review_page(app_on, path, NO_EDITORS))
    total = int({metric.label: metric.value for metric in at.metric}["Stale judgements"])
    assert total > 2 * size, "the data should fill more than two pages"

    def stale_rows() -> list[tuple[str, str]]:
        [frame] = [frame.value for frame in at.dataframe if "newest" in frame.value.columns]
        return list(zip(frame["paragraph"], frame["actor"], strict=True))

    seen = stale_rows()
    assert len(seen) == size
    assert any(f"Rows 1–{size} of {total}" in caption.value for caption in at.caption)
    pages = len(at.selectbox(key="review_stale_page").options)
    assert pages == -(-total // size)
    for page in range(1, pages):
        at.selectbox(key="review_stale_page").select(page)
        run(at)
        last = min((page + 1) * size, total)
        assert any(f"Rows {page * size + 1}–{last} of {total}" in c.value for c in at.caption)
        seen += stale_rows()
    assert len(seen) == total == len(set(seen))
