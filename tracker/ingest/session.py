"""One official text into one data file: the draft records of a resolution the data lacks, or
the texts a second language gives one it holds, checked against the file and written through
`tracker.source.store`. `python -m tracker ingest` and the Add resolution page are two clients
of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.model import Dataset, Record
from tracker.ingest.clean import IngestWarning, clean_extraction, normalize_for_match
from tracker.ingest.drafts import (
    Drafts,
    FillPlan,
    draft_records,
    language_fills,
    read_masthead,
)
from tracker.ingest.parse import ParsedResolution
from tracker.source.store import (
    AppendPlan,
    Editor,
    WriteResult,
    append_records,
    apply_fills,
    create_file,
    fill_language,
    plan_append,
    plan_fill,
)

_BOM = b"\xef\xbb\xbf"


class UnreadableText(ValueError):
    """Bytes that are not a UTF-8 text; the message says which and what to do."""


class NothingToFill(ValueError):
    """The text's resolution is in the data and already holds every text this one gives."""

    def __init__(self, plan: FillPlan) -> None:
        self.plan = plan
        super().__init__(
            f"{plan.symbol} is in the data and holds every {plan.language} text this text "
            "gives; nothing to fill"
        )


def decode_text(raw: bytes, name: str) -> str:
    """The text of an official text file (a UTF-8 byte order mark dropped), or
    `UnreadableText` naming `name`."""
    try:
        return raw.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableText(f"{name} is not UTF-8; save it as UTF-8") from None


@dataclass(frozen=True)
class Ingest:
    """What a text gives the data: `drafts` of a resolution the data lacks, or else `fill`,
    the texts it gives the records of one the data holds."""

    parsed: ParsedResolution
    drafts: Drafts | None = None
    fill: FillPlan | None = None

    @property
    def symbol(self) -> str:
        if self.drafts is not None:
            return self.drafts.resolution.symbol
        return self.fill.symbol if self.fill is not None else ""

    @property
    def warnings(self) -> tuple[IngestWarning, ...]:
        """What drafting (not parsing) could not do cleanly."""
        if self.drafts is not None:
            return self.drafts.warnings
        return self.fill.warnings if self.fill is not None else ()

    @property
    def official_file(self) -> str | None:
        """The official text's path, as the data will name it, when the ingest names one."""
        if self.drafts is not None:
            return next(iter(self.drafts.resolution.source_files.values()), None)
        fills = self.fill.fills if self.fill is not None else ()
        return next((str(f.value) for f in fills if f.field == ("source_files",)), None)

    def new_records(self) -> dict[str, Sequence[Record]]:
        """A new resolution's records by section, in the order the data file lists them."""
        if self.drafts is None:
            return {}
        return {
            "resolutions": [self.drafts.resolution],
            "actors": self.drafts.actors,
            "commitments": self.drafts.commitments,
            "assessments": self.drafts.assessments,
        }


def holds(dataset: Dataset | None, symbol: str | None) -> bool:
    """Whether the data has the resolution `symbol` (spaces in it ignored)."""
    compact = "".join((symbol or "").split())
    return dataset is not None and any(r.symbol == compact for r in dataset.resolutions)


def plan_ingest(
    parsed: ParsedResolution,
    text: str,
    dataset: Dataset | None,
    *,
    source_file: str,
    symbol: str | None = None,
    adopted: dt.date | None = None,
    verbs: Mapping[int, str] | None = None,
    title: str | None = None,
    body: str | None = None,
    meeting: str | None = None,
) -> Ingest:
    """What the text `parsed` was read from gives `dataset`: the fills of its language when
    the data holds its resolution (`symbol`, else the symbol the text prints), else the
    drafts of a new resolution. `source_file` is the text's path as the data names it;
    `symbol`, `adopted`, `verbs`, `title`, `body` and `meeting` are a person's corrections
    (see `draft_records`).
    Raises `DraftError` when no valid records can be made.
    """
    refs = clean_extraction(text, parsed.language).refs
    if dataset is not None and holds(dataset, symbol or parsed.symbol):
        fill = language_fills(
            parsed, dataset, source_file=source_file, refs=refs, symbol=symbol, verbs=verbs
        )
        return Ingest(parsed, fill=fill)
    drafts = draft_records(
        parsed,
        dataset,
        source_file=source_file,
        refs=refs,
        masthead=read_masthead(text, parsed.language),
        symbol=symbol,
        adopted=adopted,
        verbs=verbs,
        title=title,
        body=body,
        meeting=meeting,
    )
    return Ingest(parsed, drafts=drafts)


