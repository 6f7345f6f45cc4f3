"""Speech read as a theme should read it: fillers, backchannels and false starts out; other languages set aside."""

import pandas as pd

from hcd.themes.labels import label_words, occurs_in
from hcd.themes.speech import PAUSE, clean_speech, drop_foreign_passages, foreign_language, theming_texts
from tests.conftest import ROOT


def test_fillers_backchannels_and_false_starts_leave_only_pauses():
    text = "Uh, so, you know, the, the portal kept, um, timing out. Mm-hmm. Yeah, yeah. Like I said, I mean, twice."
    clean = clean_speech(text)
    words = label_words(clean)
    assert not {"uh", "um", "mm-hmm", "yeah"} & set(words)
    assert "you know" not in " ".join(words) and "i mean" not in " ".join(words)
    assert "the portal kept" in clean and "timing out" in clean
    # every run of words between pauses is a run of words of the original turn
    for run in clean.replace(".", PAUSE).replace(",", PAUSE).split(PAUSE):
        if run.strip():
            assert occurs_in(run, text), run


def test_a_turn_of_small_talk_has_nothing_left():
    for chatter in ("Okay, cool. Thanks.", "Perfect, thank you so much. Bye!", "Mm-hmm. Right, right. Sure.",
                    "[inaudible] (laughs) yeah"):
        assert label_words(clean_speech(chatter)) == [], chatter


def test_content_words_that_look_like_backchannels_stay_in_a_real_clause():
    assert "the right documents" in clean_speech("They never said which were the right documents.")
    assert "not sure" in clean_speech("I was not sure where to send it")


def test_passages_in_another_language_are_detected_and_dropped():
    assert foreign_language("Je ne sais pas, c'est vraiment difficile avec le dossier et la banque.") == "french"
    assert foreign_language("Necesito ayuda con mi solicitud porque no tengo los documentos.") == "spanish"
    assert foreign_language("我打了很多次电话但是没有人接听我的电话。") is not None
    assert foreign_language("I sent the documents to the bank twice and nobody answered.") is None
    mixed = "I called the office twice. Je ne sais pas ce qu'il faut faire avec le dossier. They never wrote back."
    kept = drop_foreign_passages(mixed)
    assert "I called the office twice." in kept and "They never wrote back." in kept and "dossier" not in kept


def test_real_complaints_and_transcripts_are_english(shared):
    texts = pd.read_csv(shared / "cfpb_dev.csv", dtype=str, keep_default_na=False)["Consumer complaint narrative"]
    assert [t[:60] for t in texts if foreign_language(t)] == []
    assert all(drop_foreign_passages(t) == t for t in texts)


def test_theming_texts_clean_only_the_speech_kinds():
    out = theming_texts(["uh, you know, the portal", "uh, you know, the portal"], ["interview", "complaint"])
    assert out[0] != out[1] and out[1] == "uh, you know, the portal"


def test_build_documents_sets_aside_turns_not_in_english_and_small_talk():
    from hcd.pipeline import build_documents
    from hcd.schemas import COMPLAINTS, UTTERANCES, empty

    texts = ["I waited on hold for three hours today and then the line dropped",
             "Alors je ne sais pas, c'est vraiment difficile avec le dossier et la banque, vous voyez",
             "Okay, yeah, perfect, thank you so much, bye bye now"]
    u = pd.DataFrame([{c: "" for c in UTTERANCES} | {"utterance_id": f"f:{i}", "line": i, "role": "participant",
                                                      "text": t} for i, t in enumerate(texts)])
    docs, excluded = build_documents(u, empty(COMPLAINTS))
    assert docs["doc_id"].tolist() == ["f:0"]
    reasons = excluded.set_index("reason")["rows"]
    assert reasons["not in english, set aside for translation (french)"] == 1
    assert reasons["turns under 5 words once fillers and backchannels are removed"] == 1


def _reference_drop_foreign(text):
    """drop_foreign_passages as first written: every word read with the Unicode pattern, counted one by one."""
    from hcd.themes.speech import _NON_LATIN, _SENTENCE, WORD, _foreign_vocabulary

    if not text:
        return ""
    words = WORD.findall(text.lower())
    latin = text.isascii() or len(_NON_LATIN.findall(text)) * 2 < sum(map(len, words))
    if latin and sum(w in _foreign_vocabulary() for w in words) < 3:
        return text
    return "".join(f" {PAUSE} " if foreign_language(s) else s for s in _SENTENCE.findall(text))


