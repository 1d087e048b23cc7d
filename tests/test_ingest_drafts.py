"""Tests for tracker.ingest.drafts: the official texts of A/RES/58/50 and A/RES/57/58 drafted
into records, the actors and criteria read from the wording, and one constructed resolution
for the general case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.model import Criterion, Dataset
from tracker.ingest import clean_extraction, parse_resolution
from tracker.ingest.drafts import (
    ASSESSOR,
    DRAFT_MARK,
    KNOWN_ACTORS,
    DraftError,
    Drafts,
    Masthead,
    criteria_words,
    draft_records,
    first_clause,
    language_fills,
    read_masthead,
    recognise_actors,
)
from tracker.source.loader import load_dataset
from tracker.source.store import apply_fills

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"


def source(name: str) -> str:
    return (ROOT / "sources" / name).read_text(encoding="utf-8")


def loaded(path: Path) -> Dataset:
    dataset = load_dataset(path).dataset
    assert dataset is not None
    return dataset


BUNDLED = loaded(ROOT / "commitments.yaml")
FIXTURE = loaded(MINI)
# The fixture's methodology and actors (USA, RUS, BLR, UNGA) without any resolution: what a
# first ingest of A/RES/58/50 would be checked against.
BARE = FIXTURE.model_copy(
    update={"resolutions": (), "commitments": (), "evidence": (), "assessments": (), "reviews": ()}
)
EN_58_50, ZH_58_50, EN_57_58 = (
    source(f"A_RES_{name}.txt") for name in ("58_50_en", "58_50_zh", "57_58_en")
)

# DOMAIN.md's table of A/RES/58/50's operative paragraphs, as the data writes the verbs.
VERBS_58_50 = [
    ("Agrees", "商定"),
    ("Also agrees", "又商定"),
    ("Further agrees", "还商定"),
    ("Calls upon", "吁请"),
    ("Stresses ... and calls upon", "强调……并呼吁"),
    ("Calls for", "呼吁"),
    ("Also calls for", "又呼吁"),
    ("Stresses", "强调"),
    ("Calls for", "呼吁"),
    ("Decides", "决定"),
]
NWS = ("USA", "RUS", "GBR", "FRA", "CHN")
# A/RES/57/58's verbs as the text prints them, OP1 to OP8.
VERBS_57_58 = [
    "Agrees",
    "Agrees also",
    "Agrees further",
    "Calls upon",
    "Stresses ... and calls upon",
    "Calls for",
    "Calls also for",
    "Decides",
]


def drafts_of(text: str, dataset: Dataset | None, lang: str = "en", **options: object) -> Drafts:
    parsed = parse_resolution(text, lang)
    return draft_records(
        parsed,
        dataset,
        source_file=str(options.pop("source_file", "sources/text.txt")),
        refs=clean_extraction(text, parsed.language).refs,
        masthead=read_masthead(text, parsed.language),
        **options,  # type: ignore[arg-type]
    )


def with_drafts(dataset: Dataset, drafts: Drafts) -> Dataset:
    """The dataset as a merge of the drafts would leave it (in memory, unchecked)."""
    return dataset.model_copy(
        update={
            "resolutions": (*dataset.resolutions, drafts.resolution),
            "actors": (*dataset.actors, *drafts.actors),
            "commitments": (*dataset.commitments, *drafts.commitments),
            "assessments": (*dataset.assessments, *drafts.assessments),
        }
    )


def both_languages_of_58_50() -> Dataset:
    """A/RES/58/50 drafted from its English text, then filled from its Chinese text."""
    drafted = with_drafts(BARE, drafts_of(EN_58_50, BARE, source_file="sources/A_RES_58_50_en.txt"))
    parsed = parse_resolution(ZH_58_50, "zh")
    plan = language_fills(
        parsed,
        drafted,
        source_file="sources/A_RES_58_50_zh.txt",
        refs=clean_extraction(ZH_58_50, "zh").refs,
    )
    assert plan.kept == () and plan.warnings == ()
    return apply_fills(drafted, symbol=plan.symbol, language="zh", fills=plan.fills)


BOTH = both_languages_of_58_50()


# --- A/RES/58/50 in both languages ---------------------------------------------------------


def test_both_texts_of_58_50_give_its_ten_commitments() -> None:
    """The English text drafts the ten paragraphs with the verbs of DOMAIN.md; the Chinese
    text fills the Chinese verbs and texts; both equal the reviewed records in the data."""
    reviewed = [c for c in BUNDLED.commitments if c.resolution == "A/RES/58/50"]
    drafted = BOTH.commitments
    assert [c.paragraph for c in drafted] == list(range(1, 11))
    assert [(c.verb.en, c.verb.zh) for c in drafted] == VERBS_58_50
    assert [(c.id, c.verb, c.text) for c in drafted] == [(c.id, c.verb, c.text) for c in reviewed]


def test_58_50_drafts_carry_the_metadata_its_text_prints() -> None:
    resolution = BOTH.resolutions[0]
    reviewed = next(r for r in BUNDLED.resolutions if r.symbol == "A/RES/58/50")
    fields = ("symbol", "title", "session", "agenda_item", "adopted", "meeting", "committee_report")
    assert {f: getattr(resolution, f) for f in fields} == {f: getattr(reviewed, f) for f in fields}
    assert resolution.source_files == reviewed.source_files
    assert [(p.verb, p.text) for p in resolution.preamble] == [
        (p.verb, p.text) for p in reviewed.preamble
    ]
    markers = [[n.marker for n in p.footnotes] for p in resolution.preamble]
    assert markers == [[n.marker for n in p.footnotes] for p in reviewed.preamble]


def test_58_50_footnotes_follow_the_words_in_each_language() -> None:
    """Each footnote reference keeps the official footnote text and the words its marker
    follows, ending as the reviewed record's do."""
    reviewed = next(r for r in BUNDLED.resolutions if r.symbol == "A/RES/58/50")
    drafted_notes = [n for p in BOTH.resolutions[0].preamble for n in p.footnotes]
    reviewed_notes = [n for p in reviewed.preamble for n in p.footnotes]
    for drafted, held in zip(drafted_notes, reviewed_notes, strict=True):
        assert drafted.text == held.text
        for lang in ("en", "zh"):
            mine, theirs = getattr(drafted.after, lang), getattr(held.after, lang)
            assert mine.endswith(theirs) or theirs.endswith(mine), (mine, theirs)
    op5 = BOTH.commitments[4]
    assert [n.marker for n in op5.footnotes] == ["2"]
    assert op5.footnotes[0].after.zh is not None and op5.footnotes[0].after.zh.endswith(
        "《不扩散核武器条约》"
    )


