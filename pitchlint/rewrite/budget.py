"""Bounded template rendering: a rewrite template from a rule pack or the user's folder may not
take minutes or gigabytes, whatever it does.

Jinja's sandbox stops templates from reaching Python's internals, not from doing too much work.
This environment adds three budgets: sizes (no operator, call or filter may build a string, list
or number bigger than a rewrite could need, checked before the work is done where it can be),
steps (template lines executed, counted by a trace function while the template runs, so nested
loops end after a fixed amount of work on any machine), and output (the rendered text's length).
The step budget is a count, not a clock, so a render that passes does so everywhere.

Sizes are weights, not lengths: `[[1]*10000]*10000` is a list of 10,000 items, but printing it,
joining it or dumping it to JSON is C code that walks all 100,000,000 of its leaves. A value's
weight counts every item of every container inside it (a shared inner list once per place it
appears, as printing it would), and every value is weighed before it is printed (`{{ }}`, `~`),
filtered, passed to a call or combined by an operator. Weighing walks each distinct container
once and counts towards the render's step budget, so it cannot become the unbounded work itself.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from types import FrameType
from typing import TYPE_CHECKING, Any, TypeVar

from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import Template
from jinja2.nodes import Concat
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace

if TYPE_CHECKING:
    from _typeshed import TraceFunction

_T = TypeVar("_T")

MAX_SIZE = 20_000  # characters (or items) of any value a template builds; a rewrite is a sentence
MAX_STEPS = 50_000  # template lines executed in one render
MAX_NUMBER_ARGUMENT = 10_000  # widths, counts and repeats passed to calls and filters
_WIDE_FORMAT = re.compile(r"\d{5,}|\*")  # a field width of 10,000+ or one taken from the arguments


class TemplateBudgetError(RuntimeError):
    """A template tried to do more work than any rewrite needs."""


def _size(value: object) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)) else 0


_CONTAINERS = (list, tuple, dict, set, frozenset)
_render_steps: ContextVar[_StepCounter | None] = ContextVar("pitchlint_render_steps", default=None)


def weight(value: object, limit: int = MAX_SIZE) -> int:
    """The items and characters printing `value` would produce, counted as far as `limit` + 1:
    containers are walked (each distinct one once, its weight remembered), strings count their
    length, anything else 1. The walk counts towards the current render's step budget."""
    if not isinstance(value, _CONTAINERS):
        return max(1, _size(value))
    known: dict[int, int] = {}
    on_stack: set[int] = set()
    visits = 0

    def walk(item: object) -> int:
        nonlocal visits
        if not isinstance(item, _CONTAINERS):
            return max(1, _size(item))
        key = id(item)
        if key in known:
            return known[key]
        if key in on_stack:  # a list that holds itself prints as [...]
            return 1
        visits += 1 + len(item)
        if visits > limit:
            raise _OverWeight
        on_stack.add(key)
        children = (x for pair in item.items() for x in pair) if isinstance(item, dict) else iter(item)
        total = 1
        for child in children:
            total += walk(child)
            if total > limit:
                raise _OverWeight
        on_stack.discard(key)
        known[key] = total
        return total

    try:
        return walk(value)
    except (_OverWeight, RecursionError):
        return limit + 1
    finally:
        counter = _render_steps.get()
        if counter is not None:
            counter.add(visits)


class _OverWeight(Exception):
    pass


def _check_size(value: _T, what: str, deep: bool = True) -> _T:
    if deep and isinstance(value, _CONTAINERS) and weight(value) > MAX_SIZE:
        raise TemplateBudgetError(f"{what} would hold more than {MAX_SIZE:,} items, counting nested ones "
                                  f"(the limit is {MAX_SIZE:,})")
    if _size(value) > MAX_SIZE:
        raise TemplateBudgetError(f"{what} would be {_size(value):,} long (the limit is {MAX_SIZE:,})")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        raise TemplateBudgetError(f"{what} is a number with {value.bit_length():,} bits")
    return value


def _check_arguments(args: Iterable[object], kwargs: Mapping[str, object], what: str) -> None:
    for value in (*args, *kwargs.values()):
        _check_size(value, f"a value given to {what}")
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER_ARGUMENT:
            raise TemplateBudgetError(f"{what} was given {value:,} (the limit is {MAX_NUMBER_ARGUMENT:,})")
        if isinstance(value, str) and what.endswith("format") and _WIDE_FORMAT.search(value):
            raise TemplateBudgetError(f"{what} was given a format with a field width that is too wide")


def _replace_bound(text: object, old: object, new: object) -> int:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return 0
    count = text.count(old) if old else len(text) + 1
    return len(text) + count * max(0, len(new) - len(old))


