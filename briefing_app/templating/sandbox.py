"""Render template pieces in Jinja2's sandbox, on a budget.

A template comes from an organisation, or from anywhere: it must never read
files, run code or reach Python internals, and it must finish quickly in
little memory whatever it says. Pieces are rendered by an immutable
SandboxedEnvironment with no loader (so no include, import or extends can
reach a file) and undefined variables are errors. For the cost, everything
that can repeat or grow goes through the render's Budget (budget.py):

- operators ``*``, ``**``, ``+`` and ``%`` (``intercepted_binops``), calls
  and methods (``call``, with a short list of text, list and dict methods),
  slices (``getitem``), ``str.format`` (a formatter that checks widths),
  every filter and test (wrapped), and ``range`` (capped);
- loops, ``~`` joins, comparisons and list or dict literals: the parsed
  piece is rewritten before Jinja2 generates its Python, so each goes
  through a small ``meter_*`` method of the environment;
- the text a macro, block or ``set`` collects is paid for as it is made,
  and the piece's own output is counted as it streams.

This is all in-process and per call, so an ordinary piece costs a few
microseconds more (docs/templates.md has the figures); a child process per
render would cost milliseconds for every export and preview.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from functools import update_wrapper
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
    SecurityError,
)
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from briefing_app.templating import budget as costs
from briefing_app.templating.budget import Budget, OverBudget

MAX_PIECE_CHARS = 2_000
MAX_PIECE_SOURCE = 10_000
#: The brief's own text a piece prints is not counted against it, up to twice over.
_CONTEXT_OUTPUT_TIMES = 2


# ------------------------------------------------------------------ rewriting


def _meter(name: str, args: list[nodes.Expr], lineno: int | None) -> nodes.Call:
    """``environment.meter_NAME(args...)`` in the generated code: a call of
    an environment attribute, which no template can write (Jinja2 allows no
    node types of one's own)."""
    return nodes.Call(
        nodes.EnvironmentAttribute(f"meter_{name}"), args, [], None, None, lineno=lineno
    )


class _AddMeters(NodeTransformer):
    """Put loops, joins, comparisons, literals and collected text on the meter."""

    def __init__(self) -> None:
        self.collecting = 0  # inside a macro, block, set or filter block

    def _collected(self, node: nodes.Node) -> nodes.Node:
        self.collecting += 1
        try:
            return self.generic_visit(node)
        finally:
            self.collecting -= 1

    visit_Macro = visit_CallBlock = visit_FilterBlock = _collected
    visit_AssignBlock = visit_Block = _collected

    def visit_For(self, node: nodes.For) -> nodes.Node:
        node = self._collected(node) if node.recursive else self.generic_visit(node)
        node.iter = _meter("loop", [node.iter], lineno=node.lineno)
        return node

    def visit_Output(self, node: nodes.Output) -> nodes.Node | list[nodes.Node]:
        self.generic_visit(node)
        if not self.collecting:
            return node  # streamed out and counted as it goes (see _stream)
        literal = sum(len(n.data) for n in node.nodes if isinstance(n, nodes.TemplateData))
        node.nodes = [
            n if isinstance(n, nodes.TemplateData) else _meter("shown", [n], lineno=n.lineno)
            for n in node.nodes
        ]
        if not literal:
            return node
        charge = _meter("text", [nodes.Const(literal)], lineno=node.lineno)
        return [nodes.ExprStmt(charge, lineno=node.lineno), node]

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _meter("concat", node.nodes, lineno=node.lineno)

    def visit_Compare(self, node: nodes.Compare) -> nodes.Node:
        self.generic_visit(node)
        args: list[nodes.Node] = [node.expr]
        for operand in node.ops:
            args += [nodes.Const(operand.op), operand.expr]
        return _meter("compare", args, lineno=node.lineno)

    def _literal(self, node: nodes.Tuple | nodes.List | nodes.Dict) -> nodes.Node:
        self.generic_visit(node)
        if getattr(node, "ctx", "load") != "load":
            return node  # a target: {% for a, b in ... %}
        return _meter("made", [node], lineno=node.lineno)

    visit_Tuple = visit_List = visit_Dict = _literal


class _MeteredCode(CodeGenerator):
    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        target = node.node
        if not (
            isinstance(target, nodes.EnvironmentAttribute) and target.name.startswith("meter_")
        ):
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        # A direct call: the sandbox's ``call`` would charge it as a step.
        self.write(f"environment.{target.name}(")
        for i, arg in enumerate(node.args):
            if i:
                self.write(", ")
            self.visit(arg, frame)
        self.write(")")


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "gteq": operator.ge,
    "lt": operator.lt,
    "lteq": operator.le,
    "in": lambda a, b: a in b,
    "notin": lambda a, b: a not in b,
}


# ------------------------------------------------------------------ formatting


