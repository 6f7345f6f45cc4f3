"""A researcher's coding session: one item of the sample at a time, codes saved to a plain CSV after each.

The session is the coding view's engine without the widgets, so that it can
be driven (and tested) from code::

    from hcd.lab.coding import open_coding
    session = open_coding("../sprints/financial-shock.yml", coder="ab")
    session.item.text            # the item to code, with its context
    session.code({"efficiency"}) # saves ab.csv, moves to the next item
    session.back(); session.skip(); session.progress

Every code of the codebook is recorded for an item (1 applied, 0 not), so
"no code applies" is a decision too. The file is rewritten atomically after
each item, so closing the notebook loses nothing; opening the session again
resumes at the first item not yet coded. Rows the file already has for items
outside this sample are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from hcd.artifacts import RunArtifacts
from hcd.config import SprintConfig, load_config
from hcd.errors import HcdError
from hcd.explore import open_run
from hcd.ingest.codings import coder_problem, read_coding_file, write_codings
from hcd.pipeline.coding import coding_sample
from hcd.schemas import CODINGS, conform
from hcd.themes.codebooks import Codebook, load_codebook

__all__ = ["CodingItem", "CodingSession", "coding_items", "open_coding", "parse_entry"]


@dataclass(frozen=True)
class CodingItem:
    """One item to code: its text, where it comes from, its theme and (for interviews) the turns around it.

    ``context`` lists ``{"speaker", "text", "current"}`` dicts in order, the
    item itself marked ``current``; ``details`` the complaint's or comment's
    agency, program, channel and date.
    """

    doc_id: str
    kind: str
    source: str
    theme_id: int
    theme_label: str
    text: str
    details: str = ""
    context: tuple[dict, ...] = ()


def _neighbours(utterances: pd.DataFrame, doc_id: str, window: int) -> tuple[dict, ...]:
    """The interview turns around an utterance, in file order (the utterance marked ``current``)."""
    hit = utterances.index[utterances["utterance_id"] == doc_id]
    if not len(hit):
        return ()
    source = utterances.at[hit[0], "source_file"]
    turns = utterances[utterances["source_file"] == source].sort_values("line", kind="stable").reset_index(drop=True)
    at = int(turns.index[turns["utterance_id"] == doc_id][0])
    part = turns.iloc[max(0, at - window): at + window + 1]
    return tuple({"speaker": str(r.speaker or r.role), "text": str(r.text), "current": r.utterance_id == doc_id}
                 for r in part.itertuples())


def coding_items(sample: pd.DataFrame, documents: pd.DataFrame, utterances: pd.DataFrame | None = None,
                 window: int = 2) -> list[CodingItem]:
    """The sample's items with their text and context, in the sample's order.

    Parameters
    ----------
    sample : DataFrame
        Rows of the run's ``assignments`` (``doc_id``, ``theme_id``, ``theme_label``), e.g.
        :func:`hcd.pipeline.coding_sample`.
    documents : DataFrame
        The run's ``documents``.
    utterances : DataFrame, optional
        The run's ``utterances``: interview items then show the ``window`` turns before and after them.
    window : int
        Turns shown on each side.
    """
    docs = documents.drop_duplicates("doc_id").set_index("doc_id")
    items = []
    for r in sample.itertuples():
        d = docs.loc[r.doc_id]
        details = " · ".join(str(d[c]) for c in ("agency", "program", "channel", "date") if str(d.get(c, "")).strip())
        context = _neighbours(utterances, r.doc_id, window) if utterances is not None and d["kind"] == "interview" \
            else ()
        items.append(CodingItem(str(r.doc_id), str(d["kind"]), str(d["source"]), int(r.theme_id),
                                str(getattr(r, "theme_label", "")), str(d["text"]), details, context))
    return items


_NUMBERS = re.compile(r"^[\d\s,;]+$")


def parse_entry(text: str, n_codes: int) -> tuple[str, tuple[int, ...]]:
    """What a typed entry asks for: ``("code", numbers)``, ``("none", ())``, ``("back", ())``,
    ``("skip", ())``, or ``("error", ())`` when it is none of those.

    Code numbers are 1-based, separated by spaces or commas; ``0`` means no code applies.

    Examples
    --------
    >>> parse_entry("1 3", 8), parse_entry("0", 8), parse_entry(" b ", 8), parse_entry("9", 8)
    (('code', (1, 3)), ('none', ()), ('back', ()), ('error', ()))
    """
    entry = text.strip().lower()
    if entry in ("b", "back"):
        return "back", ()
    if entry in ("s", "skip"):
        return "skip", ()
    if not entry or not _NUMBERS.match(entry):
        return "error", ()
    numbers = tuple(sorted({int(n) for n in re.split(r"[\s,;]+", entry) if n}))
    if numbers == (0,):
        return "none", ()
    if not numbers or numbers[0] < 1 or numbers[-1] > n_codes:
        return "error", ()
    return "code", numbers


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class CodingSession:
    """A researcher coding ``items`` against ``codebook``, saved to ``path`` after each item.

    Parameters
    ----------
    items : list of CodingItem
        The sample, in coding order (:func:`coding_items`).
    codebook : Codebook
        The codebook coded against.
    coder : str
        The researcher's id: initials or a pseudonym (it names the file).
    path : pathlib.Path
        The coder's CSV file (``<codings folder>/<coder>.csv``); read when it exists.
    clock : callable, optional
        Returns the time an item is coded (UTC); for tests.

    Raises
    ------
    HcdError
        When ``coder`` is not a usable id, or the file has rows that cannot be used.
    """

    items: list[CodingItem]
    codebook: Codebook
    coder: str
    path: Path
    clock: Callable[[], datetime] = _now
    position: int = 0
    _rows: pd.DataFrame = field(init=False, repr=False)

    def __post_init__(self) -> None:
        problem = coder_problem(self.coder)
        if problem:
            raise HcdError(f"coder '{self.coder}' {problem} (fix: pass coder='<your initials>')")
        self.path = Path(self.path)
        rows, quarantine = read_coding_file(self.path, self.codebook.name, self.codebook.ids)
        if len(quarantine):
            lines = "; ".join(f"row {r.line}: {r.reason} (fix: {r.fix})" for r in quarantine.itertuples())
            raise HcdError(f"{self.path}: rows that cannot be used: {lines}")
        self._rows = rows
        self.position = self.first_uncoded()

    def __len__(self) -> int:
        return len(self.items)

    @property
    def done(self) -> bool:
        """Whether the session is past the last item."""
        return self.position >= len(self.items)

    @property
    def item(self) -> CodingItem:
        """The item to code now (IndexError when :attr:`done`)."""
        return self.items[self.position]

    def is_coded(self, doc_id: str) -> bool:
        """Whether the item has saved codes."""
        return bool((self._rows["doc_id"] == doc_id).any())

    def applied(self, doc_id: str | None = None) -> set[str]:
        """The codes saved as applied to an item (default: the current one)."""
        doc_id = self.item.doc_id if doc_id is None else doc_id
        rows = self._rows[(self._rows["doc_id"] == doc_id) & (self._rows["applied"] == 1)]
        return set(rows["code"])

    @property
    def progress(self) -> tuple[int, int]:
        """``(items coded, items in the sample)``."""
        return sum(self.is_coded(i.doc_id) for i in self.items), len(self.items)

    def first_uncoded(self) -> int:
        """The position of the first item without saved codes (``len(self)`` when all are coded)."""
        return next((i for i, item in enumerate(self.items) if not self.is_coded(item.doc_id)), len(self.items))

    def code(self, codes: Iterable[str]) -> None:
        """Save the current item's codes (every other code of the codebook as not applied), then move on.

        Raises
        ------
        ValueError
            Naming codes that are not in the codebook.
        """
        chosen = set(codes)
        unknown = sorted(chosen - set(self.codebook.ids))
        if unknown:
            raise ValueError(f"not codes of codebook {self.codebook.name}: {', '.join(unknown)} "
                             f"(codes: {', '.join(self.codebook.ids)})")
        doc_id, when = self.item.doc_id, self.clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        new = pd.DataFrame({"doc_id": doc_id, "coder": self.coder, "codebook": self.codebook.name,
                            "code": list(self.codebook.ids),
                            "applied": [int(c in chosen) for c in self.codebook.ids], "coded_at": when})
        self._rows = pd.concat([self._rows[self._rows["doc_id"] != doc_id], new], ignore_index=True)
        self.save()
        self.next()

    def code_numbers(self, numbers: Iterable[int]) -> None:
        """:meth:`code` by 1-based code numbers, as the view's keys give them."""
        self.code(self.codebook.ids[n - 1] for n in numbers)

    def next(self) -> None:
        """Move to the next item (past the last: :attr:`done`)."""
        self.position = min(self.position + 1, len(self.items))

    skip = next

    def back(self) -> None:
        """Move to the previous item."""
        self.position = max(self.position - 1, 0)

    def go(self, position: int) -> None:
        """Move to an item by position."""
        self.position = max(0, min(int(position), len(self.items)))

    @property
    def codings(self) -> pd.DataFrame:
        """Everything saved, as :data:`hcd.schemas.CODINGS` (sorted by item and code)."""
        out = self._rows.astype({"applied": "int64"}).sort_values(["doc_id", "code"], kind="stable")
        return conform(out.reset_index(drop=True), CODINGS, "codings")

    def save(self) -> None:
        """Write the coder's file (atomically)."""
        write_codings(self.path, self.codings)


