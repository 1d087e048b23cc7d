"""Draft records from a parsed resolution, and the second-language texts of records already in
the data.

`draft_records` turns an English text into a `Resolution`, one `Commitment` per operative
paragraph and one 'not yet assessed' `Assessment` per (commitment, recognised actor).
`language_fills` turns a text of a resolution the data already holds into the `zh` (or `en`)
fields its records lack. Everything is a draft for a person to review: actors are recognised
from the names the text prints, criteria from the words that ground them, and every reason
says so. Official texts are only ever copied from the text given, never translated.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from tracker.domain.model import (
    Actor,
    Addressed,
    Assessment,
    Commitment,
    Criterion,
    CriterionGround,
    Dataset,
    FootnoteReference,
    PreambularParagraph,
    Resolution,
    Text,
)
from tracker.ingest.clean import Footnote, FootnoteRef, IngestWarning, normalize_for_match
from tracker.ingest.parse import OperativeParagraph, Paragraph, ParsedResolution, body_of_symbol
from tracker.ingest.verbs import BODIES, bare_verb, to_simplified
from tracker.source.store import LanguageFill

ASSESSOR = "ingest draft"
TEXT_LANGUAGES = tuple(Text.model_fields)  # the languages a record can hold: ("en", "zh")
RECORD_WORDS = Path(__file__).resolve().parent / "languages" / "records.toml"


def _text(value: Mapping[str, str]) -> Text:
    return Text(en=value["en"], zh=value.get("zh"))


_WORDS: dict[str, Any] = tomllib.loads(RECORD_WORDS.read_text(encoding="utf-8"))
DRAFT_MARK: dict[str, str] = dict(_WORDS["draft_mark"])
NO_ACTOR_NAMED = _text(_WORDS["no_actor_named"])
_SENTENCES: dict[str, dict[str, str]] = _WORDS["sentences"]
_SEPARATOR: dict[str, str] = _WORDS["list_separator"]


@dataclass(frozen=True)
class BodyWords:
    """What the records say of the body that adopted a resolution."""

    actor: str  # the id of the actor its own "Decides" addresses
    itself: Text
    decides: Text


BODY_WORDS: dict[str, BodyWords] = {
    body: BodyWords(words["actor"], _text(words["itself"]), _text(words["decides"]))
    for body, words in _WORDS["bodies"].items()
}

# Actors a draft may add when the data lacks them (see records.toml).
KNOWN_ACTORS: tuple[Actor, ...] = tuple(
    Actor(
        id=actor["id"],
        name=_text(actor["name"]),
        kind=actor["kind"],
        npt_nuclear_weapon_state=actor.get("npt_nuclear_weapon_state", False),
    )
    for actor in _WORDS["actors"]
)


@dataclass(frozen=True)
class Alias:
    """Other names for the actor whose English name is `actor`; `note` says how a name that
    is not the actor's own is read."""

    actor: str
    en: tuple[str, ...] = ()
    zh: tuple[str, ...] = ()
    note: Text | None = None


ALIASES: tuple[Alias, ...] = tuple(
    Alias(
        alias["actor"],
        en=tuple(alias.get("en", ())),
        zh=tuple(alias.get("zh", ())),
        note=_text(alias["note"]) if "note" in alias else None,
    )
    for alias in _WORDS["aliases"]
)

# Names that stand for every NPT nuclear-weapon State in the actor list.
NUCLEAR_WEAPON_STATES: dict[str, tuple[str, ...]] = {
    lang: tuple(_WORDS["nuclear_weapon_states"][lang]) for lang in TEXT_LANGUAGES
}
NUCLEAR_WEAPON_STATES_NOTE = _text(_WORDS["nuclear_weapon_states"]["note"])

_ZH: dict[str, Any] = _WORDS["zh"]
_ZH_NOT_BEFORE: dict[str, list[str]] = _ZH["not_before"]
_ZH_NOT_AFTER: dict[str, list[str]] = _ZH["not_after"]

_CRITERION_WORDS: dict[str, dict[Criterion, str]] = {
    lang: {Criterion(name): pattern for name, pattern in words.items()}
    for lang, words in _WORDS["criteria"].items()
}

