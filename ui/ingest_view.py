"""Widgets of the Add resolution page: the text given, its parse beside it with each operative
paragraph marked in the source, the corrections, the drafts and their check against the data,
and the save (editors only) through `tracker.ingest.session`."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from tracker.domain.languages import Language, pick
from tracker.domain.model import Dataset
from tracker.ingest.clean import IngestWarning
from tracker.ingest.drafts import recorded_verb
from tracker.ingest.parse import ParsedResolution, Subparagraph, body_of_symbol, parse_resolution
from tracker.ingest.session import (
    Ingest,
    NothingToFill,
    UnreadableText,
    check_ingest,
    decode_text,
    holds,
    merge_ingest,
)
from tracker.ingest.verbs import BODIES, LANGUAGE_CODES
from tracker.present import tables
from tracker.present.i18n import t
from tracker.present.markdown import escape_markdown
from tracker.source import store
from ui import keys
from ui.auth import WRITE_ERRORS, WriteMessages, current_editor, write_failure
from ui.routes import page_link_ui
from ui.tables import table_ui

# The largest text the page reads, checked on the server for the paste and the upload alike
# (the browser's own limits can be bypassed); the command line has no limit.
MAX_TEXT_MB = 5
MAX_TEXT_BYTES = MAX_TEXT_MB * 1_000_000
# Parses kept in memory, shared by the sessions that give the same text.
PARSE_CACHE_ENTRIES = 4
PARSE_CACHE_SECONDS = 3600
FIRST_SESSION = dt.date(1946, 1, 10)  # the General Assembly's first meeting
SOURCE_HEIGHT = 640
LANGUAGE_CHOICES = ("auto", *LANGUAGE_CODES)
LANGUAGE_LABELS = {
    "auto": "add.lang.auto",
    "ar": "add.lang.ar",
    "en": "language.name.en",
    "es": "add.lang.es",
    "fr": "add.lang.fr",
    "ru": "add.lang.ru",
    "zh": "language.name.zh",
}
BODY_LABELS = {
    "general_assembly": "add.body.general_assembly",
    "security_council": "add.body.security_council",
}
SAVE_FAILURES = WriteMessages(
    not_editor="outcome.not_editor",
    conflict="add.outcome.conflict",
    rejected="add.outcome.rejected",
    busy="outcome.busy",
    failed="outcome.failed",
)
# Okabe-Ito colours, as in the data's status scale, at a quarter of their strength.
MARK_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
# Constant CSS: no data goes into it. The paragraph number is drawn from the mark's data-op
# attribute, so the source text on screen is the text given, character for character.
SOURCE_CSS = f"""<style>
.ingest-source {{ max-height: {SOURCE_HEIGHT}px; overflow: auto; border: 1px solid #ddd;
  border-radius: 0.5rem; padding: 0.5rem 0.75rem; }}
.ingest-source pre {{ white-space: pre-wrap; word-break: break-word; margin: 0;
  font-size: 0.85rem; line-height: 1.45; background: none; }}
.ingest-source mark {{ color: inherit; border-radius: 0.2rem; padding: 0 0.1rem; }}
.ingest-source mark.op-start::before {{ content: attr(data-op); font-weight: 700;
  font-size: 0.7rem; color: #fff; background: #333; border-radius: 0.6rem;
  padding: 0 0.35rem; margin-right: 0.25rem; }}
