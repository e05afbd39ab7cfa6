"""Configuration: files (`.pitchlint.toml`, `[tool.pitchlint]`, the user's own file) and command-line
values in; a `Config` for each message file out.

Files are found upward from each message, layered key by key (user, project, command line), and
their globs decide which files a folder gives and which rules apply where.
"""
