"""The words of the user interface, one locale file per language (`locales/<code>.yaml`, a
flat map of key to text, sorted by key), read once; and the choice of a record's text in a
language, marked where the default language stands in. Vocabulary of the data (statuses,
ratings, criteria, source types) is not here: its labels come from the dataset's methodology,
so they are defined once."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

from tracker.domain.languages import DEFAULT_LANGUAGE, Language, is_language, pick_with_fallback
from tracker.domain.model import Text
from tracker.domain.problems import Problem
from tracker.domain.transitions import Transition
from tracker.source.yamlsource import decode, parse_yaml

LOCALES = Path(__file__).parent / "locales"


class LocaleError(Exception):
    """A locale file that cannot be used, with where and why (`file:line:column: message`)."""


def locale_path(lang: Language) -> Path:
    return LOCALES / f"{lang}.yaml"


@functools.cache
def catalogue(lang: Language) -> Mapping[str, str]:
    """Every key of the interface and its text in `lang`, read from its locale file once."""
    return read_locale(locale_path(lang))


def read_locale(path: Path) -> dict[str, str]:
    """A locale file's keys and texts; LocaleError, located, when it is not a flat map of
    texts (a repeated key included)."""
    file = str(path)
    text, problems = decode(path.read_bytes(), file)
    document = None
    if text is not None:
        document, problems = parse_yaml(text, file)
    if document is not None and not problems:
        if not isinstance(document.data, dict):
            problems = [Problem(file, 1, 1, "wrong-type", "a locale file maps keys to texts")]
        else:
            problems = [
                Problem(file, *document.locate((str(key),)), "wrong-type", f"{key}: not a text")
                for key, value in document.data.items()
                if not isinstance(key, str) or not isinstance(value, str)
            ]
    if problems or document is None:
        raise LocaleError("\n".join(str(problem) for problem in problems))
    words: dict[str, str] = document.data
    return words


def t(key: str, lang: str, **fmt: object) -> str:
    """The text of `key` in `lang`, formatted; in the default language when `lang` is unknown
    or its file lacks the key (tests keep every file complete).

    An unknown key raises KeyError: it is a programming error, and tests catch it.
    """
    words = catalogue(lang) if is_language(lang) else catalogue(DEFAULT_LANGUAGE)
    template = words.get(key) or catalogue(DEFAULT_LANGUAGE)[key]
    return template.format(**fmt) if fmt else template


def language_name(code: Language, lang: str) -> str:
    """The name of the language `code` in `lang` (the name of "zh" in English is 'Chinese')."""
    return t(f"language.name.{code}", lang)


def in_language(field: str, code: Language, lang: str) -> str:
    """The label of a form field for a record's text in the language `code` ('Summary
    (Chinese, optional)'): only the default language's text is required."""
    key = "form.in_language" if code == DEFAULT_LANGUAGE else "form.in_language_optional"
    return t(key, lang, field=t(field, lang), language=language_name(code, lang))


def transition_label(transition: Transition, lang: str) -> str:
    """What an assessment did to its pair's status, in words ('Worsened')."""
    return t(f"transition.{transition.value}", lang)


def pick_marked(text: Text | None, lang: str) -> str:
    """Like `pick`, with a visible note when the default language stands in for a missing text."""
    chosen, fell_back = pick_with_fallback(text, lang)
    return t("text.fallback", lang, text=chosen) if fell_back else chosen
