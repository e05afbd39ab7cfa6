"""Rewrites: Jinja templates from the rule pack, rendered in a sandbox from the message's own spans.

A slot that the message does not fill renders as a bracketed prompt, never as an invented fact.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pitchlint.errors import ConfigError
from pitchlint.rewrite.english import FILTERS, GLOBALS

if TYPE_CHECKING:  # Jinja is imported on the first rewrite
    from pitchlint.rewrite.budget import BudgetedEnvironment


class Renderer:
    """Renders the pack's templates. Jinja is imported on the first rewrite, not at start-up:
    a specific message needs none."""

    def __init__(self, template_dirs: list[Path]) -> None:
        self.template_dirs = [str(d) for d in template_dirs]
        self._env: BudgetedEnvironment | None = None

    @property
    def env(self) -> BudgetedEnvironment:
        if self._env is None:
            from jinja2 import FileSystemLoader, StrictUndefined

            from pitchlint.rewrite.budget import BudgetedEnvironment

            env = BudgetedEnvironment(
                loader=FileSystemLoader(self.template_dirs),
                undefined=StrictUndefined,
                autoescape=False,
                keep_trailing_newline=False,
                trim_blocks=True,
                lstrip_blocks=True,
            )
            env.filters.update(FILTERS)  # English: articles, plurals, lists (pitchlint.rewrite.english)
            env.globals.update(GLOBALS)
            self._env = env
        return self._env

    def __call__(self, name: str, **slots: object) -> str:
        from jinja2 import TemplateError

        try:
            text = self.env.render_bounded(self.env.get_template(name), slots)
        except TemplateError as exc:
            where = getattr(exc, "filename", None) or name
            line = getattr(exc, "lineno", None)
            raise ConfigError(f"{where}:{line}" if line else where, f"template error: {exc.message}") from None
        return " ".join(text.split())


@lru_cache(maxsize=8)
def renderer_for(template_dirs: tuple[str, ...]) -> Renderer:
    return Renderer([Path(d) for d in template_dirs])
