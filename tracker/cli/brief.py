"""`python -m tracker brief`: the meeting brief of a review, as HTML or PDF, without the app."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from tracker.cli.common import DEFAULT_DATA, iso_date, load_valid
from tracker.domain.languages import LANGUAGES
from tracker.domain.model import Dataset, Review

FORMATS = ("html", "pdf")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write the meeting brief of a review: its decisions first, then what changed in the "
        "world since the review before it, then where each actor stands; the full record of "
        "every commitment with --full. Exit 0 when written, 1 when the data has problems or "
        "names no such review (nothing is written), 2 when a file cannot be read or written "
        "or no PDF can be made here."
    )
    parser.add_argument("path", nargs="?", default=DEFAULT_DATA, help="the data file")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE", help="the file to write")
    parser.add_argument(
        "--review",
        metavar="ID",
        default=None,
        help="the review whose decisions lead the brief (default: the newest; 'none': no review)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="html or pdf (default: from the suffix of FILE, html for any other)",
    )
    parser.add_argument("--lang", choices=list(LANGUAGES), default="en", help="language")
    parser.add_argument(
        "--full",
        action="store_true",
        help="add the agenda and every commitment's record (history, charts, evidence)",
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        metavar="DATE",
        help="status as of DATE, YYYY-MM-DD (default: the review's date, or today)",
    )
    parser.add_argument(
        "--since",
        type=iso_date,
        default=None,
        metavar="DATE",
        help="what changed after DATE (default: the review held before, or a quarter back)",
    )


def _review(dataset: Dataset, wanted: str | None) -> Review | str | None:
    """The review asked for, None for none, or a message when there is no such review."""
    if wanted == "none":
        return None
    if wanted is None:
        return max(dataset.reviews, key=lambda r: (r.date, r.id), default=None)
    found = next((r for r in dataset.reviews if r.id == wanted), None)
    if found is None:
        known = ", ".join(r.id for r in dataset.reviews) or "none"
        return f"no review {wanted!r} in the data (reviews: {known})"
    return found


def run(args: argparse.Namespace) -> int:
    """Write the brief of `args.review` in the data at `args.path` to `args.out`."""
    loaded = load_valid(args.path, "brief")
    if isinstance(loaded, int):
        return loaded
    dataset, _ = loaded
    review = _review(dataset, args.review)
    if isinstance(review, str):
        print(f"brief: {review}", file=sys.stderr)
        return 1
    # Imported here: the brief loads plotly and the PDF path Playwright.
    from tracker.present.brief import meeting_brief_html
    from tracker.present.pdf import PdfUnavailable, html_to_pdf
    from tracker.query.review import agenda, changes_between, default_start

    as_of: dt.date = args.as_of or (review.date if review else dt.date.today())
    start: dt.date = args.since or default_start(dataset, review.date if review else as_of)
    if start > as_of:
        print(f"brief: --since {start} is after the status date {as_of}", file=sys.stderr)
        return 1
    kind = args.format or ("pdf" if args.out.suffix.lower() == ".pdf" else "html")
    changes = changes_between(dataset, start, as_of)
    document = meeting_brief_html(
        dataset, changes, agenda(changes, dataset), as_of, args.lang, review, full=args.full
    )
    try:
        content = html_to_pdf(document) if kind == "pdf" else document.encode("utf-8")
    except PdfUnavailable as error:
        print(
            f"brief: no PDF can be made here: {error}; --format html needs no browser",
            file=sys.stderr,
        )
        return 2
    try:
        args.out.write_bytes(content)
    except OSError as error:
        print(f"brief: cannot write {args.out}: {error}", file=sys.stderr)
        return 2
    which = review.id if review else "no review"
    print(f"{args.out}: wrote the {kind} brief of {which}, status as of {as_of}", file=sys.stderr)
    return 0
