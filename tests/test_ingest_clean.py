"""Tests for tracker.ingest.clean: PDF artifacts out, every word in, footnotes kept as data."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.ingest import clean_extraction, detect_language, normalize_for_match, occurs_verbatim

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"


def source(name: str) -> str:
    return (SOURCES / name).read_text(encoding="utf-8")


NORMALIZE_CASES = [
    pytest.param("a\nb", "en", "a b", id="en-join-with-space"),
    pytest.param("核武\n器", "zh", "核武器", id="zh-join-without-space"),
    pytest.param(
        "强调\n《最后文件》", "zh", "强调《最后文件》", id="zh-join-before-full-width-punct"
    ),
    pytest.param("the Non-\nProliferation", "en", "the Non-Proliferation", id="hyphen-at-line-end"),
    pytest.param("Non-\nProliferation", "zh", "Non-Proliferation", id="hyphen-at-line-end-zh"),
    pytest.param("在 2000 年 11 月", "zh", "在 2000 年 11 月", id="zh-spaces-around-numbers-kept"),
    pytest.param("在2000年", "zh", "在2000年", id="zh-no-space-is-not-added-inside-a-line"),
    pytest.param("缔约国\n2000 年", "zh", "缔约国 2000 年", id="zh-join-ideograph-then-digit"),
    pytest.param("（Parts\nI 和 II）", "zh", "（Parts I 和 II）", id="zh-join-two-latin-words"),
    pytest.param(
        "NPT/CONF.2000/28\n（Parts", "zh", "NPT/CONF.2000/28（Parts", id="zh-join-digit-paren"
    ),
    pytest.param("a  \t b\u3000c\u00a0d", "en", "a b c d", id="whitespace-runs-collapse"),
    pytest.param(
        " 回顾其 \n\n第 57/59 号决议， \n", "zh", "回顾其第 57/59 号决议，", id="zh-blank-lines"
    ),
    pytest.param("a\r\n\fb\rc", "en", "a b c", id="crlf-and-form-feed"),
    pytest.param("co\u00ad\noperation", "en", "cooperation", id="soft-hyphen-dropped"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), NORMALIZE_CASES)
def test_normalize_for_match(text: str, lang: str, expected: str) -> None:
    """Only whitespace and line breaks change, by the documented rule."""
    assert normalize_for_match(text, lang) == expected


def last40(text: str) -> str:
    """A footnote reference's `after`: the 40 characters of cleaned text before the marker."""
    return text[-40:]


MASTHEAD = "A/RES/58/50\n\nThe General Assembly,\n"
FOOTNOTES_1_2 = "_______________\n1\nFinal Document, para. 15:6.\n2\nTreaty Series, vol. 729.\n\n"

