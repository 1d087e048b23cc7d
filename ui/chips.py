"""Status chips on a page: a status's label on its methodology colour, in black or white text
(whichever reads on it at 4.5:1), so that a projector or a phone shows statuses in colour
without the meaning resting on colour alone.

No text from the data reaches HTML here: a chip is a keyed container holding escaped
Markdown, and the style sheet names only container keys (a status's number in the
methodology) and colours checked to be '#RRGGBB'.
"""

from __future__ import annotations

import re

import streamlit as st

from tracker.domain.languages import pick
from tracker.domain.model import Dataset
from tracker.present.colours import text_colour
from tracker.present.markdown import escape_markdown

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


def chips_css(dataset: Dataset) -> str:
    """The style of every status's chips (`chip_ui` keys): fill and text colour."""
    rules = [
        "[class*='st-key-status_chip_'] { border-radius: 0.45rem; padding: 0.05rem 0.6rem; "
        "border: 1px solid #0003; }",
        # Streamlit pulls a Markdown block up into the gap below it: not inside a chip.
        "[class*='st-key-status_chip_'] [data-testid='stMarkdownContainer'] "
        "{ margin-bottom: 0 !important; }",
    ]
    for number, level in enumerate(dataset.methodology.statuses):
        if not _HEX.fullmatch(level.colour):
            continue
        text = text_colour(level.colour)
        rules.append(
            f"[class*='st-key-status_chip_{number}_'] {{ background: {level.colour}; }}\n"
            f"[class*='st-key-status_chip_{number}_'] p {{ color: {text} !important; "
            "margin: 0 !important; white-space: nowrap; }"
        )
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def chip_ui(dataset: Dataset, status: str, lang: str, key: str) -> None:
    """One status chip; `key` makes it unique on the page."""
    numbers = {level.id: n for n, level in enumerate(dataset.methodology.statuses)}
    level = next((s for s in dataset.methodology.statuses if s.id == status), None)
    label = pick(level.label, lang) if level else status
    with st.container(key=f"status_chip_{numbers.get(status, 'none')}_{key}", width="content"):
        st.markdown(escape_markdown(label))
