"""The published JSON Schema matches the model, and the data file points editors at it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from tracker.source.schema import SCHEMA_PATH, schema_text


def as_editor_sees_it(path: str) -> Any:
    """The data as a YAML 1.2 editor reads it: dates stay strings."""

    def strings_for_dates(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {key: strings_for_dates(item) for key, item in value.items()}
        if isinstance(value, list):
            return [strings_for_dates(item) for item in value]
        return value

    return strings_for_dates(yaml.safe_load(Path(path).read_text(encoding="utf-8")))


def test_published_schema_is_up_to_date() -> None:
    """Regenerate with `python -m tracker schema` when this fails."""
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()


def test_data_file_references_the_schema() -> None:
    first_line = Path("commitments.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schema/commitments.schema.json"


def test_bundled_data_validates_against_the_json_schema() -> None:
    """What an editor checks as the analyst types agrees with the loader on the real file."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    data = as_editor_sees_it("commitments.yaml")
    jsonschema.validate(data, schema)


def test_json_schema_rejects_an_unknown_field() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    data = as_editor_sees_it("commitments.yaml")
    data["actors"][0]["nmae"] = "typo"
    validator = jsonschema.Draft202012Validator(schema)
    assert any("nmae" in error.message for error in validator.iter_errors(data))
