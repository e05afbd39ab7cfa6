"""Rewrites: the message's own spans and the writer's profile in; a specific ask out.

Jinja templates from the rule pack render in a sandbox with work budgets; English helpers choose
articles, plurals and lists. A slot the message does not fill becomes a bracketed prompt, never an
invented fact.
"""
