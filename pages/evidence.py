"""Evidence: every dated, sourced event known on the as-of day, as a table and, when asked
for, a timeline (date × commitment, coloured by direction, shaped by source type); filtered by
actor, resolution and its paragraphs, criterion, source type, confidence, direction and date
range, a hundred at a time (previous and next); one item opens in full with a link to its
source, its archived copy, the last check of its links and a "cite this"; dead links are marked in
the table. Every filter, the page, the timeline and the item open live in the URL."""

from collections.abc import Iterable, Sequence

import streamlit as st

from tracker.domain.languages import pick
from tracker.domain.model import ScaleLevel, Term
from tracker.domain.urls import is_web_url
from tracker.present import dashboard
from tracker.present.charts import evidence_timeline, evidence_timeline_alt
from tracker.present.i18n import pick_marked, t
from tracker.present.markdown import escape_markdown
from tracker.query.index import index_of
from tracker.query.names import commitment_label
from ui import keys
from ui.charts import chart_look, chart_ui
from ui.citations_view import link_checks, source_extras_ui, with_link_marks
from ui.data import load_current_data
from ui.routes import page_link_ui
from ui.setup import page_setup
from ui.widgets import (
    asked_for,
    choice_ui,
    choices_ui,
    day_ui,
    evidence_list_ui,
    pager_ui,
    resolution_label,
    select_into,
    texts_ui,
)

page = page_setup("evidence")
data, as_of, lang = page.dataset, page.as_of, page.lang
index = index_of(data)
method = data.methodology
actor_names = {actor.id: pick(actor.name, lang) for actor in data.actors}
cited_actors = dashboard.cited_actors(data)


def terms(vocabulary: Iterable[Term | ScaleLevel]) -> dict[str, str]:
    return {term.id: pick(term.label, lang) for term in vocabulary}


def term_filter(label: str, vocabulary: Sequence[Term | ScaleLevel], key: str) -> tuple[str, ...]:
    """A filter of the methodology's terms, in their order, any by default."""
    return choices_ui(
        t(label, lang),
        [term.id for term in vocabulary],
        terms(vocabulary),
        key=key,
        placeholder=t("filter.any", lang),
    )


st.markdown(t("evidence.intro", lang, as_of=as_of.isoformat()))


