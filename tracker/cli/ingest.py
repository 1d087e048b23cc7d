"""`python -m tracker ingest`: parse the options, read the official text, and call
`tracker.ingest` for the parse, and `tracker.ingest.session` for the drafts, their check
against the data and the merge."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tracker.cli.common import DEFAULT_DATA, iso_date, load_valid
from tracker.domain.model import Dataset
from tracker.ingest.clean import IngestWarning, canonical_language
from tracker.ingest.drafts import DraftError, FillPlan
from tracker.ingest.parse import parse_resolution, to_json
from tracker.ingest.session import (
    Ingest,
    NothingToFill,
    UnreadableText,
    check_ingest,
    decode_text,
    filled_records,
    merge_ingest,
    plan_ingest,
)
from tracker.ingest.verbs import BODIES, LANGUAGE_CODES
from tracker.source.files import replace_whole
from tracker.source.loader import LoadResult
from tracker.source.store import Editor, StoreError, WriteResult, records_yaml

LANGUAGES = ("auto", *LANGUAGE_CODES)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Read the official text of a resolution (as extracted from the UN PDF). With --json, "
        "print its parse. Otherwise print draft records that validate against the data: for "
        "a resolution the data lacks (from its English text), the resolution, one commitment "
        "per operative paragraph and a 'not yet assessed' assessment per recognised actor; "
        "for one it holds, the same records with this language's texts filled in. --merge "
        "writes them into the data file through the safe write path. Exit 0 when done, 1 "
        "when no valid records can be made or the write is refused (nothing is written), 2 "
        "when a file cannot be read or the options are wrong."
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the official text, UTF-8")
    parser.add_argument(
        "--lang",
        default="auto",
        help=f"language of the text: {', '.join(LANGUAGES)} (default: auto)",
    )
    parser.add_argument("--json", action="store_true", help="print the parse as JSON")
    parser.add_argument(
        "-o", "--out", type=Path, default=None, metavar="OUT", help="write to OUT, not stdout"
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(DEFAULT_DATA),
        metavar="PATH",
        help=f"the data file the drafts are checked against and merged into ({DEFAULT_DATA})",
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="write into the data file: a new resolution's records are appended; a second "
        "language fills the texts that the records of its resolution lack",
    )
    parser.add_argument("--editor", metavar="NAME", help="who merges (required with --merge)")
    header = parser.add_argument_group(
        "header fields", "given where the text prints none, or correcting what it prints"
    )
    header.add_argument("--symbol", help="the document symbol: A/RES/58/50, S/RES/1540 (2004)")
    header.add_argument("--title", help="the title (a Security Council resolution prints none)")
    header.add_argument(
        "--adopted", type=iso_date, metavar="DATE", help="the adoption date, YYYY-MM-DD"
    )
    header.add_argument(
        "--body",
        choices=BODIES,
        help="the body that adopted it (otherwise read from the text and its symbol)",
    )
    header.add_argument("--meeting", help="the meeting, as printed: '4956th meeting'")


def run(args: argparse.Namespace) -> int:
    """Parse `args.file`; print the parse, print draft records, or merge them."""
    usage = _usage_problem(args)
    if usage:
        return _fail(usage, 2)
    try:
        text = decode_text(args.file.read_bytes(), str(args.file))
    except OSError as error:
        return _fail(f"cannot read {args.file}: {error.strerror or error}", 2)
    except UnreadableText as error:
        return _fail(str(error), 2)
    parsed = parse_resolution(text, args.lang)
    if args.json:
        return _emit(json.dumps(to_json(parsed), ensure_ascii=False, indent=2) + "\n", args.out)
    _warn(parsed.warnings, args.file)

    loaded = _load(args.data, required=args.merge)
    if isinstance(loaded, int):
        return loaded
    try:
        ingest = plan_ingest(
            parsed,
            text,
            loaded.dataset if loaded else None,
            source_file=_source_file(args.file, args.data),
            symbol=args.symbol,
            adopted=args.adopted,
            title=args.title,
            body=args.body,
            meeting=args.meeting,
        )
    except DraftError as error:
        return _fail(str(error), 1)
    if ingest.fill is not None and loaded is not None and loaded.dataset is not None:
        return _fill(args, loaded.content_hash, loaded.dataset, ingest, ingest.fill)
    return _new_resolution(args, loaded, ingest)


def _usage_problem(args: argparse.Namespace) -> str | None:
    if canonical_language(args.lang) not in LANGUAGES:
        return f"--lang must be one of {', '.join(LANGUAGES)}, not {args.lang!r}"
    if args.merge and args.json:
        return "--merge writes records, --json prints the parse: give one of them"
    if args.merge and args.out is not None:
        return "--merge writes into --data; -o is for a preview without --merge"
    if args.merge and not (args.editor or "").strip():
        return "--merge needs --editor NAME: the data records who changed it"
    return None


def _load(path: Path, *, required: bool) -> LoadResult | int | None:
    """The loaded data, None when there is no data file to check against, or an exit code."""
    if not path.exists() and not required:
        print(
            f"ingest: no data file at {path}: the drafts are checked against the model only",
            file=sys.stderr,
        )
        return None
    loaded = load_valid(path, "ingest")
    return loaded if isinstance(loaded, int) else loaded[1]


def _new_resolution(args: argparse.Namespace, loaded: LoadResult | None, ingest: Ingest) -> int:
    _warn(ingest.warnings, args.file)
    records = ingest.new_records()
    symbol = ingest.symbol
    try:
        if args.merge and loaded is not None:
            result = merge_ingest(
                ingest,
                args.data,
                base_hash=loaded.content_hash,
                editor=Editor(args.editor.strip()),
            )
            counts = ", ".join(
                f"{len(v)} {k.removesuffix('s') if len(v) == 1 else k}"
                for k, v in records.items()
                if v
            )
            return _done(result, f"added the draft records of {symbol}: {counts}")
        if loaded is not None:
            check_ingest(ingest, args.data.read_bytes(), str(args.data), args.data.parent)
    except StoreError as error:
        return _refused(error)
    except OSError as error:
        return _fail(f"cannot write {args.data}: {error.strerror or error}", 2)
    header = (
        f"# Draft records of {symbol} from {args.file} ({ingest.parsed.language}). "
        "Review every one\n"
        f"# against the official text; merge with: python -m tracker ingest {args.file} "
        "--merge --editor NAME\n"
    )
    return _emit(header + records_yaml(records), args.out)


def _fill(
    args: argparse.Namespace, base_hash: str, dataset: Dataset, ingest: Ingest, plan: FillPlan
) -> int:
    _warn(plan.warnings, args.file)
    for note in plan.kept:
        print(f"ingest: kept: {note}", file=sys.stderr)
    try:
        if args.merge:
            editor = Editor(args.editor.strip())
            result = merge_ingest(ingest, args.data, base_hash=base_hash, editor=editor)
            message = f"filled {len(plan.fills)} {plan.language} texts of {plan.symbol}"
            return _done(result, message)
        check_ingest(ingest, args.data.read_bytes(), str(args.data), args.data.parent)
    except NothingToFill as nothing:
        print(f"ingest: {nothing}", file=sys.stderr)
        return 0
    except StoreError as error:
        return _refused(error)
    except OSError as error:
        return _fail(f"cannot write {args.data}: {error.strerror or error}", 2)
    records = filled_records(ingest, dataset)
    header = (
        f"# {plan.symbol} with its {plan.language} texts from {args.file} filled in "
        f"({len(plan.fills)} texts). Merge with: python -m tracker ingest {args.file} "
        "--merge --editor NAME\n"
    )
    return _emit(header + records_yaml(records), args.out)


def _source_file(file: Path, data: Path) -> str:
    """The official text's path as the data names it: relative to the data file's folder."""
    return Path(os.path.relpath(os.path.abspath(file), os.path.abspath(data.parent))).as_posix()


def _done(result: WriteResult, message: str) -> int:
    lines = ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in result.changed_lines)
    print(f"{result.path}: {message} (lines {lines})", file=sys.stderr)
    return 0


def _refused(error: StoreError) -> int:
    """A write (or its check) refused: the data file is as it was."""
    print(f"ingest: {error}", file=sys.stderr)
    return 1


def _warn(warnings: Sequence[IngestWarning], file: Path) -> None:
    """One line per warning, `FILE:LINE: warning: CODE: message`, at the line of the text
    given (a warning of the drafts as a whole stands at the text's first line)."""
    for warning in warnings:
        print(
            f"{file}:{warning.line or 1}: warning: {warning.code}: {warning.message}",
            file=sys.stderr,
        )


def _emit(text: str, out: Path | None) -> int:
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        replace_whole(out, text.encode("utf-8"))
    except OSError as error:
        return _fail(f"cannot write {out}: {error.strerror or error}", 2)
    return 0


def _fail(message: str, code: int) -> int:
    print(f"ingest: {message}", file=sys.stderr)
    return code
