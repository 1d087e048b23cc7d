"""Tables declared in `tracker.present.tables`, drawn: each column's header, help, width and
kind as `st.column_config`, and the table itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from tracker.domain.model import Methodology
from tracker.present.tables import Column, Kind, Table

# A source address is shown by its host name (the tables hold http(s) addresses only).
HOST = r"https?://(?:www\.)?([^/?#]+)"


def column_config(
    table: Table, lang: str, methodology: Methodology | None = None
) -> dict[str, Any]:
    """The table's columns as `st.column_config`, by column id (hidden ones left out of view
    by `column_order`); `methodology` for a table with columns per term."""
    columns = table.columns_for(methodology) if methodology else table.columns
    return {column.id: _config(column, lang) for column in columns}


def _config(column: Column, lang: str) -> Any:
    label, help, width = column.heading(lang), column.help_text(lang), column.width
    if column.kind is Kind.NUMBER:
        return st.column_config.NumberColumn(label, help=help, width=width)
    if column.kind is Kind.DATE:
        return st.column_config.DateColumn(label, help=help, width=width, format="YYYY-MM-DD")
    if column.kind is Kind.LINK:
        return st.column_config.LinkColumn(label, help=help, width=width, display_text=HOST)
    return st.column_config.TextColumn(label, help=help, width=width)


def table_ui(
    frame: Any,
    table: Table,
    lang: str,
    key: str,
    methodology: Methodology | None = None,
    **options: Any,
) -> Any:
    """`st.dataframe` of a frame built in the table's column order (or a Styler of one),
    with its headers in `lang`; `options` go to `st.dataframe` (selection, height)."""
    columns = table.columns_for(methodology) if methodology else table.columns
    return st.dataframe(
        frame,
        key=key,
        hide_index=True,
        column_order=[column.id for column in columns if not column.hidden],
        column_config=column_config(table, lang, methodology),
        **options,
    )


def rows_frame(
    table: Table, rows: Iterable[Mapping[str, object]], statuses: Mapping[str, str]
) -> pd.DataFrame:
    """Rows of values (`tracker.present.review_tables`) as a frame to show: a status as its
    label (`statuses`, by id)."""
    status_columns = [c.id for c in table.columns if c.kind is Kind.STATUS]
    shown = [
        {**row, **{c: statuses.get(str(row[c]), row[c]) if row[c] else "" for c in status_columns}}
        for row in rows
    ]
    return pd.DataFrame(shown, columns=list(table.ids))
