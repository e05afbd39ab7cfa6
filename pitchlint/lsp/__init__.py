"""`pitchlint lsp`: the language server, a thin adapter over the engine (see server.py).

Nothing here is imported on the CLI's path: pygls and lsprotocol load only for `pitchlint lsp`.
"""