# A change of filter, page or pick reruns this part alone: the sidebar and the title are
# neither rebuilt nor sent again, and the browser has that much less to redraw.
@st.fragment
def evidence_view() -> None:
    """The filters, the items they keep (count, pages, timeline, table) and the item opened."""
    if load_current_data().result is not page.load:  # the data changed since: the whole page
        st.rerun()
    any_value = t("filter.any", lang)
    with st.container(border=True, key=keys.Evidence.FILTERS):
        first, second, third, fourth = st.columns(4)
        with first:
            actors = choices_ui(
                t("label.actor", lang),
                cited_actors,
                {actor: f"{actor} · {actor_names[actor]}" for actor in cited_actors},
                key=keys.Evidence.ACTOR,
                placeholder=any_value,
            )
            directions = term_filter("label.direction", method.directions, keys.Evidence.DIRECTION)
            criteria = term_filter("label.criterion", method.criteria, keys.Evidence.CRITERION)
        with second:
            symbols = list(index.by_resolution)  # in paragraph order
            resolution = choice_ui(
                t("label.resolution", lang),
                symbols,
                {s: resolution_label(index.resolutions[s], lang) for s in symbols},
                key=keys.Evidence.RESOLUTION,
                placeholder=any_value,
            )
            # The paragraphs of the chosen resolution are listed, not every paragraph (20,000
            # options at full size, sent and drawn again on every rerun); with no resolution
            # chosen, those a link names or chosen before.
            if resolution:
                listed = index.by_resolution[resolution]
            else:
                asked = asked_for(keys.Evidence.COMMITMENT)
                listed = [index.commitments[ref] for ref in asked if ref in index.commitments]
            chosen_commitments = choices_ui(
                t("label.commitment", lang),
                [c.id for c in listed],
                {c.id: commitment_label(data, c) for c in listed},
                key=keys.Evidence.COMMITMENT,
                help=t("evidence.filter.commitment_help", lang),
                placeholder=any_value,
            )
        with third:
            source_types = term_filter(
                "label.source_type", method.source_types, keys.Evidence.SOURCE_TYPE
            )
            confidences = choices_ui(
                t("label.confidence", lang),
                [level.id for level in sorted(method.confidence_levels, key=lambda x: x.order)],
                {level.id: pick(level.label, lang) for level in method.confidence_levels},
                key=keys.Evidence.CONFIDENCE,
                placeholder=any_value,
            )
        with fourth:
            start = day_ui(t("evidence.filter.from", lang), key=keys.Evidence.FROM)
            end = day_ui(t("evidence.filter.to", lang), key=keys.Evidence.TO)

    chosen = dashboard.EvidenceFilter(
        actors=actors,
        commitments=dashboard.evidence_commitments(data, resolution, chosen_commitments),
        criteria=criteria,
        source_types=source_types,
        confidences=confidences,
        directions=directions,
        start=start,
        end=end,
    )
    known = index.known_newest_first(as_of)
    items = dashboard.filter_evidence(data, as_of, chosen)
    st.caption(
        t("evidence.count", lang, shown=len(items), total=len(known), as_of=as_of.isoformat())
    )
    offset = pager_ui(
        len(items), dashboard.EVIDENCE_PAGE, keys.Evidence.PAGE, lang, view=(chosen, as_of)
    )
    shown = items[offset : offset + dashboard.EVIDENCE_PAGE]
    # Off at first: with items on many paragraphs the chart is thousands of pixels high, above
    # the table, and drawing it is most of what a filter change costs the browser.
    timeline = st.toggle(
        t("evidence.show_timeline", lang),
        key=keys.Evidence.SHOW_TIMELINE,
        help=t("evidence.show_timeline_help", lang),
        bind="query-params",
    )
    if not items:
        st.info(t("evidence.empty", lang))
    else:
        if timeline:
            frame = dashboard.evidence_timeline_frame(data, shown, lang, chosen.commitments)
            chart_ui(
                evidence_timeline(data, frame, lang, chart_look()),
                keys.Evidence.TIMELINE,
                evidence_timeline_alt(frame, lang),
                drawn_once=True,
            )
            st.caption(t("evidence.timeline_caption", lang))
        table = with_link_marks(
            dashboard.evidence_table(data, shown, lang), link_checks(), data, lang
        )
        evidence_list_ui(
            table,
            lang,
            key=keys.Evidence.TABLE,
            on_select=select_into(keys.Evidence.TABLE, keys.Evidence.PICK, table["id"].tolist()),
        )
        st.caption(t("evidence.table_hint", lang))

    st.divider()
    if len(known) > dashboard.EVIDENCE_PAGE:  # too many to list: those shown, and the one asked for
        offered = dashboard.evidence_choices(data, as_of, shown, asked_for(keys.Evidence.PICK))
    else:
        offered = index.evidence.take(known)  # newest first
    known_by_id = {item.id: item for item in offered}
    item_id = choice_ui(
        t("evidence.pick", lang),
        list(known_by_id),
        {ref: f"{ref} · {item.date} · {item.source.title}" for ref, item in known_by_id.items()},
        key=keys.Evidence.PICK,
        placeholder=t("evidence.pick_placeholder", lang),
    )
    item = known_by_id.get(item_id or "")
    if item is None:
        st.info(t("evidence.pick_hint", lang))
        return

    labels = {  # the item's paragraphs only, not every paragraph's label
        ref: commitment_label(data, index.commitments[ref])
        for ref in item.commitments
        if ref in index.commitments
    }
    st.header(f"{item.id} · {item.date}", anchor=False)
    facts = [
        t(dashboard.PRECISION_KEYS[item.date_precision], lang),
        terms(method.directions).get(item.direction, item.direction),
        terms(method.source_types).get(item.source.type, item.source.type),
        t(
            "evidence.confidence",
            lang,
            level=terms(method.confidence_levels).get(item.confidence, ""),
        ),
        t(dashboard.VERIFICATION_KEYS[item.verification.status], lang),
    ]
    st.caption(" · ".join(escape_markdown(fact) for fact in facts))
    texts_ui(item.summary, lang)
    details = [
        (t("label.actors", lang), ", ".join(f"{a} ({actor_names.get(a, a)})" for a in item.actors)),
        (t("label.commitments", lang), ", ".join(labels.get(c, c) for c in item.commitments)),
        (
            t("label.criteria", lang),
            ", ".join(terms(method.criteria).get(c, c) for c in item.criteria) or "—",
        ),
        (t("label.source", lang), f"{item.source.title} ({item.source.publisher})"),
    ]
    if item.source.title_note:
        details.append((t("evidence.title_note", lang), item.source.title_note))
    if item.source.accessed:
        details.append((t("evidence.accessed", lang), item.source.accessed))
    if item.date_note:
        details.append((t("evidence.date_note", lang), item.date_note))
    if item.verification.note:
        details.append((t("label.verification", lang), item.verification.note))
    if item.contested:
        details.append((t("label.contested_reading", lang), pick_marked(item.contested, lang)))
    for name, value in details:
        st.markdown(f"**{escape_markdown(name)}:** {escape_markdown(value)}")
    with st.container(horizontal=True, key=keys.Evidence.RECORDS):
        for ref in item.commitments:
            if ref in labels:
                page_link_ui(
                    "commitments",
                    t("evidence.commitment_link", lang, commitment=escape_markdown(labels[ref])),
                    params={keys.Commitments.PICK: ref},
                )
    links = [url for url in (item.source.url, *item.source.additional_urls) if is_web_url(url)]
    with st.container(horizontal=True, key=keys.Evidence.LINKS):
        for number, url in enumerate(links):
            st.link_button(
                t("evidence.open_source", lang)
                if number == 0
                else t("evidence.open_copy", lang, number=number),
                url,
                icon=":material/open_in_new:",
            )
    source_extras_ui(data, item, link_checks(), lang)


evidence_view()
