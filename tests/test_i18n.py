"""The catalogue of interface strings, and the choice between a record's two texts."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from tracker.domain.languages import LANGUAGES, pick, pick_with_fallback
from tracker.domain.model import ScaleLevel, Term, Text
from tracker.present.i18n import CATALOGUE, pick_marked, t
from tracker.source.loader import load_dataset

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"
TRACKER = Path(__file__).resolve().parent.parent / "tracker"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_every_language(key: str) -> None:
    """Each catalogue entry has a non-empty English and Chinese text."""
    assert set(CATALOGUE[key]) == set(LANGUAGES)
    assert all(text.strip() for text in CATALOGUE[key].values())


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_take_the_same_placeholders(key: str) -> None:
    """A translation that drops or renames a {placeholder} fails here, not on screen."""
    assert placeholders(CATALOGUE[key]["en"]) == placeholders(CATALOGUE[key]["zh"])


def test_data_vocabulary_is_not_in_the_catalogue() -> None:
    """Status, rating, criterion and source-type labels come from the methodology only."""
    result = load_dataset(MINI)
    assert result.dataset is not None
    method = result.dataset.methodology
    terms: list[ScaleLevel | Term] = [
        *method.statuses,
        *method.criterion_ratings,
        *method.criteria,
        *method.source_types,
    ]
    labels = {label for term in terms for label in (term.label.en, term.label.zh)}
    catalogue = {text for entry in CATALOGUE.values() for text in entry.values()}
    assert labels.isdisjoint(catalogue)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Status on 2005-01-01: A/RES/58/50"),
        ("zh", "2005-01-01 的状态：A/RES/58/50"),
        ("fr", "Status on 2005-01-01: A/RES/58/50"),
    ],
)
def test_t_formats_in_the_language_and_falls_back_to_english(lang: str, expected: str) -> None:
    assert t("matrix.title", lang, as_of="2005-01-01", resolutions="A/RES/58/50") == expected


def test_t_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        t("no.such.key", "en")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (Text(en="Calls upon", zh="吁请"), "zh", ("吁请", False)),
        (Text(en="Calls upon", zh="吁请"), "en", ("Calls upon", False)),
        (Text(en="Calls upon"), "zh", ("Calls upon", True)),
        (Text(en="Calls upon", zh=""), "zh", ("Calls upon", True)),
        (Text(en="Calls upon"), "en", ("Calls upon", False)),
        (None, "zh", ("", False)),
    ],
)
def test_pick(text: Text | None, lang: str, expected: tuple[str, bool]) -> None:
    """Chinese when asked for and present; English otherwise, and the caller is told."""
    assert pick_with_fallback(text, lang) == expected
    assert pick(text, lang) == expected[0]


def test_pick_marked_shows_the_fallback() -> None:
    assert pick_marked(Text(en="Decides"), "zh") == "Decides〔暂无中文〕"
    assert pick_marked(Text(en="Decides"), "en") == "Decides"


def test_every_key_is_used() -> None:
    """No catalogue entry is dead: each key appears, quoted, in the code that shows it (its
    own `"key": {...}` entry does not count). Page titles are looked up by page key
    (`page_setup("overview")`) and are exempt."""
    repo = Path(__file__).resolve().parent.parent
    sources = [repo / "app.py", *(repo / "ui").glob("*.py"), *(repo / "pages").glob("*.py")]
    code = "\n".join(
        path.read_text(encoding="utf-8") for path in [*sources, *TRACKER.rglob("*.py")]
    )
    unused = [
        key
        for key in CATALOGUE
        if not re.search(rf"[\"']{re.escape(key)}[\"'](?!:)", code)
        and not (key.startswith("page.") and key.endswith(".title"))
    ]
    assert unused == []
