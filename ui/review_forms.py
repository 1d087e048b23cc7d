"""Widgets of the Review page: the window, what changed (counts and tables), the agenda (in
pages of `AGENDA_PAGE_SIZE`), presenter mode, the editors' decision forms that write through
the store, and the meeting brief's downloads (built when clicked)."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd
import pydantic
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from tracker import pdf, store
from tracker.analysis import Pair, commitment_evidence, commitments_by_id, history, transitions
from tracker.brief import meeting_brief_html, safe_url, trajectory_figure
from tracker.charts import commitment_label, ordered
from tracker.i18n import Language, pick, pick_marked, t
from tracker.model import (
    Assessment,
    Commitment,
    Criterion,
    Dataset,
    Direction,
    Evidence,
    Record,
    Source,
    Text,
    Verification,
    VerificationStatus,
)
from tracker.review import (
    DEFAULT_STALE_AFTER_DAYS,
    AgendaItem,
    Changes,
    Reason,
    agenda_page,
    date_precision,
    decisions_csv,
    meeting_review,
    new_assessment_id,
    next_evidence_id,
)
from tracker.search import escape_markdown
from ui.auth import write_as_editor
from ui.data import data_path
from ui.widgets import EARLIEST_AS_OF, choice_ui, day_ui

# Large type for a projector. A constant: no data ever goes into HTML or CSS here.
PRESENTER_CSS = """<style>
.st-key-review_presenter p, .st-key-review_presenter li { font-size: 1.55rem; line-height: 1.5; }
.st-key-review_presenter h2 { font-size: 2.6rem; }
.st-key-review_presenter h3 { font-size: 1.9rem; }
.st-key-review_presenter [data-testid="stCaptionContainer"] p { font-size: 1.2rem; }
</style>"""
EVIDENCE_PRESENTED = 3
ORDER_KEY = "review_order"
BASE_HASH_KEY = "review_base_hash"
CONFLICT_KEY = "review_conflict"
WRITTEN_KEY = "review_written"
CLEAR_KEY = "review_clear"
ASSESSMENT_FIELDS = ("review_a_status", "review_a_rationale_en", "review_a_rationale_zh")
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
COUNT_LABELS = {
    "assessments": "brief.count.assessments",
    "worsened": "brief.count.worsened",
    "improved": "brief.count.improved",
    "first": "brief.count.first",
    "same": "brief.count.same",
    "unassessed": "brief.count.unassessed",
    "evidence": "brief.count.evidence",
    "stale": "brief.count.stale",
    "contradictions": "brief.count.contradictions",
}
TRANSITION_LABELS = {
    "first": "review.transition.first",
    "improved": "review.transition.improved",
    "worsened": "review.transition.worsened",
    "same": "review.transition.same",
    "unassessed": "review.transition.unassessed",
}
REASON_LABELS = {
    Reason.WORSENED: "review.reason.worsened",
    Reason.CONTRADICTED: "review.reason.contradicted",
    Reason.STALE: "review.reason.stale",
    Reason.IMPROVED: "review.reason.improved",
    Reason.FIRST: "review.reason.first",
    Reason.REASSESSED: "review.reason.reassessed",
    Reason.NEW_EVIDENCE: "review.reason.new_evidence",
}
VERIFICATION_LABELS = {
    VerificationStatus.VERIFIED: "review.verification.verified",
    VerificationStatus.PARTLY_VERIFIED: "review.verification.partly_verified",
    VerificationStatus.UNVERIFIED: "review.verification.unverified",
}

AGENDA_PAGE_SIZE = 25
AGENDA_PAGE_KEY = "review_agenda_page"


@dataclass
class ReviewContext:
    """The data of one run of the page, and the labels its widgets show."""

    data: Dataset
    as_of: dt.date
    lang: Language
    today: dt.date = field(default_factory=dt.date.today)

    @cached_property
    def commitments(self) -> dict[str, Commitment]:
        return commitments_by_id(self.data)

    @cached_property
    def slot(self) -> dict[str, int]:
        """A stable, page-scoped number per commitment for widget keys (ids hold '/' and ':')."""
        return {commitment.id: n for n, commitment in enumerate(self.data.commitments)}

    @cached_property
    def actor_names(self) -> dict[str, str]:
        return {actor.id: pick(actor.name, self.lang) for actor in self.data.actors}

    @cached_property
    def status_labels(self) -> dict[str, str]:
        return {level.id: pick(level.label, self.lang) for level in self.data.methodology.statuses}

    @cached_property
    def evidence_by_id(self) -> dict[str, Evidence]:
        return {item.id: item for item in self.data.evidence}

    def term_labels(self, terms: Sequence[Any]) -> dict[str, str]:
        return {term.id: pick(term.label, self.lang) for term in terms}

    def heading(self, commitment: Commitment) -> str:
        """'OP4 · Calls upon'."""
        return (
            f"{commitment_label(self.data, commitment)} · {pick_marked(commitment.verb, self.lang)}"
        )

    def paragraph(self, ref: str) -> str:
        found = self.commitments.get(ref)
        return commitment_label(self.data, found) if found else ref

    def actor(self, ref: str) -> str:
        return self.actor_names.get(ref, ref)

    def reasons(self, item: AgendaItem) -> str:
        """'Worsened (Russian Federation); Stale (United States of America)'."""
        if not item.findings:
            return t("brief.nothing_to_report", self.lang)
        parts = []
        for reason in item.reasons:
            found = [f.actor for f in item.findings if f.reason == reason and f.actor]
            names = dict.fromkeys(self.actor(ref) for ref in found)
            shown = f" ({', '.join(names)})" if names else ""
            parts.append(t(REASON_LABELS[reason], self.lang) + shown)
        return "; ".join(parts)

    def link_markdown(self, title: str, url: str) -> str:
        """A Markdown link for an http(s) address, else the title alone, both made safe."""
        address = safe_url(url)
        if address is None:
            return f"{escape_markdown(title)} {escape_markdown(t('brief.unsafe_link', self.lang))}"
        quoted = re.sub(r"[\s()<>\\\[\]]", lambda m: f"%{ord(m.group()):02X}", address)
        return f"[{escape_markdown(title)}]({quoted})"


def table_ui(
    rows: list[dict[str, object]], headers: dict[str, str], key: str, lang: Language
) -> None:
    if not rows:
        st.caption(t("brief.none", lang))
        return
    config: dict[str, Any] = {
        column: st.column_config.TextColumn(header) for column, header in headers.items()
    }
    if "url" in headers:
        config["url"] = st.column_config.LinkColumn(
            headers["url"], display_text=r"https?://(?:www\.)?([^/?#]+)"
        )
    frame = pd.DataFrame(rows, columns=list(headers))
    st.dataframe(frame, key=key, hide_index=True, column_config=config)


# --- the window and what changed in it ---------------------------------------------------


def window_ui(lang: Language) -> tuple[dt.date | None, int]:
    """The sidebar's start of the window (None: the default) and the stale threshold."""
    with st.sidebar:
        since = day_ui(
            t("review.since", lang), key="review_since", help=t("review.since_help", lang)
        )
        stale_days = st.number_input(
            t("review.stale_after", lang),
            min_value=0,
            max_value=3650,
            value=DEFAULT_STALE_AFTER_DAYS,
            step=30,
            key="review_stale_days",
            help=t("review.stale_after_help", lang),
            bind="query-params",
            persist_state="session",
        )
    return since, int(stale_days)


