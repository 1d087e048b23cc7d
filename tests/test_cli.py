"""`python -m tracker validate`: exit codes and output that other tools rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.test_loader import MINI, MINI_TEXT, line_of, write_fixture_copy


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], capture_output=True, text=True, check=False
    )


def broken_copy(tmp_path: Path) -> Path:
    """The fixture with a duplicate key, a dangling evidence id and a javascript: URL."""
    text = MINI_TEXT.replace(
        "  date_precision: day\n", "  date_precision: day\n  date_precision: day\n", 1
    )
    text = text.replace("  evidence:\n  - E01\n", "  evidence:\n  - E77\n", 1)
    text = text.replace("legal instrument or negotiation on record (E01)", "... (E77)", 1)
    text = text.replace("没有法律文书或谈判的记录（E01）", "……（E77）", 1)
    text = text.replace(
        "url: http://www.armscontrol.org/factsheets/pniglance", "url: javascript:alert(1)"
    )
    return write_fixture_copy(text, tmp_path, "broken.yaml")


def test_valid_file_exits_0() -> None:
    result = run("validate", str(MINI))
    assert result.returncode == 0
    assert result.stdout == ""


def test_each_problem_is_one_path_line_col_line(tmp_path: Path) -> None:
    """One run names the duplicate key, the dangling evidence id and the URL, each on its line."""
    path = broken_copy(tmp_path)
    result = run("validate", str(path))
    assert result.returncode == 1
    duplicate = line_of(MINI_TEXT, "date_precision: day") + 1
    dangling = line_of(MINI_TEXT, "  - E01", 1) + 1  # shifted by the repeated line
    url_line = line_of(MINI_TEXT, "url: http://www.armscontrol.org/factsheets/pniglance") + 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"{path}:{duplicate}:3: duplicate-key: key 'date_precision' appears again "
        f"(first on line {duplicate - 1})"
    )
    assert [line.split(": ")[0:2] for line in lines[1:]] == sorted(
        [[f"{path}:{url_line}:10", "bad-url"], [f"{path}:{dangling}:5", "dangling-reference"]]
    )


def test_json_format_lists_problem_objects(tmp_path: Path) -> None:
    path = broken_copy(tmp_path)
    result = run("validate", str(path), "--format", "json")
    problems = json.loads(result.stdout)
    assert result.returncode == 1
    assert [p["code"] for p in problems] == ["duplicate-key", "bad-url", "dangling-reference"]
    assert set(problems[0]) >= {"code", "line", "column", "path", "message"}


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "file-unreadable" in result.stdout


def test_validate_reports_progress_up_to_done() -> None:
    """The bar's feed: steps in order, ending at the whole (the bar itself draws only on a
    terminal after a second, so this checks what it is given)."""
    from tracker.cli.validate import validate

    seen: list[tuple[int, int, str]] = []
    assert (
        validate(str(MINI), "json", lambda done, total, step: seen.append((done, total, step))) == 0
    )
    assert seen[0][2] == "read"
    assert seen[-1] == (1000, 1000, "done")
    assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen)


# --- python -m tracker brief -----------------------------------------------------------------


def test_brief_writes_the_html_brief_of_the_newest_review(
    meeting_data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "brief.html"
    result = run("brief", str(meeting_data), "--out", str(out), "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert "wrote the html brief of review-2026-12-07, status as of 2026-12-07" in result.stderr
    document = out.read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in document
    assert "十二月状态审议" in document and "本次会议的决定" in document
    assert "plotly" not in document.lower()  # the short brief draws no chart


def test_brief_full_adds_every_commitment(meeting_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "full.html"
    result = run("brief", str(meeting_data), "--out", str(out), "--full", "--review", "none")
    assert result.returncode == 0, result.stderr
    document = out.read_text(encoding="utf-8")
    assert document.count('<section class="commitment"') == 18
    assert "No meeting chosen" in document


def test_brief_of_an_unknown_review_writes_nothing(meeting_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    result = run("brief", str(meeting_data), "--out", str(out), "--review", "R9")
    assert result.returncode == 1
    assert "brief: no review 'R9' in the data (reviews: review-2026-12-07)" in result.stderr
    assert not out.exists()


def test_brief_of_a_file_with_problems_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    result = run("brief", str(broken_copy(tmp_path)), "--out", str(out))
    assert result.returncode == 1
    assert "duplicate-key" in result.stderr and "nothing done" in result.stderr
    assert not out.exists()


def test_brief_to_a_folder_that_does_not_exist_exits_2(tmp_path: Path) -> None:
    result = run("brief", str(MINI), "--out", str(tmp_path / "no" / "brief.html"))
    assert result.returncode == 2
    assert "brief: cannot write" in result.stderr
