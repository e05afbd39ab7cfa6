"""Rewrites read as English: articles, plurals and lists, on every template and awkward slots."""

from __future__ import annotations

import pytest

from pitchlint.checks.paths import builtin_pack_dir
from pitchlint.rewrite.english import is_plural, join_and, join_or, with_article
from pitchlint.rewrite.templates import Renderer

TEMPLATES = sorted(p.name for p in (builtin_pack_dir() / "templates").glob("*.j2") if not p.name.startswith("_"))


@pytest.mark.parametrize("phrase,expected", [
    ("university recruiter", "a university recruiter"),
    ("HR business partner", "an HR business partner"),
    ("sales engineer", "a sales engineer"),
    ("engineering manager", "an engineering manager"),
    ("SRE", "an SRE"),
    ("UX researcher", "a UX researcher"),
    ("MBA admissions officer", "an MBA admissions officer"),
    ("hourly associate", "an hourly associate"),
    ("one-person agency owner", "a one-person agency owner"),
    ("8-person startup founder", "an 8-person startup founder"),
    ("100-person startup founder", "a 100-person startup founder"),
    ("European sales lead", "a European sales lead"),
    ("head of growth", "a head of growth"),
    ("VP of Sales", "a VP of Sales"),
    ("chief of staff", "a chief of staff"),
    ("data analysis lead", "a data analysis lead"),
    ("recruiters", "recruiters"),
    ("VPs of engineering", "VPs of engineering"),
    ("people in HR", "people in HR"),
    ("product managers at Stripe", "product managers at Stripe"),
    ("someone in finance", "someone in finance"),
    ("[a role, e.g. product manager]", "[a role, e.g. product manager]"),
])
def test_with_article(phrase, expected):
    assert with_article(phrase) == expected


@pytest.mark.parametrize("phrase,plural", [
    ("recruiters", True), ("people", True), ("sales engineers", True), ("analysis lead", False),
    ("analytics lead", False), ("boss", False), ("status page owner", False), ("staff", False), ("SRE", False),
])
def test_is_plural(phrase, plural):
    assert is_plural(phrase) is plural


@pytest.mark.parametrize("roles,expected", [
    (["underwriting"], "someone in underwriting"),
    (["product management"], "someone in product management"),
    (["devrel"], "someone in devrel"),
    (["underwriting", "actuary"], "someone in underwriting or an actuary"),
    (["Store manager", "store manager"], "a Store manager"),
    (["recruiter", "engineering manager", "SRE", "VPs of sales"],
     "a recruiter, an engineering manager, an SRE, or VPs of sales"),
])
def test_roles_phrase(roles, expected):
    from pitchlint.rewrite.english import roles_phrase

    assert roles_phrase(roles) == expected


def test_lists_of_one_two_and_four():
    assert join_or(["Stripe"]) == "Stripe"
    assert join_or(["Stripe", "Plaid"]) == "Stripe or Plaid"
    assert join_or(["Stripe", "Plaid", "Brex", "Ramp"]) == "Stripe, Plaid, Brex, or Ramp"
    assert join_and(["Seattle", "Portland"]) == "Seattle and Portland"
    assert join_or([]) == ""


@pytest.fixture(scope="module")
def render():
    return Renderer([builtin_pack_dir() / "templates"])


SLOTS = dict(companies=[], roles=[], people=[], fields=[], openings=[], sectors=[], locations=[], reason="",
             role_example="", place_example="", action="call", ask="If you know anyone, let me know.")

# (slots, what the rewrite's opening reads, per template)
CASES = [
    (dict(people=["university recruiter"], companies=["Stripe"]),
     {"coach.j2": "Do you know a university recruiter at Stripe who might",
      "target-outside-ask.j2": "Do you know a university recruiter at Stripe who might",
      "vague-ask.j2": "Do you know a university recruiter at Stripe who might",
      "missing-ask.j2": "Could you introduce me to a university recruiter at Stripe?"}),
    (dict(people=["HR business partner"], companies=["Stripe", "Plaid"]),
     {"coach.j2": "Do you know an HR business partner at Stripe or Plaid who might",
      "target-outside-ask.j2": "Do you know an HR business partner at Stripe or Plaid who might",
      "vague-ask.j2": "Do you know an HR business partner at Stripe or Plaid who might",
      "missing-ask.j2": "Could you introduce me to an HR business partner at Stripe or Plaid?"}),
    (dict(people=["sales engineer"], companies=["Stripe", "Plaid", "Brex", "Ramp"]),
     {"coach.j2": "Do you know a sales engineer at Stripe, Plaid, Brex, or Ramp who might",
      "target-outside-ask.j2": "Do you know a sales engineer at Stripe, Plaid, Brex, or Ramp who might",
      "vague-ask.j2": "Do you know a sales engineer at Stripe, Plaid, Brex, or Ramp who might",
      "missing-ask.j2": "Could you introduce me to a sales engineer at Stripe, Plaid, Brex, or Ramp?"}),
    (dict(people=["recruiters"], sectors=["climate tech"], locations=["Seattle"]),
     {"coach.j2": "Do you know recruiters in climate tech in Seattle who might",
      "target-outside-ask.j2": "Do you know recruiters in climate tech in Seattle who might",
      "vague-ask.j2": "Do you know recruiters in climate tech in Seattle who might",
      "missing-ask.j2": "Could you introduce me to recruiters in climate tech in Seattle?"}),
    (dict(people=["UX researcher", "engineering manager"], sectors=["health care", "public sector"]),
     {"coach.j2": "Do you know a UX researcher or an engineering manager in health care or public sector who might",
      "target-outside-ask.j2": "Do you know a UX researcher or an engineering manager in health care or public sector who might",
      "vague-ask.j2": "Do you know a UX researcher or an engineering manager in health care or public sector who might",
      "missing-ask.j2": "Could you introduce me to a UX researcher or an engineering manager in health care or public sector?"}),
    (dict(people=["SRE"], companies=["the Gates Foundation"]),
     {"coach.j2": "Do you know an SRE at the Gates Foundation who might",
      "target-outside-ask.j2": "Do you know an SRE at the Gates Foundation who might",
      "vague-ask.j2": "Do you know an SRE at the Gates Foundation who might",
      "missing-ask.j2": "Could you introduce me to an SRE at the Gates Foundation?"}),
    (dict(fields=["underwriting"], sectors=["insurance"]),
     {"coach.j2": "Do you know someone in underwriting in insurance who might",
      "target-outside-ask.j2": "Do you know someone in underwriting in insurance who might",
      "vague-ask.j2": "Do you know someone in underwriting in insurance who might",
      "missing-ask.j2": "Could you introduce me to someone in underwriting in insurance?"}),
    (dict(companies=["Amazon Web Services"]),
     {"coach.j2": "Do you know someone at Amazon Web Services who might",
      "target-outside-ask.j2": "Do you know anyone at Amazon Web Services who might",
      "vague-ask.j2": "Do you know [a role, e.g. product manager] at Amazon Web Services who might",
      "missing-ask.j2": "Could you introduce me to [a role, e.g. product manager] at Amazon Web Services?"}),
]


