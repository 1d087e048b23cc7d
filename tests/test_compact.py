"""`compact`: a loaded dataset shares field-name sets and short strings, and is otherwise the
same dataset: equal, dumped the same, still copyable."""

from __future__ import annotations

import datetime as dt
import pickle
import tracemalloc
from pathlib import Path

import yaml

from tests.test_synth import SMALL
from tracker.domain.model import Dataset
from tracker.source.compact import compact
from tracker.source.loader import load_dataset
from tracker.source.synth import write_synthetic

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 26)


def fresh(path: Path) -> Dataset:
    """The file's dataset as validation builds it, before any compaction."""
    return Dataset.model_validate(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader))


def test_loaded_dataset_equals_the_validated_one_and_dumps_the_same() -> None:
    path = REPO / "commitments.yaml"
    loaded = load_dataset(path, today=TODAY).dataset
    plain = fresh(path)
    assert loaded is not None
    assert loaded == plain
    assert loaded.model_dump(mode="json") == plain.model_dump(mode="json")
    assert loaded.model_dump(exclude_unset=True) == plain.model_dump(exclude_unset=True)


def test_records_share_sets_and_strings_after_loading() -> None:
    loaded = load_dataset(REPO / "commitments.yaml", today=TODAY).dataset
    assert loaded is not None
    first, second = loaded.assessments[0], loaded.assessments[1]
    assert first.model_fields_set == second.model_fields_set
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    same_actor = [a for a in loaded.assessments if a.actor == first.actor]
    assert len(same_actor) > 1
    assert all(a.actor is first.actor for a in same_actor)


def test_copy_with_update_leaves_the_shared_set_alone() -> None:
    loaded = load_dataset(REPO / "commitments.yaml", today=TODAY).dataset
    assert loaded is not None
    first, second = loaded.evidence[0], loaded.evidence[1]
    shared = set(second.model_fields_set)
    changed = first.model_copy(update={"date_note": "a note"})
    assert changed.date_note == "a note" and "date_note" in changed.model_fields_set
    assert second.model_fields_set == shared


def test_compaction_survives_pickling_and_shrinks_the_records(tmp_path: Path) -> None:
    path = tmp_path / "synth.yaml"
    write_synthetic(SMALL, 3, path)

    def traced_size(build: object) -> tuple[int, Dataset]:
        tracemalloc.start()
        try:
            dataset = build() if callable(build) else build
            return tracemalloc.get_traced_memory()[0], dataset
        finally:
            tracemalloc.stop()

    plain_bytes, plain = traced_size(lambda: fresh(path))
    compacted = fresh(path)
    compact(compacted)
    blob = pickle.dumps(compacted, 5)
    compact_bytes, restored = traced_size(lambda: pickle.loads(blob))
    assert restored == plain
    assert compact_bytes < 0.8 * plain_bytes, (compact_bytes, plain_bytes)
