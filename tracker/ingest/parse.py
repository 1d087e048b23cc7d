"""Parse a UN resolution's text (General Assembly or Security Council, any official language,
as extracted from its PDF or copied from a web page) into its header and paragraphs.

The parser works on `clean_extraction`'s output, so every paragraph text it returns occurs
verbatim (in the sense of `tracker.ingest.clean`) in the official text. It never raises on
any string: what it cannot read is left out and reported in `warnings`, each at its line.
Its time is linear in the text's size: every line is read a bounded number of times and
each paragraph's text is joined once.
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
    BODIES,
    CASED_LANGUAGES,
    CJK_LANGUAGES,
    Body,
    bare_verb,
    chinese_numeral,
    lexicon,
    match_verb,
    numeral_class,
    opener_words,
    probe,
    second_verbs,
    strip_connector,
)

MAX_NUMBER_GAP = 20
SENTENCE_END = frozenset(".。．")

_CN_NUMERAL = numeral_class() + "{1,4}"
# A paragraph number: "1.", "１．", "一、"; and, where the language's file says so, "1 - ".
_NUMBER_AT = re.compile(rf"\s*(\d{{1,3}}|{_CN_NUMERAL})\s*[.．、](?![\d.．])\s*")
_NUMBER_DASH_AT = re.compile(r"\s*(\d{1,3})\s+-\s+(?=\S)")
_INLINE_NUMBER = re.compile(
    rf"(?:(?<=[;.:,])\s+|(?<=[；。：，])\s*)(\d{{1,3}}|{_CN_NUMERAL})\s*[.．、](?![\d.．])\s*(?=\S)"
)
# Web pages print paragraphs as list items: "- 1. 決定", "• Decides".
_BULLET = re.compile(r"\s*[-–•·*]\s+(?=\S)")
_GA_SHORT_SYMBOL = re.compile(r"^\s*(\d{1,3})/(\d{1,4})(?:\s*([A-Z]))?\s*[.．]\s*(.*)$")
# The old form of a Security Council resolution's number, as its own line: "109 (1955)."
_SC_SHORT_SYMBOL = re.compile(r"^\s*(\d{1,4})\s*\((\d{4})\)\s*\.")
_GA_SYMBOL = re.compile(r"\bA/RES/(?:ES-\d+/)?\d{1,3}/\d{1,4}(?:\s?[A-Z]\b)?")
_SC_SYMBOL = re.compile(r"\bS\s?/\s?RES\s?/\s?(\d{1,4})(?:\s*\((\d{4})\))?")
_EN_SESSION = re.compile(r"^\s*([A-Za-z]+(?:-[A-Za-z]+)?)\s+(?:special\s+)?session\s*$", re.I)
_EN_VERB_LIKE = re.compile(r"[A-Z][a-z]+(?:ing|ed)\b")
_SUB_LABEL = re.compile(r"[(（]\s*([a-z]{1,2}|[ivxlc]{1,7}|[\u0621-\u064a])\s*[)）]\s*")
# fmt: off
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
# Arabic subparagraphs are lettered in abjad order: (أ), (ب), (ج), (د), ...
_ARABIC_LETTERS = tuple("أبجدهوزحطيكلمنسعفصقرشتثخذضظغ")


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
    line: int = field(default=0, compare=False)  # 1-based line of the text given


@dataclass(frozen=True)
class OperativeParagraph:
    """An operative paragraph; `text` starts with the verb, never with the number. A
    resolution of one operative paragraph prints no number: it is paragraph 1."""

    number: int
    verb: str
    text: str
    subparagraphs: tuple[Subparagraph, ...] = ()
    footnote_refs: tuple[str, ...] = ()
    second_verbs: tuple[str, ...] = ()  # as printed, connector included: "and calls upon"
    # Where the paragraph was printed: (start, end) offsets in the text given, one per stretch
    # between the artifacts (page furniture, footnote blocks) that interrupt it.
    spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    language: str = field(default="en", compare=False)
    line: int = field(default=0, compare=False)  # 1-based line of the text given

    @property
    def verb_phrase(self) -> str:
        """ "Stresses ... and calls upon"; a second verb equal to the first is not repeated."""
        lead = bare_verb(self.verb, self.language)
        distinct = [
            v
            for v in self.second_verbs
            if bare_verb(strip_connector(v, self.language), self.language) != lead
        ]
        return " ... ".join([self.verb, *distinct]) if self.verb else ""


@dataclass(frozen=True)
class ParsedResolution:
    """What a resolution's text says, paragraph by paragraph, and what could not be read."""

    symbol: str | None
    language: str
    title: str
    session: int | None
    adoption_date: str | None  # ISO 8601
    meeting: str | None  # as printed: "71st plenary meeting", "4044th meeting"
    preamble: tuple[Paragraph, ...]
    operative: tuple[OperativeParagraph, ...]
    footnotes: tuple[Footnote, ...]
    warnings: tuple[IngestWarning, ...]
    body: Body | None = None  # "general_assembly" or "security_council"


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


