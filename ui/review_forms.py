"""The editors' part of the Review page: recording decisions. The meeting's day and title, the
assessment and evidence forms, their checks, and the write through the store (with the last
write shown and a conflict to resolve)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pydantic
import streamlit as st

from tracker.domain.languages import pick
from tracker.domain.model import (
    Assessment,
    Commitment,
    Correction,
    Criterion,
    Direction,
    Evidence,
    Record,
    Source,
    Text,
    Verification,
    VerificationStatus,
)
from tracker.domain.scale import ordered
from tracker.present.i18n import t
from tracker.present.markdown import escape_markdown
from tracker.query.index import Pair, index_of
from tracker.query.review import date_precision, meeting_review, new_assessment_id, next_evidence_id
from tracker.source import store
from ui.auth import write_as_editor
from ui.data import data_path
from ui.review_context import ReviewContext
from ui.widgets import EARLIEST_AS_OF

BASE_HASH_KEY = "review_base_hash"
CONFLICT_KEY = "review_conflict"
WRITTEN_KEY = "review_written"
CLEAR_KEY = "review_clear"
ASSESSMENT_FIELDS = (
    "review_a_status",
    "review_a_rationale_en",
    "review_a_rationale_zh",
    "review_a_reason_en",
    "review_a_reason_zh",
)
# Keys that hold a pair's number ('review_a_corrects_3_1'): cleared with the form too.
ASSESSMENT_FIELD_PREFIXES = ("review_a_corrects_", "review_a_speaks_for_")
EVIDENCE_FIELDS = (
    "review_e_id",
    "review_e_date",
    "review_e_approximate",
    "review_e_actors",
    "review_e_commitments",
    "review_e_criteria",
    "review_e_direction",
    "review_e_summary_en",
    "review_e_summary_zh",
    "review_e_title",
    "review_e_publisher",
    "review_e_url",
    "review_e_source_type",
    "review_e_confidence",
    "review_e_verification",
    "review_e_verification_note",
)
VERIFICATION_LABELS = {
    VerificationStatus.VERIFIED: "review.verification.verified",
    VerificationStatus.PARTLY_VERIFIED: "review.verification.partly_verified",
    VerificationStatus.UNVERIFIED: "review.verification.unverified",
}


def problems_ui(message: str, problems: Sequence[tuple[str, str]]) -> None:
    lines = "\n".join(f"- `{code}` {escape_markdown(text)}" for code, text in problems)
    st.error(f"{escape_markdown(message)}\n\n{lines}")


def validation_problems(error: pydantic.ValidationError) -> list[tuple[str, str]]:
    return [
        (".".join(str(part) for part in problem["loc"]), problem["msg"])
        for problem in error.errors()
    ]


def assessment_records(ctx: ReviewContext, meeting_day: dt.date) -> dict[str, Any]:
    """The assessment of the form and its review, as records; ValueError names a field left
    empty that the records cannot do without."""
    state = st.session_state
    chosen = ctx.commitments[state["review_a_commitment"]]
    n = ctx.slot[chosen.id]
    actor_id = state[f"review_a_actor_{n}"]
    if state.get("review_a_status") is None:
        raise ValueError(t("review.form.status_missing", ctx.lang))
    pair = _pair_key(chosen, actor_id, n)
    corrected = state.get(f"review_a_corrects_{pair}")
    correction = None
    day = meeting_day
    if corrected is not None:
        reason = state.get("review_a_reason_en", "").strip()
        if not reason:
            raise ValueError(t("review.form.reason_missing", ctx.lang))
        correction = Correction(
            assessment=corrected,
            reason=Text(en=reason, zh=state.get("review_a_reason_zh", "").strip() or None),
        )
        standing = index_of(ctx.data).history(Pair(chosen.id, actor_id))
        wrong = next((a.date for a in standing if a.id == corrected), meeting_day)
        day = _speaks_for(state.get(f"review_a_speaks_for_{pair}"), wrong)
    ratings = {
        ground.criterion: state[f"review_a_rating_{n}_{ground.criterion.value}"]
        for ground in chosen.criteria
        if state.get(f"review_a_rating_{n}_{ground.criterion.value}") is not None
    }
    review = meeting_review(
        ctx.data,
        meeting_day,
        state.get("review_title_en", ""),
        state.get("review_title_zh", ""),
        state.get("review_participants", ""),
    )
    assessment = Assessment(
        id=new_assessment_id(ctx.data, chosen, actor_id, day),
        commitment=chosen.id,
        actor=actor_id,
        date=day,
        recorded=ctx.today,
        corrects=correction,
        status=state["review_a_status"],
        ratings=ratings,
        rationale=Text(
            en=state.get("review_a_rationale_en", "").strip(),
            zh=state.get("review_a_rationale_zh", "").strip() or None,
        ),
        evidence=tuple(state.get(f"review_a_evidence_{n}", ())),
        assessor=state.get("review_a_assessor", "").strip(),
        confidence=state["review_a_confidence"],
        review=review.id,
    )
    return {"assessments": [assessment], "review": review}


def _pair_key(commitment: Commitment, actor: str, slot: int) -> str:
    """A page-scoped key part for a (commitment, actor) pair: ids hold '/' and ':'."""
    return f"{slot}_{commitment.addressed.actors.index(actor)}"


def _speaks_for(value: object, default: dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else default


def evidence_records(ctx: ReviewContext) -> dict[str, Any]:
    state = st.session_state
    date = state.get("review_e_date", "").strip()
    for required, message in (
        ("review_e_direction", "review.form.direction_missing"),
        ("review_e_source_type", "review.form.source_type_missing"),
    ):
        if state.get(required) is None:
            raise ValueError(t(message, ctx.lang))
    note = state.get("review_e_verification_note", "").strip()
    item = Evidence(
        id=state.get("review_e_id", "").strip(),
        date=date,
        date_precision=date_precision(date, bool(state.get("review_e_approximate"))),
        actors=tuple(state.get("review_e_actors", ())),
        commitments=tuple(state.get("review_e_commitments", ())),
        criteria=tuple(state.get("review_e_criteria", ())),
        direction=state["review_e_direction"],
        summary=Text(
            en=state.get("review_e_summary_en", "").strip(),
            zh=state.get("review_e_summary_zh", "").strip() or None,
        ),
        source=Source(
            title=state.get("review_e_title", "").strip(),
            publisher=state.get("review_e_publisher", "").strip(),
            url=state.get("review_e_url", "").strip(),
            type=state["review_e_source_type"],
            accessed=ctx.today.isoformat(),
        ),
        confidence=state["review_e_confidence"],
        verification=Verification(status=state["review_e_verification"], note=note or None),
    )
    return {"evidence": [item]}


def save(ctx: ReviewContext, kind: str, meeting_day: dt.date) -> None:
    """Build the records of the form `kind` and write them; on success, rerun on the new data."""
    lang = ctx.lang
    try:
        records = (
            assessment_records(ctx, meeting_day) if kind == "assessment" else evidence_records(ctx)
        )
    except pydantic.ValidationError as error:
        problems_ui(t("review.form.invalid", lang), validation_problems(error))
        return
    except ValueError as error:
        st.error(escape_markdown(str(error)))
        return
    try:
        result = write_as_editor(data_path(), base_hash=st.session_state[BASE_HASH_KEY], **records)
    except store.WriteConflict as error:
        st.session_state[CONFLICT_KEY] = {"kind": kind, "message": str(error)}
        return
    except store.WriteRejected as error:
        problems_ui(
            t("review.write.rejected", lang),
            [(problem.code, f"{problem.path}: {problem.message}") for problem in error.problems],
        )
        return
    except store.NotAnEditor:
        st.error(t("review.write.not_editor", lang))
        return
    except (store.StoreError, OSError) as error:
        st.error(escape_markdown(str(error)))
        return
    written = [r.id for r in (*records.get("assessments", ()), *records.get("evidence", ()))]
    sections: dict[str, Sequence[Record]] = {
        key: records[key] for key in ("assessments", "evidence") if key in records
    }
    lines = ", ".join(f"{first}-{last}" for first, last in result.changed_lines)
    st.session_state[BASE_HASH_KEY] = result.content_hash
    st.session_state.pop(CONFLICT_KEY, None)
    st.session_state[WRITTEN_KEY] = {
        "records": ", ".join(written),
        "lines": lines,
        "yaml": store.records_yaml(sections),
    }
    st.session_state[CLEAR_KEY] = kind
    if "review" in records:
        st.session_state["review_brief_review"] = records["review"].id
    st.rerun()


def confidence_ui(ctx: ReviewContext, key: str) -> None:
    """The confidence of a record, 'medium' until chosen."""
    confidence = ctx.term_labels(ctx.data.methodology.confidence_levels)
    levels = [level.id for level in ordered(ctx.data.methodology.confidence_levels)]
    st.selectbox(
        t("review.form.confidence", ctx.lang),
        levels,
        index=levels.index("medium") if "medium" in levels else 0,
        format_func=confidence.__getitem__,
        key=key,
    )


def written_ui(ctx: ReviewContext, current_hash: str, file: str) -> None:
    """What the last write did, and a warning when the file changed under the form."""
    lang = ctx.lang
    base_hash = st.session_state.setdefault(BASE_HASH_KEY, current_hash)
    cleared = st.session_state.pop(CLEAR_KEY, None)
    fields = {"assessment": ASSESSMENT_FIELDS, "evidence": EVIDENCE_FIELDS}.get(cleared, ())
    for name in fields:
        st.session_state.pop(name, None)
    if cleared == "assessment":
        for name in [k for k in st.session_state if str(k).startswith(ASSESSMENT_FIELD_PREFIXES)]:
            st.session_state.pop(name, None)
    written = st.session_state.pop(WRITTEN_KEY, None)
    if written:
        st.success(
            t(
                "review.write.done",
                lang,
                records=escape_markdown(written["records"]),
                file=file.replace("`", "'"),
            )
            + " "
            + t("review.write.lines", lang, lines=written["lines"])
        )
        st.code(written["yaml"], language="yaml")
    if base_hash != current_hash and CONFLICT_KEY not in st.session_state:
        st.warning(t("review.changed_since", lang, file=file.replace("`", "'")))
        if st.button(t("review.reload", lang), key="review_reload"):
            st.session_state[BASE_HASH_KEY] = current_hash
            st.rerun()


def meeting_ui(ctx: ReviewContext) -> dt.date:
    """The meeting's day, and its title and participants when no review is recorded that day."""
    lang, today = ctx.lang, ctx.today
    with st.container(border=True, key="review_meeting"):
        st.markdown(f"**{t('review.meeting', lang)}**")
        meeting_day = st.date_input(
            t("review.meeting_date", lang),
            value=today,
            min_value=EARLIEST_AS_OF,
            max_value=today,
            format="YYYY-MM-DD",
            key="review_meeting_date",
        )
        meeting_day = meeting_day if isinstance(meeting_day, dt.date) else today
        recorded = next((r for r in ctx.data.reviews if r.date == meeting_day), None)
        if recorded is not None:
            st.caption(
                escape_markdown(
                    t(
                        "review.meeting_recorded",
                        lang,
                        title=pick(recorded.title, lang),
                        id=recorded.id,
                        participants=", ".join(recorded.participants) or "—",
                        decisions=len(recorded.decisions),
                    )
                )
            )
        else:
            with st.container(horizontal=True):
                st.text_input(
                    t("review.meeting_title_en", lang),
                    value=t("review.default_title", "en"),
                    key="review_title_en",
                )
                st.text_input(
                    t("review.meeting_title_zh", lang),
                    value=t("review.default_title", "zh"),
                    key="review_title_zh",
                )
            st.text_area(
                t("review.participants", lang),
                key="review_participants",
                help=t("review.participants_help", lang),
                height=90,
            )
    return meeting_day