_EN_ADDRESSING = re.compile(
    r"(?:^|\band\s+)(?:(?i:also|further|again|strongly|once again)\s+)*"
    r"(?i:calls\s+(?:also\s+|further\s+|again\s+)?(?:upon|on)|urges|requests|invites|"
    r"encourages|exhorts|demands|appeals\s+(?:also\s+)?to)"
    r"(?:\s+(?:also|further|again))?\s+"
)
_EN_INFINITIVE = re.compile(r",?\s+to\s+(?=[a-z])")
_EN_CONNECTOR = re.compile(r"[,\s]*(?:\band(?:\s+also|\s+further)?)?[,\s]*$")
_ZH_ADDRESSING = re.compile(_ZH["clauses"]["addressing"])
_ZH_OBJECT_REACH = 15
_ZH_PREPOSITIONS = re.compile(_ZH["clauses"]["prepositions"])
_ZH_CLAUSE_END = re.compile(_ZH["clauses"]["clause_end"])
_EN_JOINT = re.compile(r",\s+(?:and|or|but|while|which|in order)\s")
_ZH_JOINT = re.compile(_ZH["clauses"]["joint"])
_ACTION_SPAN = {"en": (60, 240), "zh": (20, 100)}


def _sentence(name: str, **values: str) -> Text:
    words = _SENTENCES[name]
    return Text(en=words["en"].format(**values), zh=words["zh"].format(**values))


class DraftError(ValueError):
    """The text cannot give records that validate; the message says what is missing."""


@dataclass(frozen=True)
class Masthead:
    """What the top of an official text prints besides the symbol, title and session."""

    agenda_item: str | None = None
    committee_report: str | None = None


@dataclass(frozen=True)
class Mention:
    """An actor's name as the text prints it, and the actors it stands for."""

    start: int
    end: int
    words: str
    actors: tuple[str, ...]
    note: Text | None = None


@dataclass(frozen=True)
class Drafts:
    """Draft records of one resolution; `actors` are those the data lacked."""

    resolution: Resolution
    actors: tuple[Actor, ...]
    commitments: tuple[Commitment, ...]
    assessments: tuple[Assessment, ...]
    warnings: tuple[IngestWarning, ...] = ()


@dataclass(frozen=True)
class FillPlan:
    """The texts a second language gives records already in the data; `kept` lists texts
    the data already holds in that language that differ from this text (left as they are)."""

    symbol: str
    language: str
    fills: tuple[LanguageFill, ...]
    kept: tuple[str, ...] = ()
    warnings: tuple[IngestWarning, ...] = ()


# --- reading names, criteria and clauses -------------------------------------------------


@dataclass(frozen=True)
class _Name:
    phrase: str
    actors: tuple[Actor, ...]
    note: Text | None = None


@dataclass
class _Lexicon:
    """Every name the drafts recognise, per language, with the actors each stands for."""

    names: dict[str, list[_Name]] = field(default_factory=dict)
    known: dict[str, Actor] = field(default_factory=dict)
    decides: frozenset[str] = frozenset(v for verbs in _WORDS["decides"].values() for v in verbs)

    def add(self, lang: str, phrase: str, actors: tuple[Actor, ...], note: Text | None) -> None:
        if phrase and actors:
            self.names.setdefault(lang, []).append(_Name(phrase, actors, note))


def _lexicon(dataset: Dataset | None) -> _Lexicon:
    actors = list(dataset.actors) if dataset else []
    by_name = {actor.name.en: actor for actor in actors}
    taken = {actor.id for actor in actors}
    for known in KNOWN_ACTORS:
        if known.name.en not in by_name and known.id not in taken:
            by_name[known.name.en] = known
    lexicon = _Lexicon(known={a.id: a for a in by_name.values()})
    for actor in by_name.values():
        for lang in TEXT_LANGUAGES:
            lexicon.add(lang, getattr(actor.name, lang) or "", (actor,), None)
    for alias in ALIASES:
        target = by_name.get(alias.actor)
        if target is None:
            continue
        for lang in TEXT_LANGUAGES:
            for phrase in getattr(alias, lang):
                lexicon.add(lang, phrase, (target,), alias.note)
    # The data's nuclear-weapon States, and the known ones it lacks (which the drafts add).
    holders = tuple(a for a in by_name.values() if a.npt_nuclear_weapon_state)
    for lang, phrases in NUCLEAR_WEAPON_STATES.items():
        for phrase in phrases:
            lexicon.add(lang, phrase, holders, NUCLEAR_WEAPON_STATES_NOTE)
    return lexicon


def _name_pattern(phrase: str, lang: str) -> re.Pattern[str]:
    if lang == "zh":
        lead = "".join(f"(?<!{re.escape(w)})" for w in _ZH_NOT_BEFORE.get(phrase, ()))
        tail = "".join(f"(?!{re.escape(w)})" for w in _ZH_NOT_AFTER.get(phrase, ()))
        return re.compile(lead + re.escape(phrase) + tail)
    # A hyphen next to a name makes another word: "non-nuclear-weapon States".
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")


