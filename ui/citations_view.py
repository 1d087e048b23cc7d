"""Widgets for citing and for the health of sources: "cite this" (a formatted APA reference with
its permalink, and the item as CSL-JSON, BibTeX or RIS), the results of the last link check
(read from `data/link_checks.csv` beside the data), and the marks and links the Evidence page
shows with an item's source."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pandas as pd
import streamlit as st

from tracker.domain.languages import Language
from tracker.domain.model import Dataset, Evidence
from tracker.domain.urls import is_web_url
from tracker.exchange import citations, links
from tracker.exchange.citations import evidence_items, formatted_reference, judgement_items
from tracker.exchange.links import LinkCheck
from tracker.present.i18n import t
from tracker.present.markdown import escape_markdown
from ui.data import data_path

BASE_URL_ENV = "TRACKER_BASE_URL"
LINK_MARKS = {
    "dead": "links.mark.dead",
    "server-error": "links.mark.server_error",
    "timeout": "links.mark.timeout",
    "unreachable": "links.mark.unreachable",
}


def base_url(page_key: str) -> str | None:
    """The app's address for permalinks: `TRACKER_BASE_URL` when set (behind a proxy, the
    public address), else the address this browser uses, without the page's own path."""
    configured = os.environ.get(BASE_URL_ENV, "").strip()
    if configured:
        return configured.rstrip("/")
    url = st.context.url
    if not url or not is_web_url(url):
        return None
    parts = urlsplit(url)
    head, _, last = parts.path.rstrip("/").rpartition("/")
    path = head if last == page_key else parts.path.rstrip("/")
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _encoded(kind: str, items: Callable[[], Sequence[Mapping[str, Any]]]) -> bytes:
    return citations.encode(kind, items())


def citation_downloads_ui(
    items: Callable[[], Sequence[Mapping[str, Any]]], stem: str, lang: Language, key: str
) -> None:
    """One download button per format; `items` builds the references when one is clicked."""
    with st.container(horizontal=True, key=f"{key}_formats"):
        for kind, form in citations.FORMATS.items():
            st.download_button(
                t("cite.download", lang, format=form.label),
                data=functools.partial(_encoded, kind, items),
                file_name=citations.file_name(kind, stem),
                mime=form.media_type,
                key=f"{key}_{kind}",
                icon=":material/download:",
                on_click="ignore",
            )


def cite_ui(item: Mapping[str, Any], lang: Language, key: str, permalink: bool) -> None:
    """A "cite this" popover with `reference_ui` in it."""
    with st.popover(t("cite.button", lang), icon=":material/format_quote:", key=f"{key}_cite"):
        reference_ui(item, lang, key, permalink)


def reference_ui(item: Mapping[str, Any], lang: Language, key: str, permalink: bool) -> None:
    """The reference in APA (with a copy button), a word when there is no permalink to give,
    and the item's files."""
    st.caption(t("cite.style", lang, style=citations.STYLE_NAME))
    st.code(formatted_reference(item), language=None, wrap_lines=True)
    if not permalink:
        st.caption(t("cite.no_permalink", lang, env=BASE_URL_ENV))
    citation_downloads_ui(lambda: [item], citations.bibtex_key(str(item["id"])), lang, key)


# --- link checks ----------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=4)
def _read_checks(path: str, signature: tuple[int, int]) -> dict[str, LinkCheck] | str:
    """The results file, read once per version of it (`signature` is its mtime and size);
    the message when it cannot be read."""
    try:
        return links.read_results(path)
    except (OSError, links.ResultsError) as error:
        return str(error)


def link_checks() -> dict[str, LinkCheck]:
    """The last link check of each address of the data, by address; empty when none was
    recorded. A results file that cannot be read is said once, as a warning."""
    path = links.results_path(data_path())
    try:
        stat = Path(path).stat()
    except OSError:
        return {}
    found = _read_checks(str(path), (stat.st_mtime_ns, stat.st_size))
    if isinstance(found, str):
        st.warning(found, icon=":material/link_off:")
        return {}
    return found


def link_mark(check: LinkCheck | None, lang: Language) -> str:
    """What a failed address gets beside it: 'Dead link (404) since 2026-11-20'; empty when it
    answered (or was never checked)."""
    if check is None or not check.failed:
        return ""
    status = f" ({check.http_status})" if check.http_status else ""
    since = (check.failing_since or check.checked_on).isoformat()
    return t(LINK_MARKS[check.outcome], lang, status=status, since=since)


def with_link_marks(
    table: pd.DataFrame, checks: Mapping[str, LinkCheck], dataset: Dataset, lang: Language
) -> pd.DataFrame:
    """An evidence table (`dashboard.evidence_table`) with a column marking each item whose
    source address failed its last check."""
    if not checks:
        return table
    urls = {item.id: item.source.url for item in dataset.evidence}
    marks = [link_mark(checks.get(urls.get(ref, "")), lang) for ref in table["id"]]
    return table.assign(**{t("links.column", lang): marks})


def source_extras_ui(
    dataset: Dataset, item: Evidence, checks: Mapping[str, LinkCheck], lang: Language
) -> None:
    """Beside an item's source links: its archived copy, the last check of each address,
    "cite this" for the item, and the judgements that cite it, each citable."""
    archived = item.source.archived_url
    with st.container(horizontal=True, key="evidence_extras"):
        if archived and is_web_url(archived):
            st.link_button(
                t("links.archived", lang), archived, icon=":material/inventory_2:", type="tertiary"
            )
        base = base_url("evidence")
        reference = evidence_items(dataset, [item], base)[0]
        cite_ui(reference, lang, key="evidence_item", permalink=base is not None)
    addresses = [item.source.url, *item.source.additional_urls, *([archived] if archived else [])]
    for url in addresses:
        check = checks.get(url)
        if check is None:
            continue
        mark = link_mark(check, lang)
        shown = escape_markdown(url)
        if mark:
            st.warning(f"{escape_markdown(mark)}: {shown}", icon=":material/link_off:")
        else:
            st.caption(t("links.answered", lang, url=shown, day=check.checked_on.isoformat()))
    judgements = [a for a in dataset.assessments if item.id in a.evidence]
    if judgements:
        with st.expander(t("cite.judgements", lang, count=len(judgements))):
            cited = judgement_items(dataset, judgements, base)
            for number, (assessment, reference) in enumerate(zip(judgements, cited, strict=True)):
                st.markdown(f"**{escape_markdown(reference['title'])}** · {assessment.date}")
                st.code(formatted_reference(reference), language=None, wrap_lines=True)
                citation_downloads_ui(
                    functools.partial(list, (reference,)),
                    citations.bibtex_key(assessment.id),
                    lang,
                    key=f"judgement_{number}",
                )
