"""Render template pieces in Jinja2's sandbox.

A template comes from an organisation, or from anywhere: it must never read
files, run code or reach Python internals. Pieces are rendered by a
SandboxedEnvironment with no loader (so no include, import or extends can
reach a file), undefined variables are errors, and output and arithmetic are
bounded so a template cannot exhaust memory.
"""

from __future__ import annotations

import operator
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_PIECE_CHARS = 2_000
_MAX_SEQUENCE = 10_000
_MAX_POWER = 1_000


class _Sandbox(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if isinstance(right, int) and abs(right) > _MAX_POWER:
                raise SecurityError("the number is too large")
            return operator.pow(left, right)
        if isinstance(left, str | list | tuple) or isinstance(right, str | list | tuple):
            count = right if isinstance(left, str | list | tuple) else left
            if isinstance(count, int) and count > _MAX_SEQUENCE:
                raise SecurityError("the text would be too long")
        return operator.mul(left, right)


def _environment() -> _Sandbox:
    env = _Sandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    # Nothing that reaches outside the template: no loader, no globals that
    # could fetch or build objects beyond plain values.
    env.globals = {"range": env.globals["range"]}
    return env


_ENV = _environment()


class PieceError(Exception):
    """A piece cannot be compiled or rendered; ``line`` is 1-based or 0."""

    def __init__(self, problem: str, line: int = 0) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def compile_piece(source: str):
    try:
        return _ENV.from_string(source)
    except TemplateSyntaxError as exc:
        raise PieceError(exc.message or "the text is not valid Jinja2", exc.lineno or 0) from None
    except TemplateError as exc:
        raise PieceError(str(exc)) from None


def render_piece(compiled, context: dict[str, Any]) -> str:
    try:
        text = compiled.render(context)
    except SecurityError as exc:
        raise PieceError(f"not allowed in a template ({exc})", _line_of(exc)) from None
    except TemplateError as exc:
        raise PieceError(_plain(exc), _line_of(exc)) from None
    except (ArithmeticError, TypeError, ValueError, OverflowError) as exc:
        if "no loader" in str(exc):
            raise PieceError(_NO_FILES, _line_of(exc)) from None
        raise PieceError(f"could not be worked out ({exc})", _line_of(exc)) from None
    except RecursionError:
        raise PieceError("it calls itself without end") from None
    if len(text) > MAX_PIECE_CHARS:
        raise PieceError(f"it produces more than {MAX_PIECE_CHARS:,} characters")
    return text


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
