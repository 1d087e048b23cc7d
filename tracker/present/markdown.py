"""Data text as Markdown that Streamlit renders as exactly that text, matches highlighted."""

from __future__ import annotations

import re
import string

from tracker.query.search import Snippet

HIGHLIGHT = "orange-background"
# Every ASCII punctuation character can be backslash-escaped in CommonMark; escaping them all
# also defuses Streamlit's own syntax (`:red[...]` directives, `:emoji:` codes, `$` for LaTeX).
_MARKDOWN_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")
_BLANKS = re.compile(r"\s+")


def escape_markdown(text: str) -> str:
    """`text` as Markdown that renders as exactly that text, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _BLANKS.sub(" ", text))


def highlight_markdown(snippet: Snippet, style: str = HIGHLIGHT) -> str:
    """The snippet as Markdown with each matched span wrapped in Streamlit's `:style[...]`
    directive; the text around and inside the spans is escaped."""
    parts: list[str] = []
    position = 0
    for start, end in snippet.spans:
        parts.append(escape_markdown(snippet.text[position:start]))
        parts.append(f":{style}[{escape_markdown(snippet.text[start:end])}]")
        position = end
    parts.append(escape_markdown(snippet.text[position:]))
    return "".join(parts)
