"""Attach pain-point evidence (utterances, complaints, survey comments) to the journey.

:func:`match_documents` places each document on touchpoints: explicit
``[touchpoint: id]`` tags from ingest first; untagged documents then by text
similarity (TF-IDF cosine over hcd's stemmed tokens) to each touchpoint's
card (name, description, customer impact, barriers), among the touchpoints of
the document's program when it names one. :func:`pain_by_touchpoint` and
:func:`pain_by_handoff` count the evidence, its sentiment and a severity.

``severity = 100 * share_of_placed_documents * negative_share``, the same
form as a theme's severity, so a touchpoint many people mention negatively
ranks above one a few mention mildly.

Examples
--------
>>> import networkx as nx, pandas as pd
>>> G = nx.MultiDiGraph()
>>> G.add_node("id-check", name="Verify identity online", description="selfie and photo ID check",
...            agency="a", program="UI", stage="verify")
>>> G.add_node("notice", name="Decision notice by mail", description="letter explains the decision",
...            agency="b", program="SNAP", stage="decide")
>>> docs = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "kind": "interview", "program": "",
...     "text": ["The selfie photo check failed three times", "The letter came late", "Nothing here"],
...     "touchpoints": ["", "notice", ""]})
>>> m = match_documents(G, docs, min_similarity=0.1)
>>> m[["doc_id", "touchpoint", "method"]].values.tolist()
[['d1', 'id-check', 'similarity'], ['d2', 'notice', 'tag']]
"""

from __future__ import annotations

import re

import networkx as nx
import numpy as np
import pandas as pd

__all__ = ["match_documents", "document_sentiment", "pain_by_touchpoint", "pain_by_handoff", "MATCH_COLUMNS",
           "NEGATIVE"]

MATCH_COLUMNS = ["doc_id", "touchpoint", "method", "similarity"]
#: A document with sentiment below this counts as negative.
NEGATIVE = -0.05


def _card_text(d: dict) -> str:
    return " ".join(str(d.get(k, "") or "") for k in ("name", "description", "customer_impact", "barriers"))


def _tags(value: object) -> list[str]:
    return [t.strip() for t in str(value or "").split(";") if t.strip()]


