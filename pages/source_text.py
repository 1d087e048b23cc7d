"""Source text: a resolution as adopted, its preamble and operative paragraphs, each operative
paragraph with its status for each actor on the as-of day and a link to its commitment
record; footnotes and cross-references follow."""

import streamlit as st

from tracker.domain.languages import DEFAULT_LANGUAGE, pick, pick_with_fallback, text_in
from tracker.domain.model import FootnoteReference, PreambularParagraph, Text
from tracker.present import dashboard
from tracker.present.i18n import language_name, t
from tracker.present.markdown import escape_markdown
from tracker.query.names import commitment_label
from ui import keys
from ui.routes import page_link_ui
from ui.setup import page_setup
from ui.widgets import resolution_ui

page = page_setup("source_text")
data, as_of, lang = page.dataset, page.as_of, page.lang

resolutions = sorted(data.resolutions, key=lambda r: r.adopted, reverse=True)
if len(resolutions) > 1:
    symbol = resolution_ui(data, lang, t("label.resolution", lang), key=keys.SourceText.RESOLUTION)
else:
    symbol = resolutions[0].symbol
resolution = next((r for r in resolutions if r.symbol == symbol), resolutions[0])


def with_markers(text: Text, verb: Text, notes: tuple[FootnoteReference, ...]) -> str:
    """The paragraph in the chosen language (the default one when the chosen one is missing)
    as escaped Markdown, its leading verb in italics as printed, and each footnote's marker
    written after the words it follows."""
    chosen, fell_back = pick_with_fallback(text, lang)
    shown_in = DEFAULT_LANGUAGE if fell_back else lang
    out = escape_markdown(chosen)
    lead = escape_markdown(text_in(verb, shown_in) or "")
    if lead and out.startswith(lead):
        out = f"*{lead}*{out[len(lead) :]}"
    for note in notes:
        after = escape_markdown(text_in(note.after, shown_in) or "")
        if after and after in out:
            out = out.replace(after, f"{after} {escape_markdown(f'[{note.marker}]')}", 1)
    return out


st.subheader(escape_markdown(pick(resolution.title, lang)), anchor=False)
facts = [
    resolution.symbol,
    t("source_text.adopted", lang, date=resolution.adopted.isoformat()),
    dashboard.meeting_label(resolution.meeting or "", lang),
    t("source_text.report", lang, report=resolution.committee_report)
    if resolution.committee_report
    else "",
]
st.caption(" · ".join(escape_markdown(fact) for fact in facts if fact))
for vote in resolution.votes:
    st.caption(
        escape_markdown(
            t(
                "source_text.vote",
                lang,
                body=t(dashboard.BODY_KEYS[vote.body], lang),
                date=vote.date,
                yes=vote.in_favour,
                no=vote.against,
                abstaining=vote.abstaining,
                against=", ".join(vote.voted_against) or "—",
            )
        )
    )
if resolution.sponsor_names:
    st.caption(
        escape_markdown(t("source_text.sponsors", lang, names=", ".join(resolution.sponsor_names)))
    )
if lang != DEFAULT_LANGUAGE and lang not in resolution.source_files:
    st.info(
        t(
            "source_text.no_text",
            lang,
            symbol=resolution.symbol,
            language=language_name(lang, lang),
            shown=language_name(DEFAULT_LANGUAGE, lang),
        )
    )

footnotes: dict[str, FootnoteReference] = {}
preamble: tuple[PreambularParagraph, ...] = resolution.preamble
st.markdown(f"#### {escape_markdown(t('source_text.preamble', lang))}")
if not preamble:
    st.caption(t("source_text.no_preamble", lang))
for paragraph in preamble:
    text = with_markers(paragraph.text, paragraph.verb, paragraph.footnotes)
    st.markdown(text)
    footnotes.update({note.marker: note for note in paragraph.footnotes})

st.markdown(f"#### {escape_markdown(t('source_text.operative', lang))}")
operative = sorted(
    (c for c in data.commitments if c.resolution == resolution.symbol), key=lambda c: c.paragraph
)
if not operative:
    st.caption(t("source_text.no_operative", lang))
for commitment in operative:
    text = with_markers(commitment.text, commitment.verb, commitment.footnotes)
    footnotes.update({note.marker: note for note in commitment.footnotes})
    with st.container(border=True, key=keys.SourceText.paragraph(commitment.paragraph)):
        st.markdown(f"**{commitment.paragraph}.** {text}")
        statuses = dashboard.statuses_in_force(data, commitment, as_of, lang)
        st.caption(
            escape_markdown(
                t("source_text.status", lang, statuses=statuses, as_of=as_of.isoformat())
                if statuses
                else t("source_text.not_assessed_by_design", lang)
            )
        )
        page_link_ui(
            "commitments",
            t(
                "source_text.open",
                lang,
                commitment=escape_markdown(commitment_label(data, commitment)),
            ),
            icon=":material/arrow_forward:",
            params={keys.Commitments.PICK: commitment.id},
        )

if footnotes:
    st.markdown(f"#### {escape_markdown(t('label.footnotes', lang))}")
    references = {ref.id: ref for ref in resolution.cross_references}
    for marker, note in sorted(footnotes.items(), key=lambda item: item[0].zfill(4)):
        line = escape_markdown(f"[{marker}] {pick(note.text, lang)}")
        if note.cross_reference in references:
            reference = references[note.cross_reference or ""]
            line += " — " + escape_markdown(pick(reference.title, lang))
        st.markdown(line)
