"""Remove PDF-extraction artifacts from a resolution's text and keep its footnotes as data.

What counts as "verbatim once artifacts are removed" (the contract other checks rely on):
a passage P of language L occurs verbatim in an official text T when

    normalize_for_match(P, L) in normalize_for_match(clean_extraction(T, L).text, L)

`clean_extraction` removes exactly these things and nothing else: form feeds, running page
headers (the document symbol repeated at a page break, "S/RES/1540 (2004)" included, and
beside it the running title, a line the masthead prints too, and the page number "2/8"), job
numbers ("03 45591"), page numbers, footnote blocks (separator line, numbered or asterisked
markers and footnote text) and footnote markers in the running text; it also puts a
paragraph number that the PDF printed after the first line of its paragraph back before
that line. Every word and every punctuation mark of the
official text is kept as printed, in print order. `normalize_for_match` then only changes
whitespace and line breaks (see its docstring for the exact rule).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tracker.ingest.verbs import (
    CJK_LANGUAGES,
    lexicon,
    match_verb,
    numeral_class,
    opener_words,
    probe,
)

AFTER_CHARS = 40
HYPHENS = frozenset("-\u2010\u2011")
SOFT_HYPHEN = "\u00ad"
TERMINATORS = frozenset(",;:.，；：。．")
SENTENCE_END = frozenset(".。．")

_CONTROL = {c: None for c in range(32) if c not in (9, 10, 12)} | {9: " ", 0x7F: None}
_WS_RUN = re.compile(r"\s+")
# A document symbol, with the year a Security Council resolution's carries: "S/RES/1540 (2004)".
_SYMBOL = r"[A-Z]{1,4}(?:/[A-Z0-9][A-Za-z0-9.\-]*)+(?:\s*\(\d{4}\))?"
_SYMBOL_LINE = re.compile(rf"^\s*({_SYMBOL})\s*$")
_SYMBOL_WITH_PAGE = re.compile(rf"^\s*(?:{_SYMBOL}\s+\d{{1,3}}|\d{{1,3}}\s+{_SYMBOL})\s*$")
_JOB_NUMBER = re.compile(r"^\s*\*?\d{2}[-\s]?\d{5}\*?(?:\s*\([A-Z]\))?(?:\s+\d{6})?\s*$")
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
# "2/8": page 2 of 8, as UN PDFs print it beside the running header.
_PAGE_OF = re.compile(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")
# A footnote's marker where its text starts: a number, or asterisks ("* Definitions ...").
_MARKER_WITH_TEXT = re.compile(r"^\s*(\d{1,3}|\*{1,3})\s*(?<=\s|\*)(\S.*)$")
_BARE_MARKER = re.compile(r"^\s*(\d{1,3}|\*{1,3})\s*$")
# A running title is at least this long (a bare number or symbol is not a title).
_RUNNING_TITLE_MIN = 12
_UNDERSCORES = re.compile(r"^\s*_{5,}\s*$")
_NUMBER_LINE = re.compile(rf"^\s*(\d{{1,3}}|{numeral_class()}{{1,4}})\s*[.．、]\s*$")
_NUMBER_START = re.compile(rf"^\s*(\d{{1,3}}|{numeral_class()}{{1,4}})\s*[.．、]")

# Words after which a number is a real number, not a footnote marker.
# fmt: off
_MONTHS = frozenset((
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
))
_NUMBER_WORDS = _MONTHS | frozenset((
    "a", "an", "the", "of", "on", "in", "at", "by", "to", "for", "from", "with", "and", "or",
    "than", "under", "between", "about", "over", "only", "some", "all", "nearly", "almost",
    "least", "per", "within", "article", "articles", "paragraph", "paragraphs", "para", "paras",
    "p", "pp", "page", "pages", "no", "nos", "vol", "vols", "volume", "resolution",
    "resolutions", "decision", "decisions", "item", "items", "section", "sections", "chapter",
    "chapters", "annex", "annexes", "rule", "rules", "principle", "principles", "step", "steps",
    "protocol", "part", "parts", "table", "figure", "session", "sessions", "meeting", "phase",
    "level", "goal", "goals", "target", "targets", "option", "category", "subparagraph",
    "subparagraphs",
))
# fmt: on

_MARKER_PATTERNS: tuple[tuple[re.Pattern[str], bool], ...] = (
    # (pattern whose group 1 is the marker, whether the pattern is "detached" so the word
    # before it must not be one that takes a number)
    (re.compile(r"(?<=\S)[ \t]+(\d{1,3})[ \t]*$"), True),
    (re.compile(r"(?<=\S)[ \t]+(\d{1,3})(?=[ \t]+[a-z(“\"‘])"), True),
    (re.compile(r"(?<=[^\W\d_)\]”’\"][,;:.])(\d{1,3})(?=[ \t]|$)"), False),
    (re.compile(r"(?<=[”’\")\]])(\d{1,3})(?=[ \t,;:.]|$)"), False),
    (re.compile(r"(?<=[a-z]{3})(\d{1,3})(?=[ \t,;:.]|$)"), False),
    # After a year and its punctuation: "held in September 2025;2 and".
    (re.compile(r"(?<=\d[;,:])(\d{1,3})(?=[ \t]|$)"), False),
    # After a closing bracket or quote and its punctuation: "(S/23500),1".
    (re.compile(r"(?<=[)\]”’\"][,;:.])(\d{1,3})(?=[ \t]|$)"), False),
    # Asterisks: "means of delivery,* constitutes".
    (re.compile(r"(?<=[^\s*])(\*{1,3})(?=[\s,;:.]|$)"), False),
)
_CJK_MARKER = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef”’])[ \t]*(\d{1,3})[ \t]*"
    r"(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“]|$)"
)


@dataclass(frozen=True)
class IngestWarning:
    """Something the cleaner or parser could not do cleanly; `code` is a stable slug."""

    code: str
    message: str
    line: int = 0  # 1-based line of the raw input; 0 when it has no single line


@dataclass(frozen=True)
class Footnote:
    """A footnote's text, and the cleaned text its (first) marker follows."""

    marker: str
    text: str
    after: str


