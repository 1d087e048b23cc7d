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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

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
from tracker.ingest.parse import OperativeParagraph, Paragraph, ParsedResolution
from tracker.ingest.verbs import to_simplified
from tracker.source.store import LanguageFill

ASSESSOR = "ingest draft"
DRAFT_MARK = {"en": "[draft] ", "zh": "【草稿】"}
TEXT_LANGUAGES = tuple(Text.model_fields)  # the languages a record can hold: ("en", "zh")

NO_ACTOR_NAMED = Text(en="No actor is named.", zh="未点名任何行为体。")
ASSEMBLY_ITSELF = Text(en="The General Assembly itself.", zh="大会本身。")

# Actors a draft may add when the data lacks them: the names the UN prints in English and
# Chinese. Ids follow the bundled data (ISO 3166 alpha-3 for States).
KNOWN_ACTORS: tuple[Actor, ...] = (
    Actor(
        id="USA",
        name=Text(en="United States of America", zh="美利坚合众国"),
        kind="state",
        npt_nuclear_weapon_state=True,
    ),
    Actor(
        id="RUS",
        name=Text(en="Russian Federation", zh="俄罗斯联邦"),
        kind="state",
        npt_nuclear_weapon_state=True,
    ),
    Actor(
        id="GBR",
        name=Text(
            en="United Kingdom of Great Britain and Northern Ireland",
            zh="大不列颠及北爱尔兰联合王国",
        ),
        kind="state",
        npt_nuclear_weapon_state=True,
    ),
    Actor(id="FRA", name=Text(en="France", zh="法国"), kind="state", npt_nuclear_weapon_state=True),
    Actor(id="CHN", name=Text(en="China", zh="中国"), kind="state", npt_nuclear_weapon_state=True),
    Actor(id="UNGA", name=Text(en="General Assembly", zh="大会"), kind="un_organ"),
    Actor(
        id="UNSG",
        name=Text(en="Secretary-General of the United Nations", zh="联合国秘书长"),
        kind="un_organ",
    ),
)


@dataclass(frozen=True)
class Alias:
    """Other names for the actor whose English name is `actor`; `note` says how a name that
    is not the actor's own is read."""

    actor: str
    en: tuple[str, ...] = ()
    zh: tuple[str, ...] = ()
    note: Text | None = None


ALIASES: tuple[Alias, ...] = (
    Alias("United States of America", en=("United States",), zh=("美国",)),
    Alias("Russian Federation", en=("Russia",), zh=("俄罗斯",)),
    Alias(
        "Russian Federation",
        en=("Union of Soviet Socialist Republics", "Soviet Union", "USSR"),
        zh=("苏维埃社会主义共和国联盟", "苏联"),
        note=Text(
            en="The Union of Soviet Socialist Republics is read as the Russian Federation, "
            "which continued its membership of the United Nations.",
            zh="苏维埃社会主义共和国联盟按俄罗斯联邦处理，后者延续了苏联在联合国的会员资格。",
        ),
    ),
    Alias(
        "United Kingdom of Great Britain and Northern Ireland",
        en=("United Kingdom",),
        zh=("联合王国", "英国"),
    ),
    Alias("France", en=("French Republic",), zh=("法兰西共和国",)),
    Alias("China", en=("People's Republic of China",), zh=("中华人民共和国",)),
    Alias("Secretary-General of the United Nations", en=("Secretary-General",), zh=("秘书长",)),
)

# Names that stand for every NPT nuclear-weapon State in the actor list.
NUCLEAR_WEAPON_STATES = {"en": ("nuclear-weapon States",), "zh": ("核武器国家",)}
NUCLEAR_WEAPON_STATES_NOTE = Text(
    en="'Nuclear-weapon States' is read as the NPT nuclear-weapon States in the actor list.",
    zh="“核武器国家”按行为体列表中的《不扩散核武器条约》核武器国家处理。",
)

