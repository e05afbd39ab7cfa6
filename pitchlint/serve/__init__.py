"""`pitchlint serve`: a local web page and an HTTP API over the one engine (an ASGI app on uvicorn).

In: HTTP requests (a draft as JSON, a page or a rule's page asked for). Out: the same per-file JSON
as `pitchlint --format json`, rewritten text, the page's own static files and rules' documentation.
Nothing is written to disk and no draft is logged. Starlette and uvicorn load only here, so the
CLI's other commands never pay for them.
"""
