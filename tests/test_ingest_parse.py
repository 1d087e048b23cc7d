"""Tests for tracker.ingest.parse: real resolutions and one constructed case per PDF quirk."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.ingest import occurs_verbatim, parse_resolution, to_json
from tracker.ingest.parse import chinese_numeral, english_ordinal

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"


def source(name: str) -> str:
    return (SOURCES / name).read_text(encoding="utf-8")


# DOMAIN.md's table of A/RES/58/50's operative paragraphs.
VERBS_58_50 = [
    ("Agrees", "商定"),
    ("Also agrees", "又商定"),
    ("Further agrees", "还商定"),
    ("Calls upon", "吁请"),
    ("Stresses ... and calls upon", "强调 ... 并呼吁"),
    ("Calls for", "呼吁"),
    ("Also calls for", "又呼吁"),
    ("Stresses", "强调"),
    ("Calls for", "呼吁"),
    ("Decides", "决定"),
]
PREAMBLE_58_50_EN = [
    "Recalling",
    "Stressing",
    "Recognizing",
    "Reaffirming",
    "Noting",
    "Reiterating",
    "Stressing",
    "Convinced",
    "Concerned",
    "Concerned also",
    "Taking into consideration",
    "Emphasizing",
]
PREAMBLE_58_50_ZH = [
    "回顾",
    "强调",
    "认识到",
    "重申",
    "注意到",
    "重申",
    "强调",
    "深信",
    "关切到",
    "又关切到",
    "考虑到",
    "强调",
]
PREAMBLE_REFS_58_50 = [(), ("1",), (), ("2",), ("3",), (), ("4",), (), (), (), (), ()]


@pytest.fixture(scope="module")
def en() -> Any:
    return parse_resolution(source("A_RES_58_50_en.txt"))


@pytest.fixture(scope="module")
def zh() -> Any:
    return parse_resolution(source("A_RES_58_50_zh.txt"))


def test_58_50_en_operative(en: Any) -> None:
    """The English text gives ten operative paragraphs, 1 to 10, with DOMAIN.md's verbs."""
    assert en.language == "en"
    assert [p.number for p in en.operative] == list(range(1, 11))
    assert [p.verb_phrase for p in en.operative] == [v for v, _ in VERBS_58_50]
    assert en.operative[4].verb == "Stresses"
    assert en.operative[4].second_verbs == ("and calls upon",)
    assert [p.footnote_refs for p in en.operative] == [()] * 4 + [("2",)] + [()] * 5


def test_58_50_zh_operative(zh: Any) -> None:
    """The Chinese text gives the same ten paragraphs with the Chinese verbs."""
    assert zh.language == "zh"
    assert [p.number for p in zh.operative] == list(range(1, 11))
    assert [p.verb_phrase for p in zh.operative] == [v for _, v in VERBS_58_50]
    # OP9 repeats its own verb ("呼吁……并呼吁"): recorded, not a second verb of the phrase.
    assert zh.operative[8].second_verbs == ("并呼吁",)
    assert [p.footnote_refs for p in zh.operative] == [()] * 4 + [("2",)] + [()] * 5


def test_58_50_preamble(en: Any, zh: Any) -> None:
    """Twelve preambular paragraphs in each language, same order, same footnotes."""
    assert [p.verb for p in en.preamble] == PREAMBLE_58_50_EN
    assert [p.verb for p in zh.preamble] == PREAMBLE_58_50_ZH
    assert [p.footnote_refs for p in en.preamble] == PREAMBLE_REFS_58_50
    assert [p.footnote_refs for p in zh.preamble] == PREAMBLE_REFS_58_50
    assert en.preamble[1].text.endswith("committed under its article VI,")
    assert zh.preamble[3].text == (
        "重申各缔约国必须在任何时候任何情况下严格履行根据《不扩散核武器条约》承担的义务，"
        "必须信守在 1995 年和 2000 年审议大会商定的有关决定和最后文件中所做的承诺，"
    )


def test_58_50_metadata(en: Any, zh: Any) -> None:
    """Symbol, title, session, adoption and meeting; the Chinese text has no masthead."""
    assert (en.symbol, en.title, en.session) == (
        "A/RES/58/50",
        "Reduction of non-strategic nuclear weapons",
        58,
    )
    assert (en.adoption_date, en.meeting) == ("2003-12-08", "71st plenary meeting")
    assert (zh.symbol, zh.title, zh.session) == ("A/RES/58/50", "裁减非战略核武器", 58)
    assert (zh.adoption_date, zh.meeting) == (None, None)
    assert en.warnings == () and zh.warnings == ()


