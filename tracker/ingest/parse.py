"""Parse a General Assembly resolution's text (as extracted from its PDF) into paragraphs.

The parser works on `clean_extraction`'s output, so every paragraph text it returns occurs
verbatim (in the sense of `tracker.ingest.clean`) in the official text. It never raises on
any string: what it cannot read is left out and reported in `warnings`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from tracker.ingest.clean import (
    TERMINATORS,
    CleanText,
    Footnote,
    IngestWarning,
    canonical_language,
    clean_extraction,
    detect_language,
    normalize_for_match,
)
from tracker.ingest.verbs import (
    ASSEMBLY_OPENERS,
    CASED_LANGUAGES,
    CJK_LANGUAGES,
    SECOND_VERB_CONNECTORS,
    match_verb,
    second_verb_pattern_words,
    to_simplified,
    verbs_for,
)

MAX_NUMBER_GAP = 20

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100}
_CN_NUMERAL = "[〇零一二三四五六七八九十百两]{1,4}"
_NUMBER_AT = re.compile(rf"\s*(\d{{1,3}}|{_CN_NUMERAL})\s*[.．、](?![\d.．])\s*")
_INLINE_NUMBER = re.compile(
    rf"(?:(?<=[;.:,])\s+|(?<=[；。：，])\s*)(\d{{1,3}}|{_CN_NUMERAL})\s*[.．、](?![\d.．])\s*(?=\S)"
)
_SHORT_SYMBOL = re.compile(r"^\s*(\d{1,3})/(\d{1,4})(?:\s*([A-Z]))?\s*[.．]\s*(.*)$")
_FULL_SYMBOL = re.compile(r"\bA/RES/(?:ES-\d+/)?\d{1,3}/\d{1,4}(?:\s?[A-Z]\b)?")
_EN_SESSION = re.compile(r"^\s*([A-Za-z]+(?:-[A-Za-z]+)?)\s+(?:special\s+)?session\s*$", re.I)
_ZH_SESSION = re.compile(rf"第\s*(\d{{1,3}}|{_CN_NUMERAL})\s*届(?:特别)?会议")
_EN_DATE = r"(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})"
_EN_ADOPTED = re.compile(rf"adopted by the General Assembly on {_EN_DATE}")
_EN_DATE_LINE = re.compile(rf"^\s*{_EN_DATE}\s*$")
_ZH_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_ZH_DATE_LINE = re.compile(rf"^\s*{_ZH_DATE}\s*$")
_MEETING_LINE = re.compile(
    r"^\s*(?:\d{1,4}(?:st|nd|rd|th)\s+plenary\s+meeting|第\s*\d{1,4}\s*次全体会议)\s*$"
)
_EN_VERB_LIKE = re.compile(r"[A-Z][a-z]+(?:ing|ed)\b")
_SUB_LABEL = re.compile(r"[(（]([a-z]{1,2}|[ivxlc]{1,7})[)）]\s*")
# fmt: off
_MONTHS = {m: i for i, m in enumerate((
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
), start=1)}
_ONES = {w: i for i, w in enumerate((
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
), start=1)}
_TEENS = {w: i for i, w in enumerate((
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
), start=10)}
_TENS = {w: 10 * i for i, w in enumerate((
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
), start=2)}
_ROMAN = (
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
    "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx",
)
# fmt: on
_TENS_ORDINAL = {w[:-1] + "ieth": n for w, n in _TENS.items()}
_LETTERS = tuple("abcdefghijklmnopqrstuvwxyz") + tuple(
    f"{c}{c}" for c in "abcdefghijklmnopqrstuvwxyz"
)


@dataclass(frozen=True)
class Subparagraph:
    """(a), (b)... or (i), (ii)...; `text` is the item's full text, its own items included."""

    label: str
    text: str
    subparagraphs: tuple[Subparagraph, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A preambular paragraph."""

    verb: str
    text: str
    footnote_refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class OperativeParagraph:
    """A numbered paragraph; `text` starts with the verb, never with the number."""

    number: int
    verb: str
    text: str
    subparagraphs: tuple[Subparagraph, ...] = ()
    footnote_refs: tuple[str, ...] = ()
    second_verbs: tuple[str, ...] = ()  # as printed, connector included: "and calls upon"
    # Where the paragraph was printed: (start, end) offsets in the text given, one per stretch
    # between the artifacts (page furniture, footnote blocks) that interrupt it.
    spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    @property
    def verb_phrase(self) -> str:
        """ "Stresses ... and calls upon"; a second verb equal to the first is not repeated."""
        lead = _bare_verb(self.verb)
        distinct = [v for v in self.second_verbs if _bare_verb(_strip_connector(v)) != lead]
        return " ... ".join([self.verb, *distinct]) if self.verb else ""


@dataclass(frozen=True)
class ParsedResolution:
    """What a resolution's text says, paragraph by paragraph, and what could not be read."""

    symbol: str | None
    language: str
    title: str
    session: int | None
    adoption_date: str | None  # ISO 8601
    meeting: str | None  # as printed: "71st plenary meeting"
    preamble: tuple[Paragraph, ...]
    operative: tuple[OperativeParagraph, ...]
    footnotes: tuple[Footnote, ...]
    warnings: tuple[IngestWarning, ...]


def _strip_connector(surface: str) -> str:
    probe = to_simplified(surface).lower()
    for connectors in SECOND_VERB_CONNECTORS.values():
        for connector in connectors:
            if probe.startswith(connector):
                return probe[len(connector) :].strip()
    return probe.strip()


def _bare_verb(verb: str) -> str:
    """'Also calls for' -> 'calls for', '又呼吁' -> '呼吁': the verb without its modifier."""
    probe = to_simplified(verb).lower()
    for prefix in ("又", "还", "再次"):
        probe = probe.removeprefix(prefix)
    return " ".join(w for w in probe.split() if w not in {"also", "further", "again"})


def chinese_numeral(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零五 -> 105, 二〇〇三 -> 2003; None if not one."""
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    if all(c in _CN_DIGITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in _CN_DIGITS:
            current = _CN_DIGITS[c]
        else:
            total += (current or 1) * _CN_UNITS[c]
            current = 0
    return total + current


def english_ordinal(word: str) -> int | None:
    """'Fifty-eighth' -> 58; None if the word is not an ordinal below 100."""
    w = word.lower()
    for table in (_ONES, _TEENS, _TENS_ORDINAL):
        if w in table:
            return table[w]
    tens, _, ones = w.partition("-")
    if tens in _TENS and ones in _ONES:
        return _TENS[tens] + _ONES[ones]
    return None


def _number_value(token: str) -> int | None:
    if token[:1].isdigit():
        try:
            return int(token)
        except ValueError:
            return None
    return chinese_numeral(token)


def _iso_date(year: str, month: int | None, day: str) -> str | None:
    if month is None:
        return None
    try:
        return dt.date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


# --- document parts ----------------------------------------------------------------------


@dataclass
class _Piece:
    line: int
    start: int
    end: int


@dataclass
class _Unit:
    kind: Literal["preambular", "operative"]
    number: int
    pieces: list[_Piece]


def _opener_end(line: str, lang: str) -> int | None:
    """Column after "The General Assembly," if the line starts with it, else None.

    The comma is required: a Chinese masthead prints "大会" alone on a line.
    """
    probe = to_simplified(line) if lang in CJK_LANGUAGES else line
    stripped = probe.lstrip()
    offset = len(probe) - len(stripped)
    for opener in ASSEMBLY_OPENERS.get(lang, ()) + ASSEMBLY_OPENERS["en"]:
        if stripped.startswith(opener):
            rest = stripped[len(opener) :]
            match = re.match(r"\s*[,，،]", rest)
            if match:
                return offset + len(opener) + match.end()
    return None


def _paragraph_start_line(line: str, lang: str) -> bool:
    return bool(
        _NUMBER_AT.match(line)
        or match_verb(line, lang, "preambular")
        or match_verb(line, lang, "operative")
    )


def _run_together_pattern(lang: str) -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in verbs_for(lang, "preambular"))
    if lang in CJK_LANGUAGES:
        return re.compile(rf"(?<=[，；,;])\s+(?=(?:{verbs}))")
    return re.compile(rf"(?<=[,;])\s+(?=(?:{verbs})\b)")


def _starts_preambular(line: str, previous_end: str, lang: str) -> bool:
    if previous_end not in TERMINATORS:
        return False
    if line[:1].isspace() and line.strip():
        return True
    body = line.lstrip()
    if match_verb(body, lang, "preambular"):
        return True
    return lang == "en" and bool(_EN_VERB_LIKE.match(body))


def _segment(
    lines: tuple[str, ...],
    start: tuple[int, int],
    end_line: int,
    lang: str,
    warnings: list[IngestWarning],
) -> list[_Unit]:
    units: list[_Unit] = []
    last_number = 0
    run_together = _run_together_pattern(lang)

    def open_unit(kind: Literal["preambular", "operative"], number: int, piece: _Piece) -> None:
        units.append(_Unit(kind, number, [piece]))

    def accept(token: str, inline: bool) -> int | None:
        value = _number_value(token)
        if value is None or value <= last_number:
            return None
        if inline and value != last_number + 1:
            return None
        if value > last_number + MAX_NUMBER_GAP:
            return None
        if value != last_number + 1:
            warnings.append(
                IngestWarning(
                    "paragraph-number-gap", f"paragraph {value} follows paragraph {last_number}"
                )
            )
        return value

    def previous_end() -> str:
        for unit in reversed(units):
            for piece in reversed(unit.pieces):
                text = lines[piece.line][piece.start : piece.end].rstrip()
                if text:
                    return text[-1]
            if unit.kind == "operative" and unit.number:
                return "."
        return ","

    for index in range(start[0], end_line):
        line = lines[index]
        column = start[1] if index == start[0] else 0
        if not line[column:].strip():
            continue
        in_operative = bool(units) and units[-1].kind == "operative"
        current_empty = bool(units) and not "".join(
            lines[p.line][p.start : p.end].strip() for p in units[-1].pieces
        )
        head = _NUMBER_AT.match(line, column)
        number = accept(head.group(1), inline=False) if head else None
        if head and number is not None:
            last_number = number
            open_unit("operative", number, _Piece(index, head.end(), len(line)))
            column = head.end()
        elif not units or (
            not in_operative
            and not current_empty
            and _starts_preambular(line[column:], previous_end(), lang)
        ):
            open_unit("preambular", 0, _Piece(index, column, len(line)))
        else:
            units[-1].pieces.append(_Piece(index, column, len(line)))
        # Several paragraphs run together on one line.
        position = column
        while True:
            number_match = next(
                (
                    m
                    for m in _INLINE_NUMBER.finditer(line, position)
                    if accept(m.group(1), inline=True) is not None
                ),
                None,
            )
            verb_match = (
                run_together.search(line, position)
                if units[-1].kind == "preambular"
                and (lang in CJK_LANGUAGES or lang in CASED_LANGUAGES)
                else None
            )
            if number_match is None and verb_match is None:
                break
            if number_match is not None and (
                verb_match is None or number_match.start() <= verb_match.start()
            ):
                last_number = _number_value(number_match.group(1)) or last_number + 1
                units[-1].pieces[-1].end = number_match.start()
                open_unit("operative", last_number, _Piece(index, number_match.end(), len(line)))
                position = number_match.end()
            elif verb_match is not None:
                units[-1].pieces[-1].end = verb_match.start()
                open_unit("preambular", 0, _Piece(index, verb_match.end(), len(line)))
                position = verb_match.end()
    return units


def _unit_text(unit: _Unit, lines: tuple[str, ...], lang: str) -> str:
    chunks = [lines[p.line][p.start : p.end] for p in unit.pieces]
    return normalize_for_match("\n".join(chunks), lang)


def _unit_refs(unit: _Unit, clean: CleanText) -> tuple[str, ...]:
    found: list[str] = []
    for ref in clean.refs:
        for piece in unit.pieces:
            if piece.line == ref.line and piece.start < ref.column <= piece.end:
                found.append(ref.marker)
                break
            if piece.line == ref.line and ref.column == piece.start == 0:
                found.append(ref.marker)
                break
    return tuple(found)


def _unit_spans(unit: _Unit, clean: CleanText, text: str) -> tuple[tuple[int, int], ...]:
    """The stretches of `text` the unit was printed in; stretches apart by blanks only are
    one (a paragraph's lines are one stretch until an artifact interrupts it)."""
    found = sorted(
        span
        for piece in unit.pieces
        if (span := clean.source_span(piece.line, piece.start, piece.end)) is not None
    )
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _leading_verb(
    text: str, lang: str, kind: Literal["preambular", "operative"], warnings: list[IngestWarning]
) -> str:
    verb = match_verb(text, lang, kind) or match_verb(
        text, lang, "operative" if kind == "preambular" else "preambular"
    )
    if verb:
        return verb
    warnings.append(IngestWarning("unknown-verb", f"no known leading verb in {text[:40]!r}"))
    if lang in CJK_LANGUAGES or not text:
        return ""
    return text.split()[0].rstrip(",;:")


def _second_verbs(text: str, verb: str, lang: str) -> tuple[str, ...]:
    body = text[len(verb) :]
    if lang == "en":
        verbs = "|".join(re.escape(v) for v in second_verb_pattern_words("en"))
        strong = (
            "calls upon|calls on|urges|decides|encourages|invites|stresses|emphasizes|"
            "reaffirms|underlines|welcomes|recommends|reiterates|recognizes|affirms|agrees|"
            "condemns|deplores"
        )
        pattern = re.compile(
            rf"(?:,\s+(and(?:\s+also|\s+further)?\s+(?:{verbs}))"
            rf"|\s(and(?:\s+also|\s+further)?\s+(?:{strong})))\b"
        )
        return tuple((m.group(1) or m.group(2)) for m in pattern.finditer(body))
    if lang in CJK_LANGUAGES:
        bases = [
            v for v in second_verb_pattern_words(lang) if not v.startswith(("又", "还", "再次"))
        ]
        verbs = "|".join(re.escape(v) for v in bases)
        connectors = "|".join(SECOND_VERB_CONNECTORS["zh"])
        probe = to_simplified(body)
        pattern = re.compile(rf"[，,；;]\s*((?:{connectors})\s*(?:{verbs}))")
        return tuple(body[m.start(1) : m.end(1)] for m in pattern.finditer(probe))
    return ()


def _subparagraphs(text: str) -> tuple[Subparagraph, ...]:
    candidates: list[tuple[str, int, int]] = []
    for match in _SUB_LABEL.finditer(text):
        before = text[: match.start()].rstrip()
        if before and before[-1] not in ":;：；" and not re.search(r"[;；]\s*(?:and|or)$", before):
            continue
        candidates.append((match.group(1), match.start(), match.end()))
    # (level, label, start, text start)
    items: list[tuple[int, str, int, int]] = []
    letter_index, roman_index, in_letter = 0, 0, False
    for position, (label, start, body_start) in enumerate(candidates):
        as_letter = letter_index < len(_LETTERS) and label == _LETTERS[letter_index]
        as_roman = in_letter and roman_index < len(_ROMAN) and label == _ROMAN[roman_index]
        if as_letter and as_roman:
            following = candidates[position + 1][0] if position + 1 < len(candidates) else ""
            as_letter = not (roman_index + 1 < len(_ROMAN) and following == _ROMAN[roman_index + 1])
            as_roman = not as_letter
        if as_letter:
            items.append((1, label, start, body_start))
            letter_index, roman_index, in_letter = letter_index + 1, 0, True
        elif as_roman:
            items.append((2, label, start, body_start))
            roman_index += 1
    if len([i for i in items if i[0] == 1]) < 2 and not any(i[0] == 2 for i in items):
        return ()

    def item_text(k: int) -> str:
        level = items[k][0]
        stop = next(
            (items[j][2] for j in range(k + 1, len(items)) if items[j][0] <= level), len(text)
        )
        return text[items[k][3] : stop].strip()

    result: list[Subparagraph] = []
    for k, (level, label, _, _) in enumerate(items):
        if level != 1:
            continue
        children: list[Subparagraph] = []
        for j in range(k + 1, len(items)):
            if items[j][0] == 1:
                break
            children.append(Subparagraph(items[j][1], item_text(j)))
        result.append(Subparagraph(label, item_text(k), tuple(children)))
    return tuple(result)


def _metadata(
    lines: tuple[str, ...], header_end: int, closing: list[str], lang: str
) -> tuple[str | None, str, int | None, str | None, str | None]:
    """Symbol, title, session, adoption date and meeting from the masthead and closing lines."""
    symbol: str | None = None
    session: int | None = None
    adopted: str | None = None
    title_line, title = -1, ""
    for index in range(header_end):
        line = lines[index]
        if symbol is None and (full := _FULL_SYMBOL.search(line)):
            symbol = full.group(0)
        if title_line < 0 and (short := _SHORT_SYMBOL.match(line)):
            title_line = index
            suffix = f" {short.group(3)}" if short.group(3) else ""
            short_symbol = f"A/RES/{short.group(1)}/{short.group(2)}{suffix}"
            symbol = symbol or short_symbol
            title = short.group(4).strip()
        if session is None and (en := _EN_SESSION.match(line)):
            session = english_ordinal(en.group(1))
        if session is None and (zh := _ZH_SESSION.search(to_simplified(line))):
            session = _number_value(zh.group(1))
        if adopted is None and (on := _EN_ADOPTED.search(line)):
            adopted = _iso_date(on.group(3), _MONTHS.get(on.group(2)), on.group(1))
    if title_line >= 0 and not title:
        following = [lines[i] for i in range(title_line + 1, header_end)]
        title = normalize_for_match("\n".join(following), lang)
    if session is None and symbol and (m := re.search(r"/(\d{1,3})/\d", symbol)):
        session = int(m.group(1))
    meeting = next((c.strip() for c in closing if _MEETING_LINE.match(c)), None)
    for line in closing:
        if adopted:
            break
        if en_date := _EN_DATE_LINE.match(line):
            adopted = _iso_date(en_date.group(3), _MONTHS.get(en_date.group(2)), en_date.group(1))
        elif zh_date := _ZH_DATE_LINE.match(line):
            adopted = _iso_date(zh_date.group(1), int(zh_date.group(2)), zh_date.group(3))
    return symbol, title, session, adopted, meeting


def parse_resolution(text: str, lang: str = "auto") -> ParsedResolution:
    """Parse a resolution's extracted text; `lang` is "auto", "en", "zh", "fr", ..."""
    language = canonical_language(lang)
    if language == "auto":
        language = detect_language(text)
    clean = clean_extraction(text, language)
    lines = clean.lines
    warnings: list[IngestWarning] = list(clean.warnings)

    opener = next(
        (
            (i, end)
            for i, line in enumerate(lines)
            if (end := _opener_end(line, language)) is not None
        ),
        None,
    )
    if opener is None:
        warnings.append(IngestWarning("no-opener", "no 'The General Assembly,' line"))
        first = next(
            (i for i, line in enumerate(lines) if _paragraph_start_line(line, language)), 0
        )
        body_start, header_end = (first, 0), first
    else:
        body_start, header_end = opener, opener[0]
    closing_start = next(
        (i for i in range(body_start[0] + 1, len(lines)) if _MEETING_LINE.match(lines[i])),
        len(lines),
    )
    if (
        closing_start == len(lines)
        and len(lines) > body_start[0] + 1
        and (_EN_DATE_LINE.match(lines[-1]) or _ZH_DATE_LINE.match(lines[-1]))
    ):
        closing_start = len(lines) - 1
    symbol, title, session, adopted, meeting = _metadata(
        lines, header_end, list(lines[closing_start:]), language
    )
    if symbol is None:
        warnings.append(IngestWarning("no-symbol", "no document symbol found"))

    units = _segment(lines, body_start, closing_start, language, warnings)
    preamble: list[Paragraph] = []
    operative: list[OperativeParagraph] = []
    for unit in units:
        body = _unit_text(unit, lines, language)
        refs = _unit_refs(unit, clean)
        if not body:
            warnings.append(
                IngestWarning("empty-paragraph", f"paragraph {unit.number} has no text")
            )
        if unit.kind == "preambular":
            if operative:
                warnings.append(IngestWarning("preamble-after-operative", body[:40]))
            verb = _leading_verb(body, language, "preambular", warnings)
            preamble.append(Paragraph(verb, body, refs))
            continue
        verb = _leading_verb(body, language, "operative", warnings) if body else ""
        operative.append(
            OperativeParagraph(
                number=unit.number,
                verb=verb,
                text=body,
                subparagraphs=_subparagraphs(body),
                footnote_refs=refs,
                second_verbs=_second_verbs(body, verb, language),
                spans=_unit_spans(unit, clean, text),
            )
        )
    if not operative:
        warnings.append(IngestWarning("no-operative", "no numbered paragraph found"))
    return ParsedResolution(
        symbol=symbol,
        language=language,
        title=title,
        session=session,
        adoption_date=adopted,
        meeting=meeting,
        preamble=tuple(preamble),
        operative=tuple(operative),
        footnotes=clean.footnotes,
        warnings=tuple(warnings),
    )


def _subparagraph_json(sub: Subparagraph) -> dict[str, Any]:
    return {
        "label": sub.label,
        "text": sub.text,
        "subparagraphs": [_subparagraph_json(s) for s in sub.subparagraphs],
    }


def to_json(parsed: ParsedResolution) -> dict[str, Any]:
    """The `tracker ingest --json` shape: plain dicts, lists, strings and numbers."""
    return {
        "symbol": parsed.symbol,
        "language": parsed.language,
        "title": parsed.title,
        "session": parsed.session,
        "adoption_date": parsed.adoption_date,
        "meeting": parsed.meeting,
        "preamble": [
            {"verb": p.verb, "text": p.text, "footnotes": list(p.footnote_refs)}
            for p in parsed.preamble
        ],
        "operative": [
            {
                "number": p.number,
                "verb": p.verb,
                "verb_phrase": p.verb_phrase,
                "second_verbs": list(p.second_verbs),
                "text": p.text,
                "subparagraphs": [_subparagraph_json(s) for s in p.subparagraphs],
                "footnotes": list(p.footnote_refs),
            }
            for p in parsed.operative
        ],
        "footnotes": [
            {"marker": f.marker, "text": f.text, "after": f.after} for f in parsed.footnotes
        ],
        "warnings": [
            {"code": w.code, "message": w.message, "line": w.line} for w in parsed.warnings
        ],
    }
