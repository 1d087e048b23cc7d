"""Which addresses the data may hold and a page may link to."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.urls import is_web_url, safe_url


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://press.un.org/en/2003/ga10217.doc.htm", True),
        ("http://www.armscontrol.org/factsheets/pniglance", True),
        ("HTTPS://example.org/", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("https://", False),
        ("ftp://example.org/file", False),
        (" https://example.org/", False),
        ("http://[x", False),
        ("http://[::1", False),
    ],
)
def test_is_web_url(url: str, web: bool) -> None:
    assert is_web_url(url) is web


def test_safe_url_strips_blanks_and_refuses_the_rest() -> None:
    assert safe_url(" https://example.org/ ") == "https://example.org/"
    assert safe_url("http://[x") is None


@given(st.text())
def test_any_text_gives_an_answer_never_an_exception(text: str) -> None:
    assert isinstance(is_web_url(text), bool)