def recognise_actors(text: str, lang: str, dataset: Dataset | None = None) -> list[Mention]:
    """The actors `text` names, in order, longest name first where names overlap."""
    return _mentions(text, lang, _lexicon(dataset))


def _mentions(text: str, lang: str, lexicon: _Lexicon) -> list[Mention]:
    probe = to_simplified(text) if lang == "zh" else text
    found: list[tuple[int, int, _Name]] = []
    for name in lexicon.names.get(lang, []):
        for match in _name_pattern(name.phrase, lang).finditer(probe):
            found.append((match.start(), match.end(), name))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    mentions: list[Mention] = []
    for start, end, name in found:
        if mentions and start < mentions[-1].end:
            continue
        ids = tuple(actor.id for actor in name.actors)
        mentions.append(Mention(start, end, text[start:end], ids, name.note))
    return mentions


def criteria_words(text: str, lang: str) -> dict[Criterion, str]:
    """For each criterion the wording makes applicable, the first words of `text` that
    ground it ("transparent", "effectively verifiable", "不可逆转")."""
    found: dict[Criterion, str] = {}
    for criterion, stem in _CRITERION_WORDS.get(lang, {}).items():
        if lang == "zh":
            match = re.search(stem, text)
        else:
            match = re.search(rf"\b(?:\w+ly\s+)?(?i:{stem})", text)
            if match and match.group(0).split()[0].lower() in {"only", "early", "likely"}:
                match = re.search(rf"\b(?i:{stem})", text)
        if match:
            found[criterion] = match.group(0)
    return found


def first_clause(text: str, lang: str) -> str:
    """The paragraph up to its first ';' or ':', shortened where that is long (at a joint
    such as ', and' or '，并', else between words), marked as a draft and ending in '…' where
    words were left out."""
    shortest, longest = _ACTION_SPAN.get(lang, _ACTION_SPAN["en"])
    stop = re.search(r"[；：;:]", text)
    clause = text[: stop.start()] if stop else text
    if len(clause) > longest:
        joints = _ZH_JOINT if lang == "zh" else _EN_JOINT
        cuts = [m.start() for m in joints.finditer(clause) if shortest <= m.start() <= longest]
        if cuts:
            clause = clause[: cuts[-1]]
        elif lang == "zh":
            clause = clause[:longest]
        else:
            space = clause.rfind(" ", shortest, longest)
            clause = clause[: space if space > 0 else longest]
    clause = clause.rstrip(" ,;:.，；：。")
    whole = text.rstrip(" ,;:.，；：。")
    marked = DRAFT_MARK.get(lang, DRAFT_MARK["en"]) + clause
    return marked if clause == whole else marked + "…"


def read_masthead(text: str, lang: str) -> Masthead:
    """Agenda item and committee report as the top of the official text prints them."""
    head = text
    for opener in ("The General Assembly,", *_ZH["masthead"]["openers"]):
        if opener in text:
            head = text[: text.index(opener)]
            break
    if lang == "zh":
        item = re.search(_ZH["masthead"]["agenda_item"], head, re.M)
        report = re.search(_ZH["masthead"]["committee_report"], head)
    else:
        item = re.search(r"^\s*Agenda items?\s+(\S[^\n]*?)\s*$", head, re.M)
        report = re.search(r"on the report of the [^()\]]*Committee\s*\(\s*(A/[^)\s]+)\s*\)", head)
    return Masthead(
        agenda_item=item.group(1) if item else None,
        committee_report=report.group(1) if report else None,
    )


# --- who a paragraph addresses -----------------------------------------------------------

_Case = Literal["addressed", "body", "named", "none"]


@dataclass(frozen=True)
class _Reading:
    """Who a paragraph of one language addresses, as the drafts read it."""

    case: _Case
    words: tuple[str, ...]  # the addressee phrases, or the names printed
    actors: tuple[str, ...]
    notes: tuple[Text, ...]