# Chinese names that occur inside longer words meaning something else: what must not stand
# before or after them (发展中国家 "developing countries", 无核武器国家, 审议大会).
_ZH_NOT_BEFORE: dict[str, tuple[str, ...]] = {
    "中国": ("发展",),
    "核武器国家": ("无", "非"),
    "大会": ("审议",),
}
_ZH_NOT_AFTER: dict[str, tuple[str, ...]] = {"中国": ("家",), "大会": ("堂",)}

_CRITERION_WORDS: dict[str, dict[Criterion, str]] = {
    "en": {
        Criterion.TRANSPARENCY: r"transparen\w*",
        Criterion.VERIFIABILITY: r"verif\w*",
        Criterion.IRREVERSIBILITY: r"irreversib\w*",
    },
    "zh": {
        Criterion.TRANSPARENCY: r"透明度?",
        Criterion.VERIFIABILITY: r"可?核查|可?核实",
        Criterion.IRREVERSIBILITY: r"不可逆转?",
    },
}

_EN_ADDRESSING = re.compile(
    r"(?:^|\band\s+)(?:(?i:also|further|again|strongly|once again)\s+)*"
    r"(?i:calls\s+(?:also\s+|further\s+|again\s+)?(?:upon|on)|urges|requests|invites|"
    r"encourages|exhorts|demands|appeals\s+(?:also\s+)?to)"
    r"(?:\s+(?:also|further|again))?\s+"
)
_EN_INFINITIVE = re.compile(r",?\s+to\s+(?=[a-z])")
_EN_CONNECTOR = re.compile(r"[,\s]*(?:\band(?:\s+also|\s+further)?)?[,\s]*$")
_ZH_ADDRESSING = re.compile(
    r"(?:^|并且?|同时)(?:又|还|再次)?(?:吁请|促请|敦促|邀请|鼓励|呼吁|要求|请)"
)
_ZH_OBJECT_REACH = 15
_ZH_PREPOSITIONS = re.compile(r"[对就在为将从把以向于由]")
_ZH_CLAUSE_END = re.compile(r"[，；：。]")
_EN_JOINT = re.compile(r",\s+(?:and|or|but|while|which|in order)\s")
_ZH_JOINT = re.compile(r"，(?:并|而|以便|以)")
_ACTION_SPAN = {"en": (60, 240), "zh": (20, 100)}


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
    for opener in ("The General Assembly,", "大会，", "大会,"):
        if opener in text:
            head = text[: text.index(opener)]
            break
    if lang == "zh":
        item = re.search(r"议程项目\s*([^\n]+?)\s*$", head, re.M)
        report = re.search(r"委员会的报告\s*[（(]\s*(A/[^)）\s]+)\s*[)）]", head)
    else:
        item = re.search(r"^\s*Agenda items?\s+(\S[^\n]*?)\s*$", head, re.M)
        report = re.search(r"on the report of the [^()\]]*Committee\s*\(\s*(A/[^)\s]+)\s*\)", head)
    return Masthead(
        agenda_item=item.group(1) if item else None,
        committee_report=report.group(1) if report else None,
    )


# --- who a paragraph addresses -----------------------------------------------------------

_Case = Literal["addressed", "assembly", "named", "none"]


@dataclass(frozen=True)
class _Reading:
    """Who a paragraph of one language addresses, as the drafts read it."""

    case: _Case
    words: tuple[str, ...]  # the addressee phrases, or the names printed
    actors: tuple[str, ...]
    notes: tuple[Text, ...]


def _bare_verb(verb: str) -> str:
    probe = to_simplified(verb).lower()
    for prefix in ("又", "还", "再次"):
        probe = probe.removeprefix(prefix)
    return " ".join(w for w in probe.split() if w not in {"also", "further", "again"})


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