def check_ingest(
    ingest: Ingest,
    raw: bytes,
    file: str,
    base_dir: Path | None,
    *,
    saves_official_text: bool = False,
) -> AppendPlan:
    """The data file `raw` with the ingest merged, validated and read back, without writing.
    `saves_official_text`: the save will also write the official text (`merge_ingest` with
    `official_text`), so its file's absence is not a problem; the data's other files are
    not looked at either (the data was checked with them when it was loaded).

    Raises `NothingToFill`, or the store's errors: `WriteRejected` (with the problems the
    merged file would have, at its lines), `UnsupportedLayout`.
    """
    if saves_official_text:
        base_dir = None
    if ingest.drafts is not None:
        drafts = ingest.drafts
        return plan_append(
            raw,
            file,
            resolutions=[drafts.resolution],
            actors=drafts.actors,
            commitments=drafts.commitments,
            assessments=drafts.assessments,
            base_dir=base_dir,
        )
    fill = _fill_of(ingest)
    return plan_fill(
        raw, file, symbol=fill.symbol, language=fill.language, fills=fill.fills, base_dir=base_dir
    )


def merge_ingest(
    ingest: Ingest,
    path: Path,
    *,
    base_hash: str,
    editor: Editor | None,
    official_text: str | None = None,
) -> WriteResult:
    """Write the ingest into the data file at `path` as `editor`, or change nothing.

    `base_hash` is the content hash of the version the ingest was planned on.
    `official_text`: the text read, saved first under the name the records give it (beside
    the data, never over another file) and removed again if the records cannot be written.
    Raises `NothingToFill`, the store's errors (`NotAnEditor`, `WriteConflict`,
    `WriteRejected`, `UnsupportedLayout`, `StoreBusy`), `FileExistsError` or `OSError`.
    """
    created = None
    if official_text is not None:
        target = _beside(path, ingest.official_file)
        if create_file(target, official_text.encode("utf-8"), editor=editor):
            created = target
    try:
        return _merge_records(ingest, path, base_hash=base_hash, editor=editor)
    except BaseException:
        if created is not None:
            created.unlink(missing_ok=True)
        raise


def _beside(path: Path, name: str | None) -> Path:
    """The file `name` relative to the data file's folder, refused when it is outside it."""
    folder = path.parent.resolve()
    target = (folder / (name or "")).resolve()
    if name is None or not target.is_relative_to(folder) or target == folder:
        raise ValueError(f"the official text's file name {name!r} is not inside {folder}")
    return target


def _merge_records(
    ingest: Ingest, path: Path, *, base_hash: str, editor: Editor | None
) -> WriteResult:
    if ingest.drafts is not None:
        drafts = ingest.drafts
        return append_records(
            path,
            base_hash=base_hash,
            editor=editor,
            resolutions=[drafts.resolution],
            actors=drafts.actors,
            commitments=drafts.commitments,
            assessments=drafts.assessments,
        )
    fill = _fill_of(ingest)
    return fill_language(
        path,
        base_hash=base_hash,
        editor=editor,
        symbol=fill.symbol,
        language=fill.language,
        fills=fill.fills,
    )


def filled_records(ingest: Ingest, dataset: Dataset) -> dict[str, Sequence[Record]]:
    """The records of the resolution a fill is for, as they read once it is made."""
    fill = _fill_of(ingest)
    filled = apply_fills(dataset, symbol=fill.symbol, language=fill.language, fills=fill.fills)
    return {
        "resolutions": [r for r in filled.resolutions if r.symbol == fill.symbol],
        "commitments": [c for c in filled.commitments if c.resolution == fill.symbol],
    }


def _fill_of(ingest: Ingest) -> FillPlan:
    if ingest.fill is None:
        raise ValueError("the ingest drafts a new resolution; it fills nothing")
    if not ingest.fill.fills:
        raise NothingToFill(ingest.fill)
    return ingest.fill


def official_text_file(
    text: str, language: str, symbol: str, dataset: Dataset | None, base_dir: Path
) -> str:
    """The path, as the data names it, of the official text `text`: a file with the same
    text in a folder where the data keeps its official texts (those its resolutions name,
    and `sources/`), else the name it would have in the first of them inside the data's
    folder (`sources/A_RES_57_58_en.txt`): the save writes nothing outside it."""
    folders = [
        str(Path(name).parent.as_posix())
        for resolution in (dataset.resolutions if dataset else ())
        for name in resolution.source_files.values()
    ]
    folders = list(dict.fromkeys([*folders, "sources"]))
    wanted = _fingerprint(text, language)
    for folder in folders:
        try:
            candidates = sorted((base_dir / folder).glob("*.txt"))
        except OSError:
            continue
        for candidate in candidates:
            try:
                found = decode_text(candidate.read_bytes(), candidate.name)
            except (OSError, UnreadableText):
                continue
            if _fingerprint(found, language) == wanted:
                return f"{folder}/{candidate.name}"
    stem = "_".join(part for part in "".join(symbol.split()).split("/") if part)
    # A new file goes where the save may write it: in a folder inside the data's own.
    inside = [f for f in folders if not Path(f).is_absolute() and ".." not in Path(f).parts]
    return f"{inside[0]}/{stem}_{language}.txt"


def _fingerprint(text: str, language: str) -> str:
    """The same for two copies of a text that differ only in line breaks and spaces."""
    normal = normalize_for_match(text.replace("\f", "\n"), language)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()
