"""The dataset index (`tracker.query.index`) gives the answers of the plain definitions.

Each reference below is the straightforward scan the index replaces (the code the analysis
functions had before it). They are compared on the real data file, the canonical fixture, a
synthetic dataset of realistic shape, and a fixture with awkward cases added (two judgements
of a pair on one day, an assessment of a pair no paragraph addresses, evidence cited twice,
partial dates that start on the same day), on every day where an answer can change.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.helpers import REPO
from tests.test_loader import MINI
from tracker.domain.languages import pick
from tracker.domain.model import Assessment, Criterion, Dataset, Evidence
from tracker.domain.scale import not_judged
from tracker.domain.transitions import transitions
from tracker.exchange import export
from tracker.present import charts, dashboard
from tracker.present.i18n import pick_marked
from tracker.query.index import Pair, index_of
from tracker.source.loader import load_dataset
from tracker.source.synth import Size, write_synthetic

# --- the plain definitions ---------------------------------------------------------------


def plain_effective(data: Dataset) -> list[Assessment]:
    """The assessments no other assessment corrects: only these count."""
    corrected = {a.corrects.assessment for a in data.assessments if a.corrects is not None}
    return [a for a in data.assessments if a.id not in corrected]


def plain_history(data: Dataset, pair: Pair, as_of: dt.date | None) -> list[Assessment]:
    found = [
        a
        for a in plain_effective(data)
        if a.commitment == pair.commitment
        and a.actor == pair.actor
        and (as_of is None or a.date <= as_of)
    ]
    return sorted(found, key=lambda a: (a.date, a.id))


def plain_latest(data: Dataset, as_of: dt.date) -> dict[Pair, Assessment]:
    latest: dict[Pair, Assessment] = {}
    for assessment in plain_effective(data):
        if assessment.date > as_of:
            continue
        pair = Pair(assessment.commitment, assessment.actor)
        known = latest.get(pair)
        if known is None or (assessment.date, assessment.id) > (known.date, known.id):
            latest[pair] = assessment
    return latest


def plain_evidence_as_of(data: Dataset, as_of: dt.date) -> list[Evidence]:
    return [item for item in data.evidence if item.start <= as_of]


def plain_status_table(data: Dataset, as_of: dt.date) -> pd.DataFrame:
    latest = plain_latest(data, as_of)
    evidence = {e.id: e for e in data.evidence}
    not_assessed = data.methodology.not_assessed_status
    rows = []
    for c in data.commitments:
        for actor in c.addressed.actors:
            assessment = latest.get(Pair(c.id, actor))
            cited = (
                [evidence[ref] for ref in assessment.evidence if ref in evidence]
                if assessment
                else []
            )
            newest = max((e.start for e in cited), default=None)
            rows.append(
                {
                    "commitment": c.id,
                    "actor": actor,
                    "status": assessment.status if assessment else not_assessed,
                    "assessed_on": assessment.date if assessment else None,
                    "assessment": assessment.id if assessment else None,
                    "confidence": assessment.confidence if assessment else None,
                    "evidence_count": len(cited),
                    "newest_evidence": newest,
                    "stale_days": (as_of - newest).days if newest else None,
                    **{
                        f"rating_{k}": v
                        for k, v in (assessment.ratings.items() if assessment else [])
                    },
                }
            )
    return pd.DataFrame(rows)


def plain_commitment_evidence(data: Dataset, commitment: str, as_of: dt.date) -> list[Evidence]:
    found = [e for e in plain_evidence_as_of(data, as_of) if commitment in e.commitments]
    return sorted(found, key=lambda e: (e.start, e.id), reverse=True)


def plain_steps(data: Dataset, pair: Pair, as_of: dt.date) -> list[tuple[str, str, str | None]]:
    method = data.methodology
    order = {level.id: level.order for level in method.statuses}
    found = plain_history(data, pair, as_of)
    out: list[tuple[str, str, str | None]] = []
    previous = None
    for assessment, move in zip(found, transitions(found, order, not_judged(method)), strict=True):
        out.append((assessment.id, move, previous))
        if move != "unassessed":
            previous = assessment.status
    return out


def plain_filter(data: Dataset, as_of: dt.date, filt: dashboard.EvidenceFilter) -> list[str]:
    def shares(values: object, wanted: tuple[str, ...]) -> bool:
        return not wanted or any(value in wanted for value in values)  # type: ignore[attr-defined]

    found = [
        item
        for item in plain_evidence_as_of(data, as_of)
        if shares(item.actors, filt.actors)
        and shares(item.commitments, filt.commitments)
        and shares([str(c) for c in item.criteria], filt.criteria)
        and shares([item.source.type], filt.source_types)
        and shares([item.confidence], filt.confidences)
        and shares([str(item.direction)], filt.directions)
        and (filt.start is None or item.start >= filt.start)
        and (filt.end is None or item.start <= filt.end)
    ]
    return [e.id for e in sorted(found, key=lambda e: (e.start, e.id), reverse=True)]


def plain_commitments_table(
    data: Dataset, as_of: dt.date, lang: str, filt: dashboard.CommitmentFilter
) -> pd.DataFrame:
    """The Commitments page's table, row by row (the code it had before its columns became
    array operations)."""
    labels = {level.id: pick(level.label, lang) for level in data.methodology.statuses}
    criteria = {term.id: pick(term.label, lang) for term in data.methodology.criteria}
    latest = plain_latest(data, as_of)
    evidence = {e.id: e for e in data.evidence}
    by_id = {a.id: a for a in data.assessments}
    matches = {m.pair: m for m in dashboard.match_pairs(data, as_of, filt)} if filt.on_pairs else {}
    not_assessed = labels[data.methodology.not_assessed_status]

    def describe(assessment: Assessment, previous: str | None, actor: str) -> str:
        after = labels[assessment.status]
        before = labels[previous] if previous else None
        change = f"{before} → {after}" if before and before != after else after
        return f"{actor} {assessment.date.isoformat()}: {change}"

    rows = []
    for commitment in dashboard.filter_commitments(data, as_of, filt):
        statuses, changes, assessed, stale = [], [], [], []
        for actor in commitment.addressed.actors:
            pair = Pair(commitment.id, actor)
            assessment = latest.get(pair)
            if assessment is None:
                statuses.append(f"{actor}: {not_assessed}")
            else:
                statuses.append(f"{actor}: {labels[assessment.status]}")
                assessed.append(assessment.date)
                cited = [evidence[ref].start for ref in assessment.evidence if ref in evidence]
                if cited:
                    stale.append((as_of - max(cited)).days)
            if filt.wants_change:
                shown = [
                    describe(step.assessment, step.previous, actor)
                    for step in (matches[pair].changes if pair in matches else ())
                ]
            elif filt.actors and actor not in filt.actors:
                shown = []
            else:
                moves = [
                    s for s in plain_steps(data, pair, as_of) if s[1] in {"improved", "worsened"}
                ]
                shown = [describe(by_id[moves[-1][0]], moves[-1][2], actor)] if moves else []
            changes += shown
        rows.append(
            {
                "id": commitment.id,
                "paragraph": charts.commitment_label(data, commitment),
                "verb": pick_marked(commitment.verb, lang),
                "addressed": ", ".join(commitment.addressed.actors),
                "status": " · ".join(statuses),
                "changes": " · ".join(changes),
                "criteria": ", ".join(criteria[g.criterion] for g in commitment.criteria),
                "last_assessed": max(assessed, default=None),
                "stale_days": max(stale, default=None),
                "evidence": len(plain_commitment_evidence(data, commitment.id, as_of)),
            }
        )
    frame = pd.DataFrame(rows, columns=list(dashboard.COMMITMENT_COLUMNS))
    frame["stale_days"] = frame["stale_days"].astype("Int64")
    return frame


def plain_current_status(data: Dataset, as_of: dt.date) -> pd.DataFrame:
    """The export's current_status table from the plain status table (the code it had
    before it took its columns from facts built once per dataset)."""
    table = plain_status_table(data, as_of).reset_index(drop=True)
    if table.empty:
        return export.to_frame(export.CURRENT_STATUS, [])
    size = len(table)

    def text(name: str) -> pd.Series:
        if name not in table:
            return pd.Series([""] * size, dtype="str")
        column = table[name]
        return column.where(column.notna(), "").astype("str")

    def days(name: str) -> pd.Series:
        return pd.to_datetime(table[name])

    columns: dict[str, pd.Series] = {
        "commitment_id": text("commitment"),
        "actor_id": text("actor"),
        "as_of": pd.Series(np.full(size, np.datetime64(as_of, "D"))),
        "status": text("status"),
        "assessment_id": text("assessment"),
        "assessed_on": days("assessed_on"),
        "confidence": text("confidence"),
        **{f"rating_{c}": text(f"rating_{c}") for c in Criterion},
        "evidence_count": table["evidence_count"].astype("Int64"),
        "newest_evidence_start": days("newest_evidence"),
        "stale_days": pd.to_numeric(table["stale_days"]).astype("Float64").astype("Int64"),
    }
    return export.columns_frame(export.CURRENT_STATUS, columns)


def plain_match_pairs(
    data: Dataset, as_of: dt.date, filt: dashboard.CommitmentFilter
) -> list[tuple[Pair, str, list[tuple[str, str]]]]:
    """The pairs a filter keeps, pair by pair: (pair, status in force, [(assessment id,
    transition) of each change that qualified it])."""
    latest = plain_latest(data, as_of)
    by_id = {a.id: a for a in data.assessments}
    kinds = {"worsened": {"worsened"}, "improved": {"improved"}}.get(
        filt.change or "", {"worsened", "improved"}
    )
    out = []
    for commitment in sorted(data.commitments, key=lambda c: (c.resolution, c.paragraph)):
        if filt.resolutions and commitment.resolution not in filt.resolutions:
            continue
        for actor in commitment.addressed.actors:
            if filt.actors and actor not in filt.actors:
                continue
            pair = Pair(commitment.id, actor)
            in_force = latest.get(pair)
            status = in_force.status if in_force else data.methodology.not_assessed_status
            if filt.statuses and status not in filt.statuses:
                continue
            changes = [
                (assessment, move)
                for assessment, move, _ in plain_steps(data, pair, as_of)
                if move in kinds and (filt.since is None or by_id[assessment].date >= filt.since)
            ]
            if filt.wants_change and not changes:
                continue
            out.append((pair, status, changes if filt.wants_change else []))
    return out


# --- the datasets ------------------------------------------------------------------------


def _load(path: Path) -> Dataset:
    result = load_dataset(path)
    assert result.dataset is not None, [str(p) for p in result.problems[:3]]
    return result.dataset


def _awkward() -> Dataset:
    """The fixture with the cases a sort or a binary search could get wrong."""
    data = _load(MINI)
    first = data.assessments[0]
    statuses = [level.id for level in data.methodology.statuses]
    same_day = [
        first.model_copy(update={"id": f"{first.id}-same-{n}", "status": statuses[n % 3]})
        for n in range(3)
    ]
    commitment = data.commitments[0]
    stranger = next(
        a.id for a in data.actors if a.id not in commitment.addressed.actors
    )  # a pair no paragraph addresses
    unaddressed = first.model_copy(
        update={"id": "AS-UNADDRESSED", "commitment": commitment.id, "actor": stranger}
    )
    item = data.evidence[0]
    twice = item.model_copy(
        update={
            "id": "EV-TWICE",
            "date": item.date[:4],
            "commitments": (*item.commitments, *item.commitments),
        }
    )
    month = item.model_copy(update={"id": "EV-MONTH", "date": item.date[:7]})
    citing = first.model_copy(
        update={"id": "AS-CITES", "evidence": ("EV-TWICE", "EV-TWICE", "EV-MISSING")}
    )
    return data.model_copy(
        update={
            "assessments": (*same_day, *data.assessments, unaddressed, citing),
            "evidence": (month, *data.evidence, twice),
        }
    )


def _synthetic(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    path = tmp_path_factory.mktemp("synth") / "synth.yaml"
    write_synthetic(Size(commitments=40, actors=10, assessments=400, evidence=300), 11, path)
    return _load(path)


@pytest.fixture(scope="module", params=["real", "mini", "awkward", "synthetic"])
def data(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    if request.param == "real":
        return _load(REPO / "commitments.yaml")
    if request.param == "mini":
        return _load(MINI)
    if request.param == "awkward":
        return _awkward()
    return _synthetic(tmp_path_factory)


def days(data: Dataset) -> list[dt.date]:
    """Each day on which an answer can change, the day before, and a few others."""
    out = {dt.date(1999, 1, 1), dt.date(2100, 1, 1)}
    for assessment in data.assessments:
        out |= {assessment.date, assessment.date - dt.timedelta(days=1)}
    for item in data.evidence:
        out |= {item.start, item.start - dt.timedelta(days=1)}
    every = sorted(out)
    return every if len(every) <= 40 else every[:: len(every) // 40]


# --- the comparisons ---------------------------------------------------------------------


def test_histories_and_steps(data: Dataset) -> None:
    pairs = {Pair(a.commitment, a.actor) for a in data.assessments} | set(
        list(index_of(data).pairs)
    )
    for as_of in [None, *days(data)]:
        for pair in sorted(pairs, key=lambda p: (p.commitment, p.actor)):
            assert index_of(data).history(pair, as_of) == plain_history(data, pair, as_of)
            if as_of is None:
                continue
            found = dashboard.steps(data, pair, as_of)
            plain = plain_steps(data, pair, as_of)
            assert [(s.assessment.id, s.transition, s.previous) for s in found] == plain


def test_status_table_column_by_column(data: Dataset) -> None:
    for as_of in days(data):
        pd.testing.assert_frame_equal(
            index_of(data).status_table(as_of), plain_status_table(data, as_of)
        )


def test_current_status_export_column_by_column(data: Dataset) -> None:
    for as_of in days(data):
        pd.testing.assert_frame_equal(
            export.current_status_table(data, as_of), plain_current_status(data, as_of)
        )


def test_evidence_as_of_and_by_commitment(data: Dataset) -> None:
    for as_of in days(data):
        known = index_of(data).evidence.take(index_of(data).known_newest_first(as_of))
        plain = sorted(plain_evidence_as_of(data, as_of), key=lambda e: (e.start, e.id))
        assert known == plain[::-1]
        for commitment in data.commitments:
            plain = plain_commitment_evidence(data, commitment.id, as_of)
            assert index_of(data).commitment_evidence(commitment.id, as_of) == plain
            assert index_of(data).evidence_count(commitment.id, as_of) == len(plain)


def test_evidence_filters(data: Dataset) -> None:
    item = data.evidence[-1]
    filters = [
        dashboard.EvidenceFilter(),
        dashboard.EvidenceFilter(actors=item.actors[:1]),
        dashboard.EvidenceFilter(commitments=item.commitments, directions=(str(item.direction),)),
        dashboard.EvidenceFilter(source_types=(item.source.type,), confidences=(item.confidence,)),
        dashboard.EvidenceFilter(criteria=tuple(str(c) for c in item.criteria) or ("x",)),
        dashboard.EvidenceFilter(start=item.start, end=item.start + dt.timedelta(days=400)),
        dashboard.EvidenceFilter(actors=("NOBODY",)),
    ]
    for as_of in days(data)[::4]:
        for filt in filters:
            found = [e.id for e in dashboard.filter_evidence(data, as_of, filt)]
            assert found == plain_filter(data, as_of, filt), filt


def test_per_actor_counts(data: Dataset) -> None:
    for as_of in days(data)[::4]:
        table = plain_status_table(data, as_of)
        for actor in data.actors:
            plain = (
                Counter(table.loc[table["actor"] == actor.id, "status"].tolist())
                if not table.empty
                else Counter()
            )
            assert dashboard.status_counts(data, actor.id, as_of) == plain


def test_commitment_summary_counts(data: Dataset) -> None:
    as_of = dt.date(2026, 1, 1)
    summary = charts.commitments_summary(data, as_of, "en")
    ordered = sorted(data.commitments, key=lambda c: (c.resolution, c.paragraph))
    assert summary["evidence"].tolist() == [
        len(plain_commitment_evidence(data, c.id, as_of)) for c in ordered
    ]


def test_one_index_per_dataset_dropped_with_it() -> None:
    data = _load(MINI)
    assert index_of(data) is index_of(data)
    other = data.model_copy(update={"assessments": data.assessments[:1]})
    assert index_of(other) is not index_of(data)
    assert len(index_of(other).sorted) == 1
    from tracker.query import index as module

    key = id(other)
    del other
    gc.collect()
    assert key not in module._indexes


def test_headline_counts_and_oldest(data: Dataset) -> None:
    """The headline agrees with the plain status table, over the pairs of the resolutions
    adopted by the day."""
    adopted = {r.symbol: r.adopted for r in data.resolutions}
    commitments = {c.id: c for c in data.commitments}
    unjudged = not_judged(data.methodology)
    for as_of in days(data)[::3]:
        table = plain_status_table(data, as_of)
        if not table.empty:
            exists = [adopted[commitments[c].resolution] <= as_of for c in table["commitment"]]
            table = table[exists]
        found = charts.headline(data, as_of)
        statuses = [] if table.empty else table["status"].tolist()
        regressing, progressing = charts.status_groups(data)
        assert found.pairs == len(statuses)
        assert found.judged == sum(s not in unjudged for s in statuses)
        assert found.not_assessed == statuses.count(data.methodology.not_assessed_status)
        assert found.regressing == sum(s in {x.id for x in regressing} for s in statuses)
        assert found.progressing == sum(s in {x.id for x in progressing} for s in statuses)
        judged = table if table.empty else table[~table["status"].isin(unjudged)]
        if judged.empty:
            assert found.oldest is None
            continue
        row = judged.loc[judged["assessed_on"].idxmin()]
        assert found.oldest is not None
        assert found.oldest.judged_on == row["assessed_on"]
        assert found.oldest.pair == Pair(row["commitment"], row["actor"])


def commitment_filters(data: Dataset) -> list[dashboard.CommitmentFilter]:
    """No filter, each kind of filter alone, some together, and one that lists nothing."""
    actors = [a for c in data.commitments for a in c.addressed.actors]
    statuses = [level.id for level in data.methodology.statuses]
    resolution = data.commitments[-1].resolution
    late = max((a.date for a in data.assessments), default=dt.date(2020, 1, 1))
    return [
        dashboard.CommitmentFilter(),
        dashboard.CommitmentFilter(resolutions=(resolution,)),
        dashboard.CommitmentFilter(actors=tuple(actors[:2])),
        dashboard.CommitmentFilter(statuses=tuple(statuses[:2])),
        dashboard.CommitmentFilter(change="worsened"),
        dashboard.CommitmentFilter(change="improved", since=late - dt.timedelta(days=2000)),
        dashboard.CommitmentFilter(change="changed", actors=tuple(actors[-1:])),
        dashboard.CommitmentFilter(since=late - dt.timedelta(days=400)),
        dashboard.CommitmentFilter(resolutions=(resolution,), statuses=tuple(statuses[-1:])),
        dashboard.CommitmentFilter(actors=("NOBODY",)),
    ]


def test_match_pairs_pair_by_pair(data: Dataset) -> None:
    for as_of in days(data)[::3]:
        for filt in commitment_filters(data):
            found = [
                (m.pair, m.status, [(s.assessment.id, s.transition) for s in m.changes])
                for m in dashboard.match_pairs(data, as_of, filt)
            ]
            plain = plain_match_pairs(data, as_of, filt)
            assert found == plain, (as_of, filt)
            assert dashboard.kept_pairs(data, as_of, filt) == [pair for pair, _, _ in plain]
            if filt.on_pairs:
                listed = dict.fromkeys(pair.commitment for pair, _, _ in plain)
                found_ids = [c.id for c in dashboard.filter_commitments(data, as_of, filt)]
                assert found_ids == list(listed), (as_of, filt)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_commitments_table_row_by_row(data: Dataset, lang: str) -> None:
    for as_of in days(data)[::5]:
        for filt in commitment_filters(data):
            pd.testing.assert_frame_equal(
                dashboard.commitments_table(data, as_of, lang, filt),
                plain_commitments_table(data, as_of, lang, filt),
                obj=f"{as_of} {filt}",
            )
    ordered = sorted(data.commitments, key=lambda c: (c.resolution, c.paragraph))
    assert list(dashboard.commitment_choices(data, lang).items()) == [
        (c.id, f"{charts.commitment_label(data, c)} · {pick(c.verb, lang)}") for c in ordered
    ]