class BudgetedEnvironment(SandboxedEnvironment):
    """A sandbox whose operators, calls and filters check sizes, and whose renders count steps."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # Jinja's Environment options
        super().__init__(*args, **kwargs)
        for name, function in list(self.filters.items()):
            self.filters[name] = _budgeted_filter(name, function)
        self.code_generator_class = _WeighingCodeGenerator
        self.finalize = self.weighed_output

    @staticmethod
    def weighed_output(value: object) -> object:
        """What `{{ value }}` prints, weighed before Jinja turns it into text."""
        return _check_size(value, "a value the template prints")

    @staticmethod
    def weighed_join(values: Iterable[object]) -> str:
        """`a ~ b`: each piece weighed before it becomes text."""
        return "".join(str(_check_size(value, "a value joined with ~")) for value in values)

    # What a template computes is any Python value: these overrides take and give objects
    def call_binop(self, context: Context, operator: str, left: object, right: object) -> object:
        if operator == "*":
            for count, other in ((right, left), (left, right)):
                if isinstance(count, int) and _size(other) and weight(other) * count > MAX_SIZE:
                    raise TemplateBudgetError(f"repeating a value {count:,} times is over the size limit")
        elif operator == "**":
            if isinstance(right, (int, float)) and isinstance(left, (int, float)) and abs(left) > 1 and right > 256:
                raise TemplateBudgetError(f"raising to the power {right:,} is over the size limit")
        elif operator == "+" and weight(left) + weight(right) > MAX_SIZE:
            raise TemplateBudgetError("joining these values is over the size limit")
        elif operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise TemplateBudgetError("a %-format with a field width that is too wide")
        return _check_size(super().call_binop(context, operator, left, right), f"the result of {operator!r}")

    # positional-only: a template's own keywords (`dict(obj=1)`) must not collide with these names
    def call(self, context: Context, obj: object, /, *args: object, **kwargs: object) -> object:
        what = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None) or type(obj).__name__
        _check_arguments(args, kwargs, what)
        owner = getattr(obj, "__self__", None)
        if isinstance(owner, str) and getattr(obj, "__name__", "") == "replace" and len(args) >= 2:
            if _replace_bound(owner, args[0], args[1]) > MAX_SIZE:
                raise TemplateBudgetError("this replace would build a string over the size limit")
        return _check_size(super().call(context, obj, *args, **kwargs), f"the result of {what}")

    def getattr(self, obj: object, attribute: str) -> object:
        if isinstance(obj, str) and attribute in ("format", "format_map") and _WIDE_FORMAT.search(obj):
            raise TemplateBudgetError("a format with a field width that is too wide")
        return super().getattr(obj, attribute)

    def render_bounded(self, template: Template, slots: Mapping[str, object]) -> str:
        """Render with the step and output budgets; raises TemplateBudgetError past them."""
        counter = _StepCounter(self)
        previous = sys.gettrace()
        token = _render_steps.set(counter)
        sys.settrace(counter.on_call)
        try:
            pieces: list[str] = []
            length = 0
            for piece in template.generate(**slots):
                length += len(piece)
                if length > MAX_SIZE:
                    raise TemplateBudgetError(f"the rewrite is over {MAX_SIZE:,} characters long")
                pieces.append(piece)
            return "".join(pieces)
        finally:
            sys.settrace(previous)
            _render_steps.reset(token)


class _WeighingCodeGenerator(CodeGenerator):
    """Compiles `a ~ b` to the environment's weighing join instead of Jinja's `str_join`, which
    would turn any value into text unchecked (templates here never autoescape)."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.weighed_join((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


def _budgeted_filter(name: str, function: Callable[..., object]) -> Callable[..., object]:
    skip = 2 if hasattr(function, "jinja_pass_arg") else 1  # the context, then the value filtered

    def budgeted(*args: object, **kwargs: object) -> object:
        _check_arguments(args[skip - 1:], kwargs, f"the {name} filter")
        if name == "format" and len(args) >= skip and _WIDE_FORMAT.search(str(args[skip - 1])):
            raise TemplateBudgetError("a format with a field width that is too wide")
        if name == "replace" and len(args) >= skip + 2 and \
                _replace_bound(*[str(a) for a in args[skip - 1:skip + 2]]) > MAX_SIZE:
            raise TemplateBudgetError("this replace would build a string over the size limit")
        return _check_size(function(*args, **kwargs), f"the result of the {name} filter")

    # Jinja passes the context or environment to filters marked for it; keep the marks
    for mark in ("jinja_pass_arg",):
        if hasattr(function, mark):
            setattr(budgeted, mark, getattr(function, mark))
    budgeted.__name__ = getattr(function, "__name__", name)
    return budgeted


class _StepCounter:
    """A trace function that counts the lines a template's own code runs, and checks the sizes
    of the values it holds, stopping it once past the budget."""

    def __init__(self, environment: BudgetedEnvironment) -> None:
        self.environment = environment
        self.steps = 0

    def on_call(self, frame: FrameType, event: str, arg: object) -> TraceFunction | None:
        if frame.f_globals.get("environment") is self.environment:
            return self.on_line
        return None

    def add(self, steps: int) -> None:
        self.steps += steps
        if self.steps > MAX_STEPS:
            raise TemplateBudgetError(f"the template ran more than {MAX_STEPS:,} steps")

    def on_line(self, frame: FrameType, event: str, arg: object) -> TraceFunction:
        if event != "line":
            return self.on_line
        self.add(1)
        for value in frame.f_locals.values():
            if isinstance(value, Namespace):
                for item in object.__getattribute__(value, "_Namespace__attrs").values():
                    _check_size(item, "a value the template holds", deep=False)
            # lengths only, each line: a heavy value is weighed where it is used
            _check_size(value, "a value the template holds", deep=False)
        return self.on_line
