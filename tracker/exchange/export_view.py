"""The Export page's "what I see": the dashboard's filters read from the query string (or the
session), the ids they keep, the export's tables narrowed to them, the tables as the
Commitments and Evidence pages show them (labels in the reader's language, the visible
columns), and the files and zip of such a view. Pure functions of plain values;
`pages/export.py` is their client.

"What I see" reads the dashboard's filters from the query string, else from the session
(the Commitments and Evidence pages keep them while another page is shown). Keys read:
- Commitments page: `resolution`, `actor`, `status` (ids, repeatable), `change`
  (worsened | improved | changed), `since` (YYYY-MM-DD).
- Evidence page: `ev_actor`, `ev_commitment`, `ev_criterion`, `ev_source`, `ev_confidence`,
  `ev_direction` (ids, repeatable), `ev_resolution` (a symbol: with no `ev_commitment`, every
  paragraph of that resolution), `ev_from`, `ev_to` (YYYY-MM-DD).
Values that are not ids of the data, or not dates, are ignored. The picks that open one
record (`commitment`, `ev_item`, `scorecard`) are not filters. In the view, a table keeps a
row when every id in it (resolution, commitment, actor, evidence, assessment) is in the view,
so the tables still join; assessments and evidence are those known on the as-of date.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from tracker.domain.model import Dataset
from tracker.exchange import export
from tracker.exchange.export import TABLES
from tracker.present import dashboard
from tracker.present.dashboard import CommitmentFilter, EvidenceFilter
from tracker.present.i18n import t
from tracker.query.corrections import recorded_ids

Frames = dict[str, pd.DataFrame]
Progress = Callable[[int, int, str], None]

# Tables that describe the export itself: the same in every view.
DESCRIPTIVE = frozenset({"vocabularies", "data_dictionary"})


# --- the dashboard's view (pure) ---------------------------------------------------------


@dataclass(frozen=True)
class View:
    """The dashboard's filters, as the Commitments and Evidence pages apply them."""

    commitments: CommitmentFilter = field(default_factory=CommitmentFilter)
    evidence: EvidenceFilter = field(default_factory=EvidenceFilter)


@dataclass(frozen=True)
class ViewIds:
    """The ids a view keeps; None means every one."""

    resolutions: frozenset[str] | None
    commitments: frozenset[str]
    actors: frozenset[str] | None
    pairs: frozenset[tuple[str, str]]
    evidence: frozenset[str]
    assessments: frozenset[str]


def _values(
    params: Mapping[str, Sequence[str]], state: Mapping[str, object], key: str
) -> list[str]:
    """A filter's values: from the URL when it has the key, else from the session (the
    widget's own value, or the ids its page last wrote to the URL)."""
    if params.get(key):
        return [str(value) for value in params[key]]
    for name in (key, f"_url_{key}"):
        value = state.get(name)
        if isinstance(value, str | dt.date):
            return [value.isoformat() if isinstance(value, dt.date) else value]
        if isinstance(value, list | tuple):
            return [str(item) for item in value if isinstance(item, str)]
    return []


def _ids(values: Iterable[str], allowed: Iterable[str]) -> tuple[str, ...]:
    known = set(allowed)
    return tuple(dict.fromkeys(value for value in values if value in known))