</style>"""


def text_digest(text: str, lang: str) -> str:
    return hashlib.sha256(f"{lang}\n{text}".encode()).hexdigest()


@st.cache_resource(max_entries=PARSE_CACHE_ENTRIES, ttl=PARSE_CACHE_SECONDS, show_spinner=False)
def _parse_once(digest: str, lang: str, _text: str) -> ParsedResolution:
    """Keyed by the text's digest (the text itself is not hashed again); the parse is
    immutable, so the sessions share it."""
    return parse_resolution(_text, lang)


def parsed_text(text: str, lang: str) -> ParsedResolution:
    """The parse of `text`, once per text and language while it stays in the cache."""
    return _parse_once(text_digest(text, lang), lang, text)


# --- the text ----------------------------------------------------------------------------


def source_ui(lang: Language) -> str | None:
    """The official text pasted or uploaded, as given; None (with the reason shown) when
    there is none or it cannot be read."""
    kind = st.radio(
        t("add.source.kind", lang),
        ("paste", "upload"),
        format_func=lambda k: t("add.source.paste" if k == "paste" else "add.source.upload", lang),
        horizontal=True,
        key=keys.AddResolution.SOURCE_KIND,
    )
    if kind == "upload":
        uploaded = st.file_uploader(
            t("add.source.file", lang),
            type=["txt"],
            key=keys.AddResolution.FILE,
            help=t("add.source.file_help", lang),
            max_upload_size=MAX_TEXT_MB,
        )
        if uploaded is None:
            st.info(t("add.source.hint", lang))
            return None
        if uploaded.size > MAX_TEXT_BYTES:
            st.error(
                t(
                    "add.source.too_large",
                    lang,
                    name=escape_markdown(uploaded.name),
                    size=f"{uploaded.size / 1e6:,.1f}",
                    limit=MAX_TEXT_MB,
                )
            )
            return None
        try:
            text = decode_text(uploaded.getvalue(), uploaded.name)
        except UnreadableText:
            st.error(t("add.source.not_utf8", lang, name=escape_markdown(uploaded.name)))
            return None
    else:
        text = st.text_area(
            t("add.source.text", lang),
            key=keys.AddResolution.TEXT,
            height=220,
            help=t("add.source.text_help", lang),
            placeholder=t("add.source.placeholder", lang),
            # One more than the page reads: a longer paste the browser cut still says so.
            max_chars=MAX_TEXT_BYTES + 1,
        )
        if len(text) > MAX_TEXT_BYTES:
            st.error(
                t("add.source.too_long", lang, size=f"{len(text):,}", limit=f"{MAX_TEXT_BYTES:,}")
            )
            return None
    if not text.strip():
        st.info(t("add.source.hint", lang))
        return None
    return text


def language_ui(lang: Language) -> str:
    chosen = st.radio(
        t("add.lang", lang),
        LANGUAGE_CHOICES,
        format_func=lambda code: t(LANGUAGE_LABELS[code], lang),
        horizontal=True,
        key=keys.AddResolution.LANGUAGE,
        help=t("add.lang_help", lang),
    )
    return chosen if chosen in LANGUAGE_CHOICES else "auto"


# --- the parse beside the source ---------------------------------------------------------


def highlighted_source_html(text: str, parsed: ParsedResolution) -> str:
    """The text as given, escaped, with each stretch of an operative paragraph in a coloured
    `<mark data-op="N">` (the first stretch of each also `class="op-start"`)."""
    stretches = sorted(
        (start, end, paragraph.number)
        for paragraph in parsed.operative
        for start, end in paragraph.spans
    )
    parts: list[str] = []
    position = 0
    started: set[int] = set()
    for start, end, number in stretches:
        if start < position:
            continue
        colour = MARK_COLOURS[(number - 1) % len(MARK_COLOURS)]
        first = " op-start" if number not in started else ""
        started.add(number)
        parts.append(_escaped(text[position:start]))
        parts.append(
            f'<mark class="op{first}" data-op="{number}" style="background: {colour}40">'
            f"{_escaped(text[start:end])}</mark>"
        )
        position = end
    parts.append(_escaped(text[position:]))
    return f'{SOURCE_CSS}<div class="ingest-source"><pre>{"".join(parts)}</pre></div>'


def _escaped(chunk: str) -> str:
    return html.escape(chunk.replace("\f", "\n"), quote=True)


def parse_view_ui(text: str, parsed: ParsedResolution, lang: Language) -> None:
    """The source (left) with its operative paragraphs marked, and what the parser read
    (right): the header, the preamble's size, each operative paragraph, the footnotes."""
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{escape_markdown(t('add.view.source', lang))}**")
        # Every character of the text is escaped by highlighted_source_html: no markup
        # from the text reaches the page.
        st.html(highlighted_source_html(text, parsed))
    with right:
        st.markdown(f"**{escape_markdown(t('add.view.parsed', lang))}**")
        with st.container(height=SOURCE_HEIGHT, key=keys.AddResolution.PARSED):
            _header_ui(parsed, lang)
            st.caption(
                t("add.view.counts", lang, preamble=len(parsed.preamble), ops=len(parsed.operative))
            )
            for paragraph in parsed.operative:
                with st.container(border=True, key=keys.AddResolution.paragraph(paragraph.number)):
                    verb = recorded_verb(paragraph, parsed.language)
                    st.markdown(
                        f"**{paragraph.number}.** *{escape_markdown(verb)}*  \n"
                        f"{escape_markdown(paragraph.text)}"
                    )
                    if paragraph.subparagraphs:
                        st.markdown(_subparagraphs_markdown(paragraph.subparagraphs))
                    if paragraph.footnote_refs:
                        markers = ", ".join(paragraph.footnote_refs)
                        st.caption(t("add.view.footnote_refs", lang, markers=markers))
            if parsed.footnotes:
                st.markdown(f"**{escape_markdown(t('label.footnotes', lang))}**")
                for note in parsed.footnotes:
                    st.caption(f"{escape_markdown(note.marker)}. {escape_markdown(note.text)}")
    warnings_ui(parsed.warnings, lang, key=keys.AddResolution.PARSE_WARNINGS)


