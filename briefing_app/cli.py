"""Command line: the same core as the app, no window.

  briefing-app                       open the app (the sample on first start)
  briefing-app FILE.brief            open a brief in the app
  briefing-app export BRIEF -o OUT   export to PDF, Word or HTML (by OUT's ending)
  briefing-app export --sample -o OUT
  briefing-app check BRIEF           what to look at before it goes out (--json)
  briefing-app sample -o FILE.brief  write the sample brief out for editing
  briefing-app templates             list the templates; export --template NAME uses one
  briefing-app import SOURCE -o FILE.brief   a new brief from a .txt, .md, .docx, .html,
                                     .eml or .msg file
  briefing-app update BRIEF --from-word EDITED.docx -o OUT.brief
                                     bring a colleague's edits, tracked changes and
                                     comments in a Word export back into the brief

Errors print one plain line on stderr and exit non-zero; never a traceback
(set BRIEFING_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing_app import __version__
from briefing_app.errors import BriefError

PROG = "briefing-app"
EXIT_USER_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
_COMMANDS = ("export", "check", "sample", "import", "update", "templates")
EXIT_FINDINGS = 1  # check: the brief has findings
EXIT_UNREADABLE = 2  # check: the brief cannot be read


# Characters a terminal acts on instead of showing: control characters
# (escape sequences, bell, carriage return, line breaks inside one message)
# and the bidirectional controls that can reorder what is shown.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` as one line a terminal shows literally: names from files
    (a template's, a file's) can hold escape codes or line breaks."""
    return _UNPRINTABLE.sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}"


def say(line: str, *, err: bool = False) -> None:
    """Print one line, with anything a terminal would act on made visible."""
    print(terminal_safe(line), file=sys.stderr if err else sys.stdout)


def _parser() -> argparse.ArgumentParser:
    from briefing_app.writers.registry import endings, formats

    labels = [f.label for f in formats()]
    kinds = f"{', '.join(labels[:-1])} or {labels[-1]}" if len(labels) > 1 else labels[0]
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=f"Compose policy briefs and export them as {kinds}.",
        epilog=f"Run '{PROG}' with no command to open the app, or '{PROG} FILE.brief' "
        "to open a brief in it.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    listed = ", ".join(f"{f.label} ({f.suffix})" for f in formats())
    export = sub.add_parser(
        "export",
        help=f"export a brief to {kinds}",
        description=f"Export a brief. The output file's ending sets the format: {listed}.",
    )
    source = export.add_mutually_exclusive_group(required=True)
    source.add_argument("brief", nargs="?", help="the .brief file to export")
    source.add_argument("--sample", action="store_true", help="export the bundled sample brief")
    export.add_argument(
        "-o",
        "--output",
        required=True,
        help=f"output file: its ending ({endings()}) sets the format",
    )

    export.add_argument(
        "-t",
        "--template",
        help="print with this template (see 'templates'); default: the brief's own",
    )
    export.add_argument(
        "--strict",
        action="store_true",
        help="refuse to export when the check finds errors (exit status 1, nothing written)",
    )
    export.add_argument(
        "--draft",
        action="store_true",
        help="export a draft: DRAFT on every page, and the 'needs source' marks shown",
    )

    check = sub.add_parser(
        "check",
        help="check a brief before it goes out",
        description="List what should be looked at before the brief goes out: sentences "
        "that need a source, the page budget, template prompts left, unknown or out-of-date "
        "facts, links to sections not printed, a missing marking, and more. Exit status: "
        "0 when there is nothing to report, 1 when there are findings, 2 when the brief "
        "cannot be read.",
    )
    check.add_argument("brief", help="the .brief file to check")
    check.add_argument(
        "-t", "--template", help="check as printed with this template; default: the brief's own"
    )
    check.add_argument(
        "--json",
        action="store_true",
        help="print the findings as a JSON list (kind, severity, section, where, message)",
    )

    sub.add_parser("templates", help="list the templates the app can print with")

    sample = sub.add_parser("sample", help="write the sample brief to a file for editing")
    sample.add_argument("-o", "--output", required=True, help="the .brief file to write")
    sample.add_argument("--force", action="store_true", help="replace the file if it exists")

    imp = sub.add_parser(
        "import", help="make a new brief from a text, Markdown, Word, web page or e-mail file"
    )
    imp.add_argument("source", help="the text, Markdown, Word, web page or e-mail file to import")
    imp.add_argument("-o", "--output", required=True, help="the .brief file to write")
    imp.add_argument("--force", action="store_true", help="replace the file if it exists")

    upd = sub.add_parser(
        "update",
        help="bring a colleague's edits in a Word export back into the brief",
        description="Compare a Word file exported from the brief, and edited by a colleague, "
        "with the brief; print what changed and write the brief with every change applied "
        "(tracked changes accepted unless --reject-tracked) and the comments as review notes.",
    )
    upd.add_argument("brief", help="the .brief file the Word file was exported from")
    upd.add_argument(
        "--from-word", required=True, metavar="EDITED.docx", help="the edited Word file"
    )
    upd.add_argument("-o", "--output", required=True, help="the updated .brief file to write")
    upd.add_argument("--force", action="store_true", help="replace the file if it exists")
    upd.add_argument(
        "--reject-tracked",
        action="store_true",
        help="leave out the tracked changes (take the text as it read before them)",
    )
    upd.add_argument(
        "--facts-as-text",
        action="store_true",
        help="where a fact's value was changed, change the text there, not the fact",
    )
    upd.add_argument(
        "--other-brief",
        action="store_true",
        help="update even when the Word file was exported from another brief",
    )
    return parser


