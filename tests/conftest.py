"""Shared fixtures: fresh Streamlit caches for every test, AppTest on a chosen data file, and
editable copies of the canonical fixture."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from tests.helpers import MINI, REPO

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest


# No property test fails for being slow: a deadline is a timed assertion, and the suite shares
# two cores with the browser tests. Performance is the benchmark's business (python -m bench).
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


@pytest.fixture(autouse=True)
def fresh_streamlit_caches() -> Iterator[None]:
    """Streamlit's caches outlive an AppTest within one process: clear them between tests."""
    if "streamlit" in sys.modules:  # core tests never import it: do not make them pay for it
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()
    yield


@pytest.fixture(autouse=True)
def keep_main_module() -> Iterator[None]:
    """Streamlit's script runner installs each script it runs as `sys.modules["__main__"]` and
    leaves it there; a later test that spawns processes would then make each child re-run that
    script (a spawned child imports the parent's `__main__`). Put the real one back."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture
def app_on(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """`app_on(data, script="app.py")`: an AppTest, not yet run, of `script` (relative to the
    repository) reading the data file at `data`."""

    from streamlit.testing.v1 import AppTest  # here, so that core tests never load streamlit

    def build(data: Path, script: str = "app.py") -> AppTest:
        monkeypatch.setenv("TRACKER_DATA", str(data))
        return AppTest.from_file(str(REPO / script), default_timeout=30)

    return build


@pytest.fixture
def mini_text() -> str:
    """The canonical fixture's text with its file paths made absolute, so that a copy
    written anywhere loads clean (the loader checks that those files exist)."""
    return MINI.read_text(encoding="utf-8").replace("../../", f"{REPO}/")


@pytest.fixture
def write_data(tmp_path: Path) -> Callable[[str], Path]:
    """`write_data(text)`: the path of a data file in tmp_path holding `text`."""

    def write(text: str) -> Path:
        path = tmp_path / "data.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def data(mini_text: str, write_data: Callable[[str], Path]) -> Path:
    """A copy of the canonical fixture: the only data file a writing test may write to."""
    return write_data(mini_text)


@pytest.fixture
def no_password_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No editor password from the environment: the tests' secrets alone say who edits."""
    from tracker.source.access import PASSWORD_ENV

    monkeypatch.delenv(PASSWORD_ENV, raising=False)


# The meeting the brief tests record: the day of the data's last revision, two decisions.
MEETING_DAY = "2026-12-07"
MEETING_DECISIONS = ("AS-OP5-RUS-2026-11-26-corr", "AS-OP4-USA-2026-11-26-corr")


def record_meeting(folder: Path) -> Path:
    """A copy of the bundled data in `folder` (its official texts and vote records linked)
    in which a meeting on MEETING_DAY recorded two decisions through the real write path:
    it confirmed Russia's status on OP5 and the United States' on OP4, with the rationale
    and evidence of the judgements it confirmed (no fact is made up)."""
    import datetime as dt

    from tracker.domain.model import Review, Text
    from tracker.source import store
    from tracker.source.access import Editor
    from tracker.source.loader import load_dataset

    day = dt.date.fromisoformat(MEETING_DAY)
    for name in ("sources", "data", "schema"):
        (folder / name).symlink_to(REPO / name)
    path = folder / "commitments.yaml"
    path.write_bytes((REPO / "commitments.yaml").read_bytes())
    loaded = load_dataset(path, today=day)
    assert loaded.dataset is not None, [str(p) for p in loaded.problems]
    by_id = {a.id: a for a in loaded.dataset.assessments}
    review = Review(
        id=f"review-{MEETING_DAY}",
        date=day,
        title=Text(en="December status review", zh="十二月状态审议"),
        participants=("A. Analyst", "B. Reviewer"),
    )
    decisions = [
        by_id[ref].model_copy(
            update={
                "id": ref.removesuffix("-corr").replace("2026-11-26", MEETING_DAY),
                "date": day,
                "recorded": day,
                "corrects": None,
                "review": review.id,
                "assessor": "December status review",
            }
        )
        for ref in MEETING_DECISIONS
    ]
    store.append_records(
        path,
        base_hash=loaded.content_hash,
        editor=Editor("A. Analyst"),
        assessments=decisions,
        review=review,
        today=day,
    )
    return path


@pytest.fixture(scope="session")
def meeting_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data with a meeting of two decisions recorded (see `record_meeting`)."""
    return record_meeting(tmp_path_factory.mktemp("meeting"))