def _addressee_phrases(text: str, lang: str, lexicon: _Lexicon) -> list[tuple[str, list[Mention]]]:
    if lang == "zh":
        phrases = []
        for verb in _ZH_ADDRESSING.finditer(text):
            if verb.end() == verb.start():
                continue
            start = verb.end()
            stop = next((m.start() for m in _ZH_CLAUSE_END.finditer(text, start)), len(text))
            window = text[start:stop]
            inside = [m for m in _mentions(window, lang, lexicon) if m.start <= _ZH_OBJECT_REACH]
            # A preposition before the first name makes it part of the object, not the addressee
            # (呼吁对已从一些核武器国家……实行禁止).
            if inside and not _ZH_PREPOSITIONS.search(window[: inside[0].start]):
                phrases.append((window[: inside[-1].end], inside))
        return phrases
    verbs = list(_EN_ADDRESSING.finditer(text))
    objects: list[str] = []
    shared = False
    for index in range(len(verbs) - 1, -1, -1):
        start = verbs[index].end()
        stop = verbs[index + 1].start() if index + 1 < len(verbs) else len(text)
        segment = text[start:stop].split(";")[0]
        infinitive = _EN_INFINITIVE.search(segment)
        if infinitive:
            words, shared = segment[: infinitive.start()], True
        elif shared and stop < len(text) and ";" not in text[start:stop]:
            # "Encourages X, and also calls upon Y, to report": X shares Y's infinitive.
            words = _EN_CONNECTOR.sub("", segment)
        else:
            shared = False
            continue
        words = words.strip().rstrip(",")
        if words and len(words) <= 200 and words.split()[0] not in {"that", "in"}:
            objects.insert(0, words)
    return [(words, _mentions(words, "en", lexicon)) for words in objects]


def _read_addressed(
    paragraph: OperativeParagraph, lang: str, lexicon: _Lexicon, body: str | None
) -> _Reading:
    phrases = _addressee_phrases(paragraph.text, lang, lexicon)
    if phrases:
        mentions = [m for _, found in phrases for m in found]
        return _reading("addressed", [w for w, _ in phrases], mentions)
    if bare_verb(paragraph.verb, lang) in lexicon.decides and body is not None:
        actor = BODY_WORDS[body].actor
        return _Reading("body", (), (actor,) if actor in lexicon.known else (), ())
    mentions = _mentions(paragraph.text, lang, lexicon)
    if mentions:
        return _reading("named", list(dict.fromkeys(m.words for m in mentions)), mentions)
    return _Reading("none", (), (), ())


def _reading(case: _Case, words: list[str], mentions: list[Mention]) -> _Reading:
    actors = tuple(dict.fromkeys(a for m in mentions for a in m.actors))
    notes = tuple(dict.fromkeys(m.note for m in mentions if m.note))
    return _Reading(case, tuple(words), actors, notes)


def _as_written(reading: _Reading, lang: str, body: str | None) -> str:
    if reading.case == "addressed":
        return "; ".join(reading.words)
    if reading.case == "body" and body is not None:
        itself = BODY_WORDS[body].itself
        return getattr(itself, lang) or itself.en
    if reading.case == "named":
        named = _SENTENCES["named"]
        return named.get(lang, named["en"]).format(words=_joined(reading.words, lang))
    return getattr(NO_ACTOR_NAMED, lang) or NO_ACTOR_NAMED.en


def _joined(words: Sequence[str], lang: str) -> str:
    return _SEPARATOR.get(lang, _SEPARATOR["en"]).join(words)


def _reason(reading: _Reading, names: list[Actor], body: str | None) -> Text:
    en_names = _joined([a.name.en for a in names], "en")
    zh_names = _joined([a.name.zh or a.name.en for a in names], "zh")
    words = "; ".join(reading.words)
    if reading.case == "addressed" and names:
        en = _SENTENCES["reason_addressed"]["en"].format(words=words, names=en_names)
        zh = _SENTENCES["reason_addressed"]["zh"].format(words=words, names=zh_names)
    elif reading.case == "body" and names and body is not None:
        en, zh = BODY_WORDS[body].decides.en, BODY_WORDS[body].decides.zh or ""
    else:
        name = {"addressed": "reason_addressed_unknown", "named": "reason_named"}.get(
            reading.case, "reason_none"
        )
        en = _SENTENCES[name]["en"].format(names=en_names)
        zh = _SENTENCES[name]["zh"].format(names=zh_names)
    notes_en = "".join(f" {note.en}" for note in reading.notes)
    notes_zh = "".join(note.zh or "" for note in reading.notes)
    prefix = _SENTENCES["reason_prefix"]
    return Text(en=f"{prefix['en']}{en}{notes_en}", zh=f"{prefix['zh']}{zh}{notes_zh}")


# --- the drafts --------------------------------------------------------------------------


