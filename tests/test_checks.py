"""The dataset checks that keep judgements true to their evidence, dates consistent, the
record's corrections sound and a paragraph's lineage right: each case is the canonical fixture
with one edit, written to a file and loaded, and gives exactly the problems listed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.test_loader import MINI_TEXT, TODAY, line_of, replace_once, write_fixture_copy
from tracker.source.checks import EvidenceNames
from tracker.source.loader import LoadResult, load_dataset

OP4_EVIDENCE_OF_E29 = "  commitments:\n  - A/RES/58/50:OP4\n  criteria:\n  - verifiability\n"
USA_WRONG = "- id: AS-OP4-USA-2023-06-16\n"
USA_CORRECTION = "- id: AS-OP4-USA-2023-06-16-2\n"


Where = tuple[str, str, str]
"""(code, marker, needle): the problem's code, and its line: that of the first line holding
`needle` at or after the first line holding `marker`, in the edited text."""


def at(code: str, marker: str, needle: str | None = None) -> Where:
    return (code, marker, marker if needle is None else needle)


def line_in(text: str, marker: str, needle: str) -> int:
    lines = text.splitlines()
    start = line_of(text, marker.rstrip("\n"))
    return next(n for n in range(start, len(lines) + 1) if needle.rstrip("\n") in lines[n - 1])


def in_block(marker: str, old: str, new: str) -> str:
    """The fixture with the first `old` after `marker` replaced by `new`."""
    head, tail = MINI_TEXT.split(marker, 1)
    assert old in tail, old
    return head + marker + tail.replace(old, new, 1)


PREDECESSOR = """\
- symbol: A/RES/57/58
  title:
    en: Reduction of non-strategic nuclear weapons
  session: 57
  agenda_item: '66'
  adopted: 2002-11-22
  meeting: 57th plenary meeting
  committee_report: A/57/510
  source_files:
    en: ../../sources/A_RES_57_58_en.txt
"""
CARRIED_FORWARD = """\
- id: A/RES/57/58:OP4
  resolution: A/RES/57/58
  paragraph: 4
  verb:
    en: Calls upon
  text:
    en: Calls upon the Russian Federation and the United States of America to formalize their
      presidential nuclear initiatives into legal instruments and to initiate negotiations on
      further effectively verifiable reductions of their non-strategic nuclear weapons;
  addressed:
    as_written:
      en: The Russian Federation and the United States of America.
    actors:
    - RUS
    - USA
    reason:
      en: Named in the paragraph.
      zh: 该段点名。
  action:
    en: Turn the presidential nuclear initiatives into legal instruments and start negotiations on
      further, effectively verifiable reductions of their non-strategic weapons.
  criteria:
  - criterion: verifiability
    grounds:
      en: further effectively verifiable reductions
  - criterion: irreversibility
    grounds:
      en: legal instruments
  successor: A/RES/58/50:OP4
"""
SUPERSEDED_PAIR = """\
- id: AS-57/58-OP4-RUS-2003-12-08
  commitment: A/RES/57/58:OP4
  actor: RUS
  date: '2003-12-08'
  recorded: '2026-11-26'
  status: superseded
  rationale:
    en: A/RES/58/50 OP4, adopted on 8 December 2003, carries the paragraph forward.
    zh: 2003 年 12 月 8 日通过的第 58/50 号决议执行部分第 4 段延续了该段。
  assessor: test fixture
  confidence: medium
"""


def with_predecessor(text: str = MINI_TEXT) -> str:
    """The fixture with A/RES/57/58 added: its OP4, carried forward as A/RES/58/50 OP4, and
    Russia's pair on it marked superseded from the day A/RES/58/50 was adopted."""
    text = text.replace("\nactors:\n", "\n" + PREDECESSOR + "\nactors:\n", 1)
    text = text.replace("\nevidence:\n", "\n" + CARRIED_FORWARD + "\nevidence:\n", 1)
    return text.replace("reviews: []", SUPERSEDED_PAIR + "reviews: []", 1)


LINEAGE = with_predecessor()


def in_lineage(old: str, new: str) -> str:
    assert LINEAGE.count(old) == 1, old
    return LINEAGE.replace(old, new)