ADDRESSED_58_50 = [
    # (paragraph, actors, as written in English, in Chinese)
    (1, (), "No actor is named.", "未点名任何行为体。"),
    (
        3,
        ("USA", "RUS"),
        "No actor is addressed; the text names United States of America, Union of Soviet "
        "Socialist Republics, Russian Federation.",
        "未直接针对任何行为体；案文提及美利坚合众国、苏维埃社会主义共和国联盟、俄罗斯联邦。",
    ),
    (
        4,
        ("RUS", "USA"),
        "the Russian Federation and the United States of America",
        "俄罗斯联邦和美利坚合众国",
    ),
    (
        5,
        NWS,
        "all nuclear-weapon States in possession of such weapons",
        "拥有这种武器的所有核武器国家",
    ),
    (6, (), "No actor is named.", "未点名任何行为体。"),
    (
        9,
        NWS,
        "No actor is addressed; the text names nuclear-weapon States.",
        "未直接针对任何行为体；案文提及核武器国家。",
    ),
    (10, ("UNGA",), "The General Assembly itself.", "大会本身。"),
]


@pytest.mark.parametrize(("number", "actors", "en", "zh"), ADDRESSED_58_50)
def test_58_50_drafts_name_who_each_paragraph_addresses(
    number: int, actors: tuple[str, ...], en: str, zh: str
) -> None:
    """Who is addressed is taken from each language's own text; the actors are those
    recognised in it, and the reason says it is a draft to review."""
    commitment = BOTH.commitments[number - 1]
    assert commitment.addressed.actors == actors
    assert (commitment.addressed.as_written.en, commitment.addressed.as_written.zh) == (en, zh)
    reason = commitment.addressed.reason
    assert reason.en.startswith("Draft from the text, to review:")
    assert reason.zh is not None and reason.zh.startswith("草稿，待审核：")


