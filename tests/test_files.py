"""Files the tracker writes outside the data file's write path (the export, the schema, a
synthetic dataset, ingest drafts): each is new, never written through a symlink, and replaces
its target whole or not at all."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tests.test_loader import MINI
from tracker.exchange.export import write_export
from tracker.source.files import replace_whole, replaced_whole, write_new
from tracker.source.loader import load_dataset
from tracker.source.schema import write_schema
from tracker.source.synth import Size, write_synthetic

VICTIM = b"a file the attacker wants overwritten\n"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_bytes(VICTIM)
    return path


def test_a_new_file_is_never_an_existing_one_nor_a_symlink(tmp_path: Path, victim: Path) -> None:
    planted = tmp_path / "planted"
    planted.symlink_to(victim)
    for path in (planted, victim):
        with pytest.raises(FileExistsError):
            write_new(path, b"x", 0o600)
    assert victim.read_bytes() == VICTIM
    write_new(tmp_path / "fresh", b"x", 0o600)
    assert oct((tmp_path / "fresh").stat().st_mode & 0o777) == oct(0o600)


def test_a_failed_write_leaves_the_old_file_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old\n")
    with pytest.raises(RuntimeError), replaced_whole(target) as handle:
        handle.write(b"half")
        raise RuntimeError("stopped mid-write")
    assert target.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_symlink_at_the_target_is_replaced_not_followed(tmp_path: Path, victim: Path) -> None:
    target = tmp_path / "schema.json"
    target.symlink_to(victim)
    replace_whole(target, b"{}\n")
    assert victim.read_bytes() == VICTIM
    assert not target.is_symlink() and target.read_bytes() == b"{}\n"


def plant(folder: Path, name: str, victim: Path) -> None:
    (folder / name).symlink_to(victim)


def test_the_export_ignores_symlinks_at_its_old_temporary_names(
    tmp_path: Path, victim: Path
) -> None:
    """The export used to write `.NAME.partial` then rename: a symlink planted there in a
    shared output folder sent the export's bytes into its target."""
    out = tmp_path / "export"
    out.mkdir()
    plant(out, ".README.md.partial", victim)
    loaded = load_dataset(MINI, today=dt.date(2026, 12, 7))
    assert loaded.dataset is not None
    written = write_export(loaded.dataset, out, dt.date(2026, 12, 7), excel=False)
    assert victim.read_bytes() == VICTIM
    assert out / "README.md" in written and not (out / "README.md").is_symlink()


def test_the_schema_and_a_synthetic_file_ignore_planted_symlinks(
    tmp_path: Path, victim: Path
) -> None:
    schema = tmp_path / "schema.json"
    schema.symlink_to(victim)
    write_schema(schema)
    synthetic = tmp_path / "synthetic.yaml"
    plant(tmp_path, ".synthetic.yaml.tmp-synth", victim)
    write_synthetic(Size(commitments=4, actors=10, assessments=20, evidence=10), 1, synthetic)
    assert victim.read_bytes() == VICTIM
    assert schema.read_text(encoding="utf-8").startswith("{")
    assert load_dataset(synthetic).dataset is not None
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == [
        ".synthetic.yaml.tmp-synth"
    ]
    os.unlink(tmp_path / ".synthetic.yaml.tmp-synth")