def presenter_ui(ctx: ReviewContext, items: Sequence[AgendaItem]) -> None:
    """One commitment per screen, in large type, with the previous and next buttons."""
    lang, data, method = ctx.lang, ctx.data, ctx.data.methodology
    order = [item.commitment for item in items]
    if st.session_state.get("review_item") not in order and not st.query_params.get("review_item"):
        st.session_state["review_item"] = order[0]
    current = choice_ui(
        t("review.present_item", lang),
        order,
        {ref: f"{n}. {ctx.heading(ctx.commitments[ref])}" for n, ref in enumerate(order, 1)},
        key="review_item",
    )
    index = order.index(current) if current in order else 0

    def show(position: int) -> None:
        st.session_state["review_item"] = order[position]

    with st.container(horizontal=True, key="review_presenter_nav"):
        st.button(
            t("review.previous", lang),
            key="review_previous",
            on_click=show,
            args=(index - 1,),
            disabled=index == 0,
            icon=":material/arrow_back:",
        )
        st.button(
            t("review.next", lang),
            key="review_next",
            on_click=show,
            args=(index + 1,),
            disabled=index == len(order) - 1,
            icon=":material/arrow_forward:",
        )
    item = items[index]
    shown = ctx.commitments[item.commitment]
    with st.container(key="review_presenter"):
        st.html(PRESENTER_CSS)
        where = t("review.item_of", lang, number=index + 1, total=len(items))
        on_agenda = t("brief.on_agenda", lang, reasons=ctx.reasons(item))
        st.caption(escape_markdown(f"{where} · {on_agenda}"))
        st.markdown(f"## {escape_markdown(ctx.heading(shown))}")
        st.markdown(escape_markdown(pick_marked(shown.text, lang)))
        order_of = {level.id: level.order for level in method.statuses}
        for ref in shown.addressed.actors:
            steps = history(data, Pair(shown.id, ref), ctx.as_of)
            status = steps[-1].status if steps else method.not_assessed_status
            st.markdown(
                f"### {escape_markdown(ctx.actor(ref))}: "
                f"{escape_markdown(ctx.status_labels[status])}"
            )
            if steps:
                moves = transitions(steps, order_of, method.not_assessed_status)
                trail = " → ".join(
                    f"{step.date.isoformat()} {ctx.status_labels.get(step.status, step.status)}"
                    for step in steps
                )
                last = t(TRANSITION_LABELS[moves[-1]], lang)
                st.caption(escape_markdown(f"{trail} ({last})"))
                st.markdown(escape_markdown(pick_marked(steps[-1].rationale, lang)))
            else:
                st.caption(t("chart.hover.never_assessed", lang))
        st.plotly_chart(
            trajectory_figure(data, shown, ctx.as_of, lang), key="review_presenter_chart"
        )
        st.markdown(f"### {escape_markdown(t('overview.metric.newest_evidence', lang))}")
        found = commitment_evidence(data, shown.id, ctx.as_of)
        directions = ctx.term_labels(method.directions)
        for evidence in found[:EVIDENCE_PRESENTED]:
            st.markdown(
                f"**{escape_markdown(evidence.date)}** · "
                f"{escape_markdown(directions.get(evidence.direction, evidence.direction))} — "
                f"{escape_markdown(pick_marked(evidence.summary, lang))}  \n"
                f"{ctx.link_markdown(evidence.source.title, evidence.source.url)}"
            )
        if not found:
            st.caption(t("brief.no_evidence", lang))


