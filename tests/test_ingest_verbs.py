"""Leading verbs in the six official languages (tracker/ingest/languages/*.toml): the
modifiers UN drafting puts before or after a verb, two-verb openings, traditional characters,
lower-case Russian paragraphs; and the language files themselves."""

from __future__ import annotations

import re
import tomllib

import pytest

from tracker.ingest import parse_resolution
from tracker.ingest.verbs import (
    LANGUAGE_CODES,
    LANGUAGE_DIR,
    bare_verb,
    lexicon,
    match_verb,
    second_verbs,
)

# (language, kind, text, the verb as printed)
VERBS = [
    ("en", "operative", "Further decides to remain seized", "Further decides"),
    ("en", "operative", "Also requests the Secretary-General", "Also requests"),
    ("en", "operative", "Strongly urges all States", "Strongly urges"),
    ("en", "operative", "Also strongly urges all States", "Also strongly urges"),
    ("en", "operative", "Requests also the Secretary-General", "Requests also"),
    ("en", "operative", "Requests further information", "Requests"),
    ("en", "operative", "Calls also upon all States", "Calls also upon"),
    ("en", "operative", "Takes note with appreciation of", "Takes note with appreciation"),
    ("en", "preambular", "Concerned also that", "Concerned also"),
    ("en", "preambular", "Acting under Chapter VII of the Charter", "Acting"),
    ("en", "operative", "Notesworthy things", None),
    ("en", "operative", "decides in lower case continues a line", None),
    ("zh", "operative", "又决定继续处理此案", "又决定"),
    ("zh", "operative", "還決定繼續處理此案", "還決定"),
    ("zh", "operative", "再次吁请各国", "再次吁请"),
    ("zh", "operative", "强烈谴责一切", "强烈谴责"),
    ("zh", "preambular", "又回顾其决议", "又回顾"),
    ("fr", "operative", "Décide en outre de rester saisi", "Décide en outre"),
    ("fr", "operative", "Prie instamment les États", "Prie instamment"),
    ("fr", "operative", "Décide également que", "Décide également"),
    ("fr", "preambular", "Rappelant ses résolutions", "Rappelant"),
    ("fr", "preambular", "Profondément préoccupé par", "Profondément préoccupé"),
    ("es", "operative", "Decide además que", "Decide además"),
    ("es", "operative", "Pide también al Secretario General", "Pide también"),
    ("es", "operative", "Acoge con beneplácito el informe", "Acoge con beneplácito"),
    ("es", "preambular", "Recordando sus resoluciones", "Recordando"),
    ("ru", "operative", "постановляет далее, что", "постановляет далее"),
    ("ru", "operative", "Просит также Генерального секретаря", "Просит также"),
    ("ru", "operative", "Настоятельно призывает все государства", "Настоятельно призывает"),
    ("ru", "preambular", "ссылаясь на свои резолюции", "ссылаясь"),
    ("ar", "operative", "تقرر أيضا أن", "تقرر أيضا"),
    ("ar", "operative", "يطلب إلى الأمين العام", "يطلب"),
    ("ar", "preambular", "وإذ تشير إلى قراراتها", "وإذ تشير"),
    ("ar", "preambular", "وقد نظر في تقرير", "وقد نظر"),
]


@pytest.mark.parametrize(("lang", "kind", "text", "verb"), VERBS)
def test_leading_verb_as_printed(lang: str, kind: str, text: str, verb: str | None) -> None:
    assert match_verb(text, lang, kind) == verb  # type: ignore[arg-type]


# (language, leading verb, bare verb)
BARE = [
    ("en", "Also calls for", "calls for"),
    ("en", "Requests also", "requests"),
    ("zh", "又呼吁", "呼吁"),
    ("zh", "還決定", "决定"),
    ("fr", "Décide en outre", "décide"),
    ("ru", "постановляет далее", "постановляет"),
]