def assessment_form_ui(
    ctx: ReviewContext, order: Sequence[str], meeting_day: dt.date, editor_name: str
) -> None:
    lang, data, method = ctx.lang, ctx.data, ctx.data.methodology
    chosen_id = st.selectbox(
        t("review.form.commitment", lang),
        order,
        format_func=ctx.headings.__getitem__,
        key="review_a_commitment",
    )
    chosen = ctx.commitments[chosen_id]
    n = ctx.slot[chosen.id]
    actor_id = st.selectbox(
        t("review.form.actor", lang),
        chosen.addressed.actors,
        format_func=lambda ref: f"{ctx.actor(ref)} ({ref})",
        key=f"review_a_actor_{n}",
    )
    if actor_id is None:
        st.info(t("review.form.no_actor", lang))
        return
    steps = index_of(data).history(Pair(chosen.id, actor_id), ctx.as_of)
    if steps:
        st.caption(
            escape_markdown(
                t(
                    "review.form.current",
                    lang,
                    status=ctx.status_labels.get(steps[-1].status, steps[-1].status),
                    date=steps[-1].date.isoformat(),
                    id=steps[-1].id,
                )
            )
        )
    day = correction_ui(ctx, chosen, actor_id, n, meeting_day)
    st.selectbox(
        t("review.form.status", lang),
        [level.id for level in ordered(method.statuses)],
        index=None,
        format_func=ctx.status_labels.__getitem__,
        key="review_a_status",
        placeholder=t("review.form.choose", lang),
    )
    ratings = ordered(method.criterion_ratings)
    criteria = ctx.term_labels(method.criteria)
    rating_labels = ctx.term_labels(ratings)
    if chosen.criteria:
        with st.container(horizontal=True):
            for ground in chosen.criteria:
                st.selectbox(
                    escape_markdown(criteria.get(ground.criterion.value, ground.criterion.value)),
                    [level.id for level in ratings],
                    index=None,
                    format_func=rating_labels.__getitem__,
                    key=f"review_a_rating_{n}_{ground.criterion.value}",
                    placeholder=t("review.form.not_rated", lang),
                    help=escape_markdown(pick(ground.grounds, lang)),
                )
    st.text_area(t("review.form.rationale_en", lang), key="review_a_rationale_en")
    st.text_area(t("review.form.rationale_zh", lang), key="review_a_rationale_zh")
    citable = index_of(data).commitment_evidence(chosen.id, day)
    by_id = ctx.evidence_by_id
    st.multiselect(
        t("review.form.evidence_cited", lang),
        [e.id for e in citable],
        format_func=lambda ref: (
            f"{ref} · {by_id[ref].date} · {pick(by_id[ref].summary, lang)[:80]}"
        ),
        key=f"review_a_evidence_{n}",
        help=t("review.form.evidence_cited_help", lang),
        placeholder=t("review.form.choose", lang),
    )
    confidence_ui(ctx, "review_a_confidence")
    st.text_input(t("review.form.assessor", lang), value=editor_name, key="review_a_assessor")
    if st.button(t("review.form.save_assessment", lang), key="review_a_save", type="primary"):
        save(ctx, "assessment", meeting_day)


