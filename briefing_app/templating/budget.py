"""What one piece of a template may cost, counted while it runs.

Jinja2's sandbox keeps a template from reaching outside, not from taking for
ever or filling memory: nested loops multiply, ``9**9**9`` and ``"x" * 10**9``
explode, a width of 10**9 in ``center`` or ``"%1000000000s"`` asks for a
gigabyte. The sandbox (sandbox.py) routes every loop round, call, filter,
test, comparison, joining of text and the operators that can grow (``*``,
``**``, ``+``, ``%``) through the Budget of the render in progress, which
refuses *before* the costly work is done:

- steps: loop rounds, calls, filters and tests, and the items they walk;
- characters: the text made or read while working. The brief's own text
  adds to the allowance (only when it is needed, so a short render pays
  nothing for it): long details are never refused for being long;
- numbers: a few thousand digits at most; ``range()``: MAX_RANGE numbers.

Over budget is ``OverBudget``, with a message in plain words.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any

MAX_STEPS = 50_000
MAX_CHARS = 1_000_000
MAX_RANGE = 10_000
MAX_NUMBER_BITS = 14_000  # about 4,200 digits: Python prints at most 4,300
#: The brief's own text may be read and copied this many times over.
CONTEXT_TIMES = 10

_CONTAINERS = (
    list,
    tuple,
    set,
    frozenset,
    dict,
    type({}.keys()),
    type({}.values()),
    type({}.items()),
)
_SCALAR = 32  # the printed length of a float, None, True or an object, about


class OverBudget(Exception):
    """A piece would take too long or make too much; the message says what."""


def text_size(value: Any, limit: int = sys.maxsize) -> int:
    """About how many characters ``str(value)`` has, nested lists and dicts
    included; counting stops soon after ``limit``, so a huge value costs
    no more than the budget it is measured against."""
    if type(value) is str:
        return len(value)
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, int):
            total += item.bit_length() * 3 // 10 + 2
        elif isinstance(item, _CONTAINERS):
            # Brackets, quotes and separators: about four per item.
            total += 2 + 4 * len(item)
            if total > limit:
                return total
            children = (*item.keys(), *item.values()) if isinstance(item, dict) else item
            for child in children:
                if type(child) is str:
                    total += len(child)  # the common case, without the stack
                else:
                    stack.append(child)
        elif isinstance(item, bytes):
            total += 4 * len(item)
        else:
            total += _SCALAR
        if total > limit:
            return total
    return total


class Budget:
    """The steps and characters one render (or one template check) may use."""

    __slots__ = ("_context", "_context_chars", "chars", "max_chars", "steps")

    def __init__(self, context: Any = None) -> None:
        self.steps = 0
        self.chars = 0
        self.max_chars = MAX_CHARS
        self._context = context
        self._context_chars: int | None = None

    def context_chars(self) -> int:
        """The characters of the values the piece was given (measured once)."""
        if self._context_chars is None:
            self._context_chars = text_size(self._context) if self._context is not None else 0
            self.max_chars = MAX_CHARS + CONTEXT_TIMES * self._context_chars
        return self._context_chars

    def _over(self, chars: int) -> bool:
        if self.chars + chars <= self.max_chars:
            return False
        if self._context_chars is None:
            self.context_chars()  # the allowance grows with the brief's own text
            return self.chars + chars > self.max_chars
        return True

    def room(self) -> int:
        return self.max_chars - self.chars

    def step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > MAX_STEPS:
            raise OverBudget(
                f"it does too much work (more than {MAX_STEPS:,} steps of loops, calls and "
                "filters); a template should only arrange the brief's details"
            )

    def need(self, chars: int) -> None:
        """Refuse now if ``chars`` more characters would be over budget."""
        if self._over(chars):
            raise OverBudget(
                f"it would make far too much text ({_about(self.chars + chars)} characters, "
                f"more than the {self.max_chars:,} a piece may make while it works)"
            )

    def spend(self, chars: int) -> None:
        if self.chars + chars > self.max_chars:
            self.need(chars)
        self.chars += chars

    def spend_on(self, value: Any) -> None:
        """Pay for reading or printing ``value`` (a text, list or dict)."""
        if type(value) is str:
            self.spend(len(value))
            return
        size = text_size(value, self.room())
        if size > self.room() and self._context_chars is None:
            self.context_chars()
            size = text_size(value, self.room())
        self.spend(size)

    def metered(self, items: Iterable[Any]) -> Iterator[Any]:
        """``items``, one step each."""
        for item in items:
            self.step()
            yield item

    def took(self, value: Any) -> Any:
        """Pay for a value an operation made; an iterator is paid item by item."""
        kind = type(value)
        if kind in _SIZED or isinstance(value, str):  # Markup too
            self.spend(len(value))
        elif kind not in _PLAIN and isinstance(value, Iterator):
            return self.metered(value)
        return value


_SIZED = frozenset({str, list, tuple, dict})
_PLAIN = frozenset({int, float, bool, type(None), range})


_CURRENT: ContextVar[Budget | None] = ContextVar("template_budget", default=None)


def current() -> Budget:
    """The budget of the render in progress (a fresh one outside a render:
    Jinja2 folds constant expressions when it compiles a piece)."""
    budget = _CURRENT.get()
    return budget if budget is not None else Budget()


def start(budget: Budget) -> object:
    return _CURRENT.set(budget)


def stop(token: object) -> None:
    _CURRENT.reset(token)  # type: ignore[arg-type]


def _about(chars: int) -> str:
    return f"{chars:,}" if chars < 10**12 else "more than a million million"


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _number(digits: str) -> int:
    # Python will not read a number of more than 4,300 digits; any width
    # over nine digits is over budget anyway.
    return int(digits) if len(digits) <= 9 else 10**9


# ------------------------------------------------------------------ operators

TOO_BIG_NUMBER = "it would make a number too large to print (more than about 4,200 digits)"


def check_times(budget: Budget, left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_NUMBER_BITS:
            raise OverBudget(TOO_BIG_NUMBER)
        return
    seq, count = (left, right) if isinstance(right, int) else (right, left)
    if isinstance(seq, str | list | tuple) and isinstance(count, int):
        budget.need(len(seq) * max(count, 0))


def check_power(left: Any, right: Any) -> None:
    if not (isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1):
        return
    if right > MAX_NUMBER_BITS or math.log2(abs(left)) * right > MAX_NUMBER_BITS:
        raise OverBudget(TOO_BIG_NUMBER)


def check_plus(budget: Budget, left: Any, right: Any) -> None:
    if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
        budget.need(len(left) + len(right))


_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?")
_DIGITS = re.compile(r"\d+")


def check_percent(budget: Budget, fmt: str, args: Any) -> None:
    """``fmt % args``: refuse huge widths before Python makes them."""
    fields = 0
    widths = 0
    for match in _PERCENT.finditer(fmt):
        fields += 1
        for part in match.groups():
            if part == "*":
                raise OverBudget("a width given as '*' cannot be used in a template")
            if part:
                widths += _number(part)
    room = budget.room()
    if isinstance(args, tuple):
        values = sum(text_size(v, room) for v in args)
    elif isinstance(args, Mapping):
        values = fields * max((text_size(v, room) for v in args.values()), default=0)
    else:
        values = text_size(args, room)
    budget.need(len(fmt) + widths + values)


def check_spec(budget: Budget, value: Any, spec: str) -> None:
    """One ``{...:spec}`` field of ``str.format``."""
    widths = sum(_number(d) for d in _DIGITS.findall(spec))
    budget.need(widths + text_size(value, budget.room()))


def bounded_range(*args: Any) -> range:
    """``range`` for templates: at most MAX_RANGE numbers."""
    numbers = range(*args)
    try:
        count = len(numbers)
    except OverflowError:
        count = MAX_RANGE + 1
    if count > MAX_RANGE:
        raise OverBudget(f"range() may count to {MAX_RANGE:,} at most")
    return numbers


# ------------------------------------------------------------------ methods

_TEXT_METHODS = frozenset(
    {
        *("capitalize", "casefold", "center", "count", "endswith", "find", "index"),
        *("isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier"),
        *("islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper"),
        *("join", "ljust", "lower", "lstrip", "partition", "removeprefix", "removesuffix"),
        *("replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split"),
        *("splitlines", "startswith", "strip", "swapcase", "title", "upper", "zfill"),
        *("striptags", "unescape"),  # Markup's own
    }
)
_SEQUENCE_METHODS = frozenset({"count", "index"})
_MAPPING_METHODS = frozenset({"get", "items", "keys", "values"})
_NUMBER_METHODS = frozenset({"bit_length", "conjugate", "is_integer"})
#: Values whose methods a template may call, and which ones.
VALUE_TYPES = (str, bytes, list, tuple, range, dict, set, frozenset, int, float, complex)


def allowed_method(owner: Any, name: str) -> bool:
    if isinstance(owner, str):
        return name in _TEXT_METHODS
    if isinstance(owner, list | tuple | range):
        return name in _SEQUENCE_METHODS
    if isinstance(owner, dict):
        return name in _MAPPING_METHODS
    if isinstance(owner, int | float):
        return name in _NUMBER_METHODS
    return False


def replace_size(text: str, old: Any, new: Any, count: Any = -1) -> int:
    if not (isinstance(old, str) and isinstance(new, str)):
        return len(text)
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(len(new) - len(old), 0)


def _pad_args(budget: Budget, text: str, args: tuple) -> tuple:
    budget.need(max(_int(args[0]) if args else 0, len(text)))
    return args


def _replace_args(budget: Budget, text: str, args: tuple) -> tuple:
    if len(args) >= 2:
        budget.need(replace_size(text, *args[:3]))
    return args


def _join_args(budget: Budget, text: str, args: tuple) -> tuple:
    if len(args) != 1:
        return args
    items = list(budget.metered(args[0]))
    strings = sum(len(item) for item in items if isinstance(item, str))
    budget.need(strings + len(text) * max(len(items) - 1, 0))
    return (items,)


_TEXT_CHECKS = {
    "center": _pad_args,
    "ljust": _pad_args,
    "rjust": _pad_args,
    "zfill": _pad_args,
    "replace": _replace_args,
    "join": _join_args,
}


def method_args(budget: Budget, owner: Any, name: str, args: tuple) -> tuple:
    """Pay for a call of a text, list or dict method; the args to call it with."""
    budget.spend_on(owner)
    for arg in args:
        budget.spend_on(arg)
    check = _TEXT_CHECKS.get(name) if isinstance(owner, str) else None
    return check(budget, owner, args) if check else args


# ------------------------------------------------------------------ filters


def _center(value: Any, width: Any = 80) -> int:
    return _int(width)


def _indent(value: Any, width: Any = 4, first: Any = False, blank: Any = False) -> int:
    each = len(width) if isinstance(width, str) else _int(width)
    return (str(value).count("\n") + 1) * each


def _wordwrap(value: Any, width: Any = 79, brk: Any = True, wrapstring: Any = None, *_: Any) -> int:
    joint = len(wrapstring) if isinstance(wrapstring, str) else 1
    return (text_size(value) + 1) * joint


def _replace(value: Any, old: Any, new: Any, count: Any = None) -> int:
    return replace_size(str(value), old, new, -1 if count is None else count)


def _format(value: Any, *args: Any, **kwargs: Any) -> int:
    check_percent(current(), str(value), kwargs or args)
    return 0


def _join(value: Any, d: Any = "", attribute: Any = None) -> int:
    return len(str(d)) * len(value) if hasattr(value, "__len__") else 0


def _sum(iterable: Any, attribute: Any = None, start: Any = 0) -> int:
    if not isinstance(start, int | float):
        raise OverBudget("the sum filter adds up numbers only")
    return 0


def _pieces(value: Any, count: Any, fill_with: Any = None) -> int:
    # batch and slice make ``count`` lists (or fill one to ``count`` items).
    current().step(max(_int(count), 0))
    return 0


#: Filter name -> the characters it will make beyond its input (or a refusal).
FILTER_CHECKS = {
    "center": _center,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "replace": _replace,
    "format": _format,
    "join": _join,
    "sum": _sum,
    "batch": _pieces,
    "slice": _pieces,
}
