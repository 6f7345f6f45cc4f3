"""Where the benchmarks find the shared real data: ``../shared/data`` or ``HCD_SHARED_DATA``."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cfpb_dev() -> Path:
    """``cfpb_dev.csv`` (729 real CFPB narratives with human labels); exits with a message if absent."""
    shared = Path(os.environ.get("HCD_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
    path = shared / "cfpb_dev.csv"
    if not path.is_file():
        print(f"needs {path} (set HCD_SHARED_DATA)", file=sys.stderr)
        raise SystemExit(2)
    return path
