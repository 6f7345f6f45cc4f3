"""The ranked theme table: size, shares, sentiment, reach, severity and short quotes with their sources.

Severity (documented, 0-100)::

    severity = 100 * balanced_share * negative_share * reach

so that it favours neither the longer nor the chattier source:

* ``balanced_share``: the theme's share of the *voices*, not of the items.
  Every kind of source in the sprint (interviews, complaints, survey
  comments) weighs the same in total, and within a kind every participant
  weighs the same (an interview's turns share one participant's weight; a
  complaint or a survey comment is one voice). ``share`` is the plain share
  of themed items, as before.
* ``negative_share``: the weighted share of the theme's voices whose
  sentiment (:func:`hcd.text.sentiment_scores`) is below -0.05.
* ``reach``: how widely the theme is spread within each kind, averaged
  over the kinds in it (weighted by their voices): the mean of the people
  and (where the kind names them) the agencies its items come from, each as
  a share of the most it could touch (the kind's participants or agencies,
  or the theme's items of that kind if fewer). A complaint or survey comment
  is its own person; an interview turn belongs to its participant. So a
  theme one talkative participant returns to has low reach, and a small pool
  of interviewees is no easier to cover than a large pool of complainants.

Quotes are the sentences of an item that carry its theme (those most
similar to the theme's centre, up to :data:`QUOTE_CHARS` characters, line
breaks removed); the full text stays in the documents table and the
evidence register, by ``doc_id``. Items are taken most typical first,
alternating between the kinds of source in the theme, skipping any whose
best sentence says nothing (under four content words) and repeats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from sklearn.utils.validation import check_is_fitted

from hcd.themes.model import THEMES, UNASSIGNED, ThemeModel
from hcd.themes.sentiment import fast_sentiment_scores
from hcd.themes.speech import clean_speech, content_words

__all__ = ["describe_themes", "trim_quote", "sentences", "voice_weights", "QUOTE_CHARS", "QUOTE_MIN"]

#: Longest quote, in characters.
QUOTE_CHARS = 280
#: A quote grows by neighbouring sentences while shorter than this.
QUOTE_MIN = 100
_SENTENCES = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"')\]])\s+|\n\s*\n")


def voice_weights(kinds: np.ndarray, participants: np.ndarray, counted: np.ndarray) -> np.ndarray:
    """Per item, its share of the voices: each kind the same in total, each participant once within a kind.

    Items not ``counted`` (unassigned) weigh 0; the weights of counted items sum to 1.

    >>> voice_weights(np.array(["i", "i", "i", "c"]), np.array(["P1", "P1", "P2", ""]), np.ones(4, bool)).tolist()
    [0.125, 0.125, 0.25, 0.5]
    """
    w = np.zeros(len(kinds))
    live = sorted({str(k) for k in kinds[counted]})
    for kind in live:
        mask = counted & (kinds == kind)
        people = participants[mask]
        voice = np.ones(mask.sum())
        named = people != ""
        if named.any():
            _, inverse, counts = np.unique(people[named], return_inverse=True, return_counts=True)
            voice[named] = 1.0 / counts[inverse]
        w[mask] = voice / voice.sum() / len(live)
    return w


def trim_quote(text: str, scores: Sequence[float] | None = None, limit: int = QUOTE_CHARS) -> str:
    """The sentence of ``text`` with the highest score, with neighbours that carry the theme too.

    ``scores`` gives one score per sentence (as :func:`sentences` splits
    them); without it the first sentences are kept. Neighbours scoring within
    0.5 of the best are added, the better first, while the quote is under
    :data:`QUOTE_MIN` characters and fits in ``limit``. A sentence longer than
    ``limit`` is cut at a word; "…" marks text left out. Whitespace and line
    breaks become single spaces.

    >>> trim_quote("Hi.  I called 40 times\\n\\nand nobody answered. Thanks.", [0.0, 0.9, 0.8, 0.1])
    '… I called 40 times and nobody answered. …'
    """
    return _trim(sentences(text), scores, limit)


def _trim(parts: list[str], scores: Sequence[float] | None, limit: int = QUOTE_CHARS) -> str:
    """:func:`trim_quote` of a text split into ``parts`` (its :func:`sentences`)."""
    if not parts:
        return ""
    score = [float(scores[i]) if scores is not None and i < len(scores) else 0.0 for i in range(len(parts))]
    best = int(np.argmax(score))
    lo = hi = best
    size = len(parts[best])
    while size < QUOTE_MIN:
        options = [(score[i], -i, i) for i in (lo - 1, hi + 1) if 0 <= i < len(parts)
                   and score[i] > score[best] - 0.5 and size + 1 + len(parts[i]) <= limit]
        if not options:
            break
        i = max(options)[2]
        size += 1 + len(parts[i])
        lo, hi = min(lo, i), max(hi, i)
    quote = " ".join(parts[lo:hi + 1])
    if len(quote) > limit:
        quote = quote[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return ("… " if lo > 0 else "") + quote + (" …" if hi < len(parts) - 1 and not quote.endswith("…") else "")


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (split after . ! ? and at blank lines), whitespace normalised."""
    return [s for s in (" ".join(x.split()) for x in _SENTENCES.split(text or "")) if s]