# (raw text, lang, cleaned text as normalized, [(marker, after)], [(marker, footnote text)])
CLEAN_CASES = [
    pytest.param(
        MASTHEAD + "Recalling its resolution,\n\n2\n\n\fA/RES/58/50\n\nNoting the report,\n",
        "en",
        "A/RES/58/50 The General Assembly, Recalling its resolution, Noting the report,",
        [],
        [],
        id="page-header-after-form-feed-and-page-number",
    ),
    pytest.param(
        MASTHEAD + "Recalling its resolution,\n\n03 45591\n\n\fA/RES/58/50\nNoting the report,\n",
        "en",
        "A/RES/58/50 The General Assembly, Recalling its resolution, Noting the report,",
        [],
        [],
        id="job-number",
    ),
    pytest.param(
        "Decides to include the item.\n71st plenary meeting\n8 December 2003\n\n3\n",
        "en",
        "Decides to include the item. 71st plenary meeting 8 December 2003",
        [],
        [],
        id="page-number-at-end-closing-lines-kept",
    ),
    pytest.param(
        "Stressing the undertaking under its article VI, 1\nRecognizing that X,\n"
        "Reaffirming the Treaty on the\nNon-Proliferation of Nuclear Weapons 2 and the need,\n"
        + FOOTNOTES_1_2
        + "Noting Y,\n",
        "en",
        "Stressing the undertaking under its article VI, Recognizing that X, Reaffirming the "
        "Treaty on the Non-Proliferation of Nuclear Weapons and the need, Noting Y,",
        [
            ("1", last40("Stressing the undertaking under its article VI,")),
            ("2", last40("Treaty on the Non-Proliferation of Nuclear Weapons")),
        ],
        [("1", "Final Document, para. 15:6."), ("2", "Treaty Series, vol. 729.")],
        id="markers-detached-at-line-end-and-mid-line-block-in-middle",
    ),
    pytest.param(
        "under the Treaty on the\n"
        "Non-Proliferation of Nuclear Weapons,2 and calls upon all States;\n"
        + FOOTNOTES_1_2.replace("1\nFinal Document, para. 15:6.\n", "1\nSee x.\n"),
        "en",
        "under the Treaty on the Non-Proliferation of Nuclear Weapons, and calls upon all States;",
        [("2", last40("under the Treaty on the Non-Proliferation of Nuclear Weapons,"))],
        [("1", "See x."), ("2", "Treaty Series, vol. 729.")],
        id="marker-glued-after-comma",
    ),
    pytest.param(
        "Stressing the commitment to further reductions, 4\n"
        "_______________\n4\nSee A/54/2000.\nNoting the report,\n",
        "en",
        "Stressing the commitment to further reductions, Noting the report,",
        [("4", last40("Stressing the commitment to further reductions,"))],
        [("4", "See A/54/2000.")],
        id="footnote-block-followed-directly-by-a-paragraph",
    ),
    pytest.param(
        "Noting the opinion issued on 8 July\n1996, 3\n"
        "Recalling resolution 2 of 1991 and paragraph 3,\n"
        "_______________\n2\nTreaty Series.\n"
        "3\nA/51/218, annex; see also Advisory Opinion, I.C.J.\nReports 1996, p. 226.\n\n",
        "en",
        "Noting the opinion issued on 8 July 1996, Recalling resolution 2 of 1991 and paragraph 3,",
        [("3", last40("Noting the opinion issued on 8 July 1996,"))],
        [
            ("2", "Treaty Series."),
            ("3", "A/51/218, annex; see also Advisory Opinion, I.C.J. Reports 1996, p. 226."),
        ],
        id="real-numbers-are-not-markers-and-footnote-ending-with-abbreviation",
    ),
    pytest.param(
        " 重申各缔约国必须严格履行根据《不扩散核武器条\n\n约》\n2 \n承担的义务，\n\n"
        " 注意到第 2 段和 2000 年的咨询意见，\n3\n  \n\n"
        "                                                           \n"
        "2\n 联合国，《条约汇编》，第 729 卷。 \n\n"
        "3\n A/51/218，附件；又见《法院\n\n案例汇编》。 \n"
        "  强调承诺，\n",
        "zh",
        "重申各缔约国必须严格履行根据《不扩散核武器条约》承担的义务，"
        "注意到第 2 段和 2000 年的咨询意见，强调承诺，",
        [
            ("2", "重申各缔约国必须严格履行根据《不扩散核武器条约》"),
            (
                "3",
                last40(
                    "重申各缔约国必须严格履行根据《不扩散核武器条约》承担的义务，"
                    "注意到第 2 段和 2000 年的咨询意见，"
                ),
            ),
        ],
        [
            ("2", "联合国，《条约汇编》，第 729 卷。"),
            ("3", "A/51/218，附件；又见《法院案例汇编》。"),
        ],
        id="zh-marker-lines-and-footnote-block-after-spaces",
    ),
    pytest.param(
        "Emphasizing that reductions should be made,\n"
        "Agrees that further reductions in and elimination of non-strategic nuclear\n1.\n"
        "weapons should be based on unilateral initiatives;\n",
        "en",
        "Emphasizing that reductions should be made, 1. Agrees that further reductions in and "
        "elimination of non-strategic nuclear weapons should be based on unilateral initiatives;",
        [],
        [],
        id="paragraph-number-after-first-line-moved-back",
    ),
    pytest.param(
        "Agrees that reductions are needed;\nCalls upon the Russian Federation and the\n2.\n"
        "United States of America to formalize their initiatives;\n",
        "en",
        "Agrees that reductions are needed; 2. Calls upon the Russian Federation and the United "
        "States of America to formalize their initiatives;",
        [],
        [],
        id="paragraph-number-after-first-line-capitalised-continuation",
    ),
    pytest.param(
        "of non-strategic nuclear weapons;\n3.\nFurther agrees on the importance;\n",
        "en",
        "of non-strategic nuclear weapons; 3. Further agrees on the importance;",
        [],
        [],
        id="paragraph-number-on-its-own-line-before-stays",
    ),
]


