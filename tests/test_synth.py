"""`python -m tracker synth`: valid data of realistic shape, the same bytes for the same seed."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tracker.source.loader import load_dataset
from tracker.source.synth import FULL, Size, scaled, write_synthetic

SMALL = Size(commitments=60, actors=12, assessments=600, evidence=500)


def test_synthetic_data_is_valid_and_has_the_asked_size(tmp_path: Path) -> None:
    path = tmp_path / "synth.yaml"
    write_synthetic(SMALL, 7, path)
    result = load_dataset(path, today=dt.date(2026, 11, 26))
    assert result.problems == (), [str(p) for p in result.problems[:5]]
    data = result.dataset
    assert data is not None
    assert (len(data.commitments), len(data.actors)) == (60, 12)
    assert (len(data.assessments), len(data.evidence)) == (600, 500)


def test_synthetic_data_has_a_realistic_shape(tmp_path: Path) -> None:
    """Several resolutions, histories of several assessments, evidence cited several times."""
    path = tmp_path / "synth.yaml"
    write_synthetic(SMALL, 3, path)
    data = load_dataset(path).dataset
    assert data is not None
    assert len(data.resolutions) >= 3
    histories = Counter((a.commitment, a.actor) for a in data.assessments)
    assert max(histories.values()) >= 3
    assert sum(1 for n in histories.values() if n > 1) >= len(histories) // 3
    citations = Counter(ref for a in data.assessments for ref in a.evidence)
    assert max(citations.values()) >= 3
    assert any(len(e.commitments) > 1 for e in data.evidence)
    assert {a.status for a in data.assessments} >= {"not_assessed", "fulfilled", "regressing"}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    paths = [tmp_path / f"{name}.yaml" for name in ("a", "b", "c")]
    for path, seed in zip(paths, (1, 1, 2), strict=True):
        write_synthetic(SMALL, seed, path)
    assert paths[0].read_bytes() == paths[1].read_bytes() != paths[2].read_bytes()


def test_scaled_sizes_keep_the_proportions() -> None:
    tenth = scaled(FULL, 0.1)
    assert (tenth.commitments, tenth.assessments, tenth.evidence) == (2_000, 20_000, 20_000)
    assert scaled(FULL, 1.0) == FULL


def test_command_line(tmp_path: Path) -> None:
    out = tmp_path / "cli.yaml"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tracker",
            "synth",
            "--commitments",
            "20",
            "--actors",
            "6",
            "--assessments",
            "50",
            "--evidence",
            "40",
            "--seed",
            "5",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert load_dataset(out).ok
    bad = subprocess.run(
        [sys.executable, "-m", "tracker", "synth", "--commitments", "0", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
