"""The app's pages, declared once: each page's script, URL path, icon and the URL parameters it
reads. app.py's navigation, the sidebar, every link between pages and the tests read this
table; nothing else names a page script.

Links go by script path, not by `st.Page` object: on a freshly started server a deep link runs
the page script before any `st.navigation` exists, and a path is what both routers know.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import streamlit as st

from tracker.present.i18n import t
from ui.widgets import AS_OF_KEY, LANGUAGE_KEY

# Carried by every link and by the navigation, so the language and the day survive a change
# of page.
SHARED_PARAMS = (LANGUAGE_KEY, AS_OF_KEY)


@dataclass(frozen=True)
class Route:
    key: str
    """The page's URL path, its script's name in pages/, and its title key (page.<key>.title)."""
    icon: str
    params: tuple[str, ...] = ()
    """The URL parameters the page reads besides the shared ones: a link may carry only these."""

    @property
    def script(self) -> str:
        return f"pages/{self.key}.py"

    def title(self, lang: str) -> str:
        return t(f"page.{self.key}.title", lang)


_EVIDENCE_FILTERS = (
    "ev_actor",
    "ev_direction",
    "ev_resolution",
    "ev_commitment",
    "ev_criterion",
    "ev_source",
    "ev_confidence",
    "ev_from",
    "ev_to",
)
_COMMITMENT_FILTERS = ("resolution", "actor", "status", "change", "since")

# In the navigation's order; the first is the default page, served at the root URL.
ROUTES: tuple[Route, ...] = (
    Route("overview", ":material/dashboard:", ("ov_resolution", "matrix_resolution")),
    Route(
        "commitments", ":material/checklist:", (*_COMMITMENT_FILTERS, "commitment", "assessment")
    ),
    Route("actors", ":material/account_balance:", ("scorecard", "compare")),
    Route("state_votes", ":material/how_to_vote:", ("state", "count", "issue", "with")),
    Route("roll_call", ":material/ballot:", ("rcid", "rc_vote")),
    Route("evidence", ":material/fact_check:", (*_EVIDENCE_FILTERS, "ev_item", "ev_timeline")),
    Route(
        "review",
        ":material/event_note:",
        (
            "review_since",
            "review_item",
            "review_stale_days",
            "review_present",
            "review_resolution",
            "review_brief",
        ),
    ),
    Route("add_resolution", ":material/note_add:"),
    Route(
        "export",
        ":material/import_export:",
        ("export_view", "export_excel", *_COMMITMENT_FILTERS, *_EVIDENCE_FILTERS),
    ),
    Route("source_text", ":material/description:", ("symbol",)),
    Route("methodology", ":material/rule:"),
    Route("search", ":material/search:", ("q",)),
)
_BY_KEY = {route.key: route for route in ROUTES}


def route(key: str) -> Route:
    """The route of page `key`; KeyError for a page that is not in the table."""
    return _BY_KEY[key]


def shared_params() -> dict[str, str]:
    """The shared parameters of the current URL, to carry to the next page."""
    return {key: st.query_params[key] for key in SHARED_PARAMS if key in st.query_params}


def link_params(
    target: Route, params: Mapping[str, str | Sequence[str]]
) -> dict[str, str | Sequence[str]]:
    """The query string of a link to `target`: the shared parameters and `params`, each of
    which the target page must declare (a link that carries what the page never reads is a
    mistake, caught here rather than by a visitor)."""
    unknown = sorted(set(params) - set(target.params))
    if unknown:
        raise ValueError(f"page {target.key!r} reads no URL parameter {', '.join(unknown)}")
    return {**shared_params(), **params}


def page_link_ui(
    key: str,
    label: str,
    *,
    icon: str | None = None,
    params: Mapping[str, str | Sequence[str]] | None = None,
) -> None:
    """A link to page `key` that keeps the language and the day, with `params` for its view."""
    target = route(key)
    st.page_link(
        target.script,
        label=label,
        icon=icon or target.icon,
        query_params=link_params(target, params or {}),
    )


def switch_page(key: str, params: Mapping[str, str | Sequence[str]] | None = None) -> None:
    """Go to page `key` now, keeping the language and the day."""
    target = route(key)
    st.switch_page(target.script, query_params=link_params(target, params or {}))


def navigation_ui(lang: str) -> None:
    """The one navigation, in the sidebar, drawn by the page itself on every entry path."""
    shared = shared_params()
    with st.sidebar.container(key="navigation"):
        for target in ROUTES:
            st.page_link(
                target.script, label=target.title(lang), icon=target.icon, query_params=shared
            )


def app_pages(lang: str) -> list[st.Page]:
    """The pages for `st.navigation`: the first at the root URL and again at its own path, so
    that a link to /overview never meets 'Page not found' once app.py has run (on a fresh
    server the pages/ folder serves it there too)."""
    pages = [
        st.Page(target.script, title=target.title(lang), icon=target.icon, url_path=target.key)
        for target in ROUTES
    ]
    first = ROUTES[0]
    root = st.Page(
        first.script, title=first.title(lang), icon=first.icon, url_path="", default=True
    )
    return [root, *pages]
