"""Leading verbs of General Assembly resolutions, per language, and how to find them.

English and Chinese are complete enough for the First Committee texts this project ingests;
French, Spanish, Russian and Arabic are SAMPLES (a handful of common verbs each) so that the
parser recognises their paragraphs, not vetted lists.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["preambular", "operative"]

SAMPLE_LANGUAGES: frozenset[str] = frozenset({"fr", "es", "ru", "ar"})
CJK_LANGUAGES: frozenset[str] = frozenset({"zh"})
CASED_LANGUAGES: frozenset[str] = frozenset({"en", "fr", "es", "ru"})


def _english_variants(bases: tuple[str, ...]) -> tuple[str, ...]:
    """Add the "Also x", "Further x", "X also", "X further" forms UN drafting uses."""
    forms: list[str] = []
    for base in bases:
        first, _, rest = base.partition(" ")
        tail = f" {rest}" if rest else ""
        lower = base[0].lower() + base[1:]
        forms += [
            base,
            f"Also {lower}",
            f"Further {lower}",
            f"Again {lower}",
            f"{first} also{tail}",
            f"{first} further{tail}",
            f"{first} again{tail}",
        ]
    return tuple(dict.fromkeys(forms))


_EN_OPERATIVE_BASES = (
    "Acknowledges",
    "Adopts",
    "Affirms",
    "Agrees",
    "Appeals",
    "Approves",
    "Authorizes",
    "Calls for",
    "Calls on",
    "Calls upon",
    "Commends",
    "Condemns",
    "Confirms",
    "Considers",
    "Decides",
    "Declares",
    "Demands",
    "Deplores",
    "Emphasizes",
    "Encourages",
    "Endorses",
    "Expresses",
    "Invites",
    "Notes",
    "Proclaims",
    "Reaffirms",
    "Recalls",
    "Recognizes",
    "Recommends",
    "Regrets",
    "Reiterates",
    "Renews",
    "Requests",
    "Stresses",
    "Strongly encourages",
    "Strongly urges",
    "Supports",
    "Takes note",
    "Underlines",
    "Underscores",
    "Urges",
    "Welcomes",
)

_EN_PREAMBULAR_BASES = (
    "Acknowledging",
    "Affirming",
    "Alarmed",
    "Appreciating",
    "Aware",
    "Bearing in mind",
    "Believing",
    "Cognizant",
    "Commending",
    "Concerned",
    "Conscious",
    "Considering",
    "Convinced",
    "Deeply concerned",
    "Deploring",
    "Desiring",
    "Desirous",
    "Determined",
    "Emphasizing",
    "Encouraged",
    "Expressing",
    "Fully aware",
    "Gravely concerned",
    "Guided by",
    "Having considered",
    "Having examined",
    "Keeping in mind",
    "Mindful",
    "Noting",
    "Noting with appreciation",
    "Noting with concern",
    "Noting with satisfaction",
    "Observing",
    "Reaffirming",
    "Realizing",
    "Recalling",
    "Recognizing",
    "Reiterating",
    "Seriously concerned",
    "Stressing",
    "Taking into account",
    "Taking into consideration",
    "Taking note",
    "Underlining",
    "Underscoring",
    "Welcoming",
)

_ZH_OPERATIVE = (
    "商定",
    "又商定",
    "还商定",
    "吁请",
    "又吁请",
    "还吁请",
    "再次吁请",
    "呼吁",
    "又呼吁",
    "还呼吁",
    "再次呼吁",
    "强调",
    "又强调",
    "还强调",
    "决定",
    "又决定",
    "还决定",
    "请",
    "又请",
    "还请",
    "敦促",
    "又敦促",
    "促请",
    "又促请",
    "鼓励",
    "又鼓励",
    "欢迎",
    "又欢迎",
    "注意到",
    "又注意到",
    "表示注意到",
    "重申",
    "又重申",
    "认识到",
    "又认识到",
    "确认",
    "又确认",
    "申明",
    "又申明",
    "赞扬",
    "赞赏",
    "表示",
    "建议",
    "支持",
    "核可",
    "谴责",
    "强烈谴责",
    "感谢",
    "邀请",
    "要求",
    "宣布",
    "着重指出",
    "深表关切",
)

_ZH_PREAMBULAR = (
    "回顾",
    "又回顾",
    "还回顾",
    "忆及",
    "又忆及",
    "强调",
    "又强调",
    "还强调",
    "强调指出",
    "着重指出",
    "认识到",
    "又认识到",
    "重申",
    "又重申",
    "注意到",
    "又注意到",
    "还注意到",
    "满意地注意到",
    "关切地注意到",
    "深信",
    "又深信",
    "相信",
    "坚信",
    "关切到",
    "又关切到",
    "还关切到",
    "深为关切",
    "深感关切",
    "表示关切",
    "考虑到",
    "又考虑到",
    "铭记",
    "又铭记",
    "意识到",
    "又意识到",
    "确认",
    "又确认",
    "欢迎",
    "又欢迎",
    "申明",
    "又申明",
    "认为",
    "希望",
    "决心",
    "赞赏",
    "承认",
    "审议了",
    "深为震惊",
)

PREAMBULAR: dict[str, tuple[str, ...]] = {
    "en": _english_variants(_EN_PREAMBULAR_BASES),
    "zh": _ZH_PREAMBULAR,
    # Samples only (see module docstring).
    "fr": ("Rappelant", "Réaffirmant", "Soulignant", "Considérant", "Notant", "Préoccupée"),
    "es": ("Recordando", "Reafirmando", "Subrayando", "Considerando", "Observando", "Preocupada"),
    "ru": ("Ссылаясь", "Вновь подтверждая", "Подчеркивая", "Отмечая", "Признавая"),
    "ar": ("إذ تشير", "وإذ تؤكد", "وإذ تشدد", "وإذ تلاحظ", "وإذ تسلم"),
}

OPERATIVE: dict[str, tuple[str, ...]] = {
    "en": _english_variants(_EN_OPERATIVE_BASES),
    "zh": _ZH_OPERATIVE,
    # Samples only (see module docstring).
    "fr": ("Convient", "Demande", "Souligne", "Décide", "Prie", "Engage", "Réaffirme"),
    "es": ("Conviene", "Exhorta", "Subraya", "Decide", "Pide", "Insta", "Reafirma"),
    "ru": ("Соглашается", "Призывает", "Подчеркивает", "Постановляет", "Просит"),
    "ar": ("توافق", "تهيب", "تدعو", "تشدد", "تقرر", "تطلب"),
}

ASSEMBLY_OPENERS: dict[str, tuple[str, ...]] = {
    "en": ("The General Assembly",),
    "zh": ("大会",),
    "fr": ("L'Assemblée générale", "L’Assemblée générale"),
    "es": ("La Asamblea General",),
    "ru": ("Генеральная Ассамблея",),
    "ar": ("إن الجمعية العامة",),
}

# Words that join a second operative verb to the first ("Stresses ... and calls upon").
SECOND_VERB_CONNECTORS: dict[str, tuple[str, ...]] = {
    "en": ("and also", "and further", "and"),
    "zh": ("并且", "并", "同时"),
}

# Only the characters that occur in the Chinese verb lists and openers: Traditional texts are
# matched against the Simplified lists without changing what the parser returns.
_TRADITIONAL_TO_SIMPLIFIED = str.maketrans(
    {
        "還": "还",
        "籲": "吁",
        "強": "强",
        "並": "并",
        "決": "决",
        "顧": "顾",
        "認": "认",
        "識": "识",
        "關": "关",
        "慮": "虑",
        "歡": "欢",
        "請": "请",
        "確": "确",
        "銘": "铭",
        "記": "记",
        "讚": "赞",
        "贊": "赞",
        "賞": "赏",
        "會": "会",
        "憶": "忆",
        "勵": "励",
        "譴": "谴",
        "責": "责",
        "謝": "谢",
        "達": "达",
        "議": "议",
        "審": "审",
        "驚": "惊",
        "滿": "满",
        "堅": "坚",
        "為": "为",
        "時": "时",
        "屆": "届",
        "號": "号",
        "體": "体",
        "項": "项",
        "條": "条",
        "著": "着",
    }
)


def to_simplified(text: str) -> str:
    """Map the Traditional characters the verb lists need onto their Simplified forms."""
    return text.translate(_TRADITIONAL_TO_SIMPLIFIED)


def verbs_for(lang: str, kind: Kind) -> tuple[str, ...]:
    """The verb list for a language, longest first; English lists serve unknown languages."""
    table = PREAMBULAR if kind == "preambular" else OPERATIVE
    return tuple(sorted(table.get(lang, table["en"]), key=len, reverse=True))


def match_verb(text: str, lang: str, kind: Kind) -> str | None:
    """The longest known verb that `text` starts with, exactly as `text` prints it.

    A cased language needs the capitalised form and a word boundary after the verb, so
    "Notes" matches "Notes that" but not "Notes," in the middle of a footnote; Chinese
    needs neither (and Traditional characters are matched through `to_simplified`).
    """
    stripped = text.lstrip()
    probe = to_simplified(stripped) if lang in CJK_LANGUAGES else stripped
    for verb in verbs_for(lang, kind):
        if not probe.startswith(verb):
            continue
        after = probe[len(verb) : len(verb) + 1]
        if lang not in CJK_LANGUAGES and after.isalpha():
            continue
        return stripped[: len(verb)]
    return None


def second_verb_pattern_words(lang: str) -> tuple[str, ...]:
    """Operative verbs as they appear after a connector ("calls upon", "呼吁")."""
    bases = _EN_OPERATIVE_BASES if lang == "en" else OPERATIVE.get(lang, ())
    if lang == "en":
        return tuple(sorted({b[0].lower() + b[1:] for b in bases}, key=len, reverse=True))
    return tuple(sorted(set(bases), key=len, reverse=True))