def body_of_symbol(symbol: str | None) -> Body | None:
    """The body a symbol names: A/... the General Assembly, S/... the Security Council."""
    compact = "".join((symbol or "").split()).upper()
    if compact.startswith("A/"):
        return "general_assembly"
    if compact.startswith("S/"):
        return "security_council"
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
    number: int  # 0: an operative paragraph that prints no number
    pieces: list[_Piece]
    has_text: bool = False


def _after_bullet(line: str, column: int = 0) -> int:
    bullet = _BULLET.match(line, column)
    return bullet.end() if bullet else column


def _number_head(line: str, column: int, lang: str) -> re.Match[str] | None:
    head = _NUMBER_AT.match(line, column)
    if head is None and lexicon(lang).number_dash:
        head = _NUMBER_DASH_AT.match(line, column)
    return head


@dataclass(frozen=True)
class _Opener:
    line: int  # index of the line the paragraphs start on
    column: int
    body: Body


def _find_opener(lines: tuple[str, ...], lang: str) -> _Opener | None:
    """Where the body's opening words end: "The General Assembly," / "安全理事会，".

    Words followed by a comma open the resolution; the words alone on a line (a PDF
    masthead prints "大会" alone) only when the next line starts a paragraph; words broken
    over two lines ("- Le" / "Conseil de sécurité,") are read across the break.
    """
    openers = opener_words(lang)
    for index, line in enumerate(lines):
        start = _after_bullet(line)
        start += len(line[start:]) - len(line[start:].lstrip())
        text = probe(line[start:], lang)
        for body in BODIES:
            for words in openers[body]:
                found = _opener_in(lines, index, start, text, words, lang)
                if found is not None:
                    return _Opener(found[0], found[1], body)
    return None


def _opener_in(
    lines: tuple[str, ...], index: int, start: int, text: str, words: str, lang: str
) -> tuple[int, int] | None:
    if not text.startswith(words):
        stripped = text.strip()
        if (
            not stripped
            or index + 1 >= len(lines)
            or not words.startswith(stripped + " ")
            or not probe(lines[index + 1].lstrip(), lang).startswith(words[len(stripped) + 1 :])
        ):
            return None
        # Read on the next line, past the rest of the words.
        following = lines[index + 1]
        rest = words[len(stripped) + 1 :]
        offset = len(following) - len(following.lstrip()) + len(rest)
        return _opener_end(lines, index + 1, offset, lang)
    return _opener_end(lines, index, start + len(words), lang)


def _opener_end(
    lines: tuple[str, ...], index: int, column: int, lang: str
) -> tuple[int, int] | None:
    rest = lines[index][column:]
    comma = re.match(r"\s*[,，،]", rest)
    if comma:
        return index, column + comma.end()
    if rest.strip():
        return None
    following = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
    if following is None:
        return None
    text = lines[following][_after_bullet(lines[following]) :]
    if _number_head(text, 0, lang) or _paragraph_verb(text, lang):
        return following, 0
    return None


def _paragraph_verb(text: str, lang: str) -> bool:
    return bool(match_verb(text, lang, "preambular") or match_verb(text, lang, "operative"))


def _run_together_pattern(lang: str) -> re.Pattern[str] | None:
    if lang not in CJK_LANGUAGES and lang not in CASED_LANGUAGES:
        return None
    words = lexicon(lang).bases["preambular"]
    verbs = "|".join(re.escape(v) for v in sorted(words, key=len, reverse=True))
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


def _starts_operative(line: str, lang: str) -> bool:
    """An operative verb that is not also a preambular one opens the line."""
    body = line.lstrip()
    return bool(match_verb(body, lang, "operative")) and not match_verb(body, lang, "preambular")