@dataclass(frozen=True)
class FootnoteRef:
    """Where a footnote marker stood: `line`/`column` index `CleanText.lines` (0-based)."""

    marker: str
    line: int
    column: int
    after: str


@dataclass(frozen=True)
class Artifact:
    """One thing removed (or moved) from the raw text, for audit; `line` is 1-based raw."""

    kind: str
    line: int
    text: str


@dataclass(frozen=True)
class SourceLine:
    """Where a cleaned line was printed: the offset in the text given of its raw line (or of
    its part after a form feed), and that raw line as given."""

    offset: int
    raw: str


@dataclass(frozen=True)
class CleanText:
    """The running text without PDF artifacts, with its footnotes and what was removed;
    `sources[i]` is where `lines[i]` stands in the text given."""

    language: str
    lines: tuple[str, ...]
    footnotes: tuple[Footnote, ...]
    refs: tuple[FootnoteRef, ...]
    artifacts: tuple[Artifact, ...]
    warnings: tuple[IngestWarning, ...]
    sources: tuple[SourceLine, ...] = ()
    line_numbers: tuple[int, ...] = ()  # the 1-based line of the text given of each line

    @property
    def text(self) -> str:
        """The cleaned running text, one printed line per line, no blank lines."""
        return "\n".join(self.lines)

    def source_span(self, line: int, start: int, end: int) -> tuple[int, int] | None:
        """Offsets in the text given of `lines[line][start:end]` without its outer spaces:
        from its first character to just after its last; None when it is blank."""
        if line >= len(self.sources):
            return None
        chunk = self.lines[line][start:end]
        if not chunk.strip():
            return None
        first = start + len(chunk) - len(chunk.lstrip())
        last = start + len(chunk.rstrip()) - 1
        raw, cleaned = self.sources[line].raw, self.lines[line]
        offset = self.sources[line].offset
        if raw.replace("\t", " ").startswith(cleaned):
            # Nothing was taken out of this line: its columns are the raw line's.
            return offset + first, offset + last + 1
        columns = _raw_columns(raw, cleaned[: last + 1])
        return offset + columns[first], offset + columns[last] + 1


def _raw_columns(raw: str, cleaned: str) -> list[int]:
    """For each character of `cleaned`, its column in `raw`. A cleaned line is its raw line
    with control characters dropped, tabs as spaces and footnote markers taken out, so its
    characters are found in order, each at the first place it can be."""
    columns: list[int] = []
    j = 0
    for char in cleaned:
        while j < len(raw) and (" " if raw[j] == "\t" else raw[j]) != char:
            j += 1
        columns.append(min(j, max(len(raw) - 1, 0)))
        j += 1
    return columns


