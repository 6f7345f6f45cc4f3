"""Pain-point themes: a scikit-learn style model over utterances and complaints.

:class:`ThemeModel` preprocesses with NLTK (:class:`hcd.text.Preprocessor`),
vectorises with TF-IDF (uni- and bigrams), reduces with LSA (truncated SVD,
unit-normalised) and clusters with k-means, or factorises with NMF. With
``n_themes="auto"`` it chooses k by the mean cosine silhouette over a range
and keeps the curve it chose from in ``selection_curve_``.

Items whose similarity to their theme's centre is below
``unassigned_threshold`` (or that have no content words) get theme ``-1``,
an explicit "Unassigned" group, never silently dropped.

:func:`describe_themes` turns a fitted model and the documents table into the
ranked theme table: label, size, share, sentiment, reach, severity and the
five most representative quotes with their sources.

Severity (documented, 0-100)::

    severity = 100 * share_of_assigned_items * negative_share * reach

where ``negative_share`` is the share of the theme's items whose sentiment
(:func:`hcd.text.sentiment_scores`) is below -0.05, and ``reach`` is the mean,
over the dimensions present (participants, agencies), of the share of all
participants / agencies that the theme touches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from numbers import Integral

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF, TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import Normalizer
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from hcd.text import Preprocessor, sentiment_scores

__all__ = ["ThemeModel", "describe_themes", "UNASSIGNED", "THEMES"]

UNASSIGNED = -1
#: ``method="consensus"`` up to this many items (its co-association matrix is n x n).
CONSENSUS_MAX_ITEMS = 6000
#: Label score multiplier for learned collocations, so "identity verification"
#: wins over "identity" and "verification" alone.
COLLOCATION_LABEL_BOOST = 1.5

#: Columns of the theme table from :func:`describe_themes`.
THEMES = ("theme_id", "label", "terms", "size", "share", "mean_sentiment", "negative_share",
          "participants", "agencies", "reach", "severity", "rank", "quotes")


def _check_texts(X: object) -> list[str]:
    if isinstance(X, str):
        raise TypeError("ThemeModel expects a sequence of texts, got a single string; "
                        "wrap it in a list")
    if isinstance(X, pd.DataFrame):
        raise TypeError("ThemeModel expects a sequence of texts; pass one column, e.g. df['text']")
    try:
        texts = ["" if t is None or (isinstance(t, float) and np.isnan(t)) else str(t) for t in X]
    except TypeError:
        raise TypeError(f"ThemeModel expects a sequence of texts, got {type(X).__name__}") from None
    return texts


class ThemeModel(BaseEstimator):
    """Cluster texts into labelled pain-point themes.

    Parameters
    ----------
    n_themes : int or "auto", default "auto"
        Number of themes, or choose by silhouette between ``min_themes`` and
        ``max_themes``.
    method : {"consensus", "kmeans", "nmf"}, default "consensus"
        ``consensus``: ``consensus_runs`` k-means runs on the LSA vectors,
        combined through their co-association matrix (how often two items
        share a cluster) and cut into k themes by average linkage: more
        accurate and far more stable across seeds than one k-means (see
        ``benchmarks/bench_themes_quality.py``); used up to
        ``CONSENSUS_MAX_ITEMS`` items, k-means above. ``kmeans``: one k-means
        (best of 10 starts). ``nmf``: NMF topics on TF-IDF, item -> strongest topic.
    min_themes, max_themes : int
        Search range for ``n_themes="auto"``.
    n_components : int, default 40
        LSA dimensions (capped by the data).
    ngram_range : tuple, default (1, 2)
    min_df : int or float, default 2
    max_df : float, default 0.6
    unassigned_threshold : float, default 0.05
        Items less similar than this to their theme centre are unassigned.
    n_terms : int, default 3
        Terms in a label.
    collocations : bool, default True
        Learn the corpus's two-word collocations (NLTK likelihood ratio,
        ``collocations_``) and prefer them in theme labels. Service phrases
        with a stopword ("on hold", "hung up", :data:`hcd.text.DOMAIN_PHRASES`)
        are always kept as one term. Learned collocations are not added as
        extra features: the TF-IDF bigrams already carry them, and doubling
        them lowered agreement with human labels (NMI -0.02 on CFPB data).
    consensus_runs : int, default 30
        k-means runs combined by ``method="consensus"``.
    sample_size : int, default 20_000
        With more texts than this, vocabulary, LSA and themes are fitted on a
        random sample of this size (drawn with the seed) and every text is then
        assigned to its nearest theme in chunks, so a million texts fit in a
        few minutes and a few GB. Theme terms come from the sample; sizes and
        shares from all texts.
    language : str, default "english"
    random_state : int, RandomState or None
        Seed for SVD, k-means and NMF.

    Attributes
    ----------
    n_themes_ : int
    theme_ids_ : ndarray
        Theme id of each row of ``centroids_`` and column of :meth:`transform`
        (``0..k-1`` after fitting; other ids after :meth:`set_themes`).
    labels_ : ndarray of shape (n_samples,)
        Theme per training text (``-1`` = unassigned).
    themes_ : DataFrame
        ``theme_id``, ``label``, ``terms``, ``size``, ``share`` (incl. unassigned).
    selection_curve_ : DataFrame or None
        ``k`` and ``silhouette`` tried when ``n_themes="auto"``.
    vectorizer_, preprocessor_ : fitted text components
    collocations_ : list of str
        Learned collocations, as readable phrases.
    method_ : str
        The clustering actually used.

    Examples
    --------
    >>> texts = ["waited on hold for hours on the phone line"] * 3 + [
    ...     "they lost my pay stubs and asked for documents again"] * 3
    >>> m = ThemeModel(n_themes=2, min_df=1, random_state=0).fit(texts)
    >>> sorted(m.themes_.query("theme_id >= 0")["size"].tolist())
    [3, 3]
    """

    def __init__(self, n_themes: int | str = "auto", method: str = "consensus", min_themes: int = 4,
                 max_themes: int = 12, n_components: int = 40,
                 ngram_range: tuple[int, int] = (1, 2), min_df: int | float = 3,
                 max_df: float = 0.6, unassigned_threshold: float = 0.05, n_terms: int = 3,
                 collocations: bool = True, consensus_runs: int = 30, sample_size: int = 20_000,
                 language: str = "english", random_state: int | None = None):
        self.n_themes = n_themes
        self.method = method
        self.consensus_runs = consensus_runs
        self.sample_size = sample_size
        self.min_themes = min_themes
        self.max_themes = max_themes
        self.n_components = n_components
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.unassigned_threshold = unassigned_threshold
        self.n_terms = n_terms
        self.collocations = collocations
        self.language = language
        self.random_state = random_state

    # -- fitting ---------------------------------------------------------------
    def _check_params(self, n_samples: int) -> None:
        if self.method not in ("consensus", "kmeans", "nmf"):
            raise ValueError(f"method must be 'consensus', 'kmeans' or 'nmf', got {self.method!r}")
        if not (self.n_themes == "auto" or (isinstance(self.n_themes, Integral) and self.n_themes >= 2)):
            raise ValueError(f"n_themes must be 'auto' or an int >= 2, got {self.n_themes!r}")
        if n_samples < 2:
            raise ValueError(f"need at least 2 texts to find themes, got {n_samples}")
        if isinstance(self.n_themes, Integral) and self.n_themes > n_samples:
            raise ValueError(f"n_themes={self.n_themes} is more than the {n_samples} texts")

    def fit(self, X: Sequence[str], y: None = None) -> ThemeModel:
        """Fit themes to texts ``X``.

        The texts are put in a canonical order before fitting, so the same
        texts give the same themes and assignments whatever their input order.
        """
        texts_in = _check_texts(X)
        self._check_params(len(texts_in))
        order = np.array(sorted(range(len(texts_in)), key=lambda i: texts_in[i]), dtype=int)
        all_texts = [texts_in[i] for i in order]
        rng = check_random_state(self.random_state)
        seed = int(rng.randint(np.iinfo(np.int32).max))
        sampled = len(all_texts) > self.sample_size
        fit_idx = (np.sort(np.random.RandomState(seed).choice(len(all_texts), self.sample_size, replace=False))
                   if sampled else np.arange(len(all_texts)))
        texts = [all_texts[i] for i in fit_idx] if sampled else all_texts
        self.n_fit_ = len(texts)
        self.preprocessor_ = Preprocessor(self.language)
        learned: list[tuple[str, str]] = []
        if self.collocations:
            learned = self.preprocessor_.learn_phrases(texts, min_count=3 if len(texts) < 2000 else 5,
                                                       add=False)
        self.collocations_ = [f"{a} {b}" for a, b in learned]
        colloc_stems = {f"{self.preprocessor_.stem(a)} {self.preprocessor_.stem(b)}" for a, b in learned}
        min_df = self.min_df if len(texts) >= 20 else 1
        self.vectorizer_ = TfidfVectorizer(
            tokenizer=self.preprocessor_.tokens, lowercase=False, token_pattern=None,
            ngram_range=self.ngram_range, min_df=min_df, max_df=self.max_df if len(texts) >= 20 else 1.0,
            sublinear_tf=True,
        )
        try:
            tfidf = self.vectorizer_.fit_transform(texts)
        except ValueError as exc:  # scikit-learn's "empty vocabulary"
            if "empty vocabulary" not in str(exc):
                raise
            raise ValueError(f"none of the {len(texts)} texts has a word to theme: they hold only numbers, "
                             "placeholders such as [NAME] or very common words") from None
        self.terms_ = np.array([self.preprocessor_.readable(t)
                                for t in self.vectorizer_.get_feature_names_out()])
        n_comp = max(1, min(self.n_components, tfidf.shape[1] - 1, tfidf.shape[0] - 1))
        self.svd_ = TruncatedSVD(n_components=n_comp, random_state=seed)
        self.normalizer_ = Normalizer(copy=False)
        lsa = self.normalizer_.fit_transform(self.svd_.fit_transform(tfidf))
        empty_rows = np.asarray(tfidf.sum(axis=1)).ravel() == 0

        self.selection_curve_ = None
        if self.n_themes == "auto":
            k_max = min(self.max_themes, len(texts) - 1)
            k_min = min(self.min_themes, k_max)
            rows = []
            for k in range(k_min, k_max + 1):
                km = KMeans(n_clusters=k, n_init=4, random_state=seed).fit(lsa)
                score = silhouette_score(lsa, km.labels_, metric="cosine",
                                         sample_size=min(len(texts), 3000), random_state=seed)
                rows.append({"k": k, "silhouette": float(score)})
            self.selection_curve_ = pd.DataFrame(rows)
            best = self.selection_curve_.sort_values(["silhouette", "k"], ascending=[False, True])
            k = int(best.iloc[0]["k"])
        else:
            k = int(self.n_themes)
        self.n_themes_ = k

        method = self.method
        if method == "consensus" and len(texts) > CONSENSUS_MAX_ITEMS:
            method = "kmeans"
        self.method_ = method
        if method == "consensus":
            raw = _consensus_labels(lsa, k, self.consensus_runs, seed)
        elif method == "kmeans":
            raw = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(lsa).labels_
        else:
            nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=400)
            W = nmf.fit_transform(tfidf)
            self.nmf_ = nmf
            raw = W.argmax(axis=1)
        raw = self._relabel_by_size(raw, k)
        self.collocation_stems_ = colloc_stems
        self.theme_ids_ = np.arange(k)
        self.centroids_ = _centroids(lsa, raw, self.theme_ids_)
        sims = lsa @ self.centroids_.T
        own = sims[np.arange(len(texts)), raw]
        labels = np.where(empty_rows | (own < self.unassigned_threshold), UNASSIGNED, raw)
        self.themes_ = self._theme_table(tfidf, labels, self.theme_ids_)
        if sampled:
            labels, own = self._assign(all_texts)
            counts = pd.Series(labels).value_counts()
            self.themes_["size"] = [int(counts.get(j, 0)) for j in self.themes_["theme_id"]]
            self.themes_["share"] = self.themes_["size"] / len(labels)
        inverse = np.empty_like(order)
        inverse[order] = np.arange(len(order))
        self.labels_ = labels[inverse]
        self.similarity_ = own[inverse]
        return self

    @staticmethod
    def _relabel_by_size(raw: np.ndarray, k: int) -> np.ndarray:
        """Number themes 0..k-1 by size (largest first), ties by first item, so
        ids do not depend on the clustering's arbitrary numbering."""
        order = sorted(range(k), key=lambda j: (-(raw == j).sum(),
                                                 int(np.argmax(raw == j)) if (raw == j).any() else 1 << 30))
        mapping = {old: new for new, old in enumerate(order)}
        return np.array([mapping[j] for j in raw])

    def _theme_table(self, tfidf, labels: np.ndarray, ids: np.ndarray,
                     names: Mapping[int, str] | None = None) -> pd.DataFrame:
        overall = np.asarray(tfidf.mean(axis=0)).ravel()
        stems = self.vectorizer_.get_feature_names_out()
        boost = np.array([COLLOCATION_LABEL_BOOST if t in self.collocation_stems_ else 1.0 for t in stems])
        rows = []
        n = len(labels)
        names = names or {}
        for j in (int(i) for i in ids):
            mask = labels == j
            if mask.any():
                inside = np.asarray(tfidf[mask].mean(axis=0)).ravel()
                score = (inside - overall) * boost
                top = np.lexsort((self.terms_, -score))[: self.n_terms * 3]
                terms = _dedupe_terms(self.terms_[top].tolist(), self.n_terms + 2)
            else:
                terms = []
            rows.append({"theme_id": j, "label": names.get(j) or " / ".join(terms[: self.n_terms]) or f"theme {j}",
                         "terms": ", ".join(terms), "size": int(mask.sum()),
                         "share": float(mask.sum() / n)})
        un = labels == UNASSIGNED
        rows.append({"theme_id": UNASSIGNED, "label": "Unassigned", "terms": "",
                     "size": int(un.sum()), "share": float(un.sum() / n)})
        counts = Counter(r["label"] for r in rows)
        for r in rows:  # two themes never share a label: tables keyed by label would merge or fail on them
            if counts[r["label"]] > 1:
                r["label"] = f"{r['label']} (theme {r['theme_id']})"
        return pd.DataFrame(rows)

    def _assign(self, texts: list[str], chunk: int = 20_000) -> tuple[np.ndarray, np.ndarray]:
        """Nearest theme and its similarity for each text, in chunks (bounded memory)."""
        labels = np.empty(len(texts), dtype=int)
        own = np.empty(len(texts), dtype=float)
        for start in range(0, len(texts), chunk):
            lsa, empty_rows = self._lsa(texts[start:start + chunk])
            sims = lsa @ self.centroids_.T
            best = sims.argmax(axis=1)
            best_sim = sims[np.arange(len(best)), best]
            labels[start:start + chunk] = np.where(empty_rows | (best_sim < self.unassigned_threshold), UNASSIGNED,
                                                   self.theme_ids_[best])
            own[start:start + chunk] = best_sim
        return labels, own

    # -- using -----------------------------------------------------------------
    def _lsa(self, X: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        check_is_fitted(self, "centroids_")
        tfidf = self.vectorizer_.transform(_check_texts(X))
        empty_rows = np.asarray(tfidf.sum(axis=1)).ravel() == 0
        return Normalizer().transform(self.svd_.transform(tfidf)), empty_rows

    def transform(self, X: Sequence[str]) -> np.ndarray:
        """Cosine similarity of each text to each theme centre, shape (n, n_themes_); columns follow ``theme_ids_``."""
        lsa, _ = self._lsa(X)
        return lsa @ self.centroids_.T

    def predict(self, X: Sequence[str]) -> np.ndarray:
        """Theme id of each text (``-1`` where it fits no theme)."""
        lsa, empty_rows = self._lsa(X)
        sims = lsa @ self.centroids_.T
        best = sims.argmax(axis=1)
        own = sims[np.arange(len(best)), best]
        return np.where(empty_rows | (own < self.unassigned_threshold), UNASSIGNED, self.theme_ids_[best])

    def set_themes(self, X: Sequence[str], labels: Sequence[int],
                   names: Mapping[int, str] | None = None) -> ThemeModel:
        """Replace the fitted themes by researcher-adjusted ones (see :mod:`hcd.themes.overrides`).

        Parameters
        ----------
        X : sequence of str
            The training texts, in the order used for fitting.
        labels : sequence of int
            The final theme of each text (``-1`` unassigned); ids may be new.
        names : mapping of int to str, optional
            Labels that replace the generated ones.

        Returns
        -------
        self
            With ``labels_``, ``theme_ids_``, ``centroids_``, ``similarity_``,
            ``themes_`` and ``n_themes_`` recomputed; ``transform`` and
            ``predict`` then follow the adjusted themes.
        """
        check_is_fitted(self, "centroids_")
        texts = _check_texts(X)
        labels = np.asarray(labels, dtype=int)
        if len(labels) != len(texts):
            raise ValueError(f"got {len(labels)} labels for {len(texts)} texts")
        tfidf = self.vectorizer_.transform(texts)
        lsa = Normalizer().transform(self.svd_.transform(tfidf))
        self.theme_ids_ = np.array(sorted({int(j) for j in labels if j != UNASSIGNED}), dtype=int)
        self.centroids_ = _centroids(lsa, labels, self.theme_ids_)
        self.n_themes_ = len(self.theme_ids_)
        position = {j: i for i, j in enumerate(self.theme_ids_)}
        self.similarity_ = np.array([float(lsa[r] @ self.centroids_[position[j]]) if j != UNASSIGNED else 0.0
                                     for r, j in enumerate(labels)])
        self.labels_ = labels
        self.themes_ = self._theme_table(tfidf, labels, self.theme_ids_, names)
        return self

    def fit_predict(self, X: Sequence[str], y: None = None) -> np.ndarray:
        """Fit and return ``labels_``."""
        return self.fit(X).labels_


def _centroids(lsa: np.ndarray, labels: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Unit-length mean LSA vector of each theme in ``ids`` (zeros for an empty one)."""
    centres = np.vstack([lsa[labels == j].mean(axis=0) if (labels == j).any() else np.zeros(lsa.shape[1])
                         for j in ids]) if len(ids) else np.zeros((0, lsa.shape[1]))
    norms = np.linalg.norm(centres, axis=1, keepdims=True)
    return centres / np.where(norms == 0, 1, norms)


def _consensus_labels(lsa: np.ndarray, k: int, runs: int, seed: int) -> np.ndarray:
    """k clusters from the co-association of ``runs`` k-means runs (average linkage).

    ``C[i, j]`` is the share of runs that put items i and j together; the
    items are then merged bottom-up by the mean ``1 - C`` between groups
    (average linkage: as accurate as complete linkage against human labels on
    CFPB data, more stable across seeds, and without complete linkage's
    catch-all theme on mixed sprint corpora). Deterministic for a seed.
    """
    from scipy import sparse
    from sklearn.cluster import AgglomerativeClustering

    n = lsa.shape[0]
    blocks = []
    for r in range(runs):
        lab = KMeans(n_clusters=k, n_init=1, random_state=seed + r).fit_predict(lsa)
        blocks.append(sparse.csr_matrix((np.ones(n, dtype=np.float32), (np.arange(n), lab)), shape=(n, k)))
    H = sparse.hstack(blocks).tocsr()
    co = (H @ H.T).toarray() / runs
    distance = 1.0 - co
    np.fill_diagonal(distance, 0.0)
    return AgglomerativeClustering(n_clusters=k, metric="precomputed", linkage="average").fit_predict(distance)


def _dedupe_terms(terms: list[str], n: int) -> list[str]:
    """Keep distinct terms, dropping a unigram already inside a chosen phrase."""
    chosen: list[str] = []
    for t in terms:
        words = t.split()
        if len(set(words)) < len(words):  # "reached reached": a repeat, not a phrase
            continue
        if any(t in c.split() or t == c for c in chosen):
            continue
        chosen = [c for c in chosen if c not in t.split()]
        chosen.append(t)
        if len(chosen) >= n:
            break
    return chosen


def describe_themes(documents: pd.DataFrame, model: ThemeModel, n_quotes: int = 5,
                    sentiment: Sequence[float] | None = None, sentiment_sample: int = 300) -> pd.DataFrame:
    """The ranked theme table for the documents a model was fitted on.

    Parameters
    ----------
    documents : DataFrame
        Columns :data:`hcd.schemas.DOCUMENTS`, in the order used for fitting.
    model : ThemeModel
        Fitted on ``documents["text"]``.
    n_quotes : int
        Representative quotes per theme (closest to the theme centre).
    sentiment : sequence of float, optional
        Per-document scores. If omitted, :func:`hcd.text.sentiment_scores` is
        computed for up to ``sentiment_sample`` items per theme (those closest
        to its centre), and ``mean_sentiment`` and ``negative_share`` are
        estimated from them.
    sentiment_sample : int

    Returns
    -------
    DataFrame
        Columns :data:`THEMES`, sorted by severity (unassigned last). ``quotes``
        is a list of ``{"text", "source", "doc_id"}`` dicts.
    """
    check_is_fitted(model, "labels_")
    if len(documents) != len(model.labels_):
        raise ValueError("documents and the fitted model differ in length; "
                         "fit the model on documents['text']")
    labels = model.labels_
    text = documents["text"]
    if sentiment is not None:
        sent = np.asarray(sentiment, dtype=float)
    else:
        sent = np.full(len(documents), np.nan)
        for j in np.unique(labels):
            members = np.flatnonzero(labels == j)
            chosen = members[np.argsort(-model.similarity_[members], kind="stable")[:sentiment_sample]]
            sent[chosen] = sentiment_scores(text.iloc[chosen].tolist())
    # columns as arrays: no row copies of the (possibly millions of) documents
    participant = documents["participant"].fillna("").astype(str).to_numpy()
    agency = documents["agency"].fillna("").astype(str).to_numpy()
    assigned = labels != UNASSIGNED
    n_assigned = max(1, int(assigned.sum()))

    def agency_set(values: np.ndarray) -> set[str]:  # "A; B" names two agencies
        return {a.strip() for v in set(values) for a in v.split(";") if a.strip()}

    all_participants = set(participant[participant != ""])
    all_agencies = agency_set(agency)
    rows = []
    for _, theme in model.themes_.iterrows():
        j = int(theme["theme_id"])
        members = np.flatnonzero(labels == j)
        s = sent[members]
        s = s[~np.isnan(s)]
        participants = set(participant[members]) - {""}
        agencies = agency_set(agency[members])
        reaches = []
        if all_participants:
            reaches.append(len(participants) / len(all_participants))
        if all_agencies:
            reaches.append(len(agencies) / len(all_agencies))
        reach = float(np.mean(reaches)) if reaches else 1.0
        neg = float((s < -0.05).mean()) if len(s) else 0.0
        size = len(members)
        share = float(size / n_assigned) if j != UNASSIGNED else float(size / max(1, len(labels)))
        best = members[np.argsort(-model.similarity_[members], kind="stable")[:n_quotes]]
        quotes = [{"text": documents["text"].iat[i], "source": documents["source"].iat[i],
                   "doc_id": documents["doc_id"].iat[i]} for i in best]
        rows.append({
            "theme_id": j, "label": theme["label"], "terms": theme["terms"],
            "size": size, "share": share,
            "mean_sentiment": float(s.mean()) if len(s) else 0.0, "negative_share": neg,
            "participants": len(participants), "agencies": len(agencies), "reach": reach,
            "severity": 0.0 if j == UNASSIGNED else round(100 * share * neg * reach, 3),
            "quotes": quotes,
        })
    out = pd.DataFrame(rows)
    out["_un"] = out["theme_id"] == UNASSIGNED
    out = out.sort_values(["_un", "severity", "size", "theme_id"],
                          ascending=[True, False, False, True]).drop(columns="_un")
    out["rank"] = range(1, len(out) + 1)
    return out.loc[:, list(THEMES)].reset_index(drop=True)