def test_58_50_matches_golden_operative_texts(en: Any, zh: Any) -> None:
    """The checked-by-eye texts in the fixture are what the parser gives, in both languages."""
    golden = json.loads((FIXTURES / "A_RES_58_50_operative.json").read_text(encoding="utf-8"))
    got = [
        {
            "number": e.number,
            "verb_en": e.verb_phrase,
            "verb_zh": z.verb_phrase,
            "text_en": e.text,
            "text_zh": z.text,
        }
        for e, z in zip(en.operative, zh.operative, strict=True)
    ]
    assert got == golden


def left_over(longer: str, shorter: str) -> str:
    """The characters of `longer` left when `shorter` is found in it, in order, each at the
    first place it can be; fails when `shorter` is not there."""
    rest, at = [], 0
    for char in shorter:
        found = longer.index(char, at)
        rest.append(longer[at:found])
        at = found + 1
    return "".join(rest) + longer[at:]


# What interrupts an operative paragraph in the official texts, by paragraph: a number the PDF
# printed after the paragraph's first line, a footnote marker on a line of its own.
INTERRUPTIONS = {
    "A_RES_58_50_en.txt": {1: ["1."], 2: ["2."], 4: ["4."], 5: ["5."], 9: ["9."]},
    "A_RES_58_50_zh.txt": {5: ["2"]},
    "A_RES_57_58_en.txt": {},
}


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize(
    ("name", "lang"),
    [("A_RES_58_50_en.txt", "en"), ("A_RES_58_50_zh.txt", "zh"), ("A_RES_57_58_en.txt", "en")],
)
def test_operative_spans_are_where_each_paragraph_was_printed(
    name: str, lang: str, newline: str
) -> None:
    """Each operative paragraph's stretches of the text as given run from its verb to its
    closing mark, in print order, and hold its words and its footnote markers; what lies
    between two stretches of one paragraph is what cleaning took out of it."""
    text = source(name).replace("\n", newline)
    parsed = parse_resolution(text, lang)
    stretches = [span for paragraph in parsed.operative for span in paragraph.spans]
    assert stretches == sorted(stretches)
    assert all(end <= start for (_, end), (start, _) in pairwise(stretches))
    interruptions = {}
    for paragraph in parsed.operative:
        (first, _), (_, last) = paragraph.spans[0], paragraph.spans[-1]
        assert text[first:].startswith(paragraph.verb)
        assert text[last - 1] == paragraph.text[-1]
        printed = "".join(text[start:end] for start, end in paragraph.spans)
        extra = left_over(re.sub(r"\s", "", printed), re.sub(r"\s", "", paragraph.text))
        gaps = [text[a:b].strip() for (_, a), (b, _) in pairwise(paragraph.spans)]
        # A marker glued to a word is inside a stretch, one on a line of its own between two.
        markers = extra + "".join(gap for gap in gaps if gap.isdigit())
        assert sorted(markers) == sorted("".join(paragraph.footnote_refs))
        if gaps:
            interruptions[paragraph.number] = gaps
    assert interruptions == INTERRUPTIONS[name]


@pytest.mark.parametrize(
    ("name", "lang"),
    [("A_RES_58_50_en.txt", "en"), ("A_RES_58_50_zh.txt", "zh"), ("A_RES_57_58_en.txt", "en")],
)
def test_paragraph_texts_are_verbatim_and_clean(name: str, lang: str) -> None:
    """Every paragraph occurs verbatim in the source, starts with its verb, ends with its mark."""
    parsed = parse_resolution(source(name), lang)
    for paragraph in (*parsed.preamble, *parsed.operative):
        assert occurs_verbatim(paragraph.text, source(name), lang), paragraph.text
        assert paragraph.text.startswith(paragraph.verb)
        # No footnote marker (a lone 1-5) survives in the text.
        assert not re.search(r"(?<![\w/.:])[1-5](?![\w/.:])", paragraph.text), paragraph.text
    for paragraph in parsed.operative[:-1]:
        assert paragraph.text[-1] in ";；"
    assert parsed.operative[-1].text[-1] in ".。"
    assert all(p.text[-1] in ",，" for p in parsed.preamble)