def _export(args: argparse.Namespace) -> int:
    from briefing_app.checks import check_brief, errors
    from briefing_app.export import export_brief
    from briefing_app.model.storage import load_brief
    from briefing_app.sample import load_sample
    from briefing_app.writers.registry import for_path

    for_path(args.output)  # refuse a bad ending before any work
    brief = load_sample() if args.sample else load_brief(args.brief)
    if args.template:
        brief.template = _find_template(args.template).id
    findings = check_brief(brief, measure=True)
    for finding in findings:
        # Warnings all: the export goes ahead (unless --strict, below).
        say(f"{PROG}: warning: check: {finding.line()}", err=True)
    problems = errors(findings)
    if args.strict and problems and not args.draft:
        count = len(problems)
        raise BriefError(
            f"the brief has {count} error{'s' if count != 1 else ''} (listed above), so "
            "nothing was written: fix them, or export a draft with --draft."
        )
    report = export_brief(brief, args.output, draft=args.draft)
    for warning in report.warnings:
        say(f"{PROG}: warning: {warning}", err=True)
    kind = " draft" if args.draft else ""
    say(f"Exported {report.format.label}{kind} to {report.path.resolve()}")
    return 0


def _check(args: argparse.Namespace) -> int:
    import json

    from briefing_app.checks import check_brief
    from briefing_app.model.storage import load_brief

    try:
        brief = load_brief(args.brief)
    except BriefError as exc:
        say(f"{PROG}: error: {exc}", err=True)
        return EXIT_UNREADABLE
    template = _find_template(args.template) if args.template else None
    findings = check_brief(brief, template, measure=True)
    if args.json:
        print(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=1))
    else:
        for finding in findings:
            say(finding.line())
        errors = sum(1 for f in findings if f.severity.value == "error")
        warnings = len(findings) - errors
        say(
            f"{errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}"
            if findings
            else "Nothing to report: the brief is ready to send."
        )
    return EXIT_FINDINGS if findings else 0


def _find_template(wanted: str):
    from briefing_app.templating import catalogue

    cat = catalogue()
    for template in cat.templates:
        if wanted.casefold() in (template.id.casefold(), template.name.casefold()):
            return template
    for problem in cat.problems:
        if wanted.casefold() in (problem.template_id.casefold(), problem.template.casefold()):
            raise problem  # installed, but it cannot be used: say why
    names = ", ".join(f"'{t.id}'" for t in cat.templates)
    raise BriefError(f"there is no template called '{wanted}'. Templates: {names}.")


def _templates(_args: argparse.Namespace) -> int:
    from briefing_app.files.locations import user_templates_dir
    from briefing_app.templating import catalogue

    cat = catalogue()
    width = max(len(t.id) for t in cat.templates)
    for template in cat.templates:
        origin = "" if template.builtin else "  (your own)"
        say(f"{template.id:<{width}}  {template.name}: {template.description}{origin}")
    for problem in cat.problems:
        say(f"{PROG}: warning: {problem}", err=True)
    say("")
    say(f"Your own templates go in {user_templates_dir()}")
    return 0