MIXED = ["", "XXXX", "Je ne sais pas, c'est vraiment difficile avec le dossier et la banque. The bank said no.",
         "El banco no me dio el dinero que me debe y no contesta. I called them twice.",
         "Das ist nicht mein Konto und ich habe es nie eröffnet. They never answered.",
         "Ich bin's, c’est la vie, l'été est là, d'accord? Okay.", "это не мой счёт и я его не открывал",
         "Café niño São Paulo straße ſtolen", "don't won't it's o'clock", "Je t'aime. Tu m'as dit que non.",
         "l'argent d'un dossier qu'il n'a pas, l'argent d'un dossier qu'il n'a pas. I paid."]


def test_drop_foreign_passages_equal_the_first_version(shared):
    texts = pd.read_csv(shared / "cfpb_dev.csv", dtype=str, keep_default_na=False)["Consumer complaint narrative"]
    dropped = 0
    for text in [*texts, *MIXED]:
        got = drop_foreign_passages(text)
        assert got == _reference_drop_foreign(text), text[:80]
        dropped += got != text
    assert dropped >= 4  # the French, German, mixed and Russian passages


def test_foreign_words_are_counted_with_and_without_apostrophes():
    from hcd.themes.speech import _count

    vocabulary = frozenset({"cest", "la", "qu'il", "dun"})
    words = ["c'est", "la", "qu'il", "d'un", "d'une", "la", "l'", "bank", "c'est"]
    assert _count(words, vocabulary) == sum(w in vocabulary or w.replace("'", "") in vocabulary for w in words) == 6


def test_content_words_equal_a_word_by_word_reading(shared):
    from hcd.text import stopword_set
    from hcd.themes.speech import FILLERS, WORD, content_words

    stop = stopword_set("english")
    texts = pd.read_csv(shared / "cfpb_dev.csv", dtype=str, keep_default_na=False)["Consumer complaint narrative"]
    for text in [*texts, *MIXED, "Uh, UM the BANK | mm-hmm", None]:
        expected = [w for w in (x.lower() for x in WORD.findall(text or "")) if w not in stop and w not in FILLERS]
        assert content_words(text, stop) == expected
    assert content_words("Uh, the BANK closed | my account", stop) == ["bank", "closed", "account"]
def test_texts_with_too_few_foreign_words_are_told_apart_as_a_count_per_language_tells_them(shared):
    """The quick test (fewer than three function words of any other language: not foreign) gives what counting
    each language's words gives, on real complaints, the sample sprint's items and sentences in other languages."""
    from hcd.themes import speech

    def counted(text):  # the language test without the quick one
        words = speech._words(text)
        letters = "".join(words)
        if len(letters) >= 10 and len(speech._NON_LATIN.findall(letters)) > len(letters) / 2:
            return speech._best(words, speech._language_words(), "english") or "other script"
        if len(words) < 4:
            return None
        lists = speech._language_words()
        best = speech._best(words, lists, "english")
        if best is None:
            return None
        hits = speech._count(words, lists[best])
        return best if hits >= 3 and hits >= 2 * speech._count(words, lists["english"]) else None

    texts = pd.read_csv(shared / "cfpb_dev.csv", dtype=str, keep_default_na=False)[
        "Consumer complaint narrative"].tolist()
    texts += [line for p in sorted((ROOT / "interviews" / "financial-shock").glob("*.md"))
              for line in p.read_text(encoding="utf-8").splitlines()]
    texts += ["Je ne sais pas, c'est vraiment difficile avec le dossier et la banque.",
              "Necesito ayuda con mi solicitud, no entiendo la carta que me mandaron.",
              "Ich habe den Antrag gestellt, aber niemand hat mich angerufen.",
              "Eu não recebi o dinheiro e ninguém me ligou de volta.", "Он не ответил на мой звонок вчера вечером.",
              "No sé qué hacer con la carta, porque no me dijeron nada y yo no tengo el dinero para pagar la renta.",
              "Eu não sei o que fazer com a carta, porque eles não me disseram nada e eu não tenho o dinheiro.",
              "I went to the bank but the caseworker said no, y no me ayudaron con nada de eso."]
    found = [speech.foreign_language(t) for t in texts]
    assert found == [counted(t) for t in texts]
    assert {"french", "spanish", "german", "portuguese", "russian"} <= set(found)
