"""What the Voting record and Roll call pages show of the recorded votes: the caveats of the
data in the chosen language, vote and kind labels and colours, the two figures (a State's
votes by year, its agreement with other States), and the tables that put a State's vote
beside what it has done on the commitments the tracker holds."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tracker.domain.languages import pick
from tracker.domain.model import Actor, Commitment, Dataset
from tracker.present.i18n import t
from tracker.query.index import Pair, index_of
from tracker.query.names import commitment_label
from tracker.query.votes import (
    NO_ROW_LABEL,
    RollCall,
    agreement_by_year,
    agreement_overall,
    chosen_roll_calls,
    record_by_year,
    same_resolution,
    state_roll_calls,
    whole_text_votes,
)
from tracker.source.votes_table import NO_ROW, VOTE_VALUES, Votes

SEPARATOR = " · "
VOTE_LABELS = (*VOTE_VALUES, NO_ROW_LABEL)
# Totals in the order of the UN's press releases: yes, no, abstain ("128-4-43").
TOTALS_ORDER = ("yes", "no", "abstain")
VOTE_COLOURS = {
    "yes": "#2e7d32",
    "abstain": "#f9a825",
    "no": "#c62828",
    NO_ROW_LABEL: "#9e9e9e",
}
VOTE_KEYS = {
    "yes": "votes.vote.yes",
    "abstain": "votes.vote.abstain",
    "no": "votes.vote.no",
    NO_ROW_LABEL: "votes.vote.no_row",
}
KIND_KEYS = {
    "whole_text": "votes.kind.whole_text",
    "paragraph": "votes.kind.paragraph",
    "amendment": "votes.kind.amendment",
}
VIEW_KEYS = {"whole_text": "votes.view.whole_text", "separate": "votes.view.separate"}
ISSUE_KEYS = {"arms": "votes.issue.arms", "nuclear": "votes.issue.nuclear"}
# The caveats of data/votes/disarmament/SOURCES.md, in the order a reader needs them.
CAVEATS = (
    "votes.caveat.no_row",
    "votes.caveat.coverage",
    "votes.caveat.repeats",
    "votes.caveat.dates",
    "votes.caveat.issues",
    "votes.caveat.names",
    "votes.caveat.symbols",
)
# Notes on the States whose name in the dataset holds another seat's votes too.
STATE_NOTES = {
    "Russia": "votes.note.russia",
    "Taiwan": "votes.note.taiwan",
    "China": "votes.note.china",
}


def caveats(lang: str) -> list[str]:
    """Every caveat a reader of the votes must see, as Markdown lines."""
    return [t(key, lang) for key in CAVEATS]


def caveats_markdown(lang: str) -> str:
    """The caveats as one Markdown list, then the source."""
    items = "\n".join(f"- {line}" for line in caveats(lang))
    return f"{items}\n\n{t('votes.source', lang)}"


def state_note(state: str, lang: str) -> str | None:
    """What a reader must know about this State's name in the dataset, if anything."""
    key = STATE_NOTES.get(state)
    return t(key, lang) if key else None


def vote_label(vote: str, lang: str) -> str:
    return t(VOTE_KEYS[vote], lang)


def kind_label(kind: str, lang: str) -> str:
    return t(KIND_KEYS[kind], lang)


def state_labels(votes: Votes) -> dict[str, str]:
    """Each State as the pickers show it: the dataset's name and code ('Russia · RU')."""
    return {
        name: f"{name} · {code}" if code else name
        for name, code in zip(votes.states, votes.state_codes, strict=True)
    }


def _title(
    rcid: object, date: object, symbol: object, part: object, unres: object, short: object
) -> str:
    shown = f"{symbol} {part}".strip() if symbol else str(unres)
    return SEPARATOR.join(str(item) for item in (rcid, date, shown or "—", short) if item)


def roll_call_title(call: RollCall) -> str:
    """'4494 · 2003-12-08 · A/RES/58/50 · Reduction of non-strategic nuclear weapons …'."""
    return _title(call.rcid, call.date, call.symbol, call.part, call.unres, call.short)