def canonical_language(lang: str) -> str:
    """'zh-Hant' -> 'zh', 'EN' -> 'en'; anything else lower-cased as is."""
    return lang.strip().lower().replace("_", "-").split("-")[0] or "auto"


def detect_language(text: str) -> str:
    """Guess the language from its script: CJK, Arabic, Cyrillic, else Latin by stopwords."""
    cjk = arabic = cyrillic = latin = 0
    for ch in text:
        code = ord(ch)
        if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            cjk += 1
        elif 0x0600 <= code <= 0x06FF:
            arabic += 1
        elif 0x0400 <= code <= 0x04FF:
            cyrillic += 1
        elif (ch.isascii() and ch.isalpha()) or 0xC0 <= code <= 0x24F:
            latin += 1
    # One CJK character carries about as much text as a three-letter Latin word.
    if cjk * 3 >= latin and cjk > 0:
        return "zh"
    if arabic > max(latin, cyrillic):
        return "ar"
    if cyrillic > latin:
        return "ru"
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    counts = {
        "en": sum(w in {"the", "of", "and", "to", "its"} for w in words),
        "fr": sum(w in {"le", "la", "les", "des", "et", "du"} for w in words),
        "es": sum(w in {"el", "los", "las", "del", "y"} for w in words),
    }
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > 0 else "en"


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F", "A")


def _join_separator(left: str, right: str, lang: str) -> str:
    if left in HYPHENS or left == SOFT_HYPHEN:
        return ""
    if lang not in CJK_LANGUAGES:
        return " "
    left_wide, right_wide = _is_wide(left), _is_wide(right)
    if not left_wide and not right_wide:
        return " "
    if left_wide and right_wide:
        return ""
    narrow, wide = (right, left) if left_wide else (left, right)
    # Official Chinese print sets a space between an ideograph and a Latin word or a number
    # ("2000 年", "第 57/59 号"), none next to full-width punctuation ("、2002 年").
    if narrow.isalnum() and unicodedata.category(wide).startswith("L"):
        return " "
    return ""