def match_documents(G: nx.MultiDiGraph, documents: pd.DataFrame, min_similarity: float = 0.10,
                    max_matches: int = 2, near_best: float = 0.8, preprocessor=None) -> pd.DataFrame:
    """Place documents on touchpoints: tags first, then text similarity.

    Parameters
    ----------
    G : MultiDiGraph
        From :func:`hcd.journeys.graph.build_graph`.
    documents : DataFrame
        ``doc_id``, ``text``; optional ``touchpoints`` (``"; "``-separated
        ids) and ``program``.
    min_similarity : float
        Cosine similarity an untagged document needs to be placed.
    max_matches, near_best : int, float
        An untagged document goes to its most similar touchpoint and to up to
        ``max_matches - 1`` more whose similarity is at least ``near_best``
        times the best.
    preprocessor : hcd.text.Preprocessor, optional
        Tokeniser; the default one if not given.

    Returns
    -------
    DataFrame
        :data:`MATCH_COLUMNS`; ``method`` is ``tag``, ``similarity`` or
        ``unknown tag`` (a tag naming no touchpoint: kept and reported, not
        dropped). Documents placed nowhere have no row.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer  # imported here: seconds, and only this needs it

    if preprocessor is None:
        from hcd.text import Preprocessor

        preprocessor = Preprocessor()
    nodes = sorted(G.nodes)
    tags = documents["touchpoints"] if "touchpoints" in documents else pd.Series("", index=documents.index)
    rows = []
    untagged = []
    for i, (doc_id, tag) in enumerate(zip(documents["doc_id"], tags, strict=True)):
        found = _tags(tag)
        rows += [{"doc_id": doc_id, "touchpoint": t, "method": "tag" if t in G else "unknown tag",
                  "similarity": float("nan")} for t in found]
        if not found:
            untagged.append(i)
    if untagged and nodes:
        sub = documents.iloc[untagged]
        vec = TfidfVectorizer(analyzer=preprocessor.tokens, sublinear_tf=True, norm="l2")
        cards = [_card_text(G.nodes[n]) for n in nodes]
        vec.fit(cards + sub["text"].fillna("").astype(str).tolist())
        sims = (vec.transform(sub["text"].fillna("").astype(str)) @ vec.transform(cards).T).toarray()
        programs = np.array([str(G.nodes[n].get("program", "") or "").lower() for n in nodes])
        doc_programs = (sub["program"] if "program" in sub else pd.Series("", index=sub.index)).fillna("")
        for row, (doc_id, prog) in enumerate(zip(sub["doc_id"], doc_programs.astype(str).str.lower(), strict=True)):
            s = sims[row]
            if prog and (programs == prog).any():
                s = np.where(programs == prog, s, 0.0)
            order = np.argsort(-s, kind="stable")
            best = s[order[0]]
            if best < min_similarity:
                continue
            for j in order[:max_matches]:
                if s[j] >= min_similarity and s[j] >= near_best * best:
                    rows.append({"doc_id": doc_id, "touchpoint": nodes[j], "method": "similarity",
                                 "similarity": round(float(s[j]), 4)})
    df = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    return df.sort_values(["doc_id", "touchpoint"]).reset_index(drop=True)


def document_sentiment(documents: pd.DataFrame, doc_ids: pd.Series) -> pd.Series:
    """Sentiment per doc_id: the documents' ``sentiment`` column, else VADER + friction for ``doc_ids``.

    Computed once and added as a ``sentiment`` column, it spares
    :func:`pain_by_touchpoint` and :func:`pain_by_handoff` computing it each.
    """
    docs = documents.drop_duplicates("doc_id").set_index("doc_id")
    if "sentiment" in docs:
        return docs["sentiment"].astype(float)
    if not len(doc_ids):
        return pd.Series(dtype=float)
    from hcd.sentiment import fast_sentiment_scores
    from hcd.text import ensure_nltk_data

    ensure_nltk_data(download=False)
    needed = docs.loc[docs.index.isin(set(doc_ids))]
    return pd.Series(fast_sentiment_scores(needed["text"].fillna("").astype(str).tolist()), index=needed.index,
                     dtype=float)


def _evidence_stats(ids: list[str], sentiment: pd.Series, total: int) -> dict[str, float]:
    values = sentiment.reindex(ids).to_numpy(dtype=float)
    n = len(ids)
    neg = float(np.mean(values < NEGATIVE)) if n else 0.0
    return {"mentions": n, "mean_sentiment": round(float(np.nanmean(values)), 4) if n else float("nan"),
            "negative_share": round(neg, 4),
            "severity": round(100 * (n / total) * neg, 3) if total else 0.0}


def pain_by_touchpoint(G: nx.MultiDiGraph, matches: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Evidence per touchpoint: counts by kind and method, sentiment, severity.

    Every touchpoint has a row (zero mentions included); tags naming no
    touchpoint get rows with agency ``?``.

    Returns
    -------
    DataFrame
        ``touchpoint``, ``name``, ``agency``, ``stage``, ``mentions``,
        ``tagged``, ``matched``, ``interviews``, ``complaints``, ``surveys``,
        ``participants``, ``mean_sentiment``, ``negative_share``,
        ``severity``, ``doc_ids`` (the evidence, ``"; "``-joined), most
        severe first.
    """
    placed = matches[matches["method"] != "unknown tag"]
    total = placed["doc_id"].nunique()
    sentiment = document_sentiment(documents, matches["doc_id"])
    docs = documents.drop_duplicates("doc_id").set_index("doc_id")
    kinds = docs["kind"] if "kind" in docs else pd.Series("", index=docs.index)
    participants = docs["participant"] if "participant" in docs else pd.Series("", index=docs.index)
    rows = []
    for tp in sorted(set(G.nodes) | set(matches["touchpoint"])):
        m = matches[matches["touchpoint"] == tp]
        ids = sorted(set(m["doc_id"]))
        d = G.nodes[tp] if tp in G else {}
        k = kinds.reindex(ids)
        rows.append({"touchpoint": tp, "name": d.get("name", tp), "agency": d.get("agency", "?"),
                     "stage": d.get("stage", "?"), "tagged": int((m["method"] == "tag").sum()),
                     "matched": int((m["method"] == "similarity").sum()),
                     "interviews": int((k == "interview").sum()), "complaints": int((k == "complaint").sum()),
                     "surveys": int((k == "survey").sum()),
                     "participants": _participants(participants.reindex(ids)),
                     **_evidence_stats(ids, sentiment, total), "doc_ids": "; ".join(ids)})
    cols = ["touchpoint", "name", "agency", "stage", "mentions", "tagged", "matched", "interviews", "complaints",
            "surveys", "participants", "mean_sentiment", "negative_share", "severity", "doc_ids"]
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(["severity", "mentions", "touchpoint"], ascending=[False, False, True]).reset_index(drop=True)