def test_every_template_is_in_the_table():
    assert TEMPLATES == sorted({name for _, openings in CASES for name in openings})


@pytest.mark.parametrize("slots,openings", CASES)
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_reads_as_english(render, template, slots, openings):
    text = render(template, **{**SLOTS, **slots})
    assert text.startswith(openings[template])
    assert "  " not in text and " ," not in text and " ?" not in text
    assert not any(bad in text for bad in (" a a", " an a ", " a an ", "an UX", "a HR", "an u"))


def test_the_reason_follows_the_rewrite(render):
    for template in [t for t in TEMPLATES if "reason" in (builtin_pack_dir() / "templates" / t).read_text()
                     and t != "coach.j2"]:  # the coach's ask starts with the writer's reason
        text = render(template, **{**SLOTS, "people": ["data engineer"], "reason": "I build pipelines."})
        assert text.endswith(" I build pipelines.")


@pytest.mark.parametrize("sectors, said", [
    (["hospital"], "hospitals"),
    (["restaurant", "fintech"], "restaurants or fintech"),
    (["school district"], "school districts"),
    (["health systems"], "health systems"),
    (["retail", "early-childhood education"], "retail or early-childhood education"),
])
def test_kinds_of_employer_are_plural_after_in_and_fields_are_not(sectors, said):
    from pitchlint.rewrite.english import sector_phrase

    assert sector_phrase(sectors) == said


_INFLECT_ANSWERS = r"""
import json, sys
from pathlib import Path
if sys.argv[1] == "ours":
    from pitchlint.rewrite.english import _engine
    engine = _engine()
else:
    import inflect  # with typeguard's instrumentation
    engine = inflect.engine()
words = []
for name in ("roles.txt", "sectors.txt"):
    for line in (Path(sys.argv[2]) / "lexicons" / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words += line.split()
answers = [[engine.a(w), engine.plural_noun(w), engine.singular_noun(w)] for w in sorted(set(words))]
answers += [engine.join(words[:n], conj="or") for n in range(1, 5)] + [engine.number_to_words(n) for n in (8, 11, 100, 1800)]
print(json.dumps({"typeguard": sys.modules.get("typeguard").__name__ if "typeguard" in sys.modules else None,
                  "instrumented": "typeguard" in sys.modules, "answers": answers}))
"""


def test_inflect_without_typeguard_gives_the_same_words_and_leaves_typeguard_alone():
    """english.py imports inflect with its @typechecked as a no-op (2-3 s of CPU saved on the first
    rewrite); on every word of the lexicons inflect answers as it does when instrumented."""
    import json
    import subprocess
    import sys

    def run(which: str) -> dict:
        done = subprocess.run([sys.executable, "-c", _INFLECT_ANSWERS, which, str(builtin_pack_dir())],
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    real, ours = run("real"), run("ours")
    assert len(real["answers"]) > 500 and ours["answers"] == real["answers"]
    assert real["instrumented"] and not ours["instrumented"]  # no stand-in left in sys.modules


def test_a_typeguard_imported_before_is_put_back(monkeypatch):
    import sys
    import types

    from pitchlint.rewrite import english

    earlier = types.ModuleType("typeguard")
    monkeypatch.setitem(sys.modules, "typeguard", earlier)
    monkeypatch.delitem(sys.modules, "inflect", raising=False)
    inflect = english._import_inflect()
    assert sys.modules["typeguard"] is earlier and inflect.engine().a("hour") == "an hour"


def test_the_coach_s_ask_starts_with_the_writer_s_reason(render):
    text = render("coach.j2", **{**SLOTS, "people": ["data engineer"], "reason": "I build pipelines."})
    assert text == ("I build pipelines. Do you know a data engineer who might talk with me for 20 minutes? "
                    "I'd be grateful for an introduction.")