def draft_records(
    parsed: ParsedResolution,
    dataset: Dataset | None,
    *,
    source_file: str,
    refs: Sequence[FootnoteRef] = (),
    masthead: Masthead | None = None,
    symbol: str | None = None,
    adopted: dt.date | None = None,
    verbs: Mapping[int, str] | None = None,
    title: str | None = None,
    body: str | None = None,
    meeting: str | None = None,
) -> Drafts:
    """Draft records of a resolution the data does not hold yet, from its English text.

    `source_file` is the text's path as the data names it (relative to the data file);
    `refs` the footnote markers of its cleaned text (`clean_extraction(...).refs`), which
    give each footnote reference the words it follows; `symbol` and `adopted` stand in for
    what the text does not print (or correct what it was read as); `verbs` gives paragraph
    numbers the verb a person corrected (in place of `recorded_verb`'s); `title`, `body`
    ("general_assembly" or "security_council") and `meeting` stand in for what the text does
    not print or correct it. Raises `DraftError` when the records could not validate, saying
    which field to give.
    """
    try:
        return _draft_records(
            parsed,
            dataset,
            source_file,
            refs,
            masthead,
            symbol,
            adopted,
            _checked_verbs(verbs),
            _HeaderFixes(title, body, meeting),
        )
    except ValidationError as error:
        # A value the text prints that no record can hold (say, a symbol with a stray sign).
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise DraftError(f"the text gives values the records cannot hold: {problems}") from None


def _draft_records(
    parsed: ParsedResolution,
    dataset: Dataset | None,
    source_file: str,
    refs: Sequence[FootnoteRef],
    masthead: Masthead | None,
    symbol: str | None,
    adopted: dt.date | None,
    verbs: Mapping[int, str],
    fixes: _HeaderFixes,
) -> Drafts:
    if parsed.language != "en":
        raise DraftError(
            "every text field of the data needs its English text, so a resolution's records "
            "are drafted from the English text; ingest that first, then this "
            f"{parsed.language} text fills the {parsed.language} fields"
        )
    warnings: list[IngestWarning] = []
    resolved = _symbol(parsed, symbol, warnings)
    body = _body(parsed, resolved, fixes.body)
    date = adopted or (
        dt.date.fromisoformat(parsed.adoption_date) if parsed.adoption_date else None
    )
    if date is None:
        raise DraftError(
            f"the text of {resolved} prints no adoption date: give it (Adopted on the page, "
            "--adopted on the command line)"
        )
    title = " ".join((fixes.title or parsed.title).split())
    if not title:
        raise DraftError(
            f"the text of {resolved} prints no title (a Security Council resolution has none): "
            "give it (Title on the page, --title on the command line)"
        )
    session = parsed.session if symbol is None else None
    if session is None and body == "general_assembly":
        found = re.match(r"A/RES/(\d{1,3})/", resolved)
        session = int(found.group(1)) if found else None
    if not parsed.operative:
        raise DraftError(f"no operative paragraph found in the text of {resolved}")
    lexicon = _lexicon(dataset)
    head = masthead or Masthead()
    notes = {note.marker: note for note in parsed.footnotes}
    afters = _footnote_afters(parsed, refs)
    preamble = tuple(
        PreambularParagraph(
            verb=Text(en=p.verb or p.text.split()[0]),
            text=Text(en=p.text),
            footnotes=_footnotes((0, index), p, afters, notes, warnings),
        )
        for index, p in enumerate(parsed.preamble)
        if p.text
    )
    resolution = Resolution(
        symbol=resolved,
        title=Text(en=title),
        session=session,
        agenda_item=head.agenda_item,
        adopted=date,
        meeting=" ".join((fixes.meeting or parsed.meeting or "").split()) or None,
        committee_report=head.committee_report,
        source_files={"en": source_file},
        preamble=preamble,
    )
    existing = {a.id for a in dataset.actors} if dataset else set()
    commitments: list[Commitment] = []
    assessments: list[Assessment] = []
    new_actors: dict[str, Actor] = {}
    status, confidence = _not_assessed(dataset)
    for paragraph in parsed.operative:
        if not paragraph.text:
            warnings.append(
                IngestWarning("empty-paragraph", f"OP{paragraph.number} left out", paragraph.line)
            )
            continue
        verb = verbs.get(paragraph.number)
        commitment = _commitment(resolved, paragraph, verb, lexicon, afters, notes, warnings, body)
        commitments.append(commitment)
        for actor_id in commitment.addressed.actors:
            if actor_id not in existing:
                new_actors[actor_id] = lexicon.known[actor_id]
            assessments.append(
                Assessment(
                    id=f"AS-{resolved.removeprefix('A/RES/')}-OP{paragraph.number}-{actor_id}-{date}",
                    commitment=commitment.id,
                    actor=actor_id,
                    date=date,
                    recorded=dt.date.today(),
                    status=status,
                    rationale=_sentence("not_assessed", symbol=resolved),
                    assessor=ASSESSOR,
                    confidence=confidence,
                )
            )
        if not commitment.addressed.actors:
            warnings.append(
                IngestWarning(
                    "no-actor", f"OP{paragraph.number}: no actor recognised", paragraph.line
                )
            )
    return Drafts(
        resolution=resolution,
        actors=tuple(new_actors.values()),
        commitments=tuple(commitments),
        assessments=tuple(assessments),
        warnings=tuple(warnings),
    )


