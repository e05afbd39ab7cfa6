"""Report formats for CI and code-review tools: SARIF 2.1.0 (`sarif.py`) and GitHub Actions
workflow commands (`github.py`). Both place findings in the file on disk; `artifacts.py` holds what
they share: how an offset into the linted text becomes a line, a UTF-16 column and an offset into
the file, and how a path becomes a URI."""