@pytest.mark.parametrize(("lang", "verb", "bare"), BARE)
def test_bare_verb_drops_the_modifiers(lang: str, verb: str, bare: str) -> None:
    assert bare_verb(verb, lang) == bare


# (language, paragraph, leading verb, second verbs): paragraphs that open with two verbs, or
# join a second verb on.
TWO_VERBS = [
    ("en", "Welcomes and encourages the efforts;", "Welcomes", ("and encourages",)),
    ("en", "Stresses the need, and calls upon all States;", "Stresses", ("and calls upon",)),
    ("zh", "注意到并欢迎秘书长的报告；", "注意到", ("并欢迎",)),
    ("zh", "决定设立委员会，还决定委员会可修订准则；", "决定", ("还决定",)),
    ("fr", "Prend note et se félicite du rapport;", "Prend note", ("et se félicite",)),
    (
        "es",
        "Toma nota y acoge con beneplácito el informe;",
        "Toma nota",
        ("y acoge con beneplácito",),
    ),
    ("ru", "Приветствует доклад и призывает все государства;", "Приветствует", ("и призывает",)),
    ("ar", "تلاحظ التقرير، وتطلب إلى الأمين العام", "تلاحظ", ("وتطلب",)),
]


@pytest.mark.parametrize(("lang", "text", "verb", "seconds"), TWO_VERBS)
def test_two_verbs(lang: str, text: str, verb: str, seconds: tuple[str, ...]) -> None:
    assert match_verb(text, lang, "operative") == verb
    assert second_verbs(text[len(verb) :], lang) == seconds


OPENERS = {
    "en": "The Security Council,",
    "fr": "Le Conseil de sécurité,",
    "es": "El Consejo de Seguridad,",
    "ru": "Совет Безопасности,",
    "ar": "إن مجلس الأمن،",
    "zh": "安全理事会，",
}
FIRST = {
    "en": "Recalling its resolutions,\n1. Decides to remain seized of the matter.\n",
    "fr": "Rappelant ses résolutions,\n1. Décide de demeurer saisi de la question.\n",
    "es": "Recordando sus resoluciones,\n1. Decide seguir ocupándose de la cuestión.\n",
    "ru": "ссылаясь на свои резолюции,\n1. постановляет продолжать заниматься этим вопросом.\n",
    "ar": "إذ يشير إلى قراراته،\n1 - يقرر أن يبقي المسألة قيد نظره.\n",
    "zh": "回顾其以往决议，\n1. 决定继续处理此案。\n",
}


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_a_security_council_text_in_each_language(lang: str) -> None:
    """The Council's opening words, a preambular paragraph and a numbered operative one
    ("1 - " in Arabic), read the same way in each official language."""
    parsed = parse_resolution(f"{OPENERS[lang]}\n{FIRST[lang]}", lang)
    assert parsed.body == "security_council"
    assert len(parsed.preamble) == 1
    assert [p.number for p in parsed.operative] == [1]
    assert parsed.operative[0].verb


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_language_files_are_complete_and_compile(lang: str) -> None:
    """Every file has openers for both bodies, verbs of both kinds, twelve months (where the
    language names them) and patterns that compile; no verb is listed twice."""
    data = tomllib.loads((LANGUAGE_DIR / f"{lang}.toml").read_text(encoding="utf-8"))
    assert set(data["bodies"]) == {"general_assembly", "security_council"}
    for kind in ("operative", "preambular"):
        verbs = data["verbs"][kind]
        assert verbs and len(verbs) == len(set(verbs)), kind
    assert len(data["dates"]["months"]) in (0, 12)
    words = lexicon(lang)
    assert words.date.pattern and all(p.pattern for p in words.adopted)


def test_no_chinese_in_the_ingest_code() -> None:
    """Chinese words live in the language files, not in the modules' code (their
    docstrings and comments may quote them)."""
    import ast
    from pathlib import Path

    for path in Path(LANGUAGE_DIR).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        code_strings = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ]
        for text in code_strings:
            assert not re.search(r"[\u4e00-\u9fff]", text), (path.name, text)
