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
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["file_digest", "tree_digest", "package_versions", "code_fingerprint", "config_contents",
           "config_fingerprint", "step_key", "Reusable", "find_reusable", "copy_outputs"]

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


def _nltk_data_digest() -> dict[str, str | None]:
    """The NLTK resources hcd reads (stopwords, VADER lexicon), by content; None when missing."""
    import nltk

    out: dict[str, str | None] = {}
    for resource in ("corpora/stopwords", "sentiment/vader_lexicon"):
        try:
            found = Path(str(nltk.data.find(resource)))
        except LookupError:
            try:
                found = Path(str(nltk.data.find(resource + ".zip")))
            except LookupError:
                out[resource] = None
                continue
        out[resource] = tree_digest(found) if found.is_dir() else file_digest(found)
    return out


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