def changes_ui(ctx: ReviewContext, changes: Changes) -> None:
    """The window, the counts, then a tab per kind of change."""
    lang, method = ctx.lang, ctx.data.methodology
    st.markdown(t("review.intro", lang))
    st.caption(
        escape_markdown(
            t("brief.window", lang, start=changes.start, end=changes.end)
            + ". "
            + t("brief.stale_rule", lang, days=changes.stale_after_days, end=changes.end)
        )
    )
    with st.container(horizontal=True, key="review_counts"):
        for name, value in changes.counts.items():
            st.metric(t(COUNT_LABELS[name], lang), value)
    directions = ctx.term_labels(method.directions)
    labels = ctx.status_labels
    assessed_tab, contradicted_tab, stale_tab, evidence_tab = st.tabs(
        [
            t("brief.section.assessments", lang),
            t("brief.section.contradictions", lang),
            t("brief.section.stale", lang),
            t("brief.section.evidence", lang),
        ]
    )
    with assessed_tab:
        table_ui(
            [
                {
                    "paragraph": ctx.paragraph(new.pair.commitment),
                    "actor": ctx.actor(new.pair.actor),
                    "date": new.assessment.date.isoformat(),
                    "change": t(TRANSITION_LABELS[new.transition], lang),
                    "from": labels.get(new.previous_status or "", ""),
                    "to": labels.get(new.assessment.status, new.assessment.status),
                    "id": new.assessment.id,
                }
                for new in changes.assessments
            ],
            {
                "paragraph": t("table.paragraph", lang),
                "actor": t("brief.column.actor", lang),
                "date": t("brief.column.date", lang),
                "change": t("brief.column.change", lang),
                "from": t("review.column.from", lang),
                "to": t("review.column.to", lang),
                "id": t("review.column.record", lang),
            },
            "review_new_assessments",
            lang,
        )
    with contradicted_tab:
        table_ui(
            [
                {
                    "paragraph": ctx.paragraph(found.pair.commitment),
                    "actor": ctx.actor(found.pair.actor),
                    "status": labels.get(found.assessment.status, found.assessment.status),
                    "evidence": f"{found.evidence.id} · {found.evidence.date}",
                    "direction": directions.get(found.evidence.direction, found.evidence.direction),
                    "summary": pick_marked(found.evidence.summary, lang),
                }
                for found in changes.contradictions
            ],
            {
                "paragraph": t("table.paragraph", lang),
                "actor": t("brief.column.actor", lang),
                "status": t("brief.column.status", lang),
                "evidence": t("brief.column.evidence", lang),
                "direction": t("brief.column.direction", lang),
                "summary": t("brief.column.summary", lang),
            },
            "review_contradictions",
            lang,
        )
    with stale_tab:
        table_ui(
            [
                {
                    "paragraph": ctx.paragraph(pair.pair.commitment),
                    "actor": ctx.actor(pair.pair.actor),
                    "status": labels.get(pair.status, pair.status),
                    "newest": pair.newest_evidence.isoformat(),
                    "days": str(pair.days),
                }
                for pair in changes.stale
            ],
            {
                "paragraph": t("table.paragraph", lang),
                "actor": t("brief.column.actor", lang),
                "status": t("brief.column.status", lang),
                "newest": t("brief.column.newest_evidence", lang),
                "days": t("brief.column.days", lang),
            },
            "review_stale",
            lang,
        )
    with evidence_tab:
        table_ui(
            [
                {
                    "date": evidence.date,
                    "id": evidence.id,
                    "paragraphs": ", ".join(ctx.paragraph(ref) for ref in evidence.commitments),
                    "direction": directions.get(evidence.direction, evidence.direction),
                    "summary": pick_marked(evidence.summary, lang),
                    "url": safe_url(evidence.source.url),
                }
                for evidence in changes.evidence
            ],
            {
                "date": t("brief.column.date", lang),
                "id": t("review.column.record", lang),
                "paragraphs": t("brief.column.commitments", lang),
                "direction": t("brief.column.direction", lang),
                "summary": t("brief.column.summary", lang),
                "url": t("review.column.source", lang),
            },
            "review_new_evidence",
            lang,
        )