def _codings_folder(cfg: SprintConfig) -> Path:
    if cfg.codings is None:
        raise HcdError(f"{cfg.source}: sprint '{cfg.name}' has no codings folder (fix: add to the sprint file\n"
                       f"  codings:\n    path: ../codings/{cfg.name}     # one <coder>.csv per researcher\n"
                       "and open the coding view again; the codebook is the first of parameters.codebooks unless "
                       "codings: names one)")
    return cfg.codings.path


def open_coding(sprint_config: str | Path, coder: str, run: str = "latest", output: str | Path | None = None,
                n: int | None = None, artifacts: RunArtifacts | None = None) -> CodingSession:
    """A coding session on the sprint's sample of a run (default: the latest complete one).

    Parameters
    ----------
    sprint_config : path-like
        The sprint file; its ``codings:`` section names the folder and the codebook.
    coder : str
        Your id: initials or a pseudonym, never a name (your file is ``<coder>.csv``).
    run, output : str, optional
        Which run (see :func:`hcd.explore.open_run`).
    n : int, optional
        Items in the sample (default: ``codings.sample_size``, 20).
    artifacts : RunArtifacts, optional
        The run's tables, when already open.
    """
    cfg = load_config(sprint_config, check_notebooks=False)
    folder = _codings_folder(cfg)
    artifacts = artifacts or open_run(sprint_config, run, output=output)
    book = load_codebook(cfg.codings.codebook)
    utterances = artifacts.read_table("utterances") if artifacts.has("utterances") else None
    items = coding_items(coding_sample(cfg, artifacts, n), artifacts.read_table("documents"), utterances)
    return CodingSession(items, book, coder, folder / f"{coder}.csv")
