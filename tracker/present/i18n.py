"""The words of the user interface in English and Chinese, and the choice between a record's
two texts. Vocabulary of the data (statuses, ratings, criteria, source types) is not here: its
labels come from the dataset's methodology, so they are defined once."""

from __future__ import annotations

from tracker.domain.languages import DEFAULT_LANGUAGE, is_language, pick_with_fallback
from tracker.domain.model import Text

CATALOGUE: dict[str, dict[str, str]] = {
    "app.title": {"en": "Commitment tracker", "zh": "承诺追踪"},
    # One title per page script in pages/ (`page_setup(page_key)` looks up page.<key>.title);
    # the pages still to come are listed so that they find their titles when they land.
    "page.overview.title": {"en": "Overview", "zh": "概览"},
    "page.commitments.title": {"en": "Commitments", "zh": "承诺"},
    "page.actors.title": {"en": "Actors", "zh": "行为体"},
    "page.evidence.title": {"en": "Evidence", "zh": "证据"},
    "page.source_text.title": {"en": "Source text", "zh": "原文"},
    "page.methodology.title": {"en": "Methodology", "zh": "方法"},
    "page.export.title": {"en": "Export and import", "zh": "导出与导入"},
    # The Export page (pages/export.py): its export tab, then its import tab.
    "export.tab.export": {"en": "Export", "zh": "导出"},
    "export.tab.import": {"en": "Import evidence", "zh": "导入证据"},
    "export.intro": {
        "en": "The tables derived from `{file}`, as CSV for Excel, pandas and R, with the status "
        "as of {as_of} (the sidebar date). Each table can be previewed and downloaded on its "
        "own, or all of them in one zip with a data dictionary and a Frictionless "
        "`datapackage.json`.",
        "zh": "由 `{file}` 生成的各表，以 CSV 格式供 Excel、pandas 和 R 使用，状态截至 {as_of}"
        "（侧栏日期）。每张表均可单独预览和下载，也可连同数据字典和 Frictionless "
        "`datapackage.json` 一并打包为 zip 下载。",
    },
    "export.view": {"en": "Only what I see on the dashboard", "zh": "仅导出仪表板上所见内容"},
    "export.view_help": {
        "en": "Narrow every table to the filters set on the Commitments and Evidence pages, "
        "and to the assessments and evidence known on the as-of date. A row is kept when every "
        "id in it is in the view, so the tables still join.",
        "zh": "按“承诺”和“证据”页面上设置的筛选条件，以及截至日期已知的评估和证据，缩小每张表的"
        "范围。某行中的每个标识均在视图内时才保留该行，因此各表仍可相互关联。",
    },
    "export.view.filters": {
        "en": "The view on {as_of}, filtered by: {filters}.",
        "zh": "截至 {as_of} 的视图，筛选条件：{filters}。",
    },
    "export.view.no_filters": {
        "en": "No filter is set on the dashboard: the view holds everything known on {as_of}.",
        "zh": "仪表板上未设置筛选条件：视图包含截至 {as_of} 已知的全部内容。",
    },
    "export.all.caption": {
        "en": "Everything: the full history of assessments and evidence; current_status.csv "
        "gives the status as of {as_of}.",
        "zh": "全部内容：评估和证据的完整历史；current_status.csv 给出截至 {as_of} 的状态。",
    },
    "export.progress.tables": {"en": "Building the tables…", "zh": "正在生成各表……"},
    "export.progress.zip": {"en": "Writing the zip…", "zh": "正在写入 zip……"},
    "export.section.tables": {"en": "Tables", "zh": "各表"},
    "export.column.file": {"en": "File", "zh": "文件"},
    "export.column.rows": {"en": "Rows", "zh": "行数"},
    "export.column.columns": {"en": "Columns", "zh": "列数"},
    "export.column.meaning": {"en": "What a row is", "zh": "每行的含义"},
    "export.pick_table": {"en": "Table to preview", "zh": "要预览的表"},
    "export.table.caption": {
        "en": "{meaning} {rows} row(s); the data dictionary describes every column.",
        "zh": "{meaning} 共 {rows} 行；数据字典说明了每一列。",
    },
    "export.download_csv": {"en": "CSV", "zh": "CSV"},
    "export.download_excel": {"en": "CSV for Excel", "zh": "适用于 Excel 的 CSV"},
    "export.section.zip": {"en": "Every table in one zip", "zh": "全部表格打包为 zip"},
    "export.zip.caption": {
        "en": "The {count} tables, README.md with the conventions and datapackage.json.",
        "zh": "{count} 张表、说明约定的 README.md 以及 datapackage.json。",
    },
    "export.excel": {"en": "For Excel", "zh": "适用于 Excel"},
    "export.excel_help": {
        "en": "UTF-8 with a byte order mark, so that Excel shows Chinese, and a ' before any "
        "text that a spreadsheet would run as a formula. Leave it off for pandas and R.",
        "zh": "带字节顺序标记的 UTF-8，使 Excel 正确显示中文；电子表格会当作公式执行的文本前加 '。"
        "用于 pandas 和 R 时请关闭。",
    },
    "export.zip.build": {"en": "Prepare the zip", "zh": "准备 zip"},
    "export.zip.download": {"en": "Download {name} ({size})", "zh": "下载 {name}（{size}）"},
    "import.intro": {
        "en": "Bring back evidence gathered in a spreadsheet: a CSV with the columns of "
        "evidence.csv (download it on the Export tab as a template). Each row is checked as "
        "the data file's own records are; the valid rows can then be added to `{file}`. Rows "
        "with the source URL and date of an item already in the data are skipped.",
        "zh": "导入在电子表格中收集的证据：一个与 evidence.csv 列相同的 CSV（可在“导出”标签页下载作"
        "模板）。每一行都按数据文件中的记录同样检查；有效的行随后可添加到 `{file}`。来源网址和日期"
        "与数据中已有条目相同的行将被跳过。",
    },
    "import.upload": {"en": "Evidence CSV", "zh": "证据 CSV"},
    "import.checking": {"en": "Checking {name}…", "zh": "正在检查 {name}……"},
    "import.upload_help": {
        "en": "UTF-8 (Excel: Save As › CSV UTF-8), comma-separated, with the header row of "
        "evidence.csv; columns in any order.",
        "zh": "UTF-8 编码（Excel：另存为 › CSV UTF-8），逗号分隔，首行为 evidence.csv 的表头；"
        "列的顺序不限。",
    },
    "import.hint": {
        "en": "Upload a file to see what it holds and what is wrong with it, row by row; "
        "nothing is written until you merge.",
        "zh": "上传文件后可逐行查看其内容及问题；合并之前不会写入任何内容。",
    },
    "import.summary": {
        "en": "{rows} row(s) read: **{valid}** can be added, {rejected} have problems (below, "
        "by spreadsheet row number; the header is row 1).",
        "zh": "共读取 {rows} 行：**{valid}** 行可添加，{rejected} 行有问题（见下表，"
        "按电子表格行号；表头为第 1 行）。",
    },
    "import.refused": {
        "en": "The file as a whole cannot be read as evidence.csv, so no row is taken from it.",
        "zh": "整个文件无法按 evidence.csv 读取，因此不会采用其中任何一行。",
    },
    "import.column.row": {"en": "Row", "zh": "行"},
    "import.column.column": {"en": "Column", "zh": "列"},
    "import.preview": {"en": "{count} item(s) to add", "zh": "待添加的 {count} 个条目"},
    "import.merge": {
        "en": "Add {count} item(s) to {file}",
        "zh": "将 {count} 个条目添加到 {file}",
    },
    "import.outcome.merged": {
        "en": "Added {ids} to `{file}` (lines {lines}); the version it replaced is kept in "
        ".history beside it.",
        "zh": "已将 {ids} 添加到 `{file}`（第 {lines} 行）；被替换的版本保存在其旁边的 "
        ".history 中。",
    },
    "import.outcome.conflict": {
        "en": "`{file}` changed after this preview was made, so nothing was written. The preview "
        "is now checked against the current data: look it over and add the items again.",
        "zh": "`{file}` 在生成此预览后已被修改，因此未写入任何内容。预览现已按当前数据重新检查："
        "请核对后再次添加。",
    },
    "import.outcome.rejected": {
        "en": "The items would leave `{file}` with problems, so nothing was written:\n\n{problems}",
        "zh": "添加这些条目会使 `{file}` 出现问题，因此未写入任何内容：\n\n{problems}",
    },
    "import.outcome.not_editor": {
        "en": "Only editors may change `{file}`; nothing was written. Sign in and try again.",
        "zh": "只有编辑者可以修改 `{file}`；未写入任何内容。请登录后重试。",
    },
    "import.outcome.busy": {
        "en": "Another change to `{file}` is being written; nothing was written. Try again.",
        "zh": "另一项对 `{file}` 的修改正在写入；未写入任何内容。请重试。",
    },
    "import.outcome.failed": {
        "en": "Nothing was written to `{file}`: {error}",
        "zh": "未向 `{file}` 写入任何内容：{error}",
    },
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
        "en": "Share of the {pairs} pairs in scope whose status is {statuses}; {not_assessed} "
        "of them are not yet assessed.",
        "zh": "在范围内的 {pairs} 个组合中状态为 {statuses} 的比例；其中 {not_assessed} 个组合"
        "尚未评估。",
    },
    "overview.metric.set_apart": {
        "en": "Left out of the shares and of the backlog: {counts}. These pairs are neither "
        "judged on progress nor waiting for a judgement (see the Methodology page).",
        "zh": "未计入比例和待评估数：{counts}。这些组合既不作进展判断，也不等待判断"
        "（见“方法”页）。",
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
    "overview.matrix.resolution": {"en": "Resolution shown", "zh": "显示的决议"},
    "overview.matrix.one_resolution": {
        "en": "The data tracks {resolutions} resolutions with {total} operative paragraphs in "
        "all: the two matrices show one resolution at a time ({shown} paragraphs). The table "
        "at the foot of the page lists every paragraph.",
        "zh": "数据共跟踪 {resolutions} 项决议、{total} 个执行段落：以下两个矩阵每次显示一项决议"
        "（{shown} 个段落）。页面底部的表格列出全部段落。",
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
    "chart.hover.set_apart": {
        "en": "{commitment} · {actor}<br>{criterion}: not rated, the pair is “{status}”",
        "zh": "{commitment} · {actor}<br>{criterion}：不评级，该组合为“{status}”",
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
    # The meeting brief (tracker.present.brief) and the Review page share these.
    "brief.title": {"en": "Status review meeting brief", "zh": "状态审议会议简报"},
    "brief.as_of": {"en": "Status as of {as_of}", "zh": "状态截至 {as_of}"},
    "brief.window": {
        "en": "Changes after {start} up to and including {end}",
        "zh": "{start}（不含）之后至 {end}（含）的变化",
    },
    "brief.stale_rule": {
        "en": "A judgement is stale when its newest cited evidence is more than {days} days "
        "old on {end}. Evidence has no 'added on' date: new evidence is evidence dated in "
        "the window.",
        "zh": "若某项判断所引用的最新证据在 {end} 时已超过 {days} 天，即视为过时。证据没有"
        "“添加日期”：新证据指日期在该期间内的证据。",
    },
    "brief.review": {"en": "Review meeting: {title} ({date})", "zh": "审议会议：{title}（{date}）"},
    "brief.participants": {"en": "Participants: {names}", "zh": "参会人员：{names}"},
    "brief.section.changes": {"en": "What changed", "zh": "变化情况"},
    "brief.section.assessments": {"en": "New assessments", "zh": "新的评估"},
    "brief.section.contradictions": {
        "en": "Evidence that contradicts the current status",
        "zh": "与现行状态相矛盾的证据",
    },
    "brief.section.stale": {"en": "Stale judgements", "zh": "过时的判断"},
    "brief.section.evidence": {"en": "New evidence", "zh": "新的证据"},
    "brief.section.agenda": {"en": "Agenda", "zh": "议程"},
    "brief.section.corrections": {"en": "Corrections of the record", "zh": "记录的更正"},
    "brief.corrections_note": {
        "en": "Written down in the window, whatever day they speak for. Each replaces a judgement "
        "that was wrong when it was made: a fix of the record, not a change in the world, so "
        "none is among the new assessments or their moves.",
        "zh": "在此期间记录的更正，无论其所指日期为何。每项更正取代一项作出时即有误的判断：这是"
        "对记录的修正，而非实际情况的变化，因此均不列入新的评估及其变动。",
    },
    "brief.column.was": {"en": "Was", "zh": "原为"},
    "brief.column.now": {"en": "Now", "zh": "现为"},
    "brief.column.why": {"en": "Why", "zh": "理由"},
    "brief.column.recorded": {"en": "Recorded", "zh": "记录日期"},
    "brief.none": {"en": "None in this window.", "zh": "此期间内没有。"},
    "brief.count.assessments": {"en": "New assessments", "zh": "新的评估"},
    "brief.count.worsened": {"en": "Worsened", "zh": "恶化"},
    "brief.count.improved": {"en": "Improved", "zh": "改善"},
    "brief.count.first": {"en": "First assessments", "zh": "首次评估"},
    "brief.count.same": {"en": "Unchanged", "zh": "未变"},
    "brief.count.unassessed": {
        "en": "Recorded without judging progress",
        "zh": "记录为未作进展判断",
    },
    "brief.count.evidence": {"en": "New evidence", "zh": "新的证据"},
    "brief.count.stale": {"en": "Stale judgements", "zh": "过时的判断"},
    "brief.count.contradictions": {"en": "Contradictions", "zh": "矛盾"},
    "brief.count.corrections": {"en": "Corrections of the record", "zh": "记录的更正"},
    "review.transition.first": {"en": "First assessment", "zh": "首次评估"},
    "review.transition.improved": {"en": "Improved", "zh": "改善"},
    "review.transition.worsened": {"en": "Worsened", "zh": "恶化"},
    "review.transition.same": {"en": "Unchanged", "zh": "未变"},
    "review.transition.unassessed": {"en": "Not a judgement", "zh": "不构成判断"},
    "review.reason.worsened": {"en": "Worsened", "zh": "恶化"},
    "review.reason.contradicted": {"en": "Contradicted by evidence", "zh": "与证据矛盾"},
    "review.reason.stale": {"en": "Stale", "zh": "过时"},
    "review.reason.improved": {"en": "Improved", "zh": "改善"},
    "review.reason.first": {"en": "First assessment", "zh": "首次评估"},
    "review.reason.reassessed": {"en": "Reassessed", "zh": "重新评估"},
    "review.reason.new_evidence": {"en": "New evidence", "zh": "新的证据"},
    "brief.column.actor": {"en": "Actor", "zh": "行为体"},
    "brief.column.date": {"en": "Date", "zh": "日期"},
    "brief.column.change": {"en": "Change", "zh": "变化"},
    "brief.column.from_to": {"en": "From → to", "zh": "从 → 到"},
    "brief.column.status": {"en": "Status", "zh": "状态"},
    "brief.column.evidence": {"en": "Evidence", "zh": "证据"},
    "brief.column.direction": {"en": "Direction", "zh": "方向"},
    "brief.column.newest_evidence": {"en": "Newest cited evidence", "zh": "引用的最新证据"},
    "brief.column.days": {"en": "Days", "zh": "天数"},
    "brief.column.commitments": {"en": "Paragraphs", "zh": "段落"},
    "brief.column.summary": {"en": "Summary", "zh": "摘要"},
    "brief.paragraph": {"en": "Paragraph {number}", "zh": "第 {number} 段"},
    "brief.addressed": {"en": "Addressed: {who}", "zh": "针对：{who}"},
    "brief.on_agenda": {"en": "On the agenda: {reasons}", "zh": "列入议程的原因：{reasons}"},
    "brief.nothing_to_report": {
        "en": "Nothing changed in the window.",
        "zh": "此期间内没有变化。",
    },
    "brief.assessed": {
        "en": "Assessed {date} · confidence {confidence} · evidence {evidence}",
        "zh": "评估日期 {date} · 可信度 {confidence} · 证据 {evidence}",
    },
    "brief.history": {"en": "History", "zh": "历程"},
    "brief.trajectory.title": {"en": "Status history", "zh": "状态历程"},
    "brief.older_evidence": {
        "en": "{count} older evidence item(s) not shown.",
        "zh": "另有 {count} 条较早的证据未列出。",
    },
    "brief.no_evidence": {"en": "No evidence on record.", "zh": "没有证据记录。"},
    "brief.new": {"en": "new", "zh": "新"},
    "brief.contradicts": {
        "en": "contradicts the status for {actors}",
        "zh": "与 {actors} 的现行状态矛盾",
    },
    "brief.unsafe_link": {
        "en": "(link not shown: not an http or https address)",
        "zh": "（未显示链接：不是 http 或 https 地址）",
    },
    "brief.decisions": {"en": "Decisions of this review", "zh": "本次审议的决定"},
    "brief.no_decisions": {
        "en": "No decision recorded for this commitment.",
        "zh": "本次审议未就该承诺作出决定。",
    },
    # The Review page and the sign-in of editors.
    "page.review.title": {"en": "Review", "zh": "审议"},
    "review.intro": {
        "en": "A status review meeting: what changed since the last review, the agenda that "
        "follows, the decisions taken, and the brief to hand out.",
        "zh": "状态审议会议：自上次审议以来的变化、由此产生的议程、所作的决定以及要分发的简报。",
    },
    "review.since": {"en": "Changes since", "zh": "变化起始日期"},
    "review.since_help": {
        "en": "The window starts after this day (the day itself excluded) and ends on the "
        "'status as of' day. Empty: since the last review recorded before that day, or a "
        "quarter before it when there is none.",
        "zh": "期间从该日之后开始（不含该日），至“截至日期”结束。留空：自该日之前记录的"
        "最近一次审议起；若没有审议记录，则为之前的一个季度。",
    },
    "review.stale_after": {"en": "Stale after (days)", "zh": "视为过时的天数"},
    "review.stale_after_help": {
        "en": "A judgement is stale when the newest evidence it cites is older than this.",
        "zh": "若某项判断所引用的最新证据早于此天数，即视为过时。",
    },
    "review.start_after_end": {
        "en": "The chosen start ({start}) is after the end of the window ({end}); the window "
        "is empty.",
        "zh": "所选起始日期（{start}）晚于期间结束日期（{end}）；该期间为空。",
    },
    "review.present": {"en": "Presenter mode", "zh": "演示模式"},
    "review.present_help": {
        "en": "One agenda item per screen in large type, for a projector; the link keeps the "
        "mode and the item.",
        "zh": "每屏显示一个议程项目，字体放大，适合投影；链接会保留该模式和当前项目。",
    },
    "review.present_item": {"en": "Agenda item", "zh": "议程项目"},
    "review.item_of": {"en": "Item {number} of {total}", "zh": "第 {number} 项，共 {total} 项"},
    "review.previous": {"en": "Previous", "zh": "上一项"},
    "review.next": {"en": "Next", "zh": "下一项"},
    "review.column.from": {"en": "From", "zh": "原状态"},
    "review.column.to": {"en": "To", "zh": "新状态"},
    "review.column.record": {"en": "Record", "zh": "记录"},
    "review.column.source": {"en": "Source", "zh": "来源"},
    "review.agenda_caption": {
        "en": "Worsened first, then contradicted by evidence, then stale, then the rest. Move "
        "items with the arrows; open one to present it.",
        "zh": "先列恶化的项目，再列与证据矛盾的、过时的，最后是其余项目。可用箭头调整顺序；"
        "打开某项即可演示。",
    },
    "review.move_up": {"en": "Move up", "zh": "上移"},
    "review.move_down": {"en": "Move down", "zh": "下移"},
    "review.open": {"en": "Present", "zh": "演示"},
    "review.open_help": {
        "en": "Show this commitment in presenter mode: its text, each actor's status and "
        "trajectory, the newest evidence.",
        "zh": "在演示模式下显示该承诺：其案文、各行为体的状态及其变化轨迹、最新证据。",
    },
    "review.details": {"en": "Details", "zh": "详情"},
    "review.reset_order": {"en": "Restore the agenda's own order", "zh": "恢复议程的默认顺序"},
    "review.agenda_page": {"en": "Page of the agenda", "zh": "议程页码"},
    "review.rows_page": {"en": "Page of the table", "zh": "表格页码"},
    "review.rows_shown": {
        "en": "Rows {first}–{last} of {total}; choose a page for the others.",
        "zh": "第 {first}–{last} 行，共 {total} 行；其余各行请选择页码查看。",
    },
    "review.agenda_shown": {
        "en": "Items {first}–{last} of {total}; choose a page for the others.",
        "zh": "第 {first}–{last} 项，共 {total} 项；其余各项请选择页码查看。",
    },
    "review.section.record": {"en": "Record decisions", "zh": "记录决定"},
    "review.section.brief": {"en": "Meeting brief", "zh": "会议简报"},
    "review.meeting": {"en": "The review meeting", "zh": "审议会议"},
    "review.meeting_date": {"en": "Meeting date", "zh": "会议日期"},
    "review.meeting_recorded": {
        "en": "Decisions are added to the review recorded on this day: {title} ({id}); "
        "participants: {participants}; {decisions} decision(s) so far.",
        "zh": "决定将加入该日已记录的审议：{title}（{id}）；参会人员：{participants}；"
        "目前已有 {decisions} 项决定。",
    },
    "review.meeting_title_en": {"en": "Title (English)", "zh": "标题（英文）"},
    "review.meeting_title_zh": {"en": "Title (Chinese)", "zh": "标题（中文）"},
    "review.default_title": {"en": "Status review meeting", "zh": "状态审议会议"},
    "review.participants": {"en": "Participants", "zh": "参会人员"},
    "review.participants_help": {
        "en": "One name per line. They are recorded with the first decision of the meeting.",
        "zh": "每行一个姓名。随会议的第一项决定一并记录。",
    },
    "review.form.assessment": {"en": "Add an assessment", "zh": "添加评估"},
    "review.form.evidence": {"en": "Add evidence", "zh": "添加证据"},
    "review.form.commitment": {"en": "Commitment", "zh": "承诺"},
    "review.form.actor": {"en": "Actor", "zh": "行为体"},
    "review.form.no_actor": {
        "en": "This paragraph addresses no actor the tracker assesses.",
        "zh": "该段不针对任何受评估的行为体。",
    },
    "review.form.current": {
        "en": "In force now: {status}, assessed on {date} ({id}).",
        "zh": "现行状态：{status}，评估日期 {date}（{id}）。",
    },
    "review.form.status": {"en": "New status", "zh": "新状态"},
    "review.form.choose": {"en": "Choose", "zh": "请选择"},
    "review.form.not_rated": {"en": "No rating", "zh": "不评级"},
    "review.form.rationale_en": {"en": "Rationale (English)", "zh": "理由（英文）"},
    "review.form.rationale_zh": {"en": "Rationale (Chinese, optional)", "zh": "理由（中文，可选）"},
    "review.form.evidence_cited": {"en": "Evidence cited", "zh": "所引证据"},
    "review.form.evidence_cited_help": {
        "en": "Evidence on this commitment dated on or before the meeting. A judgement must "
        "cite evidence; add a new item first under 'Add evidence'.",
        "zh": "与该承诺相关、日期不晚于会议日期的证据。判断必须引用证据；如需新证据，请先在"
        "“添加证据”中添加。",
    },
    "review.form.confidence": {"en": "Confidence", "zh": "可信度"},
    "review.form.assessor": {"en": "Assessor", "zh": "评估人"},
    "review.form.save_assessment": {"en": "Save the assessment", "zh": "保存评估"},
    "review.form.status_missing": {"en": "Choose the new status.", "zh": "请选择新状态。"},
    "review.form.corrects": {
        "en": "Corrects an earlier judgement (optional)",
        "zh": "更正先前的判断（可选）",
    },
    "review.form.corrects_help": {
        "en": "Choose one only when that judgement was wrong when it was made (a misread source, "
        "a wrong date). It is kept, struck through, and no longer counts; the world did not "
        "change. For a change in the world, record a new judgement instead.",
        "zh": "仅当该判断在作出时即有误（误读来源、日期错误）时才选择。它会被保留并加删除线，"
        "但不再计入；实际情况并未变化。若实际情况发生变化，请记录一项新的判断。",
    },
    "review.form.corrects_none": {"en": "No: a new judgement", "zh": "否：新的判断"},
    "review.form.corrected": {
        "en": "Corrects {id}: {date}, {status}. {rationale}",
        "zh": "更正 {id}：{date}，{status}。{rationale}",
    },
    "review.form.speaks_for": {"en": "Day it speaks for", "zh": "所指日期"},
    "review.form.speaks_for_help": {
        "en": "The day the corrected judgement should have been dated; that of the judgement it "
        "corrects unless the date itself was wrong. It is recorded today.",
        "zh": "被更正的判断应有的日期；除非日期本身有误，否则与所更正的判断相同。记录日期为今天。",
    },
    "review.form.reason_en": {
        "en": "Why it was wrong (English)",
        "zh": "错误原因（英文）",
    },
    "review.form.reason_zh": {
        "en": "Why it was wrong (Chinese, optional)",
        "zh": "错误原因（中文，可选）",
    },
    "review.form.reason_missing": {
        "en": "Say why the judgement it corrects was wrong: a correction needs a reason.",
        "zh": "请说明所更正的判断错在何处：更正必须附理由。",
    },
    "review.form.evidence_id": {"en": "Evidence id", "zh": "证据编号"},
    "review.form.evidence_date": {"en": "Event date", "zh": "事件日期"},
    "review.form.evidence_date_help": {
        "en": "YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known.",
        "zh": "YYYY-MM-DD；若只知道月份或年份，则写 YYYY-MM 或 YYYY。",
    },
    "review.form.approximate": {"en": "Approximate date", "zh": "日期为约数"},
    "review.form.actors": {"en": "Actors", "zh": "行为体"},
    "review.form.commitments": {"en": "Commitments it bears on", "zh": "涉及的承诺"},
    "review.form.summary_en": {"en": "Summary (English)", "zh": "摘要（英文）"},
    "review.form.summary_zh": {"en": "Summary (Chinese, optional)", "zh": "摘要（中文，可选）"},
    "review.form.source_title": {"en": "Source title", "zh": "来源标题"},
    "review.form.publisher": {"en": "Publisher", "zh": "发布者"},
    "review.form.url": {"en": "Source address", "zh": "来源网址"},
    "review.form.url_help": {
        "en": "An http or https address; any other kind is refused.",
        "zh": "须为 http 或 https 地址；其他地址一律拒绝。",
    },
    "review.form.source_type": {"en": "Source type", "zh": "来源类型"},
    "review.form.verification": {"en": "Verification", "zh": "核实情况"},
    "review.form.verification_note": {
        "en": "Verification note (optional)",
        "zh": "核实说明（可选）",
    },
    "review.form.save_evidence": {"en": "Save the evidence", "zh": "保存证据"},
    "review.form.direction_missing": {"en": "Choose the direction.", "zh": "请选择方向。"},
    "review.form.source_type_missing": {
        "en": "Choose the source type.",
        "zh": "请选择来源类型。",
    },
    "review.form.invalid": {
        "en": "Some fields are missing or invalid; nothing was written:",
        "zh": "有字段缺失或无效；未写入任何内容：",
    },
    "review.verification.verified": {"en": "Verified", "zh": "已核实"},
    "review.verification.partly_verified": {"en": "Partly verified", "zh": "部分核实"},
    "review.verification.unverified": {"en": "Not verified", "zh": "未核实"},
    "review.write.done": {
        "en": "Written to `{file}`: {records}.",
        "zh": "已写入 `{file}`：{records}。",
    },
    "review.write.lines": {"en": "Lines added: {lines}.", "zh": "新增的行：{lines}。"},
    "review.write.rejected": {
        "en": "The change would leave the data with problems; nothing was written:",
        "zh": "该修改会使数据出现问题；未写入任何内容：",
    },
    "review.write.not_editor": {
        "en": "Only editors may change the data, and this session is not (or no longer) "
        "signed in as one; nothing was written.",
        "zh": "只有编辑者可以修改数据，而本会话未以编辑者身份登录（或已失效）；未写入任何内容。",
    },
    "review.changed_since": {
        "en": "`{file}` has changed since this form was opened. Saving is refused until you "
        "reload: your change is then checked against the current file.",
        "zh": "自打开此表单以来，`{file}` 已被修改。重新加载之前无法保存；重新加载后，您的修改将"
        "依据当前文件进行检查。",
    },
    "review.reload": {"en": "Reload the data", "zh": "重新加载数据"},
    "review.conflict": {
        "en": "Not saved: {message}",
        "zh": "未保存：{message}",
    },
    "review.reapply": {
        "en": "Reload the data and apply my change again",
        "zh": "重新加载数据并再次应用我的修改",
    },
    "review.brief_review": {"en": "Review meeting", "zh": "审议会议"},
    "review.brief_review_help": {
        "en": "The brief lists this review's decisions; the CSV holds them.",
        "zh": "简报列出该次审议的决定；CSV 文件包含这些决定。",
    },
    "review.no_reviews": {"en": "No review recorded yet", "zh": "尚无审议记录"},
    "review.download_html": {"en": "Brief (HTML)", "zh": "简报（HTML）"},
    "review.download_csv": {"en": "Decisions (CSV)", "zh": "决定（CSV）"},
    "review.download_pdf": {"en": "Brief (PDF)", "zh": "简报（PDF）"},
    "review.no_decisions_csv": {
        "en": "No review is recorded yet, so there are no decisions to export.",
        "zh": "尚无审议记录，因此没有可导出的决定。",
    },
    "review.pdf_no_chromium": {
        "en": "No PDF here: {path} is missing. Install Debian's chromium and fonts-noto-cjk "
        "to make PDFs; the HTML brief prints to PDF from any browser.",
        "zh": "此处无法生成 PDF：缺少 {path}。请安装 Debian 的 chromium 和 fonts-noto-cjk；"
        "HTML 简报也可在任何浏览器中打印为 PDF。",
    },
    "review.pdf_no_playwright": {
        "en": "No PDF here: the playwright package is not installed. The HTML brief prints to "
        "PDF from any browser.",
        "zh": "此处无法生成 PDF：未安装 playwright 软件包。HTML 简报也可在任何浏览器中打印为 PDF。",
    },
    "review.brief_caption": {
        "en": "The brief is one self-contained file: it opens offline and prints one "
        "commitment per A4 page, in the agenda's order.",
        "zh": "简报为单个独立文件：可离线打开，按议程顺序每页 A4 打印一项承诺。",
    },
    "auth.viewer": {
        "en": "You are viewing. Editors sign in to record decisions.",
        "zh": "您正在浏览。编辑者登录后可记录决定。",
    },
    "auth.read_only": {
        "en": "This app is read-only: no editors are configured. To let editors record "
        "decisions, set up an OpenID Connect login (an `[auth]` section in "
        "`.streamlit/secrets.toml`) with their e-mails in `[editors] emails`, or an editor "
        "password: its sha256 in `[editors] password_sha256` or in the environment variable "
        "`{variable}`. See `.streamlit/secrets.toml.example`.",
        "zh": "本应用为只读：未配置编辑者。若要让编辑者记录决定，请配置 OpenID Connect 登录"
        "（`.streamlit/secrets.toml` 中的 `[auth]` 部分），并在 `[editors] emails` 中列出其电子"
        "邮箱；或配置编辑密码：将其 sha256 写入 `[editors] password_sha256` 或环境变量 "
        "`{variable}`。参见 `.streamlit/secrets.toml.example`。",
    },
    "auth.settings_problem": {
        "en": "Editing settings: {problem}",
        "zh": "编辑设置：{problem}",
    },
    "auth.editing_as": {"en": "Editing as **{name}**.", "zh": "当前编辑者：**{name}**。"},
    "auth.log_in": {"en": "Log in to edit", "zh": "登录以编辑"},
    "auth.log_out": {"en": "Log out", "zh": "退出登录"},
    "auth.sign_out": {"en": "Stop editing", "zh": "退出编辑"},
    "auth.not_on_list": {
        "en": "You are logged in as {email}, which is not on the list of editors (or which "
        "your login provider has not verified).",
        "zh": "您以 {email} 登录，但该邮箱不在编辑者名单中（或登录服务商尚未验证该邮箱）。",
    },
    "auth.name": {"en": "Your name", "zh": "您的姓名"},
    "auth.password": {"en": "Editor password", "zh": "编辑密码"},
    "auth.sign_in": {"en": "Sign in to edit", "zh": "登录以编辑"},
    "auth.wrong_password": {
        "en": "That is not the editor password.",
        "zh": "编辑密码不正确。",
    },
    # The Add resolution page (pages/add_resolution.py, ui/ingest_view.py).
    "page.add_resolution.title": {"en": "Add resolution", "zh": "添加决议"},
    "add.intro": {
        "en": "Paste or upload the official text of a resolution (as extracted from the UN PDF). "
        "The parse is shown beside the text; correct the symbol or a verb where the parser "
        "misread it, look over the draft records, and save them into `{file}`. A resolution "
        "the data lacks is drafted from its English text; a text in the other language of a "
        "resolution the data holds fills that language's texts of its records.",
        "zh": "粘贴或上传决议的正式文本（从联合国 PDF 中提取的文本）。解析结果显示在文本旁边；"
        "如解析有误，可更正文号或动词，核对草稿记录后保存到 `{file}`。数据中尚无的决议根据其"
        "英文文本起草；数据中已有的决议的另一语言文本，则填入其记录中该语言的文本。",
    },
    "add.lang": {"en": "Language of the text", "zh": "文本语言"},
    "add.lang_help": {
        "en": "Detected from the script and common words unless you choose.",
        "zh": "除非手动选择，否则根据文字和常用词自动识别。",
    },
    "add.lang.auto": {"en": "Detect", "zh": "自动识别"},
    "add.lang.en": {"en": "English", "zh": "英文"},
    "add.lang.zh": {"en": "Chinese", "zh": "中文"},
    "add.source.kind": {"en": "The text", "zh": "文本来源"},
    "add.source.paste": {"en": "Paste", "zh": "粘贴"},
    "add.source.upload": {"en": "Upload a .txt file", "zh": "上传 .txt 文件"},
    "add.source.text": {"en": "Official text", "zh": "正式文本"},
    "add.source.text_help": {
        "en": "The whole text, masthead to closing lines, as extracted: page headers, footnotes "
        "and paragraph numbers in odd places are handled. Press Ctrl+Enter to read it.",
        "zh": "完整文本，从报头到结尾，按提取时的原样：页眉、脚注和位置异常的段落编号均可处理。"
        "按 Ctrl+Enter 读取。",
    },
    "add.source.placeholder": {
        "en": "United Nations … The General Assembly, … 1. Calls upon …",
        "zh": "联合国 …… 大会， …… 1. 吁请 ……",
    },
    "add.source.file": {"en": "Official text file", "zh": "正式文本文件"},
    "add.source.file_help": {
        "en": "A UTF-8 text file of at most 5 MB.",
        "zh": "不超过 5 MB 的 UTF-8 文本文件。",
    },
    "add.source.hint": {
        "en": "Paste a resolution's official text, or upload it, to see its parse.",
        "zh": "粘贴或上传决议的正式文本，即可查看解析结果。",
    },
    "add.source.not_utf8": {
        "en": "{name} is not a UTF-8 text file, so it cannot be read. Save it as UTF-8 text "
        "(not PDF or Word) and upload it again.",
        "zh": "{name} 不是 UTF-8 文本文件，无法读取。请将其另存为 UTF-8 文本（而非 PDF 或 Word）"
        "后重新上传。",
    },
    "add.parsing": {"en": "Reading the text…", "zh": "正在读取文本……"},
    "add.view.source": {
        "en": "The text as given, each operative paragraph marked with its number",
        "zh": "原样文本，每个执行段落以其编号标出",
    },
    "add.view.parsed": {"en": "What the parser read", "zh": "解析结果"},
    "add.view.symbol": {"en": "Symbol", "zh": "文号"},
    "add.view.title": {"en": "Title", "zh": "标题"},
    "add.view.session": {"en": "Session", "zh": "届会"},
    "add.view.adopted": {"en": "Adopted", "zh": "通过日期"},
    "add.view.meeting": {"en": "Meeting", "zh": "会议"},
    "add.view.language": {"en": "Language", "zh": "语言"},
    "add.view.missing": {"en": "not found in the text", "zh": "文本中未找到"},
    "add.view.counts": {
        "en": "{preamble} preambular paragraph(s), {ops} operative paragraph(s).",
        "zh": "序言段落 {preamble} 段，执行段落 {ops} 段。",
    },
    "add.view.footnote_refs": {"en": "Footnote(s): {markers}", "zh": "脚注：{markers}"},
    "add.view.footnotes": {"en": "Footnotes", "zh": "脚注"},
    "add.warnings": {
        "en": "The parser could not read {count} thing(s) cleanly; check them against the text.",
        "zh": "解析器有 {count} 处未能顺利读取；请对照文本核对。",
    },
    "add.column.line": {"en": "Line", "zh": "行"},
    "add.no_operative": {
        "en": "No numbered operative paragraph was found, so there is nothing to draft. Is this "
        'the whole official text of a resolution ("The General Assembly," then paragraphs '
        "numbered 1., 2., …)?",
        "zh": "未找到带编号的执行段落，因此无可起草的内容。这是否是决议的完整正式文本"
        "（“大会，”之后是编号为 1.、2.……的段落）？",
    },
    "add.section.correct": {"en": "Corrections", "zh": "更正"},
    "add.correct.caption": {
        "en": "Prefilled from the parse. The draft records are made from these values.",
        "zh": "已按解析结果预先填写。草稿记录根据这些值生成。",
    },
    "add.correct.symbol": {"en": "Document symbol", "zh": "文号"},
    "add.correct.symbol_help": {
        "en": "As the UN prints it, such as A/RES/57/58. A symbol the data holds means this text "
        "fills the other language of that resolution's records.",
        "zh": "按联合国的印法，例如 A/RES/57/58。若数据中已有该文号，此文本将填入该决议记录的"
        "另一语言。",
    },
    "add.correct.adopted": {
        "en": "Adoption date (the text prints none)",
        "zh": "通过日期（文本中未载明）",
    },
    "add.correct.verb": {"en": "Verb of OP{number}", "zh": "执行段落 {number} 的动词"},
    "add.draft_error": {
        "en": "No draft records can be made: {error}",
        "zh": "无法生成草稿记录：{error}",
    },
    "add.section.drafts": {"en": "What saving will do", "zh": "保存将做什么"},
    "add.plan.new": {
        "en": "{symbol} is not in the data. Saving adds it as a new resolution with "
        '{commitments} commitment(s), {assessments} "not yet assessed" assessment(s) and '
        "{actors} new actor(s).",
        "zh": "数据中尚无 {symbol}。保存后将其作为新决议添加，包括 {commitments} 项承诺、"
        "{assessments} 项“尚未评估”的评估和 {actors} 个新行为体。",
    },
    "add.plan.fill": {
        "en": "{symbol} is in the data. Saving fills {count} {language} text(s) of its records "
        "from this text; nothing the data holds is replaced.",
        "zh": "数据中已有 {symbol}。保存后将根据此文本填入其记录中的 {count} 处 {language} "
        "文本；数据中已有的内容不会被替换。",
    },
    "add.plan.nothing": {
        "en": "{symbol} is in the data and already holds every text this one gives: nothing "
        "to save.",
        "zh": "数据中已有 {symbol}，且已包含此文本提供的全部文本：无需保存。",
    },
    "add.plan.kept": {"en": "Kept as the data has it: {note}", "zh": "按数据原样保留：{note}"},
    "add.plan.assessments": {
        "en": "Each commitment gets one assessment per recognised actor, {count} in all, with "
        'the status "{status}".',
        "zh": "每项承诺为每个识别出的行为体生成一项评估，共 {count} 项，状态为“{status}”。",
    },
    "add.plan.new_actors": {
        "en": "Actors added to the data: {actors}.",
        "zh": "添加到数据中的行为体：{actors}。",
    },
    "add.plan.yaml": {"en": "The draft records as YAML", "zh": "草稿记录（YAML）"},
    "add.column.verb": {"en": "Verb", "zh": "动词"},
    "add.column.criteria": {"en": "Criteria", "zh": "标准"},
    "add.column.action": {"en": "Action (draft)", "zh": "行动（草稿）"},
    "add.column.record": {"en": "Record", "zh": "记录"},
    "add.column.field": {"en": "Field", "zh": "字段"},
    "add.column.value": {"en": "Text", "zh": "文本"},
    "add.source_file.found": {
        "en": "The resolution names its official text {path} (relative to the data file).",
        "zh": "该决议将其正式文本记为 {path}（相对于数据文件）。",
    },
    "add.source_file.missing": {
        "en": "The resolution will name its official text {path} (relative to the data file), "
        "which is not there yet: saving writes this text there, before the records (and takes "
        "it away again if the records cannot be written).",
        "zh": "该决议将把其正式文本记为 {path}（相对于数据文件），该文件尚不存在：保存时会先将此"
        "文本写到该位置，再写入记录（若记录无法写入，则再删除该文件）。",
    },
    "add.source_file.download": {"en": "Download the text as {name}", "zh": "将文本下载为 {name}"},
    "add.section.check": {"en": "The data checked with them", "zh": "合并后的数据检查"},
    "add.check.running": {
        "en": "Checking `{file}` with the drafts…",
        "zh": "正在检查合并草稿后的 `{file}`……",
    },
    "add.check.valid": {
        "en": "`{file}` with these records merged validates.",
        "zh": "合并这些记录后的 `{file}` 通过校验。",
    },
    "add.check.nothing": {
        "en": "Nothing to check: saving would not change the data.",
        "zh": "无需检查：保存不会改变数据。",
    },
    "add.check.rejected": {
        "en": "`{file}` with these records would have {count} problem(s) (lines of the merged "
        "file); they cannot be saved until these are resolved:",
        "zh": "合并这些记录后的 `{file}` 将有 {count} 个问题（行号为合并后文件的行号）；解决之前"
        "无法保存：",
    },
    "add.check.failed": {
        "en": "`{file}` cannot be checked with these records: {error}",
        "zh": "无法检查合并这些记录后的 `{file}`：{error}",
    },
    "add.section.save": {"en": "Save", "zh": "保存"},
    "add.save": {"en": "Save the records of {symbol}", "zh": "保存 {symbol} 的记录"},
    "add.save.viewer": {
        "en": "Only editors can save. You can still read the parse, correct it and look over "
        "the draft records; `python -m tracker ingest FILE` prints the same drafts.",
        "zh": "只有编辑者可以保存。您仍可查看解析结果、进行更正并核对草稿记录；"
        "`python -m tracker ingest FILE` 会输出同样的草稿。",
    },
    "add.outcome.added": {
        "en": "Added {symbol} to `{file}` (lines {lines}): {commitments} commitment(s), "
        "{assessments} assessment(s), {actors} new actor(s). The version it replaced is kept "
        "in .history beside it.",
        "zh": "已将 {symbol} 添加到 `{file}`（第 {lines} 行）：{commitments} 项承诺、"
        "{assessments} 项评估、{actors} 个新行为体。被替换的版本保存在其旁边的 .history 中。",
    },
    "add.outcome.filled": {
        "en": "Filled {count} {language} text(s) of {symbol} in `{file}` (lines {lines}). The "
        "version it replaced is kept in .history beside it.",
        "zh": "已在 `{file}` 中填入 {symbol} 的 {count} 处 {language} 文本（第 {lines} 行）。"
        "被替换的版本保存在其旁边的 .history 中。",
    },
    "add.outcome.open": {"en": "Open the commitments of {symbol}", "zh": "查看 {symbol} 的承诺"},
    "add.outcome.conflict": {
        "en": "`{file}` changed after these drafts were made, so nothing was written. They are "
        "now checked against the current data: look them over and save again.",
        "zh": "`{file}` 在生成这些草稿后已被修改，因此未写入任何内容。草稿现已按当前数据重新检查："
        "请核对后再次保存。",
    },
    "add.outcome.rejected": {
        "en": "The records would leave `{file}` with problems, so nothing was written:\n\n"
        "{problems}",
        "zh": "这些记录会使 `{file}` 出现问题，因此未写入任何内容：\n\n{problems}",
    },
    "add.outcome.not_editor": {
        "en": "Only editors may change `{file}`; nothing was written. Sign in and try again.",
        "zh": "只有编辑者可以修改 `{file}`；未写入任何内容。请登录后重试。",
    },
    "add.outcome.busy": {
        "en": "Another change to `{file}` is being written; nothing was written. Try again.",
        "zh": "另一项对 `{file}` 的修改正在写入；未写入任何内容。请重试。",
    },
    "add.outcome.failed": {
        "en": "Nothing was written to `{file}`: {error}",
        "zh": "未向 `{file}` 写入任何内容：{error}",
    },
    # Commitments, Actors, Evidence, Source text, Methodology and Search pages.
    "page.search.title": {"en": "Search", "zh": "搜索"},
    "filter.any": {"en": "Any", "zh": "不限"},
    "column.id": {"en": "Id", "zh": "编号"},
    "column.actor": {"en": "Actor", "zh": "行为体"},
    "column.actors": {"en": "Actors", "zh": "相关行为体"},
    "column.name": {"en": "Name", "zh": "名称"},
    "column.kind": {"en": "Kind", "zh": "类别"},
    "column.status": {"en": "Status", "zh": "状态"},
    "column.since": {"en": "Status since", "zh": "该状态始于"},
    "column.date": {"en": "Date", "zh": "日期"},
    "column.change": {"en": "Change", "zh": "变化"},
    "column.rationale": {"en": "Rationale", "zh": "理由"},
    "column.evidence_cited": {"en": "Evidence cited", "zh": "所引证据"},
    "column.evidence_count": {"en": "Evidence cited", "zh": "所引证据数"},
    "column.newest_evidence": {"en": "Newest evidence", "zh": "最新证据日期"},
    "column.confidence": {"en": "Confidence", "zh": "可信度"},
    "column.assessor": {"en": "Assessor", "zh": "评估人"},
    "column.criterion": {"en": "Criterion", "zh": "标准"},
    "column.grounds_en": {"en": "Words of the text (English)", "zh": "依据的原文措辞（英文）"},
    "column.grounds_zh": {"en": "Words of the text (中文)", "zh": "依据的原文措辞（中文）"},
    "column.ratings": {"en": "Rating per actor", "zh": "各行为体的评级"},
    "column.direction": {"en": "Direction", "zh": "方向"},
    "column.commitments": {"en": "Commitments", "zh": "相关承诺"},
    "column.commitments_addressed": {"en": "Commitments addressing it", "zh": "针对它的承诺"},
    "column.summary": {"en": "Summary", "zh": "摘要"},
    "column.source": {"en": "Source", "zh": "来源"},
    "column.publisher": {"en": "Publisher", "zh": "发布者"},
    "column.source_type": {"en": "Source type", "zh": "来源类型"},
    "column.verification": {"en": "Verification", "zh": "核实情况"},
    "column.link": {"en": "Link", "zh": "链接"},
    "column.trajectory": {"en": "Trajectory", "zh": "变化轨迹"},
    "column.last_change": {"en": "Latest change", "zh": "最近一次变化"},
    "column.resolution": {"en": "Resolution", "zh": "决议"},
    "column.adopted": {"en": "Adopted", "zh": "通过日期"},
    "column.vote": {"en": "Its vote (says)", "zh": "其投票（所言）"},
    "column.votes": {"en": "Votes in plenary", "zh": "全体会议投票"},
    "commitments.intro": {
        "en": "Where each commitment stands on {as_of}, for whom, since when and on what "
        "evidence. Narrow the list with the filters; the address bar keeps them, so the link "
        "shows the same view to a colleague.",
        "zh": "截至 {as_of} 各项承诺的状况：针对谁、自何时起、依据什么证据。可用筛选条件缩小"
        "列表；筛选条件保存在地址栏中，把链接发给同事即可看到同样的视图。",
    },
    "commitments.filter.resolution": {"en": "Resolution", "zh": "决议"},
    "commitments.filter.actor": {"en": "Actor", "zh": "行为体"},
    "commitments.filter.status": {"en": "Status now", "zh": "当前状态"},
    "commitments.filter.status_help": {
        "en": "The status in force on the as-of date for the chosen actors (any actor when "
        "none is chosen).",
        "zh": "所选行为体在截至日期的现行状态（未选行为体时为任一行为体）。",
    },
    "commitments.filter.change": {"en": "Status change", "zh": "状态变化"},
    "commitments.filter.change_help": {
        "en": "Keep the commitments whose status for a chosen actor worsened, improved or "
        "changed either way, on or after the 'changed since' day (at any time when it is "
        "empty). Press the button again to drop the condition.",
        "zh": "保留所选行为体的状态在“变化起始日”当天或之后恶化、改善或发生任何变化的承诺"
        "（未填日期时不限时间）。再次点击按钮即取消该条件。",
    },
    "commitments.change.worsened": {"en": "Worsened", "zh": "恶化"},
    "commitments.change.improved": {"en": "Improved", "zh": "改善"},
    "commitments.change.changed": {"en": "Either way", "zh": "任何变化"},
    "commitments.filter.since": {"en": "Changed since", "zh": "变化起始日"},
    "commitments.filter.since_help": {
        "en": "Only changes assessed on or after this day count. On its own, it keeps the "
        "commitments whose status changed either way since then.",
        "zh": "只计入该日或之后评估的变化。单独使用时，保留自该日以来状态发生任何变化的承诺。",
    },
    "commitments.count": {
        "en": "{shown} of {total} commitments, as of {as_of}.",
        "zh": "共 {total} 项承诺，显示 {shown} 项（截至 {as_of}）。",
    },
    "commitments.empty": {
        "en": "No commitment matches these filters on this day. Remove a filter, choose "
        "another actor or an earlier 'changed since' day, or move the as-of date.",
        "zh": "该日没有符合这些筛选条件的承诺。可删除某个筛选条件、选择其他行为体或更早的"
        "“变化起始日”，或调整截至日期。",
    },
    "commitments.table_hint": {
        "en": "Select a row to open the commitment's record below.",
        "zh": "选中一行即可在下方打开该承诺的记录。",
    },
    "commitments.column.changes": {"en": "Status changes", "zh": "状态变化"},
    "commitments.column.changes_help": {
        "en": "The changes that match the filter; without a change filter, each actor's "
        "latest change.",
        "zh": "符合筛选条件的变化；未设变化条件时，为各行为体最近一次变化。",
    },
    "commitments.column.last_assessed": {"en": "Last assessed", "zh": "最近评估"},
    "commitments.column.stale_days": {"en": "Days since evidence", "zh": "距最新证据天数"},
    "commitments.column.stale_days_help": {
        "en": "How stale a judgement is: days from the newest evidence it cites to the as-of "
        "date (for a commitment, its stalest judgement). Empty when not yet assessed.",
        "zh": "判断的陈旧程度：从其引用的最新证据到截至日期的天数（对一项承诺而言，取其最"
        "陈旧的判断）。尚未评估时为空。",
    },
    "commitments.pick": {"en": "Commitment record", "zh": "承诺记录"},
    "commitments.pick_placeholder": {"en": "Choose a commitment", "zh": "选择一项承诺"},
    "commitments.pick_hint": {
        "en": "Choose a commitment here, or select a row of the table, to see its full record.",
        "zh": "在此选择一项承诺，或在表格中选中一行，即可查看其完整记录。",
    },
    "commitments.detail.caption": {
        "en": "{symbol}, {title}, adopted {adopted}",
        "zh": "{symbol}，{title}，{adopted} 通过",
    },
    "commitments.detail.action": {"en": "**Asks for:** {action}", "zh": "**要求：** {action}"},
    "commitments.detail.no_chinese": {
        "en": "No Chinese text in the data.",
        "zh": "数据中没有中文文本。",
    },
    "commitments.detail.footnotes": {"en": "Footnotes", "zh": "脚注"},
    "commitments.detail.footnote": {
        "en": "**{marker}** (after “{after}”): {text}",
        "zh": "**{marker}**（位于“{after}”之后）：{text}",
    },
    "commitments.detail.cross_references": {
        "en": "**Cross-references:** {references}",
        "zh": "**相互参照：** {references}",
    },
    "commitments.detail.addressed": {"en": "Who is addressed", "zh": "针对对象"},
    "commitments.detail.as_written": {
        "en": "**As the text says:** {text}",
        "zh": "**原文所述：** {text}",
    },
    "commitments.detail.assessed": {
        "en": "**Assessed here:** {actors}. {reason}",
        "zh": "**本工具评估：** {actors}。{reason}",
    },
    "commitments.detail.nobody": {
        "en": "no actor (nobody can act on it alone)",
        "zh": "无（没有可单独履行的行为体）",
    },
    "commitments.detail.scorecard_link": {
        "en": "Scorecard of {actor}",
        "zh": "{actor} 的记分卡",
    },
    "commitments.detail.evidence_link": {
        "en": "All evidence on this commitment",
        "zh": "该承诺的全部证据",
    },
    "commitments.detail.standing": {"en": "Where it stands", "zh": "现状"},
    "commitments.detail.standing_caption": {
        "en": "On {as_of}: each actor's status, since when it has held, and how old the "
        "newest evidence behind it is.",
        "zh": "截至 {as_of}：各行为体的状态、该状态自何时起持续，以及其所依据的最新证据有多旧。",
    },
    "commitments.detail.criteria": {"en": "Criteria", "zh": "标准"},
    "commitments.detail.criteria_caption": {
        "en": "A criterion applies where the paragraph's own words ground it.",
        "zh": "只有段落本身的措辞构成依据时，相应标准才适用。",
    },
    "commitments.detail.history": {"en": "Status history", "zh": "状态历史"},
    "commitments.detail.no_history": {
        "en": "No assessment is dated on or before {as_of}.",
        "zh": "没有日期在 {as_of} 或之前的评估。",
    },
    "commitments.detail.evidence": {"en": "Evidence", "zh": "证据"},
    "commitments.detail.evidence_caption": {
        "en": "Every item that bears on this paragraph, and every item its judgements cite, "
        "known on {as_of}, newest first.",
        "zh": "截至 {as_of} 已知的、涉及该段的每个条目及其判断所引用的每个条目，"
        "按时间由新到旧排列。",
    },
    "commitments.detail.no_evidence": {
        "en": "No evidence on this commitment is dated on or before {as_of}.",
        "zh": "没有日期在 {as_of} 或之前、涉及该承诺的证据。",
    },
    "commitments.detail.corrections": {"en": "Corrections of the record", "zh": "记录的更正"},
    "commitments.detail.corrections_caption": {
        "en": "Judgements found wrong when they were made. They are kept, struck through, and "
        "count nowhere: the correction beside each stands in their place.",
        "zh": "作出时即有误的判断。它们予以保留并加删除线，但不计入任何地方：旁边的更正取而代之。",
    },
    "commitments.detail.correction": {
        "en": "**{actor}** · ~~{date} {status}: {rationale}~~ — {corrected_by}  \n"
        "Now: {new_date} {new_status}: {new_rationale}",
        "zh": "**{actor}** · ~~{date} {status}：{rationale}~~ — {corrected_by}  \n"
        "现为：{new_date} {new_status}：{new_rationale}",
    },
    "commitments.detail.carried_forward_as": {
        "en": "Carried forward as {commitment} of {symbol}",
        "zh": "由 {symbol} 的 {commitment} 延续",
    },
    "commitments.detail.carries_forward": {
        "en": "Carries forward {commitment} of {symbol}",
        "zh": "延续 {symbol} 的 {commitment}",
    },
    "column.recorded": {"en": "Recorded", "zh": "记录日期"},
    "column.correction": {"en": "Correction", "zh": "更正"},
    "actors.intro": {
        "en": "Every actor on {as_of}: how many commitments address it and where they stand, "
        "and how it voted. Pick one for its scorecard.",
        "zh": "截至 {as_of} 的各行为体：有多少承诺针对它、这些承诺的状况如何，以及它如何"
        "投票。选择一个行为体即可查看其记分卡。",
    },
    "actors.table_hint": {
        "en": "Select a row to open that actor's scorecard below.",
        "zh": "选中一行即可在下方打开该行为体的记分卡。",
    },
    "actors.pick": {"en": "Scorecard of", "zh": "记分卡"},
    "actors.pick_placeholder": {"en": "Choose an actor", "zh": "选择一个行为体"},
    "actors.pick_hint": {
        "en": "Choose an actor here, or select a row of the table, to see its scorecard.",
        "zh": "在此选择一个行为体，或在表格中选中一行，即可查看其记分卡。",
    },
    "actors.npt_nws": {
        "en": "nuclear-weapon State under the NPT",
        "zh": "《不扩散核武器条约》规定的核武器国家",
    },
    "actors.holds": {
        "en": "holds non-strategic nuclear weapons: {value} (evidence: {evidence})",
        "zh": "是否持有非战略核武器：{value}（证据：{evidence}）",
    },
    "actors.not_addressed": {
        "en": "No commitment addresses {actor}, so it has no scorecard; the evidence that "
        "names it is on the Evidence page.",
        "zh": "没有承诺针对 {actor}，因此它没有记分卡；提及它的证据见“证据”页。",
    },
    "actors.metric.commitments": {"en": "Commitments", "zh": "承诺"},
    "actors.metric.regressing": {"en": "Regressing commitments", "zh": "倒退的承诺"},
    "actors.metric.progressing": {"en": "Progressing commitments", "zh": "有进展的承诺"},
    "actors.metric.not_assessed": {"en": "Awaiting assessment", "zh": "待评估"},
    "actors.metric.not_assessed_help": {
        "en": "Commitments not yet assessed for this actor: a backlog, not a finding of no "
        "progress.",
        "zh": "尚未就该行为体评估的承诺：这是待办事项，并非“无进展”的结论。",
    },
    "actors.metric.stalest": {"en": "Stalest judgement", "zh": "最陈旧的判断"},
    "actors.section.scorecard": {"en": "Scorecard", "zh": "记分卡"},
    "actors.section.scorecard_caption": {
        "en": "Each commitment that addresses this actor, on {as_of}: its status and since "
        "when, the rating of each criterion, the statuses it has passed through, and how old "
        "the evidence behind it is.",
        "zh": "截至 {as_of} 针对该行为体的每项承诺：其状态及起始时间、各项标准的评级、经历过"
        "的状态，以及所依据证据的新旧程度。",
    },
    "actors.scorecard_hint": {
        "en": "Select a row to open that commitment's record.",
        "zh": "选中一行即可打开该承诺的记录。",
    },
    "actors.section.trajectory": {"en": "Trajectory", "zh": "变化轨迹"},
    "actors.section.says_does": {"en": "Says versus does", "zh": "所言与所行"},
    "actors.section.says_does_caption": {
        "en": "How the actor voted on each resolution in plenary (from the recorded votes, "
        "or the reported list of States against) beside what it has done since: the number "
        "of that resolution's commitments addressing it in each status today.",
        "zh": "该行为体在全体会议上对每项决议的投票（依据记录表决，或所报道的反对国名单），"
        "与其此后的实际行动并列：该决议中针对它的承诺目前处于各状态的数量。",
    },
    "actors.no_resolution_yet": {
        "en": "No resolution had been adopted by {as_of}.",
        "zh": "截至 {as_of} 尚无决议通过。",
    },
    "evidence.intro": {
        "en": "The dated, sourced events behind the assessments, as known on {as_of}. Each "
        "item names its source type and confidence; open one to follow the link to its source.",
        "zh": "截至 {as_of} 已知的、支撑各项评估的有日期、有来源的事件。每条证据均注明来源"
        "类型和可信度；打开一条即可通过链接查看其来源。",
    },
    "evidence.filter.actor": {"en": "Actor", "zh": "行为体"},
    "evidence.filter.commitment": {"en": "Commitment", "zh": "承诺"},
    "evidence.filter.criterion": {"en": "Criterion", "zh": "标准"},
    "evidence.filter.source_type": {"en": "Source type", "zh": "来源类型"},
    "evidence.filter.confidence": {"en": "Confidence", "zh": "可信度"},
    "evidence.filter.direction": {"en": "Direction", "zh": "方向"},
    "evidence.filter.from": {"en": "From", "zh": "起始日期"},
    "evidence.filter.to": {"en": "To", "zh": "截止日期"},
    "evidence.count": {
        "en": "{shown} of {total} evidence items known on {as_of}.",
        "zh": "截至 {as_of} 已知证据 {total} 条，显示 {shown} 条。",
    },
    "evidence.empty": {
        "en": "No evidence matches these filters. Remove a filter or widen the date range; "
        "items dated after the as-of date are not shown.",
        "zh": "没有符合这些筛选条件的证据。可删除某个筛选条件或放宽日期范围；日期晚于截至"
        "日期的条目不予显示。",
    },
    "evidence.capped": {
        "en": "Showing the newest {shown} of {total} matching items in the timeline and the "
        "table. Narrow the filters (commitment, actor, dates) to see the others.",
        "zh": "时间线和表格显示符合条件的 {total} 条证据中最新的 {shown} 条。"
        "请缩小筛选范围（承诺、行为体、日期）以查看其余证据。",
    },
    "evidence.timeline_caption": {
        "en": "One marker per item and commitment it bears on: the colour is its direction, "
        "the shape its source type. Items dated to a month or a year sit on the first day.",
        "zh": "每条证据对其涉及的每项承诺显示一个标记：颜色表示方向，形状表示来源类型。"
        "只精确到月或年的条目标在该月或该年的第一天。",
    },
    "evidence.table_hint": {
        "en": "Select a row to open the item below; the link column opens the source.",
        "zh": "选中一行即可在下方打开该条目；链接列可打开其来源。",
    },
    "evidence.pick": {"en": "Evidence item", "zh": "证据条目"},
    "evidence.pick_placeholder": {"en": "Choose an item", "zh": "选择一条证据"},
    "evidence.pick_hint": {
        "en": "Choose an item here, or select a row of the table, to see it in full.",
        "zh": "在此选择一条证据，或在表格中选中一行，即可查看其全部内容。",
    },
    "evidence.confidence": {"en": "confidence: {level}", "zh": "可信度：{level}"},
    "evidence.title_note": {"en": "About the title", "zh": "关于标题"},
    "evidence.accessed": {"en": "Accessed", "zh": "访问日期"},
    "evidence.date_note": {"en": "About the date", "zh": "关于日期"},
    "evidence.contested": {"en": "Contested reading", "zh": "有争议的解读"},
    "evidence.commitment_link": {
        "en": "Record of {commitment}",
        "zh": "{commitment} 的记录",
    },
    "evidence.open_source": {"en": "Open the source", "zh": "打开来源"},
    "evidence.open_copy": {"en": "Other copy {number}", "zh": "其他副本 {number}"},
    "source_text.pick": {"en": "Resolution", "zh": "决议"},
    "source_text.adopted": {"en": "adopted {date}", "zh": "{date} 通过"},
    "source_text.report": {
        "en": "on the report of the First Committee ({report})",
        "zh": "根据第一委员会的报告（{report}）",
    },
    "source_text.vote": {
        "en": "{body}, {date}: {yes} in favour, {no} against, {abstaining} abstaining "
        "(against: {against}).",
        "zh": "{body}，{date}：{yes} 票赞成，{no} 票反对，{abstaining} 票弃权（反对：{against}）。",
    },
    "source_text.sponsors": {"en": "Presented by: {names}.", "zh": "提案国：{names}。"},
    "source_text.no_chinese": {
        "en": "The data holds no Chinese text of {symbol}: it is shown in English.",
        "zh": "数据中没有 {symbol} 的中文文本，以下显示英文原文。",
    },
    "source_text.preamble": {"en": "Preamble", "zh": "序言部分"},
    "source_text.no_preamble": {
        "en": "The data holds no preamble for this resolution.",
        "zh": "数据中没有该决议的序言部分。",
    },
    "source_text.operative": {"en": "Operative paragraphs", "zh": "执行部分"},
    "source_text.no_operative": {
        "en": "The data holds no operative paragraph for this resolution.",
        "zh": "数据中没有该决议的执行段落。",
    },
    "source_text.status": {"en": "On {as_of}: {statuses}", "zh": "截至 {as_of}：{statuses}"},
    "source_text.not_assessed_by_design": {
        "en": "No actor is assessed on this paragraph.",
        "zh": "本段不对任何行为体进行评估。",
    },
    "source_text.open": {
        "en": "Open the record of {commitment}",
        "zh": "打开 {commitment} 的记录",
    },
    "source_text.footnotes": {"en": "Footnotes", "zh": "脚注"},
    "methodology.process": {"en": "How assessments are made", "zh": "如何进行评估"},
    "methodology.dating": {
        "en": "Every assessment carries the date it was made and cites only evidence dated on "
        "or before it; evidence known only to the month or the year counts from its first "
        "day. The as-of date in the sidebar recomputes every page from the assessments and "
        "evidence dated on or before it.",
        "zh": "每项评估都注明作出日期，且只引用该日期当日或之前的证据；只精确到月或年的证据"
        "自该月或该年的第一天起计算。侧栏中的截至日期会依据该日或之前的评估和证据重新计算"
        "每一页。",
    },
    "methodology.corrections": {
        "en": "Corrections: a judgement found wrong when it was made (a misread source, a wrong "
        "date) is never edited. A new assessment corrects it, naming it and saying why; it "
        "carries the day it speaks for and the day it was recorded. Charts, 'what changed' and "
        "the as-of date count only the correction, so a fix of the record never shows as a "
        "change in the world; the record of a commitment shows both, the corrected one struck "
        "through.",
        "zh": "更正：作出时即有误的判断（误读来源、日期错误）从不修改。由一项新的评估对其加以"
        "更正，注明所更正的评估及理由，并载明其所指的日期和记录日期。图表、“变化”和截至日期"
        "只计入更正后的评估，因此对记录的更正绝不会显示为实际情况的变化；承诺的记录同时显示"
        "两者，被更正的一项加删除线。",
    },
    "methodology.set_apart": {
        "en": "“{labels}” stand apart as well: the paragraph cannot apply to the actor as things "
        "stand (it holds no such weapons), or a later resolution carries the paragraph forward. "
        "Such a pair is neither a judgement of progress nor a backlog: the Overview's shares and "
        "its count of pairs not yet assessed leave it out, and it never counts as an improvement "
        "or a worsening.",
        "zh": "“{labels}”同样单独列出：就目前情况而言该段不适用于该行为体（其不持有此类武器），"
        "或后续决议延续了该段。此类组合既非进展判断，也非待评估事项：“概览”页的比例和尚未评估"
        "的组合数均不计入，也绝不算作改善或恶化。",
    },
    "methodology.freshness": {
        "en": "Freshness: a judgement is as old as the newest evidence it cites. The "
        "'days since evidence' shown on the Commitments and Actors pages count from that "
        "evidence to the as-of date.",
        "zh": "时效：一项判断的新旧取决于其引用的最新证据。“承诺”和“行为体”页所示的“距最新"
        "证据天数”即从该证据起算至截至日期。",
    },
    "methodology.statuses": {"en": "Status scale", "zh": "状态等级"},
    "methodology.statuses_caption": {
        "en": "From acting against the paragraph up to fulfilled. “{not_assessed}” stands "
        "apart: it is a backlog, never a finding of no progress. The last column counts the "
        "(commitment, actor) pairs in each status on {as_of}.",
        "zh": "从违背该段要求到已履行。“{not_assessed}”单独列出：它表示待评估，绝不是"
        "“无进展”的结论。最后一列为截至 {as_of} 处于各状态的（承诺，行为体）组合数。",
    },
    "methodology.criteria": {"en": "Criteria", "zh": "标准"},
    "methodology.criteria_caption": {
        "en": "The three principles of the resolution. Each applies to a paragraph only where "
        "its words ground it, and is rated per actor.",
        "zh": "决议的三项原则。只有段落措辞构成依据时才适用，并按行为体分别评级。",
    },
    "methodology.ratings": {"en": "Criterion ratings", "zh": "标准评级"},
    "methodology.directions": {"en": "Directions of evidence", "zh": "证据方向"},
    "methodology.source_types": {"en": "Source types", "zh": "来源类型"},
    "methodology.confidence": {"en": "Confidence levels", "zh": "可信度等级"},
    "methodology.column.colour": {"en": "Colour", "zh": "颜色"},
    "methodology.column.label": {"en": "Label", "zh": "标签"},
    "methodology.column.meaning": {"en": "Meaning", "zh": "含义"},
    "methodology.used.pairs": {"en": "Pairs now", "zh": "当前组合数"},
    "methodology.used.ratings": {"en": "Ratings now", "zh": "当前评级数"},
    "methodology.used.evidence": {"en": "Evidence items", "zh": "证据条数"},
    "search.box": {
        "en": "Find commitments, actors and evidence",
        "zh": "查找承诺、行为体和证据",
    },
    "search.box_help": {
        "en": "Finds commitments, actors and evidence by words in English or Chinese, "
        "ignoring case. Every word must occur; put a phrase in double quotes.",
        "zh": "按英文或中文词语查找承诺、行为体和证据，不区分大小写。每个词都须出现；"
        "短语请用双引号括起。",
    },
    "search.placeholder": {"en": "e.g. {examples}", "zh": "例如：{examples}"},
    "search.hint": {
        "en": "Type words in either language. Or try one of these:",
        "zh": "输入任一语言的词语，或试试以下示例：",
    },
    "search.none": {
        "en": "Nothing matches “{query}”. Try fewer words, or the other language.",
        "zh": "没有与“{query}”匹配的内容。可减少词语，或换用另一种语言。",
    },
    "search.count": {"en": "{count}{more} matches.", "zh": "{count}{more} 个结果。"},
    "search.kind.commitment": {"en": "Commitment", "zh": "承诺"},
    "search.kind.actor": {"en": "Actor", "zh": "行为体"},
    "search.kind.evidence": {"en": "Evidence", "zh": "证据"},
    "search.field.id": {"en": "Id", "zh": "编号"},
    "search.field.verb": {"en": "Verb", "zh": "动词"},
    "search.field.text": {"en": "Text", "zh": "文本"},
    "search.field.action": {"en": "Action asked", "zh": "所要求的行动"},
    "search.field.addressed": {"en": "Addressed", "zh": "针对对象"},
    "search.field.actors": {"en": "Actors", "zh": "行为体"},
    "search.field.footnote": {"en": "Footnote", "zh": "脚注"},
    "search.field.grounds": {"en": "Words grounding a criterion", "zh": "构成标准依据的措辞"},
    "search.field.name": {"en": "Name", "zh": "名称"},
    "search.field.note": {"en": "Note", "zh": "说明"},
    "search.field.holds": {"en": "Holdings", "zh": "持有情况"},
    "search.field.date": {"en": "Date", "zh": "日期"},
    "search.field.summary": {"en": "Summary", "zh": "摘要"},
    "search.field.source": {"en": "Source title", "zh": "来源标题"},
    "search.field.publisher": {"en": "Publisher", "zh": "发布者"},
    "search.field.contested": {"en": "Contested reading", "zh": "有争议的解读"},
    "dashboard.step.unassessed": {"en": "not a judgement", "zh": "未作判断"},
    "dashboard.step.first": {"en": "first judgement", "zh": "首次判断"},
    "dashboard.step.improved": {"en": "improved", "zh": "改善"},
    "dashboard.step.worsened": {"en": "worsened", "zh": "恶化"},
    "dashboard.step.same": {"en": "unchanged", "zh": "未变"},
    "dashboard.step.corrected": {"en": "corrected: not counted", "zh": "已更正：不计入"},
    "dashboard.corrected_by": {
        "en": "corrected by {id} on {recorded}: {reason}",
        "zh": "已由 {id} 于 {recorded} 更正：{reason}",
    },
    "dashboard.corrects": {
        "en": "corrects {id} (recorded {recorded}): {reason}",
        "zh": "更正 {id}（记录于 {recorded}）：{reason}",
    },
    "dashboard.vote.yes": {"en": "voted in favour", "zh": "投赞成票"},
    "dashboard.vote.no": {"en": "voted against", "zh": "投反对票"},
    "dashboard.vote.abstain": {"en": "abstained", "zh": "弃权"},
    "dashboard.vote.non_voting": {"en": "did not vote", "zh": "未投票"},
    "dashboard.vote.unknown": {"en": "vote not recorded here", "zh": "此处无投票记录"},
    "dashboard.vote.not_a_state": {
        "en": "not a member State: no vote of its own",
        "zh": "非会员国：没有自己的投票",
    },
    "dashboard.not_applicable": {"en": "does not apply", "zh": "不适用"},
    "dashboard.verification.verified": {"en": "verified", "zh": "已核实"},
    "dashboard.verification.partly_verified": {"en": "partly verified", "zh": "部分核实"},
    "dashboard.verification.unverified": {"en": "unverified", "zh": "未核实"},
    "dashboard.precision.day": {"en": "dated to the day", "zh": "精确到日"},
    "dashboard.precision.month": {"en": "dated to the month", "zh": "精确到月"},
    "dashboard.precision.year": {"en": "dated to the year", "zh": "精确到年"},
    "dashboard.precision.approximate": {"en": "approximate date", "zh": "大致日期"},
    "dashboard.holds.yes": {"en": "yes", "zh": "是"},
    "dashboard.holds.no": {"en": "no", "zh": "否"},
    "dashboard.holds.contested": {"en": "contested", "zh": "有争议"},
    "dashboard.holds.unknown": {"en": "unknown", "zh": "不明"},
    "dashboard.kind.state": {"en": "State", "zh": "国家"},
    "dashboard.kind.group": {"en": "group of States", "zh": "国家集团"},
    "dashboard.kind.un_organ": {"en": "United Nations organ", "zh": "联合国机构"},
    "dashboard.kind.other": {"en": "other body", "zh": "其他机构"},
    "dashboard.body.plenary": {"en": "Plenary", "zh": "全体会议"},
    "dashboard.body.first_committee": {"en": "First Committee", "zh": "第一委员会"},
    "dashboard.hover.evidence": {
        "en": "<b>{id}</b> · {date} · {commitment}<br>{direction} · {source_type} "
        "({publisher}) · confidence {confidence}<br>{summary}",
        "zh": "<b>{id}</b> · {date} · {commitment}<br>{direction} · {source_type}"
        "（{publisher}）· 可信度 {confidence}<br>{summary}",
    },
    "chart.timeline.commitment": {
        "en": "{commitment}: status of each actor over time",
        "zh": "{commitment}：各行为体的状态随时间的变化",
    },
    "chart.timeline.actor": {
        "en": "{actor}: status of each commitment over time",
        "zh": "{actor}：各项承诺的状态随时间的变化",
    },
    "chart.hover.timeline": {
        "en": "<b>{row}</b>: {status}<br>from {start} to {end}<br>{basis}",
        "zh": "<b>{row}</b>：{status}<br>{start} 至 {end}<br>{basis}",
    },
    "chart.empty.timeline": {
        "en": "{as_of} is before the resolution was adopted: no status to show yet.",
        "zh": "{as_of} 早于决议通过日期，尚无可显示的状态。",
    },
    "chart.empty.no_actor_addressed": {
        "en": "The paragraph addresses no actor the tracker assesses.",
        "zh": "该段不针对本工具评估的任何行为体。",
    },
    "chart.empty.actor_not_addressed": {
        "en": "No commitment addresses {actor}.",
        "zh": "没有承诺针对 {actor}。",
    },
    "chart.empty.no_evidence": {
        "en": "No evidence to show: no item matches the filters on this day.",
        "zh": "没有可显示的证据：该日没有符合筛选条件的条目。",
    },
    "chart.evidence.title": {
        "en": "{items} evidence item(s) by date and commitment",
        "zh": "按日期和承诺排列的 {items} 条证据",
    },
    "chart.legend.direction": {"en": "Direction", "zh": "方向"},
    "chart.legend.source_type": {"en": "Source type", "zh": "来源类型"},
}


def t(key: str, lang: str, **fmt: object) -> str:
    """The catalogue string `key` in `lang` (English for an unknown language), formatted.

    An unknown key raises KeyError: it is a programming error, and tests catch it.
    """
    entry = CATALOGUE[key]
    template = entry[lang] if is_language(lang) else entry[DEFAULT_LANGUAGE]
    return template.format(**fmt) if fmt else template


def pick_marked(text: Text | None, lang: str) -> str:
    """Like `pick`, with a visible note when English stands in for a missing Chinese text."""
    chosen, fell_back = pick_with_fallback(text, lang)
    return t("text.english_fallback", lang, text=chosen) if fell_back else chosen