class _Segmenter:
    """Splits the body of a resolution into paragraphs, line by line, in one pass."""

    def __init__(
        self,
        lines: tuple[str, ...],
        lang: str,
        warnings: list[IngestWarning],
        numbers: tuple[int, ...],
    ) -> None:
        self.lines = lines
        self.lang = lang
        self.warnings = warnings
        self.numbers = numbers
        self.units: list[_Unit] = []
        self.last_number = 0
        self.last_char = ","  # the last printed character of the paragraphs so far
        self.run_together = _run_together_pattern(lang)
        self.number_lines: dict[int, int] = {}  # number -> last line index starting with it

    def raw_line(self, index: int) -> int:
        return self.numbers[index] if index < len(self.numbers) else 0

    def accept(self, token: str, inline: bool, index: int) -> int | None:
        value = _number_value(token)
        if value is None or value <= self.last_number:
            return None
        if inline and value != self.last_number + 1:
            return None
        if value > self.last_number + MAX_NUMBER_GAP:
            return None
        if value != self.last_number + 1:
            self.warnings.append(
                IngestWarning(
                    "paragraph-number-gap",
                    f"paragraph {value} follows paragraph {self.last_number}",
                    self.raw_line(index),
                )
            )
        return value

    def open(self, kind: Literal["preambular", "operative"], number: int, piece: _Piece) -> None:
        self.units.append(_Unit(kind, number, [piece]))
        self.note(piece)

    def add(self, piece: _Piece) -> None:
        self.units[-1].pieces.append(piece)
        self.note(piece)

    def note(self, piece: _Piece) -> None:
        text = self.lines[piece.line][piece.start : piece.end].rstrip()
        if text.strip():
            self.units[-1].has_text = True
            self.last_char = text[-1]

    def cut(self, end: int) -> None:
        """End the last piece at column `end` (another paragraph starts there)."""
        piece = self.units[-1].pieces[-1]
        piece.end = end
        text = self.lines[piece.line][piece.start : end].rstrip()
        if text:
            self.last_char = text[-1]

    def index_numbers(self, start: int, end: int) -> None:
        for index in range(start, end):
            line = self.lines[index]
            head = _number_head(line, _after_bullet(line), self.lang)
            value = _number_value(head.group(1)) if head else None
            if value is not None:
                self.number_lines[value] = index

    def ends_here(self, index: int, end: int) -> bool:
        """Whether the paragraphs end with line `index`: it ends a sentence, the next line
        neither opens nor continues one, and no later line opens the next paragraph."""
        if self.last_char not in SENTENCE_END or not self.units:
            return False
        if self.units[-1].kind != "operative":
            return False
        following = index + 1
        if following >= end:
            return False
        line = self.lines[following]
        text = line[_after_bullet(line) :].lstrip()
        if _number_head(text, 0, self.lang) or _SUB_LABEL.match(text):
            return False
        if self.last_number == 0 and _starts_operative(text, self.lang):
            return False
        if text[:1].islower():
            return False
        return self.number_lines.get(self.last_number + 1, -1) <= index

    def run(self, start: tuple[int, int], end: int) -> tuple[list[_Unit], int]:
        """The paragraphs from `start` (line, column) to line `end`; and the line after
        the last one."""
        self.index_numbers(start[0], end)
        for index in range(start[0], end):
            line = self.lines[index]
            column = start[1] if index == start[0] else 0
            if not line[column:].strip():
                continue
            column = _after_bullet(line, column)
            self.read(index, line, column)
            if self.ends_here(index, end):
                return self.units, index + 1
        return self.units, end

    def read(self, index: int, line: str, column: int) -> None:
        units = self.units
        in_operative = bool(units) and units[-1].kind == "operative"
        head = _number_head(line, column, self.lang)
        number = self.accept(head.group(1), inline=False, index=index) if head else None
        rest = line[column:]
        if head and number is not None:
            self.last_number = number
            self.open("operative", number, _Piece(index, head.end(), len(line)))
            column = head.end()
        elif (
            self.last_number == 0
            and (not units or self.last_char in TERMINATORS)
            and (_starts_operative(rest, self.lang))
        ):
            self.open("operative", 0, _Piece(index, column, len(line)))
        elif not units or (
            not in_operative
            and units[-1].has_text
            and _starts_preambular(rest, self.last_char, self.lang)
        ):
            self.open("preambular", 0, _Piece(index, column, len(line)))
        else:
            self.add(_Piece(index, column, len(line)))
        self.split_run_together(index, line, column)

    def split_run_together(self, index: int, line: str, column: int) -> None:
        """Several paragraphs printed on one line."""
        position = column
        while True:
            number_match = next(
                (
                    m
                    for m in _INLINE_NUMBER.finditer(line, position)
                    if _number_value(m.group(1)) == self.last_number + 1
                ),
                None,
            )
            verb_match = (
                self.run_together.search(line, position)
                if self.run_together is not None and self.units[-1].kind == "preambular"
                else None
            )
            if number_match is None and verb_match is None:
                return
            if number_match is not None and (
                verb_match is None or number_match.start() <= verb_match.start()
            ):
                self.last_number += 1
                self.cut(number_match.start())
                self.open(
                    "operative", self.last_number, _Piece(index, number_match.end(), len(line))
                )
                position = number_match.end()
            elif verb_match is not None:
                self.cut(verb_match.start())
                self.open("preambular", 0, _Piece(index, verb_match.end(), len(line)))
                position = verb_match.end()


