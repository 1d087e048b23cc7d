"""The editors' part of the Review page: recording decisions. The meeting's day and title, the
assessment and evidence forms, their checks, and the write through the store (with the last
write shown and a conflict to resolve)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pydantic
import streamlit as st

from tracker.domain.languages import DEFAULT_LANGUAGE, LANGUAGES, pick, text_of
from tracker.domain.model import (
    Assessment,
    Commitment,
    Correction,
    Criterion,
    Direction,
    Evidence,
    Record,
    Source,
    Verification,
    VerificationStatus,
)
from tracker.domain.scale import ordered
from tracker.present.i18n import in_language, t
from tracker.present.markdown import escape_markdown
from tracker.query.index import Pair, index_of
from tracker.query.review import date_precision, meeting_review, new_assessment_id, next_evidence_id
from tracker.source import store
from ui import keys
from ui.auth import write_as_editor
from ui.data import data_path
from ui.review_context import ReviewContext
from ui.widgets import EARLIEST_AS_OF

# What a form's fields hold is cleared once its records are written.
ASSESSMENT_FIELDS = (
    keys.Review.A_STATUS,
    *map(keys.Review.a_rationale, LANGUAGES),
    *map(keys.Review.a_reason, LANGUAGES),
)
# Keys that hold a pair's number ('review_a_corrects_3_1'): cleared with the form too.
ASSESSMENT_FIELD_PREFIXES = (keys.Review.a_corrects(""), keys.Review.a_speaks_for(""))
EVIDENCE_FIELDS = (
    keys.Review.E_ID,
    keys.Review.E_DATE,
    keys.Review.E_APPROXIMATE,
    keys.Review.E_ACTORS,
    keys.Review.E_COMMITMENTS,
    keys.Review.E_CRITERIA,
    keys.Review.E_DIRECTION,
    *map(keys.Review.e_summary, LANGUAGES),
    keys.Review.E_TITLE,
    keys.Review.E_PUBLISHER,
    keys.Review.E_URL,
    keys.Review.E_SOURCE_TYPE,
    keys.Review.E_CONFIDENCE,
    keys.Review.E_VERIFICATION,
    keys.Review.E_VERIFICATION_NOTE,
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
    chosen = ctx.commitments[state[keys.Review.A_COMMITMENT]]
    n = ctx.slot[chosen.id]
    actor_id = state[keys.Review.a_actor(n)]
    if state.get(keys.Review.A_STATUS) is None:
        raise ValueError(t("review.form.status_missing", ctx.lang))
    ratings = {
        ground.criterion: state[keys.Review.a_rating(n, ground.criterion.value)]
        for ground in chosen.criteria
        if state.get(keys.Review.a_rating(n, ground.criterion.value)) is not None
    }
    pair = _pair_key(chosen, actor_id, n)
    corrected = state.get(keys.Review.a_corrects(pair))
    correction = None
    day = meeting_day
    if corrected is not None:
        reasons = {code: state.get(keys.Review.a_reason(code), "") for code in LANGUAGES}
        if not reasons[DEFAULT_LANGUAGE].strip():
            raise ValueError(t("review.form.reason_missing", ctx.lang))
        correction = Correction(assessment=corrected, reason=text_of(reasons))
        standing = index_of(ctx.data).history(Pair(chosen.id, actor_id))
        wrong = next((a.date for a in standing if a.id == corrected), meeting_day)
        day = _speaks_for(state.get(keys.Review.a_speaks_for(pair)), wrong)
    review = meeting_review(
        ctx.data,
        meeting_day,
        {code: state.get(keys.Review.title(code), "") for code in LANGUAGES},
        state.get(keys.Review.PARTICIPANTS, ""),
    )
    assessment = Assessment(
        id=new_assessment_id(ctx.data, chosen, actor_id, day),
        commitment=chosen.id,
        actor=actor_id,
        date=day,
        recorded=ctx.today,
        corrects=correction,
        status=state[keys.Review.A_STATUS],
        ratings=ratings,
        rationale=text_of(
            {code: state.get(keys.Review.a_rationale(code), "") for code in LANGUAGES}
        ),
        evidence=tuple(state.get(keys.Review.a_evidence(n), ())),
        assessor=state.get(keys.Review.A_ASSESSOR, "").strip(),
        confidence=state[keys.Review.A_CONFIDENCE],
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
    date = state.get(keys.Review.E_DATE, "").strip()
    for required, message in (
        (keys.Review.E_DIRECTION, "review.form.direction_missing"),
        (keys.Review.E_SOURCE_TYPE, "review.form.source_type_missing"),
    ):
        if state.get(required) is None:
            raise ValueError(t(message, ctx.lang))
    note = state.get(keys.Review.E_VERIFICATION_NOTE, "").strip()
    item = Evidence(
        id=state.get(keys.Review.E_ID, "").strip(),
        date=date,
        date_precision=date_precision(date, bool(state.get(keys.Review.E_APPROXIMATE))),
        actors=tuple(state.get(keys.Review.E_ACTORS, ())),
        commitments=tuple(state.get(keys.Review.E_COMMITMENTS, ())),
        criteria=tuple(state.get(keys.Review.E_CRITERIA, ())),
        direction=state[keys.Review.E_DIRECTION],
        summary=text_of({code: state.get(keys.Review.e_summary(code), "") for code in LANGUAGES}),
        source=Source(
            title=state.get(keys.Review.E_TITLE, "").strip(),
            publisher=state.get(keys.Review.E_PUBLISHER, "").strip(),
            url=state.get(keys.Review.E_URL, "").strip(),
            type=state[keys.Review.E_SOURCE_TYPE],
            accessed=ctx.today.isoformat(),
        ),
        confidence=state[keys.Review.E_CONFIDENCE],
        verification=Verification(status=state[keys.Review.E_VERIFICATION], note=note or None),
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
        result = write_as_editor(
            data_path(), base_hash=st.session_state[keys.Review.BASE_HASH], **records
        )
    except store.WriteConflict as error:
        st.session_state[keys.Review.CONFLICT] = {"kind": kind, "message": str(error)}
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
    st.session_state[keys.Review.BASE_HASH] = result.content_hash
    st.session_state.pop(keys.Review.CONFLICT, None)
    st.session_state[keys.Review.WRITTEN] = {
        "records": ", ".join(written),
        "lines": lines,
        "yaml": store.records_yaml(sections),
    }
    st.session_state[keys.Review.CLEAR] = kind
    if "review" in records:
        st.session_state[keys.Review.BRIEF_REVIEW] = records["review"].id
    st.rerun()


def confidence_ui(ctx: ReviewContext, key: str) -> None:
    """The confidence of a record, 'medium' until chosen."""
    confidence = ctx.term_labels(ctx.data.methodology.confidence_levels)
    levels = [level.id for level in ordered(ctx.data.methodology.confidence_levels)]
    st.selectbox(
        t("label.confidence", ctx.lang),
        levels,
        index=levels.index("medium") if "medium" in levels else 0,
        format_func=confidence.__getitem__,
        key=key,
    )


def clear_form(ctx: ReviewContext, kind: str) -> None:
    """Empty the form `kind` after its records were written. Each field is given its empty
    value rather than forgotten: a forgotten key leaves the browser showing the old value,
    and a second click would record it again."""
    state = st.session_state
    review = keys.Review
    if kind == "assessment":
        empty: dict[str, object] = {name: "" for name in ASSESSMENT_FIELDS}
        empty[review.A_STATUS] = None
        for slot in ctx.slot.values():
            for criterion in Criterion:
                empty[review.a_rating(slot, criterion.value)] = None
            empty[review.a_evidence(slot)] = []
        for name in [k for k in state if str(k).startswith(ASSESSMENT_FIELD_PREFIXES)]:
            empty[name] = None  # the judgement corrected and the day it speaks for
        # Only what the session holds: a widget never drawn keeps no value to clear.
        empty = {name: value for name, value in empty.items() if name in state}
        empty[review.A_STATUS] = None
    else:
        levels = {level.id for level in ctx.data.methodology.confidence_levels}
        empty = {name: "" for name in EVIDENCE_FIELDS}
        empty.update(
            {
                review.E_ID: next_evidence_id(ctx.data),
                review.E_DATE: ctx.today.isoformat(),
                review.E_APPROXIMATE: False,
                review.E_ACTORS: [],
                review.E_COMMITMENTS: [],
                review.E_CRITERIA: [],
                review.E_DIRECTION: None,
                review.E_SOURCE_TYPE: None,
                review.E_CONFIDENCE: "medium" if "medium" in levels else None,
                review.E_VERIFICATION: VerificationStatus.UNVERIFIED,
            }
        )
    for name, value in empty.items():
        state[name] = value
    state.pop(review.A_PENDING, None)


def written_ui(ctx: ReviewContext, current_hash: str, file: str) -> None:
    """What the last write did, and a warning when the file changed under the form."""
    lang = ctx.lang
    base_hash = st.session_state.setdefault(keys.Review.BASE_HASH, current_hash)
    cleared = st.session_state.pop(keys.Review.CLEAR, None)
    if cleared is not None:
        clear_form(ctx, cleared)
    written = st.session_state.pop(keys.Review.WRITTEN, None)
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
    if base_hash != current_hash and keys.Review.CONFLICT not in st.session_state:
        st.warning(t("review.changed_since", lang, file=file.replace("`", "'")))
        if st.button(t("review.reload", lang), key=keys.Review.RELOAD):
            st.session_state[keys.Review.BASE_HASH] = current_hash
            st.rerun()


def meeting_ui(ctx: ReviewContext) -> dt.date:
    """The meeting's day, and its title and participants when no review is recorded that day."""
    lang, today = ctx.lang, ctx.today
    with st.container(border=True, key=keys.Review.MEETING):
        st.markdown(f"**{t('review.meeting', lang)}**")
        meeting_day = st.date_input(
            t("review.meeting_date", lang),
            value=today,
            min_value=EARLIEST_AS_OF,
            max_value=today,
            format="YYYY-MM-DD",
            key=keys.Review.MEETING_DATE,
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
                for code in LANGUAGES:
                    st.text_input(
                        in_language("label.title", code, lang),
                        value=t("review.default_title", code),
                        key=keys.Review.title(code),
                    )
            st.text_area(
                t("review.participants", lang),
                key=keys.Review.PARTICIPANTS,
                help=t("review.participants_help", lang),
                height=90,
            )
    return meeting_day


def assessment_form_ui(
    ctx: ReviewContext, order: Sequence[str], meeting_day: dt.date, editor_name: str
) -> None:
    lang, data, method = ctx.lang, ctx.data, ctx.data.methodology
    chosen_id = st.selectbox(
        t("label.commitment", lang),
        order,
        format_func=ctx.headings.__getitem__,
        key=keys.Review.A_COMMITMENT,
    )
    chosen = ctx.commitments[chosen_id]
    n = ctx.slot[chosen.id]
    actor_id = st.selectbox(
        t("label.actor", lang),
        chosen.addressed.actors,
        format_func=lambda ref: f"{ctx.actor(ref)} ({ref})",
        key=keys.Review.a_actor(n),
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
    st.selectbox(
        t("review.form.status", lang),
        [level.id for level in ordered(method.statuses)],
        index=None,
        format_func=ctx.status_labels.__getitem__,
        key=keys.Review.A_STATUS,
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
                    key=keys.Review.a_rating(n, ground.criterion.value),
                    placeholder=t("review.form.not_rated", lang),
                    help=escape_markdown(pick(ground.grounds, lang)),
                )
    day = correction_ui(ctx, chosen, actor_id, n, meeting_day)
    for code in LANGUAGES:
        label = in_language("column.rationale", code, lang)
        st.text_area(label, key=keys.Review.a_rationale(code))
    citable = index_of(data).commitment_evidence(chosen.id, day)
    by_id = {item.id: item for item in citable}
    st.multiselect(
        t("label.evidence_cited", lang),
        [e.id for e in citable],
        format_func=lambda ref: (
            f"{ref} · {by_id[ref].date} · {pick(by_id[ref].summary, lang)[:80]}"
        ),
        key=keys.Review.a_evidence(n),
        help=t("review.form.evidence_cited_help", lang),
        placeholder=t("review.form.choose", lang),
    )
    confidence_ui(ctx, keys.Review.A_CONFIDENCE)
    st.text_input(t("label.assessor", lang), value=editor_name, key=keys.Review.A_ASSESSOR)
    pair = (chosen.id, actor_id, meeting_day.isoformat())
    if st.button(t("review.form.save_assessment", lang), key=keys.Review.A_SAVE, type="primary"):
        if (
            steps_on(ctx, chosen.id, actor_id, meeting_day)
            and st.session_state.get(keys.Review.A_PENDING) != pair
        ):
            st.session_state[keys.Review.A_PENDING] = pair
        else:
            save(ctx, "assessment", meeting_day)
    if st.session_state.get(keys.Review.A_PENDING) == pair:
        same_day = steps_on(ctx, chosen.id, actor_id, meeting_day)
        with st.container(border=True, key=keys.Review.A_DUPLICATE):
            st.warning(
                t(
                    "review.form.duplicate",
                    lang,
                    actor=escape_markdown(ctx.actor(actor_id)),
                    commitment=escape_markdown(ctx.heading(chosen)),
                    date=meeting_day.isoformat(),
                    ids=escape_markdown(", ".join(a.id for a in same_day)),
                )
            )
            with st.container(horizontal=True):
                if st.button(
                    t("review.form.record_anyway", lang),
                    key=keys.Review.A_CONFIRM,
                    type="primary",
                ):
                    save(ctx, "assessment", meeting_day)
                if st.button(t("review.form.cancel", lang), key=keys.Review.A_CANCEL):
                    st.session_state.pop(keys.Review.A_PENDING, None)
                    st.rerun()


def steps_on(ctx: ReviewContext, commitment: str, actor: str, day: dt.date) -> list[Assessment]:
    """The pair's assessments dated `day` (a decision already taken that day)."""
    return [a for a in index_of(ctx.data).history(Pair(commitment, actor), day) if a.date == day]


def evidence_form_ui(ctx: ReviewContext, order: Sequence[str], meeting_day: dt.date) -> None:
    lang, data, method = ctx.lang, ctx.data, ctx.data.methodology
    with st.container(horizontal=True):
        st.text_input(
            t("review.form.evidence_id", lang), value=next_evidence_id(data), key=keys.Review.E_ID
        )
        st.text_input(
            t("review.form.evidence_date", lang),
            value=ctx.today.isoformat(),
            key=keys.Review.E_DATE,
            help=t("review.form.evidence_date_help", lang),
        )
        st.checkbox(t("review.form.approximate", lang), key=keys.Review.E_APPROXIMATE)
    st.multiselect(
        t("label.actors", lang),
        [a.id for a in data.actors],
        format_func=lambda ref: f"{ctx.actor(ref)} ({ref})",
        key=keys.Review.E_ACTORS,
        placeholder=t("review.form.choose", lang),
    )
    st.multiselect(
        t("review.form.commitments", lang),
        order,
        format_func=ctx.headings.__getitem__,
        key=keys.Review.E_COMMITMENTS,
        placeholder=t("review.form.choose", lang),
    )
    with st.container(horizontal=True):
        criteria = ctx.term_labels(method.criteria)
        st.multiselect(
            t("label.criteria", lang),
            [criterion.value for criterion in Criterion],
            format_func=lambda ref: criteria.get(ref, ref),
            key=keys.Review.E_CRITERIA,
            placeholder=t("review.form.choose", lang),
        )
        directions = ctx.term_labels(method.directions)
        st.selectbox(
            t("label.direction", lang),
            [direction.value for direction in Direction],
            index=None,
            format_func=lambda ref: directions.get(ref, ref),
            key=keys.Review.E_DIRECTION,
            placeholder=t("review.form.choose", lang),
        )
    for code in LANGUAGES:
        st.text_area(in_language("label.summary", code, lang), key=keys.Review.e_summary(code))
    with st.container(horizontal=True):
        st.text_input(t("label.source_title", lang), key=keys.Review.E_TITLE)
        st.text_input(t("label.publisher", lang), key=keys.Review.E_PUBLISHER)
    st.text_input(
        t("review.form.url", lang), key=keys.Review.E_URL, help=t("review.form.url_help", lang)
    )
    with st.container(horizontal=True):
        source_types = ctx.term_labels(method.source_types)
        st.selectbox(
            t("label.source_type", lang),
            list(source_types),
            index=None,
            format_func=source_types.__getitem__,
            key=keys.Review.E_SOURCE_TYPE,
            placeholder=t("review.form.choose", lang),
        )
        confidence_ui(ctx, keys.Review.E_CONFIDENCE)
        st.selectbox(
            t("label.verification", lang),
            list(VerificationStatus),
            index=list(VerificationStatus).index(VerificationStatus.UNVERIFIED),
            format_func=lambda status: t(VERIFICATION_LABELS[status], lang),
            key=keys.Review.E_VERIFICATION,
        )
    st.text_input(t("review.form.verification_note", lang), key=keys.Review.E_VERIFICATION_NOTE)
    if st.button(t("review.form.save_evidence", lang), key=keys.Review.E_SAVE, type="primary"):
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
    conflict = st.session_state.get(keys.Review.CONFLICT)
    if conflict:
        st.error(t("review.conflict", lang, message=escape_markdown(conflict["message"])))
        if st.button(t("review.reapply", lang), key=keys.Review.REAPPLY, type="primary"):
            st.session_state[keys.Review.BASE_HASH] = current_hash
            del st.session_state[keys.Review.CONFLICT]
            save(ctx, conflict["kind"], meeting_day)


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
        key=keys.Review.a_corrects(pair),
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
        key=keys.Review.a_speaks_for(pair),
        help=t("review.form.speaks_for_help", lang),
    )
    for code in LANGUAGES:
        st.text_area(in_language("review.form.reason", code, lang), key=keys.Review.a_reason(code))
    return _speaks_for(day, corrected.date)