def test_57_58() -> None:
    """The predecessor has eight operative paragraphs and ten preambular ones."""
    parsed = parse_resolution(source("A_RES_57_58_en.txt"))
    assert [p.number for p in parsed.operative] == list(range(1, 9))
    assert [p.verb for p in parsed.operative] == [
        "Agrees",
        "Agrees also",
        "Agrees further",
        "Calls upon",
        "Stresses",
        "Calls for",
        "Calls also for",
        "Decides",
    ]
    assert parsed.operative[4].second_verbs == ("and calls upon",)
    assert len(parsed.preamble) == 10
    assert [f.marker for f in parsed.footnotes] == ["1", "2", "3", "4", "5"]
    assert (parsed.symbol, parsed.session, parsed.adoption_date, parsed.meeting) == (
        "A/RES/57/58",
        57,
        "2002-11-22",
        "57th plenary meeting",
    )


def test_to_json_shape(en: Any) -> None:
    """The `ingest --json` shape: the documented keys, plain JSON values."""
    data = to_json(en)
    assert json.loads(json.dumps(data)) == data
    assert {"symbol", "language", "title", "preamble", "operative", "footnotes"} <= set(data)
    assert set(data["operative"][0]) >= {"number", "verb", "text", "subparagraphs"}
    assert data["operative"][4]["footnotes"] == ["2"]
    assert data["footnotes"][1] == {
        "marker": "2",
        "text": "United Nations, Treaty Series, vol. 729, No. 10485.",
        "after": "the Non-Proliferation of Nuclear Weapons",
    }


# --- constructed hard cases ------------------------------------------------------------

OPENER = "The General Assembly,\nRecalling its resolutions,\n"
ZH_OPENER = " 大会，\n\n 回顾其决议，\n\n"
MASTHEAD = (
    "United Nations\n\nA/RES/58/50\n\nGeneral Assembly\n\nFifty-eighth session\n"
    "Resolution adopted by the General Assembly\n\n58/50.\n\nReduction of non-strategic\n"
    "nuclear weapons\n\n"
)
FOOTNOTE_BLOCK = "_______________\n1\nFinal Document, para. 15:6.\n2\nTreaty Series, vol. 729.\n\n"