def test_58_50_reasons_say_how_a_name_was_read() -> None:
    op3, op5 = BOTH.commitments[2], BOTH.commitments[4]
    assert (
        "Union of Soviet Socialist Republics is read as the Russian Federation"
        in op3.addressed.reason.en
    )
    assert "read as the NPT nuclear-weapon States" in op5.addressed.reason.en


CRITERIA_58_50 = [
    # (paragraph, {criterion: (English grounds, Chinese grounds)})
    (
        2,
        {
            Criterion.TRANSPARENCY: ("transparent", "透明"),
            Criterion.VERIFIABILITY: ("verifiable", "可核查"),
            Criterion.IRREVERSIBILITY: ("irreversible", "不可逆转"),
        },
    ),
    (6, {Criterion.TRANSPARENCY: ("transparency", "透明度")}),
    (
        9,
        {
            Criterion.TRANSPARENCY: ("transparency", "透明"),
            Criterion.VERIFIABILITY: ("verification", "核查"),
        },
    ),
    (4, {}),
    (10, {}),
]


@pytest.mark.parametrize(("number", "expected"), CRITERIA_58_50)
def test_58_50_drafts_ground_the_criteria_in_the_wording(
    number: int, expected: dict[Criterion, tuple[str, str]]
) -> None:
    commitment = BOTH.commitments[number - 1]
    found = {g.criterion: (g.grounds.en, g.grounds.zh) for g in commitment.criteria}
    assert found == expected


def test_58_50_actions_are_the_opening_clause_marked_as_drafts() -> None:
    op2, op5 = BOTH.commitments[1], BOTH.commitments[4]
    assert op2.action.en == DRAFT_MARK["en"] + op2.text.en.rstrip(";")
    assert op2.action.zh == DRAFT_MARK["zh"] + (op2.text.zh or "").rstrip("；")
    assert op5.action.en.startswith("[draft] Stresses the importance") and op5.action.en.endswith(
        "…"
    )


def test_one_not_yet_assessed_assessment_per_commitment_and_actor() -> None:
    """Dated the adoption date, by 'ingest draft', citing no evidence, at the lowest
    confidence: 'not yet assessed', never 'no progress'."""
    pairs = [(c.id, a) for c in BOTH.commitments for a in c.addressed.actors]
    assert [(a.commitment, a.actor) for a in BOTH.assessments] == pairs
    assert len({a.id for a in BOTH.assessments}) == len(pairs)
    for assessment in BOTH.assessments:
        assert assessment.status == FIXTURE.methodology.not_assessed_status
        assert (assessment.date, assessment.assessor) == (dt.date(2003, 12, 8), ASSESSOR)
        assert assessment.evidence == () and assessment.confidence == "low"
        assert assessment.rationale.en.startswith("Not yet assessed")


def test_drafts_add_the_known_actors_the_data_lacks() -> None:
    """The fixture lists no France or China: the drafts add them, once."""
    drafts = drafts_of(EN_58_50, BARE)
    assert [a.id for a in drafts.actors] == ["FRA", "CHN"]
    assert set(drafts.actors) <= set(KNOWN_ACTORS)
    assert drafts_of(EN_58_50, BUNDLED.model_copy(update={"resolutions": ()})).actors == ()


def test_the_bundled_texts_of_58_50_fill_nothing_and_keep_nothing() -> None:
    """The data already holds both texts: neither language finds anything to fill, and no
    text it holds differs from the official one."""
    for text, lang in ((EN_58_50, "en"), (ZH_58_50, "zh")):
        parsed = parse_resolution(text, lang)
        plan = language_fills(parsed, BUNDLED, refs=clean_extraction(text, lang).refs)
        assert (plan.fills, plan.kept) == ((), ())


def test_a_fill_never_replaces_a_text_the_data_holds() -> None:
    """A Chinese text that differs from the official one is listed as kept, not replaced."""
    op4 = BOTH.commitments[3]
    changed = op4.model_copy(update={"text": op4.text.model_copy(update={"zh": "另一个文本；"})})
    dataset = BOTH.model_copy(
        update={"commitments": (*BOTH.commitments[:3], changed, *BOTH.commitments[4:])}
    )
    plan = language_fills(parse_resolution(ZH_58_50, "zh"), dataset)
    assert plan.fills == ()
    assert plan.kept == ("A/RES/58/50:OP4 text: the data's zh text differs",)