def _header_ui(parsed: ParsedResolution, lang: Language) -> None:
    missing = t("add.view.missing", lang)
    rows = [
        ("add.view.symbol", parsed.symbol),
        ("add.view.body", t(BODY_LABELS[parsed.body], lang) if parsed.body else None),
        ("label.title", parsed.title),
        ("add.view.session", str(parsed.session) if parsed.session else None),
        ("label.adopted", parsed.adoption_date),
        ("add.view.meeting", parsed.meeting),
        ("add.view.language", parsed.language),
    ]
    st.markdown(
        "\n".join(
            f"- {escape_markdown(t(label, lang))}: {escape_markdown(value or missing)}"
            for label, value in rows
        )
    )


def _subparagraphs_markdown(items: tuple[Subparagraph, ...], depth: int = 0) -> str:
    lines = []
    for item in items:
        indent = "    " * depth
        lines.append(f"{indent}- ({escape_markdown(item.label)}) {escape_markdown(item.text)}")
        if item.subparagraphs:
            lines.append(_subparagraphs_markdown(item.subparagraphs, depth + 1))
    return "\n".join(lines)


def warnings_ui(warnings: tuple[IngestWarning, ...], lang: Language, key: str) -> None:
    """The warnings as a table: the line of the text given (blank when none), code, message."""
    if not warnings:
        return
    st.warning(t("add.warnings", lang, count=len(warnings)))
    frame = pd.DataFrame(
        {
            "line": pd.Series([w.line or None for w in warnings], dtype="Int64"),
            "code": [w.code for w in warnings],
            "message": [w.message for w in warnings],
        }
    )
    table_ui(frame, tables.INGEST_PROBLEMS, lang, key=key)


# --- corrections -------------------------------------------------------------------------


@dataclass(frozen=True)
class Corrections:
    """What a person gave or changed of what the parser read; None where a field is empty."""

    symbol: str | None
    verbs: dict[int, str]
    adopted: dt.date | None
    title: str | None = None
    body: str | None = None
    meeting: str | None = None


def _prefill(parsed: ParsedResolution) -> None:
    """The header fields and verbs as the text gives them (afresh for each new text)."""
    state = st.session_state
    state[keys.AddResolution.SYMBOL] = parsed.symbol or ""
    state[keys.AddResolution.TITLE] = parsed.title
    state[keys.AddResolution.BODY] = parsed.body or body_of_symbol(parsed.symbol) or BODIES[0]
    state[keys.AddResolution.MEETING] = parsed.meeting or ""
    adopted = parsed.adoption_date
    state[keys.AddResolution.ADOPTED] = dt.date.fromisoformat(adopted) if adopted else None
    for paragraph in parsed.operative:
        state[keys.AddResolution.verb(paragraph.number)] = recorded_verb(paragraph, parsed.language)


