"""The write path: one locked, validated, atomic append that adds lines and changes no others,
refuses a stale base, survives a killed writer and keeps the version it replaced."""

from __future__ import annotations

import datetime as dt
import difflib
import fcntl
import logging
import multiprocessing
import os
import random
import re
import signal
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_loader import MINI, MINI_TEXT, REPO, TODAY, write_fixture_copy
from tracker.domain.model import (
    Actor,
    Addressed,
    Assessment,
    Commitment,
    Evidence,
    Resolution,
    Review,
    Text,
)
from tracker.source import store
from tracker.source.loader import content_hash, load_bytes, load_dataset
from tracker.source.store import (
    HISTORY_DIR,
    Editor,
    LanguageFill,
    NotAnEditor,
    ReadOnlyData,
    StoreBusy,
    StoreError,
    UnsupportedLayout,
    WriteConflict,
    WriteRejected,
    WriteResult,
    append_records,
    apply_fills,
    create_file,
    edited_versions,
    fill_language,
    plan_append,
    plan_fill,
    previous_versions,
    records_yaml,
)

GOLDEN = Path(__file__).parent / "golden" / "store"
EDITOR = Editor("Test Editor", "editor@example.org")
FIXTURE = load_dataset(MINI, today=TODAY).dataset
assert FIXTURE is not None

NEW_ASSESSMENT = Assessment(
    id="AS-OP4-USA-2024-01-10",
    commitment="A/RES/58/50:OP4",
    actor="USA",
    date=dt.date(2024, 1, 10),
    recorded=TODAY,
    status="no_progress",
    ratings={"verifiability": "absent", "irreversibility": "absent"},
    rationale=Text(
        en="Still no negotiation: the dispute over the 1991-92 initiatives (E29) stands.",
        zh="仍无谈判：关于 1991 至 1992 年倡议的争议（E29）依旧存在。",
    ),
    evidence=("E29",),
    assessor="Test Editor",
    confidence="medium",
    review="R-2024-01",
)
NEW_REVIEW = Review(
    id="R-2024-01",
    date=dt.date(2024, 1, 10),
    title=Text(en="January 2024 status review", zh="2024 年 1 月状况审议"),
    participants=("Test Editor", "李伟"),
)


def assessment(id: str, **changes: Any) -> Assessment:
    """A valid new assessment with its own id."""
    return NEW_ASSESSMENT.model_copy(update={"id": id, "review": None, **changes})


def append(path: Path, **records: Any) -> WriteResult:
    return append_records(
        path, base_hash=content_hash(path.read_bytes()), editor=EDITOR, today=TODAY, **records
    )


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return write_fixture_copy(MINI_TEXT, tmp_path)