# --- A/RES/57/58 -------------------------------------------------------------------------


def test_57_58_drafts() -> None:
    """The predecessor: its masthead and closing lines give the metadata, eight paragraphs."""
    drafts = drafts_of(EN_57_58, BARE)
    resolution = drafts.resolution
    assert (resolution.symbol, resolution.session, resolution.agenda_item) == (
        "A/RES/57/58",
        57,
        "66",
    )
    assert (resolution.adopted, resolution.meeting) == (
        dt.date(2002, 11, 22),
        "57th plenary meeting",
    )
    assert resolution.committee_report == "A/57/510"
    assert resolution.title.zh is None and all(c.text.zh is None for c in drafts.commitments)
    assert [c.verb.en for c in drafts.commitments] == [
        "Agrees",
        "Agrees also",
        "Agrees further",
        "Calls upon",
        "Stresses ... and calls upon",
        "Calls for",
        "Calls also for",
        "Decides",
    ]
    op4 = drafts.commitments[3]
    assert {g.criterion: g.grounds.en for g in op4.criteria} == {
        Criterion.VERIFIABILITY: "effectively verifiable"
    }
    assert {w.code for w in drafts.warnings} == {"no-actor"}


# --- the general case ----------------------------------------------------------------------

CONSTRUCTED = """United Nations
A/RES/60/999
General Assembly
Distr.: General
Sixtieth session
Agenda item 97 (b)
Resolution adopted by the General Assembly
[on the report of the First Committee (A/60/463)]
60/999. A constructed resolution for tests
The General Assembly,
Recalling its resolution 58/50 of 8 December 2003,
1. Requests the Secretary-General to submit a report to the General Assembly at its
sixty-first session;
2. Urges the nuclear-weapon States to reduce further their non-strategic nuclear weapons
in an effectively verifiable and irreversible manner;
3. Welcomes the efforts of the non-nuclear-weapon States and of developing countries;
4. Invites all States to provide information on:
(a) measures taken;
(b) transparency measures;
5. Encourages China and France, and also calls upon the United Kingdom, to report;
6. Decides to remain seized of the matter.
99th plenary meeting
8 December 2005
"""

CONSTRUCTED_CASES = [
    # (paragraph, actors, as written)
    (1, ("UNSG",), "the Secretary-General"),
    (2, NWS, "the nuclear-weapon States"),
    (3, (), "No actor is named."),
    (4, (), "all States"),
    (5, ("CHN", "FRA", "GBR"), "China and France; the United Kingdom"),
    (6, ("UNGA",), "The General Assembly itself."),
]


@pytest.mark.parametrize(("number", "actors", "as_written"), CONSTRUCTED_CASES)
def test_a_constructed_resolution_reads_its_addressees(
    number: int, actors: tuple[str, ...], as_written: str
) -> None:
    drafts = drafts_of(CONSTRUCTED, BUNDLED)
    commitment = drafts.commitments[number - 1]
    assert commitment.addressed.actors == actors
    assert commitment.addressed.as_written.en == as_written


def test_a_constructed_resolution_gives_records_that_fit_the_data() -> None:
    drafts = drafts_of(CONSTRUCTED, BUNDLED)
    assert drafts.resolution.adopted == dt.date(2005, 12, 8)
    assert (drafts.resolution.agenda_item, drafts.resolution.committee_report) == (
        "97 (b)",
        "A/60/463",
    )
    assert "(a) measures taken;" in drafts.commitments[3].text.en
    assert [g.criterion for g in drafts.commitments[1].criteria] == [
        Criterion.VERIFIABILITY,
        Criterion.IRREVERSIBILITY,
    ]
    assert drafts.commitments[1].criteria[0].grounds.en == "effectively verifiable"
    assert {w.message for w in drafts.warnings} == {
        "OP3: no actor recognised",
        "OP4: no actor recognised",
    }


