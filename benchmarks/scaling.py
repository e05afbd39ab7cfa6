"""Cost per word against the length of a message: pitchlint's analysis and rules, and bare spaCy
(ner + senter) on the same texts, at 50, 200, 1,000, 5,000 and 20,000 words and at the size limit.

The texts are the benchmark messages (`messages.py`) run together paragraph by paragraph, cut at a
word to the size wanted: a 50-word text is a greeting and the start of a message, a 20,000-word one
about a hundred messages in a row, with their greetings, asks and sign-offs. Each size is measured
over several texts (at least --words words in all) starting at different messages, so that short
sizes are not one message's luck. The size limit is the longest such text pitchlint accepts
(`bounds.MAX_TOKENS` words, marks and line breaks; a file read from disk is also limited to
`source.MAX_CHARACTERS` characters, and the script says how many words that is).

Timing is CPU time (`time.process_time`) of `engine_for(Config()).lint_documents(...)` over
documents made beforehand, and of bare `nlp.pipe` with the components pitchlint keeps. The two
alternate within each repetition, after a warm-up; the median of --runs is reported. Target:
pitchlint's time per word at 20,000 words and at the size limit within 1.3x of that at 200 words.
"""

from __future__ import annotations

import argparse
import re
import time

from common import median, model_name, verdict
from messages import messages

SIZES = (50, 200, 1_000, 5_000, 20_000)
BATCH_SIZE = 32
TARGET = 1.3
_WORD_END = re.compile(r"\S+")


def paragraphs(count: int) -> list[list[str]]:
    """Each message as its paragraphs (greeting, three of prose, sign-off with the name)."""
    return [m.strip("\n").split("\n\n") for m in messages(count)]


def text_of(words: int, by_message: list[list[str]], first: int) -> str:
    """`words` words of the messages from number `first` on, joined paragraph by paragraph and
    cut after the last word wanted."""
    picked, total, n = [], 0, first
    while total < words:
        for paragraph in by_message[n % len(by_message)]:
            size = len(paragraph.split())
            if total + size >= words:
                ends = [m.end() for m in _WORD_END.finditer(paragraph)]
                picked.append(paragraph[:ends[words - total - 1]])
                total = words
                break
            picked.append(paragraph)
            total += size
        n += 1
    return "\n\n".join(picked) + "\n"


def size_limit(by_message: list[list[str]]) -> int:
    """The most words of such a text that pitchlint accepts (its token ceiling)."""
    from pitchlint.errors import InputError
    from pitchlint.reading.bounds import MAX_TOKENS, check_tokens

    def accepted(words: int) -> bool:
        try:
            check_tokens(text_of(words, by_message, 0), "<benchmark>")
        except InputError:
            return False
        return True

    low, high = 1_000, MAX_TOKENS + 1  # accepted; refused, as every word is a token at least
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if accepted(middle) else (low, middle)
    return low


def words_in_characters(characters: int, by_message: list[list[str]]) -> int:
    """How many words of such a text fit in `characters` (the limit on a file read from disk)."""
    text = text_of(60_000, by_message, 0)[:characters]
    return len(text.split())


def contenders(model: str):
    import spacy

    from pitchlint.analysis import UNUSED_COMPONENTS
    from pitchlint.config.settings import Config
    from pitchlint.engine.core import engine_for

    nlp = spacy.load(model, exclude=UNUSED_COMPONENTS)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    engine = engine_for(Config())
    return {
        "pitchlint": lambda texts, documents: list(engine.lint_documents(documents)),
        "bare ner + senter": lambda texts, documents: list(nlp.pipe(texts, batch_size=BATCH_SIZE)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed repetitions (default 3)")
    parser.add_argument("--words", type=int, default=10_000,
                        help="words measured at least per size and repetition (default 10,000)")
    parser.add_argument("--no-limit", action="store_true", help="skip the text at the size limit")
    args = parser.parse_args()

    from pitchlint.reading.bounds import MAX_TOKENS
    from pitchlint.reading.document import MAX_CHARACTERS
    from pitchlint.reading.read import make_document

    by_message = paragraphs(300)
    limit = size_limit(by_message)
    sizes = {f"{words:,}": words for words in SIZES}
    if not args.no_limit:
        sizes[f"{limit:,} (limit)"] = limit
    cases = {}
    for name, words in sizes.items():
        texts = [text_of(words, by_message, k) for k in range(max(1, -(-args.words // words)))]
        cases[name] = (texts, [make_document(t, f"message-{k}.txt") for k, t in enumerate(texts)])

    model = model_name()
    runners = contenders(model)
    warm = [text_of(words, by_message, k) for words in (50, 200) for k in range(20)] + [text_of(3_000, by_message, 0)]
    for run in runners.values():  # loads what the first messages load (templates, inflect, pieces)
        run(warm, [make_document(t) for t in warm])

    cpu: dict[str, dict[str, list[float]]] = {name: {c: [] for c in runners} for name in cases}
    for _ in range(args.runs):
        for name, (texts, documents) in cases.items():
            for contender, run in runners.items():
                start = time.process_time()
                run(texts, documents)
                cpu[name][contender].append(time.process_time() - start)

    print(f"Scaling: model {model}, CPU ms per 1,000 words, median of {args.runs} runs")
    print(f"  size limit: {MAX_TOKENS:,} tokens = {limit:,} words of these texts "
          f"(a file from disk: {MAX_CHARACTERS:,} characters = {words_in_characters(MAX_CHARACTERS, by_message):,} words)")
    print(f"\n  {'words':>16}  {'texts':>5}  {'pitchlint':>9}  {'bare ner+senter':>15}  {'pitchlint / bare':>16}")
    per_word = {}
    for name, (texts, _) in cases.items():
        thousands = sum(len(t.split()) for t in texts) / 1000
        ours, bare = (median(cpu[name][c]) * 1000 / thousands for c in runners)
        per_word[sizes[name]] = ours
        print(f"  {name:>16}  {len(texts):>5}  {ours:>9.1f}  {bare:>15.1f}  {ours / bare:>16.2f}")

    print("\nRatios of pitchlint's time per word")
    base = per_word[200]
    for words in (20_000, limit):
        if words in per_word:
            ratio = per_word[words] / base
            verdict(f"{words:,} words / 200 words", ratio, f"<= {TARGET}", ratio <= TARGET)


if __name__ == "__main__":
    main()
