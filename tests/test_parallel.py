"""Chunked work in worker processes: the serial result, in order, every item counted."""

from __future__ import annotations

import numpy as np

from hcd.parallel import chunks, map_chunks, worker_count
from hcd.themes.sentiment import fast_sentiment_scores


def _scaled(factor: int, part: list[int]) -> list[int]:
    return [factor * x for x in part]


def test_workers_give_the_serial_result_in_order():
    items = list(range(1003))
    serial = map_chunks(_scaled, items, shared=(3,), chunk=50, parallel_from=10**9)
    counted = []
    parallel = map_chunks(_scaled, items, shared=(3,), chunk=50, parallel_from=10, workers=2, progress=counted.append)
    assert parallel == serial and [x for part in parallel for x in part] == [3 * x for x in items]
    assert sum(counted) == len(items) and len(parallel) == 21


def test_chunks_and_workers():
    assert [len(c) for c in chunks(list(range(10)), 4)] == [4, 4, 2]
    assert map_chunks(_scaled, [], shared=(2,)) == []
    assert worker_count(3) == 3 and worker_count() >= 1


def test_sentiment_in_blocks_equals_all_at_once():
    texts = ["I waited three hours on hold and nobody helped me", "Thank you, this was quick and kind", "",
             "NOT happy. The fees are unfair!!", "kind of ok but the letter was wrong"] * 9
    whole = fast_sentiment_scores(texts)
    parts = np.concatenate(map_chunks(fast_sentiment_scores, texts, chunk=7, parallel_from=10, workers=2))
    assert np.array_equal(whole, parts)