RECOGNISED = [
    # (text, language, actor ids in order)
    ("the Russian Federation and the United States of America", "en", ["RUS", "USA"]),
    ("俄罗斯联邦和美利坚合众国", "zh", ["RUS", "USA"]),
    ("the Union of Soviet Socialist Republics/Russian Federation", "en", ["RUS", "RUS"]),
    ("苏维埃社会主义共和国联盟/俄罗斯联邦", "zh", ["RUS", "RUS"]),
    ("美国和俄罗斯", "zh", ["USA", "RUS"]),
    ("the United States and the United Kingdom", "en", ["USA", "GBR"]),
    ("non-nuclear-weapon States", "en", []),
    ("无核武器国家", "zh", []),
    ("发展中国家", "zh", []),
    ("缔约国审议大会", "zh", []),
    ("列入大会第六十届会议临时议程", "zh", ["UNGA"]),
    ("the Secretary-General", "en", ["UNSG"]),
    ("Russian", "en", []),
]


@pytest.mark.parametrize(("text", "lang", "expected"), RECOGNISED)
def test_actors_are_recognised_by_name_and_alias(text: str, lang: str, expected: list[str]) -> None:
    found = recognise_actors(text, lang, BUNDLED)
    assert [
        actor for mention in found for actor in mention.actors if len(mention.actors) == 1
    ] == expected
    assert all(text[m.start : m.end] == m.words for m in found)


def test_the_nuclear_weapon_states_are_a_group() -> None:
    (mention,) = recognise_actors("all nuclear-weapon States", "en", BUNDLED)
    assert mention.actors == NWS and mention.note is not None


CRITERIA_WORDS = [
    (
        "in a transparent, verifiable and irreversible manner",
        "en",
        ["transparent", "verifiable", "irreversible"],
    ),
    ("further effectively verifiable reductions", "en", [None, "effectively verifiable", None]),
    ("only transparency", "en", ["transparency", None, None]),
    ("以透明、可核查和不可逆转的方式", "zh", ["透明", "可核查", "不可逆转"]),
    ("建立信任和透明度措施", "zh", ["透明度", None, None]),
    ("Decides to include the item", "en", [None, None, None]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), CRITERIA_WORDS)
def test_criteria_are_grounded_in_the_words_of_the_text(
    text: str, lang: str, expected: list[str | None]
) -> None:
    found = criteria_words(text, lang)
    assert [found.get(c) for c in Criterion] == expected


CLAUSES = [
    ("Calls for further measures;", "en", "[draft] Calls for further measures"),
    (
        "Stresses the importance of special security measures for the transport of such weapons, "
        "and calls upon all nuclear-weapon States in possession of such weapons to take the "
        "necessary steps in this regard and to report on them to the General Assembly;",
        "en",
        "[draft] Stresses the importance of special security measures for the transport of such "
        "weapons…",
    ),
    ("决定将该项目列入临时议程。", "zh", "【草稿】决定将该项目列入临时议程"),
    ("Agrees: first; second", "en", "[draft] Agrees…"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), CLAUSES)
def test_the_action_is_the_opening_clause_marked_as_a_draft(
    text: str, lang: str, expected: str
) -> None:
    assert first_clause(text, lang) == expected


def test_mastheads() -> None:
    assert read_masthead(EN_57_58, "en") == Masthead("66", "A/57/510")
    assert read_masthead(EN_58_50, "en") == Masthead("73 (c)", "A/58/462")
    assert read_masthead(ZH_58_50, "zh") == Masthead()


# --- corrections made by a person ----------------------------------------------------------


def test_a_corrected_verb_is_recorded_and_read_as_the_verb() -> None:
    """Corrected verbs go into their commitments as given and the others stay as printed;
    a paragraph corrected to 'Decides' is read as the Assembly's own business."""
    printed = drafts_of(EN_57_58, FIXTURE)
    corrected = drafts_of(EN_57_58, FIXTURE, verbs={7: "  Also calls for ", 3: "Decides"})
    verbs = [c.verb.en for c in corrected.commitments]
    assert [c.verb.en for c in printed.commitments] == VERBS_57_58
    assert verbs == [*VERBS_57_58[:2], "Decides", *VERBS_57_58[3:6], "Also calls for", "Decides"]
    assert printed.commitments[2].addressed.actors == ("USA", "RUS")
    assert corrected.commitments[2].addressed.actors == ("UNGA",)
    assert [a.actor for a in corrected.assessments if a.commitment.endswith(":OP3")] == ["UNGA"]
    untouched = [n for n in range(8) if n not in (2, 6)]
    assert [corrected.commitments[n] for n in untouched] == [
        printed.commitments[n] for n in untouched
    ]


