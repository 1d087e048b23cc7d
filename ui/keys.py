"""Widget and session-state keys, one class per page, each key declared once.

A key names a widget (tests and the page's CSS find it by its key) or a value kept in the
session. The keys of a page's filters and picks are also its URL parameters, so that a view
can be shared as a link and other pages can link to a pick (`query_params={Commitments.PICK:
...}`): their values are the URL's and must not change. Keys starting with "_" hold values
no widget shows. Keys made from a number or a language code are templates:
`Review.a_actor(3)`, `Review.title("en")`."""

from __future__ import annotations


class Overview:
    RESOLUTION = "ov_resolution"  # URL parameter
    MATRIX_RESOLUTION = "matrix_resolution"  # URL parameter
    HEADLINE = "overview_headline"
    STATUS_MATRIX = "overview_status_matrix"
    CRITERIA_MATRIX = "overview_criteria_matrix"
    STATUS_OVER_TIME = "overview_status_over_time"
    COMMITMENTS = "overview_commitments"
    superseded = "overview_superseded_{}".format  # a superseded resolution's folded matrix


class Commitments:
    # URL parameters.
    RESOLUTION = "resolution"
    ACTOR = "actor"
    STATUS = "status"
    CHANGE = "change"
    SINCE = "since"
    PICK = "commitment"
    ASSESSMENT = "assessment"  # a permalink to one judgement
    CITING = "commitments_citing"  # the judgement whose reference is shown
    # Widgets.
    FILTERS = "commitments_filters"
    TABLE = "commitments_table"
    LINKS = "commitment_links"
    STANDING = "commitment_standing"
    TIMELINE = "commitment_timeline"
    CRITERIA = "commitment_criteria"
    CORRECTIONS = "commitment_corrections"
    EVIDENCE = "commitment_evidence"


class Actors:
    PICK = "scorecard"  # URL parameter
    COMPARE = "compare"  # URL parameter
    COMPARE_TABLE = "actors_compare"
    COMPARE_VOTES = "actors_compare_votes"
    PROFILE = "actor_profile"
    TABLE = "actors_table"
    METRICS = "actor_metrics"
    SCORECARD = "actor_scorecard"
    TRAJECTORY = "actor_trajectory"
    SAYS_DOES = "actor_says_does"


class Evidence:
    # URL parameters.
    ACTOR = "ev_actor"
    DIRECTION = "ev_direction"
    RESOLUTION = "ev_resolution"
    COMMITMENT = "ev_commitment"
    CRITERION = "ev_criterion"
    SOURCE_TYPE = "ev_source"
    CONFIDENCE = "ev_confidence"
    FROM = "ev_from"
    TO = "ev_to"
    PICK = "ev_item"
    PAGE = "ev_page"
    SHOW_TIMELINE = "ev_timeline"
    # Widgets.
    FILTERS = "evidence_filters"
    TIMELINE = "evidence_timeline"
    TABLE = "evidence_table"
    RECORDS = "evidence_records"
    LINKS = "evidence_links"


class StateVotes:
    STATE = "state"  # URL parameter
    COUNT = "count"  # URL parameter
    ISSUE = "issue"  # URL parameter
    WITH = "with"  # URL parameter
    CAVEATS = "state_votes_caveats"
    FILTERS = "state_votes_filters"
    METRICS = "state_votes_metrics"
    BY_YEAR = "state_votes_by_year"
    YEARS = "state_votes_years"
    AGREEMENT_CHART = "state_votes_agreement_chart"
    AGREEMENT = "state_votes_agreement"
    SAYS_DOES = "state_votes_says_does"
    ROLL_CALLS = "state_votes_roll_calls"


class RollCall:
    PICK = "rcid"  # URL parameter
    VOTE = "rc_vote"  # URL parameter
    CAVEATS = "roll_call_caveats"
    DIFFERENCES = "roll_call_differences"
    LINKS = "roll_call_links"
    METRICS = "roll_call_metrics"
    STATES = "roll_call_states"
    RELATED = "roll_call_related"


class Search:
    QUERY = "q"  # URL parameter
    EXAMPLES = "search_examples"

    hit = "search_hit_{}".format  # per result shown


class SourceText:
    RESOLUTION = "symbol"  # URL parameter

    paragraph = "source_text_op{}".format  # per operative paragraph


class Methodology:
    STATUSES = "methodology_statuses"
    CRITERIA = "methodology_criteria"
    RATINGS = "methodology_ratings"
    DIRECTIONS = "methodology_directions"
    SOURCE_TYPES = "methodology_source_types"
    CONFIDENCE = "methodology_confidence"


class Export:
    VIEW = "export_view"
    EXCEL = "export_excel"
    TABLES = "export_tables"
    TABLE = "export_table"
    PREVIEW = "export_preview"
    CSV = "export_csv"
    ZIP_BUILD = "export_zip_build"
    ZIP_DOWNLOAD = "export_zip_download"
    ZIP = "_export_zip"
    IMPORT_AUTH = "import_auth"
    IMPORT_PROBLEMS = "import_problems"
    IMPORT_PREVIEW = "import_preview"
    IMPORT_MERGE = "import_merge"
    UPLOADS = "_import_uploads"
    OUTCOME = "_import_outcome"

    # The file picker, renamed after each merge so that it comes back empty.
    upload = "import_file_{}".format


