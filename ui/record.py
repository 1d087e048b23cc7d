"""A commitment's record on the Commitments page: each judgement in full (rationale wrapped,
evidence ids in it linked to their sources, every cited item linked, a permalink), the
history actor by actor, and one judgement opened by its permalink."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import streamlit as st

from tracker.domain.languages import Language, pick
from tracker.domain.model import Assessment, Commitment, Dataset
from tracker.exchange.citations import judgement_items
from tracker.present.dashboard import commitment_corrections, correction_note, judgements
from tracker.present.i18n import pick_marked, t, transition_label
from tracker.present.markdown import escape_markdown, link_markdown, linked_ids_markdown
from tracker.query.corrections import CorrectedJudgement
from tracker.query.index import Step, index_of
from ui import keys
from ui.chips import chip_ui, chips_css
from ui.citations_view import base_url, reference_ui
from ui.routes import page_link_ui
from ui.widgets import slug


def source_urls(dataset: Dataset) -> dict[str, str]:
    """Evidence id -> its source's address (the links write only http and https ones)."""
    return {item.id: item.source.url for item in dataset.evidence}


def judgement_ui(
    dataset: Dataset,
    step: Step,
    lang: Language,
    urls: Mapping[str, str],
    key: str,
    *,
    permalink: bool = True,
) -> None:
    """One judgement: its status, date, move, confidence and assessor, the rationale in full
    with its evidence ids linked, every cited item linked to its source, a correction said
    as such, and a permalink to it."""
    a = step.assessment
    method = dataset.methodology
    confidence = {level.id: pick(level.label, lang) for level in method.confidence_levels}
    with st.container(border=True, key=f"judgement_{key}"):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            chip_ui(dataset, a.status, lang, key=f"j_{key}")
            facts = [
                a.date.isoformat(),
                transition_label(step.transition, lang),
                t("record.confidence", lang, level=confidence.get(a.confidence, a.confidence)),
                a.assessor,
            ]
            st.markdown(escape_markdown(" · ".join(facts)))
        st.markdown(linked_ids_markdown(pick_marked(a.rationale, lang), urls))
        if a.confidence_note:
            st.caption(escape_markdown(pick_marked(a.confidence_note, lang)))
        if a.corrects:
            st.caption(
                escape_markdown(
                    t(
                        "record.corrects",
                        lang,
                        id=a.corrects.assessment,
                        reason=pick_marked(a.corrects.reason, lang),
                    )
                )
            )
        cited_ui(dataset, a.evidence, lang)
        if permalink:
            with st.container(horizontal=True, vertical_alignment="center"):
                page_link_ui(
                    "commitments",
                    t("record.permalink", lang),
                    icon=":material/link:",
                    params={"commitment": a.commitment, "assessment": a.id},
                )
                # Formatting a reference takes tens of milliseconds: only the one asked for.
                if st.button(
                    t("cite.button", lang),
                    key=f"cite_{key}",
                    icon=":material/format_quote:",
                    type="tertiary",
                ):
                    st.session_state[keys.Commitments.CITING] = a.id
            if st.session_state.get(keys.Commitments.CITING) == a.id:
                base = base_url("commitments")
                reference = judgement_items(dataset, [a], base)[0]
                reference_ui(reference, lang, key=f"judgement_{key}", permalink=base is not None)


def opened_ui(
    dataset: Dataset, commitment: Commitment, wanted: str, as_of: dt.date, lang: Language
) -> None:
    """The judgement a permalink names, at the top of the record; or why it is not shown."""
    for _, steps in judgements(dataset, commitment, as_of):
        for step in steps:
            if step.assessment.id == wanted:
                st.subheader(
                    escape_markdown(
                        t(
                            "record.opened",
                            lang,
                            id=wanted,
                            actor=_actor_name(dataset, step.assessment, lang),
                        )
                    ),
                    anchor=False,
                )
                judgement_ui(dataset, step, lang, source_urls(dataset), "opened", permalink=False)
                return
    for fixed in commitment_corrections(dataset, commitment, as_of):
        if fixed.corrected.id == wanted:
            name = _actor_name(dataset, fixed.corrected, lang)
            st.subheader(
                escape_markdown(t("record.opened", lang, id=wanted, actor=name)), anchor=False
            )
            correction_ui(dataset, fixed, lang)
            return
    st.warning(t("record.not_found", lang, id=escape_markdown(wanted), as_of=as_of.isoformat()))