class _Sentences(NamedTuple):
    """An item's sentences as written and as themed, and their similarity to every theme (one row each)."""

    parts: list[str]
    readable: list[str]
    similarity: np.ndarray


def _queues(model: ThemeModel, members: np.ndarray, kinds: np.ndarray, n_quotes: int) -> dict[str, list[int]]:
    """A theme's quote candidates per kind of source, most typical first."""
    ranked = members[np.argsort(-model.similarity_[members], kind="stable")][: 8 * n_quotes]
    return {kind: [int(i) for i in ranked if kinds[i] == kind] for kind in dict.fromkeys(kinds[ranked])}


def _sentence_similarity(text: pd.Series, model: ThemeModel, items: Sequence[int], kinds: np.ndarray,
                         speech: set[str], one_product: bool = True) -> dict[int, _Sentences]:
    """Per item: its sentences, as written and as themed (speech cleaned), and their similarity to every theme.

    The sentences of all ``items`` are projected into the LSA space at once (each sentence's vector is
    computed on its own, so it does not depend on the others). The similarities, a matrix product whose
    last bits may depend on the number of rows, are one product for all items (``one_product``, as
    ``model.transform`` of all the sentences) or one per item (as ``model.transform`` of its sentences)."""
    parts = {i: sentences(str(text.iat[i])) for i in items}
    readable = {i: [clean_speech(s) for s in parts[i]] if kinds[i] in speech else parts[i] for i in items}
    flat = [s for i in items for s in readable[i]]
    lsa = model._lsa(flat)[0] if flat else np.zeros((0, model.centroids_.shape[1]))
    sims = _similarity(lsa, model) if one_product else None
    out, at = {}, 0
    for i in items:
        rows = slice(at, at + len(readable[i]))
        out[i] = _Sentences(parts[i], readable[i], sims[rows] if sims is not None else _similarity(lsa[rows], model))
        at += len(readable[i])
    return out


def _similarity(lsa: np.ndarray, model: ThemeModel) -> np.ndarray:
    """Cosine of unit LSA vectors to every theme centre, as ``model.transform`` computes it: the product of
    a fresh array of the rows with the centres."""
    return np.array(lsa) @ model.centroids_.T if len(lsa) else np.zeros((0, len(model.theme_ids_)))


def _quotes(documents: pd.DataFrame, model: ThemeModel, j: int, members: np.ndarray, kinds: np.ndarray,
            n_quotes: int, speech: set[str], cache: dict[int, _Sentences]) -> list[dict[str, str]]:
    """Up to ``n_quotes`` trimmed quotes for theme ``j``, most typical first, alternating kinds of source.

    ``cache`` holds items' sentences (:func:`_sentence_similarity`). An item not in it is added with the
    theme's next candidates not in it either, two the first time, then twice as many each time: one
    projection for all of them, each item's similarities its own product (as when each was scored alone)."""
    queues = _queues(model, members, kinds, n_quotes)
    column = list(model.theme_ids_).index(j) if j in model.theme_ids_ else None
    stop = model._stopwords()
    text, more = documents["text"], 2
    out, seen = [], set()
    while any(queues.values()) and len(out) < n_quotes:
        for kind in list(queues):
            if not queues[kind] or len(out) >= n_quotes:
                continue
            i = queues[kind].pop(0)
            if i not in cache:
                block = [i, *[k for queue in queues.values() for k in queue if k not in cache][:more]]
                cache.update(_sentence_similarity(text, model, block, kinds, speech, one_product=False))
                more *= 2
            parts, readable, sims = cache[i]
            scores = sims[:, column] if column is not None and readable else None
            if scores is not None:
                scores = [s if len(content_words(r, stop)) >= 3 else s - 1 for s, r in zip(scores, readable,
                                                                                            strict=True)]
            quote = _trim(parts, scores)
            if len(content_words(clean_speech(quote) if kind in speech else quote, stop)) < 4 or quote in seen:
                continue
            seen.add(quote)
            out.append({"text": quote, "source": str(documents["source"].iat[i]),
                        "doc_id": str(documents["doc_id"].iat[i])})
    return out


