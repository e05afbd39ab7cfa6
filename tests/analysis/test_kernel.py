"""The matrix kernel (analysis/kernel.py): numpy's BLAS where blis would run its generic kernel,
with the same entities."""

import pytest

from pitchlint.analysis.kernel import blis_architecture, chosen_kernel, use_kernel
from pitchlint.errors import ConfigError


@pytest.mark.parametrize("architecture, expected", [("generic", "numpy"), ("haswell", "blis"), ("zen3", "blis"),
                                                    ("", "blis")])
def test_auto_takes_numpy_only_for_the_generic_kernel(architecture, expected):
    assert chosen_kernel("auto", architecture) == expected


def test_a_setting_overrides_the_detection():
    assert chosen_kernel("blis", "generic") == "blis"
    assert chosen_kernel("numpy", "haswell") == "numpy"


def test_the_environment_names_the_kernel(monkeypatch):
    monkeypatch.setenv("PITCHLINT_KERNEL", "numpy")
    assert chosen_kernel(architecture="haswell") == "numpy"
    monkeypatch.setenv("PITCHLINT_KERNEL", "fast")
    with pytest.raises(ConfigError, match="PITCHLINT_KERNEL"):
        chosen_kernel()


def test_blis_says_which_kernel_it_chose():
    name = blis_architecture()
    assert isinstance(name, str) and name and name.isprintable()


def test_numpy_ops_give_the_same_entities_on_one_blas_thread():
    import spacy
    from threadpoolctl import threadpool_info

    from pitchlint.analysis.pipeline import UNUSED_COMPONENTS, resolve_model

    texts = ["I'd love an intro to anyone in treasury at Medtronic or Boston Scientific in Minneapolis.",
             "Hi Priya, I spent four years at Deloitte and now want a product role at Shopify in Toronto."]
    plain = spacy.load(resolve_model(None), exclude=UNUSED_COMPONENTS)
    numpy = spacy.load(resolve_model(None), exclude=UNUSED_COMPONENTS)
    use_kernel(numpy, "numpy")
    ner = numpy.get_pipe("ner")
    assert all(type(layer.ops).__name__ == "NumpyOps" and not layer.ops.use_blis for layer in ner.model.walk())
    ents = lambda nlp: [[(e.start, e.end, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]  # noqa: E731
    assert ents(numpy) == ents(plain) and any(ents(plain))
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
