"""The second approach to typed heads, measured beside the word lists: word vectors.

The grammar (pitchlint/analysis/grammar.py) types the head noun of a wanted phrase no lexicon knows
by word lists and the shape of the word (-er, -ist, -ics ...). This script replaces that typing with
a nearest-centroid classifier over static word vectors: the centroids are the vectors of the same
word lists (person, organisation, field heads; the generic and abstract words as "none"), and an
unknown head takes the class of the nearest centroid, or none when it is not close enough to any.
It then runs `pitchlint eval` both ways on the same labelled messages and prints the figures side by
side. Nothing else changes: the parse, the lexicons and the patterns are the same.

The vectors come from the PyPI package `wordllama` (static token embeddings shipped in its wheel,
256 dimensions, averaged over a word's tokens); it is not a dependency of pitchlint:

    pip install wordllama
    python benchmarks/head_typing_vectors.py --only '[67]*'     # the blind batch 601-710
    python benchmarks/head_typing_vectors.py                    # the whole corpus
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy

KINDS = ("ROLE", "COMPANY", "SECTOR", "NONE")


def load_vectors():
    """A function from a word to its unit vector, from wordllama's wheel (read directly: its own
    loader looks for the tokenizer in a folder the wheel does not have, then tries the network)."""
    try:
        import wordllama
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer
    except ImportError:
        sys.exit("this comparison needs the word vectors of the wordllama package: pip install wordllama")
    root = Path(wordllama.__file__).parent
    tokenizer = Tokenizer.from_file(str(root / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    table = load_file(str(root / "weights" / "l2_supercat_256.safetensors"))["embedding.weight"].astype("float32")

    def vector(word: str) -> numpy.ndarray:
        ids = [i for i in tokenizer.encode(word, add_special_tokens=False).ids if i > 2]
        v = table[ids].mean(axis=0) if ids else numpy.zeros(table.shape[1], "float32")
        norm = numpy.linalg.norm(v)
        return v / norm if norm else v

    return vector


def vector_typer(words, vector, margin: float):
    """head_kind by nearest centroid: the lists' words are the examples of each kind."""
    examples = {
        "ROLE": words.person | words.generic_people,
        "COMPANY": words.organisation,
        "SECTOR": words.fields,
        "NONE": (words.generic - words.generic_people) | words.abstract | words.not_person,
    }
    centroids = {}
    for kind, members in examples.items():
        matrix = numpy.stack([vector(w) for w in sorted(members)])
        centroid = matrix.mean(axis=0)
        centroids[kind] = centroid / numpy.linalg.norm(centroid)
    cache: dict[str, str | None] = {}

    def head_kind(word: str, _words=None) -> str | None:
        if word in words.generic or word in words.abstract or len(word) < 3:
            return None
        if word in words.organisation:
            return "COMPANY"
        if word in words.person:
            return "ROLE"
        if word in words.fields:
            return "SECTOR"
        if word not in cache:  # no list knows it: the nearest kind, if clearly nearer than "none"
            v = vector(word)
            scores = {kind: float(v @ c) for kind, c in centroids.items()}
            best = max(scores, key=scores.__getitem__)
            cache[word] = best if best != "NONE" and scores[best] - scores["NONE"] >= margin else None
        return cache[word]

    return head_kind


def figures(corpus: str, only: str | None) -> dict[str, float]:
    from pitchlint.analysis.pipeline import build_pipeline
    from pitchlint.evaluate import evaluate

    build_pipeline.cache_clear()  # a fresh pipeline, so the grammar reads the head_kind in place now
    return evaluate(corpus, only=only).figures()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parent.parent / "corpus"))
    parser.add_argument("--only", default=None, help="label files whose name matches, e.g. '[67]*'")
    parser.add_argument("--margin", type=float, default=0.02, help="how much nearer a kind must be than 'none'")
    args = parser.parse_args()

    import pitchlint.analysis.grammar as grammar
    from pitchlint.checks.paths import builtin_pack_dir

    lists = figures(args.corpus, args.only)
    words = grammar.read_words(builtin_pack_dir() / grammar.GRAMMAR_FOLDER)
    grammar.head_kind = vector_typer(words, load_vectors(), args.margin)  # type: ignore[assignment]
    vectors = figures(args.corpus, args.only)

    print(f"Typed heads: word lists and word shapes against word vectors (wordllama, nearest centroid,"
          f" margin {args.margin}); corpus {args.corpus}, only {args.only or 'all'}")
    print(f"  {'':28} {'lists':>8} {'vectors':>8}")
    for name in ("verdict accuracy", "vague precision", "vague recall", "targets ROLE recall",
                 "targets SECTOR recall", "targets COMPANY recall", "targets all precision", "statement accuracy"):
        if name in lists:
            print(f"  {name:28} {lists[name]:8.3f} {vectors.get(name, float('nan')):8.3f}")


if __name__ == "__main__":
    main()
