"""Step caching: a step whose inputs, parameters and code are unchanged is not run again.

A step's *key* is a SHA-256 over

- the step's name and its notebook's bytes,
- the hcd code (every module, template and resource of the installed package),
  the versions of the libraries that shape results and the NLTK data it reads,
- the parts of the sprint config the step reads, with every file or folder the
  config names replaced by a hash of its contents (so moving a project does not
  invalidate anything, and editing an input does),
- the data files (tables and graphs) its ancestor steps wrote: the steps that
  write a table it reads, and theirs (:data:`hcd.run.steps.STEPS` declares what
  each step reads and writes),
- whether code is hidden in the HTML.

Earlier runs of the same sprint are the cache: each run's ``manifest.json``
records, per finished step, its key and every file it wrote with a hash. A
step is reused when an earlier run (complete or failed: that is how a failed
sprint resumes from the step that failed) finished it with the same key and
all its files are still there unchanged; its files are copied into the new run.
A run of some steps only (``--only``) starts from a copy of the latest complete
run's tables (:func:`copy_latest_tables`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hcd.artifacts import RunArtifacts
from hcd.errors import HcdError
from hcd.run.steps import STEPS

if TYPE_CHECKING:
    from hcd.run.steps import Step

__all__ = ["file_digest", "tree_digest", "package_versions", "code_fingerprint", "NLTK_DATA", "nltk_search_path",
           "find_nltk_data", "config_contents",
           "config_fingerprint", "step_key", "Reusable", "find_reusable", "copy_outputs", "check_nltk_data",
           "copy_latest_tables"]

_RESULT_PACKAGES = ("pandas", "numpy", "scikit-learn", "scipy", "nltk", "networkx", "matplotlib", "pydantic", "pandera",
                    "jinja2", "mistune", "python-docx", "nbconvert", "papermill")
_CODE_SUFFIXES = {".py", ".yml", ".yaml", ".j2", ".json", ".xsd", ".css"}


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"; _ = p.write_text("hi")
    >>> file_digest(p)[:12]
    '8f434346648f'
    """
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def tree_digest(folder: Path, suffixes: set[str] | None = None) -> str:
    """SHA-256 over the relative names and contents of the files under ``folder``."""
    h = hashlib.sha256()
    for p in sorted(q for q in folder.rglob("*") if q.is_file() and "__pycache__" not in q.parts):
        if suffixes is not None and p.suffix not in suffixes:
            continue
        h.update(p.relative_to(folder).as_posix().encode() + b"\0" + file_digest(p).encode() + b"\0")
    return h.hexdigest()


def package_versions(names: Iterable[str]) -> dict[str, str | None]:
    """Installed version of each distribution, None when it is not installed.

    Examples
    --------
    >>> package_versions(["pandas", "no-such-package-hcd"])["no-such-package-hcd"] is None
    True
    """
    out: dict[str, str | None] = {}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def code_fingerprint() -> str:
    """The hcd code and result-shaping library versions, as one hash."""
    import hcd

    package = tree_digest(Path(hcd.__file__).parent, _CODE_SUFFIXES)
    return hashlib.sha256(json.dumps({"hcd": package, "versions": package_versions(_RESULT_PACKAGES),
                                      "nltk_data": _nltk_data_digest()}, sort_keys=True).encode()).hexdigest()


NLTK_DATA = ("corpora/stopwords", "sentiment/vader_lexicon")  # the NLTK resources hcd reads


def nltk_search_path() -> list[Path]:
    """Where NLTK looks for its data (``nltk.data.path``), worked out without importing NLTK (~1 s).

    The same list NLTK makes when it is imported: the folders of ``NLTK_DATA``, then ``~/nltk_data``, the
    environment's and the system's ``nltk_data`` folders (``tests/run/test_cache.py`` checks it against
    NLTK's own). When NLTK is already imported, or on Windows, NLTK's own list.
    """
    if "nltk.data" in sys.modules or os.name == "nt":
        import nltk

        return [Path(p) for p in nltk.data.path]
    paths = [os.path.expanduser(d) for d in os.environ.get("NLTK_DATA", "").split(os.pathsep) if d]
    if "APPENGINE_RUNTIME" not in os.environ and os.path.expanduser("~/") != "~/":
        paths.append(os.path.expanduser("~/nltk_data"))
    paths += [os.path.join(sys.prefix, "nltk_data"), os.path.join(sys.prefix, "share", "nltk_data"),
              os.path.join(sys.prefix, "lib", "nltk_data"), "/usr/share/nltk_data", "/usr/local/share/nltk_data",
              "/usr/lib/nltk_data", "/usr/local/lib/nltk_data"]
    return [Path(p) for p in paths]


def find_nltk_data(resource: str) -> Path | None:
    """The folder or zip file of an NLTK resource (e.g. ``corpora/stopwords``) as ``nltk.data.find`` finds it
    (the folder on any path first, then the zip), or None."""
    paths = nltk_search_path()
    for name in (resource, resource + ".zip"):
        for base in paths:
            if (base / name).exists():
                return base / name
    return None


def _nltk_data_digest() -> dict[str, str | None]:
    """The NLTK resources hcd reads (stopwords, VADER lexicon), by content; None when missing."""
    out: dict[str, str | None] = {}
    for resource in NLTK_DATA:
        found = find_nltk_data(resource)
        out[resource] = None if found is None else tree_digest(found) if found.is_dir() else file_digest(found)
    return out


def check_nltk_data() -> None:
    """Make sure the NLTK data the notebooks read is there, without importing NLTK when it is (else
    :func:`hcd.text.ensure_nltk_data` downloads it, or says how to get it)."""
    if any(find_nltk_data(resource) is None for resource in NLTK_DATA):
        from hcd.text import ensure_nltk_data

        ensure_nltk_data()


