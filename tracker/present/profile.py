"""An actor's printable profile: one self-contained HTML page for A4 (and, through
`tracker.present.pdf`, a PDF) with what an analyst hands over about one State or group: who
it is and whether it holds such weapons, where it stands on each paragraph that addresses it
(status, since when, criterion ratings, the statuses passed through, the judgement in force
and its sources), and how it voted beside what it did. Tables only, so nothing is cropped."""

from __future__ import annotations

import datetime as dt

from tracker.domain.languages import pick
from tracker.domain.model import Dataset
from tracker.domain.scale import ordered
from tracker.domain.transitions import held_since
from tracker.present import tables
from tracker.present.dashboard import (
    HOLDS_KEYS,
    KIND_KEYS,
    SEPARATOR,
    VoteRecords,
    criterion_letters,
    says_versus_does,
    trajectory,
)
from tracker.present.i18n import pick_marked
from tracker.present.printable import Words, document, esc, one_line
from tracker.query import adoption
from tracker.query.index import Pair, index_of


def actor_profile_html(
    dataset: Dataset, actor_id: str, as_of: dt.date, lang: str, votes: VoteRecords
) -> str:
    """The profile of actor `actor_id` on `as_of`, in `lang`, as one HTML document."""
    words = Words(dataset, lang)
    index = index_of(dataset)
    actor = index.actors[actor_id]
    name = f"{pick(actor.name, lang)} ({actor.id})"
    facts = [(words.label("column.kind"), words.label(KIND_KEYS[actor.kind]))]
    if actor.npt_nuclear_weapon_state:
        facts.append((words.label("profile.npt"), words.label("actors.npt_nws")))
    if actor.holds_nsnw:
        facts.append(
            (words.label("profile.holds"), words.label(HOLDS_KEYS[actor.holds_nsnw.value]))
        )
    facts.append((words.label("sidebar.as_of"), as_of.isoformat()))
    rows = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{esc(v)}</td></tr>' for k, v in facts)
    notes = [
        f"<p>{esc(pick_marked(note, lang))}</p>"
        for note in (actor.holds_nsnw.note if actor.holds_nsnw else None, actor.note)
        if note
    ]
    holds_sources = (
        f'<p class="meta">{esc(words.label("brief.sources"))} '
        f"{words.cited_html(actor.holds_nsnw.evidence)}</p>"
        if actor.holds_nsnw and actor.holds_nsnw.evidence
        else ""
    )
    parts = [
        '<header class="cover">',
        f'<p class="meta">{esc(words.label("profile.title"))}</p>',
        f"<h1>{esc(name)}</h1>",
        f'<table class="facts"><tbody>{rows}</tbody></table>',
        *notes,
        holds_sources,
        "</header>",
        _standing_html(words, actor_id, as_of),
        _says_does_html(words, actor_id, as_of, votes),
    ]
    title = f"{words.label('profile.title')} · {name} · {as_of.isoformat()}"
    return document(title, lang, "\n".join(part for part in parts if part))


def _standing_html(words: Words, actor_id: str, as_of: dt.date) -> str:
    dataset, lang = words.dataset, words.lang
    index = index_of(dataset)
    method = dataset.methodology
    later = adoption.successors(dataset, as_of)
    letters = criterion_letters(dataset, lang)
    ratings = {level.id: pick(level.label, lang) for level in method.criterion_ratings}
    legend = SEPARATOR.join(
        f"{letters[term.id]} {pick(term.label, lang)}" for term in method.criteria
    )
    parts = [f"<h2>{esc(words.label('profile.section.standing', as_of=as_of.isoformat()))}</h2>"]
    existing = {r.symbol for r in adoption.adopted(dataset, as_of)}
    addressed = [c for c in index.addressing.get(actor_id, []) if c.resolution in existing]
    if not addressed:
        return "\n".join([*parts, f'<p class="meta">{esc(words.label("brief.none"))}</p>'])
    in_force = {r.symbol for r in adoption.current(dataset, as_of)}
    counted = [c for c in addressed if c.resolution in in_force]
    parts.append(f'<div class="keep">{words.actor_chips_html(counted, as_of, [actor_id])}</div>')
    for resolution in reversed(adoption.adopted(dataset, as_of)):
        paragraphs = [c for c in addressed if c.resolution == resolution.symbol]
        if not paragraphs:
            continue
        parts.append(f"<h3>{esc(f'{resolution.symbol} · {pick(resolution.title, lang)}')}</h3>")
        if resolution.symbol in later:
            successor = later[resolution.symbol]
            note = words.label(
                "brief.superseded_note",
                symbol=resolution.symbol,
                successor=successor.symbol,
                date=successor.adopted.isoformat(),
            )
            parts.append(f'<p class="meta">{esc(note)}</p>')
        rows = []
        for commitment in paragraphs:
            history = index.history(Pair(commitment.id, actor_id), as_of)
            current = history[-1] if history else None
            status = current.status if current else method.not_assessed_status
            since = held_since(history)
            rated = SEPARATOR.join(
                f"{letters[g.criterion]} {ratings.get(current.ratings[g.criterion], '')}"
                for g in commitment.criteria
                if current is not None and g.criterion in current.ratings
            )
            steps = index.steps(Pair(commitment.id, actor_id), as_of)
            rows.append(
                {
                    "commitment": esc(words.heading(commitment)),
                    "status": words.chip_html(status),
                    "since": f'<span class="nowrap">{esc(since or "—")}</span>',
                    "ratings": esc(rated or "—"),
                    "trajectory": esc(trajectory(steps, dataset, lang) or "—"),
                    "rationale": esc(one_line(pick_marked(current.rationale, lang)))
                    if current
                    else "",
                    "sources": words.cited_html(current.evidence, short=True) if current else "—",
                }
            )
        parts.append(words.table_html(tables.PROFILE, rows) or "")
    parts.append(f'<p class="meta">{esc(words.label("profile.legend", criteria=legend))}</p>')
    return "\n".join(parts)


def _says_does_html(words: Words, actor_id: str, as_of: dt.date, votes: VoteRecords) -> str:
    dataset, lang = words.dataset, words.lang
    table = says_versus_does(dataset, actor_id, as_of, lang, votes)
    heading = f"<h2>{esc(words.label('actors.section.says_does'))}</h2>"
    if table.empty:
        return heading + f'<p class="meta">{esc(words.label("brief.none"))}</p>'
    levels = list(reversed(ordered(dataset.methodology.statuses)))
    rows = [
        {
            "resolution": esc(row["resolution"]),
            "adopted": f'<span class="nowrap">{esc(row["adopted"].isoformat())}</span>',
            "vote": esc(row["vote"]),
            "does": " ".join(
                words.chip_html(level.id, f"{pick(level.label, lang)} {row[level.id]}")
                for level in levels
                if row[level.id]
            )
            or "—",
        }
        for row in table.to_dict("records")
    ]
    body = words.table_html(tables.PROFILE_SAYS_DOES, rows)
    caption = f'<p class="meta">{esc(words.label("actors.section.says_does_caption"))}</p>'
    return heading + caption + (body or "")