class _BoundedFormatter(SandboxedFormatter):
    """``str.format`` with every field's width and value paid for first
    (nested widths, ``{:{w}}``, arrive here already filled in)."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        budget = costs.current()
        budget.step()
        costs.check_spec(budget, value, format_spec)
        text = super().format_field(value, format_spec)
        budget.spend(len(text))
        return text


class _BoundedEscapeFormatter(_BoundedFormatter, SandboxedEscapeFormatter):
    pass


# ------------------------------------------------------------------ filters and tests


def _metered(func: Callable[..., Any], check: Callable[..., int] | None) -> Callable[..., Any]:
    """A filter or test that pays for its input and output, and checks
    first what it will make (``check``: characters beyond its input)."""
    first = getattr(getattr(func, "jinja_pass_arg", None), "name", None)

    # A context filter is never run while Jinja2 compiles, so no constant
    # (a width of 10**9 included) is worked out before the budget exists.
    @pass_context
    def metered(context: Context, value: Any, *args: Any, **kwargs: Any) -> Any:
        budget = costs.current()
        budget.step()
        if type(value) is not str and isinstance(value, Iterator):
            value = list(value)  # paid item by item, and then measurable
        budget.spend_on(value)
        for arg in args:
            budget.spend_on(arg)
        for arg in kwargs.values():
            budget.spend_on(arg)
        if check is not None:
            budget.need(check(value, *args, **kwargs))
        if first == "context":
            result = func(context, value, *args, **kwargs)
        elif first == "eval_context":
            result = func(context.eval_ctx, value, *args, **kwargs)
        elif first == "environment":
            result = func(context.environment, value, *args, **kwargs)
        else:
            result = func(value, *args, **kwargs)
        return budget.took(result)

    return metered


# ------------------------------------------------------------------ the environment


class _Sandbox(ImmutableSandboxedEnvironment):
    code_generator_class = _MeteredCode
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def _generate(self, source: nodes.Template, *args: Any, **kwargs: Any) -> str:
        source = _AddMeters().visit(source)
        source.set_environment(self)  # the nodes added have none yet
        return super()._generate(source, *args, **kwargs)

    # -- called by the generated code
    def meter_loop(self, items: Any) -> Any:
        return costs.current().metered(items)

    def meter_text(self, chars: int) -> None:
        costs.current().spend(chars)

    def meter_shown(self, value: Any) -> Any:
        costs.current().spend_on(value)
        return value

    def meter_made(self, value: Any) -> Any:
        budget = costs.current()
        budget.step()
        budget.spend_on(value)
        return value

    def meter_concat(self, *values: Any) -> str:
        budget = costs.current()
        budget.step()
        for value in values:
            budget.spend_on(value)
        return "".join(map(str, values))

    def meter_compare(self, left: Any, *ops: Any) -> bool:
        budget = costs.current()
        budget.step()
        for op, right in zip(ops[::2], ops[1::2], strict=True):
            # Looking a key up in a dict costs its hash, not the dict.
            budget.spend_on(left)
            if not (op in ("in", "notin") and isinstance(right, dict)):
                budget.spend_on(right)
            if not _COMPARE[op](left, right):
                return False
            left = right
        return True

    # -- the sandbox's own hooks
    def call_binop(self, context: Context, operator_name: str, left: Any, right: Any) -> Any:
        budget = costs.current()
        budget.step()
        if operator_name == "*":
            costs.check_times(budget, left, right)
        elif operator_name == "**":
            costs.check_power(left, right)
        elif operator_name == "+":
            costs.check_plus(budget, left, right)
        elif operator_name == "%" and isinstance(left, str):
            costs.check_percent(budget, left, right)
        return budget.took(self.binop_table[operator_name](left, right))

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        budget = costs.current()
        budget.step()
        if not self.is_safe_callable(obj):
            raise SecurityError(f"{obj!r} is not safely callable")
        owner = getattr(obj, "__self__", None)
        if isinstance(owner, costs.VALUE_TYPES) and not isinstance(obj, type):
            name = getattr(obj, "__name__", "")
            if not costs.allowed_method(owner, name):
                raise SecurityError(f"'{name}' cannot be used on {type(owner).__name__} values")
            args = costs.method_args(budget, owner, name, args)
        elif isinstance(obj, LoopContext) and args:
            # A recursive loop's inner rounds are paid like the outer ones.
            args = (budget.metered(args[0]), *args[1:])
        return budget.took(context.call(obj, *args, **kwargs))

    def getitem(self, obj: Any, argument: Any) -> Any:
        value = super().getitem(obj, argument)
        if isinstance(argument, slice):
            return costs.current().took(value)
        if isinstance(argument, tuple):
            costs.current().spend_on(argument)  # hashing a tuple walks it
        return value

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if getattr(value, "__name__", "") not in ("format", "format_map"):
            return None
        f_self = getattr(value, "__self__", None)
        if not isinstance(f_self, str):
            return None
        if isinstance(f_self, Markup):
            formatter: SandboxedFormatter = _BoundedEscapeFormatter(self, escape=f_self.escape)
        else:
            formatter = _BoundedFormatter(self)
        is_map = value.__name__ == "format_map"
        kind = type(f_self)

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                args, kwargs = (), args[0]
            return kind(formatter.vformat(f_self, args, kwargs))

        return update_wrapper(wrapper, value)


def _environment() -> _Sandbox:
    env = _Sandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    # Nothing that reaches outside the template: no loader, no globals that
    # could fetch or build objects beyond plain values.
    env.globals = {"range": costs.bounded_range}
    env.filters = {
        name: _metered(f, costs.FILTER_CHECKS.get(name)) for name, f in env.filters.items()
    }
    env.tests = {name: _metered(f, None) for name, f in env.tests.items()}
    return env


_ENV = _environment()


# ------------------------------------------------------------------ compiling and rendering


class PieceError(Exception):
    """A piece cannot be compiled or rendered; ``line`` is 1-based or 0."""

    def __init__(self, problem: str, line: int = 0) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def compile_piece(source: str):
    if len(source) > MAX_PIECE_SOURCE:
        raise PieceError(f"it is longer than {MAX_PIECE_SOURCE:,} characters")
    try:
        return _ENV.from_string(source)
    except TemplateSyntaxError as exc:
        raise PieceError(exc.message or "the text is not valid Jinja2", exc.lineno or 0) from None
    except TemplateError as exc:
        raise PieceError(str(exc)) from None
    except (RecursionError, SyntaxError, MemoryError):
        # Brackets nested hundreds deep: Jinja2 or Python gives up compiling.
        raise PieceError("it is nested too deeply to be read") from None


def render_piece(compiled, context: dict[str, Any], budget: Budget | None = None) -> str:
    """The piece's text; ``budget`` may be shared by several pieces (the
    check when a template loads), otherwise each render has its own."""
    budget = budget if budget is not None else Budget(context)
    token = costs.start(budget)
    try:
        text = _stream(compiled, context, budget)
    except PieceError:
        raise
    except OverBudget as exc:
        raise PieceError(str(exc), _line_of(exc)) from None
    except SecurityError as exc:
        raise PieceError(f"not allowed in a template ({exc})", _line_of(exc)) from None
    except TemplateError as exc:
        raise PieceError(_plain(exc), _line_of(exc)) from None
    except RecursionError:
        raise PieceError("it calls itself without end") from None
    except MemoryError:
        raise PieceError("it needs far too much memory") from None
    except OverflowError as exc:
        raise PieceError("it works out a number too large to use", _line_of(exc)) from None
    except Exception as exc:
        # A filter given the wrong kind of value, a division by zero... Jinja2
        # says the caller must expect any error from a render.
        if "no loader" in str(exc):
            raise PieceError(_NO_FILES, _line_of(exc)) from None
        if "integer string conversion" in str(exc):
            raise PieceError(costs.TOO_BIG_NUMBER, _line_of(exc)) from None
        raise PieceError(f"could not be worked out ({exc})", _line_of(exc)) from None
    finally:
        costs.stop(token)
    return text


def _stream(compiled, context: dict[str, Any], budget: Budget) -> str:
    """Render, counting the output as it comes: a loop that prints too much
    stops at the first piece past the limit, not after making all of it."""
    parts: list[str] = []
    size = 0
    line = -1
    try:
        pieces = compiled.root_render_func(compiled.new_context(context))
        for chunk in pieces:
            size += len(chunk)
            if size > MAX_PIECE_CHARS and _too_long(size, budget):
                # Where the piece stopped, as a line of the template.
                line = compiled.get_corresponding_lineno(pieces.gi_frame.f_lineno)
                break
            parts.append(chunk)
    except Exception:
        # Jinja2 rewrites the traceback so the template's own line shows.
        compiled.environment.handle_exception()
    if line >= 0:
        raise PieceError(
            f"it produces more than {MAX_PIECE_CHARS:,} characters besides the brief's details",
            line,
        )
    return "".join(parts)


def _too_long(size: int, budget: Budget) -> bool:
    # The brief's own details (a long reference, 64 recipients) are not the
    # template's output: only what the template adds counts.
    return size > MAX_PIECE_CHARS + _CONTEXT_OUTPUT_TIMES * budget.context_chars()


_NO_FILES = "templates cannot include, import or extend other files"


def _plain(exc: TemplateError) -> str:
    message = str(exc.message or exc)
    if "is undefined" in message or "has no attribute" in message:
        return f"it uses something that does not exist ({message})"
    if "no loader" in message.lower() or "not found" in message.lower():
        return _NO_FILES
    return message


def _line_of(exc: BaseException) -> int:
    # Jinja rewrites tracebacks so the template's own line appears in them.
    tb = exc.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
