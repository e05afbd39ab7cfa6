"""Linear in everything: each helper that avoids a per-item walk gives what the walk gives. The
walks are written out here as reference implementations (`walked_*`), and compared on texts with
many short lines, lists, leads, long lines and long messages. No timings: benchmarks/scaling.py
measures."""

from __future__ import annotations

import random

import pytest
from spacy.tokens import Doc

from pitchlint.analysis import Stretch, build_pipeline
from pitchlint.analysis.chunks import CHUNK_TOKENS
from pitchlint.analysis.sentences import SentenceBreaks, SentenceIndex, _starts_list_item
from pitchlint.analysis.statements import LIST_MARKERS, _Lines, _with_list_items
from pitchlint.analysis.targets import LIST_GLUE, _company_list_members, _has_target_context, _list_items
from pitchlint.checks.paths import builtin_pack_dir

LISTS = ("Hi Dana,\n\nHope you're well. Two asks:\n1. Could you introduce me to a PM at Stripe?\n"
         "- Any recruiter at Plaid\n* or Adyen\n2) a designer\n  • someone in fintech\n\nThanks,\nSam\n")
SHORT_LINES = "".join(f"Line {n}\n" if n % 3 else f"Yes\n\n{n}. item at Stripe\n" for n in range(300))
LEADS = "\n".join(f"What I'm looking for at {c}:\n- a recruiter\n- someone in {s}\n\nAsks:\n1. intros\n"
                  for c, s in [("Stripe", "fintech"), ("Nordstrom", "retail"), ("Etsy", "e-commerce")] * 4)
ONE_LINE = " ".join(["Could you introduce me to a product manager at Microsoft, Stripe or Etsy?",
                     "I spent six years at Amazon.", "Know anyone there?", "- not a list here"] * 30)
LONG = ("Hi Dana,\n\n" + "I'd love to meet a recruiter at Microsoft or Starbucks in Seattle. "
        "I spent eight years at Amazon. Know anyone still there?\n" * 120 + "\nThanks,\nSam\n")
TEXTS = [LISTS, SHORT_LINES, LEADS, ONE_LINE, LONG, "Hi\n" * 400, "Hi", "\n\n- \n1.\n"]


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(None, str(builtin_pack_dir()))