RUS_2003 = "- id: AS-OP4-RUS-2003-12-08\n"
RUS_2023 = "- id: AS-OP4-RUS-2023-06-16\n"
USA_2003 = "- id: AS-OP4-USA-2003-12-08\n"
UNGA = "- id: AS-OP10-UNGA-2003-12-08\n"
SUPERSEDED = "- id: AS-57/58-OP4-RUS-2003-12-08\n"
SUPERSEDED_DAY = SUPERSEDED + "  commitment: A/RES/57/58:OP4\n  actor: RUS\n  date: '2003-12-08'"
GBR = "- id: AS-OP5-GBR-2003-12-08\n"
E29_LOW = in_block("- id: E29\n", "  confidence: high\n", "  confidence: low\n")
CORRECTION_LOW = "  - E29\n  assessor: test fixture\n  confidence: low\n"
CORRECTION_MEDIUM = CORRECTION_LOW.replace("low", "medium")
PLENARY = "  - body: plenary\n    date: '2003-12-08'"
FIRST_COMMITTEE_AFTER = (
    "  - body: first_committee\n    date: '2003-12-10'\n    in_favour: 118\n    against: 4\n"
    "    abstaining: 41\n    source: E01\n    verification: verified\n  sponsors:\n"
)
SECOND_CORRECTION = (
    "- id: AS-OP4-USA-2023-06-16-3\n  commitment: A/RES/58/50:OP4\n  actor: USA\n"
    "  date: '2023-06-16'\n  recorded: '2026-11-21'\n  corrects:\n"
    "    assessment: AS-OP4-USA-2023-06-16\n    reason: {en: Misread source.}\n"
    "  status: no_progress\n  rationale: {en: No negotiation (E29).}\n  evidence: [E29]\n"
    "  assessor: test fixture\n  confidence: medium\n"
)