def history_ui(
    dataset: Dataset,
    commitment: Commitment,
    as_of: dt.date,
    lang: Language,
    actors: Sequence[str],
) -> None:
    """Every judgement of the commitment up to `as_of`, newest first, actor by actor (only
    `actors` when the filter names any)."""
    st.html(chips_css(dataset))
    urls = source_urls(dataset)
    shown = judgements(dataset, commitment, as_of, actors)
    if not any(steps for _, steps in shown):
        st.info(t("commitments.detail.no_history", lang, as_of=as_of.isoformat()))
        return
    for actor, steps in shown:
        found = index_of(dataset).actors.get(actor)
        name = pick(found.name, lang) if found else actor
        st.markdown(f"#### {escape_markdown(f'{name} ({actor})')}")
        if not steps:
            st.caption(t("chart.hover.never_assessed", lang))
        for step in steps:
            judgement_ui(dataset, step, lang, urls, slug(step.assessment.id))


def _actor_name(dataset: Dataset, assessment: Assessment, lang: str) -> str:
    found = index_of(dataset).actors.get(assessment.actor)
    return pick(found.name, lang) if found else assessment.actor


def cited_ui(dataset: Dataset, refs: Sequence[str], lang: Language) -> None:
    """The evidence a judgement cites, each item linked to its source."""
    items = {item.id: item for item in index_of(dataset).items(refs)}
    cited = [
        link_markdown(
            f"{ref} · {items[ref].source.publisher}",
            items[ref].source.url,
            t("brief.unsafe_link", lang),
        )
        if ref in items
        else escape_markdown(ref)
        for ref in refs
    ]
    if cited:
        st.markdown(f"{escape_markdown(t('record.cited', lang))} " + "; ".join(cited))


def correction_ui(dataset: Dataset, fixed: CorrectedJudgement, lang: Language) -> None:
    """A judgement found wrong when it was made, struck through, with who corrected it, when
    and why, the judgement that stands in its place, and the evidence the wrong one cited."""
    labels = {level.id: pick(level.label, lang) for level in dataset.methodology.statuses}
    wrong, now = fixed.corrected, fixed.correction
    st.markdown(
        t(
            "commitments.detail.correction",
            lang,
            actor=escape_markdown(_actor_name(dataset, wrong, lang)),
            date=wrong.date.isoformat(),
            status=escape_markdown(labels.get(wrong.status, wrong.status)),
            rationale=escape_markdown(pick_marked(wrong.rationale, lang)),
            corrected_by=escape_markdown(correction_note(fixed, lang, on_corrected=True)),
            new_date=now.date.isoformat(),
            new_status=escape_markdown(labels.get(now.status, now.status)),
            new_rationale=escape_markdown(pick_marked(now.rationale, lang)),
        )
    )
    cited_ui(dataset, wrong.evidence, lang)


def corrections_ui(
    dataset: Dataset,
    commitment: Commitment,
    as_of: dt.date,
    lang: Language,
    actors: Sequence[str],
    key: str,
) -> None:
    """The corrections of the commitment's judgements up to `as_of` (of `actors` when the
    filter names any), openly: the record keeps what was wrong."""
    fixes = commitment_corrections(dataset, commitment, as_of, actors)
    if not fixes:
        return
    st.subheader(t("corrections.title", lang), anchor=False)
    st.caption(t("commitments.detail.corrections_caption", lang))
    with st.container(key=key):
        for fixed in fixes:
            correction_ui(dataset, fixed, lang)