def corrections_ui(
    parsed: ParsedResolution, digest: str, dataset: Dataset, lang: Language
) -> Corrections:
    """Every header field (symbol, title, body, adoption date, meeting) and each operative
    paragraph's verb, prefilled from the parse: what the text does not print can be given,
    what it prints can be corrected. A text of a resolution the data holds fills its other
    language, so only the symbol and the verbs are asked for then."""
    state = st.session_state
    if state.get(keys.AddResolution.PARSED_FOR) != digest:
        state[keys.AddResolution.PARSED_FOR] = digest
        _prefill(parsed)
    st.subheader(t("add.section.correct", lang), anchor=False)
    st.caption(t("add.correct.caption", lang))
    left, right = st.columns(2)
    with left:
        symbol = st.text_input(
            t("add.correct.symbol", lang),
            key=keys.AddResolution.SYMBOL,
            help=t("add.correct.symbol_help", lang),
        )
    fixes = Corrections(symbol.strip() or None, {}, None)
    if not holds(dataset, symbol or parsed.symbol):
        with right:
            body = st.radio(
                t("add.correct.body", lang),
                BODIES,
                format_func=lambda b: t(BODY_LABELS[b], lang),
                horizontal=True,
                key=keys.AddResolution.BODY,
            )
        title = st.text_input(
            t("label.title", lang),
            key=keys.AddResolution.TITLE,
            help=t("add.correct.title_help", lang),
        )
        left, right = st.columns(2)
        with left:
            chosen_day = st.date_input(
                t(
                    "add.correct.adopted" if parsed.adoption_date is None else "add.correct.date",
                    lang,
                ),
                min_value=FIRST_SESSION,
                max_value=dt.date.today(),
                key=keys.AddResolution.ADOPTED,
                format="YYYY-MM-DD",
            )
        with right:
            meeting = st.text_input(
                t("add.view.meeting", lang),
                key=keys.AddResolution.MEETING,
                help=t("add.correct.meeting_help", lang),
            )
        fixes = Corrections(
            fixes.symbol,
            {},
            chosen_day if isinstance(chosen_day, dt.date) else None,
            title=title.strip() or None,
            body=body if body in BODIES else None,
            meeting=meeting.strip() or None,
        )
    verbs: dict[int, str] = {}
    columns = st.columns(4)
    for index, paragraph in enumerate(parsed.operative):
        with columns[index % len(columns)]:
            chosen = st.text_input(
                t("add.correct.verb", lang, number=paragraph.number),
                key=keys.AddResolution.verb(paragraph.number),
            )
        if chosen != recorded_verb(paragraph, parsed.language):
            verbs[paragraph.number] = chosen
    return Corrections(fixes.symbol, verbs, fixes.adopted, fixes.title, fixes.body, fixes.meeting)


# --- what saving would do ----------------------------------------------------------------


def plan_ui(
    ingest: Ingest, text: str, dataset: Dataset, source_file: str, file_found: bool, lang: Language
) -> None:
    """Which of the two things saving does, and the records it adds or the texts it fills."""
    st.subheader(t("add.section.drafts", lang), anchor=False)
    symbol = escape_markdown(ingest.symbol)
    if ingest.drafts is not None:
        drafts = ingest.drafts
        st.info(
            t(
                "add.plan.new",
                lang,
                symbol=symbol,
                commitments=len(drafts.commitments),
                assessments=len(drafts.assessments),
                actors=len(drafts.actors),
            )
        )
        _source_file_ui(source_file, file_found, text, lang)
        _drafts_table_ui(ingest, dataset, lang)
    elif ingest.fill is not None:
        fill = ingest.fill
        if fill.fills:
            st.info(
                t(
                    "add.plan.fill",
                    lang,
                    symbol=symbol,
                    count=len(fill.fills),
                    language=fill.language,
                )
            )
            frame = pd.DataFrame(
                {
                    "record": [f.record for f in fill.fills],
                    "field": [".".join(str(part) for part in f.field) for f in fill.fills],
                    "value": [f.value for f in fill.fills],
                }
            )
            table_ui(frame, tables.INGEST_FILLS, lang, key=keys.AddResolution.FILLS)
        else:
            st.info(t("add.plan.nothing", lang, symbol=symbol))
        for note in fill.kept:
            st.caption(t("add.plan.kept", lang, note=escape_markdown(note)))
    warnings_ui(ingest.warnings, lang, key=keys.AddResolution.DRAFT_WARNINGS)