def _read_addressed(paragraph: OperativeParagraph, lang: str, lexicon: _Lexicon) -> _Reading:
    phrases = _addressee_phrases(paragraph.text, lang, lexicon)
    if phrases:
        mentions = [m for _, found in phrases for m in found]
        return _reading("addressed", [w for w, _ in phrases], mentions)
    if _bare_verb(paragraph.verb) in {"decides", "决定"}:
        assembly = next(
            (a for a in lexicon.known.values() if a.name.en == "General Assembly"), None
        )
        return _Reading("assembly", (), (assembly.id,) if assembly else (), ())
    mentions = _mentions(paragraph.text, lang, lexicon)
    if mentions:
        return _reading("named", list(dict.fromkeys(m.words for m in mentions)), mentions)
    return _Reading("none", (), (), ())


def _reading(case: _Case, words: list[str], mentions: list[Mention]) -> _Reading:
    actors = tuple(dict.fromkeys(a for m in mentions for a in m.actors))
    notes = tuple(dict.fromkeys(m.note for m in mentions if m.note))
    return _Reading(case, tuple(words), actors, notes)


def _as_written(reading: _Reading, lang: str) -> str:
    if reading.case == "addressed":
        return "; ".join(reading.words)
    if reading.case == "assembly":
        return getattr(ASSEMBLY_ITSELF, lang) or ASSEMBLY_ITSELF.en
    if reading.case == "named":
        if lang == "zh":
            return f"未直接针对任何行为体；案文提及{'、'.join(reading.words)}。"
        return f"No actor is addressed; the text names {', '.join(reading.words)}."
    return getattr(NO_ACTOR_NAMED, lang) or NO_ACTOR_NAMED.en


