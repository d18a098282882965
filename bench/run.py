"""Benchmark runner: export, start-up, preview, and pandoc/LibreOffice side by side.

    .venv/bin/python -m bench.run [--quick] [--no-app] [--no-tools] [--json PATH]

Prints the tables, the ratios and the targets (issues 6 and 19), and writes
all of it with a description of the machine as JSON (default
bench/results/latest.json). Times are medians of several warm runs; the
side by side alternates our export and the other tools run by run.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.checks import check_rows as brief_check_rows
from bench.external import find_tools, side_by_side_rows
from bench.figures import figure_rows
from bench.generate import generated_brief
from bench.report import print_exports, print_rows, print_side_by_side, print_targets
from bench.spelling import check_rows, keystroke_rows
from bench.targets import check_targets
from briefing_app.compose import compose
from briefing_app.export import render
from briefing_app.files.atomic import atomic_write
from briefing_app.model.brief import Brief
from briefing_app.sample import load_sample
from briefing_app.writers.registry import PDF, formats

ROOT = Path(__file__).resolve().parent.parent
BUSY_LOAD = 0.5


def median_time(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm: fonts registered, modules imported, caches filled
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_count(brief: Brief) -> int:
    import pypdf

    data = render(compose(brief), PDF)
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def export_cases(quick: bool) -> list[tuple[str, Brief, int]]:
    """(name, brief, runs): the sample and generated briefs of N pages."""
    cases: list[tuple[str, Brief, int]] = [("sample", load_sample(), 15 if not quick else 5)]
    for pages in (10, 50, 100, 200) if not quick else (10, 50):
        cases.append((f"{pages} pages", generated_brief(pages), 5 if pages <= 50 else 3))
    return cases


def export_rows(cases: list[tuple[str, Brief, int]]) -> list[dict]:
    rows = []
    for name, brief, runs in cases:
        pages = page_count(brief)
        row = {"case": name, "pages": pages}
        # Every format there is, so a new writer (HTML) is measured as it lands.
        for fmt in formats():
            # Compose is part of every export, so it is timed too.
            seconds = median_time(lambda b=brief, f=fmt: render(compose(b), f), runs)
            row[f"{fmt.name}_s"] = seconds
            row[f"{fmt.name}_ms_per_page"] = seconds * 1000 / pages
        rows.append(row)
    return rows


def cli_rows(runs: int = 5) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for fmt in formats():
            out = Path(folder) / f"x{fmt.suffix}"
            cmd = [sys.executable, "-m", "briefing_app", "export", "--sample", "-o", str(out)]

            def once(cmd: list[str] = cmd) -> None:
                subprocess.run(cmd, check=True, capture_output=True, cwd=folder)

            rows.append(
                {
                    "case": f"CLI export --sample -> {fmt.suffix}",
                    "format": fmt.name,
                    "s": median_time(once, runs),
                }
            )
    return rows


def import_rows(runs: int = 5) -> list[dict]:
    """What the CLI's export of the sample to PDF spends importing modules
    (python -X importtime: the top-level imports' cumulative times, median
    of ``runs``), and whether it imported a library only another format or
    the app needs."""
    heavy = {"PySide6": "Qt", "docx": "python-docx", "lxml": "lxml"}
    totals: list[float] = []
    loaded: set[str] = set()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "x.pdf"
        cmd = [sys.executable, "-X", "importtime", "-m", "briefing_app", "export"]
        cmd += ["--sample", "-o", str(out)]
        for _ in range(runs + 1):  # the first run warms the disk cache
            done = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=folder)
            total = 0
            for line in done.stderr.splitlines():
                if not line.startswith("import time:") or "|" not in line:
                    continue
                _self, cumulative, name = line[len("import time:") :].split("|")
                if cumulative.strip().isdigit() and not name.startswith("  "):
                    total += int(cumulative)  # microseconds, top-level imports only
                loaded.add(name.strip().split(".")[0])
            totals.append(total / 1e6)
    return [
        {
            "case": "CLI export --sample -> .pdf: importing modules",
            "key": "cli_pdf_imports",
            "s": statistics.median(totals[1:]),
            "imported": sorted(label for module, label in heavy.items() if module in loaded),
        }
    ]


def startup_rows(runs: int = 5) -> list[dict]:
    """Process start to the main window shown with the sample (offscreen)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    shown_times, peaks = [], []
    with tempfile.TemporaryDirectory() as folder:
        settings = str(Path(folder) / "settings.ini")
        errors = Path(folder) / "stderr.txt"
        for _ in range(runs + 1):  # the first run warms the disk cache
            # Standard error to a file, not a pipe: Qt's warnings must not fill it and block.
            with errors.open("w", encoding="utf-8") as stderr:
                start = time.perf_counter()
                proc = subprocess.Popen(
                    [sys.executable, "-m", "bench.startup_probe", settings],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=stderr,
                    text=True,
                )
                assert proc.stdout is not None
                for line in proc.stdout:
                    if line.startswith("shown"):
                        shown_times.append(time.perf_counter() - start)
                    elif line.startswith("peak_kb"):
                        peaks.append(int(line.split()[1]))
                status = proc.wait(timeout=60)
            if status != 0:
                message = errors.read_text(encoding="utf-8", errors="replace")
                raise RuntimeError(f"the start-up probe failed:\n{message}")
    return [
        {
            "case": "Start-up to window with the sample",
            "key": "startup",
            "s": statistics.median(shown_times[1:]),
        },
        {
            "case": "Peak memory with the sample open (MB)",
            "key": "peak_memory",
            "mb": max(peaks) / 1024,
        },
    ]


