"""Checks: an `Analysis` and the rules in force in; `Finding`s out.

A rule is data (a TOML file in a pack) plus a kind, the pure function that runs it. This package
holds the rule kinds, the pack loader, rule selectors and the `Finding` type. The rule files
themselves live in the top-level `rules/` folder, which ships inside the wheel.
"""