def _day(values: Sequence[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(values[-1]) if values else None
    except ValueError:
        return None


def read_view(
    params: Mapping[str, Sequence[str]], state: Mapping[str, object], dataset: Dataset
) -> View:
    """The view the query string (or else the session) describes; unknown values dropped."""
    method = dataset.methodology

    def ids(key: str, allowed: Iterable[str]) -> tuple[str, ...]:
        return _ids(_values(params, state, key), allowed)

    actors = [actor.id for actor in dataset.actors]
    commitments = [commitment.id for commitment in dataset.commitments]
    change = ids("change", dashboard.CHANGES)
    resolution = ids("ev_resolution", (c.resolution for c in dataset.commitments))
    return View(
        commitments=CommitmentFilter(
            resolutions=ids("resolution", (r.symbol for r in dataset.resolutions)),
            actors=ids("actor", actors),
            statuses=ids("status", (level.id for level in method.statuses)),
            change=dashboard.as_change(change[-1]) if change else None,
            since=_day(_values(params, state, "since")),
        ),
        evidence=EvidenceFilter(
            actors=ids("ev_actor", actors),
            commitments=dashboard.evidence_commitments(
                dataset,
                resolution[-1] if resolution else None,
                ids("ev_commitment", commitments),
            ),
            criteria=ids("ev_criterion", (term.id for term in method.criteria)),
            source_types=ids("ev_source", (term.id for term in method.source_types)),
            confidences=ids("ev_confidence", (level.id for level in method.confidence_levels)),
            directions=ids("ev_direction", (term.id for term in method.directions)),
            start=_day(_values(params, state, "ev_from")),
            end=_day(_values(params, state, "ev_to")),
        ),
    )


def view_ids(dataset: Dataset, as_of: dt.date, view: View) -> ViewIds:
    """What the view keeps: the commitments and pairs the Commitments page lists, and the
    evidence the Evidence page lists that bears on them; both as known on `as_of`."""
    chosen = view.commitments
    commitments = frozenset(c.id for c in dashboard.filter_commitments(dataset, as_of, chosen))
    if chosen.on_pairs:
        matched = dashboard.kept_pairs(dataset, as_of, chosen)
        pairs = frozenset((pair.commitment, pair.actor) for pair in matched)
    else:
        pairs = frozenset(
            (c.id, actor)
            for c in dataset.commitments
            if c.id in commitments
            for actor in c.addressed.actors
        )
    narrowed = len(commitments) < len(dataset.commitments)
    evidence = frozenset(
        item.id
        for item in dashboard.filter_evidence(dataset, as_of, view.evidence)
        if (not narrowed or commitments.intersection(item.commitments))
        and (not chosen.actors or set(chosen.actors).intersection(item.actors))
    )
    # An export shows the record as it was written: corrected judgements included.
    assessments = recorded_ids(dataset, pairs, as_of)
    return ViewIds(
        resolutions=frozenset(chosen.resolutions) or None,
        commitments=commitments,
        actors=frozenset(chosen.actors) or None,
        pairs=pairs,
        evidence=evidence,
        assessments=assessments,
    )


_ID_COLUMNS = {
    "resolution_symbol": "resolutions",
    "commitment_id": "commitments",
    "actor_id": "actors",
    "evidence_id": "evidence",
    "assessment_id": "assessments",
}


def apply_view(frames: Mapping[str, pd.DataFrame], ids: ViewIds) -> Frames:
    """Each table with the rows whose every id is in the view (an empty id, such as the
    assessment of a pair never assessed, passes); a row with a commitment and an actor
    passes when that pair is in the view."""
    out: Frames = {}
    for name, frame in frames.items():
        if name in DESCRIPTIVE:
            out[name] = frame
            continue
        keep = pd.Series(True, index=frame.index)
        for column, kind in _ID_COLUMNS.items():
            allowed: frozenset[str] | None = getattr(ids, kind)
            if column in frame.columns and allowed is not None:
                keep &= frame[column].eq("") | frame[column].isin(allowed)
        if {"commitment_id", "actor_id"} <= set(frame.columns):
            pairs = pd.Series(list(zip(frame["commitment_id"], frame["actor_id"], strict=True)))
            keep &= pairs.isin(ids.pairs).to_numpy()
        out[name] = frame[keep].reset_index(drop=True)
    return out


def view_params(view: View) -> dict[str, list[str]]:
    """The view's filters as the query string carries them (URL key -> values), in the order
    of the keys above: the export's link then holds the view."""
    chosen, items = view.commitments, view.evidence
    pairs = [
        ("resolution", chosen.resolutions),
        ("actor", chosen.actors),
        ("status", chosen.statuses),
        ("change", (chosen.change,) if chosen.change else ()),
        ("since", (chosen.since.isoformat(),) if chosen.since else ()),
        ("ev_actor", items.actors),
        ("ev_commitment", items.commitments),
        ("ev_criterion", items.criteria),
        ("ev_source", items.source_types),
        ("ev_confidence", items.confidences),
        ("ev_direction", items.directions),
        ("ev_from", (items.start.isoformat(),) if items.start else ()),
        ("ev_to", (items.end.isoformat(),) if items.end else ()),
    ]
    return {key: list(values) for key, values in pairs if values}


def describe_view(view: View) -> list[tuple[str, str]]:
    """The view's filters as (URL key, values) pairs, in the order of the keys above."""
    return [(key, ", ".join(values)) for key, values in view_params(view).items()]


# --- the tables on screen ----------------------------------------------------------------

# The columns each page shows, in its order, with the words of their headers (as the pages'
# column configurations give them).
COMMITMENTS_SCREEN = {
    "paragraph": "table.paragraph",
    "verb": "label.verb",
    "changes": "commitments.column.changes",
    "status": "table.status",
    "criteria": "label.criteria",
    "last_assessed": "commitments.column.last_assessed",
    "stale_days": "commitments.column.stale_days",
    "evidence": "label.evidence_items",
    "addressed": "label.actors_assessed",
}
EVIDENCE_SCREEN = {
    "id": "label.id",
    "date": "label.date",
    "direction": "label.direction",
    "commitments": "label.commitments",
    "actors": "label.actors",
    "criteria": "label.criteria",
    "summary": "label.summary",
    "source": "label.source",
    "publisher": "label.publisher",
    "source_type": "label.source_type",
    "confidence": "label.confidence",
    "verification": "label.verification",
    "url": "column.link",
}


def _as_shown(frame: pd.DataFrame, headers: Mapping[str, str], lang: str) -> pd.DataFrame:
    shown = frame[list(headers)].reset_index(drop=True)
    shown.columns = [t(key, lang) for key in headers.values()]
    return shown


def screen_tables(
    dataset: Dataset, as_of: dt.date, lang: str, view: View
) -> dict[str, pd.DataFrame]:
    """The Commitments and Evidence pages' tables under the view's filters, as they show
    them: the visible columns in their order, headed and labelled in `lang`; by page key.
    The Evidence page lists `dashboard.EVIDENCE_PAGE` items at a time; this holds them all."""
    commitments = dashboard.commitments_table(dataset, as_of, lang, view.commitments)
    items = dashboard.filter_evidence(dataset, as_of, view.evidence)
    evidence = dashboard.evidence_table(dataset, items, lang)
    return {
        "commitments": _as_shown(commitments, COMMITMENTS_SCREEN, lang),
        "evidence": _as_shown(evidence, EVIDENCE_SCREEN, lang),
    }


# --- files -------------------------------------------------------------------------------


def fixed_frames(dataset: Dataset, progress: Progress | None = None) -> Frames:
    """The tables that do not depend on the as-of date (all but `export.AS_OF_TABLES`), one
    at a time, reporting each: built once per dataset by the page."""
    fixed = [table for table in TABLES if table.name not in export.AS_OF_TABLES]
    frames: Frames = {}
    for done, table in enumerate(fixed, start=1):
        frames[table.name] = export.build_table(table.name, dataset, dt.date.min)
        if progress:
            progress(done, len(fixed), table.file_name)
    return frames


def frames_on(fixed: Mapping[str, pd.DataFrame], dataset: Dataset, as_of: dt.date) -> Frames:
    """Every table of the export on `as_of`, in file order: those of `fixed` as they are,
    the others built."""
    return {
        table.name: fixed[table.name]
        if table.name in fixed
        else export.build_table(table.name, dataset, as_of)
        for table in TABLES
    }


def view_files(
    frames: Mapping[str, pd.DataFrame],
    dataset: Dataset,
    as_of: dt.date,
    excel: bool,
    filters: Sequence[tuple[str, str]],
) -> Iterator[tuple[str, bytes]]:
    """The files of `export.export_files` for a view's tables, its filters in README.md."""
    shown = "\n".join(f"- `{key}`: {values}" for key, values in filters) or "- none"
    note = (
        f"\n## This view\nThe tables hold what the dashboard showed on {as_of.isoformat()}: "
        "assessments and evidence known on that date, narrowed by these filters (a row is kept "
        f"when every id in it is in the view):\n{shown}\n"
    )
    descriptor = export.datapackage(dataset.methodology, as_of, excel)
    descriptor["description"] = "A filtered view. " + descriptor["description"]
    yield "README.md", (export.readme(as_of, excel) + note).encode("utf-8")
    yield "datapackage.json", (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode()
    for table in TABLES:
        yield table.file_name, export.csv_bytes(frames[table.name], excel)


def file_stem(name: str, as_of: dt.date, in_view: bool, excel: bool) -> str:
    """The name of a table's download, without `.csv`."""
    return f"{name}-{as_of.isoformat()}{'-view' if in_view else ''}{'-excel' if excel else ''}"


def size_label(size: int) -> str:
    """'12 KB', or '512 B' under a kilobyte."""
    return f"{size / 1024:,.0f} KB" if size >= 1024 else f"{size} B"