def test_an_empty_corrected_verb_is_refused() -> None:
    with pytest.raises(DraftError, match="give the verb of OP2"):
        drafts_of(EN_57_58, FIXTURE, verbs={2: " "})
    with pytest.raises(DraftError, match="give the verb of OP4"):
        language_fills(parse_resolution(ZH_58_50, "zh"), BOTH, verbs={4: ""})


def test_a_corrected_verb_fills_the_second_language() -> None:
    """Where the data lacks a Chinese verb, the corrected one is what fills it."""
    op4 = BOTH.commitments[3]
    bare_verb = op4.model_copy(update={"verb": op4.verb.model_copy(update={"zh": None})})
    dataset = BOTH.model_copy(
        update={"commitments": (*BOTH.commitments[:3], bare_verb, *BOTH.commitments[4:])}
    )
    parsed = parse_resolution(ZH_58_50, "zh")
    assert [f.value for f in language_fills(parsed, dataset).fills] == ["吁请"]
    plan = language_fills(parsed, dataset, verbs={4: "促请"})
    assert [(f.record, f.field, f.value) for f in plan.fills] == [
        ("A/RES/58/50:OP4", ("verb",), "促请")
    ]


# --- what cannot be drafted ----------------------------------------------------------------


def test_a_new_resolution_needs_its_english_text() -> None:
    with pytest.raises(DraftError, match="English text"):
        drafts_of(ZH_58_50, BARE, lang="zh")


def test_a_text_without_an_adoption_date_needs_one_given() -> None:
    undated = CONSTRUCTED.replace("8 December 2005\n", "")
    with pytest.raises(DraftError, match="adoption date"):
        drafts_of(undated, BUNDLED)
    given_date = drafts_of(undated, BUNDLED, adopted=dt.date(2005, 12, 8))
    assert given_date.assessments[0].date == dt.date(2005, 12, 8)


def test_a_symbol_with_a_space_is_kept_without_it() -> None:
    lettered = CONSTRUCTED.replace("A/RES/60/999", "A/RES/60/999 B").replace("60/999.", "60/999 B.")
    drafts = drafts_of(lettered, BUNDLED)
    assert drafts.resolution.symbol == "A/RES/60/999B"
    assert drafts.commitments[0].id == "A/RES/60/999B:OP1"
    assert "symbol-spaces" in {w.code for w in drafts.warnings}


def test_a_language_the_data_does_not_hold_cannot_fill() -> None:
    french = "Résolution\nL'Assemblée générale,\n1. Décide de rester saisie de la question.\n"
    parsed = parse_resolution(french, "fr")
    with pytest.raises(DraftError, match="texts in en, zh only"):
        language_fills(parsed, BUNDLED, symbol="A/RES/58/50")


LINES_57_58 = EN_57_58.splitlines()


@settings(max_examples=60, deadline=None)
@given(kept=st.lists(st.booleans(), min_size=len(LINES_57_58), max_size=len(LINES_57_58)))
def test_any_part_of_a_text_gives_records_or_says_why_not(kept: list[bool]) -> None:
    """Whatever lines of the text survive, drafting gives consistent records or a DraftError,
    never a crash."""
    text = "\n".join(line for line, keep in zip(LINES_57_58, kept, strict=True) if keep)
    try:
        drafts = drafts_of(text, BUNDLED, adopted=dt.date(2002, 11, 22), symbol="A/RES/57/58")
    except DraftError:
        return
    ids = [c.id for c in drafts.commitments]
    assert len(ids) == len(set(ids))
    addressed = {c.id: c.addressed.actors for c in drafts.commitments}
    assert all(a.actor in addressed[a.commitment] for a in drafts.assessments)


def test_a_value_no_record_can_hold_is_a_draft_error() -> None:
    """A symbol with a sign ids cannot hold is refused with the reason, not raised as a crash."""
    with pytest.raises(DraftError, match="symbol"):
        drafts_of(CONSTRUCTED, BUNDLED, symbol="A/RES/60/999#")