def _symbol(parsed: ParsedResolution, given: str | None, warnings: list[IngestWarning]) -> str:
    symbol = given or parsed.symbol
    if not symbol:
        raise DraftError(
            "the text prints no document symbol: give it (Symbol on the page, --symbol on the "
            "command line)"
        )
    compact = re.sub(r"\s+", "", symbol)
    if compact != symbol:
        # Record ids cannot hold spaces: "A/RES/55/33 D" is kept as "A/RES/55/33D".
        warnings.append(IngestWarning("symbol-spaces", f"{symbol!r} is recorded as {compact!r}", 1))
    return compact


def _body(parsed: ParsedResolution, symbol: str, given: str | None) -> str | None:
    """The body that adopted the resolution: as given, else as the text reads, else as its
    symbol says; a symbol of the other body is refused."""
    if given is not None and given not in BODIES:
        raise DraftError(f"the body is one of {', '.join(BODIES)}, not {given!r}")
    of_symbol = body_of_symbol(symbol)
    body = given or parsed.body or of_symbol
    if of_symbol is not None and body != of_symbol:
        raise DraftError(
            f"{symbol} is a symbol of the {of_symbol.replace('_', ' ')}, but the body is the "
            f"{str(body).replace('_', ' ')}: correct one of them"
        )
    return body


@dataclass(frozen=True)
class _HeaderFixes:
    title: str | None = None
    body: str | None = None
    meeting: str | None = None


def _not_assessed(dataset: Dataset | None) -> tuple[str, str]:
    if dataset is None:
        return "not_assessed", "low"
    method = dataset.methodology
    lowest = min(method.confidence_levels, key=lambda level: level.order)
    return method.not_assessed_status, lowest.id


def _checked_verbs(verbs: Mapping[int, str] | None) -> dict[int, str]:
    checked = {number: " ".join(verb.split()) for number, verb in (verbs or {}).items()}
    empty = [f"OP{number}" for number, verb in checked.items() if not verb]
    if empty:
        raise DraftError(f"a verb cannot be empty: give the verb of {', '.join(empty)}")
    return checked


def recorded_verb(paragraph: OperativeParagraph, lang: str) -> str:
    """The verb a commitment records for the paragraph: its verb phrase as printed (a second
    verb joined with an ellipsis), else its first word."""
    phrase = paragraph.verb_phrase or (paragraph.text.split() or [""])[0]
    # The data writes a Chinese verb phrase with the Chinese ellipsis: 强调……并呼吁.
    return phrase.replace(" ... ", "……") if lang == "zh" else phrase


def _commitment(
    symbol: str,
    paragraph: OperativeParagraph,
    verb: str | None,
    lexicon: _Lexicon,
    afters: dict[_AfterKey, str],
    notes: dict[str, Footnote],
    warnings: list[IngestWarning],
    body: str | None,
) -> Commitment:
    if verb is not None:
        # A corrected verb is read as the paragraph's verb (a 'Decides' addresses the body).
        paragraph = replace(paragraph, verb=re.split(r" \.\.\. |……", verb)[0])
    reading = _read_addressed(paragraph, "en", lexicon, body)
    names = [lexicon.known[i] for i in reading.actors]
    words = criteria_words(paragraph.text, "en")
    return Commitment(
        id=f"{symbol}:OP{paragraph.number}",
        resolution=symbol,
        paragraph=paragraph.number,
        verb=Text(en=verb or recorded_verb(paragraph, "en")),
        text=Text(en=paragraph.text),
        footnotes=_footnotes((1, paragraph.number), paragraph, afters, notes, warnings),
        addressed=Addressed(
            as_written=Text(en=_as_written(reading, "en", body)),
            actors=reading.actors,
            reason=_reason(reading, names, body),
        ),
        action=Text(en=first_clause(paragraph.text, "en")),
        criteria=tuple(
            CriterionGround(criterion=criterion, grounds=Text(en=ground))
            for criterion, ground in words.items()
        ),
    )


# --- footnotes ---------------------------------------------------------------------------

_AfterKey = tuple[int, int, str]  # (0 preamble / 1 operative, index or number, marker)


def _key(paragraph: Paragraph | OperativeParagraph, index: int) -> tuple[int, int]:
    return (1, paragraph.number) if isinstance(paragraph, OperativeParagraph) else (0, index)


