"""A sprint's theme overrides file, edited one signed action at a time, each one undoable.

The file stays the one a researcher could have written by hand (the format
is :mod:`hcd.themes.overrides`): comments, order and style of what is
already there are kept (ruamel.yaml round trip), and each entry an action
adds is one line with a comment saying which action it was, who took it and
when::

    merge:
      - ["on hold for hours", "phone line"]  # action 3 by ana, 2026-03-02T10:15:04+01:00
    rename:
      "pay stubs": "Asked again for the same documents"  # action 1 by ana, 2026-03-02T10:12:40+01:00

A rename of a theme that already has one replaces its label and keeps the
labels it replaces in its comment (``; was [label, comment, ...]``), so
that undo restores them. :meth:`OverridesFile.undo` takes back the action
with the highest number, in this session or an earlier one; entries without
such a comment (written by hand) are never touched by undo. Every string is
written in double quotes, so doc ids such as ``12:30`` or labels such as
``yes`` read back as the text they are (:mod:`hcd.yaml_files` reads YAML 1.1).

:func:`reference_overrides` adds ``theme_overrides:`` to a sprint file's
``parameters:`` by inserting one line, leaving the rest of the file as it was.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from hcd.errors import HcdError, OverridesError
from hcd.themes.overrides import SECTIONS, OverridesSpec
from hcd.yaml_files import parse_yaml

__all__ = ["OverridesFile", "Signature", "reference_overrides", "HISTORY"]

#: Columns of :meth:`OverridesFile.history`.
HISTORY = ("action", "who", "when", "section", "entry")

_SIGNATURE = re.compile(r"^#\s*action (?P<number>\d+) by (?P<who>.*?), "
                        r"(?P<when>\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)(?:; was (?P<was>\[.*\]))?\s*$")


@dataclass(frozen=True)
class Signature:
    """Who took an action and when: the comment on each entry it wrote."""

    number: int
    who: str
    when: str

    def comment(self) -> str:
        """The comment text (without ``#``): ``action 3 by ana, 2026-03-02T10:15:04+01:00``."""
        who = " ".join(self.who.replace("#", " ").split()) or "unknown"
        return f"action {self.number} by {who}, {self.when}"


def _yaml() -> YAML:
    y = YAML()  # round trip: comments, key order and flow style are kept
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # one entry, one line: its comment stays on it
    y.preserve_quotes = True
    return y


def _node(value: Any) -> Any:
    """Plain data as flow-style ruamel nodes with every string double-quoted."""
    if isinstance(value, dict):
        node = CommentedMap((k, _node(v)) for k, v in value.items())
        node.fa.set_flow_style()
        return node
    if isinstance(value, list | tuple):
        node = CommentedSeq(_node(v) for v in value)
        node.fa.set_flow_style()
        return node
    if isinstance(value, str):
        return DoubleQuotedScalarString(" ".join(value.split()))
    return value


def _comment_text(node: Any, key: Any) -> str:
    """The end-of-line comment on an entry of a sequence (by index) or a mapping (by key), or ""."""
    slots = node.ca.items.get(key)
    if not slots:
        return ""
    tokens = [t for t in slots if t is not None and hasattr(t, "value")]
    return tokens[0].value.strip() if tokens else ""


def _parse(comment: str) -> tuple[Signature, list[str]] | None:
    m = _SIGNATURE.match(comment.splitlines()[0] if comment else "")
    if not m:
        return None
    try:
        was = [str(v) for v in json.loads(m["was"])] if m["was"] else []
    except json.JSONDecodeError:
        was = []
    return Signature(int(m["number"]), m["who"], m["when"]), was


class OverridesFile:
    """One overrides file: read, add signed actions, undo the last one.

    Parameters
    ----------
    path : Path
        The file (it need not exist yet: the first action creates it).
    header : str
        Comment lines that open a new file.
    """

    def __init__(self, path: str | Path, header: str = "") -> None:
        self.path = Path(path)
        self.header = header

    # -- reading -------------------------------------------------------------------
    def text(self) -> str:
        """The file's text ("" when it does not exist)."""
        return self.path.read_text(encoding="utf-8") if self.path.is_file() else ""

    def _load(self) -> tuple[CommentedMap, str]:
        """The file as a round-trip mapping, and the text to keep before it (a comment-only file's text)."""
        text = self.text()
        try:
            doc = _yaml().load(text) if text.strip() else None
        except Exception as exc:  # ruamel's own errors: the file is not YAML
            raise OverridesError(self.path, [("", f"not valid YAML: {str(exc).splitlines()[0]}",
                                              "correct the file, or undo by hand")]) from None
        if doc is None:
            return CommentedMap(), (text or self.header)
        if not isinstance(doc, CommentedMap):
            raise OverridesError(self.path, [("", "is not a mapping of sections",
                                              f"write sections: {', '.join(SECTIONS)}")])
        return doc, ""

    def _entries(self, doc: CommentedMap) -> list[tuple[str, Any, Signature, list[str]]]:
        """``(section, index or key, signature, replaced labels)`` of every signed entry."""
        out = []
        for section in SECTIONS:
            node = doc.get(section)
            keys = range(len(node)) if isinstance(node, CommentedSeq) else list(node) if isinstance(
                node, CommentedMap) else []
            for key in keys:
                parsed = _parse(_comment_text(node, key))
                if parsed:
                    out.append((section, key, *parsed))
        return out

    def last_action(self) -> int:
        """The highest action number in the file (0 when none)."""
        return self._last(self._load()[0])

    def _last(self, doc: CommentedMap) -> int:
        return max((sig.number for *_, sig, _ in self._entries(doc)), default=0)

    def history(self) -> pd.DataFrame:
        """Every signed entry: action, who, when, section and the entry as written, in action order."""
        doc, _ = self._load()
        rows = []
        for section, key, sig, _ in self._entries(doc):
            node = doc[section]
            entry = {str(key): node[key]} if section == "rename" else node[key]
            rows.append({"action": sig.number, "who": sig.who, "when": sig.when, "section": section,
                         "entry": json.dumps(_plain(entry), ensure_ascii=False)})
        frame = pd.DataFrame(rows, columns=list(HISTORY))
        return frame.sort_values("action", kind="stable").reset_index(drop=True)

    # -- writing -------------------------------------------------------------------
    def _write(self, doc: CommentedMap, prefix: str) -> None:
        out = io.StringIO()
        if len(doc):
            _yaml().dump(doc, out)
        text = (prefix.rstrip("\n") + "\n" if prefix.strip() else "") + out.getvalue()
        parse_yaml(text, OverridesSpec, OverridesError, source=self.path, allow_empty=True)  # never write a bad file
        self.replace_text(text)

    def replace_text(self, text: str) -> None:
        """Write ``text`` as the whole file, atomically (a reader never sees half a file)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @staticmethod
    def _section(doc: CommentedMap, name: str, kind: type) -> Any:
        node = doc.get(name)
        if not isinstance(node, kind) or not node:  # missing, empty or `name:` with nothing after it
            if name in doc:
                del doc[name]
            node = kind()
            position = sum(1 for k in doc if k in SECTIONS and SECTIONS.index(k) < SECTIONS.index(name))
            doc.insert(position, name, node)
        node.fa.set_block_style()  # one entry per line, each with its comment
        return node

    def add(self, entries: list[tuple[str, Any]], who: str, when: str) -> Signature:
        """Append ``(section, entry)`` pairs (sections merge, split, pin, move) as one signed action."""
        bad = [section for section, _ in entries if section not in SECTIONS or section == "rename"]
        if bad or not entries:
            raise ValueError(f"entries go to merge, split, pin or move, not {bad or 'nowhere'}")
        doc, prefix = self._load()
        sig = Signature(self._last(doc) + 1, who, when)
        for section, entry in entries:
            node = self._section(doc, section, CommentedSeq)
            node.append(_node(entry))
            node.yaml_add_eol_comment(sig.comment(), len(node) - 1)
        self._write(doc, prefix)
        return sig

    def rename(self, ref: int | str, label: str, who: str, when: str, replace: Any = None) -> Signature:
        """Give theme ``ref`` the label ``label`` as one signed action.

        ``replace`` is the key of an entry already renaming the same theme: its
        label is replaced (and kept in the comment, for undo).
        """
        doc, prefix = self._load()
        sig = Signature(self._last(doc) + 1, who, when)
        node = self._section(doc, "rename", CommentedMap)
        key = next((k for k in node if k == replace or k == ref), None)
        if key is None:
            key = _node(ref)
            node[key] = _node(label)
            node.yaml_add_eol_comment(sig.comment(), key)
        else:
            old = _comment_text(node, key)
            parsed = _parse(old)
            stack = [*parsed[1], str(node[key]), parsed[0].comment()] if parsed else [str(node[key]), ""]
            node[key] = _node(label)
            node.ca.items.pop(key, None)
            node.yaml_add_eol_comment(f"{sig.comment()}; was {json.dumps(stack, ensure_ascii=False)}", key)
        self._write(doc, prefix)
        return sig

    def undo(self) -> Signature | None:
        """Take back the last action (the highest number): its entries go, a replaced label comes back.

        Returns the signature of the action undone, or None when no signed action is left.
        """
        doc, prefix = self._load()
        entries = self._entries(doc)
        if not entries:
            return None
        last = max(sig.number for *_, sig, _ in entries)
        undone = None
        for section, key, sig, was in sorted(entries, key=lambda e: (str(e[0]), -_order(e[1]))):
            if sig.number != last:
                continue
            undone = sig
            node = doc[section]
            if section == "rename" and len(was) >= 2:
                label, comment, rest = was[-2], was[-1], was[:-2]
                node[key] = DoubleQuotedScalarString(label)
                node.ca.items.pop(key, None)
                if comment:
                    node.yaml_add_eol_comment(comment + (f"; was {json.dumps(rest, ensure_ascii=False)}"
                                                         if rest else ""), key)
            else:
                node.ca.items.pop(key, None)
                del node[key]
        for section in SECTIONS:
            if section in doc and isinstance(doc[section], CommentedSeq | CommentedMap) and not doc[section]:
                del doc[section]
        self._write(doc, prefix or ("" if len(doc) else _leading_comments(self.text()) or self.header))
        return undone


def _leading_comments(text: str) -> str:
    """The comment lines that open ``text`` (kept when the last entry goes)."""
    lines = []
    for line in text.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def _order(key: Any) -> int:
    """Sequence entries are removed from the last one back, so the earlier indexes stay valid."""
    return key if isinstance(key, int) else 0


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value if isinstance(value, int | float) else str(value)


_PARAMETERS = re.compile(r"^parameters:[ \t]*(?:#.*)?$")
_FLOW_PARAMETERS = re.compile(r"^(parameters:[ \t]*\{)(.*)(\}[ \t]*(?:#.*)?)$")


def reference_overrides(sprint_file: str | Path, overrides: str | Path, comment: str = "") -> None:
    """Add ``parameters.theme_overrides: <overrides>`` to a sprint file, changing nothing else.

    One line goes in after ``parameters:`` (indented like the next key), or
    ``theme_overrides`` joins a one-line ``parameters: {...}``, or a
    ``parameters:`` section is added at the end. The file is then read back
    with :func:`hcd.config.load_config`; when it does not name the overrides
    file exactly so, the original text is restored and an error says what
    line to add by hand.

    Raises
    ------
    HcdError
        The sprint file has another layout, or did not read back as expected.
    """
    from hcd.config import load_config

    sprint_file, overrides = Path(sprint_file), Path(overrides)
    original = sprint_file.read_text(encoding="utf-8")
    name = overrides.resolve().relative_to(sprint_file.resolve().parent).as_posix() \
        if overrides.resolve().is_relative_to(sprint_file.resolve().parent) else str(overrides.resolve())
    value = json.dumps(name)
    note = f"  # {comment}" if comment else ""
    lines = original.splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if _PARAMETERS.match(line.rstrip("\r\n"))), None)
    flow = next((i for i, line in enumerate(lines) if _FLOW_PARAMETERS.match(line.rstrip("\r\n"))), None)
    eol = "\r\n" if original.endswith("\r\n") else "\n"
    if at is not None:
        following = next((ln for ln in lines[at + 1:] if ln.strip() and not ln.lstrip().startswith("#")), "")
        indent = following[: len(following) - len(following.lstrip())] if following[:1] in (" ", "\t") else "  "
        lines.insert(at + 1, f"{indent}theme_overrides: {value}{note}{eol}")
    elif flow is not None:
        m = _FLOW_PARAMETERS.match(lines[flow].rstrip("\r\n"))
        inner = m[2].rstrip()
        lines[flow] = f"{m[1]}{inner}{', ' if inner.strip() else ''}theme_overrides: {value}{m[3]}{eol}"
    elif not any(line.startswith("parameters:") for line in lines):
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += eol
        lines += [f"parameters:{note}{eol}", f"  theme_overrides: {value}{eol}"]
    else:
        raise HcdError(f"{sprint_file}: cannot add theme_overrides to its parameters: section "
                       f"(fix: add the line 'theme_overrides: {name}' under parameters: by hand)")
    sprint_file.write_text("".join(lines), encoding="utf-8")
    try:
        cfg = load_config(sprint_file, check_notebooks=False)
        ok = cfg.parameters.theme_overrides is not None and cfg.parameters.theme_overrides.resolve() == \
            overrides.resolve()
    except Exception:  # any reading problem: put the file back as it was
        ok = False
    if not ok:
        sprint_file.write_text(original, encoding="utf-8")
        raise HcdError(f"{sprint_file}: adding theme_overrides did not read back as expected; the file is unchanged "
                       f"(fix: add the line 'theme_overrides: {name}' under parameters: by hand)")
