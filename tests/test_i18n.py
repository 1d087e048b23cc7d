"""The words of the interface (one locale file per language), the languages declared once,
and the choice between a record's texts. The whole-catalogue checks each collect every
offending key, so that one failure names them all."""

from __future__ import annotations

import itertools
import re
import string
from pathlib import Path

import pytest

from tests.helpers import REPO
from tracker.domain.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    pick,
    pick_with_fallback,
    text_of,
)
from tracker.domain.model import ScaleLevel, Term, Text
from tracker.domain.transitions import Transition
from tracker.present.i18n import (
    LocaleError,
    catalogue,
    language_name,
    locale_path,
    pick_marked,
    read_locale,
    t,
    transition_label,
)
from tracker.source.loader import load_dataset

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"
# Where the interface's words are looked up; tracker/source and tracker/domain name record
# paths such as `methodology.criteria`, which are not keys.
CODE = [
    REPO / "app.py",
    *(REPO / "ui").glob("*.py"),
    *(REPO / "pages").glob("*.py"),
    *(REPO / "tracker" / "present").rglob("*.py"),
    *(REPO / "tracker" / "exchange").rglob("*.py"),
]
# Keys the code builds from a declared list rather than quoting them.
FAMILIES = {
    **{f"transition.{transition.value}": "Transition" for transition in Transition},
    **{f"language.name.{code}": "LANGUAGES" for code in LANGUAGES},
}
# Page titles are looked up by page key (`page_setup("overview")`).
PAGE_TITLE = re.compile(r"page\.\w+\.title")
# Python modules that may hold Chinese: data the ingest and the synthetic data are made of.
CJK_ALLOWED = {
    "tracker/ingest/clean.py",
    "tracker/ingest/drafts.py",
    "tracker/ingest/parse.py",
    "tracker/ingest/verbs.py",
    "tracker/source/synth.py",
}
FILE_NAME = re.compile(r"\.(py|ya?ml|csv|json|md|txt|html|pdf|zip)$")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_model_holds_a_text_in_each_declared_language() -> None:
    """`Text` has one field per language of LANGUAGES, and only those."""
    assert tuple(Text.model_fields) == LANGUAGES
    assert DEFAULT_LANGUAGE in LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_locale_file_is_sorted_by_key(lang: str) -> None:
    """One key a line in key order (so branches that add keys merge cleanly); each key once."""
    lines = locale_path(lang).read_text(encoding="utf-8").splitlines()
    keys = [line.split(":", 1)[0] for line in lines if line and not line.startswith("#")]
    out_of_order = [f"{a} before {b}" for a, b in itertools.pairwise(keys) if a >= b]
    assert not out_of_order, f"{lang}.yaml: keys out of order: {out_of_order}"
    assert len(keys) == len(catalogue(lang))


def test_every_language_has_every_key() -> None:
    expected = set(catalogue(DEFAULT_LANGUAGE))
    found = {lang: set(catalogue(lang)) for lang in LANGUAGES}
    assert {lang: sorted(expected - keys) for lang, keys in found.items()} == {
        lang: [] for lang in LANGUAGES
    }, "keys missing"
    assert {lang: sorted(keys - expected) for lang, keys in found.items()} == {
        lang: [] for lang in LANGUAGES
    }, "keys only in this language"


def test_every_text_is_filled_and_takes_the_same_placeholders() -> None:
    """A translation that is blank, or drops or renames a {placeholder}, fails here, not on
    screen."""
    default = catalogue(DEFAULT_LANGUAGE)
    blank = [
        f"{lang}: {key}"
        for lang in LANGUAGES
        for key, text in catalogue(lang).items()
        if not text.strip()
    ]
    mismatched = [
        f"{lang}: {key}: {sorted(placeholders(text))} != {sorted(placeholders(default[key]))}"
        for lang in LANGUAGES
        for key, text in catalogue(lang).items()
        if key in default and placeholders(text) != placeholders(default[key])
    ]
    assert not blank, f"blank texts: {blank}"
    assert not mismatched, f"placeholders differ from {DEFAULT_LANGUAGE}: {mismatched}"


def test_every_key_is_used_and_every_quoted_key_exists() -> None:
    """No entry is dead: each key appears quoted in the code that shows it, or is built from
    a declared list (FAMILIES) or a page key. And no quoted key-like string in the code is
    missing from the catalogue."""
    code = "\n".join(path.read_text(encoding="utf-8") for path in CODE)
    quoted = set(re.findall(r"[\"']([a-z_]+(?:\.[a-z0-9_]+)+)[\"']", code))
    # Names of values kept with a dataset (`derived(dataset, "review.slots", ...)`) look alike.
    quoted -= set(re.findall(r"derived\(\s*[\w.]+,\s*\"([^\"]+)\"", code))
    keys = set(catalogue(DEFAULT_LANGUAGE))
    unused = sorted(
        key
        for key in keys
        if key not in quoted and key not in FAMILIES and not PAGE_TITLE.fullmatch(key)
    )
    prefixes = {key.split(".", 1)[0] for key in keys}
    unknown = sorted(
        word
        for word in quoted
        if word.split(".", 1)[0] in prefixes and word not in keys and not FILE_NAME.search(word)
    )
    assert not unused, f"keys no code uses: {unused}"
    assert not unknown, f"quoted in the code, not in the catalogue: {unknown}"
    assert set(FAMILIES) <= keys, f"missing: {sorted(set(FAMILIES) - keys)}"