def before_breaks(nlp, text: str) -> Doc:
    """The Doc as the model's components leave it, before pitchlint's own."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "pitchlint_breaks":
            return doc
        doc = component(doc)
    raise AssertionError("no pitchlint_breaks in the pipeline")


def per_token_breaks(doc: Doc) -> Doc:
    """SentenceBreaks written as a walk, setting `is_sent_start` token by token."""
    line_words = 0
    for token in doc[:-1]:
        if "\n" in token.text:
            short_line = 0 < line_words <= 4
            blank_line = "\n\n" in token.text.replace(" ", "").replace("\t", "")
            ended = token.i > 0 and doc[token.i - 1].text[-1:] in ("?", "!", ".")
            if blank_line or short_line or ended or _starts_list_item(doc, token.i + 1):
                doc[token.i + 1].is_sent_start = True
            if _starts_list_item(doc, token.i + 1):
                after = token.i + 3 if doc[token.i + 1].like_num else token.i + 2
                if after < len(doc):
                    doc[after].is_sent_start = False
            line_words = 0
        elif not token.is_space:
            line_words += 1
    return doc


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_starts_in_one_array_write_equal_the_token_by_token_writes(nlp, text):
    ours = SentenceBreaks()(before_breaks(nlp, text))
    theirs = per_token_breaks(before_breaks(nlp, text))
    assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in theirs]


def test_the_array_write_keeps_unknown_and_negative_starts(nlp):
    """Values the model left (1, -1) and unknown ones (0) come back as they were where no break is due."""
    doc = nlp.make_doc("one two three four five six seven")
    doc[3].is_sent_start = False
    doc[5].is_sent_start = True
    assert [t.is_sent_start for t in SentenceBreaks()(doc)] == [True, None, None, False, None, True, None]


def test_long_message_is_cut_into_pieces_and_still_agrees(nlp):
    doc = before_breaks(nlp, LONG * 2)
    assert len(doc) > CHUNK_TOKENS
    assert [t.is_sent_start for t in SentenceBreaks()(doc)] == \
        [t.is_sent_start for t in per_token_breaks(before_breaks(nlp, LONG * 2))]


def walked_sent(doc: Doc, start: int) -> tuple[int, int]:
    """Span.sent as spaCy computes it: back to a start, forward to the next."""
    begin = start
    while begin > 0 and doc[begin].is_sent_start is not True:
        begin -= 1
    end = start + 1
    while end < len(doc) and doc[end].is_sent_start is not True:
        end += 1
    return begin, end


@pytest.mark.parametrize("text", TEXTS)
def test_the_sentence_index_gives_what_span_sent_gives(analyze, text):
    doc = analyze(text).doc
    assert "sent" not in doc.user_span_hooks  # the components take their lookup off again
    index = SentenceIndex(doc)
    rng = random.Random(12)
    spans = [(i, i + 1) for i in range(len(doc))] + [(i, min(len(doc), i + rng.randint(2, 30))) for i in range(0, len(doc), 7)]
    for start, end in spans:
        sent = index.sent(doc[start:end])
        assert (sent.start, sent.end) == (doc[start:end].sent.start, doc[start:end].sent.end) == walked_sent(doc, start)


def walked_line_of(text: str, char: int) -> str:
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return text[start:end if end >= 0 else len(text)]


def walked_is_list_line(line: str) -> bool:
    line = line.lstrip()
    if line.startswith(LIST_MARKERS):
        return True
    number = line.split(" ", 1)[0]
    return number[:-1].isdigit() and number[-1:] in (".", ")") and line[len(number):len(number) + 1] == " "


@pytest.mark.parametrize("text", TEXTS)
def test_lines_read_once_answer_as_the_text_searched_each_time(nlp, text):
    lines = _Lines(nlp.make_doc(text))
    assert lines.text == text
    for char in range(len(text) + 1):
        assert lines.stripped(char) == walked_line_of(text, char).strip(), char
        assert lines.is_list_item(char) == walked_is_list_line(walked_line_of(text, char)), char


def walked_with_list_items(doc: Doc, asks, leads):
    text = doc.text
    lead_starts = {s.start for s in leads
                   if s.text.rstrip().endswith(":") or "\n" in doc[s.end - 1].text or s.end == len(doc)
                   or walked_line_of(text, s.start_char).strip() == s.text.strip()}
    chosen = {s.start: s for s in asks}
    sentences = list(doc.sents)
    for i, sent in enumerate(sentences):
        if sent.start not in lead_starts:
            continue
        for item in sentences[i + 1:]:
            if not item.text.strip():
                continue
            if not walked_is_list_line(walked_line_of(text, item.start_char)):
                break
            chosen.setdefault(item.start, item)
    return [chosen[k] for k in sorted(chosen)]


@pytest.mark.parametrize("text", TEXTS)
def test_lists_after_leads_take_in_the_items_a_walk_takes_in_when_every_sentence_leads(analyze, text):
    """Leads inside lists (every sentence a lead, or every other one) take in the items a walk from
    each lead takes in, without walking the same list again for each lead."""
    doc = analyze(text).doc
    sentences = list(doc.sents)
    for leads in (sentences, sentences[::2], [s for s in sentences if s.text.rstrip().endswith(":")]):
        asks = sentences[:1]
        ours = _with_list_items(doc, _Lines(doc), asks, leads)
        assert [(s.start, s.end) for s in ours] == [(s.start, s.end) for s in walked_with_list_items(doc, asks, leads)]


def test_the_next_sentence_found_by_bisection_is_the_one_a_walk_finds(analyze):
    from pitchlint.checks.places import next_sentence_end

    for text in TEXTS:
        analysis = analyze(text)
        end_after = next_sentence_end(analysis)
        for offset in range(len(analysis.text) + 2):
            walked = next((s.end_char for s in analysis.doc.sents if s.start_char >= offset and s.text.strip()), offset)
            assert end_after(offset) == walked, (text[:20], offset)


def walked_has_target_context(doc, start, end, label, kept) -> bool:
    """The list-member test of `_has_target_context` as a walk over every kept span."""
    for s, e, other_label, *_ in kept:
        if other_label != label:
            continue
        gap = doc[e:start] if e <= start else doc[end:s]
        if 0 < len(gap) <= 2 and all(t.text in LIST_GLUE or t.lower_ in LIST_GLUE for t in gap):
            return True
    return False


def test_the_list_member_test_over_indexed_spans_agrees_with_the_scan(analyze):
    """On words with no context of their own ("zz"), only the list-member test can say yes."""
    doc = analyze("zz zz , zz and zz or zz / zz & zz zz zz , , zz as well as zz zz").doc
    rng = random.Random(4)
    for _ in range(300):
        kept = []
        for _ in range(rng.randint(0, 6)):
            s = rng.randrange(len(doc))
            kept.append((s, min(len(doc), s + rng.randint(1, 2)), rng.choice(["ROLE", "SECTOR"]), 2, "x"))
        edges = {}
        for s, e, label, *_ in kept:
            edges.setdefault(label, (set(), set()))[0].add(s)
            edges[label][1].add(e)
        for start in range(len(doc)):
            end = min(len(doc), start + rng.randint(1, 2))
            if any(s < end and start < e for s, e, *_ in kept):
                continue  # the caller never asks about a term that overlaps a kept span
            ours = _has_target_context(doc, start, end, "SECTOR", edges.get("SECTOR", (set(), set())))
            assert ours == walked_has_target_context(doc, start, end, "SECTOR", kept), (kept, start, end)


def walked_company_list_members(doc, kept):
    taken = {i for s, e, label, *_ in kept if label != "LOCATION" for i in range(s, e)}
    found = []
    for _start, end, label, *_ in kept:
        if label != "COMPANY" or (end < len(doc) and doc[end].text not in (",", "/", "&") and doc[end].lower_ not in ("or", "and")):
            continue
        for s, e in _list_items(doc, end):
            if taken.isdisjoint(range(s, e)):
                found.append((s, e))
                taken.update(range(s, e))
    return found


def test_a_list_of_companies_walked_once_gives_the_members_each_walk_gives(analyze):
    text = ("Hi Dana, I'd love intros at Nordstrom, Microsoft, Blue Origin, Zillow and REI, or at "
            "Stripe / Adyen & Plaid Labs, Etsy Inc, Wayfair. Also Chewy, HubSpot or Intuit.\n")
    doc = analyze(text).doc
    capitalised = [t.i for t in doc if t.text[:1].isupper()]
    rng = random.Random(8)
    for _ in range(200):
        kept = []
        for i in sorted(rng.sample(capitalised, rng.randint(1, len(capitalised)))):
            label = rng.choice(["COMPANY", "COMPANY", "LOCATION", "ROLE"])
            end = i + 2 if rng.random() < 0.2 and i + 2 <= len(doc) else i + 1
            if not any(s < end and i < e for s, e, *_ in kept):
                kept.append((i, end, label, 2, "x"))
        rng.shuffle(kept)
        assert _company_list_members(doc, kept) == walked_company_list_members(doc, kept), kept


def test_generic_places_and_slots_found_by_bisection_agree_with_the_scans():
    from pitchlint.analysis import Analysis
    from pitchlint.checks.ask import generic_places
    from pitchlint.checks.slots import within

    rng = random.Random(3)
    for _ in range(200):
        asks = sorted({(s, s + rng.randint(1, 40)) for s in rng.sample(range(200), 8)})
        generic = [Stretch(s, s + 3, f"g{s}") for s in rng.sample(range(240), rng.randint(0, 30))]
        stretches = [Stretch(s, e, "") for s, e in asks]
        analysis = Analysis(text="x" * 300, entities=[], asks=stretches, goals=[], triggers=[], generic=generic, context=[])
        expected = []
        for ask in stretches:
            inside = [g for g in generic if ask.start <= g.start < ask.end]
            if inside:
                expected.append((ask, inside[0].start, inside[-1].end, [g.text for g in inside]))
        if expected:
            assert generic_places(analysis) == expected
        inside = within(stretches)
        for offset in range(-1, 260):
            assert inside(offset) == any(s.start <= offset < s.end for s in stretches), offset


def test_format_patch_is_cut_at_its_first_dashes_whatever_comes_between():
    from pitchlint.reading.mail import _cut, _quote_follows

    lines = ["Subject line", "", "body"] + ["---", "more"] * 50 + ["diff --git a/x b/x", "+x"]
    assert _cut(lines) == 3
    assert _cut(["body"] + ["---", "more"] * 50) == 101  # no patch: the dashes are the writer's
    lines = ["On Mon, Dana wrote:", "", "   ", "> quoted", "", "reply"]
    assert [_quote_follows(lines, i) for i in range(len(lines) + 1)] == [False, True, True, True, False, False, True]


def test_columns_counted_by_bisection_are_the_utf16_lengths_of_the_slices():
    from pitchlint.output.artifacts import Artifact
    from pitchlint.reading.positions import LF, UTF8, UTF16, Positions, code_units

    def utf16_length(text: str) -> int:
        return len(text.encode("utf-16-le")) // 2

    rng = random.Random(16)
    for _ in range(200):
        text = "".join(rng.choice("ab \n\u00e9\u4e2d\U0001F600\U0001F44D") for _ in range(rng.randint(0, 60)))
        lines = Positions(text, LF)
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        artifact = Artifact(text=text, encoding="utf-8", bom=False, crlf=())
        for offset in range(len(text) + 2):
            line = max(i for i, s in enumerate(starts) if s <= offset)
            assert lines.one_based(offset, UTF16) == (line + 1, utf16_length(text[starts[line]:offset]) + 1)
            assert artifact.utf16_offset(offset) == utf16_length(text[:offset])
            for start in range(0, min(offset, len(text)) + 1, 7):
                piece = text[start:offset]
                assert lines.units(start, offset, UTF8) == len(piece.encode("utf-8")) == code_units(piece, UTF8)
                assert lines.units(start, offset, UTF16) == utf16_length(piece)


def test_an_entity_reaches_a_wanted_range_by_bisection_as_by_the_scan():
    from pitchlint.analysis.focus import _reaches, merge

    rng = random.Random(5)
    for _ in range(500):
        wanted = merge([(s, s + rng.randint(1, 8)) for s in rng.sample(range(60), rng.randint(0, 8))], gap=0)
        for start in range(70):
            end = start + rng.randint(1, 5)
            assert _reaches(wanted, start, end) == any(s < end and start < e for s, e in wanted), (wanted, start, end)
