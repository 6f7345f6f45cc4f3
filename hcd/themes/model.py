"""Pain-point themes: a scikit-learn style model over utterances, complaints and survey comments.

:class:`ThemeModel` reads each text as a theme should (speech without its
fillers, passages in another language set aside: :mod:`hcd.themes.speech`),
preprocesses with NLTK (:class:`hcd.text.Preprocessor`), vectorises with
TF-IDF (uni- and bigrams), reduces with LSA (exact truncated SVD, unit-normalised)
and clusters by consensus k-means, k-means or NMF. Given the kind of each
text, every kind of source is clustered on its own and matching themes are
aligned (:mod:`hcd.themes.sources`), so neither interviews nor complaints
swamp the other. With ``n_themes="auto"`` k is chosen by stability above
chance over a range that grows with the data (:mod:`hcd.themes.selection`),
the curve is kept in ``selection_curve_`` and ``k_warning_`` says when the
chosen k sits at the edge of the range.

Each theme is labelled by a short phrase found verbatim in its own items,
distinct from every other label (:mod:`hcd.themes.labels`), with its top
terms beside it. Items whose similarity to their theme's centre is below
``unassigned_threshold`` (or that have no content words) get theme ``-1``,
an explicit "Unassigned" group, never silently dropped.
:func:`hcd.themes.describe.describe_themes` turns a fitted model into the
ranked theme table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from numbers import Integral

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import Normalizer
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from hcd.text import Preprocessor
from hcd.themes.assignment import assign_texts, canonical_order, nearest, project
from hcd.themes.clustering import centroids, consensus_labels, one_thread, truncated_svd
from hcd.themes.labels import interviewer_phrases, label_themes
from hcd.themes.selection import CRITERIA, default_range, select_k
from hcd.themes.sources import MIN_SOURCE_ITEMS, align_themes, allocate_k, balance_weights, source_groups
from hcd.themes.speech import SPEECH_KINDS, clean_speech, theming_texts

__all__ = ["ThemeModel", "UNASSIGNED", "THEMES"]

UNASSIGNED = -1
#: ``method="consensus"`` up to this many items (its co-association matrix is n x n).
CONSENSUS_MAX_ITEMS = 6000
#: Score multiplier for learned collocations among a theme's terms, so "identity verification"
#: wins over "identity" and "verification" alone.
COLLOCATION_LABEL_BOOST = 1.5

#: Columns of the theme table from :func:`hcd.themes.describe.describe_themes`.
THEMES = ("theme_id", "label", "terms", "size", "share", "balanced_share", "mean_sentiment", "negative_share",
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


def _check_kinds(kinds: Sequence[str] | None, n: int) -> np.ndarray:
    if kinds is None:
        return np.full(n, "", dtype=object)
    out = np.array(["" if k is None else str(k) for k in kinds], dtype=object)
    if len(out) != n:
        raise ValueError(f"got {len(out)} kinds for {n} texts")
    return out


class ThemeModel(BaseEstimator):
    """Cluster texts into labelled pain-point themes.

    Parameters
    ----------
    n_themes : int or "auto", default "auto"
        Number of themes, or choose k by ``k_selection`` between ``min_themes``
        and ``max_themes``. With several kinds of source a whole number is
        shared among them (in proportion to the square root of their sizes)
        before matching themes are merged, so fewer may remain.
    method : {"consensus", "kmeans", "nmf"}, default "consensus"
        ``consensus``: ``consensus_runs`` k-means runs on the LSA vectors,
        combined through their co-association matrix and cut into k themes by
        average linkage (accurate and stable across seeds; see
        ``benchmarks/bench_themes_quality.py``); used up to
        ``CONSENSUS_MAX_ITEMS`` items, k-means above. ``kmeans``: one k-means
        (best of 10 starts). ``nmf``: NMF topics on TF-IDF, item -> strongest topic.
    min_themes, max_themes : int or None, default None
        Range tried by ``n_themes="auto"`` (for each kind of source); None
        scales it with the number of items (:func:`hcd.themes.selection.default_range`).
    k_selection : {"stability", "silhouette"}, default "stability"
        How ``auto`` chooses k: the knee of stability above chance, or (the
        first version's criterion, which grew with k) the best mean silhouette.
    n_components : int, default 40
        LSA dimensions (capped by the data).
    ngram_range : tuple, default (1, 2)
    min_df : int or float, default 3
    max_df : float, default 0.6
    unassigned_threshold : float, default 0.05
        Items less similar than this to their theme centre are unassigned.
    n_terms : int, default 3
        Terms shown first in ``terms``.
    collocations : bool, default True
        Learn the corpus's two-word collocations (NLTK likelihood ratio,
        ``collocations_``) and prefer them among a theme's terms. Service
        phrases with a stopword ("on hold", :data:`hcd.text.DOMAIN_PHRASES`)
        are always one term.
    consensus_runs : int, default 50
        k-means runs combined by ``consensus`` (run side by side:
        :func:`hcd.themes.clustering.kmeans_runs`).
    sample_size : int, default 20_000
        With more texts than this, the model is fitted on a seeded sample of
        this size and every text is then assigned to its nearest theme in chunks.
    source_balance : {"separate", "pooled"}, default "separate"
        With the kind of each text given to :meth:`fit`: ``separate`` clusters
        each kind (with at least ``MIN_SOURCE_ITEMS`` items) on its own and
        merges matching themes across kinds; ``pooled`` clusters everything at once.
    align_threshold : float, default 0.5
        Least cosine between the centres (in the shared LSA space) of two
        themes of different kinds for them to be merged into one.
    speech_kinds : tuple of str, default ("interview",)
        Kinds read as speech: fillers, backchannels and false starts removed.
    language : str, default "english"
        Stopwords and stemmer; sentences clearly in another language are not themed.
    random_state : int, RandomState or None

    Attributes
    ----------
    n_themes_ : int
    theme_ids_ : ndarray
        Theme id of each row of ``centroids_`` and column of :meth:`transform`.
    labels_ : ndarray of shape (n_samples,)
        Theme per training text (``-1`` = unassigned).
    themes_ : DataFrame
        ``theme_id``, ``label``, ``terms``, ``size``, ``share`` (incl. unassigned).
    selection_curve_ : DataFrame or None
        One row per kind and k tried with ``n_themes="auto"``
        (:data:`hcd.themes.selection.SELECTION_COLUMNS`).
    k_warning_ : str
        Why the chosen k may be wrong (it sits at the edge of the range tried); "" otherwise.
    sources_ : list of str
        The kinds clustered on their own (empty when pooled).
    alignments_ : list of tuple
        Themes of different kinds merged: ``(theme, theme, cosine)`` before renumbering.
    vectorizer_, preprocessor_ : fitted text components
    collocations_ : list of str
    method_ : str

    Examples
    --------
    >>> texts = ["I waited on hold for hours", "on hold for hours on the phone line", "on hold for hours again",
    ...          "they lost my pay stubs", "lost my pay stubs twice", "they lost my pay stubs and asked again"]
    >>> m = ThemeModel(n_themes=2, min_df=1, random_state=0).fit(texts)
    >>> sorted(m.themes_.query("theme_id >= 0")["size"].tolist())
    [3, 3]
    >>> sorted(m.themes_.query("theme_id >= 0")["label"])
    ['lost my pay stubs', 'on hold for hours']
    """

    def __init__(self, n_themes: int | str = "auto", method: str = "consensus", min_themes: int | None = None,
                 max_themes: int | None = None, k_selection: str = "stability", n_components: int = 40,
                 ngram_range: tuple[int, int] = (1, 2), min_df: int | float = 3,
                 max_df: float = 0.6, unassigned_threshold: float = 0.05, n_terms: int = 3,
                 collocations: bool = True, consensus_runs: int = 50, sample_size: int = 20_000,
                 source_balance: str = "separate", align_threshold: float = 0.5,
                 speech_kinds: tuple[str, ...] = SPEECH_KINDS, language: str = "english",
                 random_state: int | None = None):
        self.n_themes = n_themes
        self.method = method
        self.consensus_runs = consensus_runs
        self.sample_size = sample_size
        self.min_themes = min_themes
        self.max_themes = max_themes
        self.k_selection = k_selection
        self.n_components = n_components
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.unassigned_threshold = unassigned_threshold
        self.n_terms = n_terms
        self.collocations = collocations
        self.source_balance = source_balance
        self.align_threshold = align_threshold
        self.speech_kinds = speech_kinds
        self.language = language
        self.random_state = random_state

    # -- fitting ---------------------------------------------------------------
    def _check_params(self, n_samples: int) -> None:
        if self.method not in ("consensus", "kmeans", "nmf"):
            raise ValueError(f"method must be 'consensus', 'kmeans' or 'nmf', got {self.method!r}")
        if not (self.n_themes == "auto" or (isinstance(self.n_themes, Integral) and self.n_themes >= 2)):
            raise ValueError(f"n_themes must be 'auto' or an int >= 2, got {self.n_themes!r}")
        if self.k_selection not in CRITERIA:
            raise ValueError(f"k_selection must be one of {', '.join(CRITERIA)}, got {self.k_selection!r}")
        if self.source_balance not in ("separate", "pooled"):
            raise ValueError(f"source_balance must be 'separate' or 'pooled', got {self.source_balance!r}")
        if n_samples < 2:
            raise ValueError(f"need at least 2 texts to find themes, got {n_samples}")
        if isinstance(self.n_themes, Integral) and self.n_themes > n_samples:
            raise ValueError(f"n_themes={self.n_themes} is more than the {n_samples} texts")

    @one_thread
    def fit(self, X: Sequence[str], y: None = None, *, kinds: Sequence[str] | None = None,
            exclude_from_labels: Sequence[str] | None = None) -> ThemeModel:
        """Fit themes to texts ``X``.

        Parameters
        ----------
        X : sequence of str
        y : ignored
        kinds : sequence of str, optional
            The kind of source of each text (``documents["kind"]``: interview,
            complaint, survey): speech kinds are cleaned of fillers, and each
            kind is clustered on its own (``source_balance``).
        exclude_from_labels : sequence of str, optional
            The interviewers' turns: phrases that are their words (said in two
            or more turns, and at least as often per turn as in the interview
            items) never label a theme (``label_exclusions_``).

        The texts are put in a canonical order before fitting, so the same
        texts give the same themes and assignments whatever their input order.
        """
        texts_in = _check_texts(X)
        kinds_in = _check_kinds(kinds, len(texts_in))
        self._check_params(len(texts_in))
        order = canonical_order(texts_in, kinds_in)
        all_texts = [texts_in[i] for i in order]
        all_kinds = kinds_in[order]
        rng = check_random_state(self.random_state)
        seed = int(rng.randint(np.iinfo(np.int32).max))
        sampled = len(all_texts) > self.sample_size
        fit_idx = (np.sort(np.random.RandomState(seed).choice(len(all_texts), self.sample_size, replace=False))
                   if sampled else np.arange(len(all_texts)))
        kinds_fit = all_kinds[fit_idx]
        texts = theming_texts([all_texts[i] for i in fit_idx], kinds_fit, self.speech_kinds, self.language)
        self.n_fit_ = len(texts)
        self.kinds_ = kinds_in
        self.preprocessor_ = Preprocessor(self.language)
        spoken = [t for t, k in zip(texts, kinds_fit, strict=True) if k in self.speech_kinds] or texts
        self.label_exclusions_ = interviewer_phrases([clean_speech(str(t)) for t in exclude_from_labels or ()],
                                                     spoken, self._stopwords())
        learned: list[tuple[str, str]] = []
        if self.collocations:
            learned = self.preprocessor_.learn_phrases(texts, min_count=3 if len(texts) < 2000 else 5, add=False)
        self.collocations_ = [f"{a} {b}" for a, b in learned]
        self.collocation_stems_ = {f"{self.preprocessor_.stem(a)} {self.preprocessor_.stem(b)}" for a, b in learned}
        tfidf = self._vectorize(texts)
        self.terms_ = np.array([self.preprocessor_.readable(t) for t in self.vectorizer_.get_feature_names_out()])
        groups = source_groups(kinds_fit, MIN_SOURCE_ITEMS) if self.source_balance == "separate" else []
        self.sources_ = [kind for kind, _ in groups]
        weights = np.sqrt(balance_weights(kinds_fit)) if groups else None  # every kind weighs the same ...
        self.svd_ = truncated_svd(tfidf.multiply(weights[:, None]).tocsr() if groups else tfidf, self.n_components,
                                  seed)  # ... in the shared space used to assign and compare
        raw_lsa = self.svd_.transform(tfidf)
        self.normalizer_ = Normalizer(copy=False)
        lsa = self.normalizer_.fit_transform(raw_lsa.copy())
        empty_rows = np.asarray(tfidf.sum(axis=1)).ravel() == 0

        self.alignments_: list[tuple[int, int, float]] = []
        raw = np.full(len(texts), -1)  # texts with no word to theme are not clustered (they stay unassigned)
        if not groups:
            live = np.flatnonzero(~empty_rows)
            raw[live], k, curve, warning = self._cluster(tfidf[live], raw_lsa[live], self.n_themes, seed, "")
            curves, warnings = [curve], [warning]
        else:
            curves, warnings, group_of, offset = [], [], [], 0
            fixed = (allocate_k(int(self.n_themes), [len(idx) for _, idx in groups])
                     if self.n_themes != "auto" else ["auto"] * len(groups))
            for g, ((kind, idx), k_spec) in enumerate(zip(groups, fixed, strict=True)):
                idx = idx[~empty_rows[idx]]
                sub = tfidf[idx]
                svd = truncated_svd(sub, self.n_components, seed)
                labels_g, k_g, curve, warning = self._cluster(sub, svd.transform(sub), k_spec, seed, kind)
                raw[idx] = labels_g + offset
                group_of += [g] * k_g
                offset += k_g
                curves.append(curve)
                warnings.append(warning)
            raw, self.alignments_ = align_themes(lsa, raw, np.array(group_of), self.align_threshold)
        kept = [c for c in curves if c is not None]
        self.selection_curve_ = pd.concat(kept, ignore_index=True) if kept else None
        self.k_warning_ = "; ".join(w for w in warnings if w)
        raw = self._relabel_by_size(raw)
        k = int(raw.max()) + 1
        self.theme_ids_ = np.arange(k)
        self.centroids_ = centroids(lsa, raw, self.theme_ids_)
        sims = lsa @ self.centroids_.T
        rest = raw < 0  # kinds too small to cluster on their own: the nearest theme
        raw[rest] = sims[rest].argmax(axis=1) if rest.any() else raw[rest]
        own = sims[np.arange(len(texts)), raw]
        labels = np.where(empty_rows | (own < self.unassigned_threshold), UNASSIGNED, raw)
        self.n_themes_ = k
        self.themes_ = self._theme_table(tfidf, labels, self.theme_ids_, texts=texts, similarity=own)
        if sampled:
            labels, own = self._assign(all_texts, all_kinds)
            counts = pd.Series(labels).value_counts()
            self.themes_["size"] = [int(counts.get(j, 0)) for j in self.themes_["theme_id"]]
            self.themes_["share"] = self.themes_["size"] / len(labels)
        inverse = np.empty_like(order)
        inverse[order] = np.arange(len(order))
        self.labels_ = labels[inverse]
        self.similarity_ = own[inverse]
        return self

    def _stopwords(self) -> frozenset[str]:
        return frozenset(self.preprocessor_._stop)

    def _vectorize(self, texts: list[str]):
        n = len(texts)
        self.vectorizer_ = TfidfVectorizer(
            tokenizer=self.preprocessor_.tokens, lowercase=False, token_pattern=None, ngram_range=self.ngram_range,
            min_df=self.min_df if n >= 20 else 1, max_df=self.max_df if n >= 20 else 1.0, sublinear_tf=True)
        try:
            return self.vectorizer_.fit_transform(texts)
        except ValueError as exc:  # scikit-learn's "empty vocabulary"
            if "empty vocabulary" not in str(exc):
                raise
            raise ValueError(f"none of the {n} texts has a word to theme: they hold only numbers, "
                             "placeholders such as [NAME] or very common words") from None

    def _cluster(self, tfidf, raw_lsa: np.ndarray, k_spec: int | str, seed: int,
                 source: str) -> tuple[np.ndarray, int, pd.DataFrame | None, str]:
        """Cluster one set of items: ``(labels 0..k-1, k, selection curve or None, edge warning)``."""
        n = tfidf.shape[0]
        lsa = Normalizer().fit_transform(raw_lsa)
        curve, warning = None, ""
        if n < 3:
            return np.zeros(n, dtype=int), 1, None, ""
        if k_spec == "auto":
            lo, hi = default_range(n)
            k_max = max(2, min(self.max_themes or hi, n - 1))
            k_min = max(2, min(self.min_themes or lo, k_max))
            k, curve = select_k(raw_lsa, k_min, k_max, seed, self.k_selection, source=source)
            warning = str(curve.loc[curve["chosen"], "warning"].iloc[0])
        else:
            k = max(1, min(int(k_spec), n))
        method = "kmeans" if self.method == "consensus" and n > CONSENSUS_MAX_ITEMS else self.method
        self.method_ = method
        if k == 1:
            raw = np.zeros(n, dtype=int)
        elif method == "consensus":
            raw = consensus_labels(lsa, k, self.consensus_runs, seed)
        elif method == "kmeans":
            raw = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(lsa).labels_
        else:
            nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=400)
            raw = nmf.fit_transform(tfidf).argmax(axis=1)
            self.nmf_ = nmf
        return self._relabel_by_size(np.asarray(raw)), k, curve, warning

    @staticmethod
    def _relabel_by_size(raw: np.ndarray) -> np.ndarray:
        """Number themes 0..k-1 by size (largest first), ties by first item, so ids do not depend on the
        clustering's arbitrary numbering; negative labels (not yet placed) stay as they are."""
        ids = sorted({int(j) for j in raw if j >= 0},
                     key=lambda j: (-(raw == j).sum(), int(np.argmax(raw == j))))
        mapping = {old: new for new, old in enumerate(ids)}
        return np.array([mapping.get(int(j), int(j)) for j in raw], dtype=int)

    def _theme_table(self, tfidf, labels: np.ndarray, ids: np.ndarray, names: Mapping[int, str] | None = None,
                     texts: Sequence[str] = (), similarity: np.ndarray | None = None) -> pd.DataFrame:
        overall = np.asarray(tfidf.mean(axis=0)).ravel()
        stems = self.vectorizer_.get_feature_names_out()
        boost = np.array([COLLOCATION_LABEL_BOOST if t in self.collocation_stems_ else 1.0 for t in stems])
        names = {int(j): str(v) for j, v in (names or {}).items()}
        phrases = label_themes(texts, labels, [int(j) for j in ids], stopwords=self._stopwords(),
                               stem=self.preprocessor_.stem, similarity=similarity,
                               exclude=self.label_exclusions_, names=names) if len(texts) else {}
        rows = []
        n = len(labels)
        alphabetical = np.unique(self.terms_, return_inverse=True)[1]  # the terms' order, as numbers
        for j in (int(i) for i in ids):
            mask = labels == j
            terms: list[str] = []
            if mask.any():
                inside = np.asarray(tfidf[mask].mean(axis=0)).ravel()
                score = (inside - overall) * boost
                top = _top(score, alphabetical, self.n_terms * 3)
                terms = _dedupe_terms(self.terms_[top].tolist(), self.n_terms + 2)
            label = names.get(j) or phrases.get(j) or " / ".join(terms[: self.n_terms]) or f"theme {j}"
            rows.append({"theme_id": j, "label": label, "terms": ", ".join(terms), "size": int(mask.sum()),
                         "share": float(mask.sum() / n)})
        un = labels == UNASSIGNED
        rows.append({"theme_id": UNASSIGNED, "label": "Unassigned", "terms": "",
                     "size": int(un.sum()), "share": float(un.sum() / n)})
        counts = Counter(r["label"].lower() for r in rows)
        for r in rows:  # two themes never share a label: tables keyed by label would merge or fail on them
            if counts[r["label"].lower()] > 1:
                r["label"] = f"{r['label']} (theme {r['theme_id']})"
        return pd.DataFrame(rows)

    def _assign(self, texts: list[str], kinds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Nearest theme and its similarity for each text, in chunks, on every core for many
        (:func:`hcd.themes.assignment.assign_texts`)."""
        return assign_texts(self, texts, kinds, unassigned=UNASSIGNED)

    # -- using -----------------------------------------------------------------
    def _lsa(self, X: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        check_is_fitted(self, "centroids_")
        return project(self.vectorizer_, self.svd_, _check_texts(X))

    def transform(self, X: Sequence[str]) -> np.ndarray:
        """Cosine similarity of each text to each theme centre, shape (n, n_themes_); columns follow ``theme_ids_``."""
        lsa, _ = self._lsa(X)
        return lsa @ self.centroids_.T

    def predict(self, X: Sequence[str]) -> np.ndarray:
        """Theme id of each text (``-1`` where it fits no theme)."""
        lsa, empty_rows = self._lsa(X)
        return nearest(lsa @ self.centroids_.T, empty_rows, self.theme_ids_, self.unassigned_threshold, UNASSIGNED)[0]

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
            Labels that replace the generated ones (and that no generated label repeats).

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
        kinds = self.kinds_ if len(self.kinds_) == len(texts) else None
        texts = theming_texts(texts, kinds, self.speech_kinds, self.language)
        tfidf = self.vectorizer_.transform(texts)
        lsa = Normalizer().transform(self.svd_.transform(tfidf))
        self.theme_ids_ = np.array(sorted({int(j) for j in labels if j != UNASSIGNED}), dtype=int)
        self.centroids_ = centroids(lsa, labels, self.theme_ids_)
        self.n_themes_ = len(self.theme_ids_)
        position = {j: i for i, j in enumerate(self.theme_ids_)}
        self.similarity_ = np.array([float(lsa[r] @ self.centroids_[position[j]]) if j != UNASSIGNED else 0.0
                                     for r, j in enumerate(labels)])
        self.labels_ = labels
        self.themes_ = self._theme_table(tfidf, labels, self.theme_ids_, names, texts=texts,
                                         similarity=self.similarity_)
        return self

    def fit_predict(self, X: Sequence[str], y: None = None, **fit_params: object) -> np.ndarray:
        """Fit and return ``labels_``."""
        return self.fit(X, **fit_params).labels_


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


def _top(score: np.ndarray, tie_break: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` highest scores, ties by ``tie_break`` then index: ``np.lexsort((tie_break,
    -score))[:k]``, sorting only the scores that reach the ``k``-th highest.

    >>> _top(np.array([0.1, 0.5, 0.5, 0.2]), np.array([0, 2, 1, 3]), 2).tolist()
    [2, 1]
    """
    if k >= len(score):
        return np.lexsort((tie_break, -score))[:k]
    reach = np.flatnonzero(-score <= np.partition(-score, k - 1)[k - 1])
    return reach[np.lexsort((tie_break[reach], -score[reach]))][:k]