def correction_ui(
    ctx: ReviewContext, chosen: Commitment, actor_id: str, n: int, meeting_day: dt.date
) -> dt.date:
    """Whether the assessment corrects an earlier judgement of the pair (which, the day it
    speaks for, why), and the day the new assessment is dated: the meeting's day for a new
    judgement."""
    lang = ctx.lang
    pair = _pair_key(chosen, actor_id, n)
    standing = {a.id: a for a in index_of(ctx.data).history(Pair(chosen.id, actor_id))}
    corrected_id = st.selectbox(
        t("review.form.corrects", lang),
        list(reversed(standing)),
        index=None,
        format_func=lambda ref: (
            f"{ref} · {standing[ref].date.isoformat()} · "
            f"{ctx.status_labels.get(standing[ref].status, standing[ref].status)}"
        ),
        key=f"review_a_corrects_{pair}",
        help=t("review.form.corrects_help", lang),
        placeholder=t("review.form.corrects_none", lang),
    )
    corrected = standing.get(corrected_id or "")
    if corrected is None:
        return meeting_day
    st.caption(
        escape_markdown(
            t(
                "review.form.corrected",
                lang,
                id=corrected.id,
                date=corrected.date.isoformat(),
                status=ctx.status_labels.get(corrected.status, corrected.status),
                rationale=pick(corrected.rationale, lang),
            )
        )
    )
    day = st.date_input(
        t("review.form.speaks_for", lang),
        value=corrected.date,
        min_value=EARLIEST_AS_OF,
        max_value=ctx.today,
        format="YYYY-MM-DD",
        key=f"review_a_speaks_for_{pair}",
        help=t("review.form.speaks_for_help", lang),
    )
    st.text_area(t("review.form.reason_en", lang), key="review_a_reason_en")
    st.text_area(t("review.form.reason_zh", lang), key="review_a_reason_zh")
    return _speaks_for(day, corrected.date)


