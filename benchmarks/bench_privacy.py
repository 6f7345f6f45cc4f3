"""Privacy and hardening figures: redaction recall per category, precision on real complaints, a bad-input set.

    .venv/bin/python benchmarks/bench_privacy.py [--n 100] [--big-mb 50]

Prints:
- recall per category on the seeded planted corpus (``tests/privacy/planted.py``, fictional data);
- precision on the real CFPB narratives in ``../shared/data`` (every one is already masked by the CFPB,
  so a narrative the redactor changes is a false redaction unless it names a person);
- the bad-input set: each hostile file, what hcd did (clear error, rows quarantined, or a crash) and
  whether its message quotes any planted personal data;
- the time to refuse a file of ``--big-mb`` MB with no line break.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from shared_data import cfpb_dev_narratives  # noqa: E402

from hcd.config import ColumnMap, SurveySource  # noqa: E402
from hcd.errors import HcdError  # noqa: E402
from hcd.ingest import read_complaints, read_interviews, read_survey  # noqa: E402
from hcd.privacy import Redactor  # noqa: E402
from tests.privacy.planted import leaks, plant  # noqa: E402

SECRET = ("Rosalind Abernathy", "r.abernathy@mail-example.org", "612.44.9087")
MAP = ColumnMap(id="id", text="text", date="date")


def recall(n: int) -> None:
    tot, ok = collections.Counter(), collections.Counter()
    red = Redactor()
    for seed in (20261206, 7, 99):
        for cat, text, needles in plant(seed, n):
            tot[cat] += 1
            ok[cat] += not leaks(red.redact(text), needles)
    print("recall per category (seeded planted corpus, 3 seeds):")
    for cat in tot:
        print(f"  {cat:26s} {ok[cat]:4d}/{tot[cat]:<4d} {100 * ok[cat] / tot[cat]:5.1f}%")


def precision() -> None:
    from hcd.privacy import redact_and_learn

    texts = cfpb_dev_narratives()
    red = Redactor()
    cpu = time.process_time()
    out = [red.redact(t) for t in texts]
    ms = (time.process_time() - cpu) / len(texts) * 1000
    changed = [(a, b) for a, b in zip(texts, out, strict=True) if a != b]
    placeholders = sum(b.count("[") - a.count("[") for a, b in changed)
    print(f"precision on {len(texts)} real CFPB narratives: {len(changed)} changed, {placeholders} placeholder(s) "
          f"added ({ms:.3f} ms/narrative of one core's CPU)")
    # as ingest does it: names learned from the whole file and every text redacted, in one pass
    cpu = time.process_time()
    learned_out, learned = redact_and_learn(red, texts, workers=1)
    ms = (time.process_time() - cpu) / len(texts) * 1000
    changed = sum(a != b for a, b in zip(texts, learned_out, strict=True))
    print(f"  with names learned from the file (redact_and_learn, as ingest runs it): {changed} changed, "
          f"learned {list(learned.learned)} ({ms:.3f} ms/narrative of one core's CPU)")


def _bad_inputs(folder: Path) -> list[tuple[str, str, object]]:
    """(name, kind, path or callable) for each hostile input."""
    f = folder
    files = {
        "binary.csv": b"\x00\x01\x02\x03binary" * 10,
        "empty.csv": b"",
        "no-header.csv": f"1,{SECRET[0]},{SECRET[1]},waited for hours\n2,x,y,z\n".encode(),
        "nul-row.csv": b"id,text,date\n1,fine,2026-01-02\n2,bro\x00ken,2026-01-03\n3,ok,2026-01-04\n",
        "extra-fields.csv": b"id,text,date\n1,fine,2026-01-02\n2,a,b,c,d\n3,ok,2026-01-04\n",
        "controls.csv": b"id,text,date\n1,\x1b[31mred\x1a text,2026-01-02\n",
        "bad-dates.csv": f"id,text,date\n1,late,Dec 5th\n2,lost,{SECRET[0]}\n3,ok,2019/3/5\n4,ok,2023-03-05\n".encode(),
        "email-ids.csv": f"id,text,date\n{SECRET[1]},one,2026-01-01\n{SECRET[1]},two,2026-01-02\n".encode(),
        "formula.csv": b'id,text,date\n1,"=HYPERLINK(""http://x"",""y"")",2026-01-01\n',
        "utf16.csv": "id,text,date\n1,café,2026-01-01\n".encode("utf-16"),
        "cp1252.csv": "id,text,date\n1,café naïve,2026-01-01\n".encode("cp1252"),
        "damaged.xlsx": b"PK\x03\x04 not really a workbook",
        "bad.jsonl": b'{"id": 1, "text": "a", "date": "2026-01-01"}\n{"id": \n["list"]\n',
        "numbers-only.csv": b"id,text,date\n1,12345,2026-01-01\n2,678 90,2026-01-02\n",
    }
    out: list[tuple[str, str, object]] = []
    for name, data in files.items():
        (f / name).write_bytes(data)
        out.append((name, "complaints", f / name))
    survey = f / "survey.csv"
    survey.write_text(f"response_id,trust,ease,date\n{SECRET[1]},5,4,2026-01-01\nR2,{SECRET[0]},2,2026-01-02\n"
                      f"R3,9,2,Dec 5th\n", encoding="utf-8")
    out.append(("survey.csv", "survey", survey))
    notes = f / "interviews"
    (notes / "round 2").mkdir(parents=True)
    (notes / f"Interview - {SECRET[0]}.md").write_text("Marcus: I waited for hours.\n", encoding="utf-8")
    (notes / "round 2" / "P2.md").write_text("P2: The letter came late.\n", encoding="utf-8")
    (notes / "unclosed.md").write_text("---\nparticipant: P3\nP3: hi\n", encoding="utf-8")
    outside = f / "outside.md"
    outside.write_text("P9: kept elsewhere\n", encoding="utf-8")
    (notes / "link.md").symlink_to(outside)
    out.append(("interviews/ (named file, sub-folder, unclosed front matter, outside link)", "interviews", notes))
    return out


def bad_input_set(big_mb: int) -> None:
    import pandas as pd

    print("bad-input set (each file through ingest):")
    counts = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for name, kind, path in _bad_inputs(Path(tmp)):
            try:
                if kind == "complaints":
                    accepted, quarantine = read_complaints(path, MAP)
                    if name == "numbers-only.csv":
                        from hcd.themes import ThemeModel

                        ThemeModel(n_themes=2).fit(accepted["text"])
                elif kind == "survey":
                    source = SurveySource(path=path, items={"trust": "trust", "ease": "ease"})
                    accepted, quarantine = read_survey(source)
                else:
                    accepted, quarantine = read_interviews(path)
                text = accepted.to_csv() + quarantine.to_csv()
                outcome = f"{len(accepted)} accepted, {len(quarantine)} quarantined"
                counts["read, bad rows quarantined" if len(quarantine) else "read"] += 1
            except (HcdError, ValueError) as exc:
                text, outcome = str(exc), f"clear error: {str(exc).splitlines()[0][:90]}"
                counts["clear error"] += 1
            except Exception as exc:  # a crash is what this benchmark looks for
                text, outcome = str(exc), f"CRASH {type(exc).__name__}: {exc}"
                counts["crash"] += 1
            leaked = [s for s in SECRET if s.lower() in text.lower()]
            counts["leaks"] += len(leaked)
            print(f"  {name:28s} {outcome}{'  LEAK: ' + ', '.join(leaked) if leaked else ''}")
        big = Path(tmp) / "huge.csv"
        big.write_bytes(b"a," * (big_mb * 1024 * 1024 // 2))
        t0 = time.perf_counter()
        try:
            read_complaints(big, MAP)
            result = "read (unexpected)"
        except HcdError as exc:
            result = f"refused: {str(exc).splitlines()[0][len(str(big)) + 2:][:80]}"
        print(f"  {big_mb} MB, no line break: {result} in {time.perf_counter() - t0:.2f} s")
    del pd
    print("  totals: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100, help="sentences per category and seed")
    ap.add_argument("--big-mb", type=int, default=50)
    args = ap.parse_args()
    recall(args.n)
    precision()
    bad_input_set(args.big_mb)


if __name__ == "__main__":
    main()
