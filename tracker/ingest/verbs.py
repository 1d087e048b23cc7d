"""The words of UN resolutions in the six official languages, and how to find them in a text.

The words themselves are data: one file per language in `tracker/ingest/languages/`
(leading verbs, the adverbs that modify them, openers of each body, dates, meetings, the
header and closing lines). This module reads those files once and compiles them into
matchers; it knows no word of any language itself.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

Kind = Literal["preambular", "operative"]
Body = Literal["general_assembly", "security_council"]

LANGUAGE_DIR = Path(__file__).resolve().parent / "languages"
LANGUAGE_CODES: tuple[str, ...] = ("ar", "en", "es", "fr", "ru", "zh")
BODIES: tuple[Body, ...] = ("general_assembly", "security_council")
CJK_LANGUAGES: frozenset[str] = frozenset({"zh"})
CASED_LANGUAGES: frozenset[str] = frozenset({"en", "fr", "es", "ru"})
# A typographic apostrophe matches the straight one of the lists ("L’Assemblée").
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


@dataclass(frozen=True)
class Lexicon:
    """One language's words, compiled."""

    code: str
    openers: dict[Body, tuple[str, ...]]
    operative: re.Pattern[str]
    preambular: re.Pattern[str]
    bases: dict[Kind, tuple[str, ...]]
    adverbs: tuple[str, ...]  # every modifying word, lower case, longest first
    connectors: tuple[str, ...]
    second_verb: re.Pattern[str] | None
    months: dict[str, int]  # each spelling of a month, lower case -> 1..12
    date: re.Pattern[str]
    adopted: tuple[re.Pattern[str], ...]
    resolution_number: re.Pattern[str] | None
    session: re.Pattern[str] | None
    closing_meeting: tuple[re.Pattern[str], ...]
    closing_date: tuple[re.Pattern[str], ...]
    number_dash: bool
    digits: dict[str, int]
    units: dict[str, int]
    measures: frozenset[str]
    ordinal_before: frozenset[str]


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    """One regular expression for any of `words`, the longest tried first; spaces in a
    word match any run of white space."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def _lowered(word: str) -> str:
    return word[:1].lower() + word[1:]


def _verb_forms(bases: list[str], inner: str | None, capital: bool, cased: bool) -> str:
    """The verbs `bases` as one alternation, longest first, each with its first letter as a
    paragraph (`capital`) or a second word prints it; a modifier may stand inside a two-word
    verb ("Calls also upon") when `inner` is given."""
    words = [(_capitalised(b) if capital else _lowered(b)) if cased else b for b in bases]
    forms = []
    for word in sorted(set(words), key=len, reverse=True):
        first, _, rest = word.partition(" ")
        rest_pattern = r"\s+".join(re.escape(part) for part in rest.split())
        if rest and inner:
            forms.append(rf"{re.escape(first)}(?:\s+(?:{inner}))?\s+{rest_pattern}")
        else:
            forms.append(r"\s+".join(re.escape(part) for part in word.split()))
    return "|".join(forms)


def _verb_pattern(data: dict[str, Any], kind: Kind, cased: bool, cjk: bool) -> re.Pattern[str]:
    """Modifiers before, the verb, modifiers after: "Also strongly urges", "Requests also"."""
    verbs = data["verbs"]
    bases: list[str] = list(verbs[kind])
    before: list[str] = list(verbs.get("before", []))
    after: list[str] = list(verbs.get("after", []))
    gap = "" if cjk else r"\s+"
    end = "" if cjk else r"(?![\w'’-])"
    inner = _alternation(after) if after and not cjk else None
    options = [f"(?:{_verb_forms(bases, inner, True, cased)})"]
    if before:
        first = _alternation([_capitalised(b) for b in before] if cased else before)
        more = _alternation([_lowered(b) for b in before] if cased else before)
        verb = _verb_forms(bases, inner, False, cased)
        options.insert(0, rf"(?:{first})(?:{gap}(?:{more}))*{gap}(?:{verb})")
    attached = "".join(f"(?:{re.escape(p)})?" for p in data.get("attached_before", []))
    tail = ""
    if after:
        guard = verbs.get("after_operative_before", "") if kind == "operative" else ""
        look = f"(?=(?:{guard}))" if guard else ""
        tail = rf"(?:{gap}(?:{_alternation(after)}){end}{look})*"
    flags = re.IGNORECASE if data.get("lowercase_paragraphs") else 0
    return re.compile(rf"(?P<verb>{attached}(?:{'|'.join(options)}){end}{tail})", flags)


def _expand(pattern: str, date: str, meeting: str) -> str:
    return pattern.replace("{date}", date).replace("{meeting}", meeting)


def _named_once(pattern: str, prefix: str) -> str:
    """`pattern` with its named groups renamed `prefix_name`, so a pattern can hold two."""
    return re.sub(r"\(\?P<(\w+)>", rf"(?P<{prefix}_\1>", pattern)


@cache
def lexicon(code: str) -> Lexicon:
    """The words of language `code` ("en", "zh", ...); English stands in for an unknown one."""
    name = code if code in LANGUAGE_CODES else "en"
    data = tomllib.loads((LANGUAGE_DIR / f"{name}.toml").read_text(encoding="utf-8"))
    cjk = name in CJK_LANGUAGES
    cased = name in CASED_LANGUAGES
    months: dict[str, int] = {}
    for number, spellings in enumerate(data["dates"]["months"], start=1):
        for spelling in spellings.split("|"):
            months[spelling.lower()] = number
    month_words = _alternation(list(months))
    date = data["dates"]["date"].replace("{months}", month_words or "(?!)")
    meeting = data["meetings"]["meeting"]
    header = data["header"]
    closing = data["closing"]
    verbs = data["verbs"]
    adverbs = tuple(
        sorted(
            {w.lower() for w in [*verbs.get("before", []), *verbs.get("after", [])]},
            key=len,
            reverse=True,
        )
    )
    operative_words = [_lowered(v) if cased else v for v in verbs["operative"]]
    # A second verb: after a comma, or at once after the first ("Welcomes and encourages",
    # "注意到并欢迎"); without either, only the verbs of `second_without_comma`.
    second = None
    connectors = tuple(verbs.get("connectors", []))
    attached = tuple(data.get("attached_before", []))
    words = _alternation(operative_words)
    if cjk:
        joint = _alternation(list(connectors)) or "(?!)"
        modifiers = _alternation(list(verbs.get("before", []))) or "(?!)"
        second = re.compile(
            rf"(?:^|[，,；;])\s*((?:{joint})\s*(?:{modifiers})*\s*(?:{words})"
            rf"|(?<=[，,；;])(?:{modifiers})+(?:{words}))"
        )
    elif attached:
        joint = _alternation(list(attached))
        second = re.compile(rf"(?:^|[,،])\s*((?:{joint})(?:{words}))(?![\w-])")
    elif connectors:
        joint = _alternation(list(connectors))
        strong = _alternation(list(verbs.get("second_without_comma", []))) or "(?!)"
        adverb = _alternation(list(adverbs)) or "(?!)"
        second = re.compile(
            rf"(?:(?:^|,)\s+((?:{joint})(?:\s+(?:{adverb}))*\s+(?:{words}))"
            rf"|\s((?:{joint})(?:\s+(?:{adverb}))*\s+(?:{strong})))(?![\w-])"
        )
    session = header.get("session")
    number = header.get("resolution_number")
    return Lexicon(
        code=name,
        openers={body: tuple(data["bodies"].get(body, ())) for body in BODIES},
        operative=_verb_pattern(data, "operative", cased, cjk),
        preambular=_verb_pattern(data, "preambular", cased, cjk),
        bases={"operative": tuple(verbs["operative"]), "preambular": tuple(verbs["preambular"])},
        adverbs=adverbs,
        connectors=connectors,
        second_verb=second,
        months=months,
        date=re.compile(date, re.IGNORECASE),
        adopted=tuple(
            re.compile(_expand(p, date, meeting), re.IGNORECASE) for p in header["adopted"]
        ),
        resolution_number=re.compile(number, re.IGNORECASE) if number else None,
        session=re.compile(session, re.IGNORECASE) if session else None,
        closing_meeting=tuple(
            re.compile(_expand(p, date, meeting), re.IGNORECASE) for p in closing["meeting"]
        ),
        closing_date=tuple(
            re.compile(_expand(p, date, meeting), re.IGNORECASE) for p in closing["date"]
        ),
        number_dash=bool(data.get("number_dash", False)),
        digits=dict(data.get("numerals", {}).get("digits", {})),
        units=dict(data.get("numerals", {}).get("units", {})),
        measures=frozenset(data.get("footnotes", {}).get("measures", "")),
        ordinal_before=frozenset(data.get("footnotes", {}).get("ordinal_before", "")),
    )


@cache
def _traditional_table() -> dict[int, str]:
    data = tomllib.loads((LANGUAGE_DIR / "zh.toml").read_text(encoding="utf-8"))
    return {ord(pair[0]): pair[1] for pair in data["traditional"]["pairs"]}


def to_simplified(text: str) -> str:
    """Map the traditional characters the Chinese lists need onto their simplified forms."""
    return text.translate(_traditional_table())


def probe(text: str, lang: str) -> str:
    """`text` as the lists of `lang` are written: simplified characters for Chinese, a
    straight apostrophe for a typographic one. Same length as `text`."""
    text = text.translate(_APOSTROPHES)
    return to_simplified(text) if lang in CJK_LANGUAGES else text


def match_verb(text: str, lang: str, kind: Kind) -> str | None:
    """The leading verb `text` opens with, modifiers included, exactly as `text` prints it
    ("Further decides", "Requests also", "又决定", "постановляет далее"); None if none.

    A cased language needs the capital (a line that opens in lower case continues a
    paragraph) unless its file says its paragraphs may open in lower case, and a word
    boundary after the verb: "Notes" matches "Notes that" but not "Notesworthy".
    """
    stripped = text.lstrip()
    found = getattr(lexicon(lang), kind).match(probe(stripped, lang))
    return stripped[: found.end("verb")] if found else None


def bare_verb(verb: str, lang: str) -> str:
    """The verb without its modifiers, in lower case: 'Also calls for' -> 'calls for',
    '又呼吁' -> '呼吁', 'Requests also' -> 'requests'."""
    words = lexicon(lang)
    text = probe(verb, lang).lower().strip()
    if lang in CJK_LANGUAGES:
        changed = True
        while changed:
            changed = False
            for adverb in words.adverbs:
                if adverb and text.startswith(adverb) and len(text) > len(adverb):
                    text, changed = text[len(adverb) :], True
        return text
    for adverb in words.adverbs:
        text = re.sub(rf"(?<![\w-]){re.escape(adverb)}(?![\w-])", " ", text)
    return " ".join(text.split())


def strip_connector(surface: str, lang: str) -> str:
    """'and calls upon' -> 'calls upon', '并呼吁' -> '呼吁'."""
    text = probe(surface, lang).lower().strip()
    for connector in lexicon(lang).connectors:
        if text.startswith(connector.lower()):
            return text[len(connector) :].strip()
    return text


def second_verbs(body: str, lang: str) -> tuple[str, ...]:
    """The second verbs a paragraph's text after its leading verb joins on, as printed,
    connector included ("and calls upon", "并呼吁", "还决定")."""
    pattern = lexicon(lang).second_verb
    if pattern is None:
        return ()
    probed = probe(body, lang)
    found = []
    for match in pattern.finditer(probed):
        group = next(g for g in range(1, (pattern.groups or 0) + 1) if match.group(g))
        found.append(body[match.start(group) : match.end(group)])
    return tuple(found)


def opener_words(lang: str) -> dict[Body, tuple[str, ...]]:
    """The words a body's resolutions open with, in `lang` and in English."""
    own = lexicon(lang).openers
    english = lexicon("en").openers
    return {body: tuple(dict.fromkeys((*own[body], *english[body]))) for body in BODIES}


def chinese_numeral(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零五 -> 105, 二〇〇三 -> 2003; None if not one."""
    words = lexicon("zh")
    digits, units = words.digits, words.units
    if not text or any(c not in digits and c not in units for c in text):
        return None
    if all(c in digits for c in text):
        return int("".join(str(digits[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in digits:
            current = digits[c]
        else:
            total += (current or 1) * units[c]
            current = 0
    return total + current


def numeral_class() -> str:
    """A regular-expression class of the Chinese numeral characters."""
    words = lexicon("zh")
    return "[" + "".join(sorted({*words.digits, *words.units})) + "]"
