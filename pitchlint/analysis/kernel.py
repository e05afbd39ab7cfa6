"""Which matrix kernel the model's layers use.

thinc multiplies matrices with blis by default. blis picks a kernel for the processor when it
starts; on a processor it does not know (blis 1.3 and AMD Zen 5, for one) it falls back to its
generic reference kernel, which made the NER about twice as slow as numpy's BLAS on the same
machine. So by default pitchlint asks blis which kernel it chose and, when that is the generic
one, gives the model thinc's NumpyOps without blis. The entities are the same either way; only
the time differs.

PITCHLINT_KERNEL=blis or =numpy overrides the choice (auto is the default). With numpy's BLAS,
its thread pool is held to one thread: pitchlint's matrices are small, and a batch runs one
process per core.
"""

from __future__ import annotations

import ctypes
import os
from functools import lru_cache
from typing import TYPE_CHECKING

from pitchlint.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

KERNELS = ("auto", "blis", "numpy")
GENERIC = "generic"


@lru_cache(maxsize=1)
def blis_architecture() -> str | None:
    """The name of the kernel set blis chose on this processor ("haswell", "zen3", "generic"),
    or None when it cannot be asked."""
    try:
        import blis.cy

        library = ctypes.CDLL(blis.cy.__file__)
        library.bli_arch_query_id.restype = ctypes.c_int
        library.bli_arch_string.restype = ctypes.c_char_p
        library.bli_arch_string.argtypes = [ctypes.c_int]
        name = library.bli_arch_string(library.bli_arch_query_id())
    except (ImportError, OSError, AttributeError):
        return None
    return name.decode("ascii", "replace") if name else None


def kernel_setting() -> str:
    setting = os.environ.get("PITCHLINT_KERNEL", "auto") or "auto"
    if setting not in KERNELS:
        raise ConfigError("PITCHLINT_KERNEL", f"must be one of {', '.join(KERNELS)}, not {setting!r}")
    return setting


def chosen_kernel(setting: str | None = None, architecture: str | None = None) -> str:
    """"blis" or "numpy": the setting, or for "auto" numpy exactly when blis runs its generic
    kernel. `architecture` stands in for asking blis (for tests)."""
    setting = setting or kernel_setting()
    if setting != "auto":
        return setting
    found = architecture if architecture is not None else blis_architecture()
    return "numpy" if found == GENERIC else "blis"


def use_kernel(nlp: Language, kernel: str) -> None:
    """Give every layer of the pipeline's models numpy's BLAS when `kernel` is "numpy"."""
    if kernel != "numpy":
        return
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:  # the disabled ones too: the NER runs through focus.py
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            layer.ops = ops
    one_blas_thread()


_LIMITER: object | None = None  # threadpoolctl's limiter, kept for the life of the process


def one_blas_thread() -> None:
    """numpy's BLAS on one thread in this process, for as long as it runs."""
    global _LIMITER
    if _LIMITER is None:
        from threadpoolctl import threadpool_limits

        _LIMITER = threadpool_limits(limits=1, user_api="blas")