class AddResolution:
    AUTH = "add_auth"
    SOURCE_KIND = "add_source_kind"
    FILE = "add_file"
    TEXT = "add_text"
    LANGUAGE = "add_lang"
    PARSED = "add_parsed"
    PARSE_WARNINGS = "add_parse_warnings"
    PARSED_FOR = "add_parsed_for"
    SYMBOL = "add_symbol"
    ADOPTED = "add_adopted"
    TITLE = "add_title"
    BODY = "add_body"
    MEETING = "add_meeting"
    FILLS = "add_fills"
    DRAFT_WARNINGS = "add_draft_warnings"
    DRAFTS = "add_drafts"
    DOWNLOAD_SOURCE = "add_download_source"
    CHECK_MEMO = "add_check_memo"
    SAVE = "add_save"
    OUTCOME = "add_outcome"
    # Per operative paragraph: its box and its corrected leading verb.
    paragraph = "add_op_{}".format

    verb = "add_verb_{}".format


class Review:
    # The window and what changed in it, for the resolutions chosen.
    RESOLUTION = "review_resolution"
    SINCE = "review_since"
    STALE_DAYS = "review_stale_days"
    COUNTS = "review_counts"
    NEW_ASSESSMENTS = "review_new_assessments"
    CONTRADICTIONS = "review_contradictions"
    STALE = "review_stale"
    NEW_EVIDENCE = "review_new_evidence"
    CORRECTIONS = "review_corrections"
    SHOW_ALL = "review_show_all"
    # The agenda and presenter mode.
    ORDER = "review_order"
    AGENDA_PAGE = "review_agenda_page"
    RESET_ORDER = "review_reset_order"
    PRESENT = "review_present"
    ITEM = "review_item"
    PRESENTER = "review_presenter"
    PRESENTER_NAV = "review_presenter_nav"
    PRESENTER_CHART = "review_presenter_chart"
    presenter_actor = "review_presenter_actor_{}".format  # per actor of the item shown
    PREVIOUS = "review_previous"
    NEXT = "review_next"
    # The brief (its review is a URL parameter: a search hit on a meeting opens its brief).
    BRIEF_REVIEW = "review_brief"
    BRIEF_FULL = "review_brief_full"
    DOWNLOADS = "review_downloads"
    # Recording decisions.
    AUTH = "review_auth"
    BASE_HASH = "review_base_hash"
    CONFLICT = "review_conflict"
    WRITTEN = "review_written"
    CLEAR = "review_clear"
    RELOAD = "review_reload"
    REAPPLY = "review_reapply"
    MEETING = "review_meeting"
    MEETING_DATE = "review_meeting_date"
    PARTICIPANTS = "review_participants"
    # The assessment form.
    A_COMMITMENT = "review_a_commitment"
    A_STATUS = "review_a_status"
    A_CONFIDENCE = "review_a_confidence"
    A_ASSESSOR = "review_a_assessor"
    A_SAVE = "review_a_save"
    A_PENDING = "review_pending"  # a second decision for a pair and day, held until confirmed
    A_CONFIRM = "review_a_confirm"
    A_CANCEL = "review_a_cancel"
    A_DUPLICATE = "review_a_duplicate"
    # The evidence form.
    E_ID = "review_e_id"
    E_DATE = "review_e_date"
    E_APPROXIMATE = "review_e_approximate"
    E_ACTORS = "review_e_actors"
    E_COMMITMENTS = "review_e_commitments"
    E_CRITERIA = "review_e_criteria"
    E_DIRECTION = "review_e_direction"
    E_TITLE = "review_e_title"
    E_PUBLISHER = "review_e_publisher"
    E_URL = "review_e_url"
    E_SOURCE_TYPE = "review_e_source_type"
    E_CONFIDENCE = "review_e_confidence"
    E_VERIFICATION = "review_e_verification"
    E_VERIFICATION_NOTE = "review_e_verification_note"
    E_SAVE = "review_e_save"

    # Per language (the meeting's title, the texts of a record).
    title = "review_title_{}".format
    a_rationale = "review_a_rationale_{}".format
    a_reason = "review_a_reason_{}".format  # per language: why a corrected judgement was wrong
    a_corrects = "review_a_corrects_{}".format  # per pair: the judgement corrected
    a_speaks_for = "review_a_speaks_for_{}".format  # per pair: the day the correction is for
    e_summary = "review_e_summary_{}".format

    # The assessment form's actor, ratings and evidence are kept per commitment (by its
    # slot, `ReviewContext.slot`): picking another commitment keeps what was entered.
    a_actor = "review_a_actor_{}".format
    a_rating = "review_a_rating_{}_{}".format
    a_evidence = "review_a_evidence_{}".format
    # Per agenda item (by its commitment's slot): its box and buttons.
    agenda = "review_agenda_{}".format
    open = "review_open_{}".format
    up = "review_up_{}".format
    down = "review_down_{}".format
