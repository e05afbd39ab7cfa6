"""pitchlint: a linter for networking asks.

The heavy machinery (spaCy, Jinja) is imported lazily so that ``pitchlint --help`` stays instant.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "lint", "lint_text"]


def __getattr__(name):
    if name in ("lint", "lint_text"):
        from pitchlint import engine

        return getattr(engine, name)
    raise AttributeError(name)
