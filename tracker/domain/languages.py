"""The languages the tracker speaks, declared once, and the choice of a record's text in one."""

from __future__ import annotations

from typing import Literal, TypeGuard

from tracker.domain.model import Text

Language = Literal["en", "zh"]

# Each language's name in itself: the switch must be readable before it is used.
LANGUAGES: dict[Language, str] = {"en": "English", "zh": "中文"}
DEFAULT_LANGUAGE: Language = "en"


def is_language(value: object) -> TypeGuard[Language]:
    return value in LANGUAGES


def pick_with_fallback(text: Text | None, lang: str) -> tuple[str, bool]:
    """A record's text in `lang`, and whether English stood in for a missing Chinese text."""
    if text is None:
        return "", False
    if lang == "zh":
        return (text.zh, False) if text.zh else (text.en, True)
    return text.en, False


def pick(text: Text | None, lang: str) -> str:
    """A record's text in `lang`: Chinese when asked for and present, English otherwise."""
    return pick_with_fallback(text, lang)[0]