def _reason(reading: _Reading, names: list[Actor]) -> Text:
    en_names = ", ".join(a.name.en for a in names)
    zh_names = "、".join(a.name.zh or a.name.en for a in names)
    if reading.case == "addressed" and names:
        en = (
            f"the paragraph addresses {'; '.join(reading.words)}; the actors recognised in "
            f"those words are {en_names}."
        )
        zh = f"该段点名其所针对的对象；从中识别出的行为体为{zh_names}。"
    elif reading.case == "addressed":
        en = (
            "the paragraph addresses no actor in the actor list by name; "
            "choose the actors to assess and say why."
        )
        zh = "该段所针对的对象不在行为体列表中；请选定要评估的行为体并说明理由。"
    elif reading.case == "assembly" and names:
        en = "'Decides' settles the General Assembly's own business, so the Assembly is assessed."
        zh = "“决定”处理的是大会自身的事务，因此评估大会。"
    elif reading.case == "named":
        en = (
            f"no actor is addressed; the text names {en_names}, "
            "who are assessed until a reviewer decides otherwise."
        )
        zh = f"该段未直接针对任何行为体；案文提及{zh_names}，在审核人另作决定之前对其进行评估。"
    else:
        en = "the text names no actor in the actor list; choose the actors to assess and say why."
        zh = "案文未点名行为体列表中的任何行为体；请选定要评估的行为体并说明理由。"
    notes_en = "".join(f" {note.en}" for note in reading.notes)
    notes_zh = "".join(note.zh or "" for note in reading.notes)
    return Text(
        en=f"Draft from the text, to review: {en}{notes_en}", zh=f"草稿，待审核：{zh}{notes_zh}"
    )


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
) -> Drafts:
    """Draft records of a resolution the data does not hold yet, from its English text.

    `source_file` is the text's path as the data names it (relative to the data file);
    `refs` the footnote markers of its cleaned text (`clean_extraction(...).refs`), which
    give each footnote reference the words it follows; `symbol` and `adopted` stand in for
    what the text does not print (or correct what it was read as); `verbs` gives paragraph
    numbers the verb a person corrected (in place of `recorded_verb`'s). Raises `DraftError`
    when the records could not validate.
    """
    try:
        return _draft_records(
            parsed, dataset, source_file, refs, masthead, symbol, adopted, _checked_verbs(verbs)
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
) -> Drafts:
    if parsed.language != "en":
        raise DraftError(
            "every text field of the data needs its English text, so a resolution's records "
            "are drafted from the English text; ingest that first, then this "
            f"{parsed.language} text fills the {parsed.language} fields"
        )
    warnings: list[IngestWarning] = []
    resolved = _symbol(parsed, symbol, warnings)
    date = adopted or (
        dt.date.fromisoformat(parsed.adoption_date) if parsed.adoption_date else None
    )
    if date is None:
        raise DraftError(f"the text of {resolved} prints no adoption date: give it")
    if not parsed.title:
        raise DraftError(f"no title found in the text of {resolved}")
    session = parsed.session
    if session is None:
        raise DraftError(f"no session found in the text of {resolved}")
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
        title=Text(en=parsed.title),
        session=session,
        agenda_item=head.agenda_item,
        adopted=date,
        meeting=parsed.meeting,
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
            warnings.append(IngestWarning("empty-paragraph", f"OP{paragraph.number} left out"))
            continue
        verb = verbs.get(paragraph.number)
        commitment = _commitment(resolved, paragraph, verb, lexicon, afters, notes, warnings)
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
                    rationale=Text(
                        en=f"Not yet assessed: drafted from the text of {resolved} at ingest; "
                        "no evidence has been gathered for this commitment.",
                        zh=f"尚未评估：导入时根据 {resolved} 的案文起草；"
                        "尚未为该承诺收集任何证据。",
                    ),
                    assessor=ASSESSOR,
                    confidence=confidence,
                )
            )
        if not commitment.addressed.actors:
            warnings.append(IngestWarning("no-actor", f"OP{paragraph.number}: no actor recognised"))
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
        raise DraftError("the text prints no document symbol: give it")
    compact = re.sub(r"\s+", "", symbol)
    if compact != symbol:
        # Record ids cannot hold spaces: "A/RES/55/33 D" is kept as "A/RES/55/33D".
        warnings.append(IngestWarning("symbol-spaces", f"{symbol!r} is recorded as {compact!r}"))
    return compact


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
) -> Commitment:
    if verb is not None:
        # A corrected verb is read as the paragraph's verb (a 'Decides' addresses the Assembly).
        paragraph = replace(paragraph, verb=re.split(r" \.\.\. |……", verb)[0])
    reading = _read_addressed(paragraph, "en", lexicon)
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
            as_written=Text(en=_as_written(reading, "en")),
            actors=reading.actors,
            reason=_reason(reading, names),
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
            warnings.append(IngestWarning("footnote-missing", f"no text for footnote {marker}"))
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
                IngestWarning("not-in-data", f"OP{paragraph.number} has no commitment in the data")
            )
            continue
        cid = commitment.id
        verb = corrected.get(paragraph.number) or recorded_verb(paragraph, language)
        found.text(cid, ("verb",), commitment.verb, verb)
        found.text(cid, ("text",), commitment.text, paragraph.text)
        found.footnotes(
            cid, (), commitment.footnotes, (1, paragraph.number, paragraph), afters, notes
        )
        _fill_drafted(found, commitment, paragraph, lexicon)
    for commitment in held_ops.values():
        warnings.append(
            IngestWarning("not-in-text", f"{commitment.id} has no paragraph in this text")
        )
    return FillPlan(resolved, language, tuple(found.fills), tuple(found.kept), tuple(warnings))


def _fill_drafted(
    found: _Fills, commitment: Commitment, paragraph: OperativeParagraph, lexicon: _Lexicon
) -> None:
    """This language's drafts beside the other language's, where those are still as drafted."""
    language = found.language
    other = next(lang for lang in TEXT_LANGUAGES if lang != language)
    base_text = getattr(commitment.text, other)
    if not base_text:
        return
    base_verb = re.split(r" \.\.\. |……", getattr(commitment.verb, other) or "")[0]
    base = OperativeParagraph(paragraph.number, base_verb, base_text)
    cid = commitment.id
    held = _read_addressed(base, other, lexicon)
    read = _read_addressed(paragraph, language, lexicon)
    as_written = commitment.addressed.as_written
    still_drafted = getattr(as_written, other) == _as_written(held, other)
    if still_drafted and (held.case, set(held.actors)) == (read.case, set(read.actors)):
        found.text(cid, ("addressed", "as_written"), as_written, _as_written(read, language))
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