def _source_file_ui(source_file: str, found: bool, text: str, lang: Language) -> None:
    name = escape_markdown(source_file)
    if found:
        st.caption(t("add.source_file.found", lang, path=name))
        return
    st.info(t("add.source_file.missing", lang, path=name))
    st.download_button(
        t("add.source_file.download", lang, name=escape_markdown(Path(source_file).name)),
        data=text.encode("utf-8"),
        file_name=Path(source_file).name,
        mime="text/plain",
        key=keys.AddResolution.DOWNLOAD_SOURCE,
        icon=":material/download:",
        on_click="ignore",
    )


def _drafts_table_ui(ingest: Ingest, dataset: Dataset, lang: Language) -> None:
    drafts = ingest.drafts
    if drafts is None:
        return
    method = dataset.methodology
    names = {a.id: pick(a.name, lang) for a in (*dataset.actors, *drafts.actors)}
    criteria = {term.id: pick(term.label, lang) for term in method.criteria}
    frame = pd.DataFrame(
        {
            "id": [c.id for c in drafts.commitments],
            "verb": [c.verb.en for c in drafts.commitments],
            "actors": [
                ", ".join(names.get(a, a) for a in c.addressed.actors) for c in drafts.commitments
            ],
            "criteria": [
                ", ".join(criteria.get(g.criterion.value, g.criterion.value) for g in c.criteria)
                for c in drafts.commitments
            ],
            "action": [c.action.en for c in drafts.commitments],
        }
    )
    table_ui(frame, tables.INGEST_DRAFTS, lang, key=keys.AddResolution.DRAFTS)
    status = next(
        (pick(s.label, lang) for s in method.statuses if s.id == method.not_assessed_status),
        method.not_assessed_status,
    )
    st.caption(
        t(
            "add.plan.assessments",
            lang,
            count=len(drafts.assessments),
            status=escape_markdown(status),
        )
    )
    if drafts.actors:
        added = ", ".join(names.get(a.id, a.id) for a in drafts.actors)
        st.caption(t("add.plan.new_actors", lang, actors=escape_markdown(added)))
    with st.expander(t("add.plan.yaml", lang)):
        st.code(store.records_yaml(ingest.new_records()), language="yaml")


# --- the check and the save --------------------------------------------------------------

CheckOutcome = tuple[str, tuple[str, ...]]  # ("valid" | "rejected" | "nothing" | "failed", lines)


def check_ui(
    ingest: Ingest,
    memo_key: tuple[Any, ...],
    path: Path,
    file: str,
    lang: Language,
    *,
    saves_official_text: bool,
) -> bool:
    """The data file with the ingest merged, validated (once per change of either); shows
    the result and returns whether the merge can be saved. `saves_official_text`: the save
    writes the official text too (it is not in the data's folder yet)."""
    memo = st.session_state.get(keys.AddResolution.CHECK_MEMO)
    if memo is not None and memo[0] == memo_key:
        outcome: CheckOutcome = memo[1]
    else:
        with st.spinner(t("add.check.running", lang, file=file)):
            outcome = _check(ingest, path, file, saves_official_text)
        st.session_state[keys.AddResolution.CHECK_MEMO] = (memo_key, outcome)
    kind, lines = outcome
    if kind == "valid":
        st.success(t("add.check.valid", lang, file=file))
    elif kind == "nothing":
        st.caption(t("add.check.nothing", lang))
    elif kind == "rejected":
        st.error(t("add.check.rejected", lang, file=file, count=len(lines)))
        st.code("\n".join(lines), language=None)
    else:
        st.error(t("add.check.failed", lang, file=file, error=escape_markdown(" ".join(lines))))
    return kind == "valid"


