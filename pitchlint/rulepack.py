"""The plug-in interface: what a Python rule from an installed package imports.

    from pitchlint.rulepack import Finding, Rule, RuleContext

A plug-in publishes `Rule` objects under the `pitchlint.rules` entry-point group; the engine
calls `rule.check(ctx)` with a `RuleContext` and takes the `Finding`s it yields.
"""

from pitchlint.checks.findings import Finding, Fix
from pitchlint.checks.pack import ENTRY_POINT_GROUP, Rule, RuleContext

__all__ = ["ENTRY_POINT_GROUP", "Finding", "Fix", "Rule", "RuleContext"]