def describe_themes(documents: pd.DataFrame, model: ThemeModel, n_quotes: int = 5,
                    sentiment: Sequence[float] | None = None, sentiment_sample: int = 300) -> pd.DataFrame:
    """The ranked theme table for the documents a model was fitted on.

    Parameters
    ----------
    documents : DataFrame
        Columns :data:`hcd.schemas.DOCUMENTS` (at least ``doc_id``, ``text``,
        ``source``, ``participant``, ``agency``; ``kind`` when there are
        several kinds of source), in the order used for fitting.
    model : ThemeModel
        Fitted on ``documents["text"]``.
    n_quotes : int
        Representative quotes per theme.
    sentiment : sequence of float, optional
        Per-document scores. If omitted, they are computed
        (:func:`hcd.themes.sentiment.fast_sentiment_scores`, the scores of
        :func:`hcd.text.sentiment_scores`) for up to ``sentiment_sample``
        items per theme (those closest to its centre; speech cleaned of fillers first), and
        ``mean_sentiment`` and ``negative_share`` are estimated from them.
    sentiment_sample : int

    Returns
    -------
    DataFrame
        Columns :data:`hcd.themes.model.THEMES`, sorted by severity
        (unassigned last). ``quotes`` is a list of ``{"text", "source", "doc_id"}`` dicts.
    """
    check_is_fitted(model, "labels_")
    if len(documents) != len(model.labels_):
        raise ValueError("documents and the fitted model differ in length; "
                         "fit the model on documents['text']")
    labels = model.labels_
    kinds = (documents["kind"].fillna("").astype(str).to_numpy() if "kind" in documents
             else np.full(len(documents), "", dtype=object))
    speech = set(model.speech_kinds)
    if sentiment is not None:
        sent = np.asarray(sentiment, dtype=float)
    else:
        sent = np.full(len(documents), np.nan)
        chosen = np.concatenate([members[np.argsort(-model.similarity_[members], kind="stable")[:sentiment_sample]]
                                 for members in (np.flatnonzero(labels == j) for j in np.unique(labels))])
        sent[chosen] = fast_sentiment_scores([clean_speech(t) if kinds[i] in speech else t
                                              for i, t in zip(chosen, documents["text"].iloc[chosen], strict=True)])
    # columns as arrays: no row copies of the (possibly millions of) documents
    participant = documents["participant"].fillna("").astype(str).to_numpy()
    agency = documents["agency"].fillna("").astype(str).to_numpy()
    assigned = labels != UNASSIGNED
    n_assigned = max(1, int(assigned.sum()))
    weight = voice_weights(kinds, participant, assigned)
    pools = {kind: {"participant": len(set(participant[assigned & (kinds == kind)]) - {""}),
                    "agency": len(_agencies(agency[assigned & (kinds == kind)]))} for kind in set(kinds[assigned])}
    # the sentences of every theme's first candidates for quotes, scored in one transform (most themes need no more)
    first = {i for j in model.themes_["theme_id"]
             for queue in _queues(model, np.flatnonzero(labels == j), kinds, n_quotes).values()
             for i in queue[:n_quotes + 2]}
    cache = _sentence_similarity(documents["text"], model, sorted(first), kinds, speech)
    rows = []
    for _, theme in model.themes_.iterrows():
        j = int(theme["theme_id"])
        members = np.flatnonzero(labels == j)
        scored = members[~np.isnan(sent[members])]
        w = weight[scored]
        neg = (float(w[sent[scored] < -0.05].sum() / w.sum()) if w.sum() > 0
               else float((sent[scored] < -0.05).mean()) if len(scored) else 0.0)
        size = len(members)
        balanced = float(weight[members].sum()) if j != UNASSIGNED else 0.0
        rows.append({
            "theme_id": j, "label": theme["label"], "terms": theme["terms"], "size": size,
            "share": float(size / n_assigned) if j != UNASSIGNED else float(size / max(1, len(labels))),
            "balanced_share": balanced,
            "mean_sentiment": float(sent[scored].mean()) if len(scored) else 0.0, "negative_share": neg,
            "participants": len(set(participant[members]) - {""}), "agencies": len(_agencies(agency[members])),
            "reach": _reach(members, kinds, weight, participant, agency, pools),
            "quotes": _quotes(documents, model, j, members, kinds, n_quotes, speech, cache),
        })
        rows[-1]["severity"] = 0.0 if j == UNASSIGNED else round(100 * balanced * neg * rows[-1]["reach"], 3)
    out = pd.DataFrame(rows)
    out["_un"] = out["theme_id"] == UNASSIGNED
    out = out.sort_values(["_un", "severity", "size", "theme_id"],
                          ascending=[True, False, False, True]).drop(columns="_un")
    out["rank"] = range(1, len(out) + 1)
    return out.loc[:, list(THEMES)].reset_index(drop=True)


def _agencies(values: np.ndarray) -> set[str]:
    """Agency names in a column where "A; B" names two."""
    return {a.strip() for v in set(values) for a in str(v).split(";") if a.strip()}


def _reach(members: np.ndarray, kinds: np.ndarray, weight: np.ndarray, participant: np.ndarray,
           agency: np.ndarray, pools: dict[str, dict[str, int]]) -> float:
    """Spread of a theme within each kind of source, averaged over its kinds by their voices (1.0 if unknown)."""
    parts, total = 0.0, 0.0
    for kind in sorted(set(kinds[members])):
        mine = members[kinds[members] == kind]
        people = pools.get(kind, {}).get("participant", 0)
        # people: a kind without participant ids (complaints, survey comments) has one person per item
        spreads = [len(set(participant[mine]) - {""}) / max(1, min(people, len(mine))) if people else 1.0]
        places = pools.get(kind, {}).get("agency", 0)
        if places:
            spreads.append(len(_agencies(agency[mine])) / max(1, min(places, len(mine))))
        v = float(weight[mine].sum())
        parts += v * (float(np.mean(spreads)) if spreads else 1.0)
        total += v
    return round(parts / total, 6) if total > 0 else 1.0