@pytest.mark.parametrize(("raw", "lang", "expected", "refs", "footnotes"), CLEAN_CASES)
def test_clean_extraction_cases(
    raw: str,
    lang: str,
    expected: str,
    refs: list[tuple[str, str]],
    footnotes: list[tuple[str, str]],
) -> None:
    """Each PDF quirk is removed, its words stay, and its footnotes become data."""
    cleaned = clean_extraction(raw, lang)
    assert normalize_for_match(cleaned.text, lang) == expected
    assert [(r.marker, r.after) for r in cleaned.refs] == refs
    assert [(f.marker, f.text) for f in cleaned.footnotes] == footnotes


def test_artifacts_are_recorded_by_kind() -> None:
    """What was removed from A/RES/58/50 (en) is listed, one entry per thing, with its line."""
    cleaned = clean_extraction(source("A_RES_58_50_en.txt"), "en")
    kinds = [(a.kind, a.line, a.text) for a in cleaned.artifacts if a.kind != "footnote-block"]
    assert kinds == [
        ("footnote-marker", 27, "1"),
        ("footnote-marker", 32, "2"),
        ("footnote-marker", 37, "3"),
        ("job-number", 53, "03 45591"),
        ("form-feed", 55, ""),
        ("page-header", 55, "A/RES/58/50"),
        ("footnote-marker", 58, "4"),
        ("paragraph-number-moved", 73, "1."),
        ("paragraph-number-moved", 77, "2."),
        ("paragraph-number-moved", 85, "4."),
        ("paragraph-number-moved", 89, "5."),
        ("footnote-marker", 95, "2"),
        ("page-number", 111, "2"),
        ("form-feed", 113, ""),
        ("page-header", 113, "A/RES/58/50"),
        ("paragraph-number-moved", 120, "9."),
        ("page-number", 129, "3"),
    ]
    assert cleaned.warnings == ()


@pytest.mark.parametrize(
    ("name", "lang", "markers"),
    [
        pytest.param("A_RES_58_50_en.txt", "en", ["1", "2", "3", "4", "2"], id="58-50-en"),
        pytest.param("A_RES_58_50_zh.txt", "zh", ["1", "2", "3", "4", "2"], id="58-50-zh"),
        pytest.param("A_RES_57_58_en.txt", "en", ["1", "2", "3", "4", "5"], id="57-58-en"),
    ],
)
def test_real_texts_footnotes_and_references(name: str, lang: str, markers: list[str]) -> None:
    """Every footnote is found once, every marker in reading order, and nothing is left over."""
    cleaned = clean_extraction(source(name), lang)
    assert [r.marker for r in cleaned.refs] == markers
    assert [f.marker for f in cleaned.footnotes] == sorted(set(markers))
    assert all(len(r.after) == 40 for r in cleaned.refs)
    assert cleaned.warnings == ()
    for leftover in ("_____", "\f", "03 45591", "02 54175"):
        assert leftover not in cleaned.text
    assert cleaned.lines.count("A/RES/58/50") + cleaned.lines.count("A/RES/57/58") <= 1
    assert not any(line.strip().isdigit() for line in cleaned.lines)


def test_58_50_footnotes_en_and_zh() -> None:
    """The four footnotes of A/RES/58/50, in full, in both languages."""
    en = clean_extraction(source("A_RES_58_50_en.txt"), "en").footnotes
    zh = clean_extraction(source("A_RES_58_50_zh.txt"), "zh").footnotes
    assert en[0].text.startswith("2000 Review Conference of the Parties to the Treaty")
    assert en[0].text.endswith("twelfth preambular paragraphs”, para. 15:6.")
    assert en[1].text == "United Nations, Treaty Series, vol. 729, No. 10485."
    assert en[2].text == (
        "A/51/218, annex; see also Legality of the Threat or Use of Nuclear Weapons, "
        "Advisory Opinion, I.C.J. Reports 1996, p. 226."
    )
    assert en[3].text.endswith("para. 15:9.")
    assert en[1].after == "the Non-Proliferation of Nuclear Weapons"
    assert zh[0].text == (
        "《不扩散核武器条约缔约国 2000 年审议大会，最后文件》，第一卷（NPT/CONF.2000/28（Parts I "
        "和 II）），第一部分，题为“第六条和序言部分第八至十二段”的一节，第 15:6 段。"
    )
    assert zh[1].text == "联合国，《条约汇编》，第 729 卷，第 10485 号。"
    assert zh[2].text.endswith("1996 年国际法院案例汇编》，英文第 226 页。")
    assert zh[3].text.endswith("第15:9段。")
    assert zh[1].after.endswith("严格履行根据《不扩散核武器条约》")