def _sample(args: argparse.Namespace) -> int:
    from briefing_app.model.storage import save_brief
    from briefing_app.sample import load_sample

    target = Path(args.output)
    if target.exists() and not args.force:
        raise BriefError(f"'{target}' already exists; choose another name or add --force.")
    save_brief(load_sample(), target)
    say(f"Wrote the sample brief to {target.resolve()}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from briefing_app.importers import import_file
    from briefing_app.importers.result import summary_lines
    from briefing_app.model.storage import BRIEF_SUFFIX, save_brief

    target = Path(args.output)
    if target.suffix.lower() != BRIEF_SUFFIX:
        # Never write a brief over the .docx or .txt being imported.
        raise BriefError(f"the output '{target}' must end in {BRIEF_SUFFIX}.")
    if target.exists() and not args.force:
        raise BriefError(f"'{target}' already exists; choose another name or add --force.")
    result = import_file(args.source)
    save_brief(result.brief, target)
    for line in summary_lines(result):
        say(line)
    say(f"Imported {result.format.label} into {target.resolve()}")
    return 0


def _update(args: argparse.Namespace) -> int:
    from briefing_app.model.storage import BRIEF_SUFFIX, load_brief, save_brief
    from briefing_app.roundtrip import TrackedChanges, apply_update, plan_update_file

    target = Path(args.output)
    if target.suffix.lower() != BRIEF_SUFFIX:
        raise BriefError(f"the output '{target}' must end in {BRIEF_SUFFIX}.")
    if target.exists() and not args.force:
        raise BriefError(f"'{target}' already exists; choose another name or add --force.")
    brief = load_brief(args.brief)
    tracked = TrackedChanges.REJECT if args.reject_tracked else TrackedChanges.ACCEPT
    plan = plan_update_file(brief, args.from_word, tracked=tracked)
    if not plan.same_brief and not args.other_brief:
        raise BriefError(
            f"'{Path(args.from_word).name}' was exported from another brief, not from "
            f"'{Path(args.brief).name}'. Check the files; to update from it anyway, add "
            "--other-brief."
        )
    for warning in plan.warnings:
        say(f"{PROG}: warning: {warning}", err=True)
    for change in plan.changes:
        change.change_facts = not args.facts_as_text
        say(change.describe())
        if change.old_text:
            say(f"  was: {_short(change.old_text)}")
        if change.new_text:
            say(f"  now: {_short(change.new_text)}")
        for edit in change.fact_edits:
            what = "the fact" if change.change_facts else "the text here (not the fact)"
            say(f"  changes {what} '{edit.name}': {edit.old} -> {edit.new}")
        for entry in change.new_sources:
            say(f"  adds the source: {_short(entry.text)}")
    for note in plan.notes:
        by = f" ({note.author})" if note.author else ""
        say(f"Review note{by}: {_short(note.text)}")
    for line in plan.summary():
        say(line)
    save_brief(apply_update(plan), target)
    say(f"Updated brief written to {target.resolve()}")
    return 0


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class UsageError(BriefError):
    """The command line itself is wrong (exit status 2)."""


def _check_app_arguments(argv: Sequence[str]) -> None:
    """An app to open needs a brief that exists, or a name ending .brief; a
    mistyped command ("chek") must not open the window instead."""
    from briefing_app.model.storage import BRIEF_SUFFIX

    for arg in argv:
        if not Path(arg).exists() and not arg.lower().endswith(BRIEF_SUFFIX):
            commands = ", ".join(_COMMANDS)
            raise UsageError(
                f"'{arg}' is not a command, nor a brief that exists. Commands: {commands} "
                f"('{PROG} COMMAND --help' says more); to open a brief: {PROG} FILE.brief"
            )


def _desktop_session_problem() -> str:
    """Why the window cannot show here, or "" (Linux without a display and
    no platform chosen: Qt would abort with its own message)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    return (
        "the app needs a desktop session to show its window, and there is none here (no "
        f"display). The commands work without one: '{PROG} export BRIEF -o OUT.pdf', "
        f"'{PROG} check BRIEF'."
    )


def _open_app(paths: Sequence[str]) -> int:
    _check_app_arguments(paths)
    problem = _desktop_session_problem()
    if problem:
        raise BriefError(problem)
    try:
        # Loads Qt's system libraries (libGL, libEGL) here, where a failure
        # is reported plainly.
        import PySide6.QtWidgets  # noqa: F401

        from briefing_app.gui.app import run_app
    except ImportError as exc:
        # Qt itself failed to load: say so in plain words, the rest works.
        raise BriefError(
            f"the app's window could not start because Qt could not be loaded ({exc}). "
            f"On Linux, Qt needs the system libraries listed in the README. "
            f"Exports still work: '{PROG} export BRIEF -o OUT.pdf'."
        ) from None
    return run_app(list(paths))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if not argv or (argv[0] not in _COMMANDS and not argv[0].startswith("-")):
            return _open_app(argv)
        args = _parser().parse_args(argv)
        if args.command == "export":
            return _export(args)
        if args.command == "check":
            return _check(args)
        if args.command == "sample":
            return _sample(args)
        if args.command == "templates":
            return _templates(args)
        if args.command == "import":
            return _import(args)
        if args.command == "update":
            return _update(args)
        _parser().print_help()
        return EXIT_USAGE
    except UsageError as exc:
        say(f"{PROG}: error: {exc}", err=True)
        return EXIT_USAGE
    except BriefError as exc:
        say(f"{PROG}: error: {exc}", err=True)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: stopped", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: never a traceback
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        say(
            f"{PROG}: error: something went wrong inside the app ({type(exc).__name__}: {exc}). "
            "Nothing was written. Please report this.",
            err=True,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
