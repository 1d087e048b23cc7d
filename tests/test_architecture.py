"""The core stands in layers (the contracts in pyproject.toml, checked by import-linter), never
imports streamlit, and `validate` reads the data without pandas, numpy, pyarrow or plotly."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from tests.helpers import MINI, REPO

CORE = REPO / "tracker"


def _run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    return result.stdout.strip()


def test_import_contracts_are_kept() -> None:
    """Each layer imports only those below it (domain < source < query < present <
    exchange | ingest < cli); the core never imports streamlit; validate no pandas."""
    contracts = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
    result = subprocess.run(
        [Path(sys.executable).parent / "lint-imports", "--no-cache"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    if result.returncode != 0:  # the report names the import chain that breaks a contract
        raise AssertionError(result.stdout + result.stderr)
    assert f"{len(contracts['contracts'])} kept, 0 broken" in result.stdout


def test_core_never_imports_streamlit_at_run_time() -> None:
    """Importing every core module leaves streamlit out of sys.modules (this also catches an
    import by importlib, which the static contracts cannot see)."""
    modules = sorted(
        ".".join(path.relative_to(REPO).with_suffix("").parts)
        for path in CORE.rglob("*.py")
        if path.name != "__main__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print('streamlit' in sys.modules)\n"
    )
    assert _run_python(code) == "False"
    assert len(modules) > 5


def test_validate_runs_without_pandas_numpy_pyarrow_or_plotly() -> None:
    code = (
        "import sys\n"
        "from tracker.cli.main import main\n"
        f"status = main(['validate', {str(MINI)!r}])\n"
        "print(status, sorted({'pandas', 'numpy', 'pyarrow', 'plotly'} & set(sys.modules)))\n"
    )
    assert _run_python(code) == "0 []"
