"""A rule's page on the server: the text `pitchlint explain RULE` prints, as HTML.

The text is Markdown from the rule's own file; it is rendered with raw HTML turned off, so a
rule pack cannot put markup (or script) on the page, only the Markdown's own elements."""

from __future__ import annotations

from functools import lru_cache
from html import escape

from markdown_it import MarkdownIt

from pitchlint.config.settings import Config
from pitchlint.engine.core import active_rules, available_rules
from pitchlint.output.rule_docs import explain_text

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · pitchlint</title>
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<header class="top"><a href="/">pitchlint</a> · <a href="/rules">rules</a></header>
<main class="rule-page">
{body}
</main>
</body>
</html>
"""


class RulePages:
    def __init__(self, config: Config) -> None:
        self.rules = available_rules(config.packs)
        self.active = set(active_rules(config))
        self._markdown = MarkdownIt("commonmark", {"html": False})

    def page(self, rule_id: str) -> str | None:
        """The rule's page, or None when no rule has that id."""
        if rule_id not in self.rules:
            return None
        return self._page(rule_id)

    @lru_cache(maxsize=256)  # noqa: B019 - one RulePages per process, as many pages as rules
    def _page(self, rule_id: str) -> str:
        rule = self.rules[rule_id]
        state = "on" if rule_id in self.active else "off"
        heading = (f"<p class=\"rule-meta\"><code>{escape(rule_id)}</code> · {escape(rule.severity)} · "
                   f"{state} in this server's configuration</p>\n")
        return PAGE.format(title=escape(rule_id), body=heading + self._markdown.render(explain_text(rule)))

    def index(self) -> str:
        items = "".join(f"<li><a href=\"/rules/{escape(rule_id)}\"><code>{escape(rule_id)}</code></a> "
                        f"{escape(rule.summary)}</li>\n" for rule_id, rule in sorted(self.rules.items()))
        return PAGE.format(title="Rules", body=f"<h1>Rules</h1>\n<ul class=\"rule-list\">\n{items}</ul>")

    def missing(self) -> str:
        return PAGE.format(title="No such rule",
                           body="<h1>No such rule</h1>\n<p>See <a href=\"/rules\">the list of rules</a>.</p>")
