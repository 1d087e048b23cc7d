"""The meeting brief of the Review page: the review to brief, and the brief (HTML, PDF) and its
decisions (CSV) as downloads built only when clicked. A PDF is printed on the server only for
an editor (one Chromium at a time, `tracker.present.pdf`); viewers get it once it is printed.
The same goes for an actor's printable profile (`pdf_ui`)."""

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
from tracker.query.review import AgendaItem, Changes, agenda_ids
from ui import keys
from ui.auth import current_editor
from ui.review_context import ReviewContext
from ui.widgets import choice_ui


def download_ui(
    label: str, build: Callable[[], bytes], file_name: str, mime: str, key: str, icon: str
) -> None:
    """A download button whose file `build` makes only when it is clicked (no rerun)."""
    st.download_button(
        label, data=build, file_name=file_name, mime=mime, key=key, on_click="ignore", icon=icon
    )


def document_key(*made_from: object) -> str:
    """Names a printable document by everything it is made from (the data file's content
    hash first), so that a printed PDF is served again only for the same document."""
    return hashlib.sha256(json.dumps([str(part) for part in made_from]).encode()).hexdigest()


def brief_key(
    content_hash: str,
    changes: Changes,
    items: Sequence[AgendaItem],
    as_of: object,
    lang: str,
    review: str | None,
    full: bool = False,
    resolutions: Sequence[str] | None = None,
) -> str:
    """Names a brief by everything it is made from: the data file's content, the window of
    changes, the agenda's order, the day, the language, the review, whether it is the full
    brief and the resolutions it shows."""
    return document_key(
        content_hash,
        changes.start,
        changes.end,
        changes.stale_after_days,
        agenda_ids(items),  # the order alone: no item is built for the key
        as_of,
        lang,
        review,
        full,
        list(resolutions) if resolutions is not None else None,
    )


def pdf_missing_message(lang: str) -> str | None:
    """Why no PDF can be made on this machine, or None when one can."""
    if not pdf.CHROMIUM.exists():
        return t("review.pdf_no_chromium", lang, path=str(pdf.CHROMIUM))
    if importlib.util.find_spec("playwright") is None:
        return t("review.pdf_no_playwright", lang)
    return None


def pdf_ui(
    key: str,
    html: Callable[[], str],
    label: str,
    file_name: str,
    widgets: tuple[str, str],
    lang: str,
) -> str | None:
    """The PDF of a document named `key`: its download once printed; for an editor, a button
    that prints it; for others, nothing yet. `widgets`: the keys of the print button and of
    the download. The message to show below the buttons (why there is no PDF), or None; a
    print that was refused or failed is a warning of its own."""
    button, download = widgets
    missing = pdf_missing_message(lang)
    if missing is not None:
        return escape_markdown(missing)
    printed = pdf.cached_pdf(key)
    editing = current_editor() is not None
    refused: str | None = None
    if (
        printed is None
        and editing
        and st.button(t("review.make_pdf", lang), key=button, icon=":material/picture_as_pdf:")
    ):
        printed, refused = _print(key, html, lang)
    if printed is not None:
        kept = printed
        download_ui(
            label,
            lambda: kept,
            file_name,
            "application/pdf",
            download,
            ":material/picture_as_pdf:",
        )
        return None
    if refused is not None:
        st.warning(refused, icon=":material/print_disabled:")  # busy or failed: say it aloud
        return None
    return None if editing else t("review.pdf_for_editors", lang)


def brief_ui(
    ctx: ReviewContext,
    changes: Changes,
    items: Sequence[AgendaItem],
    content_hash: str,
    resolutions: Sequence[str] | None = None,
) -> None:
    """The review to brief, and the brief (HTML, PDF) and decisions (CSV) as downloads that
    are built only when clicked: short by default (decisions, what changed, where each actor
    stands in `resolutions`), the record of every commitment on request. `content_hash` is
    the data file's, which names the brief."""
    lang, data, as_of = ctx.lang, ctx.data, ctx.as_of
    st.subheader(t("review.section.brief", lang), anchor=False)
    reviews = sorted(data.reviews, key=lambda r: (r.date, r.id), reverse=True)
    by_review = {r.id: r for r in reviews}
    if st.session_state.get(keys.Review.BRIEF_REVIEW) not in by_review:
        # Chosen when there were other reviews, or none: the newest is the default again.
        st.session_state.pop(keys.Review.BRIEF_REVIEW, None)
    # In the URL: a search hit on a meeting's notes opens its brief.
    review_id = choice_ui(
        t("review.brief_review", lang),
        list(by_review),
        {ref: f"{by_review[ref].date} · {pick(by_review[ref].title, lang)}" for ref in by_review},
        key=keys.Review.BRIEF_REVIEW,
        placeholder=t("review.no_reviews", lang),
        help=t("review.brief_review_help", lang),
        first_by_default=True,
    )
    brief_review = by_review.get(review_id) if review_id else None
    full = st.toggle(
        t("review.brief_full", lang),
        key=keys.Review.BRIEF_FULL,
        help=t("review.brief_full_help", lang),
    )
    stamp = re.sub(r"[^A-Za-z0-9._-]+", "-", brief_review.id if brief_review else as_of.isoformat())
    stamp += "-full" if full else ""

    def document() -> str:
        return meeting_brief_html(
            data, changes, items, as_of, lang, brief_review, full=full, resolutions=resolutions
        )

    key = brief_key(
        content_hash,
        changes,
        items,
        as_of,
        lang,
        brief_review.id if brief_review else None,
        full,
        resolutions,
    )

    def brief_decisions() -> bytes:
        return decisions_csv(data, brief_review.id) if brief_review else b""

    with st.container(horizontal=True, key=keys.Review.DOWNLOADS):
        download_ui(
            t("review.download_html", lang),
            lambda: document().encode("utf-8"),
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
        said = pdf_ui(
            key,
            document,
            t("review.download_pdf", lang),
            f"brief-{stamp}-{lang}.pdf",
            ("review_make_pdf", "review_download_pdf"),
            lang,
        )
    if said is not None:
        st.caption(said)
    if brief_review is None:
        st.caption(t("review.no_decisions_csv", lang))
    st.caption(t("review.brief_caption", lang))


def _print(key: str, html: Callable[[], str], lang: str) -> tuple[bytes | None, str | None]:
    """The document printed (an editor's click: the role is asked again here), or why not."""
    if current_editor() is None:
        return None, None
    try:
        with st.spinner(t("review.printing_pdf", lang)):
            return pdf.printed_pdf(key, html), None
    except pdf.PdfBusy:
        return None, t("review.pdf_busy", lang)
    except pdf.PdfUnavailable as error:
        return None, t("review.pdf_failed", lang, error=escape_markdown(str(error)))
