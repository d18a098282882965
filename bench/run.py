"""Benchmark runner: export speed in-process and as a whole process.

    .venv/bin/python -m bench.run [--quick] [--json PATH]

Prints a table and writes the figures as JSON (default
bench/results/latest.json). Times are medians of several warm runs.
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

from bench.generate import generated_brief
from briefing_app.atomic import atomic_write
from briefing_app.compose import compose
from briefing_app.export import ExportFormat, render
from briefing_app.model.brief import Brief
from briefing_app.sample import load_sample

ROOT = Path(__file__).resolve().parent.parent


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

    data = render(compose(brief), ExportFormat.PDF)
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def export_rows(quick: bool) -> list[dict]:
    rows = []
    cases: list[tuple[str, Brief, int]] = [("sample", load_sample(), 15 if not quick else 5)]
    for pages in (10, 50, 100, 200) if not quick else (10, 50):
        cases.append((f"{pages} pages", generated_brief(pages), 5 if pages <= 50 else 3))
    for name, brief, runs in cases:
        pages = page_count(brief)
        row = {"case": name, "pages": pages}
        for fmt in ExportFormat:
            # Compose is part of every export, so it is timed too.
            seconds = median_time(lambda b=brief, f=fmt: render(compose(b), f), runs)
            row[f"{fmt.value}_s"] = seconds
            row[f"{fmt.value}_ms_per_page"] = seconds * 1000 / pages
        rows.append(row)
    return rows


def cli_rows(runs: int = 5) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ExportFormat:
            out = Path(folder) / f"x{fmt.suffix}"
            cmd = [sys.executable, "-m", "briefing_app", "export", "--sample", "-o", str(out)]

            def once(cmd: list[str] = cmd) -> None:
                subprocess.run(cmd, check=True, capture_output=True, cwd=folder)

            rows.append(
                {"case": f"CLI export --sample -> {fmt.suffix}", "s": median_time(once, runs)}
            )
    return rows


def startup_rows(runs: int = 5) -> list[dict]:
    """Process start to the main window shown with the sample (offscreen)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    shown_times, peaks = [], []
    with tempfile.TemporaryDirectory() as folder:
        settings = str(Path(folder) / "settings.ini")
        for _ in range(runs + 1):  # the first run warms the disk cache
            start = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-m", "bench.startup_probe", settings],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith("shown"):
                    shown_times.append(time.perf_counter() - start)
                elif line.startswith("peak_kb"):
                    peaks.append(int(line.split()[1]))
            proc.wait(timeout=60)
    return [
        {"case": "Start-up to window with the sample", "s": statistics.median(shown_times[1:])},
        {"case": "Peak memory with the sample open (MB)", "mb": max(peaks) / 1024},
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
        for name, brief in (("sample", load_sample()), ("50 pages", generated_brief(50))):
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
                    "s": statistics.median(times[1:]),
                }
            )
            window.session.undo_stack.setClean()
            window.close()
    del app
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer cases and runs")
    parser.add_argument("--json", default=str(ROOT / "bench" / "results" / "latest.json"))
    args = parser.parse_args(argv)

    machine = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "processor": platform.processor() or platform.machine(),
    }
    exports = export_rows(args.quick)
    processes = cli_rows(3 if args.quick else 5)
    app_rows = startup_rows(3 if args.quick else 5) + preview_rows(3 if args.quick else 5)

    print(f"Machine: {machine['platform']}, {machine['cpus']} CPUs, Python {machine['python']}")
    print()
    print(
        f"{'In-process export (warm, median)':34} {'pages':>5} {'PDF':>9} {'Word':>9} "
        f"{'PDF/page':>9} {'Word/page':>10}"
    )
    for row in exports:
        print(
            f"{row['case']:34} {row['pages']:>5} {row['pdf_s'] * 1000:>7.1f}ms "
            f"{row['docx_s'] * 1000:>7.1f}ms {row['pdf_ms_per_page']:>7.2f}ms "
            f"{row['docx_ms_per_page']:>8.2f}ms"
        )
    print()
    for row in processes:
        print(f"{row['case']:44} {row['s'] * 1000:>7.0f}ms")
    print()
    for row in app_rows:
        value = f"{row['mb']:>7.0f}MB" if "mb" in row else f"{row['s'] * 1000:>7.0f}ms"
        print(f"{row['case']:44} {value}")

    target = Path(args.json)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {"machine": machine, "exports": exports, "processes": processes, "app": app_rows}
    atomic_write(target, (json.dumps(payload, indent=2) + "\n").encode("utf-8"))
    print(f"\nFigures written to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