def normalize_for_match(text: str, lang: str) -> str:
    """Text as one line, for comparing passages with the official text.

    The rule, exactly:
    1. Unicode NFC; "\\r\\n" and "\\r" are line breaks; a form feed is whitespace.
    2. Each line is stripped; empty lines are dropped; inside a line every run of
       whitespace (space, tab, no-break space, ideographic space U+3000, ...) becomes one
       ASCII space. Nothing else changes: no space is added or removed between Chinese
       characters and ASCII digits or letters within a line ("2000 年" stays as printed).
    3. Consecutive lines are joined with nothing when the first ends with a hyphen
       (U+002D, U+2010, U+2011; the hyphen is kept: "Non-\\nProliferation" ->
       "Non-Proliferation") or a soft hyphen (U+00AD, which is dropped); otherwise
       - English and other non-Chinese languages: one space;
       - Chinese: nothing between two wide characters (ideographs, full-width or
         CJK punctuation, curly quotes), one space between two narrow characters
         ("Parts\\nI" -> "Parts I"), one space between an ideograph and an ASCII letter
         or digit (the print convention, "2000\\n年" -> "2000 年"), nothing between
         full-width punctuation and a narrow character ("28\\n（Parts" -> "28（Parts").
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    parts: list[str] = []
    for raw in text.split("\n"):
        line = _WS_RUN.sub(" ", raw).strip()
        if not line:
            continue
        if parts:
            previous = parts[-1]
            separator = _join_separator(previous[-1], line[0], lang)
            if previous.endswith(SOFT_HYPHEN):
                parts[-1] = previous[:-1].rstrip()
            parts.append(separator)
        parts.append(line)
    joined = "".join(parts)
    # A dropped soft hyphen must not leave the blank before it behind ("0 \xad" -> "0").
    return joined[:-1].rstrip() if joined.endswith(SOFT_HYPHEN) else joined


def occurs_verbatim(passage: str, official_text: str, lang: str) -> bool:
    """Whether `passage` occurs in the raw official text once artifacts are removed."""
    needle = normalize_for_match(passage, lang)
    haystack = normalize_for_match(clean_extraction(official_text, lang).text, lang)
    return bool(needle) and needle in haystack


# --- cleaning ----------------------------------------------------------------------------


@dataclass
class _Line:
    number: int
    text: str
    page: int
    page_start: bool
    kind: str = "body"
    source: SourceLine = SourceLine(0, "")

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _split_lines(text: str) -> tuple[list[_Line], list[Artifact]]:
    lines: list[_Line] = []
    artifacts: list[Artifact] = []
    page, seen_content = 1, False
    # Lines and the breaks between them, alternately: offsets count the breaks as given.
    parts = re.split(r"(\r\n|\r|\n)", text)
    offset = 0
    for number, raw in enumerate(parts[::2], start=1):
        pieces = raw.split("\f")
        for i, piece in enumerate(pieces):
            page_start = False
            if i > 0:
                artifacts.append(Artifact("form-feed", number, ""))
                if seen_content:
                    page += 1
                    page_start = True
            printed = piece.translate(_CONTROL)
            lines.append(_Line(number, printed, page, page_start, source=SourceLine(offset, piece)))
            seen_content = seen_content or bool(printed.strip())
            offset += len(piece) + 1
        offset += len(parts[2 * number - 1]) - 1 if 2 * number - 1 < len(parts) else 0
    return lines, artifacts


class _Neighbours:
    """For every line, the nearest non-blank lines before and after it, and whether it is
    the first non-blank line after a form feed: computed once, looked up in constant time."""

    def __init__(self, lines: list[_Line]) -> None:
        self.before: list[int | None] = [None] * len(lines)
        self.after: list[int | None] = [None] * len(lines)
        self.page_start = [False] * len(lines)
        last: int | None = None
        feed = False
        for i, line in enumerate(lines):
            self.before[i] = last
            feed = feed or line.page_start
            if not line.blank:
                self.page_start[i] = feed
                feed = False
                last = i
            elif line.page_start:
                self.page_start[i] = True
        last = None
        for i in range(len(lines) - 1, -1, -1):
            self.after[i] = last
            if not lines[i].blank:
                last = i

    def near(self, i: int, step: int) -> int | None:
        return self.after[i] if step > 0 else self.before[i]


def _same_symbol(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def _mark_page_furniture(lines: list[_Line], near: _Neighbours, lang: str) -> None:
    first_symbol: str | None = None
    headers: list[int] = []
    for i, line in enumerate(lines):
        if line.blank:
            continue
        stripped = line.text.strip()
        if _JOB_NUMBER.match(stripped):
            line.kind = "job-number"
            continue
        symbol = _SYMBOL_LINE.match(stripped)
        if symbol and first_symbol is None and not near.page_start[i]:
            first_symbol = symbol.group(1)
            continue
        if (
            symbol
            and (
                (first_symbol and _same_symbol(symbol.group(1), first_symbol)) or near.page_start[i]
            )
        ) or (_SYMBOL_WITH_PAGE.match(stripped) and near.page_start[i]):
            line.kind = "page-header"
            headers.append(i)
    if headers:
        _mark_running_titles(lines, near, headers, lang)


def _masthead_end(lines: list[_Line], lang: str) -> int:
    """The first line of the resolution proper: its opening words or a first paragraph."""
    openers = [w for words in opener_words(lang).values() for w in words]
    for i, line in enumerate(lines):
        text = probe(line.text.strip(), lang)
        if text and (
            text.startswith(tuple(openers))
            or match_verb(text, lang, "preambular")
            or match_verb(text, lang, "operative")
        ):
            return i
    return 0


def _mark_running_titles(
    lines: list[_Line], near: _Neighbours, headers: list[int], lang: str
) -> None:
    """Around each running header: the page number ("2/8") and the running title, a line
    the masthead prints too (the title, over one or two lines, above or below the symbol)."""
    end = _masthead_end(lines, lang)
    masthead = normalize_for_match(
        "\n".join(line.text for line in lines[:end] if line.kind == "body"), "en"
    )
    for header in headers:
        for step in (-1, 1):
            j = near.near(header, step)
            while j is not None and j >= end:
                line = lines[j]
                text = " ".join(line.text.split())
                if line.kind in ("job-number", "page-header"):
                    pass
                elif _PAGE_OF.match(text) or _BARE_NUMBER.match(text):
                    line.kind = "page-number"
                elif len(text) >= _RUNNING_TITLE_MIN and text in masthead:
                    line.kind = "running-title"
                else:
                    break
                j = near.near(j, step)


def _is_double_spaced(lines: list[_Line]) -> bool:
    blank = sum(line.blank for line in lines)
    return blank >= 0.5 * max(1, len(lines) - blank)


def _starts_paragraph(text: str, lang: str) -> bool:
    return bool(
        _NUMBER_START.match(text)
        or match_verb(text, lang, "operative")
        or match_verb(text, lang, "preambular")
    )


def _is_separator(lines: list[_Line], i: int, near: _Neighbours) -> bool:
    text = lines[i].text
    if _UNDERSCORES.match(text):
        return True
    if len(text) >= 20 and not text.strip():
        following = near.after[i]
        return following is not None and bool(
            _BARE_MARKER.match(lines[following].text)
            or _MARKER_WITH_TEXT.match(lines[following].text)
        )
    return False


@dataclass
class _FootnoteDraft:
    marker: str
    raw_line: int
    lines: list[str]


def _next_footnote_follows(lines: list[_Line], near: _Neighbours, i: int, marker: str) -> bool:
    """Whether the next printed line after the blank line `i` opens footnote `marker` + 1."""
    following = near.after[i]
    if following is None or near.page_start[following] or lines[following].kind != "body":
        return False
    text = lines[following].text
    opened = _MARKER_WITH_TEXT.match(text) or _BARE_MARKER.match(text)
    return opened is not None and _follows(opened.group(1), marker)


def _follows(marker: str, previous: str | None) -> bool:
    """Whether footnote `marker` can come next after `previous`: 1, 2, 3 ... or *, **, ***
    (a text may start its numbered footnotes after an asterisked one)."""
    if previous is None:
        return True
    if marker.isdigit():
        return int(marker) == int(previous) + 1 if previous.isdigit() else marker == "1"
    return not previous.isdigit() and len(marker) == len(previous) + 1


def _read_footnote_block(
    lines: list[_Line], start: int, lang: str, double_spaced: bool, near: _Neighbours
) -> tuple[int, list[_FootnoteDraft]]:
    """Parse the block after the separator at `start`; return the index after it."""
    drafts: list[_FootnoteDraft] = []
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if line.kind != "body" or (near.page_start[i] and not line.blank):
            break
        stripped = line.text.strip()
        current = drafts[-1] if drafts else None
        if not stripped:
            if (
                current is not None
                and current.lines
                and not double_spaced
                and not _next_footnote_follows(lines, near, i, current.marker)
            ):
                break
            line.kind = "footnote-block"
            i += 1
            continue
        bare = _BARE_MARKER.match(stripped)
        with_text = _MARKER_WITH_TEXT.match(stripped)
        marker_match = bare or with_text
        if marker_match:
            marker = marker_match.group(1)
            expected = _follows(marker, current.marker if current else None)
            if expected and (bare or current is None or current.lines):
                first = [with_text.group(2)] if with_text and not bare else []
                drafts.append(_FootnoteDraft(marker, line.number, first))
                line.kind = "footnote-block"
                i += 1
                continue
        if current is None:
            break
        ended = current.lines and current.lines[-1].rstrip()[-1:] in SENTENCE_END
        if current.lines and (
            bare or (ended and (double_spaced or _starts_paragraph(line.text, lang)))
        ):
            break
        current.lines.append(stripped)
        line.kind = "footnote-block"
        i += 1
    return i, drafts


def _guarded(text: str, position: int) -> bool:
    """Whether the number at `position` follows a word that takes a number ("para. 3")."""
    tokens = text[:position].split()
    if not tokens:
        return True
    word = tokens[-1].rstrip(".,;:").lower()
    if word in _NUMBER_WORDS:
        return True
    if re.fullmatch(r"\d+,", tokens[-1]) and len(tokens) > 1:
        return tokens[-2].rstrip(".,;:").lower() in _NUMBER_WORDS - _MONTHS
    return False


def _find_marker(text: str, start: int, markers: set[str], lang: str) -> re.Match[str] | None:
    candidates: list[tuple[int, re.Match[str]]] = []
    for pattern, detached in _MARKER_PATTERNS:
        for match in pattern.finditer(text, start):
            if match.group(1) not in markers:
                continue
            if detached and _guarded(text, match.start(1)):
                continue
            candidates.append((match.start(), match))
            break
    if lang in CJK_LANGUAGES:
        for match in _CJK_MARKER.finditer(text, start):
            if match.group(1) not in markers:
                continue
            after = text[match.end() : match.end() + 1]
            before = text[: match.start()].rstrip()[-1:]
            words = lexicon(lang)
            if after in words.measures or before in words.ordinal_before:
                continue
            candidates.append((match.start(), match))
            break
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _remove_inline_markers(
    text: str, markers: set[str], lang: str
) -> tuple[str, list[tuple[str, int]]]:
    found: list[tuple[str, int]] = []
    position = 0
    while position <= len(text):
        match = _find_marker(text, position, markers, lang)
        if match is None:
            break
        marker = match.group(1)
        start, end = match.start(), match.end()
        # Keep one space where a detached marker sat between two words.
        keep = (
            " "
            if text[start:end].startswith((" ", "\t")) and text[end : end + 1] in (" ", "\t")
            else ""
        )
        if keep:
            end += 1
        text = text[:start] + keep + text[end:]
        found.append((marker, start))
        position = start
    return text, found


class _BodyNeighbours:
    """For every line, the nearest lines of running text before and after it."""

    def __init__(self, lines: list[_Line]) -> None:
        self.before: list[int | None] = [None] * len(lines)
        self.after: list[int | None] = [None] * len(lines)
        last: int | None = None
        for i, line in enumerate(lines):
            self.before[i] = last
            if line.kind == "body" and not line.blank:
                last = i
        last = None
        for i in range(len(lines) - 1, -1, -1):
            self.after[i] = last
            if lines[i].kind == "body" and not lines[i].blank:
                last = i


def _owns_number(lines: list[_Line], i: int, lang: str, body: _BodyNeighbours) -> int | None:
    """For a margin-number line at `i`: the earlier line that opens its paragraph, if any.

    The number belongs to the paragraph above when the line above has not ended a paragraph
    and the line below does not open one; the paragraph above opens at most three lines up,
    at the first line whose predecessor ends with a paragraph-ending mark.
    """
    previous = body.before[i]
    following = body.after[i]
    if previous is None or following is None:
        return None
    previous_text = lines[previous].text.strip()
    following_text = lines[following].text.strip()
    if previous_text[-1:] in ";.；。" or _NUMBER_LINE.match(previous_text):
        return None
    if match_verb(following_text, lang, "operative") or _NUMBER_START.match(following_text):
        return None
    candidate: int | None = previous
    for _ in range(3):
        if candidate is None:
            return None
        before = body.before[candidate]
        if before is None:
            return candidate
        before_text = lines[before].text.strip()
        if before_text[-1:] in TERMINATORS or _NUMBER_LINE.match(before_text):
            return candidate
        candidate = before
    return None


def clean_extraction(text: str, lang: str = "auto") -> CleanText:
    """Remove page furniture, footnote blocks and markers; keep footnotes as data.

    Never raises on any string; what it could not resolve is in `warnings`.
    """
    language = canonical_language(lang)
    if language == "auto":
        language = detect_language(text)
    lines, artifacts = _split_lines(text)
    warnings: list[IngestWarning] = []
    near = _Neighbours(lines)
    _mark_page_furniture(lines, near, language)
    double_spaced = _is_double_spaced(lines)

    drafts: list[_FootnoteDraft] = []
    i = 0
    while i < len(lines):
        if lines[i].kind == "body" and _is_separator(lines, i, near):
            end, block = _read_footnote_block(lines, i, language, double_spaced, near)
            lines[i].kind = "footnote-block"
            if not block:
                warnings.append(
                    IngestWarning(
                        "empty-footnote-block", "separator without footnotes", lines[i].number
                    )
                )
            drafts += block
            i = max(end, i + 1)
            continue
        i += 1
    markers = {d.marker for d in drafts}

    # Bare numbers on lines of their own: page numbers next to page furniture, else markers.
    own_line_refs: dict[int, list[str]] = {}
    furniture = ("page-header", "job-number", "running-title", "page-number")
    last_body: int | None = None  # the nearest line of running text above line i
    for i, line in enumerate(lines):
        bare = _BARE_NUMBER.match(line.text) if line.kind == "body" else None
        if bare is None:
            if line.kind == "body" and not line.blank:
                last_body = i
            continue
        number = bare.group(1)
        before = near.before[i]
        after = near.after[i]
        page_context = (
            before is None
            or after is None
            or near.page_start[i]
            or near.page_start[after]
            or lines[after].kind in furniture
            or lines[before].kind in furniture
        )
        if page_context and (int(number) == line.page or number not in markers):
            line.kind = "page-number"
            continue
        line.kind = "footnote-marker"
        owner = last_body
        if owner is not None:
            own_line_refs.setdefault(owner, []).append(number)
        if number not in markers:
            warnings.append(
                IngestWarning(
                    "footnote-missing",
                    f"marker {number} on a line of its own, but no footnote {number} was found",
                    line.number,
                )
            )

    # Markers inside lines.
    inline_refs: dict[int, list[tuple[str, int]]] = {}
    if markers:
        for i, line in enumerate(lines):
            if line.kind != "body" or line.blank:
                continue
            cleaned, found = _remove_inline_markers(line.text, markers, language)
            if found:
                artifacts += [Artifact("footnote-marker", line.number, m) for m, _ in found]
                line.text = cleaned
                inline_refs[i] = found

    # Paragraph numbers printed after the first line of their paragraph go back before it.
    body = _BodyNeighbours(lines)
    moved: dict[int, list[int]] = {}  # owner -> the number lines that go before it
    for i, line in enumerate(lines):
        if line.kind == "body" and _NUMBER_LINE.match(line.text):
            owner = _owns_number(lines, i, language, body)
            if owner is not None:
                moved.setdefault(owner, []).append(i)
                artifacts.append(Artifact("paragraph-number-moved", line.number, line.text.strip()))
    placed = {i for numbers in moved.values() for i in numbers}
    order = [j for i in range(len(lines)) if i not in placed for j in (*moved.get(i, ()), i)]

    artifacts += [
        Artifact(line.kind, line.number, line.text.strip())
        for line in lines
        if line.kind != "body" and not line.blank
    ]

    out_lines: list[str] = []
    sources: list[SourceLine] = []
    numbers: list[int] = []
    raw_refs: list[tuple[str, int, int]] = []
    for i in order:
        line = lines[i]
        if line.kind != "body" or line.blank:
            continue
        text_out = line.text.rstrip()
        index = len(out_lines)
        out_lines.append(text_out)
        sources.append(line.source)
        numbers.append(line.number)
        for marker, column in inline_refs.get(i, []):
            raw_refs.append((marker, index, min(column, len(text_out))))
        for marker in own_line_refs.get(i, []):
            raw_refs.append((marker, index, len(text_out)))
    raw_refs.sort(key=lambda r: (r[1], r[2]))

    refs = tuple(
        FootnoteRef(
            marker, line_index, column, _context_before(out_lines, line_index, column, language)
        )
        for marker, line_index, column in raw_refs
    )
    first_refs: dict[str, FootnoteRef] = {}
    for ref in refs:
        first_refs.setdefault(ref.marker, ref)
    footnotes: list[Footnote] = []
    seen: set[str] = set()
    for draft in drafts:
        if draft.marker in seen:
            warnings.append(
                IngestWarning(
                    "duplicate-footnote", f"footnote {draft.marker} twice", draft.raw_line
                )
            )
        seen.add(draft.marker)
        first = first_refs.get(draft.marker)
        if first is None:
            warnings.append(
                IngestWarning(
                    "footnote-unreferenced",
                    f"no marker {draft.marker} found in the running text",
                    draft.raw_line,
                )
            )
        footnotes.append(
            Footnote(
                draft.marker,
                normalize_for_match("\n".join(draft.lines), language),
                first.after if first else "",
            )
        )
    return CleanText(
        language=language,
        lines=tuple(out_lines),
        footnotes=tuple(footnotes),
        refs=refs,
        artifacts=tuple(sorted(artifacts, key=lambda a: a.line)),
        warnings=tuple(warnings),
        sources=tuple(sources),
        line_numbers=tuple(numbers),
    )


def _context_before(lines: list[str], index: int, column: int, lang: str) -> str:
    window = [*lines[max(0, index - 4) : index], lines[index][:column]]
    return normalize_for_match("\n".join(window), lang)[-AFTER_CHARS:]