@pytest.mark.parametrize("mode", [0o600, 0o644])
def test_the_kept_version_and_the_cache_have_the_data_files_mode(
    data_file: Path, mode: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #15, Low: history and cache copies of a 0600 file were 0644."""
    import stat as stat_module

    monkeypatch.delenv("TRACKER_CACHE", raising=False)
    data_file.chmod(mode)
    written = append(data_file, assessments=[NEW_ASSESSMENT], review=NEW_REVIEW)
    copies = [written.previous_version, *(data_file.parent / ".cache").rglob("*")]
    modes = {stat_module.S_IMODE(p.stat().st_mode) for p in copies if p.is_file()}
    assert modes == {mode}
    assert stat_module.S_IMODE(data_file.stat().st_mode) == mode


def assert_only_additions(old: str, new: str, modified: tuple[str, ...] = ()) -> set[int]:
    """Every old line is still there, in order; only the lines in `modified` may have changed.
    Returns the 1-based numbers of the new file's added or changed lines."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    touched: set[int] = set()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        assert tag in {"insert", "replace"}, (tag, old_lines[i1:i2])
        assert all(line in modified for line in old_lines[i1:i2]), old_lines[i1:i2]
        touched.update(range(j1 + 1, j2 + 1))
    return touched


def comment_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def lines_of(ranges: tuple[tuple[int, int], ...]) -> set[int]:
    return {n for first, last in ranges for n in range(first, last + 1)}


def check_golden(name: str, old: str, new: str) -> None:
    """The unified diff of a write is what `git diff` would show; compared with a golden file
    (set UPDATE_GOLDEN=1 to rewrite it after a deliberate change)."""
    diff = "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), "a/data", "b/data", n=2
        )
    )
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(diff, encoding="utf-8")
    assert diff == golden.read_text(encoding="utf-8")


# --- minimal diffs -------------------------------------------------------------------------


def test_appending_an_assessment_and_a_review_only_adds_their_lines(data_file: Path) -> None:
    """A new assessment and a new review are added lines (plus `reviews: []` opening up);
    nothing else moves, comments included, and the diff matches the golden file."""
    old = data_file.read_text(encoding="utf-8")
    result = append(data_file, assessments=[NEW_ASSESSMENT], review=NEW_REVIEW)
    new = data_file.read_text(encoding="utf-8")

    touched = assert_only_additions(old, new, modified=("reviews: []",))
    assert touched == lines_of(result.changed_lines)
    assert comment_lines(new) == comment_lines(old)
    check_golden("mini_append_assessment_and_review.diff", old, new)
    reloaded = load_dataset(data_file, today=TODAY).dataset
    assert reloaded is not None and reloaded == result.dataset
    assert reloaded.assessments[-1] == NEW_ASSESSMENT
    assert reloaded.reviews == (NEW_REVIEW.model_copy(update={"decisions": (NEW_ASSESSMENT.id,)}),)
    assert result.content_hash == content_hash(data_file.read_bytes())


def indented_variant() -> str:
    """The fixture written the way `commitments.yaml` is: list items indented under their key,
    with a hand-written review whose decisions are a flow list, and comments."""
    head, rest = MINI_TEXT.split("assessments:\n", 1)
    section, _ = rest.split("reviews: []\n", 1)
    indented = "".join("  " + line if line.strip() else line for line in section.splitlines(True))
    reviews = (
        "reviews:\n"
        "  # Status review meetings, oldest first.\n"
        "  - id: R-2024-01\n"
        "    date: 2024-01-10\n"
        "    title: {en: January 2024 status review, zh: 2024 年 1 月状况审议}\n"
        "    participants: [Test Editor, 李伟]\n"
        "    decisions: [AS-OP4-RUS-2023-06-16]  # reviewed again in January\n"
        "\n"
        "# end of data\n"
    )
    return f"{head}# Assessments: append-only.\nassessments:\n{indented}\n{reviews}"


def test_indented_file_keeps_its_style_and_an_existing_review_gains_the_decision(
    tmp_path: Path,
) -> None:
    """In a file that indents its lists, the new assessment is indented the same way, goes
    above the blank line and comments that head the next section, and the existing review's
    flow list of decisions gains its id on the same line."""
    path = write_fixture_copy(indented_variant(), tmp_path)
    old = path.read_text(encoding="utf-8")
    existing = load_dataset(path, today=TODAY).dataset
    assert existing is not None
    result = append(path, assessments=[NEW_ASSESSMENT], review=existing.reviews[0])
    new = path.read_text(encoding="utf-8")

    flow_line = "    decisions: [AS-OP4-RUS-2023-06-16]  # reviewed again in January"
    touched = assert_only_additions(old, new, modified=(flow_line,))
    assert touched == lines_of(result.changed_lines)
    assert comment_lines(new) == comment_lines(old)
    check_golden("indented_append_to_existing_review.diff", old, new)
    review = result.dataset.reviews[0]
    assert review.decisions == ("AS-OP4-RUS-2023-06-16", NEW_ASSESSMENT.id)
    assert review.title == existing.reviews[0].title


DECISION_LAYOUTS = [
    # (case, how the existing review lists its decisions, lines that may change)
    ("block", "    decisions:\n      - AS-OP4-RUS-2023-06-16\n", ()),
    (
        "flow",
        "    decisions: [AS-OP4-RUS-2023-06-16]\n",
        ("    decisions: [AS-OP4-RUS-2023-06-16]",),
    ),
    ("empty-flow", "    decisions: []\n", ("    decisions: []",)),
    ("missing", "", ()),
]


@pytest.mark.parametrize(
    ("layout", "decisions", "modified"),
    DECISION_LAYOUTS,
    ids=[case[0] for case in DECISION_LAYOUTS],
)
def test_existing_review_gains_decisions_in_any_layout(
    tmp_path: Path, layout: str, decisions: str, modified: tuple[str, ...]
) -> None:
    """However the review lists its decisions, the new ids are added after the old ones."""
    text = indented_variant().replace(
        "    decisions: [AS-OP4-RUS-2023-06-16]  # reviewed again in January\n", decisions
    )
    path = write_fixture_copy(text, tmp_path)
    before = load_dataset(path, today=TODAY).dataset
    assert before is not None
    review = before.reviews[0]
    second = assessment("AS-OP4-USA-2024-01-11", date=dt.date(2024, 1, 11))
    result = append(path, assessments=[NEW_ASSESSMENT, second], review=review)

    assert_only_additions(text, path.read_text(encoding="utf-8"), modified=modified)
    added = (NEW_ASSESSMENT.id, second.id)
    assert result.dataset.reviews[0].decisions == (*review.decisions, *added)


def test_sections_missing_from_the_file_are_added_in_model_order(tmp_path: Path) -> None:
    """A file without evidence, assessments or reviews gets each section, in model order,
    after the last section that precedes it."""
    head = MINI_TEXT.split("\nevidence:\n", 1)[0] + "\n"
    path = write_fixture_copy(head, tmp_path)
    base = load_dataset(path, today=TODAY).dataset
    assert base is not None and base.evidence == ()
    full = load_dataset(MINI, today=TODAY).dataset
    assert full is not None
    result = append(
        path, evidence=full.evidence[:2], assessments=[NEW_ASSESSMENT], review=NEW_REVIEW
    )
    new = path.read_text(encoding="utf-8")

    assert new.startswith(head)
    assert result.dataset.evidence == full.evidence[:2]
    sections = [line for line in new.splitlines() if re.fullmatch(r"[a-z_]+:.*", line)]
    assert sections[-3:] == ["evidence:", "assessments:", "reviews:"]


def test_the_real_data_file_only_gains_lines(tmp_path: Path) -> None:
    """Appending evidence, an assessment and a review to a copy of `commitments.yaml` adds
    their lines and keeps every hand-written comment."""
    for linked in ("sources", "data"):
        (tmp_path / linked).symlink_to(REPO / linked)
    path = tmp_path / "commitments.yaml"
    path.write_bytes((REPO / "commitments.yaml").read_bytes())
    today = dt.date.today()  # the bundled data holds judgements recorded up to today
    loaded = load_dataset(path, today=today)
    assert loaded.dataset is not None, [str(p) for p in loaded.problems]
    commitment = next(c for c in loaded.dataset.commitments if c.addressed.actors)
    evidence = Evidence.model_validate(
        {
            "id": "E-STORE-TEST",
            "date": "2024-01",
            "date_precision": "month",
            "actors": [commitment.addressed.actors[0]],
            "commitments": [commitment.id],
            "direction": "neutral",
            "summary": {"en": "A test item: with a colon, and 'quotes'.", "zh": "测试条目。"},
            "source": {
                "title": "Test",
                "publisher": "Test",
                "url": "https://example.org/test",
                "type": loaded.dataset.methodology.source_types[0].id,
            },
            "confidence": max(
                loaded.dataset.methodology.confidence_levels, key=lambda level: level.order
            ).id,
            "verification": {"status": "unverified"},
        }
    )
    judged = assessment(
        "AS-STORE-TEST",
        commitment=commitment.id,
        actor=commitment.addressed.actors[0],
        ratings={ground.criterion: "absent" for ground in commitment.criteria},
        rationale=Text(en="A test judgement on the test item."),
        evidence=("E-STORE-TEST",),
        review="R-STORE-TEST",
        recorded=today,
    )
    review = NEW_REVIEW.model_copy(update={"id": "R-STORE-TEST"})
    old = path.read_text(encoding="utf-8")
    result = append_records(
        path,
        base_hash=content_hash(old.encode("utf-8")),
        editor=EDITOR,
        today=today,
        evidence=[evidence],
        assessments=[judged],
        review=review,
    )
    new = path.read_text(encoding="utf-8")

    touched = assert_only_additions(old, new, modified=("reviews: []",))
    assert touched == lines_of(result.changed_lines)
    assert comment_lines(new) == comment_lines(old)
    assert result.dataset.assessments[-1] == judged


LAYOUT_VARIANTS: list[tuple[str, Callable[[str], str]]] = [
    ("no-final-newline", lambda text: text.rstrip("\n")),
    ("crlf", lambda text: text.replace("\n", "\r\n")),
    ("byte-order-mark", lambda text: "\ufeff" + text),
    ("trailing-comment", lambda text: text + "# the end\n\n"),
    (
        "comment-heading-next-section",
        lambda text: text.replace("reviews:", "\n# Meetings\nreviews:"),
    ),
]


@pytest.mark.parametrize(
    ("name", "variant"), LAYOUT_VARIANTS, ids=[name for name, _ in LAYOUT_VARIANTS]
)
def test_file_layouts_are_kept(name: str, variant: Callable[[str], str]) -> None:
    """Line endings, a byte-order mark, a missing final newline and a trailing comment are
    kept; the old text stays intact around the new lines."""
    text = variant(MINI_TEXT)
    raw = text.encode("utf-8")
    plan = plan_append(
        raw, "data.yaml", assessments=[assessment("AS-X")], today=TODAY, base_dir=MINI.parent
    )
    new = plan.raw.decode("utf-8")
    assert plan.dataset.assessments[-1] == assessment("AS-X")
    assert new.startswith("\ufeff") == text.startswith("\ufeff")
    assert ("\r\n" in text) == (new.count("\r\n") == new.count("\n"))
    assert_only_additions(text.replace("\r\n", "\n"), new.replace("\r\n", "\n"))
    if "# Meetings" in text:  # a comment just above the next section stays with that section
        assert new.index("- id: AS-X") < new.index("# Meetings")


def ending_with_block_scalar(indicator: str) -> str:
    """The fixture with its last assessment ending in a block scalar holding a '#' line."""
    head = MINI_TEXT.split("- id: AS-OP10-UNGA-2003-12-08\n", 1)[0]
    return head + (
        "- id: AS-OP10-UNGA-2003-12-08\n"
        "  commitment: A/RES/58/50:OP10\n"
        "  actor: UNGA\n"
        "  date: '2003-12-08'\n"
        "  recorded: '2026-11-26'\n"
        "  status: not_assessed\n"
        "  assessor: test fixture\n"
        "  confidence: low\n"
        "  rationale:\n"
        f"    en: {indicator}\n"
        "      What happened at the sixtieth session\n"
        "      # is not established.\n"
        "\n"
        "# Meetings\n"
        "reviews: []\n"
    )


@pytest.mark.parametrize("indicator", ["|", ">", "|-"])
def test_a_block_scalar_ending_a_list_is_kept_whole(indicator: str) -> None:
    """Lines of a block scalar are never taken for comments, even when they start with '#'."""
    text = ending_with_block_scalar(indicator)
    plan = plan_append(
        text.encode(),
        "data.yaml",
        assessments=[assessment("AS-X")],
        base_dir=MINI.parent,
        today=TODAY,
    )
    new = plan.raw.decode("utf-8")
    assert_only_additions(text, new)
    assert new.index("# is not established.") < new.index("- id: AS-X") < new.index("# Meetings")


def test_a_layout_that_would_change_another_record_is_refused(data_file: Path) -> None:
    """A keep-chomped block scalar (`|+`) owns the blank lines after it: appending there
    would change its text, so the write is refused instead."""
    data_file.write_text(ending_with_block_scalar("|+"), encoding="utf-8")
    raw = data_file.read_bytes()
    with pytest.raises(UnsupportedLayout, match="read back"):
        append(data_file, assessments=[assessment("AS-X")])
    assert_untouched(data_file, raw)


# --- refusals leave the file alone ---------------------------------------------------------


def assert_untouched(path: Path, raw: bytes) -> None:
    assert path.read_bytes() == raw
    assert previous_versions(path) == []
    assert sorted(p.name for p in path.parent.glob("*.tmp-*")) == []


def test_stale_base_hash_is_a_conflict(data_file: Path) -> None:
    """A change prepared on an older version is refused, whoever changed the file."""
    stale = content_hash(data_file.read_bytes())
    data_file.write_text(MINI_TEXT + "# edited by hand meanwhile\n", encoding="utf-8")
    raw = data_file.read_bytes()
    with pytest.raises(WriteConflict, match=r"changed since it was loaded.*reload") as caught:
        append_records(
            data_file, base_hash=stale, editor=EDITOR, assessments=[NEW_ASSESSMENT], today=TODAY
        )
    assert caught.value.actual_hash == content_hash(raw)
    assert_untouched(data_file, raw)


def bad(**changes: Any) -> Assessment:
    return assessment(changes.pop("id", "AS-BAD"), **changes)


REJECTED_CASES = [
    # (case, records, problem codes)
    # The rationale names E29: citing something else leaves it named and not cited.
    (
        "dangling-evidence",
        {"assessments": [bad(evidence=("E99",))]},
        {"dangling-reference", "uncited-in-rationale"},
    ),
    (
        "evidence-after-assessment",
        {"assessments": [bad(date=dt.date(2010, 1, 1), evidence=("E40",))]},
        {"evidence-after-assessment", "uncited-in-rationale"},
    ),
    (
        "recorded-another-day",
        {"assessments": [bad(recorded=TODAY - dt.timedelta(days=1))]},
        {"inconsistent-date"},
    ),
    ("existing-id", {"assessments": [bad(id="AS-OP4-RUS-2003-12-08")]}, {"duplicate-id"}),
    ("actor-not-addressed", {"assessments": [bad(actor="BLR")]}, {"not-addressed"}),
    ("future-date", {"assessments": [bad(date=TODAY + dt.timedelta(days=1))]}, {"future-date"}),
    (
        "decision-of-unknown-assessment",
        {"review": NEW_REVIEW.model_copy(update={"decisions": ("AS-NOPE",)})},
        {"dangling-reference"},
    ),
]


@pytest.mark.parametrize(
    ("case", "records", "codes"), REJECTED_CASES, ids=[case[0] for case in REJECTED_CASES]
)
def test_invalid_records_are_rejected_and_the_file_is_unchanged(
    data_file: Path, case: str, records: dict[str, Any], codes: set[str]
) -> None:
    raw = data_file.read_bytes()
    with pytest.raises(WriteRejected, match="nothing was written") as caught:
        append(data_file, **records)
    assert {problem.code for problem in caught.value.problems} == codes
    assert all(problem.path for problem in caught.value.problems)
    assert_untouched(data_file, raw)


def test_a_file_with_problems_is_not_written_to(data_file: Path) -> None:
    """A write never builds on data that is already invalid."""
    data_file.write_text(MINI_TEXT.replace("- E01\n", "- E98\n", 1), encoding="utf-8")
    raw = data_file.read_bytes()
    with pytest.raises(WriteRejected, match="already has problems"):
        append(data_file, assessments=[NEW_ASSESSMENT])
    assert_untouched(data_file, raw)


def test_a_flow_style_section_is_refused_not_rewritten(data_file: Path) -> None:
    """A list written as `[{...}]` cannot take a new item without rewriting its line."""
    flow = (
        "assessments: [{id: AS-1, commitment: 'A/RES/58/50:OP10', actor: UNGA, "
        "date: 2003-12-08, recorded: 2026-11-26, status: not_assessed, rationale: {en: Unknown.}, "
        "assessor: test, confidence: low}]\n"
    )
    head = MINI_TEXT.split("assessments:\n", 1)[0]
    data_file.write_text(head + flow + "reviews: []\n", encoding="utf-8")
    assert load_dataset(data_file, today=TODAY).problems == ()
    raw = data_file.read_bytes()
    with pytest.raises(UnsupportedLayout, match="block list"):
        append(data_file, assessments=[assessment("AS-2", evidence=("E29",))])
    assert_untouched(data_file, raw)


def test_anonymous_writes_are_refused_before_anything_is_read(tmp_path: Path) -> None:
    """The role is checked inside the write call: no editor, no write (not even a read)."""
    with pytest.raises(NotAnEditor) as caught:
        append_records(
            tmp_path / "missing.yaml", base_hash="0" * 64, editor=None, assessments=[NEW_ASSESSMENT]
        )
    assert isinstance(caught.value, PermissionError)
    with pytest.raises(ValueError, match="name"):
        Editor("  ")


def test_a_held_lock_makes_the_write_wait_then_give_up(data_file: Path) -> None:
    raw = data_file.read_bytes()
    with open(data_file.with_name(f".{data_file.name}.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(StoreBusy):
            append_records(
                data_file,
                base_hash=content_hash(raw),
                editor=EDITOR,
                assessments=[NEW_ASSESSMENT],
                today=TODAY,
                lock_timeout=0.1,
            )
    assert_untouched(data_file, raw)


# --- the previous version ------------------------------------------------------------------


def test_each_replaced_version_is_kept_and_named_by_its_hash(data_file: Path) -> None:
    original = data_file.read_bytes()
    first = append(data_file, assessments=[assessment("AS-1")])
    middle = data_file.read_bytes()
    second = append(data_file, assessments=[assessment("AS-2")])

    kept = previous_versions(data_file)
    assert kept == [second.previous_version, first.previous_version]
    assert [path.read_bytes() for path in kept] == [middle, original]
    assert content_hash(original)[:12] in first.previous_version.name
    assert kept[0].parent == data_file.parent / HISTORY_DIR
    assert load_bytes(kept[1].read_bytes(), "kept.yaml", today=TODAY).ok


# --- round trip ----------------------------------------------------------------------------

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from("#:'\"-&*!|>%@`{}[],? \n\t\r"),
    min_size=1,
    max_size=240,
).filter(lambda text: re.search(r"E\d", text) is None)  # "E0" names evidence: a check's case
MINI_RAW = MINI.read_bytes()
INDENTED_RAW = indented_variant().encode("utf-8")


@settings(max_examples=40, deadline=None)
@given(base=st.sampled_from([MINI_RAW, INDENTED_RAW]), en=texts, zh=st.none() | texts)
def test_any_rationale_reads_back_exactly(base: bytes, en: str, zh: str | None) -> None:
    """Unicode, quotes, '#', ': ', line breaks and long lines in a rationale come back as
    written, in either list style, and the old text is untouched around the new lines."""
    record = assessment("AS-H", rationale=Text(en=en, zh=zh))
    plan = plan_append(base, "data.yaml", assessments=[record], today=TODAY, base_dir=MINI.parent)
    reloaded = load_bytes(plan.raw, "data.yaml", today=TODAY, base_dir=MINI.parent)
    assert reloaded.dataset is not None and reloaded.dataset.assessments[-1] == record
    assert_only_additions(base.decode("utf-8"), plan.raw.decode("utf-8"))


# --- several writers -----------------------------------------------------------------------


def writer_assessment(index: int) -> Assessment:
    return assessment(f"AS-WRITER-{index}", date=dt.date(2024, 1, 1) + dt.timedelta(days=index))


SCENARIOS = ("no-retry", "retry-on-conflict")


def concurrent_writer(
    paths: list[str], index: int, barrier: Any, results: Any
) -> None:  # pragma: no cover - runs in a child process
    """For each scenario: load, wait for the others, append; with retries, on a conflict
    reload and re-apply (as a user would after the conflict message)."""
    for scenario, path in zip(SCENARIOS, paths, strict=True):
        target = Path(path)
        base = load_dataset(target, today=TODAY).content_hash
        barrier.wait()
        outcome = "conflict"
        for _ in range(20 if scenario == "retry-on-conflict" else 1):
            try:
                append_records(
                    target,
                    base_hash=base,
                    editor=EDITOR,
                    assessments=[writer_assessment(index)],
                    today=TODAY,
                )
                outcome = "written"
                break
            except WriteConflict:
                base = load_dataset(target, today=TODAY).content_hash
        results.put((scenario, index, outcome))


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    """Six processes append at once. Without retries each write lands or is refused as a
    conflict; with retries all six land. No write is lost and every version of the file
    seen meanwhile is valid. (One set of processes runs both scenarios: spawning is slow.)"""
    paths = [write_fixture_copy(MINI_TEXT, tmp_path, f"{scenario}.yaml") for scenario in SCENARIOS]
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(6), context.Queue()
    workers = [
        context.Process(
            target=concurrent_writer, args=([str(p) for p in paths], i, barrier, results)
        )
        for i in range(6)
    ]
    for worker in workers:
        worker.start()
    seen: set[str] = set()
    while any(worker.is_alive() for worker in workers):
        for path in paths:
            raw = path.read_bytes()
            if content_hash(raw) not in seen:  # validate each version once: the CPU is shared
                assert load_bytes(raw, path.name, today=TODAY).dataset is not None
                seen.add(content_hash(raw))
        time.sleep(0.01)
    for worker in workers:
        worker.join()
        assert worker.exitcode == 0
    outcomes = [results.get(timeout=5) for _ in range(2 * len(workers))]

    for scenario, path in zip(SCENARIOS, paths, strict=True):
        final = load_dataset(path, today=TODAY)
        assert final.problems == ()
        assert final.dataset is not None
        written = {f"AS-WRITER-{i}" for s, i, o in outcomes if s == scenario and o == "written"}
        appended = {a.id for a in final.dataset.assessments if a.id.startswith("AS-WRITER-")}
        assert appended == written
        assert len(final.dataset.assessments) == len(FIXTURE.assessments) + len(written)
        assert len(previous_versions(path)) == len(written)
        assert len(written) == 6 if scenario == "retry-on-conflict" else len(written) >= 1


def test_threads_of_one_process_take_turns(data_file: Path) -> None:
    """Streamlit serves sessions from threads of one process: they exclude each other too."""
    errors: list[BaseException] = []

    def write(index: int) -> None:
        for _ in range(20):
            try:
                append(data_file, assessments=[writer_assessment(index)])
                return
            except WriteConflict:
                continue
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)
                return

    threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    dataset = load_dataset(data_file, today=TODAY).dataset
    assert dataset is not None
    assert {a.id for a in dataset.assessments} >= {f"AS-WRITER-{i}" for i in range(4)}


# --- a writer killed mid-write -------------------------------------------------------------


def hanging_writer(path: str, started: str) -> None:  # pragma: no cover - child process
    """Append, but stop for good just before the new version is made durable and swapped in."""
    real_fsync = os.fsync

    def hang(fd: Any) -> None:
        if ".swap-" in os.readlink(f"/proc/self/fd/{fd}"):
            Path(started).write_text("writing", encoding="utf-8")
            time.sleep(60)
        real_fsync(fd)

    os.fsync = hang
    append(Path(path), assessments=[assessment("AS-KILLED")])


def swapped_writer(path: str, started: str) -> None:  # pragma: no cover - child process
    """Append, but stop for good once the new version is in place and before the version it
    displaced has been given its name in `.history/`."""
    real_rename = os.rename

    def hang(source: Any, target: Any) -> None:
        if ".swap-" in str(source):
            Path(started).write_text("swapped", encoding="utf-8")
            time.sleep(60)
        real_rename(source, target)

    os.rename = hang
    append(Path(path), assessments=[assessment("AS-KILLED")])


def looping_writer(path: str, started: str) -> None:  # pragma: no cover - child process
    """Append big assessments one after another until killed."""
    Path(started).write_text("ready", encoding="utf-8")
    for index in range(10_000):
        append(Path(path), assessments=[big_assessment(index)])


def big_assessment(index: int) -> Assessment:
    return assessment(f"AS-BIG-{index}", rationale=Text(en=f"{index} " + "long text " * 3000))


def run_and_kill(target: Callable[[str, str], None], path: Path, delay: float) -> None:
    started = path.with_name(f"{path.name}.started")
    started.unlink(missing_ok=True)
    child = multiprocessing.get_context("spawn").Process(
        target=target, args=(str(path), str(started))
    )
    child.start()
    deadline = time.monotonic() + 20
    while not started.exists():
        assert child.is_alive() and time.monotonic() < deadline, "the child never started"
        time.sleep(0.005)
    time.sleep(delay)
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    assert child.exitcode == -signal.SIGKILL


def pending_files(path: Path) -> list[Path]:
    """What a write leaves while it runs: temp files beside the data, pending files in
    `.history/`."""
    return [*path.parent.glob("*.tmp-*"), *(path.parent / HISTORY_DIR).glob(".*")]


def test_writer_killed_before_the_swap_leaves_the_old_version(data_file: Path) -> None:
    """Killed while its new version was being synced, a writer leaves the file as it was and
    no kept version; its stray file is cleared by the next write, which succeeds."""
    raw = data_file.read_bytes()
    run_and_kill(hanging_writer, data_file, delay=0)
    assert data_file.read_bytes() == raw
    assert pending_files(data_file) != []
    assert previous_versions(data_file) == []

    append(data_file, assessments=[assessment("AS-AFTER-CRASH")])
    assert pending_files(data_file) == []
    assert [v.read_bytes() for v in previous_versions(data_file)] == [raw]
    assert load_dataset(data_file, today=TODAY).ok


def test_writer_killed_after_the_swap_leaves_its_version_and_one_kept_copy(
    data_file: Path,
) -> None:
    """Killed once its version was in place but before the one it displaced was named, a
    writer leaves its whole new version; the next write keeps the displaced one in
    `.history/` exactly once, with its own."""
    raw = data_file.read_bytes()
    run_and_kill(swapped_writer, data_file, delay=0)
    written = data_file.read_bytes()
    assert written != raw and load_dataset(data_file, today=TODAY).ok
    assert previous_versions(data_file) == []

    append(data_file, assessments=[assessment("AS-AFTER-CRASH")])
    assert pending_files(data_file) == []
    assert [v.read_bytes() for v in previous_versions(data_file)] == [written, raw]


def test_writer_killed_at_any_moment_leaves_a_whole_version(tmp_path: Path) -> None:
    """Killed at random moments while writing big records, a writer leaves exactly the old
    or a new version, byte for byte; the next write always works."""
    rng = random.Random(58_50)
    for round_ in range(3):
        path = write_fixture_copy(MINI_TEXT, tmp_path, name=f"crash{round_}.yaml")
        run_and_kill(looping_writer, path, delay=rng.uniform(0.05, 0.4))
        found = path.read_bytes()
        version, index = MINI_RAW, 0
        while version != found:
            assert index < 200, "the file is none of the versions written"
            version = plan_append(
                version,
                path.name,
                assessments=[big_assessment(index)],
                today=TODAY,
                base_dir=path.parent,
            ).raw
            index += 1
        append(path, assessments=[assessment("AS-AFTER-CRASH")])
        assert load_dataset(path, today=TODAY).ok
        # One kept version per completed write, however the writer died: no extra copies.
        assert len(previous_versions(path)) == index + 1
        assert pending_files(path) == []


# --- resolutions, actors and commitments -------------------------------------------------

PREDECESSOR = Resolution(
    symbol="A/RES/57/58",
    title=Text(en="Reduction of non-strategic nuclear weapons"),
    session=57,
    agenda_item="66",
    adopted=dt.date(2002, 11, 22),
    meeting="57th plenary meeting",
    source_files={"en": "../../sources/A_RES_57_58_en.txt"},
)
FRANCE = Actor(
    id="FRA", name=Text(en="France", zh="法国"), kind="state", npt_nuclear_weapon_state=True
)
PREDECESSOR_OP5 = Commitment(
    id="A/RES/57/58:OP5",
    resolution="A/RES/57/58",
    paragraph=5,
    verb=Text(en="Stresses ... and calls upon"),
    text=Text(en="Stresses the importance of special security ... in this regard;"),
    addressed=Addressed(
        as_written=Text(en="all nuclear-weapon States in possession of such weapons"),
        actors=("USA", "RUS", "FRA"),
        reason=Text(en="A test reason: with a colon, and 'quotes'.", zh="测试理由。"),
    ),
    action=Text(en="Take special security measures."),
)


def test_a_new_resolution_its_commitments_and_an_actor_only_add_lines(data_file: Path) -> None:
    """A resolution, an actor, a commitment that names both and its assessment go at the ends
    of their sections in one write; no other line changes and the records read back."""
    old = data_file.read_text(encoding="utf-8")
    judged = assessment(
        "AS-57/58-OP5-FRA",
        commitment=PREDECESSOR_OP5.id,
        actor="FRA",
        status="not_assessed",
        ratings={},
        rationale=Text(en="Not yet assessed: no evidence gathered."),
        evidence=(),
        date=dt.date(2002, 11, 22),
    )
    result = append(
        data_file,
        resolutions=[PREDECESSOR],
        actors=[FRANCE],
        commitments=[PREDECESSOR_OP5],
        assessments=[judged],
    )
    new = data_file.read_text(encoding="utf-8")
    touched = assert_only_additions(old, new)
    assert touched == lines_of(result.changed_lines)
    assert comment_lines(new) == comment_lines(old)
    data = result.dataset
    assert (data.resolutions[-1], data.actors[-1]) == (PREDECESSOR, FRANCE)
    assert (data.commitments[-1], data.assessments[-1]) == (PREDECESSOR_OP5, judged)
    check_golden("append_resolution_actor_commitment.diff", old, new)


def test_a_commitment_of_a_resolution_the_data_lacks_is_rejected(data_file: Path) -> None:
    raw = data_file.read_bytes()
    with pytest.raises(WriteRejected) as caught:
        append(data_file, commitments=[PREDECESSOR_OP5])
    assert {p.code for p in caught.value.problems} == {"dangling-reference"}
    assert_untouched(data_file, raw)


def test_records_set_apart_by_blank_lines_get_new_ones_the_same_way(data_file: Path) -> None:
    """In a list whose records are separated by a blank line, each new record gets one too."""
    text = MINI_TEXT.replace("- id: A/RES/58/50:OP10\n", "\n- id: A/RES/58/50:OP10\n", 1)
    data_file.write_text(text, encoding="utf-8")
    addressed = PREDECESSOR_OP5.addressed.model_copy(update={"actors": ("USA", "RUS")})
    op5 = PREDECESSOR_OP5.model_copy(update={"addressed": addressed})
    op6 = op5.model_copy(update={"id": "A/RES/57/58:OP6", "paragraph": 6})
    append(data_file, resolutions=[PREDECESSOR], commitments=[op5, op6])
    new = data_file.read_text(encoding="utf-8")
    assert_only_additions(text, new)
    assert "\n\n- id: A/RES/57/58:OP5\n" in new and "\n\n- id: A/RES/57/58:OP6\n" in new


def test_records_yaml_reads_back_as_the_records() -> None:
    """The preview of records is the text a merge inserts: it loads back as the same records."""
    text = records_yaml({"resolutions": [PREDECESSOR], "actors": [FRANCE], "evidence": []})
    data = yaml.safe_load(text)
    assert list(data) == ["resolutions", "actors"]
    assert Resolution.model_validate(data["resolutions"][0]) == PREDECESSOR
    assert Actor.model_validate(data["actors"][0]) == FRANCE


# --- filling a second language -------------------------------------------------------------

OP4 = "A/RES/58/50:OP4"
OP4_TEXT_ZH = (
    "吁请俄罗斯联邦和美利坚合众国将总统核倡议正式定为法律文书，"
    "并就进一步裁减此类武器问题开始进行谈判；"
)
OP4_TEXT_EN = (
    "    en: Calls upon the Russian Federation and the United States of America to formalize "
    "their presidential\n"
    "      nuclear initiatives into legal instruments and to initiate negotiations on further "
    "reductions of\n"
    "      such weapons;\n"
)
FILL_CASES = [
    # (case, text in the fixture, the same text before the fill, after it, the fill)
    (
        "block-gains-a-line",
        "  title:\n    en: Reduction of non-strategic nuclear weapons\n    zh: 裁减非战略核武器\n",
        "  title:\n    en: Reduction of non-strategic nuclear weapons\n",
        "  title:\n    en: Reduction of non-strategic nuclear weapons\n    zh: 裁减非战略核武器\n",
        LanguageFill("A/RES/58/50", ("title",), "裁减非战略核武器"),
    ),
    (
        "flow-gains-a-key-and-keeps-its-comment",
        "  verb:\n    en: Calls upon\n    zh: 吁请\n",
        "  verb: {en: Calls upon}  # as printed\n",
        "  verb: {en: Calls upon, zh: 吁请}  # as printed\n",
        LanguageFill(OP4, ("verb",), "吁请"),
    ),
    (
        "flow-value-replaced",
        "  verb:\n    en: Calls upon\n    zh: 吁请\n",
        "  verb: {en: Calls upon, zh: 呼吁}\n",
        "  verb: {en: Calls upon, zh: 吁请}\n",
        LanguageFill(OP4, ("verb",), "吁请"),
    ),
    (
        "block-value-replaced-and-its-comment-kept",
        "  verb:\n    en: Calls upon\n    zh: 吁请\n",
        "  verb:\n    en: Calls upon\n    zh: 呼吁  # to check\n",
        "  verb:\n    en: Calls upon\n    zh: 吁请  # to check\n",
        LanguageFill(OP4, ("verb",), "吁请"),
    ),
    (
        "after-a-folded-block",
        f"  text:\n{OP4_TEXT_EN}    zh: {OP4_TEXT_ZH}\n",
        f"  text:\n{OP4_TEXT_EN.replace('    en: ', '    en: >-' + chr(10) + '      ')}\n"
        "    # the Chinese text goes here\n",
        f"  text:\n{OP4_TEXT_EN.replace('    en: ', '    en: >-' + chr(10) + '      ')}"
        f"    zh: {OP4_TEXT_ZH}\n\n    # the Chinese text goes here\n",
        LanguageFill(OP4, ("text",), OP4_TEXT_ZH),
    ),
    (
        "source-files",
        "    zh: ../../sources/A_RES_58_50_zh.txt\n",
        "",
        "    zh: ../../sources/A_RES_58_50_zh.txt\n",
        LanguageFill("A/RES/58/50", ("source_files",), "../../sources/A_RES_58_50_zh.txt"),
    ),
]


def write_variant(data_file: Path, fixture_text: str, before: str) -> str:
    assert MINI_TEXT.count(fixture_text) == 1, fixture_text
    text = MINI_TEXT.replace(fixture_text, before, 1)
    data_file.write_text(text, encoding="utf-8")
    return text


def fill(path: Path, fills: list[LanguageFill], **options: Any) -> WriteResult:
    return fill_language(
        path,
        base_hash=content_hash(path.read_bytes()),
        editor=options.pop("editor", EDITOR),
        symbol=options.pop("symbol", "A/RES/58/50"),
        language=options.pop("language", "zh"),
        fills=fills,
        today=TODAY,
    )


@pytest.mark.parametrize(
    ("case", "fixture_text", "before", "after", "one_fill"),
    FILL_CASES,
    ids=[case[0] for case in FILL_CASES],
)
def test_a_second_language_changes_only_its_own_lines(
    data_file: Path, case: str, fixture_text: str, before: str, after: str, one_fill: LanguageFill
) -> None:
    """A missing `zh:` is added as its own line (or key, in a flow mapping); an existing one
    has only its value replaced; comments and every other line stay as they were."""
    old = write_variant(data_file, fixture_text, before)
    result = fill(data_file, [one_fill])
    new = data_file.read_text(encoding="utf-8")
    expected = MINI_TEXT.replace(fixture_text, after, 1)
    assert new == expected
    changed = {line for line in before.splitlines() if line not in after.splitlines()}
    touched = assert_only_additions(old, new, modified=tuple(changed))
    assert touched == lines_of(result.changed_lines)
    assert comment_lines(new) == comment_lines(old)
    assert result.dataset == load_dataset(MINI, today=TODAY).dataset


def test_fills_of_one_resolution_in_one_write(data_file: Path) -> None:
    """Stripped of its Chinese title, verbs and texts, the fixture gets them back, byte for
    byte, from one write."""
    stripped = MINI_TEXT
    lines = [
        "    zh: 裁减非战略核武器\n",
        "    zh: 吁请\n",
        "    zh: 决定\n",
        f"    zh: {OP4_TEXT_ZH}\n",
        "    zh: 决定将题为“裁减非战略核武器”的项目列入大会第六十届会议临时议程。\n",
    ]
    for line in lines:
        assert stripped.count(line) == 1
        stripped = stripped.replace(line, "", 1)
    data_file.write_text(stripped, encoding="utf-8")
    full = load_dataset(MINI, today=TODAY).dataset
    assert full is not None
    op4, _, op10 = full.commitments
    fills = [
        LanguageFill("A/RES/58/50", ("title",), "裁减非战略核武器"),
        LanguageFill(op4.id, ("verb",), "吁请"),
        LanguageFill(op4.id, ("text",), OP4_TEXT_ZH),
        LanguageFill(op10.id, ("verb",), "决定"),
        LanguageFill(op10.id, ("text",), op10.text.zh or ""),
    ]
    result = fill(data_file, fills)
    assert data_file.read_text(encoding="utf-8") == MINI_TEXT
    assert result.dataset == full
    assert (
        apply_fills(
            load_bytes(stripped.encode(), "x.yaml", today=TODAY).dataset or full,
            symbol="A/RES/58/50",
            language="zh",
            fills=fills,
        )
        == full
    )


FILL_REFUSALS = [
    # (case, fill, options, exception)
    (
        "record-of-another-resolution",
        LanguageFill(OP4, ("verb",), "吁请"),
        {"symbol": "A/RES/57/58"},
        ValueError,
    ),
    ("not-a-text", LanguageFill(OP4, ("paragraph",), "四"), {}, ValueError),
    ("no-such-record", LanguageFill("A/RES/58/50:OP9", ("verb",), "呼吁"), {}, ValueError),
    (
        "language-the-data-does-not-hold",
        LanguageFill(OP4, ("verb",), "Demande"),
        {"language": "fr"},
        ValueError,
    ),
    ("nothing-changes", LanguageFill(OP4, ("verb",), "吁请"), {}, ValueError),
    ("english-emptied", LanguageFill(OP4, ("verb",), ""), {"language": "en"}, WriteRejected),
    ("anonymous", LanguageFill(OP4, ("verb",), "呼吁"), {"editor": None}, NotAnEditor),
]


@pytest.mark.parametrize(
    ("case", "one_fill", "options", "error"),
    FILL_REFUSALS,
    ids=[case[0] for case in FILL_REFUSALS],
)
def test_fills_that_cannot_be_made_leave_the_file_alone(
    data_file: Path, case: str, one_fill: LanguageFill, options: dict[str, Any], error: type
) -> None:
    raw = data_file.read_bytes()
    with pytest.raises(error):
        fill(data_file, [one_fill], **options)
    assert_untouched(data_file, raw)


def test_a_fill_on_a_stale_base_is_a_conflict(data_file: Path) -> None:
    stale = content_hash(data_file.read_bytes())
    data_file.write_text(MINI_TEXT + "# edited by hand meanwhile\n", encoding="utf-8")
    raw = data_file.read_bytes()
    with pytest.raises(WriteConflict):
        fill_language(
            data_file,
            base_hash=stale,
            editor=EDITOR,
            symbol="A/RES/58/50",
            language="zh",
            fills=[LanguageFill(OP4, ("verb",), "呼吁")],
            today=TODAY,
        )
    assert_untouched(data_file, raw)


FLOW_BASE = MINI_TEXT.replace(
    "  verb:\n    en: Calls upon\n    zh: 吁请\n", "  verb: {en: Calls upon}\n"
)
BLOCK_BASE = MINI_TEXT.replace(
    "  verb:\n    en: Calls upon\n    zh: 吁请\n", "  verb:\n    en: Calls upon\n"
)


@settings(max_examples=40, deadline=None)
@given(base=st.sampled_from([FLOW_BASE, BLOCK_BASE, MINI_TEXT]), zh=texts)
def test_any_second_language_text_reads_back_exactly(base: str, zh: str) -> None:
    """Quotes, '#', ': ', braces and line breaks in a filled text come back as written, in a
    flow or a block mapping, whether the key is new or replaced."""
    fills = [LanguageFill(OP4, ("verb",), zh)]
    try:
        plan = plan_fill(
            base.encode(),
            "data.yaml",
            symbol="A/RES/58/50",
            language="zh",
            fills=fills,
            today=TODAY,
            base_dir=MINI.parent,
        )
    except ValueError:
        assert base == MINI_TEXT and zh == "吁请"
        return
    reloaded = load_bytes(plan.raw, "data.yaml", today=TODAY, base_dir=MINI.parent)
    assert reloaded.dataset is not None
    assert reloaded.dataset.commitments[0].verb == Text(en="Calls upon", zh=zh)


# --- the write path through the cache: the outcome of validating the whole file -----------


@pytest.fixture(scope="module")
def synthetic_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data file whose lists are long enough for the write path to cut their middles."""
    from tracker.source.synth import Size, write_synthetic

    path = tmp_path_factory.mktemp("synthetic") / "data.yaml"
    write_synthetic(Size(commitments=30, actors=10, assessments=150, evidence=150), 5, path)
    return path


def _grown(base: Any, **changes: Any) -> Any:
    return type(base).model_validate({**base.model_dump(), **changes})


def _appended_cases(dataset: Any) -> dict[str, dict[str, Any]]:
    last = dataset.assessments[-1]
    commitment = next(c for c in dataset.commitments if c.id == last.commitment)
    stranger = next(a.id for a in dataset.actors if a.id not in commitment.addressed.actors)
    today = dt.date.today()
    evidence = dataset.evidence[-1]
    new = _grown(last, id="AS-NEW-1", date=today, recorded=today, review=None)
    return {
        "valid assessment": {"assessments": [new]},
        "valid evidence": {"evidence": [_grown(evidence, id="E-NEW-1")]},
        "dangling evidence reference": {
            "assessments": [_grown(new, evidence=("E-NOWHERE",))],
        },
        "dangling commitment reference": {
            "assessments": [_grown(new, commitment="A/RES/99/1:OP1")],
        },
        "repeated id": {"assessments": [_grown(new, id=dataset.assessments[0].id)]},
        "actor not addressed": {"assessments": [_grown(new, actor=stranger)]},
        "bad url": {
            "evidence": [
                _grown(
                    evidence,
                    id="E-NEW-2",
                    source={**evidence.source.model_dump(), "url": "javascript:alert(1)"},
                )
            ]
        },
        "with a new review": {
            "assessments": [_grown(new, review="review-new")],
            "review": Review(id="review-new", date=today, title=Text(en="A review"), decisions=()),
        },
    }


def _outcome(raw: bytes, cache: Any, records: dict[str, Any]) -> tuple[str, Any]:
    try:
        plan = plan_append(raw, "data.yaml", base_dir=None, cache=cache, **records)
    except WriteRejected as error:
        return "rejected", [str(problem) for problem in error.problems]
    return "planned", (plan.raw, plan.content_hash, plan.changed_lines, plan.dataset)


@pytest.mark.parametrize(
    "case",
    [
        "valid assessment",
        "valid evidence",
        "dangling evidence reference",
        "dangling commitment reference",
        "repeated id",
        "actor not addressed",
        "bad url",
        "with a new review",
    ],
)
def test_a_write_through_the_cache_is_the_full_validation(
    synthetic_file: Path, tmp_path: Path, case: str
) -> None:
    """Planning an append against a cached base (cut layout, incremental validation) gives
    exactly what planning it with whole-file parses gives: the same bytes and dataset, or
    the same problems, each with its line."""
    from tracker.source import cache as cache_module
    from tracker.source.cache import DatasetCache

    raw = synthetic_file.read_bytes()
    cache_module._recent.clear()
    cache = DatasetCache(tmp_path / "cache")
    source = str(synthetic_file.resolve())
    assert load_bytes(raw, "data.yaml", cache=cache, source=source).ok
    dataset = load_bytes(raw, "data.yaml").dataset
    records = _appended_cases(dataset)[case]
    cached = _outcome(raw, (cache, source), records)
    whole = _outcome(raw, None, records)
    assert cached == whole
    kind = "planned" if case.startswith(("valid", "with a")) else "rejected"
    assert cached[0] == kind
    if kind == "rejected":
        assert all(re.match(r"data\.yaml:\d+:\d+: ", line) for line in cached[1])
    if case.startswith("valid"):
        # The new version was validated from the base.
        assert cache.base_of(cached[1][1]) is not None


def test_the_cut_layout_finds_the_places_the_whole_one_does(synthetic_file: Path) -> None:
    """With the long lists' middles cut out, the insertion points (and the new text) are
    those found in the whole file."""
    from tracker.source.loader import load_bytes as load
    from tracker.source.store import _cut_items, _layout, _split_bom
    from tracker.source.yamlsource import decode, parse_fast

    raw = synthetic_file.read_bytes()
    text = decode(raw, "data.yaml")[0]
    assert text is not None
    fast = parse_fast(text)
    assert fast is not None and _cut_items(text, fast.sections, b"") is not None
    _, body = _split_bom(raw)
    dataset = load(raw, "data.yaml").dataset
    assert dataset is not None
    new = _grown(dataset.assessments[-1], id="AS-NEW-1", date=dt.date.today(), review=None)
    items = [{"id": new.id}]
    for section in ("assessments", "evidence", "commitments", "actors", "reviews"):
        whole = _layout(body).append_to_section(section, items)
        cut = _layout(body, fast.sections)
        assert [cut.in_whole_text(edit) for edit in cut.append_to_section(section, items)] == whole


def test_create_file_adds_a_new_file_whole_and_never_replaces_one(tmp_path: Path) -> None:
    """An official text saved beside the data: created with its folder, accepted again when
    the same bytes are there, refused (file untouched) when other bytes are; no temp file
    is left behind, and only an editor may create one."""
    target = tmp_path / "sources" / "A_RES_1_en.txt"
    text = b"1.\tDecides ...\n"
    assert create_file(target, text, editor=EDITOR) is True
    assert target.read_bytes() == text
    assert create_file(target, text, editor=EDITOR) is False
    with pytest.raises(FileExistsError, match="other content"):
        create_file(target, b"other", editor=EDITOR)
    assert target.read_bytes() == text
    assert sorted(p.name for p in target.parent.iterdir()) == ["A_RES_1_en.txt"]
    with pytest.raises(NotAnEditor):
        create_file(tmp_path / "other.txt", text, editor=None)
    assert not (tmp_path / "other.txt").exists()


# --- writers that take no lock, and a hostile or locked-down folder -----------------------


def test_an_outside_replace_just_before_the_swap_is_put_back(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor (or `git checkout`) replaces the file after the last hash check, in the
    instant before the swap: their version is back in place, the write is refused as a
    conflict, and nothing is kept or left behind."""
    theirs = data_file.read_bytes() + b"# an edit saved from an editor\n"
    real = store._exchange

    def edit_then_exchange(first: Path, second: Path) -> bool:
        monkeypatch.setattr(store, "_exchange", real)
        outside = data_file.with_name("outside.yaml")
        outside.write_bytes(theirs)
        os.replace(outside, data_file)
        return real(first, second)

    monkeypatch.setattr(store, "_exchange", edit_then_exchange)
    with pytest.raises(WriteConflict):
        append(data_file, assessments=[assessment("AS-RACE")])
    assert data_file.read_bytes() == theirs
    assert previous_versions(data_file) == [] and pending_files(data_file) == []


def test_an_edit_written_into_the_replaced_file_is_kept_and_found(
    data_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An editor that writes into the file it opened (same inode) after a write replaced it
    writes into the kept version: the edit is in `.history/`, `edited_versions` names it,
    and the next write logs it."""
    with data_file.open("r+b") as held:  # opened before the write, as an editor holds it
        first = append(data_file, assessments=[assessment("AS-1")])
        held.seek(0, os.SEEK_END)
        held.write(b"# typed in the editor after the app's write\n")
    assert first.previous_version.read_bytes().endswith(b"after the app's write\n")
    assert edited_versions(data_file) == [first.previous_version]
    with caplog.at_level(logging.WARNING, logger="tracker.source.store"):
        append(data_file, assessments=[assessment("AS-2")])
    assert any(str(first.previous_version) in r.getMessage() for r in caplog.records)


def test_without_renameat2_the_write_keeps_the_replaced_file(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the swap is not available the file is replaced and the old one kept by a link."""
    monkeypatch.setattr(store, "_exchange", lambda first, second: False)
    raw = data_file.read_bytes()
    before = data_file.stat().st_ino
    result = append(data_file, assessments=[assessment("AS-1")])
    assert result.previous_version.read_bytes() == raw
    assert result.previous_version.stat().st_ino == before
    assert pending_files(data_file) == []


def test_a_read_only_data_file_is_not_replaced(data_file: Path) -> None:
    raw = data_file.read_bytes()
    data_file.chmod(0o444)
    with pytest.raises(ReadOnlyData, match=r"read-only \(mode 0444\)"):
        append(data_file, assessments=[assessment("AS-1")])
    assert data_file.read_bytes() == raw and stat.S_IMODE(data_file.stat().st_mode) == 0o444
    assert previous_versions(data_file) == []


def test_kept_versions_have_the_data_files_mode(data_file: Path) -> None:
    data_file.chmod(0o600)
    append(data_file, assessments=[assessment("AS-1")])
    append(data_file, assessments=[assessment("AS-2")])
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [data_file, *previous_versions(data_file)]}
    assert modes == {0o600}


def test_the_lock_file_is_the_writers_alone(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lock file is made 0600 (one left readable is made private), and one owned by
    another user is refused: whoever can open it could hold it and block every write."""
    lock = data_file.with_name(f".{data_file.name}.lock")
    lock.touch(mode=0o644)
    lock.chmod(0o644)
    append(data_file, assessments=[assessment("AS-1")])
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    raw = data_file.read_bytes()
    monkeypatch.setattr(os, "geteuid", lambda: lock.stat().st_uid + 1)
    with pytest.raises(StoreError, match="belongs to another user"):
        append(data_file, assessments=[assessment("AS-2")])
    assert data_file.read_bytes() == raw


def test_a_symlink_at_the_lock_is_refused(data_file: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"not a lock")
    data_file.with_name(f".{data_file.name}.lock").symlink_to(victim)
    with pytest.raises(StoreError, match="lock file cannot be opened"):
        append(data_file, assessments=[assessment("AS-1")])


def test_history_is_capped_in_bytes_too(data_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the newest versions that fit in HISTORY_MAX_BYTES are kept (the newest always)."""
    size = data_file.stat().st_size
    monkeypatch.setattr(store, "HISTORY_MAX_BYTES", int(size * 2.5))
    for index in range(4):
        append(data_file, assessments=[assessment(f"AS-{index}")])
    kept = previous_versions(data_file)
    assert len(kept) == 2
    assert sum(p.stat().st_size for p in kept) <= store.HISTORY_MAX_BYTES
    monkeypatch.setattr(store, "HISTORY_MAX_BYTES", 1)
    append(data_file, assessments=[assessment("AS-4")])
    assert len(previous_versions(data_file)) == 1


def test_a_symlink_planted_at_a_temporary_name_is_never_followed(tmp_path: Path) -> None:
    """Saving an official text: a symlink at the temporary name the save used to take (a
    predictable one) leaves its target alone."""
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    target = tmp_path / "sources" / "A_RES_1_en.txt"
    target.parent.mkdir()
    target.with_name(f"{target.name}.tmp-{os.getpid()}").symlink_to(victim)
    assert create_file(target, b"1.\tDecides ...\n", editor=EDITOR) is True
    assert victim.read_bytes() == b"keep me"
    assert target.read_bytes() == b"1.\tDecides ...\n" and not target.is_symlink()