def preview_rows(runs: int = 5) -> list[dict]:
    """From an edit to the refreshed preview (render + load), after debounce."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    import briefing_app.gui  # noqa: F401
    from briefing_app.gui.main_window import MainWindow
    from briefing_app.model.text import Paragraph, Run

    app = QApplication.instance() or QApplication([])
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        for key, name, brief in (
            ("preview_sample", "sample", load_sample()),
            ("preview_50_pages", "50 pages", generated_brief(50)),
        ):
            window = MainWindow(settings)
            window.load_brief(brief, None)
            window.show()
            times = []
            for i in range(runs + 1):
                loop = QEventLoop()
                window.preview.rendered.connect(loop.quit)
                section = next(
                    s for s in window.session.brief.sections if s.kind.value != "sources"
                )
                content = (
                    type(section.content)([*section.content.blocks, Paragraph([Run(f"Edit {i}")])])
                    if hasattr(section.content, "blocks")
                    else section.content
                )
                window.session.set_content(section.id, content)
                start = time.perf_counter()
                window.preview.refresh_now()  # what the debounce timer calls
                QTimer.singleShot(30_000, loop.quit)
                loop.exec()
                window.preview.rendered.disconnect(loop.quit)
                times.append(time.perf_counter() - start)
            rows.append(
                {
                    "case": f"Preview refresh after an edit: {name}",
                    "key": key,
                    "s": statistics.median(times[1:]),
                }
            )
            window.session.undo_stack.setClean()
            window.close()
    del app
    return rows


def spelling_rows(no_app: bool) -> list[dict]:
    """Issue 15: the spelling check of the sample and, in the app, a
    keystroke in a 20-page section with and without the underlines; issue
    13: the whole check of the sample."""
    return check_rows() + brief_check_rows() + ([] if no_app else keystroke_rows())


def machine_description() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "processor": _cpu_model() or platform.processor() or platform.machine(),
        "memory_gb": _memory_gb(),
        "load_average_at_start": _load(),
    }


def _load() -> float | None:
    """One-minute load average before the run (the run itself adds about 1):
    other work on the machine slows every figure."""
    try:
        return round(os.getloadavg()[0], 2)
    except (OSError, AttributeError):
        return None


def _cpu_model() -> str:
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    for line in info.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "model name":
            return value.strip()
    return ""


def _memory_gb() -> float | None:
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None
    return round(pages * size / 2**30, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer cases and runs")
    parser.add_argument(
        "--no-app", action="store_true", help="skip the app (start-up, memory, preview)"
    )
    parser.add_argument(
        "--no-tools", action="store_true", help="skip the pandoc/LibreOffice side by side"
    )
    parser.add_argument(
        "--scale",
        action="store_true",
        help="also the scale table (time and memory against input size; a few minutes)",
    )
    parser.add_argument("--json", default=str(ROOT / "bench" / "results" / "latest.json"))
    args = parser.parse_args(argv)
    runs = 3 if args.quick else 5
    names = [fmt.name for fmt in formats()]
    labels = {fmt.name: fmt.label for fmt in formats()}

    machine = machine_description()
    cases = export_cases(args.quick)
    exports = export_rows(cases)
    processes = cli_rows(runs) + import_rows(runs)
    app_rows = [] if args.no_app else startup_rows(runs) + preview_rows(runs)
    spelling = spelling_rows(args.no_app)
    figures = figure_rows(args.quick)

    if args.no_tools:
        side, notes = [], ["skipped (--no-tools)."]
    else:
        tools = find_tools()
        machine["tools"] = tools.versions
        # The sample and the 10-, 50- and 200-page briefs (the sample only when quick).
        wanted = ("sample",) if args.quick else ("sample", "10 pages", "50 pages", "200 pages")
        pages = {row["case"]: row["pages"] for row in exports}
        side_cases = [(name, brief, pages[name]) for name, brief, _ in cases if name in wanted]
        in_process = {row["case"]: row["docx_s"] for row in exports}
        side = side_by_side_rows(side_cases, in_process, tools, 1 if args.quick else 3)
        notes = tools.notes()

    payload = {
        "machine": machine,
        "quick": args.quick,
        "exports": exports,
        "processes": processes,
        "app": app_rows,
        "spelling": spelling,
        "figures": figures,
        "side_by_side": side,
        "notes": notes,
    }
    if args.scale:
        from bench.scale import scale_rows

        payload["scale"] = scale_rows(quick=args.quick)
    payload["targets"] = check_targets(payload, names, labels)

    cpus = f"{machine['cpus']} CPUs ({machine['processor']})"
    print(f"Machine: {machine['platform']}, {cpus}, Python {machine['python']}")
    for tool, version in machine.get("tools", {}).items():
        print(f"  {tool}: {version}")
    busy = machine["load_average_at_start"] or 0
    if busy >= BUSY_LOAD:
        print(f"  Note: the machine was busy (load average {busy} at start): figures may be high.")
    print()
    print_exports(exports, names, labels)
    print()
    print_rows(processes)
    if app_rows:
        print()
        print_rows(app_rows)
    print()
    print_rows(spelling)
    print()
    print_rows(figures)
    print()
    print_side_by_side(side, notes)
    if "scale" in payload:
        from bench.scale import print_scale

        print()
        print_scale(payload["scale"])
    print()
    print_targets(payload["targets"])

    target = Path(args.json)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, (json.dumps(payload, indent=2) + "\n").encode("utf-8"))
    print(f"\nFigures written to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
