"""VADER sentiment of many texts at once: :func:`hcd.sentiment.fast_sentiment_scores` under its first name.

The scorer lives in :mod:`hcd.sentiment`, beside :mod:`hcd.text`, so that the
journey overlay (a layer below the themes) uses it too.
"""

from hcd.sentiment import BLOCK, fast_sentiment_scores, friction_counts

__all__ = ["fast_sentiment_scores", "friction_counts", "BLOCK"]
