"""`python -m tracker ingest`: the parse as JSON, draft records that validate, and merges
through the write path that add a resolution or fill a second language and touch nothing else."""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO
from tests.test_loader import MINI_TEXT, write_fixture_copy
from tracker.cli.main import main
from tracker.ingest import clean_extraction, parse_resolution
from tracker.ingest.drafts import draft_records, read_masthead
from tracker.source.loader import load_dataset
from tracker.source.store import previous_versions, records_yaml

BUNDLED = load_dataset(REPO / "commitments.yaml").dataset


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["ingest", *(str(a) for a in args)])
    out, err = capsys.readouterr()
    return code, out, err


def only_additions(old: str, new: str) -> list[str]:
    """The lines `new` adds to `old`; fails if any line of `old` changed or went."""
    added = []
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        assert tag in {"equal", "insert"}, old.splitlines()[i1:i2]
        added += new.splitlines()[j1:j2]
    return added


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the canonical fixture, beside links to the official texts."""
    return write_fixture_copy(MINI_TEXT, tmp_path)


def source(data: Path, name: str) -> Path:
    """An official text as seen from the fixture copy's folder (tmp/sources is a link)."""
    return data.parent.parent.parent / "sources" / name


# --- --json ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["A_RES_58_50_en.txt", "A_RES_58_50_zh.txt"])
def test_json_is_the_parse_in_the_shape_design_md_gives(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, out, err = run(capsys, REPO / "sources" / name, "--json")
    parsed = json.loads(out)
    assert code == 0 and err == ""
    assert {"symbol", "language", "title", "preamble", "operative", "footnotes"} <= set(parsed)
    assert parsed["symbol"] == "A/RES/58/50"
    assert [p["number"] for p in parsed["operative"]] == list(range(1, 11))
    assert all({"number", "verb", "text", "subparagraphs"} <= set(p) for p in parsed["operative"])


def test_json_goes_to_out(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "parse.json"
    code, out, _ = run(capsys, REPO / "sources" / "A_RES_57_58_en.txt", "--json", "-o", out_file)
    assert (code, out) == (0, "")
    assert json.loads(out_file.read_text(encoding="utf-8"))["symbol"] == "A/RES/57/58"


# --- draft records -----------------------------------------------------------------------------


def test_drafts_of_a_new_resolution_are_printed_and_validate(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    """Without --merge the draft records are printed, checked against the data, which is
    left as it was."""
    before = data.read_bytes()
    code, out, err = run(capsys, source(data, "A_RES_57_58_en.txt"), "--data", data)
    assert code == 0, err
    assert data.read_bytes() == before
    records = yaml.safe_load(out)
    assert list(records) == ["resolutions", "actors", "commitments", "assessments"]
    assert [c["id"] for c in records["commitments"]] == [f"A/RES/57/58:OP{n}" for n in range(1, 9)]
    assert records["resolutions"][0]["source_files"] == {"en": "../../sources/A_RES_57_58_en.txt"}
    assert out.startswith("# Draft records of A/RES/57/58")
    assert "warning: no-actor: OP1" in err


def test_drafts_without_a_data_file_are_checked_against_the_model(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(
        capsys, REPO / "sources" / "A_RES_57_58_en.txt", "--data", tmp_path / "none.yaml"
    )
    assert code == 0
    assert "checked against the model only" in err
    assert len(yaml.safe_load(out)["commitments"]) == 8


# --- --merge -----------------------------------------------------------------------------------


def test_merge_adds_a_new_resolution_and_changes_no_other_line(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    old = data.read_text(encoding="utf-8")
    code, _, err = run(
        capsys, source(data, "A_RES_57_58_en.txt"), "--data", data, "--merge", "--editor", "Ana"
    )
    assert code == 0, err
    assert "added the draft records of A/RES/57/58" in err
    added = only_additions(old, data.read_text(encoding="utf-8"))
    assert "- symbol: A/RES/57/58" in added
    result = load_dataset(data)
    assert result.ok, result.problems
    assert result.dataset is not None
    assert len([c for c in result.dataset.commitments if c.resolution == "A/RES/57/58"]) == 8
    assert len(previous_versions(data)) == 1

    again = data.read_bytes()
    code, _, err = run(
        capsys, source(data, "A_RES_57_58_en.txt"), "--data", data, "--merge", "--editor", "Ana"
    )
    assert code == 0 and "nothing to fill" in err
    assert data.read_bytes() == again


ZH_LINES = [
    "    zh: 裁减非战略核武器\n",
    "    zh: ../../sources/A_RES_58_50_zh.txt\n",
    "    zh: 吁请\n",
    "    zh: 决定\n",
    "    zh: 吁请俄罗斯联邦和美利坚合众国将总统核倡议正式定为法律文书，"
    "并就进一步裁减此类武器问题开始进行谈判；\n",
    "    zh: 决定将题为“裁减非战略核武器”的项目列入大会第六十届会议临时议程。\n",
]


def test_a_second_language_fills_the_same_records_line_for_line(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    """The fixture without its Chinese title, source file, verbs and texts gets them back
    from the Chinese text, byte for byte."""
    stripped = MINI_TEXT
    for line in ZH_LINES:
        assert stripped.count(line) == 1
        stripped = stripped.replace(line, "", 1)
    data.write_text(stripped, encoding="utf-8")
    zh_text = source(data, "A_RES_58_50_zh.txt")

    code, out, err = run(capsys, zh_text, "--data", data)
    assert code == 0, err
    assert data.read_text(encoding="utf-8") == stripped
    preview = yaml.safe_load(out)
    assert preview["commitments"][0]["verb"] == {"en": "Calls upon", "zh": "吁请"}

    code, _, err = run(capsys, zh_text, "--data", data, "--merge", "--editor", "李伟")
    assert code == 0, err
    assert f"filled {len(ZH_LINES)} zh texts of A/RES/58/50" in err
    assert data.read_text(encoding="utf-8") == MINI_TEXT


def bare_with_predecessor(tmp_path: Path) -> Path:
    """The fixture's methodology and actors, and A/RES/57/58 as its only resolution."""
    head, rest = MINI_TEXT.split("resolutions:\n", 1)
    actors = "actors:\n" + rest.split("\nactors:\n", 1)[1].split("\ncommitments:\n", 1)[0]
    text = (REPO / "sources" / "A_RES_57_58_en.txt").read_text(encoding="utf-8")
    parsed = parse_resolution(text, "en")
    drafts = draft_records(
        parsed,
        None,
        source_file="../../sources/A_RES_57_58_en.txt",
        refs=clean_extraction(text, "en").refs,
        masthead=read_masthead(text, "en"),
    )
    body = records_yaml({"resolutions": [drafts.resolution]})
    return write_fixture_copy(f"{head}{body}\n{actors}\n", tmp_path, "bare.yaml")


def test_both_texts_of_58_50_merged_give_the_records_in_the_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Merging the English text of A/RES/58/50, then its Chinese text, gives ten commitments
    whose verbs and texts in both languages are those of the bundled data, in a file that
    validates and only ever gained or filled lines."""
    data = bare_with_predecessor(tmp_path)
    start = data.read_text(encoding="utf-8")
    for name in ("A_RES_58_50_en.txt", "A_RES_58_50_zh.txt"):
        code, _, err = run(capsys, source(data, name), "--data", data, "--merge", "--editor", "T")
        assert code == 0, err
    result = load_dataset(data)
    assert result.ok and result.dataset is not None and BUNDLED is not None
    merged = [c for c in result.dataset.commitments if c.resolution == "A/RES/58/50"]
    reviewed = [c for c in BUNDLED.commitments if c.resolution == "A/RES/58/50"]
    assert [(c.id, c.verb, c.text) for c in merged] == [(c.id, c.verb, c.text) for c in reviewed]
    assert {a.id for a in result.dataset.actors} >= {"GBR", "FRA", "CHN"}
    only_additions(start, data.read_text(encoding="utf-8"))


# --- refusals -----------------------------------------------------------------------------------

REFUSALS = [
    # (case, arguments after FILE, exit code, message)
    ("merge-without-editor", ["--merge"], 2, "--merge needs --editor"),
    ("merge-and-json", ["--merge", "--editor", "A", "--json"], 2, "give one of them"),
    ("unknown-language", ["--lang", "xx"], 2, "--lang must be one of"),
    ("chinese-first", ["--lang", "zh"], 1, "English text"),
]


@pytest.mark.parametrize(
    ("case", "options", "code", "message"), REFUSALS, ids=[case[0] for case in REFUSALS]
)
def test_refusals_write_nothing(
    capsys: pytest.CaptureFixture[str],
    data: Path,
    case: str,
    options: list[str],
    code: int,
    message: str,
) -> None:
    name = "A_RES_58_50_zh.txt" if case == "chinese-first" else "A_RES_57_58_en.txt"
    if case == "chinese-first":
        data.write_text(MINI_TEXT.replace("A/RES/58/50", "A/RES/58/49"), encoding="utf-8")
    before = data.read_bytes()
    got, out, err = run(capsys, source(data, name), "--data", data, *options)
    assert (got, out) == (code, "")
    assert message in err
    assert data.read_bytes() == before
    assert previous_versions(data) == []


def test_an_unreadable_text_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, tmp_path / "missing.txt")[0] == 2
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Résolution".encode("latin-1"))
    code, _, err = run(capsys, latin1)
    assert code == 2 and "not UTF-8" in err


def test_data_with_problems_is_not_drafted_against(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    data.write_text(MINI_TEXT.replace("  date_precision: day\n", "  date_precision: weekly\n", 1))
    code, out, err = run(capsys, source(data, "A_RES_57_58_en.txt"), "--data", data)
    assert (code, out) == (1, "")
    assert "unknown-value" in err and "fix them first" in err


def test_the_command_runs_as_a_module() -> None:
    """`python -m tracker ingest --help` names every option."""
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "ingest", "--help"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0
    for option in ("--lang", "--json", "-o", "--data", "--merge", "--editor", "--adopted"):
        assert option in result.stdout
