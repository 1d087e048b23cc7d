"""The languages the tracker speaks, declared once, and the choice of a record's text in one.

A language is its code here, a field of `Text` (a test checks that they agree) and a locale
file `tracker/present/locales/<code>.yaml` with its words (among them its name)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeGuard, get_args

from tracker.domain.model import Text

Language = Literal["en", "zh"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
# Every record has its text in this language; the others are filled where a source gives them.
DEFAULT_LANGUAGE: Language = "en"


def is_language(value: object) -> TypeGuard[Language]:
    return value in LANGUAGES


def text_in(text: Text, lang: Language) -> str | None:
    """The record's text in `lang`; None when the data holds none."""
    value: str | None = getattr(text, lang)
    return value or None


def text_cells(prefix: str, text: Text | None) -> dict[str, object]:
    """A record text as one table cell per language, `<prefix>_<code>` (empty: not recorded)."""
    return {f"{prefix}_{code}": (text and text_in(text, code)) or "" for code in LANGUAGES}


def text_of(values: Mapping[Language, str]) -> Text:
    """A record text from one value per language, stripped; a blank one in another language
    than the default is left out, as not recorded (the default one is required)."""
    return Text.model_validate(
        {
            lang: value.strip() if lang == DEFAULT_LANGUAGE else value.strip() or None
            for lang, value in values.items()
        }
    )


def pick_with_fallback(text: Text | None, lang: str) -> tuple[str, bool]:
    """A record's text in `lang`, and whether the default language stood in for a missing one
    (an unknown `lang` gets the default language, without a note)."""
    if text is None:
        return "", False
    if not is_language(lang) or lang == DEFAULT_LANGUAGE:
        return text.en, False
    found = text_in(text, lang)
    return (found, False) if found else (text.en, True)


def pick(text: Text | None, lang: str) -> str:
    """A record's text in `lang`: in that language when present, the default one otherwise."""
    return pick_with_fallback(text, lang)[0]
