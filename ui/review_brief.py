"""The meeting brief of the Review page: the review to brief, and the brief (HTML, PDF) and its
decisions (CSV) as downloads built only when clicked. A PDF is printed on the server only for
an editor (one Chromium at a time, `tracker.present.pdf`); viewers get it once it is printed."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from collections.abc import Callable, Sequence

import streamlit as st

from tracker.domain.languages import pick
from tracker.exchange.decisions import decisions_csv
from tracker.present import pdf
from tracker.present.brief import meeting_brief_html
from tracker.present.i18n import t
from tracker.present.markdown import escape_markdown
from tracker.query.review import AgendaItem, Changes
from ui import keys
from ui.auth import current_editor
from ui.review_context import ReviewContext


def download_ui(
    label: str, build: Callable[[], bytes], file_name: str, mime: str, key: str, icon: str
) -> None:
    """A download button whose file `build` makes only when it is clicked (no rerun)."""
    st.download_button(
        label, data=build, file_name=file_name, mime=mime, key=key, on_click="ignore", icon=icon
    )


def brief_key(
    content_hash: str,
    changes: Changes,
    items: Sequence[AgendaItem],
    as_of: object,
    lang: str,
    review: str | None,
) -> str:
    """Names a brief by everything it is made from: the data file's content, the window of
    changes, the agenda's order, the day, the language and the review."""
    made_from = [
        content_hash,
        str(changes.start),
        str(changes.end),
        changes.stale_after_days,
        [item.commitment for item in items],
        str(as_of),
        lang,
        review,
    ]
    return hashlib.sha256(json.dumps(made_from).encode("utf-8")).hexdigest()


def brief_ui(
    ctx: ReviewContext, changes: Changes, items: Sequence[AgendaItem], content_hash: str
) -> None:
    """The review to brief, and the brief (HTML, PDF) and decisions (CSV) as downloads that
    are built only when clicked; `content_hash` is the data file's, which names the brief."""
    lang, data, as_of = ctx.lang, ctx.data, ctx.as_of
    st.subheader(t("review.section.brief", lang), anchor=False)
    reviews = sorted(data.reviews, key=lambda r: (r.date, r.id), reverse=True)
    by_review = {r.id: r for r in reviews}
    if st.session_state.get(keys.Review.BRIEF_REVIEW) not in by_review:
        # Chosen when there were other reviews, or none: the newest is the default again.
        st.session_state.pop(keys.Review.BRIEF_REVIEW, None)
    review_id = st.selectbox(
        t("review.brief_review", lang),
        list(by_review),
        index=0 if reviews else None,
        format_func=lambda ref: f"{by_review[ref].date} · {pick(by_review[ref].title, lang)}",
        key=keys.Review.BRIEF_REVIEW,
        placeholder=t("review.no_reviews", lang),
        help=t("review.brief_review_help", lang),
    )
    brief_review = by_review.get(review_id) if review_id else None
    stamp = re.sub(r"[^A-Za-z0-9._-]+", "-", brief_review.id if brief_review else as_of.isoformat())

    def brief_html() -> bytes:
        return meeting_brief_html(data, changes, items, as_of, lang, brief_review).encode("utf-8")

    key = brief_key(
        content_hash, changes, items, as_of, lang, brief_review.id if brief_review else None
    )

    def brief_decisions() -> bytes:
        return decisions_csv(data, brief_review.id) if brief_review else b""

    pdf_missing = (
        t("review.pdf_no_chromium", lang, path=str(pdf.CHROMIUM))
        if not pdf.CHROMIUM.exists()
        else t("review.pdf_no_playwright", lang)
        if importlib.util.find_spec("playwright") is None
        else None
    )
    printed = pdf.cached_pdf(key) if pdf_missing is None else None
    editing = current_editor() is not None
    refused: str | None = None
    with st.container(horizontal=True, key=keys.Review.DOWNLOADS):
        download_ui(
            t("review.download_html", lang),
            brief_html,
            f"brief-{stamp}-{lang}.html",
            "text/html",
            "review_download_html",
            ":material/download:",
        )
        if brief_review is not None:
            download_ui(
                t("review.download_csv", lang),
                brief_decisions,
                f"decisions-{stamp}.csv",
                "text/csv",
                "review_download_csv",
                ":material/table:",
            )
        if printed is None and pdf_missing is None and editing:
            clicked = st.button(
                t("review.make_pdf", lang),
                key="review_make_pdf",
                icon=":material/picture_as_pdf:",
            )
            if clicked:
                printed, refused = _print_brief(key, brief_html, lang)
        if printed is not None:
            kept = printed
            download_ui(
                t("review.download_pdf", lang),
                lambda: kept,
                f"brief-{stamp}-{lang}.pdf",
                "application/pdf",
                "review_download_pdf",
                ":material/picture_as_pdf:",
            )
    if refused is not None:
        st.warning(refused)
    if brief_review is None:
        st.caption(t("review.no_decisions_csv", lang))
    if pdf_missing is not None:
        st.caption(escape_markdown(pdf_missing))
    elif printed is None and not editing:
        st.caption(t("review.pdf_for_editors", lang))
    st.caption(t("review.brief_caption", lang))


def _print_brief(
    key: str, brief_html: Callable[[], bytes], lang: str
) -> tuple[bytes | None, str | None]:
    """The brief printed (an editor's click: the role is asked again here), or why not."""
    if current_editor() is None:
        return None, None
    try:
        with st.spinner(t("review.printing_pdf", lang)):
            return pdf.printed_pdf(key, lambda: brief_html().decode("utf-8")), None
    except pdf.PdfBusy:
        return None, t("review.pdf_busy", lang)
    except pdf.PdfUnavailable as error:
        return None, t("review.pdf_failed", lang, error=escape_markdown(str(error)))
