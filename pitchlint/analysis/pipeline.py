"""The analysis stage: one cached spaCy pipeline, run over the messages' prose.

The statistical model contributes its NER (which has its own encoder) and its small sentence
segmenter; the tagger, parser and lemmatizer would double the cost and the rules do not need them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pitchlint.analysis.result import to_analysis
from pitchlint.errors import ConfigError

from pitchlint.models import DEFAULT_MODELS  # noqa: E402 - `model = "en_core_web_sm"` finds its re-upload
UNUSED_COMPONENTS = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


def resolve_model(name: str | None) -> str:
    # `model = "en_core_web_sm"` also finds the re-upload installed by default: the same model
    from pitchlint.models import installed_models  # metadata only: a name is never imported to test it

    candidates = DEFAULT_MODELS if name in (None, DEFAULT_MODELS[0]) else (name,)
    for candidate in candidates:
        if candidate in installed_models():
            return candidate
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise ConfigError("model", f"the spaCy model {wanted} is not installed (pip install it; pitchlint never downloads)")


@lru_cache(maxsize=4)
def build_pipeline(model: str | None, pack_dir: str, extra_packs: tuple[str, ...] = ()):
    """One pipeline per (model, packs): built once per process. Extra packs add lexicons."""
    import spacy

    import pitchlint.analysis.components  # noqa: F401 - registers the factories
    from pitchlint.analysis.chunks import run_in_pieces

    package = resolve_model(model)
    nlp = spacy.load(package, exclude=UNUSED_COMPONENTS)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if "senter" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    run_in_pieces(nlp, ["senter", "ner"])  # bounded memory on a long message
    nlp.add_pipe("pitchlint_breaks")
    nlp.add_pipe("pitchlint_targets", config={"pack_dir": pack_dir, "extra_packs": list(extra_packs)})
    nlp.add_pipe("pitchlint_ask", config={"pack_dir": pack_dir})
    return nlp


def analyze_texts(texts, model: str | None, pack_dir: Path, batch_size: int = 32, extra_packs: tuple[str, ...] = ()):
    nlp = build_pipeline(model, str(pack_dir), tuple(extra_packs))
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield to_analysis(doc)