def test_no_label_is_declared_twice() -> None:
    """Keys with the same text in every language are one label under two names; page titles
    (looked up by page key) are the exception."""
    seen: dict[tuple[str, ...], list[str]] = {}
    for key in sorted(catalogue(DEFAULT_LANGUAGE)):
        if not PAGE_TITLE.fullmatch(key):
            seen.setdefault(tuple(catalogue(lang)[key] for lang in LANGUAGES), []).append(key)
    twice = [keys for keys in seen.values() if len(keys) > 1]
    assert not twice, f"one label under several keys: {twice}"


def test_one_text_has_one_translation() -> None:
    """A default-language label is translated one way (where two meanings share a word, the
    default language says them differently)."""
    translations: dict[str, dict[str, set[str]]] = {}
    for key, text in catalogue(DEFAULT_LANGUAGE).items():
        for lang in LANGUAGES:
            translations.setdefault(text, {}).setdefault(lang, set()).add(catalogue(lang)[key])
    assert {
        text: found
        for text, found in translations.items()
        if any(len(words) > 1 for words in found.values())
    } == {}


def test_no_python_module_holds_chinese() -> None:
    """Words are data: outside the allowed data modules, no module of the app spells Chinese
    (not even in a comment)."""
    folders = ("tracker", "ui", "pages")
    sources = [REPO / "app.py", *(path for d in folders for path in (REPO / d).rglob("*.py"))]
    found = sorted(
        f"{path.relative_to(REPO)}:{number}"
        for path in sources
        if str(path.relative_to(REPO)) not in CJK_ALLOWED
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CJK.search(line)
    )
    assert not found, f"Chinese in Python modules (move it to a locale or data file): {found}"


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
    words = {text for lang in LANGUAGES for text in catalogue(lang).values()}
    assert labels.isdisjoint(words)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a.b: 'one'\na.b: 'two'\n", r"x\.yaml:2:1: duplicate-key: "),
        ("a.b: 'one'\nc.d: 3\n", r"x\.yaml:2:6: wrong-type: c\.d: not a text"),
        ("- a\n- b\n", r"x\.yaml:1:1: wrong-type: a locale file maps keys to texts"),
        ("a.b: 'one\n", r"x\.yaml:\d+:\d+: yaml-syntax: "),
    ],
)
def test_a_broken_locale_file_is_refused_with_where_and_why(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LocaleError, match=message):
        read_locale(path)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Status on 2005-01-01: A/RES/58/50"),
        ("zh", "2005-01-01 的状态：A/RES/58/50"),
        ("fr", "Status on 2005-01-01: A/RES/58/50"),
    ],
)
def test_t_formats_in_the_language_and_falls_back_to_the_default(lang: str, expected: str) -> None:
    assert t("matrix.title", lang, as_of="2005-01-01", resolutions="A/RES/58/50") == expected


def test_t_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        t("no.such.key", "en")


def test_names_of_languages_and_transitions() -> None:
    assert [language_name(code, code) for code in LANGUAGES] == ["English", "中文"]
    assert language_name("zh", "en") == "Chinese"
    assert transition_label(Transition.WORSENED, "zh") == "恶化"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (Text(en="Calls upon", zh="吁请"), "zh", ("吁请", False)),
        (Text(en="Calls upon", zh="吁请"), "en", ("Calls upon", False)),
        (Text(en="Calls upon"), "zh", ("Calls upon", True)),
        (Text(en="Calls upon", zh=""), "zh", ("Calls upon", True)),
        (Text(en="Calls upon"), "en", ("Calls upon", False)),
        (Text(en="Calls upon", zh="吁请"), "fr", ("Calls upon", False)),
        (None, "zh", ("", False)),
    ],
)
def test_pick(text: Text | None, lang: str, expected: tuple[str, bool]) -> None:
    """In the language asked for when present; the default otherwise, and the caller is told."""
    assert pick_with_fallback(text, lang) == expected
    assert pick(text, lang) == expected[0]


def test_pick_marked_shows_the_fallback() -> None:
    assert pick_marked(Text(en="Decides"), "zh") == "Decides〔暂无中文〕"
    assert pick_marked(Text(en="Decides"), "en") == "Decides"


def test_text_of_leaves_blank_languages_out() -> None:
    assert text_of({"en": " Decides ", "zh": "  "}) == Text(en="Decides")
    assert text_of({"en": "Decides", "zh": "决定"}) == Text(en="Decides", zh="决定")