def _content(value: Any) -> Any:
    """Replace strings naming existing absolute files or folders by a hash of their contents."""
    if isinstance(value, Mapping):
        return {k: _content(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_content(v) for v in value]
    if isinstance(value, str) and value.startswith("/") and len(value) < 4096:
        p = Path(value)
        if p.is_file():
            return "file:" + file_digest(p)
        if p.is_dir():
            return "tree:" + tree_digest(p)
    return value


_NOT_CONFIG = frozenset({"output", "notebooks", "source"})


def config_contents(config: Mapping[str, Any]) -> dict[str, Any]:
    """The sprint config (``SprintConfig.to_dict()``) with every file or folder it names replaced by a
    hash of its contents; ``output``, ``notebooks`` and ``source`` are left out, as where reports go and
    where the sprint file lies change no result (the notebook is hashed apart). Reads each input once:
    compute it once per run and pass it to :func:`config_fingerprint` for every step."""
    return {k: _content(v) for k, v in config.items() if k not in _NOT_CONFIG}


def config_fingerprint(contents: Mapping[str, Any], sections: Iterable[str] | None) -> str:
    """Hash of the ``sections`` (all when ``None``) of :func:`config_contents`; top-level scalars always count.

    Examples
    --------
    >>> a = config_contents({"name": "s", "parameters": {"seed": 1}, "output": "/x"})
    >>> b = config_contents({"name": "s", "parameters": {"seed": 1}, "output": "/y"})
    >>> config_fingerprint(a, ["parameters"]) == config_fingerprint(b, ["parameters"])
    True
    >>> config_fingerprint(a, None) == config_fingerprint({**a, "parameters": {"seed": 2}}, None)
    False
    """
    wanted = None if sections is None else set(sections)
    picked = {k: v for k, v in sorted(contents.items())
              if wanted is None or k in wanted or not isinstance(v, Mapping | list)}
    return hashlib.sha256(json.dumps(picked, sort_keys=True, default=str).encode()).hexdigest()


def step_key(step: str, notebook: Path, code: str, config: str, tables: Mapping[str, str],
             no_input: bool) -> str:
    """The cache key of one step (see the module docstring); ``tables`` maps data files to their SHA-256."""
    parts = {
        "step": step, "notebook": file_digest(notebook) if notebook.is_file() else None, "code": code,
        "config": config, "no_input": no_input, "tables": dict(sorted(tables.items())),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def copy_latest_tables(selected: Sequence[Step], sprint_root: Path,
                       artifacts: RunArtifacts) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Copy the latest good run's tables into this run when the selected steps need tables they do not make.

    Returns the tables needed (name -> run they come from) and, per step left out, the data files of it that
    were copied with their digests (what the cache keys of the selected steps cover).
    """
    made = {t for s in selected for t in s.produces}
    needed = sorted({t for s in selected for t in s.requires} - made)
    if not needed:
        return {}, {}
    latest_file = sprint_root / "latest"
    latest = latest_file.read_text().strip() if latest_file.is_file() else ""
    source = RunArtifacts(sprint_root / latest) if latest else None
    missing = [t for t in needed if source is None or not source.has(t)]
    if missing:
        makers = sorted({s.name for s in STEPS for t in missing if t in s.produces})
        raise HcdError(f"--only {','.join(s.name for s in selected)} needs tables from an earlier "
                       f"run ({', '.join(missing)}) and there is no complete earlier run in "
                       f"{sprint_root}; run the whole sprint once, or add: {', '.join(makers)}")
    # Copy every table and graph file of that run, not only the declared ones: the steps
    # run here then see exactly what they would see in a full run.
    artifacts.data_dir.mkdir(parents=True, exist_ok=True)
    for src in sorted(p for p in source.data_dir.iterdir() if p.is_file()):
        shutil.copy2(src, artifacts.data_dir / src.name)
    chosen = {s.name for s in selected}
    written = source.run_dir / "manifest.json"
    manifest = json.loads(written.read_text(encoding="utf-8")) if written.is_file() else {}
    earlier = {r["name"]: {n: file_digest(artifacts.run_dir / n) for n in r.get("outputs") or {}
                           if n.startswith("data/") and (artifacts.run_dir / n).is_file()}
               for r in manifest.get("steps", []) if r.get("name") not in chosen}
    return {t: latest for t in needed}, earlier


@dataclass(frozen=True)
class Reusable:
    """A finished step in an earlier run that can stand in for running it again."""

    run_dir: Path  # the earlier run holding the files
    origin: str  # the run that actually executed the step (reuse chains point back to it)
    outputs: dict[str, str]  # file path in the run -> SHA-256


def find_reusable(runs: Sequence[tuple[Path, Mapping[str, Any]]], step: str, key: str) -> Reusable | None:
    """The newest of ``runs`` that finished ``step`` with ``key`` and still holds its files unchanged.

    ``runs`` are the earlier runs of the sprint with their manifests, oldest first
    (:func:`hcd.run.manifests.run_manifests`).
    """
    for run, manifest in reversed(runs):
        for record in manifest.get("steps", []):
            if record.get("name") != step or record.get("status") != "ok" or record.get("cache_key") != key:
                continue
            outputs = record.get("outputs") or {}
            if all((run / name).is_file() and file_digest(run / name) == digest for name, digest in outputs.items()):
                return Reusable(run, record.get("reused_from") or run.name, dict(outputs))
    return None


def copy_outputs(found: Reusable, run_dir: Path) -> None:
    """Copy a reusable step's files into ``run_dir`` (same relative paths)."""
    for name in found.outputs:
        target = run_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(found.run_dir / name, target)