# (text, lang, expected [(number, verb, text)], other expected attributes)
HARD_CASES = [
    pytest.param(
        OPENER + "Agrees that further reductions of non-strategic nuclear\n1.\n"
        "weapons should be based on unilateral initiatives;\n"
        "Also agrees that reductions should be\n2.\ncarried out in a transparent manner;\n",
        "en",
        [
            (
                1,
                "Agrees",
                "Agrees that further reductions of non-strategic nuclear weapons should be "
                "based on unilateral initiatives;",
            ),
            (
                2,
                "Also agrees",
                "Also agrees that reductions should be carried out in a transparent manner;",
            ),
        ],
        {},
        id="number-after-first-wrapped-line",
    ),
    pytest.param(
        OPENER + "1.\nAgrees that reductions are needed;\n2.\nDecides to include the item.\n",
        "en",
        [
            (1, "Agrees", "Agrees that reductions are needed;"),
            (2, "Decides", "Decides to include the item."),
        ],
        {},
        id="number-on-its-own-line-before",
    ),
    pytest.param(
        OPENER + "Decides to include in the agenda of the\n1.\nUnited Nations the item.\n",
        "en",
        [(1, "Decides", "Decides to include in the agenda of the United Nations the item.")],
        {},
        id="number-after-first-line-capitalised-continuation",
    ),
    pytest.param(
        "The General Assembly,\nStressing the undertaking under its article VI, 1\n"
        "Recognizing that X,\n" + FOOTNOTE_BLOCK + "1. Decides so.\n",
        "en",
        [(1, "Decides", "Decides so.")],
        {
            "preamble": [
                ("Stressing", "Stressing the undertaking under its article VI,", ("1",)),
                ("Recognizing", "Recognizing that X,", ()),
            ],
        },
        id="marker-detached-at-line-end",
    ),
    pytest.param(
        "The General Assembly,\nReaffirming the Treaty on the\n"
        "Non-Proliferation of Nuclear Weapons 2 and the need,\n"
        + FOOTNOTE_BLOCK
        + "1. Decides so.\n",
        "en",
        [(1, "Decides", "Decides so.")],
        {
            "preamble": [
                (
                    "Reaffirming",
                    "Reaffirming the Treaty on the Non-Proliferation of Nuclear Weapons and the "
                    "need,",
                    ("2",),
                ),
            ],
        },
        id="marker-detached-mid-line",
    ),
    pytest.param(
        OPENER + "1. Stresses the process under the Treaty on the\n"
        "Non-Proliferation of Nuclear Weapons,2 and calls upon all States to act;\n"
        + FOOTNOTE_BLOCK,
        "en",
        [
            (
                1,
                "Stresses",
                "Stresses the process under the Treaty on the Non-Proliferation of Nuclear "
                "Weapons, and calls upon all States to act;",
            )
        ],
        {
            "refs": [("2",)],
            "second_verbs": [("and calls upon",)],
            "verb_phrases": ["Stresses ... and calls upon"],
        },
        id="marker-glued-to-word-and-second-verb",
    ),
    pytest.param(
        OPENER
        + "1. Agrees that reductions, 1\n"
        + FOOTNOTE_BLOCK
        + "as a step towards elimination, are needed;\n2. Decides so.\n",
        "en",
        [
            (1, "Agrees", "Agrees that reductions, as a step towards elimination, are needed;"),
            (2, "Decides", "Decides so."),
        ],
        {
            "refs": [("1",), ()],
            "footnotes": [("1", "Final Document, para. 15:6."), ("2", "Treaty Series, vol. 729.")],
        },
        id="footnote-block-in-the-middle-of-a-paragraph",
    ),
    pytest.param(
        " 58/50. 裁减非战略核武器 \n\n"
        + ZH_OPENER
        + " 1. 强调以此作为根据《不扩散核武器条约》\n2 \n"
        "而承诺进\n\n行的核裁军进程的一部分，并呼吁所有国家采取必要步骤；\n\n"
        "                                                           \n"
        "2\n 联合国，《条约汇编》，第 729 卷。 \n  2. 决定列入 2005 年临时议程。 \n",
        "zh",
        [
            (
                1,
                "强调",
                "强调以此作为根据《不扩散核武器条约》而承诺进行的核裁军进程的一部分，"
                "并呼吁所有国家采取必要步骤；",
            ),
            (2, "决定", "决定列入 2005 年临时议程。"),
        ],
        {
            "refs": [("2",), ()],
            "second_verbs": [("并呼吁",), ()],
            "footnotes": [("2", "联合国，《条约汇编》，第 729 卷。")],
        },
        id="zh-marker-alone-on-a-line-and-footnote-block-after-a-line-of-spaces",
    ),
    pytest.param(
        " 58/50. 裁减非战略核武器 \n\n"
        + ZH_OPENER
        + " 1. 决定列入\n\n大会第六十届会议临时议程。\n",
        "zh",
        [(1, "决定", "决定列入大会第六十届会议临时议程。")],
        {"symbol": "A/RES/58/50", "title": "裁减非战略核武器", "session": 58},
        id="zh-no-header-symbol-from-short-symbol",
    ),
    pytest.param(
        ZH_OPENER + " 1. 决定将题为“裁减非战略核武器”的项目列入大会第六十\n\n届会议临时议程，"
        "并于 2000\n\n年审议；\n",
        "zh",
        [
            (
                1,
                "决定",
                "决定将题为“裁减非战略核武器”的项目列入大会第六十届会议临时议程，"
                "并于 2000 年审议；",
            )
        ],
        {},
        id="zh-full-width-punctuation-spaces-around-numbers-hard-line-breaks",
    ),
    pytest.param(
        MASTHEAD + OPENER + "1. Calls upon States to act;\n\n2\n\n\fA/RES/58/50\n\n"
        "2. Decides to include the item.\n",
        "en",
        [
            (1, "Calls upon", "Calls upon States to act;"),
            (2, "Decides", "Decides to include the item."),
        ],
        {},
        id="page-header-after-form-feed-and-page-number",
    ),
    pytest.param(
        MASTHEAD + OPENER + "1. Calls upon States to\n\n03 45591\n\n\fA/RES/58/50\nact;\n",
        "en",
        [(1, "Calls upon", "Calls upon States to act;")],
        {},
        id="job-number-inside-a-paragraph",
    ),
    pytest.param(
        MASTHEAD
        + OPENER
        + "1. Decides to include the item.\n71st plenary meeting\n8 December 2003\n\n3\n",
        "en",
        [(1, "Decides", "Decides to include the item.")],
        {
            "symbol": "A/RES/58/50",
            "title": "Reduction of non-strategic nuclear weapons",
            "session": 58,
            "adoption_date": "2003-12-08",
            "meeting": "71st plenary meeting",
        },
        id="closing-lines-and-last-page-number",
    ),
    pytest.param(
        OPENER + "1. Agrees that reductions are needed; 2. Also agrees that they should be "
        "verifiable; 3. Decides to remain seized of the matter.\n",
        "en",
        [
            (1, "Agrees", "Agrees that reductions are needed;"),
            (2, "Also agrees", "Also agrees that they should be verifiable;"),
            (3, "Decides", "Decides to remain seized of the matter."),
        ],
        {},
        id="several-paragraphs-on-one-line",
    ),
    pytest.param(
        "The General Assembly,\nRecalling its resolutions, Noting the report,\n1. Decides so.\n",
        "en",
        [(1, "Decides", "Decides so.")],
        {
            "preamble": [
                ("Recalling", "Recalling its resolutions,", ()),
                ("Noting", "Noting the report,", ()),
            ]
        },
        id="preambular-paragraphs-on-one-line",
    ),
    pytest.param(
        ZH_OPENER
        + " 一、商定进一步裁减；\n\n 二、又商定应以透明方式\n\n裁减；\n\n 三、决定列入议程。\n",
        "zh",
        [
            (1, "商定", "商定进一步裁减；"),
            (2, "又商定", "又商定应以透明方式裁减；"),
            (3, "决定", "决定列入议程。"),
        ],
        {},
        id="chinese-numerals",
    ),
    pytest.param(
        ZH_OPENER + " １．商定进一步裁减；２．又商定应以透明方式裁减；\n ３．决定列入议程。\n",
        "zh",
        [
            (1, "商定", "商定进一步裁减；"),
            (2, "又商定", "又商定应以透明方式裁减；"),
            (3, "决定", "决定列入议程。"),
        ],
        {},
        id="full-width-digits-and-run-together-zh",
    ),
    pytest.param(
        " 58/50. 裁減非戰略核武器\n\n 大會，\n\n 回顧其決議，\n\n 一、 商定進一步裁減；\n\n"
        " 二、 還商定應以透明方式裁減，並呼籲所有國家採取步驟；\n\n 三、 決定列入議程。\n",
        "auto",
        [
            (1, "商定", "商定進一步裁減；"),
            (2, "還商定", "還商定應以透明方式裁減，並呼籲所有國家採取步驟；"),
            (3, "決定", "決定列入議程。"),
        ],
        {
            "language": "zh",
            "preamble": [("回顧", "回顧其決議，", ())],
            "second_verbs": [(), ("並呼籲",), ()],
            "verb_phrases": ["商定", "還商定 ... 並呼籲", "決定"],
        },
        id="traditional-chinese",
    ),
    pytest.param(
        OPENER + "1. Requests the Secretary-General:\n(a) To seek the views of States;\n"
        "(b) To report, including on:\n(i) stocks;\n(ii) transfers; and\n(c) To submit a "
        "report;\n2. Decides to include the item.\n",
        "en",
        [
            (
                1,
                "Requests",
                "Requests the Secretary-General: (a) To seek the views of States; (b) To "
                "report, including on: (i) stocks; (ii) transfers; and (c) To submit a report;",
            ),
            (2, "Decides", "Decides to include the item."),
        ],
        {
            "subparagraphs": [
                [
                    ("a", "To seek the views of States;", []),
                    (
                        "b",
                        "To report, including on: (i) stocks; (ii) transfers; and",
                        [("i", "stocks;"), ("ii", "transfers; and")],
                    ),
                    ("c", "To submit a report;", []),
                ],
                [],
            ]
        },
        id="subparagraphs-letters-and-romans",
    ),
    pytest.param(
        OPENER
        + "1. Calls upon States:\n"
        + "".join(f"({c}) item {c};\n" for c in "abcdefgh")
        + "(i) item i;\n(j) item j.\n",
        "en",
        [
            (
                1,
                "Calls upon",
                "Calls upon States: "
                + " ".join(f"({c}) item {c};" for c in "abcdefghi")
                + " (j) item j.",
            )
        ],
        {"subparagraph_labels": [list("abcdefghij")]},
        id="subparagraph-i-after-h-is-a-letter",
    ),
    pytest.param(
        OPENER
        + "1. Decides to refer to the Treaty on the Non-\nProliferation of Nuclear Weapons.\n",
        "en",
        [
            (
                1,
                "Decides",
                "Decides to refer to the Treaty on the Non-Proliferation of Nuclear Weapons.",
            )
        ],
        {},
        id="hyphen-at-line-end-joins-without-space",
    ),
    pytest.param(
        OPENER + "1. Agrees that reductions are needed;\n3. Decides to include the item;\n"
        "2. Something that is not a paragraph.\n",
        "en",
        [
            (1, "Agrees", "Agrees that reductions are needed;"),
            (3, "Decides", "Decides to include the item; 2. Something that is not a paragraph."),
        ],
        {"warnings": ["paragraph-number-gap"]},
        id="numbers-strictly-increasing-gap-warned",
    ),
]