def _unit_text(unit: _Unit, lines: tuple[str, ...], lang: str) -> str:
    chunks = [lines[p.line][p.start : p.end] for p in unit.pieces]
    return normalize_for_match("\n".join(chunks), lang)


def _refs_by_line(clean: CleanText) -> dict[int, list[tuple[int, str]]]:
    by_line: dict[int, list[tuple[int, str]]] = {}
    for ref in clean.refs:
        by_line.setdefault(ref.line, []).append((ref.column, ref.marker))
    return by_line


def _unit_refs(unit: _Unit, refs: dict[int, list[tuple[int, str]]]) -> tuple[str, ...]:
    found: list[str] = []
    for piece in unit.pieces:
        for column, marker in refs.get(piece.line, ()):
            if piece.start < column <= piece.end or column == piece.start == 0:
                found.append(marker)
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
    text: str,
    lang: str,
    kind: Literal["preambular", "operative"],
    warnings: list[IngestWarning],
    line: int,
) -> str:
    verb = match_verb(text, lang, kind) or match_verb(
        text, lang, "operative" if kind == "preambular" else "preambular"
    )
    if verb:
        return verb
    warnings.append(IngestWarning("unknown-verb", f"no known leading verb in {text[:40]!r}", line))
    if lang in CJK_LANGUAGES or not text:
        return ""
    return text.split()[0].rstrip(",;:،")


def _subparagraphs(text: str) -> tuple[Subparagraph, ...]:
    candidates: list[tuple[str, int, int]] = []
    for match in _SUB_LABEL.finditer(text):
        before = text[: match.start()].rstrip()
        if (
            before
            and before[-1] not in ":;：；,،"
            and not re.search(r"[;；]\s*(?:and|or)$", before)
        ):
            continue
        candidates.append((match.group(1), match.start(), match.end()))
    arabic = any(label in _ARABIC_LETTERS for label, _, _ in candidates)
    letters = _ARABIC_LETTERS if arabic else _LETTERS
    # (level, label, start, text start)
    items: list[tuple[int, str, int, int]] = []
    letter_index, roman_index, in_letter = 0, 0, False
    for position, (label, start, body_start) in enumerate(candidates):
        as_letter = letter_index < len(letters) and label == letters[letter_index]
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
    # Where each item's text stops: at the next item of the same or a higher level.
    stops = [len(text)] * len(items)
    open_items: list[int] = []
    for k, (level, _, start, _) in enumerate(items):
        while open_items and items[open_items[-1]][0] >= level:
            stops[open_items.pop()] = start
        open_items.append(k)

    def item_text(k: int) -> str:
        return text[items[k][3] : stops[k]].strip()

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


# --- header and closing ------------------------------------------------------------------


@dataclass
class _Header:
    symbol: str | None = None
    title: str = ""
    session: int | None = None
    adopted: str | None = None
    meeting: str | None = None


def _date_of(match: re.Match[str], lang: str) -> str | None:
    month_text = match.group("month")
    if month_text.isdigit():
        month: int | None = int(month_text)
    else:
        month = lexicon(lang).months.get(" ".join(month_text.lower().split()))
    return _iso_date(match.group("year"), month, match.group("day"))


