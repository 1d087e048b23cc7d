"""The JSON Schema of the data file, generated from the model so that an editor can validate
`commitments.yaml` as the analyst types (see the comment at the top of that file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tracker.domain.model import Dataset
from tracker.source.files import replace_whole

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "commitments.schema.json"


def json_schema() -> dict[str, Any]:
    schema = Dataset.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "commitment-tracker data file"
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_whole(path, schema_text().encode("utf-8"))
