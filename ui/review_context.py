"""What every part of the Review page shares: the data of one run of the page
(`ReviewContext`, with the labels its widgets show), the table of a kind of change, and the
labels of the reasons an item is on the agenda."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

import streamlit as st

from tracker.domain.languages import Language, pick
from tracker.domain.model import Commitment, Dataset
from tracker.present import tables
from tracker.present.i18n import pick_marked, t
from tracker.present.markdown import link_markdown
from tracker.present.review_tables import ReviewWords, Row
from tracker.query.index import derived, index_of
from tracker.query.names import commitment_label
from tracker.query.review import AgendaItem, agenda_page, shown_items
from ui import tables as ui_tables
from ui.tables import rows_frame

# Rows of a table of changes sent to the browser at once; a year's window at the size of all
# disarmament resolutions holds tens of thousands of stale judgements.
TABLE_PAGE_SIZE = 500
T = TypeVar("T")


@dataclass
class ReviewContext:
    """The data of one run of the page, and the labels its widgets show."""

    data: Dataset
    as_of: dt.date
    lang: Language
    today: dt.date = field(default_factory=dt.date.today)
    resolutions: tuple[str, ...] | None = None
    """The resolutions the page is about; None: all."""

    def in_view(self, ref: str) -> bool:
        """Whether commitment `ref` belongs to the resolutions the page is about."""
        if self.resolutions is None:
            return True
        found = self.commitments.get(ref)
        return found is not None and found.resolution in self.chosen

    @cached_property
    def chosen(self) -> frozenset[str]:
        """`resolutions` as a set: `in_view` is asked of every commitment (20,000 at full
        size), and the resolutions can be thousands."""
        return frozenset(self.resolutions or ())

    @cached_property
    def commitments(self) -> dict[str, Commitment]:
        return index_of(self.data).commitments

    @cached_property
    def slot(self) -> dict[str, int]:
        """A stable, page-scoped number per commitment for widget keys (ids hold '/' and ':')."""
        return derived(
            self.data,
            "review.slots",
            lambda data: {commitment.id: n for n, commitment in enumerate(data.commitments)},
        )

    @cached_property
    def headings(self) -> dict[str, str]:
        """`heading` of every commitment by id (the forms offer them all), made once per
        dataset and language."""
        return derived(
            self.data,
            f"review.headings.{self.lang}",
            lambda data: {
                c.id: f"{commitment_label(data, c)} · {pick_marked(c.verb, self.lang)}"
                for c in data.commitments
            },
        )

    @cached_property
    def words(self) -> ReviewWords:
        return ReviewWords(self.data, self.lang)

    @cached_property
    def status_labels(self) -> dict[str, str]:
        return {level.id: pick(level.label, self.lang) for level in self.data.methodology.statuses}

    def term_labels(self, terms: Sequence[Any]) -> dict[str, str]:
        return {term.id: pick(term.label, self.lang) for term in terms}

    def heading(self, commitment: Commitment) -> str:
        """'OP4 · Calls upon'."""
        return self.headings[commitment.id]

    def actor(self, ref: str) -> str:
        return self.words.actor(ref)

    def reasons(self, item: AgendaItem, short: bool = False) -> str:
        """'Worsened (Russian Federation); Stale (United States of America)', the actors by
        their ids when `short`."""
        return self.words.reasons(item, short)

    def link_markdown(self, title: str, url: str) -> str:
        """A Markdown link for an http(s) address, else the title alone, both made safe."""
        return link_markdown(title, url, t("brief.unsafe_link", self.lang))


def page_ui(count: int, size: int, key: str, label: str, shown: str, lang: Language) -> range:
    """Which of `count` things to show, `size` at a time: with more than one page, a page
    picker (`label`, under `key`) and a caption (`shown`: the first, last and total)."""
    pages = max(1, -(-count // size))
    page = 0
    if pages > 1:
        page = (
            st.selectbox(
                t(label, lang), list(range(pages)), format_func=lambda n: str(n + 1), key=key
            )
            or 0
        )
    found = agenda_page(count, page, size)
    if pages > 1:
        st.caption(t(shown, lang, first=found.start + 1, last=found.stop, total=count))
    return found


def table_ui(
    ctx: ReviewContext,
    records: Sequence[T],
    row: Callable[[T], Row],
    table: tables.Table,
    key: str,
) -> None:
    """The records as the table declares them, `TABLE_PAGE_SIZE` rows at a time (`row`
    makes the shown ones)."""
    lang = ctx.lang
    if not records:
        st.caption(t("brief.none", lang))
        return
    shown = page_ui(
        len(records), TABLE_PAGE_SIZE, f"{key}_page", "review.rows_page", "review.rows_shown", lang
    )
    frame = rows_frame(table, map(row, shown_items(records, shown)), ctx.status_labels)
    ui_tables.table_ui(frame, table, lang, key=key)