def _search(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        found = pattern.search(text)
        if found:
            return found
    return None


def _languages(lang: str) -> tuple[str, ...]:
    """The language's own words first, then English (a page around a text may be English)."""
    return (lang,) if lang == "en" else (lang, "en")


def _header(lines: tuple[str, ...], end: int, lang: str, body: Body | None) -> _Header:
    """Symbol, title, session, adoption date and meeting from the lines before the opener."""
    found = _Header()
    joined = " ".join(" ".join(lines[i].split()) for i in range(end))
    probed = probe(joined, lang)
    title_line = -1
    for index in range(end):
        line = lines[index]
        if title_line < 0 and (short := _GA_SHORT_SYMBOL.match(line)):
            title_line = index
            suffix = f" {short.group(3)}" if short.group(3) else ""
            found.symbol = f"A/RES/{short.group(1)}/{short.group(2)}{suffix}"
            found.title = short.group(4).strip()
        if found.session is None and (en := _EN_SESSION.match(line)):
            found.session = english_ordinal(en.group(1))
    if title_line >= 0:
        following = [lines[i] for i in range(title_line + 1, end)]
        found.title = normalize_for_match("\n".join([found.title, *following]), lang)
    if ga := _GA_SYMBOL.search(joined):
        found.symbol = ga.group(0)
    sc_symbol = _sc_symbol(joined, probed, lines, end, lang, body)
    if sc_symbol and (found.symbol is None or body == "security_council"):
        found.symbol = sc_symbol
    for code in _languages(lang):
        words = lexicon(code)
        if found.session is None and words.session and (s := words.session.search(probed)):
            found.session = _number_value(s.group("session"))
        if found.adopted is None and (on := _search(words.adopted, probed)):
            found.adopted = _date_of(on, code)
            if found.meeting is None and "meeting" in on.re.groupindex and on.group("meeting"):
                found.meeting = joined[on.start("meeting") : on.end("meeting")]
    if (
        found.session is None
        and found.symbol
        and (m := re.search(r"A/RES/(\d{1,3})/\d", found.symbol))
    ):
        found.session = int(m.group(1))
    return found


def _sc_symbol(
    joined: str, probed: str, lines: tuple[str, ...], end: int, lang: str, body: Body | None
) -> str | None:
    """S/RES/1540 (2004) as printed, or built from "Resolution 1540 (2004)", "第1540(2004)号
    决议" or the old form "109 (1955)." of a Security Council text."""
    full = _SC_SYMBOL.search(joined)
    if full and full.group(2):
        return f"S/RES/{full.group(1)} ({full.group(2)})"
    if body == "general_assembly":
        return f"S/RES/{full.group(1)}" if full else None
    # A page may name its neighbours too ("← 1227(1999) | 1228(1999) | 1229(1999)"): the
    # resolution is the one the header names most often.
    numbered: list[tuple[str, str]] = []
    for code in _languages(lang):
        pattern = lexicon(code).resolution_number
        if pattern is not None:
            numbered += [(m.group("number"), m.group("year")) for m in pattern.finditer(probed)]
    if numbered:
        counts = {n: len(re.findall(rf"(?<!\d){n}(?!\d)", probed)) for n, _ in numbered}
        number, year = max(numbered, key=lambda item: counts[item[0]])
        return f"S/RES/{int(number)} ({year})"
    for index in range(end):
        if short := _SC_SHORT_SYMBOL.match(lines[index]):
            return f"S/RES/{int(short.group(1))} ({short.group(2)})"
    return f"S/RES/{full.group(1)}" if full else None


def _closing_start(lines: tuple[str, ...], start: int, lang: str) -> int:
    """The first line after the paragraphs that says where they were adopted."""
    patterns = tuple(p for code in _languages(lang) for p in lexicon(code).closing_meeting)
    for index in range(start + 1, len(lines)):
        if _search(patterns, probe(" ".join(lines[index].split()), lang)):
            return index
    return len(lines)


def _closing(lines: tuple[str, ...], start: int, lang: str, header: _Header) -> None:
    """Fill the meeting and date of adoption from the lines after the paragraphs."""
    for index in range(start, len(lines)):
        line = " ".join(lines[index][_after_bullet(lines[index]) :].split())
        probed = probe(line, lang)
        for code in _languages(lang):
            words = lexicon(code)
            if header.meeting is None and (m := _search(words.closing_meeting, probed)):
                header.meeting = line[m.start("meeting") : m.end("meeting")]
            if header.adopted is None and (d := _search(words.closing_date, probed)):
                header.adopted = _date_of(d, code)


def parse_resolution(text: str, lang: str = "auto") -> ParsedResolution:
    """Parse a resolution's text; `lang` is "auto", "en", "zh", "fr", "es", "ru" or "ar"."""
    language = canonical_language(lang)
    if language == "auto":
        language = detect_language(text)
    clean = clean_extraction(text, language)
    lines = clean.lines
    numbers = clean.line_numbers
    warnings: list[IngestWarning] = list(clean.warnings)

    def raw(index: int) -> int:
        return numbers[index] if 0 <= index < len(numbers) else (numbers[-1] if numbers else 1)

    opener = _find_opener(lines, language)
    if opener is None:
        warnings.append(
            IngestWarning(
                "no-opener",
                "no opening words ('The General Assembly,', 'The Security Council,', ...)",
                1,
            )
        )
        first = next(
            (
                i
                for i, line in enumerate(lines)
                if _number_head(line[_after_bullet(line) :], 0, language)
                or _paragraph_verb(line[_after_bullet(line) :], language)
            ),
            0,
        )
        body_start, header_end = (first, 0), first
    else:
        body_start, header_end = (opener.line, opener.column), opener.line
        if opener.column == 0 and opener.line > 0:
            header_end = opener.line - 1
    closing_start = _closing_start(lines, body_start[0], language)
    segmenter = _Segmenter(lines, language, warnings, numbers)
    units, body_end = segmenter.run(body_start, closing_start)
    body = opener.body if opener else None
    header = _header(lines, header_end, language, body)
    _closing(lines, body_end, language, header)
    body = body or body_of_symbol(header.symbol)
    if header.symbol is None:
        warnings.append(
            IngestWarning("no-symbol", "no document symbol found", raw(max(header_end - 1, 0)))
        )

    numbered = any(u.kind == "operative" and u.number for u in units)
    unnumbered = [u for u in units if u.kind == "operative" and not u.number]
    if numbered:
        # Operative verbs before the first number opened lines of the preamble.
        for unit in unnumbered:
            unit.kind = "preambular"
    else:
        for count, unit in enumerate(unnumbered, start=1):
            unit.number = count
        if len(unnumbered) > 1:
            warnings.append(
                IngestWarning(
                    "unnumbered-paragraphs",
                    f"{len(unnumbered)} operative paragraphs print no number: numbered in order",
                    raw(unnumbered[0].pieces[0].line),
                )
            )
    refs = _refs_by_line(clean)
    preamble: list[Paragraph] = []
    operative: list[OperativeParagraph] = []
    for unit in units:
        body_text = _unit_text(unit, lines, language)
        line = raw(unit.pieces[0].line)
        unit_refs = _unit_refs(unit, refs)
        if not body_text:
            warnings.append(
                IngestWarning("empty-paragraph", f"paragraph {unit.number} has no text", line)
            )
        if unit.kind == "preambular":
            if operative:
                warnings.append(IngestWarning("preamble-after-operative", body_text[:40], line))
            verb = _leading_verb(body_text, language, "preambular", warnings, line)
            preamble.append(Paragraph(verb, body_text, unit_refs, line))
            continue
        verb = _leading_verb(body_text, language, "operative", warnings, line) if body_text else ""
        operative.append(
            OperativeParagraph(
                number=unit.number,
                verb=verb,
                text=body_text,
                subparagraphs=_subparagraphs(body_text),
                footnote_refs=unit_refs,
                second_verbs=second_verbs(body_text[len(verb) :], language),
                spans=_unit_spans(unit, clean, text),
                language=language,
                line=line,
            )
        )
    if not operative:
        warnings.append(
            IngestWarning("no-operative", "no operative paragraph found", raw(body_start[0]))
        )
    return ParsedResolution(
        symbol=header.symbol,
        language=language,
        title=header.title,
        session=header.session,
        adoption_date=header.adopted,
        meeting=header.meeting,
        preamble=tuple(preamble),
        operative=tuple(operative),
        footnotes=clean.footnotes,
        warnings=tuple(warnings),
        body=body,
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
        "body": parsed.body,
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
                "line": p.line,
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