def _footnote_afters(parsed: ParsedResolution, refs: Sequence[FootnoteRef]) -> dict[_AfterKey, str]:
    """The words each footnote marker follows, per paragraph: markers and paragraphs are
    both in print order, so the n-th paragraph citing a footnote gets its n-th marker."""
    queue: dict[str, list[str]] = {}
    for ref in refs:
        queue.setdefault(ref.marker, []).append(ref.after)
    first = {note.marker: note.after for note in parsed.footnotes}
    afters: dict[_AfterKey, str] = {}
    paragraphs: list[tuple[int, Paragraph | OperativeParagraph]] = [
        *enumerate(parsed.preamble),
        *enumerate(parsed.operative),
    ]
    for index, paragraph in paragraphs:
        for marker in paragraph.footnote_refs:
            waiting = queue.get(marker)
            context = waiting.pop(0) if waiting else first.get(marker, "")
            words = _words_before(context, paragraph.text, parsed.language)
            afters.setdefault((*_key(paragraph, index), marker), words)
    return afters


def _words_before(context: str, text: str, lang: str) -> str:
    """The end of `context` that lies in `text`, from a word (or clause) start."""
    tail = ""
    for size in range(len(context), 0, -1):
        if context[-size:] in text:
            tail = context[-size:]
            break
    if not tail:
        return ""
    if lang == "zh":
        cut = max(tail.rfind(mark, 0, len(tail) - 1) for mark in "，、；")
        return (tail[cut + 1 :] if cut >= 0 else tail).strip()
    at = text.rfind(tail)
    if at > 0 and text[at - 1].isalnum() and " " in tail:
        tail = tail[tail.index(" ") + 1 :]
    cut = tail.rfind(", ", 0, max(0, len(tail) - 8))
    return (tail[cut + 2 :] if cut >= 0 else tail).strip()


def _footnotes(
    key: tuple[int, int],
    paragraph: Paragraph | OperativeParagraph,
    afters: dict[_AfterKey, str],
    notes: dict[str, Footnote],
    warnings: list[IngestWarning],
) -> tuple[FootnoteReference, ...]:
    found = []
    for marker in dict.fromkeys(paragraph.footnote_refs):
        note = notes.get(marker)
        if note is None or not note.text:
            warnings.append(
                IngestWarning("footnote-missing", f"no text for footnote {marker}", paragraph.line)
            )
            continue
        after = afters.get((*key, marker)) or note.after or paragraph.text[-40:]
        found.append(
            FootnoteReference(marker=marker, after=Text(en=after), text=Text(en=note.text))
        )
    return tuple(found)


# --- a second language -------------------------------------------------------------------


def language_fills(
    parsed: ParsedResolution,
    dataset: Dataset,
    *,
    source_file: str | None = None,
    refs: Sequence[FootnoteRef] = (),
    symbol: str | None = None,
    verbs: Mapping[int, str] | None = None,
) -> FillPlan:
    """The texts this language's version of a resolution gives its records in the data.

    Official texts (title, preamble, verbs, paragraph texts, footnotes) are filled where the
    data lacks them in this language. What the drafts wrote in the other language and nobody
    has changed since (who is addressed, the action, the words grounding a criterion) gets
    this language's draft beside it. Nothing the data holds in this language is replaced:
    where it differs from this text it is listed in `kept`. `verbs` gives paragraph numbers
    the verb a person corrected. Raises `DraftError` when the resolution is not in the data,
    the language is not one the data holds or a corrected verb is empty.
    """
    corrected = _checked_verbs(verbs)
    language = parsed.language
    if language not in TEXT_LANGUAGES:
        raise DraftError(
            f"the data holds texts in {', '.join(TEXT_LANGUAGES)} only, not {language!r}; "
            "use --json to read this text"
        )
    warnings: list[IngestWarning] = []
    resolved = _symbol(parsed, symbol, warnings)
    resolution = next((r for r in dataset.resolutions if r.symbol == resolved), None)
    if resolution is None:
        raise DraftError(f"{resolved} is not in the data")
    found = _Fills(language)
    found.text(resolved, ("title",), resolution.title, parsed.title)
    if source_file is not None:
        held = resolution.source_files.get(language)
        if held is None:
            found.fills.append(LanguageFill(resolved, ("source_files",), source_file))
        elif held != source_file:
            found.kept.append(f"{resolved} source_files.{language}: the data names {held}")
    afters = _footnote_afters(parsed, refs)
    notes = {note.marker: note for note in parsed.footnotes}
    if len(parsed.preamble) == len(resolution.preamble):
        for index, (held_p, read) in enumerate(
            zip(resolution.preamble, parsed.preamble, strict=True)
        ):
            at: tuple[str | int, ...] = ("preamble", index)
            found.text(resolved, (*at, "verb"), held_p.verb, read.verb)
            found.text(resolved, (*at, "text"), held_p.text, read.text)
            found.footnotes(resolved, at, held_p.footnotes, (0, index, read), afters, notes)
    elif resolution.preamble:
        warnings.append(
            IngestWarning(
                "preamble-mismatch",
                f"the data has {len(resolution.preamble)} preambular paragraphs and this text "
                f"{len(parsed.preamble)}: the preamble is left as it is",
            )
        )
    lexicon = _lexicon(dataset)
    held_ops = {c.paragraph: c for c in dataset.commitments if c.resolution == resolved}
    for paragraph in parsed.operative:
        commitment = held_ops.pop(paragraph.number, None)
        if commitment is None:
            warnings.append(
                IngestWarning(
                    "not-in-data",
                    f"OP{paragraph.number} has no commitment in the data",
                    paragraph.line,
                )
            )
            continue
        cid = commitment.id
        verb = corrected.get(paragraph.number) or recorded_verb(paragraph, language)
        found.text(cid, ("verb",), commitment.verb, verb)
        found.text(cid, ("text",), commitment.text, paragraph.text)
        found.footnotes(
            cid, (), commitment.footnotes, (1, paragraph.number, paragraph), afters, notes
        )
        _fill_drafted(found, commitment, paragraph, lexicon, body_of_symbol(resolved))
    for commitment in held_ops.values():
        warnings.append(
            IngestWarning("not-in-text", f"{commitment.id} has no paragraph in this text")
        )
    return FillPlan(resolved, language, tuple(found.fills), tuple(found.kept), tuple(warnings))