def evidence_form_ui(ctx: ReviewContext, order: Sequence[str], meeting_day: dt.date) -> None:
    lang, data, method = ctx.lang, ctx.data, ctx.data.methodology
    with st.container(horizontal=True):
        st.text_input(
            t("review.form.evidence_id", lang), value=next_evidence_id(data), key="review_e_id"
        )
        st.text_input(
            t("review.form.evidence_date", lang),
            value=ctx.today.isoformat(),
            key="review_e_date",
            help=t("review.form.evidence_date_help", lang),
        )
        st.checkbox(t("review.form.approximate", lang), key="review_e_approximate")
    st.multiselect(
        t("review.form.actors", lang),
        [a.id for a in data.actors],
        format_func=lambda ref: f"{ctx.actor(ref)} ({ref})",
        key="review_e_actors",
        placeholder=t("review.form.choose", lang),
    )
    st.multiselect(
        t("review.form.commitments", lang),
        order,
        format_func=ctx.headings.__getitem__,
        key="review_e_commitments",
        placeholder=t("review.form.choose", lang),
    )
    with st.container(horizontal=True):
        criteria = ctx.term_labels(method.criteria)
        st.multiselect(
            t("table.criteria", lang),
            [criterion.value for criterion in Criterion],
            format_func=lambda ref: criteria.get(ref, ref),
            key="review_e_criteria",
            placeholder=t("review.form.choose", lang),
        )
        directions = ctx.term_labels(method.directions)
        st.selectbox(
            t("brief.column.direction", lang),
            [direction.value for direction in Direction],
            index=None,
            format_func=lambda ref: directions.get(ref, ref),
            key="review_e_direction",
            placeholder=t("review.form.choose", lang),
        )
    st.text_area(t("review.form.summary_en", lang), key="review_e_summary_en")
    st.text_area(t("review.form.summary_zh", lang), key="review_e_summary_zh")
    with st.container(horizontal=True):
        st.text_input(t("review.form.source_title", lang), key="review_e_title")
        st.text_input(t("review.form.publisher", lang), key="review_e_publisher")
    st.text_input(
        t("review.form.url", lang), key="review_e_url", help=t("review.form.url_help", lang)
    )
    with st.container(horizontal=True):
        source_types = ctx.term_labels(method.source_types)
        st.selectbox(
            t("review.form.source_type", lang),
            list(source_types),
            index=None,
            format_func=source_types.__getitem__,
            key="review_e_source_type",
            placeholder=t("review.form.choose", lang),
        )
        confidence_ui(ctx, "review_e_confidence")
        st.selectbox(
            t("review.form.verification", lang),
            list(VerificationStatus),
            index=list(VerificationStatus).index(VerificationStatus.UNVERIFIED),
            format_func=lambda status: t(VERIFICATION_LABELS[status], lang),
            key="review_e_verification",
        )
    st.text_input(t("review.form.verification_note", lang), key="review_e_verification_note")
    if st.button(t("review.form.save_evidence", lang), key="review_e_save", type="primary"):
        save(ctx, "evidence", meeting_day)


def record_ui(
    ctx: ReviewContext, order: Sequence[str], editor_name: str, current_hash: str, file: str
) -> None:
    """The editors' part: the last write, the meeting, the two forms, a conflict to resolve."""
    lang = ctx.lang
    written_ui(ctx, current_hash, file)
    meeting_day = meeting_ui(ctx)
    assessment_tab, new_evidence_tab = st.tabs(
        [t("review.form.assessment", lang), t("review.form.evidence", lang)]
    )
    with assessment_tab:
        assessment_form_ui(ctx, order, meeting_day, editor_name)
    with new_evidence_tab:
        evidence_form_ui(ctx, order, meeting_day)
    conflict = st.session_state.get(CONFLICT_KEY)
    if conflict:
        st.error(t("review.conflict", lang, message=escape_markdown(conflict["message"])))
        if st.button(t("review.reapply", lang), key="review_reapply", type="primary"):
            st.session_state[BASE_HASH_KEY] = current_hash
            del st.session_state[CONFLICT_KEY]
            save(ctx, conflict["kind"], meeting_day)
