"""English for rewrites: the indefinite article, plural heads and lists, from `inflect`.

A rewrite is text the writer copies into a message, so "an university recruiter" or "Do you know
sales engineer" is a bug. inflect knows vowel sounds ("a university", "an hour", "an HR partner",
"an SRE") and plurals; the few places it is wrong for job titles are corrected here, each with a
reason. The templates see these as Jinja filters (`with_article`, `join_or`, `join_and`) and a
global (`is_plural`).
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    import inflect

_F = TypeVar("_F", bound=Callable[..., Any])

# The head of a role is the noun before its first preposition: "head of growth" -> "head",
# "engineer at Stripe" -> "engineer". Its number decides the article.
_PREPOSITIONS = {"of", "for", "at", "in", "on", "to", "with", "from", "who", "that", "and", "or"}
# inflect's singular_noun also "singularises" these Latin and -ss/-us words ("analysi", "bu").
_SINGULAR_ENDINGS = ("ss", "us", "is", "ics")
_LEADING_NUMBER = re.compile(r"\d[\d,.]*")
# Acronyms read as letters whose first letter sounds like "you": "a UX researcher", "a UI designer".
_YOU_ACRONYM = re.compile(r"U[A-Z]{1,3}\b")


@lru_cache(maxsize=1)
def _engine() -> inflect.engine:
    engine: inflect.engine = _import_inflect().engine()
    return engine


def _import_inflect() -> types.ModuleType:
    """inflect, imported without typeguard's instrumentation.

    inflect wraps its methods in typeguard's `@typechecked`, which parses and compiles inflect's
    whole module again for each method it wraps: 2-3 s of CPU on the first rewrite of a process
    (jaraco/inflect#212), in a hook or on a fresh language server. Those checks only reject an
    argument of the wrong type or an empty word, which this module never passes (each caller
    skips empty phrases), so inflect is imported with a `typechecked` that returns the method
    as it is, and whatever `typeguard` was in `sys.modules` is put back right after."""
    if "inflect" in sys.modules:
        return sys.modules["inflect"]
    stand_in = types.ModuleType("typeguard")
    stand_in.typechecked = _unchecked  # type: ignore[attr-defined]
    before = sys.modules.get("typeguard")
    sys.modules["typeguard"] = stand_in
    try:
        import inflect
    finally:
        if before is None:
            sys.modules.pop("typeguard", None)
        else:
            sys.modules["typeguard"] = before
    return inflect


def _unchecked(target: _F | None = None, **_options: object) -> _F | Callable[[_F], _F]:
    """`@typechecked` and `@typechecked(...)` as no-ops."""
    return target if target is not None else (lambda function: function)


def head_noun(phrase: str) -> str:
    words = re.findall(r"[\w'&.-]+", phrase)
    head = ""
    for word in words:
        if word.lower() in _PREPOSITIONS and head:
            break
        head = word
    return head


def is_plural(phrase: str) -> bool:
    """Whether a noun phrase names more than one ("recruiters", "VPs of sales", "people in HR")."""
    head = head_noun(phrase)
    if not head or head.isupper() and not head.endswith("s"):
        return False
    if head.lower().endswith(_SINGULAR_ENDINGS):
        return False
    singular = _engine().singular_noun(head)  # False when the word is not a plural it knows
    if not singular:
        return False
    return singular.lower() != head.lower()


def article(phrase: str) -> str:
    """"a" or "an" for a noun phrase, by how its first word sounds."""
    first = phrase.split()[0] if phrase.split() else phrase
    number = _LEADING_NUMBER.match(first)
    if number:  # "an 8-person team", "an 11-week course", "a 100-person startup"
        digits = number.group(0).replace(",", "").split(".")[0]
        # inflect annotates `num` as numbers.Number, which mypy does not match to int; and it
        # returns a list only with wantlist=True
        spoken = cast(str, _engine().number_to_words(int(digits)))  # type: ignore[arg-type]
        return _engine().a(spoken).split()[0]
    if _YOU_ACRONYM.match(first):
        return "a"
    return _engine().a(first).split()[0]


def with_article(phrase: object) -> str:
    """The phrase with "a"/"an" before it, unless it is plural, already has a determiner, or is
    a bracketed prompt for the writer to fill."""
    phrase = str(phrase).strip()
    if not phrase or phrase.startswith("[") or is_plural(phrase):
        return phrase
    if phrase.split()[0].lower() in {"a", "an", "the", "any", "some", "someone", "somebody", "your", "my"}:
        return phrase
    return f"{article(phrase)} {phrase}"


def join(items: Iterable[object], conjunction: str = "or") -> str:
    """"A", "A or B", "A, B, C, or D" (with the serial comma, as inflect writes lists)."""
    words = [str(item) for item in items if str(item).strip()]
    if not words:
        return ""
    return _engine().join(words, conj=conjunction)


def join_or(items: Iterable[object], conjunction: str = "or") -> str:
    return join(items, conjunction)


def join_and(items: Iterable[object]) -> str:
    return join(items, "and")


# A role named by its field ("underwriting", "product management", "devrel") is not a person:
# "someone in underwriting", never "an underwriting".
_FIELDS = {
    "administration", "analytics", "communications", "compliance", "design", "development", "devrel",
    "education", "enablement", "finance", "hr", "it", "legal", "logistics", "management", "marketing",
    "operations", "ops", "partnerships", "policy", "procurement", "production", "recruitment", "research",
    "sales", "security", "strategy", "support",
}
_NOT_FIELDS = {"king", "sibling", "darling"}  # -ing nouns that are people


def is_field(phrase: str) -> bool:
    head = head_noun(phrase).lower()
    return head in _FIELDS or (head.endswith("ing") and len(head) > 5 and head not in _NOT_FIELDS)


def role_phrase(role: object) -> str:
    """A role as the object of "Do you know ...": "a recruiter", "recruiters", "someone in sales"."""
    role = str(role).strip()
    if is_field(role) and not role.startswith("["):
        return f"someone in {role}"
    return with_article(role)


def roles_phrase(roles: Iterable[object]) -> str:
    """Each role in its own words, joined, the same role once whatever its capitals:
    "a recruiter or an engineering manager", "someone in underwriting or an actuary"."""
    unique = list({str(role).strip().lower(): role for role in reversed(list(roles))}.values())[::-1]
    return join_or([role_phrase(role) for role in unique])


# Sectors named by a kind of employer are countable: "someone in hospitals", not "in hospital";
# a field ("fintech", "healthcare", "retail") stays as it is.
_COUNTABLE_KINDS = {"hospital", "clinic", "bank", "startup", "nonprofit", "non-profit", "manufacturer",
                    "restaurant", "hotel", "school", "school district", "health system", "hospital system",
                    "food bank", "grocer", "insurer", "agency", "studio", "brewery", "winery", "bakery",
                    "café", "cafe", "retailer", "distributor", "carrier", "lab", "university", "charity",
                    "foundation", "utility", "practice", "firm", "company", "boutique", "store", "shop"}


def _is_kind_of_employer(sector: str) -> bool:
    """"hospital", "health systems", "startups": employers one can count, in either number."""
    words = sector.lower().split()
    if not words:
        return False
    singular = (_engine().singular_noun(words[-1]) or words[-1]) if is_plural(words[-1]) else words[-1]
    return " ".join([*words[-2:-1], singular]) in _COUNTABLE_KINDS or singular in _COUNTABLE_KINDS


def sector_place(sectors: Iterable[object]) -> str:
    """Where the people work, with its preposition: one kind of employer is "at a hospital",
    several "at hospitals or clinics"; a field, or a mix, is "in fintech" ("in fintech or
    hospitals")."""
    named = [str(s).strip() for s in sectors if str(s).strip()]
    if not named:
        return ""
    if all(_is_kind_of_employer(s) for s in named):
        if len(named) == 1:
            return f"at {with_article(named[0])}"
        return f"at {sector_phrase(named)}"
    return f"in {sector_phrase(named)}"


def kind_of_company(sector: object) -> str:
    """A sector as an example of a kind of company: "a clinic" (a kind of employer), "a company in
    robotics" (a field), "one in your field"."""
    sector = str(sector).strip()
    if not sector or sector == "your field":
        return "one in your field"
    if _is_kind_of_employer(sector):
        words = sector.split()
        if is_plural(sector):
            words[-1] = _engine().singular_noun(words[-1]) or words[-1]
        return with_article(" ".join(words))
    return f"a company in {sector}"


def sector_phrase(sectors: Iterable[str]) -> str:
    """Sectors for "in ___": kinds of employer in the plural, fields as written."""
    said = []
    for sector in sectors:
        words = str(sector).split()
        if _is_kind_of_employer(str(sector)):
            if not is_plural(sector):
                words[-1] = _engine().plural_noun(words[-1]) or words[-1]
        said.append(" ".join(words))
    return join_or(said)


FILTERS = {"with_article": with_article, "join_or": join_or, "join_and": join_and, "roles": roles_phrase,
           "sectors": sector_phrase,
           "sector_place": sector_place, "kind_of_company": kind_of_company}
GLOBALS = {"is_plural": is_plural}