def _fill_drafted(
    found: _Fills,
    commitment: Commitment,
    paragraph: OperativeParagraph,
    lexicon: _Lexicon,
    body: str | None,
) -> None:
    """This language's drafts beside the other language's, where those are still as drafted."""
    language = found.language
    other = next(lang for lang in TEXT_LANGUAGES if lang != language)
    base_text = getattr(commitment.text, other)
    if not base_text:
        return
    base_verb = re.split(r" \.\.\. |……", getattr(commitment.verb, other) or "")[0]
    base = OperativeParagraph(paragraph.number, base_verb, base_text, language=other)
    cid = commitment.id
    held = _read_addressed(base, other, lexicon, body)
    read = _read_addressed(paragraph, language, lexicon, body)
    as_written = commitment.addressed.as_written
    still_drafted = getattr(as_written, other) == _as_written(held, other, body)
    if still_drafted and (held.case, set(held.actors)) == (read.case, set(read.actors)):
        found.text(cid, ("addressed", "as_written"), as_written, _as_written(read, language, body))
    if getattr(commitment.action, other) == first_clause(base_text, other):
        found.text(cid, ("action",), commitment.action, first_clause(paragraph.text, language))
    base_words = criteria_words(base_text, other)
    words = criteria_words(paragraph.text, language)
    for index, ground in enumerate(commitment.criteria):
        drafted = getattr(ground.grounds, other) == base_words.get(ground.criterion)
        if drafted and ground.criterion in words:
            at = ("criteria", index, "grounds")
            found.text(cid, at, ground.grounds, words[ground.criterion])


@dataclass
class _Fills:
    language: str
    fills: list[LanguageFill] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def text(
        self,
        record: str,
        at: tuple[str | int, ...],
        held: Text,
        value: str,
        *,
        ending: bool = False,
    ) -> None:
        current = getattr(held, self.language)
        if not value:
            return
        if current is None:
            self.fills.append(LanguageFill(record, at, value))
            return
        same = (
            current.endswith(value) or value.endswith(current)
            if ending
            else normalize_for_match(current, self.language)
            == normalize_for_match(value, self.language)
        )
        if not same:
            name = ".".join(str(part) for part in at)
            self.kept.append(f"{record} {name}: the data's {self.language} text differs")

    def footnotes(
        self,
        record: str,
        at: tuple[str | int, ...],
        held: tuple[FootnoteReference, ...],
        where: tuple[int, int, Paragraph | OperativeParagraph],
        afters: dict[_AfterKey, str],
        notes: dict[str, Footnote],
    ) -> None:
        kind, position, paragraph = where
        for index, reference in enumerate(held):
            note = notes.get(reference.marker)
            if note is None or reference.marker not in paragraph.footnote_refs:
                name = ".".join(str(part) for part in (*at, "footnotes", index))
                self.kept.append(f"{record} {name}: footnote {reference.marker} not in this text")
                continue
            base = (*at, "footnotes", index)
            self.text(record, (*base, "text"), reference.text, note.text)
            after = afters.get((kind, position, reference.marker), "")
            self.text(record, (*base, "after"), reference.after, after, ending=True)
