"""Side by side with the tools people use today, on the same content.

- pandoc converting the brief, written out as Markdown from the document
  tree (bench/markdown.py), to .docx: ``pandoc in.md -o out.docx``;
- LibreOffice headless converting our .docx to PDF, the "word processor, then
  Save as PDF" route: ``soffice --headless --convert-to pdf``;
- the whole pandoc -> .docx -> LibreOffice -> PDF route.

Each is a whole process, timed against our own whole-process CLI export of
the same brief, taking turns with it run by run. LibreOffice gets a
throwaway profile (created by the first, untimed run, so the figures are
warm and favour it); the cold first run is reported too. Tools that are not
installed are skipped with a note.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.markdown import write_markdown
from briefing_app.compose import compose
from briefing_app.files.atomic import atomic_write
from briefing_app.model.brief import Brief
from briefing_app.model.storage import save_brief

INSTALL_HINT = "Debian/Ubuntu: apt-get install pandoc libreoffice-writer-nogui"
TIMEOUT_S = 600


@dataclass(frozen=True, slots=True)
class Tools:
    pandoc: str | None
    soffice: str | None
    versions: dict[str, str]

    def notes(self) -> list[str]:
        notes = []
        if not self.pandoc:
            notes.append(f"pandoc not found: its columns are skipped ({INSTALL_HINT}).")
        if not self.soffice:
            notes.append(
                f"LibreOffice (soffice) not found: its columns are skipped ({INSTALL_HINT})."
            )
        return notes


def _first_line(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    lines = done.stdout.strip().splitlines()
    return lines[0] if lines else "unknown"


def find_tools() -> Tools:
    pandoc = shutil.which("pandoc")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    versions = {}
    if pandoc:
        versions["pandoc"] = _first_line([pandoc, "--version"])
    if soffice:
        versions["libreoffice"] = _first_line([soffice, "--version"])
    return Tools(pandoc, soffice, versions)


def _run(cmd: list[str], cwd: Path, produces: Path) -> None:
    produces.unlink(missing_ok=True)
    subprocess.run(cmd, check=True, capture_output=True, cwd=cwd, timeout=TIMEOUT_S)
    # LibreOffice exits 0 even when it could not convert: check the output.
    if not produces.is_file() or produces.stat().st_size == 0:
        raise RuntimeError(f"{Path(cmd[0]).name} wrote no {produces.name}")


class _Case:
    """The files and commands of one brief, in a scratch folder."""

    def __init__(self, brief: Brief, folder: Path, tools: Tools) -> None:
        self.folder = folder
        self.tools = tools
        self.brief_file = save_brief(brief, folder / "in.brief")
        self.markdown = atomic_write(
            folder / "in.md", write_markdown(compose(brief)).encode("utf-8")
        )
        self.profile = (folder / "lo-profile").resolve().as_uri()

    def ours(self, suffix: str) -> None:
        out = self.folder / f"ours{suffix}"
        cmd = [sys.executable, "-m", "briefing_app", "export", str(self.brief_file), "-o", str(out)]
        _run(cmd, self.folder, out)

    def pandoc(self) -> None:
        assert self.tools.pandoc
        out = self.folder / "pandoc.docx"
        _run([self.tools.pandoc, str(self.markdown), "-o", str(out)], self.folder, out)

    def soffice_pdf(self, docx_name: str) -> None:
        assert self.tools.soffice
        outdir = self.folder / "lo-out"
        cmd = [
            self.tools.soffice,
            f"-env:UserInstallation={self.profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(self.folder / docx_name),
        ]
        _run(cmd, self.folder, outdir / (Path(docx_name).stem + ".pdf"))

    def route(self) -> None:
        self.pandoc()
        self.soffice_pdf("pandoc.docx")


def _ratio(theirs: float | None, ours: float | None) -> float | None:
    return theirs / ours if theirs and ours else None


def _alternated(fns: dict[str, Callable[[], None]], runs: int) -> dict[str, tuple[float, float]]:
    """Each of ``fns`` timed ``runs`` times, taking turns (ours, theirs,
    ours, ...), so a machine that gets busier or quieter during the run
    weighs on every column alike. A first, untimed round warms the caches.
    Name -> (median, best), in seconds."""
    for fn in fns.values():
        fn()
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: (statistics.median(t), min(t)) for name, t in times.items()}


def side_by_side_rows(
    cases: list[tuple[str, Brief, int]],
    in_process_docx: dict[str, float],
    tools: Tools,
    runs: int,
) -> list[dict]:
    """One row per (case name, brief, pages); ``in_process_docx`` maps a case
    name to our in-process Word export time, measured by the caller. Our
    exports and the tools' take turns (``_alternated``)."""
    rows = []
    for name, brief, pages in cases:
        with tempfile.TemporaryDirectory() as scratch:
            case = _Case(brief, Path(scratch), tools)
            row: dict = {"case": name, "pages": pages}
            row["ours_in_process_docx_s"] = in_process_docx.get(name)
            fns: dict[str, Callable[[], None]] = {
                "ours_cli_pdf": lambda c=case: c.ours(".pdf"),
                "ours_cli_docx": lambda c=case: c.ours(".docx"),
            }
            if tools.pandoc:
                fns["pandoc_docx"] = case.pandoc
            if tools.soffice:
                case.ours(".docx")  # LibreOffice converts our Word file
                start = time.perf_counter()
                case.soffice_pdf("ours.docx")  # creates the profile: the cold run
                row["soffice_pdf_first_s"] = time.perf_counter() - start
                fns["soffice_pdf"] = lambda c=case: c.soffice_pdf("ours.docx")
            if tools.pandoc and tools.soffice:
                fns["route_pdf"] = case.route
            timed = _alternated(fns, runs)
            for key in ("ours_cli_pdf", "ours_cli_docx", "pandoc_docx", "soffice_pdf", "route_pdf"):
                median, best = timed.get(key, (None, None))
                row[f"{key}_s"], row[f"{key}_best_s"] = median, best
        row["ratios"] = {
            # How many times faster ours is than theirs (> 1: ours wins).
            "route_pdf_vs_ours_cli_pdf": _ratio(row["route_pdf_s"], row["ours_cli_pdf_s"]),
            "soffice_pdf_vs_ours_cli_pdf": _ratio(row["soffice_pdf_s"], row["ours_cli_pdf_s"]),
            "pandoc_docx_vs_ours_in_process_docx": _ratio(
                row["pandoc_docx_s"], row["ours_in_process_docx_s"]
            ),
            "pandoc_docx_vs_ours_cli_docx": _ratio(row["pandoc_docx_s"], row["ours_cli_docx_s"]),
        }
        rows.append(row)
    return rows
