"""The draft's statement of coding agreement, in plain English, from the agreement tables.

Goes under "Research conducted": how many researchers coded how many items,
how well they agreed with each other and with the automatic keyword codes
(Krippendorff's alpha with its 95% interval), and which codes' keyword rules
disagree with them. The same tables give the same words.

Examples
--------
>>> overall = pd.DataFrame([
...     {"comparison": "researchers", "coders": "ab, cd", "items": 20, "alpha": 0.72, "ci_low": 0.55,
...      "ci_high": 0.86, "note": ""},
...     {"comparison": "rules", "coders": "ab, rules", "items": 20, "alpha": 0.48, "ci_low": 0.3,
...      "ci_high": 0.64, "note": ""},
...     {"comparison": "rules", "coders": "cd, rules", "items": 20, "alpha": 0.51, "ci_low": 0.33,
...      "ci_high": 0.67, "note": ""}])
>>> by_code = pd.DataFrame({"code_name": ["Efficiency"], "comparison": ["rules"], "flagged": [True]})
>>> print(agreement_section(by_code, overall, "A-11 drivers", sample=20)["text"])
Two researchers coded a sample of 20 items stratified by theme against the A-11 drivers codebook, \
deciding for each item whether each code applies. They agreed with each other at Krippendorff's alpha 0.72 \
(95% CI 0.55 to 0.86): enough for tentative conclusions, not yet to rely on the codes alone. The automatic \
keyword codes agreed with each researcher at alpha 0.48 (95% CI 0.30 to 0.64) and 0.51 (95% CI 0.33 to 0.67). \
The keyword rules of 1 code disagree with the researchers (Cohen's kappa below 0.4 on average): \
Efficiency. Edit its keywords in the codebook before relying on its counts; the coding agreement table \
(data/coding_agreement.csv) says which words misfire.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["agreement_section", "alpha_verdict"]

_NUMBERS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine")


def alpha_verdict(alpha: float) -> str:
    """What an alpha supports, by Krippendorff's rule of thumb (0.80 rely, 0.667 tentative).

    >>> alpha_verdict(0.85), alpha_verdict(0.5)
    ('enough to rely on the codes', 'too low to rely on the codes')
    """
    if alpha >= 0.8:
        return "enough to rely on the codes"
    if alpha >= 0.667:
        return "enough for tentative conclusions, not yet to rely on the codes alone"
    return "too low to rely on the codes"


def _alpha(row: pd.Series) -> str:
    """``0.48 (95% CI 0.30 to 0.64)``, or why alpha cannot be measured."""
    if row["alpha"] != row["alpha"]:
        return f"not measurable ({row['note'] or 'undefined'})"
    ci = (f" (95% CI {row['ci_low']:.2f} to {row['ci_high']:.2f})" if row["ci_low"] == row["ci_low"]
          else " (no interval: too few items vary)")
    return f"{row['alpha']:.2f}{ci}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def agreement_section(by_code: pd.DataFrame, overall: pd.DataFrame, codebook: str, *, sample: int = 0,
                      quarantined: int = 0, configured: bool = True) -> dict[str, str]:
    """The agreement paragraph of the draft (``{"text": ...}``), or ``{}`` when the sprint has no codings.

    Parameters
    ----------
    by_code, overall : DataFrame
        The ``coding_agreement`` and ``coding_reliability`` tables (:func:`hcd.themes.agreement.agreement_tables`).
    codebook : str
        The codebook's name as readers know it.
    sample : int
        The size of the sprint's sample stratified by theme when every coded item is in it, else 0.
    quarantined : int
        Coding rows set aside.
    configured : bool
        Whether the sprint names a codings folder; without one the draft says nothing about coding.
    """
    if not configured:
        return {}
    if not len(overall):
        return {"text": "No coding agreement check was done: no researcher has coded a sample of items yet "
                        "(the coding view of the explore notebook does it)."
                        + _set_aside(quarantined)}
    people = overall[overall["comparison"] == "researchers"]
    rules = overall[overall["comparison"] == "rules"].reset_index(drop=True)
    n_people = len(rules)
    n_items = int(people["items"].iloc[0]) if len(people) else int(rules["items"].max())
    who = f"{_NUMBERS[n_people] if n_people < len(_NUMBERS) else n_people} researcher{'s' * (n_people > 1)}"
    items = (f"{n_items} items" if not sample else f"a sample of {n_items} items stratified by theme"
             if n_items >= sample else f"{n_items} items of a sample of {sample} stratified by theme")
    text = (f"{who} coded {items} against the {codebook} codebook, deciding for each item whether each code "
            "applies.")
    if len(people):
        row = people.iloc[0]
        if row["alpha"] == row["alpha"]:
            verdict = alpha_verdict(row["alpha"])
            text += f" They agreed with each other at Krippendorff's alpha {_alpha(row)}: {verdict}."
        else:
            text += f" Their agreement with each other cannot be measured: {row['note'] or 'alpha is undefined'}."
    whom = "each researcher" if n_people > 1 else "the researcher"
    if rules["alpha"].isna().all():
        text += f" The automatic keyword codes' agreement with {whom} cannot be measured: {rules['note'].iloc[0]}."
    else:
        name = "alpha" if len(people) else "Krippendorff's alpha"
        alphas = _join([_alpha(r) for _, r in rules.iterrows()])
        text += f" The automatic keyword codes agreed with {whom} at {name} {alphas}."
    text += _flags(by_code) + _set_aside(quarantined)
    return {"text": text}


def _flags(by_code: pd.DataFrame) -> str:
    if not len(by_code):
        return ""
    # here, not at the top: ``hcd.plan`` imports this module, and the agreement statistics (Krippendorff, the
    # ingest's coding tables) load only for a plan that reports researchers' coding
    from hcd.themes.agreement import KAPPA_THRESHOLD

    flagged = by_code[by_code["flagged"].astype(bool)]
    names = list(dict.fromkeys(flagged.loc[flagged["comparison"] == "rules", "code_name"].astype(str)))
    text = ""
    if names:
        its = "its" if len(names) == 1 else "their"
        text += (f" The keyword rules of {len(names)} code{'s' * (len(names) > 1)} disagree with the researchers "
                 f"(Cohen's kappa below {KAPPA_THRESHOLD:g} on average): {_join(names)}. Edit {its} keywords "
                 f"in the codebook before relying on {its} counts; the coding agreement table "
                 "(data/coding_agreement.csv) says which words misfire.")
    split = list(dict.fromkeys(flagged.loc[flagged["comparison"] == "researchers", "code_name"].astype(str)))
    if split:
        text += (f" The researchers disagree with each other on {_join(split)}: agree on when "
                 f"{'it applies' if len(split) == 1 else 'they apply'} before judging the rules.")
    return text


def _set_aside(quarantined: int) -> str:
    if not quarantined:
        return ""
    return (f" {quarantined} coding row{'s' * (quarantined > 1)} could not be used and "
            f"{'were' if quarantined > 1 else 'was'} set aside (data/coding_quarantine.csv).")