@pytest.mark.parametrize(("text", "lang", "operative", "expect"), HARD_CASES)
def test_hard_cases(
    text: str, lang: str, operative: list[tuple[int, str, str]], expect: dict[str, Any]
) -> None:
    """Each extraction quirk still gives the right numbers, verbs and texts."""
    parsed = parse_resolution(text, lang)
    assert [(p.number, p.verb, p.text) for p in parsed.operative] == operative
    if "preamble" in expect:
        assert [(p.verb, p.text, p.footnote_refs) for p in parsed.preamble] == expect["preamble"]
    if "refs" in expect:
        assert [p.footnote_refs for p in parsed.operative] == expect["refs"]
    if "second_verbs" in expect:
        assert [p.second_verbs for p in parsed.operative] == expect["second_verbs"]
    if "verb_phrases" in expect:
        assert [p.verb_phrase for p in parsed.operative] == expect["verb_phrases"]
    if "footnotes" in expect:
        assert [(f.marker, f.text) for f in parsed.footnotes] == expect["footnotes"]
    if "subparagraphs" in expect:
        got = [
            [
                (s.label, s.text, [(c.label, c.text) for c in s.subparagraphs])
                for s in p.subparagraphs
            ]
            for p in parsed.operative
        ]
        assert got == expect["subparagraphs"]
    if "subparagraph_labels" in expect:
        got_labels = [[s.label for s in p.subparagraphs] for p in parsed.operative]
        assert got_labels == expect["subparagraph_labels"]
    if "warnings" in expect:
        assert set(expect["warnings"]) <= {w.code for w in parsed.warnings}
    for key in ("symbol", "title", "session", "adoption_date", "meeting", "language"):
        if key in expect:
            assert getattr(parsed, key) == expect[key]


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99), ("一百零五", 105)],
)
def test_chinese_numeral(text: str, value: int) -> None:
    """Chinese paragraph numbers read as integers."""
    assert chinese_numeral(text) == value