# (case id, text of the file, the problems it must give)
CASES: list[tuple[str, str, list[Where]]] = [
    (
        "citation-off-commitment",
        replace_once(OP4_EVIDENCE_OF_E29, OP4_EVIDENCE_OF_E29.replace("OP4", "OP10")),
        [
            at("citation-off-commitment", RUS_2023, "  - E29"),
            at("citation-off-commitment", USA_CORRECTION, "  - E29"),
        ],
    ),
    (
        "citation-off-commitment-not-held-against-a-corrected-judgement",
        in_block("- id: E40\n", "  - A/RES/58/50:OP4\n", "  - A/RES/58/50:OP10\n"),
        [at("citation-off-commitment", RUS_2023, "  - E40")],
    ),
    (
        "weak-basis-judged-higher-than-its-evidence",
        E29_LOW.replace(
            "  type: press\n  confidence: medium\n", "  type: press\n  confidence: low\n"
        ),
        [
            at("weak-basis", RUS_2023, "  confidence: medium"),
            at("weak-basis", USA_CORRECTION, "  confidence: medium"),
        ],
    ),
    (
        "weak-basis-low-without-saying-why",
        E29_LOW.replace(CORRECTION_MEDIUM, CORRECTION_LOW),
        [at("weak-basis", USA_CORRECTION, "  confidence: low")],
    ),
    (
        "weak-basis-not-applicable-with-its-own-evidence-is-a-judgement",
        in_block(
            "- id: E01\n", "  - A/RES/58/50:OP10\n", "  - A/RES/58/50:OP10\n  - A/RES/58/50:OP5\n"
        )
        .replace(
            "    type: official\n  confidence: high\n", "    type: official\n  confidence: low\n"
        )
        .replace("  status: not_applicable\n", "  status: not_applicable\n  evidence:\n  - E01\n"),
        [
            at("weak-basis", RUS_2003, "  confidence:"),
            at("weak-basis", USA_2003, "  confidence:"),
            at("weak-basis", GBR, "  confidence:"),
        ],
    ),
    (
        "uncited-in-rationale",
        in_block(RUS_2003, "on record (E01).", "on record (E01, E29)."),
        [at("uncited-in-rationale", RUS_2003, "    en: Voted against")],
    ),
    (
        "uncited-in-rationale-no-such-evidence",
        in_block(RUS_2003, "的记录（E01）。", "的记录（E01、E99）。"),
        [at("uncited-in-rationale", RUS_2003, "    zh: 投反对票")],
    ),
    (
        "plenary-vote-not-on-the-adoption-day",
        replace_once(PLENARY, PLENARY.replace("12-08", "12-09")),
        [at("inconsistent-date", "  - body: plenary", "    date:")],
    ),
    (
        "first-committee-vote-after-the-plenary",
        replace_once("  sponsors:\n", FIRST_COMMITTEE_AFTER),
        [at("inconsistent-date", "  - body: first_committee", "    date:")],
    ),
    (
        "a-vote-in-2099",
        replace_once(PLENARY, PLENARY.replace("'2003-12-08'", "'2099'")),
        [
            at("future-date", "  - body: plenary", "    date:"),
            at("inconsistent-date", "  - body: plenary", "    date:"),
        ],
    ),
    (
        "predecessor-adopted-later",
        in_lineage("  adopted: 2002-11-22\n", "  adopted: 2004-01-10\n"),
        [
            at("inconsistent-date", "  predecessor: A/RES/57/58"),
            at("bad-successor", "  successor: A/RES/58/50:OP4"),
            at("inconsistent-date", SUPERSEDED, "  date:"),
        ],
    ),
    (
        "judged-before-adoption",
        in_block(UNGA, "  date: '2003-12-08'\n", "  date: '2003-11-30'\n"),
        [at("inconsistent-date", UNGA, "  date:")],
    ),
    (
        "recorded-before-adoption",
        in_block(UNGA, "  recorded: '2026-11-26'\n", "  recorded: '2003-01-01'\n"),
        [at("inconsistent-date", UNGA, "  recorded:")],
    ),
    (
        "recorded-in-the-future",
        in_block(
            UNGA, "  recorded: '2026-11-26'\n", f"  recorded: '{TODAY + dt.timedelta(days=1)}'\n"
        ),
        [at("future-date", UNGA, "  recorded:")],
    ),
    (
        "accessed-in-the-future",
        replace_once("    type: press\n", "    type: press\n    accessed: 2027-01\n"),
        [at("future-date", "    accessed: 2027-01")],
    ),
    (
        "correction-recorded-before-what-it-corrects",
        in_block(USA_CORRECTION, "  recorded: '2026-11-20'\n", "  recorded: '2023-06-19'\n"),
        [at("inconsistent-date", USA_CORRECTION, "  recorded:")],
    ),
    (
        "correction-of-nothing",
        in_block(
            USA_CORRECTION, "    assessment: AS-OP4-USA-2023-06-16\n", "    assessment: AS-X\n"
        ),
        [at("dangling-reference", USA_CORRECTION, "    assessment:")],
    ),
    (
        "correction-of-another-pair",
        in_block(USA_CORRECTION, "    assessment: AS-OP4-USA-", "    assessment: AS-OP4-RUS-"),
        [
            at("correction-mismatch", USA_CORRECTION, "    assessment:"),
            # ... and it would be recorded before the one it names
            at("inconsistent-date", USA_CORRECTION, "  recorded:"),
        ],
    ),
    (
        "correction-of-itself",
        in_block(USA_CORRECTION, "AS-OP4-USA-2023-06-16\n", "AS-OP4-USA-2023-06-16-2\n"),
        [at("correction-cycle", USA_CORRECTION, "    assessment:")],
    ),
    (
        "corrected-twice",
        replace_once("reviews: []", SECOND_CORRECTION + "reviews: []"),
        [at("corrected-twice", "- id: AS-OP4-USA-2023-06-16-3", "    assessment:")],
    ),
    (
        "corrections-in-a-circle",
        in_block(
            USA_WRONG,
            "  recorded: '2023-06-20'\n",
            "  recorded: '2026-11-20'\n  corrects:\n    assessment: AS-OP4-USA-2023-06-16-2\n"
            "    reason: {en: Circular.}\n",
        ),
        [at("correction-cycle", USA_WRONG, "    assessment:")],
    ),
    (
        "successor-that-does-not-exist",
        in_lineage("  successor: A/RES/58/50:OP4\n", "  successor: A/RES/58/50:OP99\n"),
        [
            at("dangling-reference", "  successor:"),
            at("superseded-without-successor", SUPERSEDED, "  status:"),
        ],
    ),
    (
        "successor-in-the-same-resolution",
        in_lineage("  successor: A/RES/58/50:OP4\n", "  successor: A/RES/57/58:OP4\n"),
        [at("bad-successor", "  successor:")],
    ),
    (
        "superseded-without-successor",
        in_lineage("  successor: A/RES/58/50:OP4\n", ""),
        [at("superseded-without-successor", SUPERSEDED, "  status:")],
    ),
    (
        "superseded-before-the-successor-was-adopted",
        in_lineage(
            SUPERSEDED_DAY, SUPERSEDED_DAY.replace("date: '2003-12-08'", "date: '2003-01-02'")
        ),
        [at("inconsistent-date", SUPERSEDED, "  date:")],
    ),
    (
        "not-applicable-status-outside-the-scale",
        replace_once("  not_applicable_status: not_applicable\n", "  not_applicable_status: n_a\n"),
        [
            at("unknown-value", "  not_applicable_status:"),
            # 'not_applicable' is then a judgement like any other, and cites nothing
            at("no-evidence", GBR),
        ],
    ),
]


