"""Where the benchmarks find the shared real data: ``../shared/data`` or ``HCD_SHARED_DATA``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def cfpb_dev() -> Path:
    """``cfpb_dev.csv`` (729 real CFPB narratives with human labels); exits with a message if absent."""
    shared = Path(os.environ.get("HCD_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
    path = shared / "cfpb_dev.csv"
    if not path.is_file():
        print(f"needs {path} (set HCD_SHARED_DATA)", file=sys.stderr)
        raise SystemExit(2)
    return path


def cfpb_dev_frame() -> pd.DataFrame:
    """``cfpb_dev.csv`` as text cells (no value read as missing), in the export's own column names."""
    import pandas as pd

    return pd.read_csv(cfpb_dev(), dtype=str, keep_default_na=False)


def cfpb_dev_narratives() -> list[str]:
    """The 729 real narratives of ``cfpb_dev.csv``, in file order."""
    return cfpb_dev_frame()["Consumer complaint narrative"].tolist()