@pytest.mark.parametrize(
    ("word", "value"),
    [("Fifty-eighth", 58), ("Sixtieth", 60), ("first", 1), ("Nineteenth", 19), ("session", None)],
)
def test_english_ordinal(word: str, value: int | None) -> None:
    """Session names read as integers."""
    assert english_ordinal(word) == value


def test_garbage_gives_warnings_not_exceptions() -> None:
    """Text with no resolution in it gives an empty result and says why."""
    parsed = parse_resolution("nothing to see here", "en")
    assert parsed.operative == ()
    assert {"no-symbol", "no-operative"} <= {w.code for w in parsed.warnings}


SOURCE_LINES = sorted(
    {
        line
        for name in ("A_RES_58_50_en.txt", "A_RES_58_50_zh.txt", "A_RES_57_58_en.txt")
        for line in source(name).split("\n")
    }
)
QUIRKY = st.lists(
    st.sampled_from(
        [*"1234567890.．、,;:，；。 \n\f_()（）一二十", "商定", "强调", "Agrees ", "(a) "]
    )
).map("".join)


@given(
    st.one_of(
        st.text(),
        QUIRKY,
        st.lists(st.sampled_from(SOURCE_LINES), max_size=60).map("\n".join),
    ),
    st.sampled_from(["auto", "en", "zh"]),
)
def test_never_raises_and_numbers_strictly_increase(text: str, lang: str) -> None:
    """Any text parses without an exception, and operative numbers strictly increase."""
    parsed = parse_resolution(text, lang)
    numbers = [p.number for p in parsed.operative]
    assert all(a < b for a, b in pairwise(numbers))
    json.dumps(to_json(parsed))
    stretches = sorted(span for p in parsed.operative for span in p.spans)
    assert all(0 <= start < end <= len(text) for start, end in stretches)
    assert all(end <= start for (_, end), (start, _) in pairwise(stretches))