# --- the agenda --------------------------------------------------------------------------


def agenda_ui(ctx: ReviewContext, items: Sequence[AgendaItem], reordered: bool) -> None:
    """The agenda, `AGENDA_PAGE_SIZE` items at a time, each with buttons to move it, to
    present it and to open its details."""
    lang = ctx.lang
    st.subheader(t("brief.section.agenda", lang), anchor=False)
    st.caption(t("review.agenda_caption", lang))
    order = [item.commitment for item in items]

    def move(position: int, step: int) -> None:
        moved = list(order)
        moved[position], moved[position + step] = moved[position + step], moved[position]
        st.session_state[ORDER_KEY] = moved

    def open_item(ref: str) -> None:
        st.session_state["review_present"] = True
        st.session_state["review_item"] = ref

    pages = max(1, -(-len(items) // AGENDA_PAGE_SIZE))
    page = 0
    if pages > 1:
        page = (
            st.selectbox(
                t("review.agenda_page", lang),
                list(range(pages)),
                format_func=lambda n: str(n + 1),
                key=AGENDA_PAGE_KEY,
            )
            or 0
        )
    shown = agenda_page(len(items), page, AGENDA_PAGE_SIZE)
    if pages > 1:
        st.caption(
            t("review.agenda_shown", lang, first=shown.start + 1, last=shown.stop, total=len(items))
        )
    for position in shown:
        item = items[position]
        n = ctx.slot[item.commitment]
        with st.container(border=True, key=f"review_agenda_{n}"):
            text, controls = st.columns([3, 2], vertical_alignment="center")
            title = escape_markdown(ctx.heading(ctx.commitments[item.commitment]))
            text.markdown(f"**{position + 1}. {title}** — {escape_markdown(ctx.reasons(item))}")
            with controls, st.container(horizontal=True, horizontal_alignment="right"):
                st.button(
                    "",
                    key=f"review_up_{n}",
                    icon=":material/arrow_upward:",
                    help=t("review.move_up", lang),
                    on_click=move,
                    args=(position, -1),
                    disabled=position == 0,
                )
                st.button(
                    "",
                    key=f"review_down_{n}",
                    icon=":material/arrow_downward:",
                    help=t("review.move_down", lang),
                    on_click=move,
                    args=(position, 1),
                    disabled=position == len(items) - 1,
                )
                st.button(
                    t("review.open", lang),
                    key=f"review_open_{n}",
                    icon=":material/slideshow:",
                    help=t("review.open_help", lang),
                    on_click=open_item,
                    args=(item.commitment,),
                )
                # Not found when the script runs on its own, outside the app's navigation.
                with contextlib.suppress(StreamlitPageNotFoundError):
                    st.page_link(
                        "pages/commitments.py",
                        label=t("review.details", lang),
                        icon=":material/open_in_new:",
                        query_params={"commitment": item.commitment},
                    )
    if reordered:
        st.button(
            t("review.reset_order", lang),
            key="review_reset_order",
            on_click=lambda: st.session_state.pop(ORDER_KEY, None),
        )


# --- recording decisions -----------------------------------------------------------------


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
        id=new_assessment_id(ctx.data, chosen, actor_id, meeting_day),
        commitment=chosen.id,
        actor=actor_id,
        date=meeting_day,
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
        format_func=lambda ref: ctx.heading(ctx.commitments[ref]),
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
    steps = history(data, Pair(chosen.id, actor_id), ctx.as_of)
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
    citable = commitment_evidence(data, chosen.id, meeting_day)
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
        format_func=lambda ref: ctx.heading(ctx.commitments[ref]),
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


# --- the meeting brief -------------------------------------------------------------------


def brief_ui(ctx: ReviewContext, changes: Changes, items: Sequence[AgendaItem]) -> None:
    """The review to brief, and the brief (HTML, PDF) and decisions (CSV) as downloads that
    are built only when clicked."""
    lang, data, as_of = ctx.lang, ctx.data, ctx.as_of
    st.subheader(t("review.section.brief", lang), anchor=False)
    reviews = sorted(data.reviews, key=lambda r: (r.date, r.id), reverse=True)
    by_review = {r.id: r for r in reviews}
    if st.session_state.get("review_brief_review") not in by_review:
        # Chosen when there were other reviews, or none: the newest is the default again.
        st.session_state.pop("review_brief_review", None)
    review_id = st.selectbox(
        t("review.brief_review", lang),
        list(by_review),
        index=0 if reviews else None,
        format_func=lambda ref: f"{by_review[ref].date} · {pick(by_review[ref].title, lang)}",
        key="review_brief_review",
        placeholder=t("review.no_reviews", lang),
        help=t("review.brief_review_help", lang),
    )
    brief_review = by_review.get(review_id) if review_id else None
    stamp = re.sub(r"[^A-Za-z0-9._-]+", "-", brief_review.id if brief_review else as_of.isoformat())

    def brief_html() -> bytes:
        return meeting_brief_html(data, changes, items, as_of, lang, brief_review).encode("utf-8")

    def brief_pdf() -> bytes:
        return pdf.html_to_pdf(meeting_brief_html(data, changes, items, as_of, lang, brief_review))

    def brief_decisions() -> bytes:
        return decisions_csv(data, brief_review.id) if brief_review else b""

    with st.container(horizontal=True, key="review_downloads"):
        st.download_button(
            t("review.download_html", lang),
            data=brief_html,
            file_name=f"brief-{stamp}-{lang}.html",
            mime="text/html",
            key="review_download_html",
            on_click="ignore",
            icon=":material/download:",
        )
        if brief_review is not None:
            st.download_button(
                t("review.download_csv", lang),
                data=brief_decisions,
                file_name=f"decisions-{stamp}.csv",
                mime="text/csv",
                key="review_download_csv",
                on_click="ignore",
                icon=":material/table:",
            )
        pdf_missing = (
            t("review.pdf_no_chromium", lang, path=str(pdf.CHROMIUM))
            if not pdf.CHROMIUM.exists()
            else t("review.pdf_no_playwright", lang)
            if importlib.util.find_spec("playwright") is None
            else None
        )
        if pdf_missing is None:
            st.download_button(
                t("review.download_pdf", lang),
                data=brief_pdf,
                file_name=f"brief-{stamp}-{lang}.pdf",
                mime="application/pdf",
                key="review_download_pdf",
                on_click="ignore",
                icon=":material/picture_as_pdf:",
            )
    if brief_review is None:
        st.caption(t("review.no_decisions_csv", lang))
    if pdf_missing is not None:
        st.caption(escape_markdown(pdf_missing))
    st.caption(t("review.brief_caption", lang))
