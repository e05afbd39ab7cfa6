"""Template values are weighed, not measured: a short list of long lists prints all of their items,
and C code (str, join, tojson) does that work where the step budget cannot see it."""

from __future__ import annotations

import pytest

from pitchlint.rewrite.budget import MAX_SIZE, TemplateBudgetError, weight
from pitchlint.rewrite.templates import Renderer

GROWN = ("{% set ns = namespace(x=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) %}"
         "{% for i in range(30) %}{% set ns.x = [ns.x, ns.x, ns.x] %}{% endfor %}")


def render(tmp_path, body: str) -> str:
    (tmp_path / "t.j2").write_text(body)
    return Renderer([tmp_path])("t.j2")


def test_weight_counts_every_item_a_print_would_visit():
    inner = [1] * 100
    assert weight("abc") == 3 and weight(7) == 1
    assert weight([inner, inner]) == 1 + 2 * 101  # the shared list counts in both places
    assert weight({"a": [1, 2]}) == 1 + 1 + 3
    loop: list[object] = []
    loop.append(loop)
    assert weight(loop) == 2  # prints as [[...]]
    assert weight([[1] * 10_000] * 10_000) == MAX_SIZE + 1  # stops counting past the limit


@pytest.mark.parametrize("body", [
    "{{ [[[1]*10000]*10000]*10000 }}",
    GROWN + "{{ ns.x }}",  # built from literals, three times bigger each step, no operator to check
    GROWN + "{{ ns.x ~ '' }}",
    GROWN + "{{ ns.x | join }}",
    GROWN + "{{ ns.x | tojson }}",
    GROWN + "{{ '{}'.format(ns.x) }}",  # a call's arguments are weighed
])
def test_heavy_values_are_refused_before_they_become_text(tmp_path, body):
    with pytest.raises(TemplateBudgetError):
        render(tmp_path, body)


def test_ordinary_templates_and_keywords_named_like_the_sandbox_arguments(tmp_path):
    assert render(tmp_path, "{{ ['a', 'b']|join(', ') }} {{ 'x' ~ 1 }} {{ dict(obj=1, context=2) }}") == \
        "a, b x1 {'obj': 1, 'context': 2}"
