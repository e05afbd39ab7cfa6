"""Bounded work: what keeps a run linear on any message, and the budgets of templates and pack
patterns. Costs are checked as counts and sizes, never as timings."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pitchlint.analysis.chunks import CHUNK_TOKENS, cut_points
from pitchlint.checks import pack_regex
from pitchlint.errors import InputError
from pitchlint.reading import bounds
from pitchlint.reading.bounds import MAX_RUN, MAX_TOKENS, shorten_runs
from pitchlint.reading.read import make_document
from pitchlint.rewrite.budget import MAX_SIZE, MAX_STEPS, BudgetedEnvironment, TemplateBudgetError

VAGUE = "Hi Dana,\n\nIf you know anyone, or hear of any leads, please send them my way.\n"


@pytest.mark.parametrize("run", ["=" * 32_000, "\U0001F600" * 5_000, ">" * 9_000, ":)" * 4_000])
def test_a_long_run_of_marks_is_cut_in_the_prose_only(run):
    text = "Hello.\n" + run + "\n" + VAGUE
    document = make_document(text, "a.txt")
    assert document.text == text  # the file as read, untouched
    assert len(document.prose) == len(text)  # so every offset still points into the file
    start = text.index(run)
    assert document.prose[start:start + MAX_RUN] == run[:MAX_RUN]
    assert document.prose[start + MAX_RUN:start + len(run)].strip() == ""
    assert document.notes == [f"line 2: a run of {len(run):,} punctuation marks or symbols without a space "
                              f"was cut to its first {MAX_RUN} for the analysis (positions still refer to the file)"]


def test_short_runs_and_ordinary_text_are_left_alone():
    text = "Hi!!! " + "-" * MAX_RUN + " :) :) 😀😀\n" + VAGUE
    assert shorten_runs(text) == (text, [])


def test_many_runs_get_one_summary_note():
    _, notes = shorten_runs(("=" * 100 + " ") * 10)
    assert notes[-1] == "... and 7 more such runs" and len(notes) == 4


def test_a_message_with_more_tokens_than_any_message_needs_is_refused():
    with pytest.raises(InputError, match=f"pitchlint reads messages of up to {MAX_TOKENS:,}"):
        make_document("ab\n" * 20_000, "lines.txt")
    make_document("ab\n" * 10_000, "lines.txt")  # 30,000 estimated tokens: still read


def test_the_token_estimate_is_never_below_spacys_count(analyze):
    for text in ["don't stop", "a  b   c\n\n\nd", "U.S.A. e-mail, x@y.z :-)", "ab\n" * 50, "😀 a😀b ..."]:
        estimate = sum(1 for _ in bounds._TOKEN.finditer(text))
        assert estimate >= len(analyze(text).doc) - 1, text  # spaCy may add one trailing space token


def test_sentence_starts_are_set_in_one_pass_with_the_same_result(analyze):
    """The one-pass SentenceBreaks marks the starts a token-by-token walk would, on the shapes it
    handles: short lines, blank lines, numbered and bulleted lists."""
    text = ("Hi Dana,\n\nHope you're well. Two asks:\n1. Could you introduce me to a PM at Stripe?\n"
            "- Any recruiter at Plaid\n* or Adyen\n\nThanks,\nSam\n")
    doc = analyze(text).doc
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Hi", "Hope", "Two", "1", "-", "*", "Thanks", "Sam"]
    assert not doc[[t.text for t in doc].index("Could")].is_sent_start  # "1. Could ..." is one sentence


def test_every_short_line_starts_a_sentence(analyze):
    doc = analyze("Hi\n" * 2_000).doc  # (tests/hostile bounds the cost of 33,000 such lines)
    assert sum(1 for t in doc if t.is_sent_start) == 2_000


def test_long_messages_are_cut_into_pieces_at_paragraphs(analyze):
    paragraph = "Could you introduce me to a recruiter at Microsoft or Stripe? " * 20 + "\n\n"
    doc = analyze(paragraph * 12).doc
    pieces = cut_points(doc)
    assert len(doc) > CHUNK_TOKENS and len(pieces) > 1
    assert all(end - start <= CHUNK_TOKENS for start, end in pieces)
    assert all("\n\n" in doc[end - 1].text for start, end in pieces[:-1])
    assert [(a, b) for (a, _), (_, b) in zip(pieces[1:], pieces[:-1])] == [(b, b) for _, b in pieces[:-1]]


def test_the_analysis_in_pieces_finds_what_the_whole_does(analyze):
    """Each paragraph alone and the same paragraphs in a message long enough to be cut give the
    same entities, at the same places."""
    paragraph = ("I'd love to talk with a product manager at Microsoft or Starbucks in Seattle. "
                 "I spent eight years at Amazon. ") * 8 + "\n\n"
    one = analyze(paragraph)
    many = analyze(paragraph * 15)
    assert len(many.doc) > CHUNK_TOKENS
    expected = [(e.label, e.start, e.text) for e in one.entities]
    for n in range(15):
        shift = n * len(paragraph)
        found = [(e.label, e.start - shift, e.text) for e in many.entities if shift <= e.start < shift + len(paragraph)]
        assert found == expected, n


def test_the_chunked_components_in_batches_give_what_each_message_alone_gives():
    """Short messages go through the senter and NER in batches, long ones piece by piece, in
    their order: the sentence starts and entities of each message alone."""
    from spacy.attrs import SENT_START

    from pitchlint.analysis.pipeline import build_pipeline
    from pitchlint.checks.paths import builtin_pack_dir

    nlp = build_pipeline(None, str(builtin_pack_dir()), scope="everywhere")
    chunked = nlp.get_pipe("pitchlint_chunked")
    assert [c.name for c in chunked.components] == ["senter", "ner"]
    paragraph = "Could you introduce me to a recruiter at Microsoft or Stripe? I worked at Amazon. " * 20 + "\n\n"
    texts = [f"Hi Sam. I spent {n} years at Google. Do you know anyone at Nordstrom in Seattle?" for n in range(40)]
    texts[3] = texts[37] = paragraph * 12  # longer than a piece

    def annotations(doc):
        return doc.to_array([SENT_START]).tolist(), [(e.start, e.end, e.label_) for e in doc.ents]

    alone = [annotations(chunked(nlp.make_doc(text))) for text in texts]
    batched = [annotations(doc) for doc in chunked.pipe((nlp.make_doc(t) for t in texts), batch_size=16)]
    assert len(nlp.make_doc(texts[3])) > CHUNK_TOKENS and any(ents for _, ents in alone)
    assert batched == alone


# --- templates ------------------------------------------------------------------------------------

def render(source: str, **slots) -> str:
    environment = BudgetedEnvironment()
    return environment.render_bounded(environment.from_string(source), slots)


@pytest.mark.parametrize("source,reason", [
    ("{{ 'x' * 10**9 }}", "repeating a value"),
    ("{{ ask * 100000 }}", "repeating a value"),
    ("{{ 'x'|center(10**9) }}", "the center filter was given"),
    ("{{ 'x'.ljust(10**9) }}", "ljust was given"),
    ("{{ '%0999999999d' % 1 }}", "field width"),
    ("{{ '{:>999999999}'.format(1) }}", "field width"),
    ("{{ '%0999999999d'|format(1) }}", "field width"),
    ("{{ ask|replace('', ask)|replace('', ask) }}", "replace would build"),
    ("{{ lipsum(n=10**6) }}", "was given 1,000,000"),
    ("{{ (9**9)**9 }}", "bits"),
    ("{% set ns = namespace(s='xxxxxxxxxx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
     "a value the template holds"),
    ("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}", f"{MAX_STEPS:,} steps"),
    ("{% for i in range(10000) %}{{ ask }}{% endfor %}", "the rewrite is over"),
])
def test_templates_that_would_take_minutes_or_gigabytes_stop_early(source, reason):
    with pytest.raises(TemplateBudgetError, match=reason):
        render(source, ask="If you know anyone, let me know.")


def test_ordinary_templates_render_as_before():
    assert render("{{ roles|join(', ') if roles else '[a role]' }} at {{ ask|upper }}", roles=[], ask="x") == \
        "[a role] at X"
    environment = BudgetedEnvironment()
    template = environment.from_string("{% for r in roles %}{{ r|title }}{{ ', ' if not loop.last }}{% endfor %}")
    assert environment.render_bounded(template, {"roles": ["pm", "recruiter"]}) == "Pm, Recruiter"
    assert len(render("{{ 'x' * n }}", n=MAX_SIZE)) == MAX_SIZE


# --- pack patterns --------------------------------------------------------------------------------

def test_a_pattern_that_backtracks_without_end_is_stopped():
    pattern = pack_regex.compile_pattern(r"(a|aa)+$")
    with pytest.raises(pack_regex.RegexBudgetError, match="took more than"):
        list(pack_regex.finditer(pattern, "a" * 60 + "!"))


def test_ordinary_patterns_match_as_re_would():
    pattern = pack_regex.compile_pattern(r"(?<![\w])(?:pick your brain|any ['’]?leads)(?![\w])", ignore_case=True)
    assert [m.group(0) for m in pack_regex.finditer(pattern, "Can I Pick your brain about any leads?")] == \
        ["Pick your brain", "any leads"]


# --- globs (pathspec's wildmatch) ---------------------------------------------------------------

def test_a_glob_with_many_double_stars_matches_in_bounded_time():
    code = ("from pitchlint.config.globs import matches\n"
            "print(matches('a/' * 30 + 'b.txt', ['**/' * 12 + 'c.txt']))\n")
    try:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=5)
    except subprocess.TimeoutExpired:
        pytest.fail("12 `**/` in one glob took over 5 s on one path")
    assert result.stdout.strip() == "False"