def _check(ingest: Ingest, path: Path, file: str, saves_official_text: bool) -> CheckOutcome:
    try:
        check_ingest(
            ingest,
            path.read_bytes(),
            file,
            path.parent,
            saves_official_text=saves_official_text,
        )
    except NothingToFill:
        return "nothing", ()
    except store.WriteRejected as rejected:
        return "rejected", tuple(str(problem) for problem in rejected.problems)
    except (store.StoreError, OSError, ValueError) as error:
        return "failed", (str(error),)
    return "valid", ()


def save_ui(
    ingest: Ingest,
    editor: store.Editor | None,
    base_hash: str,
    path: Path,
    can_save: bool,
    lang: Language,
    *,
    official_text: str | None,
) -> None:
    """The save button for an editor, else why there is none. `official_text`: the text to
    save beside the data with the records, when it is not there yet."""
    if editor is None:
        st.info(t("add.save.viewer", lang))
        return
    st.button(
        t("add.save", lang, symbol=ingest.symbol),
        key=keys.AddResolution.SAVE,
        type="primary",
        icon=":material/save:",
        disabled=not can_save,
        # The drafts and the hash of the data they were checked against: if the file has
        # changed since, the store refuses with WriteConflict.
        on_click=_save,
        args=(ingest, base_hash, path, official_text),
    )


def _save(ingest: Ingest, base_hash: str, path: Path, official_text: str | None) -> None:
    """Write as the editor this session is at this moment (asked again here, not trusted
    from the run that drew the button)."""
    symbol = ingest.symbol
    outcome: tuple[str, str, Mapping[str, object]]
    try:
        written = merge_ingest(
            ingest,
            path,
            base_hash=base_hash,
            editor=current_editor(),
            official_text=official_text,
        )
    except WRITE_ERRORS as error:  # FileExistsError (the official text) is an OSError
        outcome = ("error", *write_failure(error, SAVE_FAILURES))
    else:
        lines = ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in written.changed_lines)
        if ingest.drafts is not None:
            counts = {
                "commitments": len(ingest.drafts.commitments),
                "assessments": len(ingest.drafts.assessments),
                "actors": len(ingest.drafts.actors),
            }
            outcome = ("success", "add.outcome.added", {"lines": lines, **counts})
        else:
            fills = len(ingest.fill.fills) if ingest.fill is not None else 0
            language = ingest.fill.language if ingest.fill is not None else ""
            outcome = (
                "success",
                "add.outcome.filled",
                {"lines": lines, "count": fills, "language": language},
            )
    st.session_state[keys.AddResolution.OUTCOME] = (*outcome, symbol)


def outcome_ui(file: str, dataset: Dataset, lang: Language) -> None:
    """What the last save did, once; after a save, a link to the resolution's commitments."""
    outcome = st.session_state.pop(keys.AddResolution.OUTCOME, None)
    if not outcome:
        return
    kind, message, values, symbol = outcome
    text = t(message, lang, file=file, symbol=escape_markdown(symbol), **values)
    if kind != "success":
        st.error(text)
        return
    st.success(text)
    if any(r.symbol == symbol for r in dataset.resolutions):
        # Not found when the script runs on its own, outside the app's navigation (tests).
        with contextlib.suppress(StreamlitPageNotFoundError):
            page_link_ui(
                "commitments",
                t("add.outcome.open", lang, symbol=escape_markdown(symbol)),
                icon=":material/arrow_forward:",
                params=_commitments_filter(symbol, dataset),
            )


def _commitments_filter(symbol: str, dataset: Dataset) -> Mapping[str, str]:
    # The Commitments page offers its resolution filter when the data holds more than one.
    return {"resolution": symbol} if len(dataset.resolutions) > 1 else {}
