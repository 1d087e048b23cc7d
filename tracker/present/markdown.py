"""Data text as Markdown that Streamlit renders as exactly that text, matches highlighted."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

from tracker.domain.urls import safe_url
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


def link_markdown(title: str, url: str, unsafe_note: str) -> str:
    """A Markdown link to an http(s) address, else the title and `unsafe_note`; both escaped,
    and the characters that would end the address (blanks, brackets) percent-encoded."""
    address = safe_url(url)
    if address is None:
        return f"{escape_markdown(title)} {escape_markdown(unsafe_note)}"
    quoted = re.sub(r"[\s()<>\\\[\]]", lambda m: f"%{ord(m.group()):02X}", address)
    return f"[{escape_markdown(title)}]({quoted})"


_EVIDENCE_ID = re.compile(r"\b(E\d+)\b")


def linked_ids_markdown(text: str, urls: Mapping[str, str]) -> str:
    """`text` as escaped Markdown in which each evidence id that `urls` knows ('E41') is a
    link to that item's source (http and https addresses only)."""
    parts: list[str] = []
    position = 0
    for match in _EVIDENCE_ID.finditer(text):
        ref = match.group(1)
        address = safe_url(urls.get(ref, ""))
        if address is None:
            continue
        parts.append(escape_markdown(text[position : match.start()]))
        parts.append(link_markdown(ref, address, ""))
        position = match.end()
    parts.append(escape_markdown(text[position:]))
    return "".join(parts)
