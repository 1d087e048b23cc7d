"""Write a dataset back out as YAML that loads into an equal dataset."""

from __future__ import annotations

from typing import Any

import yaml

from tracker.domain.model import Dataset

Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dataset_to_data(dataset: Dataset) -> dict[str, Any]:
    """Plain data: ISO strings for dates, defaults left out so the file stays short."""
    data: dict[str, Any] = dataset.model_dump(mode="json", exclude_defaults=True)
    data["schema_version"] = dataset.schema_version
    return data


def dump_dataset(dataset: Dataset) -> str:
    return yaml.dump(
        dataset_to_data(dataset), Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100
    )
