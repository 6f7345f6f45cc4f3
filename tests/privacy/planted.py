"""A seeded corpus of fictional personal data planted in ordinary sentences, one category at a time.

Every name, number and address here is made up (combinations drawn at random
from the lists below); the corpus tests recall per category and stays the same
for a seed. ``plant(seed, n)`` gives ``(category, text, needles)`` triples: the
needles are the strings that must not survive redaction.
"""

from __future__ import annotations

import random

FIRST = ["Amara", "Bogdan", "Chiamaka", "Dmitri", "Esperanza", "Fionnuala", "Guadalupe", "Hiroshi", "Ifeoma",
         "Joaquín", "Kalani", "Leticia", "Mateus", "Nadège", "Oluwaseun", "Pilar", "Quentin", "Rosalind",
         "Søren", "Thandiwe", "Ulrike", "Valentina", "Wojciech", "Ximena", "Yusuf", "Zofia", "Agnès", "Björn",
         "Caoimhe", "Dolores", "Émilie", "Florencio", "Gráinne", "Hélène", "Íñigo", "Jürgen"]
LAST = ["Abernathy", "Bălan", "Castañeda", "Dlamini", "Eriksson", "Fitzgerald", "Gallagher", "Hoang",
        "Ibáñez", "Jovanović", "Kowalczyk", "Lindqvist", "Mbeki", "Nakamura", "Ó Súilleabháin", "Papadopoulos",
        "Quiñones", "Rautenbach", "Szymańska", "Trujillo", "Umeh", "Villaseñor", "Wierzbicki", "Yamamoto",
        "Zúñiga", "Østergaard", "Núñez", "Okonkwo", "McAllister", "O'Rourke", "de la Cruz", "Van der Berg"]
TITLES = ["Mr.", "Ms.", "Mrs.", "Dr.", "Mx.", "Miss"]
STREETS = ["Juniper Hollow Road", "North Alder Street", "Catalpa Avenue", "West Sycamore Lane", "Old Mill Drive",
           "Prairie Wind Court", "Larkspur Way"]
RELATIONS = ["caseworker", "landlord", "daughter", "husband", "navigator", "case manager", "neighbor"]


def _name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(LAST)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def _us_phone(rng: random.Random) -> str:
    a, b, c = str(rng.randint(201, 989)), str(rng.randint(200, 999)), _digits(rng, 4)
    return rng.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}", f"1-{a}-{b}-{c}"])


def _intl_phone(rng: random.Random) -> str:
    return rng.choice([
        f"+44 20 {_digits(rng, 4)} {_digits(rng, 4)}", f"+52 55 {_digits(rng, 4)} {_digits(rng, 4)}",
        f"+33 1 {_digits(rng, 2)} {_digits(rng, 2)} {_digits(rng, 2)} {_digits(rng, 2)}",
        f"+49 30 {_digits(rng, 7)}", f"+234 803 {_digits(rng, 3)} {_digits(rng, 4)}",
        f"+63 917 {_digits(rng, 3)} {_digits(rng, 4)}", f"0044 161 {_digits(rng, 3)} {_digits(rng, 4)}",
        f"+91-98{_digits(rng, 3)}-{_digits(rng, 5)}", f"+1-202-555-{_digits(rng, 4)}",
    ])


def _ssn(rng: random.Random) -> str:
    a, b, c = str(rng.randint(100, 899)), _digits(rng, 2), _digits(rng, 4)
    return rng.choice([f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"{a} {b} {c}", f"9{_digits(rng, 2)}-7{_digits(rng, 1)}-{c}"])


def plant(seed: int = 20261206, n: int = 12) -> list[tuple[str, str, list[str]]]:
    """``n`` sentences per category, each ``(category, text, needles)``."""
    rng = random.Random(seed)
    out: list[tuple[str, str, list[str]]] = []
    for _ in range(n):
        first, last = _name(rng)
        full = f"{first} {last}"
        user = f"{first.lower()[:3]}.{_digits(rng, 3)}"
        out += [
            ("email", f"You can write to me at {user}@mail-example.org or my work address.",
             [f"{user}@mail-example.org"]),
            ("phone (US)", f"Please call me back at {(p := _us_phone(rng))} after five.", [p]),
            ("phone (international)", f"My sister abroad is reachable on {(q := _intl_phone(rng))} most evenings.",
             [q]),
            ("SSN/ITIN", f"They asked for my number again, {(s := _ssn(rng))}, on the third form.", [s]),
            ("date of birth", f"The system has my date of birth as {rng.randint(1, 12)}/{rng.randint(1, 28)}/19"
                              f"{rng.randint(40, 99)} and won't let me change it.", []),
            ("address", f"I moved to {rng.randint(10, 9999)} {rng.choice(STREETS)}, Apt {rng.randint(1, 40)} in May.",
             []),
            ("case number", f"My claim number is UI-20{rng.randint(20, 26)}-{_digits(rng, 6)} and nobody can find it.",
             []),
            ("name (introduction)", f"Hi, I'm {full}, and I applied for unemployment in March.", [first, last]),
            ("name (my name is)", f"My name is {full} and I have called six times.", [first, last]),
            ("name (title)", f"{rng.choice(TITLES)} {last} told me to upload it again.", [last]),
            ("name (signature)", f"Please fix this before the hearing.\nSincerely,\n{full}", [first, last]),
            ("name (relation)", f"My {rng.choice(RELATIONS)} {full} drove me to the office.", [first, last]),
            ("name (this is)", f"This is {full} calling about the letter I got.", [first, last]),
        ]
        dob = out[-9][1].split(" as ")[1].split(" and")[0]
        out[-9] = (out[-9][0], out[-9][1], [dob])
        addr = out[-8][1].removeprefix("I moved to ").removesuffix(" in May.")
        out[-8] = (out[-8][0], out[-8][1], [addr])
        case = out[-7][1].split(" is ")[1].split(" and")[0]
        out[-7] = (out[-7][0], out[-7][1], [case])
    return out


def leaks(redacted: str, needles: list[str]) -> list[str]:
    """The needles (or, for names, their words) still in ``redacted``."""
    left = []
    for needle in needles:
        parts = [needle] if any(ch.isdigit() for ch in needle) or "@" in needle else needle.split()
        left += [p for p in parts if len(p) > 2 and p.lower() not in ("de", "la", "van", "der") and p in redacted]
    return left
