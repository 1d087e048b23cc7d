"""Dumping a dataset to YAML and loading it back gives the same dataset."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_loader import MINI
from tracker.domain.model import Text
from tracker.source.dump import dump_dataset
from tracker.source.loader import load_bytes, load_dataset

BASE = load_dataset(MINI).dataset
assert BASE is not None

# Any printable text an analyst might type, Chinese and YAML-significant characters included.
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("#:'\"-&*!|>%@`"),
    min_size=1,
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(summary_en=texts, summary_zh=st.none() | texts, rationale=texts, day=st.integers(0, 1200))
def test_dump_then_load_is_identity(
    summary_en: str, summary_zh: str | None, rationale: str, day: int
) -> None:
    evidence = BASE.evidence[0].model_copy(update={"summary": Text(en=summary_en, zh=summary_zh)})
    assessment = BASE.assessments[1].model_copy(
        update={
            "rationale": Text(en=rationale),
            "date": dt.date(2023, 6, 16) + dt.timedelta(days=day),
        }
    )
    dataset = BASE.model_copy(
        update={
            "evidence": (evidence, *BASE.evidence[1:]),
            "assessments": (BASE.assessments[0], assessment, *BASE.assessments[2:]),
        }
    )
    loaded = load_bytes(
        dump_dataset(dataset).encode("utf-8"), "dumped.yaml", today=dt.date(2030, 1, 1)
    )
    assert loaded.problems == ()
    assert loaded.dataset == dataset


def test_real_data_round_trips() -> None:
    dataset = load_dataset("commitments.yaml").dataset
    assert dataset is not None
    assert load_bytes(dump_dataset(dataset).encode(), "again.yaml").dataset == dataset
