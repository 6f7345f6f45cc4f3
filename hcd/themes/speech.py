"""Texts as the theme model reads them: speech without its fillers, passages in another language set aside.

Interview transcripts are speech. Their turns are full of disfluencies
("uh", "um"), fillers ("you know", "I mean", "like I said"), backchannels
("Mm-hmm.", "Yeah, yeah.", "Perfect, thank you.") and false starts ("the,
the data"), which carry no theme but, being frequent, used to fill themes
and their labels. :func:`clean_speech` replaces each of them by a pause mark
(``" | "``), so they never become a term, and a label phrase (which never
spans a pause) can never contain one; every word sequence left between two
marks is a word sequence of the original turn. Quotes keep the original text.

:func:`foreign_language` detects a passage in another language by the NLTK
stopwords of each language (a French sentence has French function words and
few English ones). :func:`theming_texts` removes such sentences from the
text to theme, and :func:`hcd.pipeline.build_documents` sets aside whole
texts not in the sprint's language, so "que / fait / c'est" never becomes a
theme.

Examples
--------
>>> clean_speech("Uh, so, you know, the, the pay stubs never arrived. Mm-hmm. Yeah.")
'| the pay stubs never arrived. |.'
>>> clean_speech("Perfect, thank you so much. Bye!")
'|.'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

__all__ = ["FILLERS", "FILLER_PHRASES", "BACKCHANNELS", "PAUSE", "SPEECH_KINDS", "clean_speech", "foreign_language",
           "drop_foreign_passages", "theming_texts", "content_words", "is_filler", "WORD", "ASCII_WORD"]

#: What a removed filler becomes: a mark no term or label phrase crosses.
PAUSE = "|"
#: Document kinds that are speech (interview turns and transcripts).
SPEECH_KINDS = ("interview",)

#: Disfluencies: removed wherever they occur.
FILLERS = frozenset("""
uh uhh uhm um umm erm er ah ahh eh hmm hm mm mmm mhm mmhm huh mm-hmm mm-hm uh-huh uh-uh ok-ok
""".split())
#: Filler phrases: removed wherever they occur.
FILLER_PHRASES: tuple[str, ...] = (
    "you know what i mean", "you know", "i mean", "like i said", "as i said", "like i say", "kind of", "sort of",
    "i guess", "i think", "i would say", "i'd say", "let's say", "lets say", "let's see", "let me think",
    "how do you say", "how can i say", "so to speak", "or something like that", "or something", "or whatever",
    "and stuff like that", "and stuff", "and so on", "and so forth", "to be honest", "you see", "i don't know",
    "if you will", "at the end of the day", "basically", "a little bit", "that's a good question", "good question",
    "great question", "interesting question", "that's a great question",
)
#: Backchannels and small talk: removed when a clause is made of nothing else ("Okay, cool. Thanks.").
BACKCHANNELS = frozenset("""
yeah yea yep yup yes no nope okay ok alright right sure cool great perfect exactly absolutely totally definitely
indeed true correct fine nice wow oh well so and but like good awesome excellent interesting thanks thank you
bye goodbye hi hello hey welcome sorry pardon really gotcha got it see agreed course of much very so-so anyway
sounds makes sense question all that's that is it's lovely fantastic brilliant certainly
""".split())
_ANNOTATION = re.compile(r"[\[(](?:inaudible|crosstalk|cross-talk|laugh\w*|pause\w*|silence|unintelligible|"
                         r"overlapping\w*|overtalk|background noise|noise|music|cough\w*|sigh\w*|chuckl\w*|"
                         r"indistinct\w*|unclear|break|audio\w*)[^\])\n]{0,40}[\])]", re.I)
#: A word: letters, joined by apostrophes or hyphens ("don't", "follow-up").
WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
#: :data:`WORD` in lower-cased ASCII text (faster: a letter is a-z there).
ASCII_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")
_CLAUSE = re.compile(r"[^.,;:!?\n]+|[.,;:!?\n]+")
_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024f]")
_PAUSES = re.compile(r"(?:\|[\s,;:.!?]*)+")
_STOP = re.compile(r"[.!?]")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*|\n+")


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    parts = sorted({p for p in phrases}, key=len, reverse=True)
    body = "|".join(r"[\s,]+".join(re.escape(w) for w in p.split()) for p in parts)
    return re.compile(rf"(?<![\w'\u2019-])(?:{body})(?![\w'\u2019-])", re.I)


_FILLER_RX = _phrase_pattern([*FILLER_PHRASES, *FILLERS])
_REPEAT = re.compile(  # a word said twice in a row: "the, the data"
    r"(?<![\w'\u2019-])([^\W\d_]+(?:['\u2019][^\W\d_]+)?)([\s,.\-\u2013\u2014]+)(?=\1(?![\w'\u2019-]))", re.I)


def is_filler(word: str) -> bool:
    """True for a disfluency such as "uh", "um" or "mm-hmm" (lower-case word).

    >>> is_filler("mm-hmm"), is_filler("payment")
    (True, False)
    """
    return word.lower() in FILLERS


def clean_speech(text: str) -> str:
    """``text`` without disfluencies, fillers, backchannel-only clauses, false starts and transcript annotations.

    Each removal leaves :data:`PAUSE`; punctuation is kept, so sentences stay sentences.
    """
    text = _ANNOTATION.sub(f" {PAUSE} ", text or "")
    text = _FILLER_RX.sub(PAUSE, text)
    for _ in range(3):  # "the, the, the data" -> "| | the data"
        new = _REPEAT.sub(PAUSE + r"\2", text)
        if new == text:
            break
        text = new
    out = []
    for piece in _CLAUSE.findall(text):
        words = [w.lower().replace("\u2019", "'") for w in WORD.findall(piece)]
        if words and all(w in BACKCHANNELS or w in FILLERS for w in words):
            out.append(f" {PAUSE}")
        else:
            out.append(piece)
    text = _PAUSES.sub(lambda m: f"{PAUSE}. " if _STOP.search(m.group(0)) else f"{PAUSE} ", "".join(out))
    return " ".join(text.split())


#: Languages detected by their NLTK stopwords: those of the Latin script most often met in US public services,
#: and those of other scripts (named when their stopwords match, else "other script").
DETECTED_LANGUAGES = ("spanish", "french", "portuguese", "italian", "german", "dutch", "turkish", "indonesian",
                      "russian", "arabic", "chinese", "greek", "hebrew", "bengali", "nepali", "kazakh", "tajik")


@lru_cache(maxsize=1)
def _language_words() -> dict[str, frozenset[str]]:
    """Per detected language, its stopwords that are not English ones (nor English words in NLTK's
    Hinglish and extended English lists: Dutch "want", German "also" are English words too)."""
    from nltk.corpus import stopwords

    from hcd.text import ensure_nltk_data

    ensure_nltk_data(download=False)
    english = set()
    for name in ("english", "english-extended", "hinglish"):
        if name in stopwords.fileids():
            english |= {w.lower() for w in stopwords.words(name)}
    english |= {w.replace("'", "") for w in english}
    out = {}
    for lang in DETECTED_LANGUAGES:
        if lang in stopwords.fileids():
            words = {w.lower() for w in stopwords.words(lang)}
            out[lang] = frozenset(w for w in words if len(w) >= 2 and w not in english
                                  and w.replace("'", "") not in english)
    out["english"] = frozenset(w for w in (w.lower() for w in stopwords.words("english")) if len(w) >= 2)
    return out


@lru_cache(maxsize=1)
def _foreign_vocabulary() -> frozenset[str]:
    """Every non-English function word of every language: a text with fewer than 3 of them has no foreign passage."""
    return frozenset().union(*(v for lang, v in _language_words().items() if lang != "english"))


def foreign_language(text: str, language: str = "english", min_words: int = 4) -> str | None:
    """The language of ``text`` if it is clearly not ``language``, else None.

    A text is foreign when at least three of its words are function words of
    another NLTK stopword language (words that are not English stopwords) and
    they outnumber its English function words two to one, or when most of its
    letters are outside the Latin script (the language is then named by its
    stopwords when it can be, else ``"other script"``). Texts under
    ``min_words`` words (and ten letters) are never called foreign.

    Examples
    --------
    >>> foreign_language("Je ne sais pas, c'est vraiment difficile avec le dossier et la banque.")
    'french'
    >>> foreign_language("I could not get through to the bank about my account.") is None
    True
    """
    words = _words(text)
    letters = "".join(words)
    if len(letters) >= 10 and len(_NON_LATIN.findall(letters)) > len(letters) / 2:
        return _best(words, _language_words(), "english") or "other script"
    if len(words) < min_words:
        return None
    lists = _language_words()
    if language != "english":
        return None if _count(words, lists.get(language, frozenset())) >= 2 else _best(words, lists, language)
    if _count(words, _foreign_vocabulary()) < 3:  # no language can reach 3 (most texts): none counted one by one
        return None
    best = _best(words, lists, "english")
    if best is None:
        return None
    hits = _count(words, lists[best])
    return best if hits >= 3 and hits >= 2 * _count(words, lists["english"]) else None


def _words(text: str) -> list[str]:
    """Lower-case words; "c'est" also gives "c" and "est"."""
    out = []
    for w in WORD.findall(text or ""):
        w = w.lower().replace("\u2019", "'")
        if not w.strip("x"):  # CFPB's XXXX masks
            continue
        out.append(w)
        if "'" in w:
            out += [p for p in w.split("'") if p]
    return out


def _count(words: Sequence[str], vocabulary: frozenset[str]) -> int:
    """How many of ``words`` are in ``vocabulary``, as they are or without their apostrophes."""
    found = sum(map(vocabulary.__contains__, words))  # counted in C; then the few words with an apostrophe
    return found + sum(1 for w in words if "'" in w and w not in vocabulary and w.replace("'", "") in vocabulary)


def _best(words: Sequence[str], lists: dict[str, frozenset[str]], skip: str) -> str | None:
    scores = sorted(((-_count(words, v), lang) for lang, v in lists.items() if lang not in (skip, "english")))
    return scores[0][1] if scores and scores[0][0] < 0 else None


def drop_foreign_passages(text: str, language: str = "english") -> str:
    """``text`` with its sentences in another language replaced by :data:`PAUSE`."""
    if not text:
        return ""
    if language == "english":  # fast path: most texts hold too few foreign function words to have a passage
        vocabulary = _foreign_vocabulary()
        ascii_only = text.isascii()
        words = (ASCII_WORD if ascii_only else WORD).findall(text.lower())
        latin = ascii_only or len(_NON_LATIN.findall(text)) * 2 < sum(map(len, words))
        if latin and sum(map(vocabulary.__contains__, words)) < 3:
            return text
    out = []
    for sentence in _SENTENCE.findall(text):
        out.append(f" {PAUSE} " if foreign_language(sentence, language) else sentence)
    return "".join(out)


def content_words(text: str, stopwords: frozenset[str]) -> list[str]:
    """Lower-case words of ``text`` that are not stopwords, fillers or pause marks."""
    text = text or ""
    words = ASCII_WORD.findall(text.lower()) if text.isascii() else [x.lower() for x in WORD.findall(text)]
    return [w for w in words if w not in stopwords and w not in FILLERS]


def theming_texts(texts: Sequence[str], kinds: Sequence[str] | None = None,
                  speech_kinds: Sequence[str] = SPEECH_KINDS, language: str = "english",
                  drop_foreign: bool = True) -> list[str]:
    """The texts the theme model reads: speech cleaned (:func:`clean_speech`), foreign sentences dropped.

    Parameters
    ----------
    texts : sequence of str
    kinds : sequence of str, optional
        Kind of each text (``"interview"``, ``"complaint"``...); texts of a
        kind in ``speech_kinds`` are cleaned as speech.
    language : str
        The sprint's language; sentences clearly in another are dropped when ``drop_foreign``.
    """
    speech = set(speech_kinds)
    out = []
    for i, text in enumerate(texts):
        text = text or ""
        if kinds is not None and kinds[i] in speech:
            text = clean_speech(text)
        if drop_foreign and text:
            text = drop_foreign_passages(text, language)
        out.append(text)
    return out