def _participants(values: pd.Series) -> int:
    """Distinct participants, not counting empty ones (complaints and survey comments have none).

    Counted without ``replace("", nan)``, whose dtype downcasting pandas 2.2 warns about into report pages.
    """
    present = values.dropna().astype(str)
    return int(present[present != ""].nunique())


def _agency_pattern(G: nx.MultiDiGraph, agency: str) -> re.Pattern[str]:
    names = set()
    for _, d in G.nodes(data=True):
        if d["agency"] == agency:
            names.add(str(d.get("agency_name", "") or ""))
            names.add(str(d.get("program", "") or ""))
            names.update(a.strip() for a in str(d.get("agency_aliases", "") or "").split(";"))
    names = sorted((n for n in names if len(n) >= 2), key=lambda s: (-len(s), s))
    if not names:
        return re.compile(r"(?!x)x")
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.I)


def pain_by_handoff(G: nx.MultiDiGraph, matches: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Evidence per cross-agency transition.

    A document evidences the handoff ``u -> v`` when it is placed on one end
    and is about the other too: placed there as well, or naming the other
    agency (its name, programs or ``aliases``).

    Returns
    -------
    DataFrame
        ``from``, ``to``, ``from_agency``, ``to_agency``, ``kind``,
        ``mentions``, ``mean_sentiment``, ``negative_share``, ``severity``,
        ``observed_days``, ``doc_ids``; most severe first.
    """
    placed = matches[matches["method"] != "unknown tag"]
    total = placed["doc_id"].nunique()
    by_tp = placed.groupby("touchpoint")["doc_id"].apply(set).to_dict()
    texts = documents.drop_duplicates("doc_id").set_index("doc_id")["text"].fillna("").astype(str)
    sentiment = document_sentiment(documents, placed["doc_id"])
    patterns = {a: _agency_pattern(G, a) for a in sorted({d["agency"] for _, d in G.nodes(data=True)})}
    rows = []
    seen = set()
    for u, v, d in sorted(G.edges(data=True), key=lambda e: (e[0], e[1])):
        a, b = G.nodes[u]["agency"], G.nodes[v]["agency"]
        if a == b or (u, v) in seen:
            continue
        seen.add((u, v))
        at_u, at_v = by_tp.get(u, set()), by_tp.get(v, set())
        ids = (at_u & at_v) | {i for i in at_u - at_v if patterns[b].search(texts.get(i, ""))} | {
            i for i in at_v - at_u if patterns[a].search(texts.get(i, ""))}
        ids = sorted(ids)
        obs = float(d.get("observed_days", -1.0))
        rows.append({"from": u, "to": v, "from_agency": a, "to_agency": b, "kind": d.get("kind", ""),
                     **_evidence_stats(ids, sentiment, total),
                     "observed_days": obs if obs >= 0 else float("nan"), "doc_ids": "; ".join(ids)})
    cols = ["from", "to", "from_agency", "to_agency", "kind", "mentions", "mean_sentiment", "negative_share",
            "severity", "observed_days", "doc_ids"]
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(["severity", "mentions", "from", "to"],
                          ascending=[False, False, True, True]).reset_index(drop=True)
