"""One text into one data file (`tracker.ingest.session`): a new resolution drafted or a held
one filled, the merge checked without writing, the write as an editor that changes nothing
when refused, and the official text file found by its content."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest_cli import only_additions
from tests.test_loader import MINI_TEXT, write_fixture_copy
from tracker.domain.model import Commitment, Dataset
from tracker.ingest import parse_resolution
from tracker.ingest.drafts import DraftError
from tracker.ingest.session import (
    Ingest,
    NothingToFill,
    UnreadableText,
    check_ingest,
    decode_text,
    filled_records,
    holds,
    merge_ingest,
    official_text_file,
    plan_ingest,
)
from tracker.source.loader import content_hash, load_dataset
from tracker.source.store import (
    Editor,
    NotAnEditor,
    WriteConflict,
    WriteRejected,
    previous_versions,
)

ROOT = Path(__file__).resolve().parent.parent
EN_57_58 = (ROOT / "sources" / "A_RES_57_58_en.txt").read_text(encoding="utf-8")
ZH_58_50 = (ROOT / "sources" / "A_RES_58_50_zh.txt").read_text(encoding="utf-8")
SOURCE_57_58 = "../../sources/A_RES_57_58_en.txt"  # as the fixture copy names official texts
EDITOR = Editor("Ana")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_fixture_copy(MINI_TEXT, tmp_path)


def dataset_of(path: Path) -> Dataset:
    loaded = load_dataset(path)
    assert loaded.dataset is not None, loaded.problems
    return loaded.dataset


def plan(text: str, path: Path, lang: str = "auto", **corrections: object) -> Ingest:
    parsed = parse_resolution(text, lang)
    source_file = str(corrections.pop("source_file", SOURCE_57_58))
    return plan_ingest(
        parsed,
        text,
        dataset_of(path),
        source_file=source_file,
        **corrections,  # type: ignore[arg-type]
    )


# --- reading a text ----------------------------------------------------------------------


def test_decode_text_drops_a_byte_order_mark_and_names_a_file_that_is_not_utf8() -> None:
    assert decode_text(b"\xef\xbb\xbfThe General Assembly,", "a.txt") == "The General Assembly,"
    with pytest.raises(UnreadableText, match=r"^r\.txt is not UTF-8; save it as UTF-8$"):
        decode_text("Résolution".encode("latin-1"), "r.txt")


@pytest.mark.parametrize(
    ("symbol", "held"),
    [("A/RES/58/50", True), ("A/RES/58/50 ", True), ("A/RES/ 58/50", True), ("A/RES/57/58", False)],
)
def test_holds_ignores_spaces(symbol: str, held: bool) -> None:
    assert holds(dataset_of(Path(ROOT / "tests" / "fixtures" / "mini.yaml")), symbol) is held
    assert not holds(None, symbol)


# --- what a text gives the data ------------------------------------------------------------


def test_a_resolution_the_data_lacks_is_drafted(data: Path) -> None:
    ingest = plan(EN_57_58, data)
    assert ingest.fill is None and ingest.drafts is not None
    assert ingest.symbol == "A/RES/57/58"
    assert list(ingest.new_records()) == ["resolutions", "actors", "commitments", "assessments"]
    assert len(ingest.new_records()["commitments"]) == 8
    assert "no-actor" in {w.code for w in ingest.warnings}


def test_a_resolution_the_data_holds_is_filled(data: Path) -> None:
    """The Chinese text of A/RES/58/50, whose Chinese verb of OP4 the data lacks, fills it."""
    data.write_text(MINI_TEXT.replace("    zh: 吁请\n", "", 1), encoding="utf-8")
    ingest = plan(ZH_58_50, data, source_file="../../sources/A_RES_58_50_zh.txt")
    assert ingest.drafts is None and ingest.fill is not None
    assert [(f.record, f.field, f.value) for f in ingest.fill.fills] == [
        ("A/RES/58/50:OP4", ("verb",), "吁请")
    ]
    assert ingest.new_records() == {}
    filled = filled_records(ingest, dataset_of(data))
    verbs = [c.verb.zh for c in filled["commitments"] if isinstance(c, Commitment)]
    assert verbs == ["吁请", "强调……并呼吁", "决定"]


def test_a_corrected_symbol_decides_between_drafting_and_filling(data: Path) -> None:
    """The English text of A/RES/57/58 corrected to a symbol the data holds fills that
    resolution (here nothing: its English texts are there and differ), and to a new symbol
    drafts records under it."""
    held = plan(EN_57_58, data, symbol="A/RES/58/50")
    assert held.fill is not None and held.fill.fills == ()
    renamed = plan(EN_57_58, data, symbol="A/RES/57/99")
    assert renamed.drafts is not None
    assert renamed.drafts.commitments[0].id == "A/RES/57/99:OP1"


def test_what_cannot_be_drafted_says_why(data: Path) -> None:
    with pytest.raises(DraftError, match="English text"):
        plan(ZH_58_50, data, symbol="A/RES/58/49")


# --- checking and writing ----------------------------------------------------------------


def test_the_check_gives_the_merged_file_and_writes_nothing(data: Path) -> None:
    before = data.read_bytes()
    checked = check_ingest(plan(EN_57_58, data), before, str(data), data.parent)
    assert data.read_bytes() == before
    assert only_additions(before.decode(), checked.raw.decode())
    assert len([c for c in checked.dataset.commitments if c.resolution == "A/RES/57/58"]) == 8


def test_the_check_lists_the_problems_the_merge_would_have(data: Path) -> None:
    ingest = plan(EN_57_58, data, source_file="../../sources/A_RES_57_58_fr.txt")
    with pytest.raises(WriteRejected) as rejected:
        check_ingest(ingest, data.read_bytes(), str(data), data.parent)
    assert [p.code for p in rejected.value.problems] == ["missing-file"]
    # Located in the merged text: after the resolutions the data held.
    held = MINI_TEXT[: MINI_TEXT.index("\nactors:\n")].count("\n")
    assert rejected.value.problems[0].line > held


def test_a_text_with_nothing_to_fill_is_neither_checked_nor_written(data: Path) -> None:
    ingest = plan(ZH_58_50, data, source_file="../../sources/A_RES_58_50_zh.txt")
    before = data.read_bytes()
    with pytest.raises(NothingToFill, match="nothing to fill"):
        check_ingest(ingest, before, str(data), data.parent)
    with pytest.raises(NothingToFill):
        merge_ingest(ingest, data, base_hash=content_hash(before), editor=EDITOR)
    assert data.read_bytes() == before


def test_the_merge_is_written_as_an_editor_only(data: Path) -> None:
    ingest = plan(EN_57_58, data)
    before = data.read_bytes()
    with pytest.raises(NotAnEditor):
        merge_ingest(ingest, data, base_hash=content_hash(before), editor=None)
    with pytest.raises(WriteConflict):
        merge_ingest(ingest, data, base_hash=content_hash(b"another version"), editor=EDITOR)
    assert data.read_bytes() == before and previous_versions(data) == []

    written = merge_ingest(ingest, data, base_hash=content_hash(before), editor=EDITOR)
    assert written.previous_hash == content_hash(before)
    assert holds(dataset_of(data), "A/RES/57/58")
    assert only_additions(before.decode(), data.read_text(encoding="utf-8"))


# --- the official text file --------------------------------------------------------------


def test_the_official_text_is_found_by_its_content(data: Path) -> None:
    """A copy that differs in line breaks and trailing spaces is the file the data's
    folder of official texts holds; a text not there gets a name in a folder inside the
    data's own (`sources/`: the save writes nothing outside it)."""
    dataset = dataset_of(data)
    copy = EN_57_58.replace("\n", " \r\n")
    assert official_text_file(copy, "en", "A/RES/57/58", dataset, data.parent) == SOURCE_57_58
    changed = EN_57_58.replace("Agrees further", "Agrees moreover")
    assert (
        official_text_file(changed, "en", "A/RES/57/ 59", dataset, data.parent)
        == "sources/A_RES_57_59_en.txt"
    )
    assert official_text_file(changed, "zh", "A/RES/1", None, data.parent) == (
        "sources/A_RES_1_zh.txt"
    )