@given(
    st.lists(
        st.sampled_from(["Agrees", "Also agrees", "Calls upon", "Stresses", "Decides"]),
        min_size=1,
        max_size=15,
    ),
    st.booleans(),
)
def test_numbered_paragraphs_round_trip(verbs: list[str], one_line: bool) -> None:
    """Paragraphs written as "n. Verb ...;" come back with their numbers and verbs."""
    separator = " " if one_line else "\n"
    body = separator.join(f"{i}. {verb} point {i};" for i, verb in enumerate(verbs, start=1))
    parsed = parse_resolution(OPENER + body + "\n", "en")
    assert [(p.number, p.verb) for p in parsed.operative] == list(enumerate(verbs, start=1))


def test_a_page_break_splits_a_paragraph_into_two_stretches() -> None:
    """Windows line breaks, a form feed, a running header and a page number inside a
    paragraph: its stretches leave them out and keep the tab as given."""
    text = (
        "The General Assembly,\r\nRecalling its resolutions,\r\n"
        "1. Calls upon all States to take\r\n\f A/RES/99/1\r\n2\r\nthe steps\tnow;\r\n"
        "2. Decides to remain seized of the matter.\r\n"
    )
    first, second = parse_resolution(text, "en").operative
    assert [text[a:b] for a, b in first.spans] == [
        "Calls upon all States to take",
        "the steps\tnow;",
    ]
    assert [text[a:b] for a, b in second.spans] == ["Decides to remain seized of the matter."]


# A Security Council text laid out as its PDF prints it (the words of S/RES/1540 (2004),
# shortened): the masthead, the adoption line broken before its date, a footnote block with
# an asterisked footnote of definitions and a numbered one, then a page break with the page
# number, the job number and the running header "S/RES/1540 (2004)".
SC_PDF = """United Nations
S/RES/1540 (2004)

Security Council
Distr.: General
28 April 2004

04-32843 (E)

*0432843*

Resolution 1540 (2004)
Adopted by the Security Council at its 4956th meeting, on
28 April 2004
The Security Council,
Affirming that proliferation of nuclear, chemical and biological weapons, as
well as their means of delivery,* constitutes a threat to international peace and
security,
Reaffirming, in this context, the Statement of its President adopted at the
meeting of the Council at the level of Heads of State and Government on
31 January 1992 (S/23500),1
_______________
* Definitions for the purpose of this resolution only:
Means of delivery: missiles, rockets and other unmanned systems capable of delivering nuclear,
chemical, or biological weapons, that are specially designed for such use.
Non-State actor: individual or entity, not acting under the lawful authority of any State.
1 Noting the Statement of its President, S/23500.

2
04-32843

S/RES/1540 (2004)

Acting under Chapter VII of the Charter of the United Nations,
1. Decides that all States shall refrain from providing any form of support to
non-State actors;
2. Further decides that all States shall adopt and enforce appropriate effective
laws;
3. Decides to remain seized of the matter.
"""


def test_security_council_pdf_layout() -> None:
    """Symbol, adoption date and meeting from the masthead; the footnote definitions are
    footnotes, not preambular paragraphs; the running header, job number and page number
    leave no trace in the paragraphs."""
    parsed = parse_resolution(SC_PDF, "auto")
    assert (parsed.symbol, parsed.body, parsed.adoption_date, parsed.meeting) == (
        "S/RES/1540 (2004)",
        "security_council",
        "2004-04-28",
        "4956th meeting",
    )
    assert [(p.verb, p.footnote_refs) for p in parsed.preamble] == [
        ("Affirming", ("*",)),
        ("Reaffirming", ("1",)),
        ("Acting", ()),
    ]
    assert [(p.number, p.verb) for p in parsed.operative] == [
        (1, "Decides"),
        (2, "Further decides"),
        (3, "Decides"),
    ]
    assert [f.marker for f in parsed.footnotes] == ["*", "1"]
    assert parsed.footnotes[0].text.startswith("Definitions for the purpose of this resolution")
    assert "Non-State actor: individual or entity" in parsed.footnotes[0].text
    every = " ".join(p.text for p in (*parsed.preamble, *parsed.operative))
    assert "04-32843" not in every and "S/RES/1540" not in every
    assert not parsed.warnings