def test_op5_marker_becomes_a_reference() -> None:
    """The "2" glued after "Weapons," in OP5 is gone from the text and kept as a reference."""
    cleaned = clean_extraction(source("A_RES_58_50_en.txt"), "en")
    assert "Weapons,2" not in cleaned.text
    assert "Non-Proliferation of Nuclear Weapons, and calls upon" in normalize_for_match(
        cleaned.text, "en"
    )
    assert cleaned.refs[-1].marker == "2"
    assert cleaned.refs[-1].after == "he Non-Proliferation of Nuclear Weapons,"


@pytest.mark.parametrize(
    ("passage", "name", "lang", "found"),
    [
        pytest.param(
            "Agrees that further reductions in and elimination of non-strategic nuclear weapons "
            "should be based on unilateral initiatives",
            "A_RES_58_50_en.txt",
            "en",
            True,
            id="across-a-misplaced-paragraph-number",
        ),
        pytest.param(
            "Nuclear Weapons, and calls upon", "A_RES_58_50_en.txt", "en", True, id="across-marker"
        ),
        pytest.param(
            "Nuclear Weapons,2 and calls upon",
            "A_RES_58_50_en.txt",
            "en",
            False,
            id="marker-is-not-text",
        ),
        pytest.param(
            "以此作为根据《不扩散核武器条约》而承诺进行的核裁军进程",
            "A_RES_58_50_zh.txt",
            "zh",
            True,
            id="zh-across-marker-line",
        ),
        pytest.param(
            "回顾其 2000 年 11 月 20 日",
            "A_RES_58_50_zh.txt",
            "zh",
            True,
            id="zh-spaces-as-printed",
        ),
        pytest.param(
            "回顾其2000年11月20日", "A_RES_58_50_zh.txt", "zh", False, id="zh-spaces-matter"
        ),
        pytest.param(
            "nuclear weapons; Calls for", "A_RES_58_50_en.txt", "en", False, id="numbers-kept"
        ),
    ],
)
def test_occurs_verbatim(passage: str, name: str, lang: str, found: bool) -> None:
    """The contract: a passage is verbatim when found in the normalized cleaned source."""
    assert occurs_verbatim(passage, source(name), lang) is found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param(source("A_RES_58_50_en.txt"), "en", id="en"),
        pytest.param(source("A_RES_58_50_zh.txt"), "zh", id="zh"),
        pytest.param(
            "L'Assemblée générale, Rappelant ses résolutions et la décision", "fr", id="fr"
        ),
        pytest.param(
            "La Asamblea General, Recordando sus resoluciones y los informes", "es", id="es"
        ),
        pytest.param("Генеральная Ассамблея, ссылаясь на свои резолюции", "ru", id="ru"),
        pytest.param("إن الجمعية العامة، إذ تشير إلى قراراتها", "ar", id="ar"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    """The script decides CJK, Cyrillic and Arabic; stopwords decide between Latin languages."""
    assert detect_language(text) == lang


@given(st.text())
def test_clean_never_raises(text: str) -> None:
    """Any string gives a CleanText whose lines are non-blank and free of form feeds."""
    for lang in ("en", "zh", "auto"):
        cleaned = clean_extraction(text, lang)
        assert all(line.strip() and "\f" not in line for line in cleaned.lines)


@given(st.text(), st.sampled_from(["en", "zh"]))
def test_normalize_is_idempotent_and_single_line(text: str, lang: str) -> None:
    """Normalizing twice changes nothing; the result has no line break and no double space."""
    once = normalize_for_match(text, lang)
    assert normalize_for_match(once, lang) == once
    assert "\n" not in once and "  " not in once
