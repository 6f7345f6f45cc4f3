"""Step cache: where NLTK data is found without importing NLTK."""

import json
import os
import subprocess
import sys
from pathlib import Path

import nltk

from hcd.run.cache import NLTK_DATA, find_nltk_data


def test_nltk_search_path_is_nltks_own(tmp_path):
    code = ("import json\nfrom hcd.run.cache import nltk_search_path\nfrom sys import modules\n"
            "ours = [str(p) for p in nltk_search_path()]\nassert 'nltk' not in modules\n"
            "import nltk\nprint(json.dumps([ours, nltk.data.path]))")
    env = {**os.environ, "NLTK_DATA": os.pathsep.join([str(tmp_path / "a"), "~/b"])}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    ours, nltks = json.loads(out.stdout)
    assert ours == nltks and ours[0] == str(tmp_path / "a")


def test_nltk_data_is_found_where_nltk_finds_it():
    for resource in NLTK_DATA:
        try:
            expected = nltk.data.find(resource)
        except LookupError:
            expected = nltk.data.find(resource + ".zip")
        assert find_nltk_data(resource) == Path(str(expected))
    assert find_nltk_data("corpora/no-such-corpus") is None