@functools.lru_cache(maxsize=4)
def roll_call_labels(votes: Votes) -> dict[str, str]:
    """Every roll call's title (see `roll_call_title`) by rcid as text, newest first."""
    names = ("rcid", "date", "symbol", "part", "unres", "short")
    rows = sorted(
        zip(*(votes.column(name) for name in names), strict=True),
        key=lambda row: (row[1], row[0]),
        reverse=True,
    )
    return {str(row[0]): _title(*row) for row in rows}


def plenary_rcid(votes: Votes, symbol: str) -> int | None:
    """The rcid of the (first) plenary vote on the whole text of resolution `symbol`."""
    rows = whole_text_votes(votes, symbol)
    return int(votes.rcid[rows[0]]) if rows else None


def default_roll_call(dataset: Dataset, votes: Votes) -> str | None:
    """The rcid of the plenary vote on the whole text of the newest resolution the tracker
    holds that has one in the dataset."""
    for resolution in sorted(dataset.resolutions, key=lambda r: r.adopted, reverse=True):
        rcid = plenary_rcid(votes, resolution.symbol)
        if rcid is not None:
            return str(rcid)
    return None


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The frame with its `kind`, `vote` and `other_vote` columns (ids) shown in `lang`."""
    out = frame.copy()
    kinds = {kind: kind_label(kind, lang) for kind in KIND_KEYS}
    votes = {vote: vote_label(vote, lang) for vote in VOTE_KEYS}
    for column, names in (("kind", kinds), ("vote", votes), ("other_vote", votes)):
        if column in out:
            out[column] = out[column].map(names)
    return out


RELATED_COLUMNS = ("rcid", "date", "part", "kind", "counted", "totals", "short")


def related_roll_calls(votes: Votes, row: int, lang: str) -> pd.DataFrame:
    """Every roll call on the same resolution as roll call `row` (see
    `query.votes.same_resolution`): its kind, how the tracker counts it and its totals."""
    names = ("rcid", "date", "part", "kind", "repeat_of", "yes", "no", "abstain", "short")
    columns = {name: votes.column(name) for name in names}
    out = []
    for found in same_resolution(votes, row):
        kind, repeat_of = str(columns["kind"][found]), columns["repeat_of"][found]
        if repeat_of is not None:
            counted = t("votes.counted.repeat", lang, rcid=repeat_of)
        elif kind == "whole_text":
            counted = t("votes.counted.whole_text", lang)
        else:
            counted = t("votes.counted.separate", lang)
        out.append(
            {
                "rcid": columns["rcid"][found],
                "date": columns["date"][found],
                "part": columns["part"][found],
                "kind": kind_label(kind, lang),
                "counted": counted,
                "totals": "–".join(str(columns[v][found]) for v in TOTALS_ORDER),
                "short": columns["short"][found],
            }
        )
    return pd.DataFrame(out, columns=list(RELATED_COLUMNS))


# --- figures -----------------------------------------------------------------------------


def _layout(title: str, axis: Mapping[str, object]) -> dict[str, object]:
    return {
        "title": {"text": title},
        "height": 360,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 40},
        "xaxis": {"title": {"text": None}, "type": "linear", "dtick": 5},
        "yaxis": axis,
        "legend": {"orientation": "h", "y": -0.15},
    }


def year_figure(frame: pd.DataFrame, state: str, view: str, lang: str) -> go.Figure:
    """A State's yes, abstain and no shares by year (stacked to 1), the counts and the roll
    calls with no row for it in the hover. `frame` is `query.votes.record_by_year`.

    Built from a plain spec of NumPy arrays: plotly validates it once and copies arrays
    whole, where traces added one by one from lists are checked value by value."""
    years = frame["year"].to_numpy()
    cast = frame[list(VOTE_VALUES)].to_numpy().sum(axis=1)
    missing = frame[NO_ROW_LABEL].to_numpy()
    data = [
        {
            "type": "bar",
            "x": years,
            "y": frame[f"{value}_share"].to_numpy(dtype=float),
            "name": vote_label(value, lang),
            "marker": {"color": VOTE_COLOURS[value]},
            "customdata": np.stack([frame[value].to_numpy(), cast, missing], axis=-1),
            "hovertemplate": t("votes.chart.hover_year", lang, vote=vote_label(value, lang))
            + "<extra></extra>",
        }
        for value in VOTE_VALUES
    ]
    title = t("votes.chart.by_year", lang, state=state, view=t(VIEW_KEYS[view], lang))
    axis = {"title": {"text": t("votes.chart.share", lang)}, "tickformat": ".0%", "range": [0, 1]}
    return go.Figure({"data": data, "layout": {**_layout(title, axis), "barmode": "stack"}})


def agreement_figure(frame: pd.DataFrame, state: str, lang: str) -> go.Figure:
    """One line per other State: the agreement index by year. `frame` is
    `query.votes.agreement_by_year`."""
    data = [
        {
            "type": "scatter",
            "x": rows["year"].to_numpy(),
            "y": rows["agreement"].to_numpy(dtype=float),
            "mode": "lines+markers",
            "name": str(other),
            "customdata": rows["joint"].to_numpy(),
            "hovertemplate": t("votes.chart.hover_agreement", lang, other=other)
            + "<extra></extra>",
        }
        for other, rows in frame.groupby("state", sort=False)
    ]
    axis = {"title": {"text": t("votes.column.agreement", lang)}, "range": [0, 1.02]}
    title = t("votes.chart.agreement", lang, state=state)
    return go.Figure({"data": data, "layout": _layout(title, axis)})


@dataclass(frozen=True)
class StateRecord:
    """What the Voting record page shows of one State in one view (read only: shared by
    every session that asks for the same view)."""

    by_year: pd.DataFrame
    totals: dict[str, int]
    year_figure: go.Figure
    agreement: pd.DataFrame
    agreement_figure: go.Figure | None
    roll_calls: pd.DataFrame


@functools.lru_cache(maxsize=64)
def state_record(
    votes: Votes, state: int, view: str, issue: str | None, others: tuple[int, ...], lang: str
) -> StateRecord:
    """A State's record in a view (see `query.votes.chosen_roll_calls`): by year, in total,
    its agreement with `others` and the roll calls counted; built once per view."""
    name = votes.states[state]
    chosen = chosen_roll_calls(votes, view, issue)
    by_year = record_by_year(votes, state, chosen)
    totals = {name: int(by_year[name].sum()) for name in ("roll_calls", *VOTE_VALUES, NO_ROW_LABEL)}
    totals["cast"] = sum(totals[value] for value in VOTE_VALUES)
    by_other = agreement_by_year(votes, state, others, chosen) if others else None
    return StateRecord(
        by_year=by_year,
        totals=totals,
        year_figure=year_figure(by_year, name, view, lang),
        agreement=agreement_overall(votes, state, others, chosen),
        agreement_figure=agreement_figure(by_other, name, lang) if by_other is not None else None,
        roll_calls=labelled(state_roll_calls(votes, state, chosen), lang),
    )


# --- says versus does --------------------------------------------------------------------


def actor_for_state(dataset: Dataset, code: str) -> Actor | None:
    """The State actor of the data whose vote code is `code` (ISO 3166 alpha-2), if any."""
    if not code:
        return None
    return next((a for a in dataset.actors if a.kind == "state" and a.vote_code == code), None)


def state_of_actor(votes: Votes, actor: Actor) -> str | None:
    """The dataset name of the State actor `actor` (by its vote code), if it has votes."""
    if actor.kind != "state" or not actor.vote_code:
        return None
    return next(
        (
            name
            for name, code in zip(votes.states, votes.state_codes, strict=True)
            if code == actor.vote_code
        ),
        None,
    )


def tracked_states(dataset: Dataset, votes: Votes) -> list[str]:
    """The dataset names of the States the tracker has as actors, in the order of the data."""
    by_code = {code: name for name, code in zip(votes.states, votes.state_codes, strict=True)}
    return [
        by_code[actor.vote_code]
        for actor in dataset.actors
        if actor.kind == "state" and actor.vote_code in by_code
    ]


def _status_labels(dataset: Dataset, lang: str) -> dict[str, str]:
    return {level.id: pick(level.label, lang) for level in dataset.methodology.statuses}


def _status(dataset: Dataset, commitment: Commitment, actor: Actor | None, as_of: dt.date) -> str:
    """The status id in force for the actor on the commitment, or '' when the tracker does
    not assess that actor on it."""
    if actor is None or actor.id not in commitment.addressed.actors:
        return ""
    found = index_of(dataset).in_force(Pair(commitment.id, actor.id), as_of)
    return found.status if found else dataset.methodology.not_assessed_status


def _commitments_of(dataset: Dataset, symbol: str) -> list[Commitment]:
    return sorted(index_of(dataset).by_resolution.get(symbol, ()), key=lambda c: c.paragraph)


def state_vote_on(votes: Votes, symbol: str, state: int, lang: str) -> tuple[int | None, str]:
    """The first plenary vote on the whole text of `symbol` and the State's vote in each, in
    `lang` ('A: Yes · B: No' for parts): (rcid, label); (None, 'no roll call') without one."""
    rows = whole_text_votes(votes, symbol)
    if not rows:
        return None, t("votes.not_in_data", lang)
    parts = votes.column("part")
    labels = [
        (str(parts[row]), vote_label(VOTE_LABELS[votes.matrix[row, state]], lang)) for row in rows
    ]
    shown = SEPARATOR.join(f"{part}: {label}" if part else label for part, label in labels)
    return int(votes.rcid[rows[0]]), shown


SAYS_COLUMNS = ("resolution", "adopted", "rcid", "vote", "commitment", "status")


def says_versus_does(
    dataset: Dataset, votes: Votes, state: int, as_of: dt.date, lang: str
) -> pd.DataFrame:
    """For each resolution the tracker holds, adopted by `as_of`: the State's vote in the
    plenary vote on the whole text, beside each commitment of the resolution and its status
    for the State on `as_of` ('not assessed by the tracker' where the tracker does not assess
    it on that commitment); one row per commitment (one for a resolution without any)."""
    actor = actor_for_state(dataset, votes.state_codes[state])
    statuses = _status_labels(dataset, lang)
    not_assessed = t("votes.not_assessed", lang)
    rows = []
    for resolution in sorted(dataset.resolutions, key=lambda r: r.adopted):
        if resolution.adopted > as_of:
            continue
        rcid, vote = state_vote_on(votes, resolution.symbol, state, lang)
        commitments: list[Commitment | None] = [*_commitments_of(dataset, resolution.symbol)]
        for commitment in commitments or [None]:
            status = _status(dataset, commitment, actor, as_of) if commitment else ""
            rows.append(
                {
                    "resolution": resolution.symbol,
                    "adopted": resolution.adopted,
                    "rcid": rcid,
                    "vote": vote,
                    "commitment": f"{commitment_label(dataset, commitment)} · "
                    f"{pick(commitment.verb, lang)}"
                    if commitment
                    else "",
                    "status": statuses[status] if status else not_assessed,
                }
            )
    frame = pd.DataFrame(rows, columns=list(SAYS_COLUMNS))
    frame["rcid"] = frame["rcid"].astype("Int64")
    return frame


def roll_call_states(
    dataset: Dataset,
    votes: Votes,
    row: int,
    as_of: dt.date,
    lang: str,
    shown: Sequence[str] = VOTE_VALUES,
) -> pd.DataFrame:
    """The States with a row in the roll call whose vote is in `shown`, by name: code, vote
    and, where the tracker holds the resolution, each commitment's status for the State on
    `as_of` ('OP4: Regressing · …', or 'not assessed by the tracker')."""
    symbol = str(votes.column("symbol")[row])
    commitments = _commitments_of(dataset, symbol) if symbol else []
    statuses = _status_labels(dataset, lang)
    not_assessed = t("votes.not_assessed", lang)
    column = votes.matrix[row]
    wanted = [VOTE_VALUES.index(vote) for vote in shown if vote in VOTE_VALUES]
    states = np.flatnonzero(np.isin(column, wanted) & (column != NO_ROW)).tolist()
    out = []
    for number in states:
        code = votes.state_codes[number]
        actor = actor_for_state(dataset, code)
        found = [(c, _status(dataset, c, actor, as_of)) for c in commitments]
        tracked = SEPARATOR.join(
            f"{commitment_label(dataset, c)}: {statuses[status]}" for c, status in found if status
        )
        out.append(
            {
                "country": votes.states[number],
                "country_code": code,
                "vote": vote_label(VOTE_VALUES[column[number]], lang),
                "tracked": tracked or (not_assessed if commitments else ""),
            }
        )
    return pd.DataFrame(out, columns=["country", "country_code", "vote", "tracked"])
