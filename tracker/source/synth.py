"""Synthetic datasets of realistic shape for benchmarks and scale tests: several resolutions of
operative paragraphs, states addressed by each, evidence that bears on several commitments and
is cited by several assessments, and per-pair histories of dated assessments.

`python -m tracker synth --commitments N --actors K --assessments M --evidence E --seed S
--out FILE` writes one; the same arguments always give the same bytes. The text is written
line by line (block style, as the write path appends), so a full-size file takes seconds.
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from tracker.source.files import replaced_whole
from tracker.source.loader import Progress

# The last day any synthetic date may fall on, so that a file made today stays valid later.
END = dt.date(2025, 12, 31)
FIRST_SESSION = 55  # the 2000 session
PARAGRAPHS = (6, 18)  # operative paragraphs per resolution, inclusive range
ADDRESSED = (3, 8)
NWS = ("USA", "RUS", "GBR", "FRA", "CHN")

VERBS = (
    ("Calls upon", "吁请"),
    ("Urges", "敦促"),
    ("Stresses", "强调"),
    ("Decides", "决定"),
    ("Encourages", "鼓励"),
    ("Requests", "请"),
    ("Reaffirms", "重申"),
    ("Welcomes", "欢迎"),
)
TOPICS = (
    "non-strategic nuclear weapons",
    "the Comprehensive Nuclear-Test-Ban Treaty",
    "fissile material for nuclear weapons",
    "small arms and light weapons",
    "anti-personnel mines",
    "the prevention of an arms race in outer space",
    "transparency in armaments",
    "nuclear-weapon-free zones",
    "chemical weapons",
    "biological weapons",
    "cluster munitions",
    "missiles in all their aspects",
)
TOPICS_ZH = (
    "非战略核武器",
    "全面禁止核试验条约",
    "核武器用裂变材料",
    "小武器和轻武器",
    "杀伤人员地雷",
)
WORDS = [
    *[
        "States",
        "reported",
        "reductions",
        "of",
        "their",
        "arsenals",
        "and",
        "further",
        "steps",
        "towards",
        "elimination",
    ],
    *[
        "with",
        "measures",
        "of",
        "transparency",
        "verification",
        "and",
        "irreversibility",
        "under",
        "international",
    ],
    *[
        "monitoring",
        "including",
        "data",
        "exchanges",
        "inspections",
        "dismantlement",
        "declarations",
        "of",
    ],
    *[
        "holdings",
        "and",
        "reports",
        "to",
        "the",
        "General",
        "Assembly",
        "at",
        "its",
        "next",
        "session",
        "under",
        "the",
        "treaty",
    ],
]
ZH = "各国报告了其武库的削减以及进一步迈向消除的步骤并采取透明可核查和不可逆转的措施"
PUBLISHERS = (
    "United Nations",
    "Federation of American Scientists",
    "SIPRI",
    "Congressional Research Service",
    "Arms Control Association",
    "Reuters",
)


@dataclass(frozen=True)
class Size:
    commitments: int
    actors: int
    assessments: int
    evidence: int


FULL = Size(commitments=20_000, actors=200, assessments=200_000, evidence=200_000)


def scaled(size: Size, fraction: float) -> Size:
    """`size` with every count multiplied by `fraction` (actors kept at 10 or more)."""
    return Size(
        commitments=max(1, round(size.commitments * fraction)),
        actors=max(10, min(size.actors, round(size.actors * max(fraction, 0.05)))),
        assessments=round(size.assessments * fraction),
        evidence=max(1, round(size.evidence * fraction)),
    )


def _q(text: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def _zh(rng: random.Random, low: int, high: int) -> str:
    start = rng.randrange(len(ZH))
    length = rng.randint(low, high)
    return (ZH * (1 + length // len(ZH) + 1))[start : start + length] + "。"


def _date(rng: random.Random, start: dt.date, end: dt.date = END) -> dt.date:
    span = max(0, (end - start).days)
    return start + dt.timedelta(days=rng.randint(0, span))


def _text(rng: random.Random, low: int, high: int, indent: str, key: str) -> Iterator[str]:
    yield f"{indent}{key}:"
    yield f"{indent}  en: {_q(_sentence(rng, low, high))}"
    yield f"{indent}  zh: {_q(_zh(rng, low, high))}"


def _flow(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


METHODOLOGY: dict[str, Any] = {
    "not_assessed_status": "not_assessed",
    "assessment_process": {"en": "Synthetic data: each pair is judged on dated evidence."},
    "statuses": [
        ("not_assessed", "Not yet assessed", "#BBBBBB"),
        ("regressing", "Regressing", "#D55E00"),
        ("no_progress", "No progress", "#E69F00"),
        ("limited_progress", "Limited progress", "#56B4E9"),
        ("substantial_progress", "Substantial progress", "#009E73"),
        ("fulfilled", "Fulfilled", "#0072B2"),
    ],
    "criterion_ratings": [
        ("not_rated", "Not rated", "#BBBBBB"),
        ("absent", "Absent", "#D55E00"),
        ("partial", "Partial", "#F0E442"),
        ("met", "Met", "#0072B2"),
    ],
    "criteria": [
        ("transparency", "Transparency"),
        ("verifiability", "Verifiability"),
        ("irreversibility", "Irreversibility"),
    ],
    "directions": [
        ("progress", "Progress", "#0072B2"),
        ("regression", "Regression", "#D55E00"),
        ("mixed", "Mixed", "#CC79A7"),
        ("neutral", "Neutral", "#999999"),
    ],
    "source_types": [("official", "Official"), ("expert", "Expert"), ("press", "Press")],
    "confidence_levels": [
        ("low", "Low", "#D55E00"),
        ("medium", "Medium", "#E69F00"),
        ("high", "High", "#009E73"),
    ],
}
STATUSES = [level[0] for level in METHODOLOGY["statuses"]]
RATINGS = [level[0] for level in METHODOLOGY["criterion_ratings"]]
CRITERIA = [term[0] for term in METHODOLOGY["criteria"]]
DIRECTIONS = [term[0] for term in METHODOLOGY["directions"]]
SOURCE_TYPES = [term[0] for term in METHODOLOGY["source_types"]]
CONFIDENCE = [level[0] for level in METHODOLOGY["confidence_levels"]]


def _methodology_lines() -> Iterator[str]:
    yield "methodology:"
    yield "  not_assessed_status: not_assessed"
    yield "  assessment_process:"
    yield f"    en: {_q(METHODOLOGY['assessment_process']['en'])}"
    for scale in ("statuses", "criterion_ratings", "confidence_levels"):
        yield f"  {scale}:"
        for order, (level_id, label, colour) in enumerate(METHODOLOGY[scale]):
            yield f"    - id: {level_id}"
            yield f"      order: {order}"
            yield f'      colour: "{colour}"'
            yield f"      label: {{en: {label}}}"
            yield f"      meaning: {{en: {label} (synthetic).}}"
    for vocabulary in ("criteria", "directions", "source_types"):
        yield f"  {vocabulary}:"
        for term in METHODOLOGY[vocabulary]:
            yield f"    - id: {term[0]}"
            yield f"      label: {{en: {term[1]}}}"
            yield f"      meaning: {{en: {term[1]} (synthetic).}}"
            if len(term) > 2:
                yield f'      colour: "{term[2]}"'


@dataclass
class _Commitment:
    id: str
    resolution: int
    adopted: dt.date
    actors: list[str]
    criteria: list[str]


def generate(size: Size, seed: int, out: TextIO, progress: Progress | None = None) -> None:
    """Write a valid dataset of `size` to `out`; the same `seed` gives the same text."""
    rng = random.Random(seed)
    total = size.commitments + size.evidence + size.assessments
    done = 0

    def lines(chunk: Iterator[str]) -> None:
        out.write("\n".join(chunk))
        out.write("\n")

    def step(count: int = 1, item: str = "") -> None:
        nonlocal done
        done += count
        if progress is not None and done % 2000 == 0:
            progress(done, total, item)

    lines(
        iter(
            [
                "# Synthetic data written by `python -m tracker synth`: realistic in shape,",
                "# invented in content. Do not cite.",
                "schema_version: 1",
                "",
            ]
        )
    )
    lines(_methodology_lines())

    paragraphs: list[int] = []
    left = size.commitments
    while left > 0:
        count = min(left, rng.randint(*PARAGRAPHS))
        paragraphs.append(count)
        left -= count
    per_session = max(1, -(-len(paragraphs) // 26))

    actors = list(NWS[: min(len(NWS), size.actors)])
    actors += [f"S{index:03d}" for index in range(size.actors - len(actors))]

    lines(iter(["", "resolutions:"]))
    adopted_on: list[dt.date] = []
    symbols: list[str] = []
    for index, _ in enumerate(paragraphs):
        session = FIRST_SESSION + index // per_session
        year = 1945 + session
        adopted = dt.date(year, 12, rng.randint(1, 10))
        adopted = min(adopted, END)
        symbol = f"A/RES/{session}/{index % per_session + 1}"
        adopted_on.append(adopted)
        symbols.append(symbol)
        topic = rng.choice(TOPICS)
        lines(
            iter(
                [
                    f"  - symbol: {symbol}",
                    f"    title: {{en: {_q(topic[0].upper() + topic[1:])}, "
                    f"zh: {_q(rng.choice(TOPICS_ZH))}}}",
                    f"    session: {session}",
                    f"    adopted: {adopted.isoformat()}",
                    "    source_files: {}",
                ]
            )
        )

    lines(iter(["", "actors:"]))
    for actor in actors:
        kind = "state"
        lines(
            iter(
                [
                    f"  - id: {actor}",
                    f"    name: {{en: {_q('State ' + actor)}, zh: {_q('国家' + actor)}}}",
                    f"    kind: {kind}",
                    f"    npt_nuclear_weapon_state: {'true' if actor in NWS else 'false'}",
                ]
            )
        )

    lines(iter(["", "commitments:"]))
    commitments: list[_Commitment] = []
    for resolution, count in enumerate(paragraphs):
        for number in range(1, count + 1):
            cid = f"{symbols[resolution]}:OP{number}"
            addressed = rng.sample(actors, min(len(actors), rng.randint(*ADDRESSED)))
            criteria = sorted(rng.sample(CRITERIA, rng.randint(1, 3)), key=CRITERIA.index)
            commitments.append(
                _Commitment(cid, resolution, adopted_on[resolution], addressed, criteria)
            )
            verb, verb_zh = rng.choice(VERBS)
            block = [
                f"  - id: {cid}",
                f"    resolution: {symbols[resolution]}",
                f"    paragraph: {number}",
                f"    verb: {{en: {verb}, zh: {verb_zh}}}",
                *_text(rng, 30, 70, "    ", "text"),
                "    addressed:",
                *_text(rng, 6, 14, "      ", "as_written"),
                f"      actors: {_flow(addressed)}",
                *_text(rng, 8, 16, "      ", "reason"),
                *_text(rng, 8, 16, "    ", "action"),
                "    criteria:",
            ]
            for criterion in criteria:
                block.append(f"      - criterion: {criterion}")
                block.append(f"        grounds: {{en: {_q(rng.choice(WORDS))}}}")
            lines(iter(block))
            step(item="commitments")

    # Evidence bears on 1-3 paragraphs of one resolution and on actors they address.
    lines(iter(["", "evidence:"]))
    by_commitment: list[list[tuple[dt.date, str]]] = [[] for _ in commitments]
    weak: set[str] = set()  # the evidence of the lowest confidence
    for index in range(size.evidence):
        eid = f"E{index:07d}"
        first = rng.randrange(len(commitments))
        resolution = commitments[first].resolution
        linked = {first}
        for _ in range(rng.randint(0, 2)):
            other = first + rng.randint(-3, 3)
            if 0 <= other < len(commitments) and commitments[other].resolution == resolution:
                linked.add(other)
        chosen = sorted(linked)
        when = _date(rng, commitments[first].adopted)
        for position in chosen:
            by_commitment[position].append((when, eid))
        addressed = commitments[first].actors
        cited_actors = rng.sample(addressed, min(len(addressed), rng.randint(1, 2)))
        criteria = commitments[first].criteria[: rng.randint(0, len(commitments[first].criteria))]
        block = [
            f"  - id: {eid}",
            f"    date: '{when.isoformat()}'",
            "    date_precision: day",
            f"    actors: {_flow(cited_actors)}",
            f"    commitments: {_flow([commitments[p].id for p in chosen])}",
            f"    criteria: {_flow(criteria)}",
            f"    direction: {rng.choice(DIRECTIONS)}",
            *_text(rng, 25, 60, "    ", "summary"),
            "    source:",
            f"      title: {_q(_sentence(rng, 6, 14))}",
            f"      publisher: {_q(rng.choice(PUBLISHERS))}",
            f"      url: https://example.org/{when.year}/{eid.lower()}.html",
            f"      type: {rng.choice(SOURCE_TYPES)}",
            f"    confidence: {(confidence := rng.choice(CONFIDENCE))}",
            "    verification:",
            f"      status: {rng.choice(('verified', 'partly_verified', 'unverified'))}",
        ]
        if confidence == CONFIDENCE[0]:
            weak.add(eid)
        lines(iter(block))
        step(item="evidence")
    for items in by_commitment:
        items.sort()

    # Histories: most pairs get several dated assessments, each citing evidence known by then.
    lines(iter(["", "assessments:"]))
    pairs = [(c, actor) for c, record in enumerate(commitments) for actor in record.actors]
    rng.shuffle(pairs)
    written = 0
    pair_index = 0
    while written < size.assessments and pairs:
        position, actor = pairs[pair_index % len(pairs)]
        pair_index += 1
        record = commitments[position]
        known = by_commitment[position]
        count = min(size.assessments - written, rng.randint(1, 5))
        dates = sorted(_date(rng, record.adopted) for _ in range(count))
        for when in dates:
            aid = f"AS{written:07d}"
            written += 1
            available = known[: bisect.bisect_right(known, (when, "\uffff"))]
            cited = sorted({eid for _, eid in rng.sample(available, min(3, len(available)))})
            status = rng.choice(STATUSES[1:]) if cited else STATUSES[0]
            ratings = ", ".join(f"{c}: {rng.choice(RATINGS)}" for c in record.criteria)
            block = [
                f"  - id: {aid}",
                f"    commitment: {record.id}",
                f"    actor: {actor}",
                f"    date: '{when.isoformat()}'",
                f"    recorded: '{when.isoformat()}'",
                f"    status: {status}",
                f"    ratings: {{{ratings}}}",
                *_text(rng, 15, 40, "    ", "rationale"),
                f"    evidence: {_flow(cited)}",
                f"    assessor: analyst-{rng.randint(1, 12)}",
                f"    confidence: {rng.choice(CONFIDENCE)}",
            ]
            if cited and weak.issuperset(cited):
                # A judgement on weak evidence alone is itself weak, and says why.
                block[-1] = f"    confidence: {CONFIDENCE[0]}"
                block.append("    confidence_note: {en: Only weak sources cover this pair.}")
            lines(iter(block))
            step(item="assessments")
    lines(iter(["", "reviews: []"]))
    if progress is not None:
        progress(total, total, "done")


def write_synthetic(size: Size, seed: int, path: Path, progress: Progress | None = None) -> None:
    """Write the dataset to `path` (via a temporary file, so a reader never sees half)."""
    with replaced_whole(path) as handle:
        out = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
        generate(size, seed, out, progress)
        out.flush()
        out.detach()  # the handle is synced and closed by replaced_whole
