"""``hcd.deferred_imports``: scipy.stats imported on first use, with the same behaviour.

Each check runs in a fresh interpreter: the point is what a cold ``hcd themes`` process imports.
"""

import json
import subprocess
import sys

import pytest

from hcd.deferred_imports import SCIPY_STATS_STAND_INS, deferred_module
from tests.conftest import ROOT


def _run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_scikit_learn_and_nltk_import_without_scipy_stats_and_still_use_it():
    found = _run(
        "import json, sys, importlib\n"
        "from hcd.deferred_imports import deferred_module\n"
        "with deferred_module('scipy.stats') as placeholder:\n"
        "    import sklearn.cluster, sklearn.decomposition, sklearn.feature_extraction.text, sklearn.metrics\n"
        "    import nltk\n"
        "    from nltk.stem.snowball import SnowballStemmer\n"
        "loaded_during = 'scipy.stats._stats_py' in sys.modules\n"
        "association = importlib.import_module('nltk.metrics.association')\n"
        "odds = association.fisher_exact([[8, 2], [1, 5]]).pvalue\n"   # a stand-in: imports scipy.stats here
        "from sklearn.metrics import roc_auc_score\n"
        "auc = roc_auc_score([0, 1, 1, 0], [0.1, 0.9, 0.2, 0.3])\n"
        "import scipy.stats\n"
        "real = sys.modules['scipy.stats']\n"
        "print(json.dumps({'during': loaded_during, 'odds': float(odds), 'auc': float(auc),\n"
        "                  'real': type(real).__name__, 'same': scipy.stats.norm is real.norm,\n"
        "                  'placeholder_forwards': placeholder.norm is real.norm}))\n")
    assert found["during"] is False  # the 0.4 s import did not happen while the libraries loaded
    from scipy.stats import fisher_exact

    assert found["odds"] == pytest.approx(float(fisher_exact([[8, 2], [1, 5]]).pvalue))
    assert found["auc"] == pytest.approx(0.75)
    assert found["real"] == "module" and found["same"] and found["placeholder_forwards"]


def test_a_name_without_a_stand_in_imports_the_real_module_at_once():
    found = _run(
        "import json, sys\n"
        "from hcd.deferred_imports import deferred_module\n"
        "with deferred_module('scipy.stats', stand_ins={'norm'}):\n"
        "    from scipy.stats import norm\n"
        "    stand_in = type(norm).__name__\n"
        "    from scipy.stats import kendalltau\n"
        "    loaded = 'scipy.stats._stats_py' in sys.modules\n"
        "print(json.dumps({'stand_in': stand_in, 'loaded': loaded, 'cdf': float(norm.cdf(0))}))\n")
    assert found == {"stand_in": "_StandIn", "loaded": True, "cdf": 0.5}


def test_after_the_block_a_named_import_is_the_real_object():
    found = _run(
        "import json, sys\n"
        "from hcd.deferred_imports import deferred_module\n"
        "with deferred_module('scipy.stats'):\n"
        "    import scipy.stats\n"
        "from scipy.stats import rankdata\n"
        "print(json.dumps({'type': type(rankdata).__name__, 'ranks': rankdata([3, 1, 2]).tolist()}))\n")
    assert found == {"type": "function", "ranks": [3.0, 1.0, 2.0]}


def test_a_module_already_imported_or_missing_is_left_alone():
    import json as json_module

    with deferred_module("json") as placeholder:
        assert placeholder is None and sys.modules["json"] is json_module
    with deferred_module("hcd_no_such_module_anywhere") as placeholder:
        assert placeholder is None and "hcd_no_such_module_anywhere" not in sys.modules


def test_every_stand_in_is_a_public_name_of_scipy_stats():
    import scipy.stats

    assert all(hasattr(scipy.stats, name) for name in SCIPY_STATS_STAND_INS)
