"""The words of the user interface in English and Chinese, and the choice between a record's
two texts. Vocabulary of the data (statuses, ratings, criteria, source types) is not here: its
labels come from the dataset's methodology, so they are defined once."""

from __future__ import annotations

from typing import Literal, TypeGuard

from tracker.model import Text

Language = Literal["en", "zh"]

# Each language's name in itself: the switch must be readable before it is used.
LANGUAGES: dict[Language, str] = {"en": "English", "zh": "中文"}
DEFAULT_LANGUAGE: Language = "en"

CATALOGUE: dict[str, dict[Language, str]] = {
    "app.title": {"en": "Commitment tracker", "zh": "承诺追踪"},
    # One title per page script in pages/ (`page_setup(page_key)` looks up page.<key>.title);
    # the pages still to come are listed so that they find their titles when they land.
    "page.overview.title": {"en": "Overview", "zh": "概览"},
    "page.commitments.title": {"en": "Commitments", "zh": "承诺"},
    "page.actors.title": {"en": "Actors", "zh": "行为体"},
    "page.evidence.title": {"en": "Evidence", "zh": "证据"},
    "page.source_text.title": {"en": "Source text", "zh": "原文"},
    "page.methodology.title": {"en": "Methodology", "zh": "方法"},
    "page.overview.intro": {
        "en": "Who is asked to do what under {symbol}, and where each actor stands on {as_of}.",
        "zh": "{symbol} 要求谁做什么，以及截至 {as_of} 各行为体的状况。",
    },
    "sidebar.language": {"en": "Language · 语言", "zh": "Language · 语言"},
    "sidebar.as_of": {"en": "Status as of", "zh": "截至日期"},
    "sidebar.as_of_help": {
        "en": "Every status, count and chart is recomputed from the assessments and evidence "
        "dated on or before this day.",
        "zh": "所有状态、数字和图表均依据该日或之前的评估和证据重新计算。",
    },
    "sidebar.data_changed": {
        "en": "Data file `{file}` last changed {when}.",
        "zh": "数据文件 `{file}` 最后修改于 {when}。",
    },
    "problems.heading": {
        "en": "The data file `{file}` has {count} problem(s), so nothing can be shown until "
        "they are fixed.",
        "zh": "数据文件 `{file}` 有 {count} 个问题，修正之前无法显示任何内容。",
    },
    "problems.hint": {
        "en": "Check the file from a terminal with `python -m tracker validate {file}`; "
        "the page reloads the data as soon as the file changes.",
        "zh": "可在终端运行 `python -m tracker validate {file}` 检查该文件；文件一经修改，"
        "页面即会重新加载数据。",
    },
    "problems.location": {"en": "Where (file:line:column)", "zh": "位置（文件:行:列）"},
    "problems.code": {"en": "Problem", "zh": "问题"},
    "problems.path": {"en": "Record", "zh": "记录"},
    "problems.message": {"en": "What is wrong", "zh": "说明"},
    "overview.metric.commitments": {"en": "Commitments", "zh": "承诺"},
    "overview.metric.commitments_help": {
        "en": "Operative paragraphs tracked, one commitment each.",
        "zh": "所跟踪的执行段落，每段为一项承诺。",
    },
    "overview.metric.actors": {"en": "Actors assessed", "zh": "受评估的行为体"},
    "overview.metric.actors_help": {
        "en": "Actors that at least one commitment addresses; {pairs} (commitment, actor) "
        "pairs in all.",
        "zh": "至少一项承诺所针对的行为体；共 {pairs} 个（承诺，行为体）组合。",
    },
    "overview.metric.regressing": {"en": "Pairs regressing", "zh": "倒退的组合"},
    "overview.metric.progressing": {"en": "Pairs progressing", "zh": "有进展的组合"},
    "overview.metric.share_help": {
        "en": "Share of all {pairs} pairs whose status is {statuses}; {not_assessed} pairs "
        "are not yet assessed.",
        "zh": "在全部 {pairs} 个组合中状态为 {statuses} 的比例；{not_assessed} 个组合尚未评估。",
    },
    "overview.metric.newest_evidence": {"en": "Newest evidence", "zh": "最新证据"},
    "overview.metric.newest_evidence_help": {
        "en": "Date of the newest evidence item known on the as-of date ({evidence}).",
        "zh": "截至日期已知的最新证据条目的日期（{evidence}）。",
    },
    "overview.metric.stalest": {"en": "Stalest assessment", "zh": "最久未更新的评估"},
    "overview.metric.stalest_help": {
        "en": "The judgement in force that rests on the oldest evidence: {commitment} for "
        "{actor}, whose newest cited evidence dates from {evidence_date}.",
        "zh": "现行判断中所依据证据最陈旧的一项：{commitment}，{actor}；其引用的最新证据日期为 "
        "{evidence_date}。",
    },
    "overview.metric.days": {"en": "{days} days", "zh": "{days} 天"},
    "overview.metric.none": {"en": "none yet", "zh": "暂无"},
    "overview.section.status": {
        "en": "Status by commitment and actor",
        "zh": "各承诺和行为体的状态",
    },
    "overview.section.status_caption": {
        "en": "An empty cell is a pair the commitment does not address, so it is not assessed "
        'by design. "Not yet assessed" is a backlog, not a finding of no progress.',
        "zh": "空白格表示该承诺不针对该行为体，因此按设计不作评估。“尚未评估”表示待评估，"
        "并非“无进展”的结论。",
    },
    "overview.section.criteria": {"en": "Criteria ratings", "zh": "标准评级"},
    "overview.section.criteria_caption": {
        "en": "A criterion is rated only where the paragraph's wording makes it apply: an "
        "empty cell means it does not apply to the paragraph, or the paragraph does not address "
        "the actor (hover to see which).",
        "zh": "只有在段落措辞使某项标准适用时才对其评级：空白格表示该标准不适用于该段，或该段不"
        "针对该行为体（悬停可查看原因）。",
    },
    "overview.section.over_time": {"en": "Status over time", "zh": "状态随时间的变化"},
    "overview.section.over_time_caption": {
        "en": "Number of (commitment, actor) pairs in each status at the end of each year; the "
        "last bar is the as-of date.",
        "zh": "每年年底处于各状态的（承诺，行为体）组合数量；最后一栏为截至日期的情况。",
    },
    "overview.section.commitments": {"en": "The commitments", "zh": "各项承诺"},
    "table.paragraph": {"en": "Paragraph", "zh": "段落"},
    "table.verb": {"en": "Verb", "zh": "动词"},
    "table.addressed": {"en": "Actors assessed", "zh": "受评估的行为体"},
    "table.criteria": {"en": "Criteria", "zh": "标准"},
    "table.status": {"en": "Status per actor", "zh": "各行为体的状态"},
    "table.evidence": {"en": "Evidence items", "zh": "证据条目"},
    "text.english_fallback": {"en": "{text}", "zh": "{text}〔暂无中文〕"},
    "chart.status_matrix.title": {"en": "Status on {as_of}", "zh": "{as_of} 的状态"},
    "chart.criteria_matrix.title": {
        "en": "Criterion ratings on {as_of}",
        "zh": "{as_of} 的标准评级",
    },
    "chart.over_time.title": {
        "en": "Pairs by status, end of each year",
        "zh": "各年年底按状态统计的组合",
    },
    "chart.axis.year": {"en": "Year", "zh": "年份"},
    "chart.axis.pairs": {"en": "Pairs", "zh": "组合数"},
    "chart.hover.status": {
        "en": "{commitment} · {actor}<br>Status: {status}<br>{basis}",
        "zh": "{commitment} · {actor}<br>状态：{status}<br>{basis}",
    },
    "chart.hover.assessed": {
        "en": "Assessed on {date}, citing {count} evidence item(s)",
        "zh": "评估日期 {date}，引用 {count} 条证据",
    },
    "chart.hover.never_assessed": {"en": "No assessment yet", "zh": "尚无评估"},
    "chart.hover.not_addressed": {
        "en": "{commitment} · {actor}<br>Not assessed: the paragraph does not address this actor",
        "zh": "{commitment} · {actor}<br>不作评估：该段不针对此行为体",
    },
    "chart.hover.rating": {
        "en": "{commitment} · {actor}<br>{criterion}: {rating}",
        "zh": "{commitment} · {actor}<br>{criterion}：{rating}",
    },
    "chart.hover.not_rated": {
        "en": "{commitment} · {actor}<br>{criterion}: no rating yet",
        "zh": "{commitment} · {actor}<br>{criterion}：尚无评级",
    },
    "chart.hover.criterion_not_applicable": {
        "en": "{commitment} · {actor}<br>{criterion} does not apply to this paragraph",
        "zh": "{commitment} · {actor}<br>{criterion} 不适用于该段",
    },
    "chart.hover.over_time": {
        "en": "%{{x}} (as of %{{customdata}})<br>{status}: %{{y}} pairs",
        "zh": "%{{x}}（截至 %{{customdata}}）<br>{status}：%{{y}} 个组合",
    },
    "chart.empty.no_pairs": {
        "en": "No (commitment, actor) pairs to show: the data has no commitment that "
        "addresses an actor.",
        "zh": "没有可显示的（承诺，行为体）组合：数据中没有针对任何行为体的承诺。",
    },
    "chart.empty.before_adoption": {
        "en": "{as_of} is before the resolution was adopted ({adopted}); nothing to count yet.",
        "zh": "{as_of} 早于决议通过日期（{adopted}），尚无可统计的内容。",
    },
}


def is_language(value: object) -> TypeGuard[Language]:
    return value in LANGUAGES


def t(key: str, lang: str, **fmt: object) -> str:
    """The catalogue string `key` in `lang` (English for an unknown language), formatted.

    An unknown key raises KeyError: it is a programming error, and tests catch it.
    """
    entry = CATALOGUE[key]
    template = entry[lang] if is_language(lang) else entry[DEFAULT_LANGUAGE]
    return template.format(**fmt) if fmt else template


def pick_with_fallback(text: Text | None, lang: str) -> tuple[str, bool]:
    """A record's text in `lang`, and whether English stood in for a missing Chinese text."""
    if text is None:
        return "", False
    if lang == "zh":
        return (text.zh, False) if text.zh else (text.en, True)
    return text.en, False


def pick(text: Text | None, lang: str) -> str:
    """A record's text in `lang`: Chinese when asked for and present, English otherwise."""
    return pick_with_fallback(text, lang)[0]


def pick_marked(text: Text | None, lang: str) -> str:
    """Like `pick`, with a visible note when English stands in for a missing Chinese text."""
    chosen, fell_back = pick_with_fallback(text, lang)
    return t("text.english_fallback", lang, text=chosen) if fell_back else chosen