def load_edited(text: str, tmp_path: Path) -> LoadResult:
    return load_dataset(write_fixture_copy(text, tmp_path), today=TODAY)


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule_gives_exactly_its_located_problems(
    text: str, expected: list[Where], tmp_path: Path
) -> None:
    """The edited fixture loads into no dataset, and into exactly the problems expected."""
    result = load_edited(text, tmp_path)
    assert result.dataset is None
    wanted = sorted((code, line_in(text, marker, needle)) for code, marker, needle in expected)
    found = sorted((p.code, p.line) for p in result.problems)
    assert found == wanted, [str(p) for p in result.problems]


def messages(text: str, tmp_path: Path) -> list[str]:
    return [p.message for p in load_edited(text, tmp_path).problems]


def test_messages_say_what_to_fix(tmp_path: Path) -> None:
    """Each message names the record to change and how."""
    off = replace_once(OP4_EVIDENCE_OF_E29, OP4_EVIDENCE_OF_E29.replace("OP4", "OP10"))
    assert messages(off, tmp_path)[0] == (
        "cites E29, whose commitments do not list A/RES/58/50:OP4: add A/RES/58/50:OP4 to "
        "evidence[1].commitments (E29) if it bears on it, or cite other evidence"
    )
    assert messages(E29_LOW.replace(CORRECTION_MEDIUM, CORRECTION_LOW), tmp_path) == [
        "rests on low-confidence evidence alone (E29): say in confidence_note why the judgement "
        "stands on it, or cite an item of medium or high confidence"
    ]
    assert messages(in_block(RUS_2003, "on record (E01).", "on record (E01, E29)."), tmp_path) == [
        "the rationale names E29, which the assessment does not cite: add E29 to its evidence, "
        "or take E29 out of the rationale"
    ]


def test_a_carried_forward_paragraph_and_a_superseded_pair_pass(tmp_path: Path) -> None:
    """A successor in a later resolution, and a pair superseded from its adoption with no
    evidence of its own (its basis is the successor), are valid."""
    assert load_edited(LINEAGE, tmp_path).problems == ()


def test_a_low_confidence_judgement_that_says_why_passes(tmp_path: Path) -> None:
    """Weak evidence alone is allowed when the judgement is itself low and says why."""
    text = E29_LOW.replace(
        CORRECTION_MEDIUM,
        CORRECTION_LOW
        + "  confidence_note: {en: Only one expert fact sheet covers the dispute.}\n",
    )
    assert load_edited(text, tmp_path).problems == ()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Voted against (E01, E02).", ["E01", "E02"]),
        ("投反对票（E02、E01）。", ["E02", "E01"]),
        ("See E12/E13 and E12.", ["E12", "E13"]),
        ("E2E tests, ISBN 978-0, the 1991-92 initiatives", []),
        ("Cited as HOLD-1: a custom id; E77 is none.", ["HOLD-1", "E77"]),
    ],
)
def test_evidence_named_in_a_rationale(text: str, named: list[str]) -> None:
    """Whole words that are evidence ids, or read like one ('E77'), in order of mention."""
    assert EvidenceNames(frozenset({"E01", "E02", "E12", "E13", "HOLD-1"})).named(text) == named
    assert EvidenceNames(frozenset({"E01", "E02", "E12", "E13"})).named(text) == [
        ref for ref in named if ref != "HOLD-1"
    ]


def test_an_id_without_a_digit_is_found_in_a_text_without_one() -> None:
    """The shortcut for texts without digits holds only while every id has one."""
    assert EvidenceNames(frozenset({"E01", "SIPRI-YB"})).named("See SIPRI-YB.") == ["SIPRI-YB"]
    assert EvidenceNames(frozenset({"E01"})).named("See SIPRI-YB.") == []


def test_only_future_dates_depend_on_the_day(tmp_path: Path) -> None:
    """The fixture is valid on the day it was written and long after."""
    for today in (TODAY, dt.date(2040, 1, 1)):
        assert load_dataset(write_fixture_copy(MINI_TEXT, tmp_path), today=today).problems == ()
