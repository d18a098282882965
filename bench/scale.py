"""The scale table: time and peak memory against input size.

Each measurement runs in a fresh child process (so its peak memory is its
own), which builds the input, then times only the work: an import of a
generated file (the generators of tests/scale_inputs.py), or an export of
a generated brief. Growth is shown as time
per unit at each size against the smallest: a figure near 1.0x means linear.

    .venv/bin/python -m bench.scale            # the table on its own
    .venv/bin/python -m bench.scale probe KIND SIZE   # one measurement, as JSON
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # as printed
    unit: str  # what SIZE counts
    sizes: tuple[int, ...]
    quick_sizes: tuple[int, ...]
    generator: str = ""  # imports: the input's generator in tests/scale_inputs.py
    scale: int = 1  # SIZE times this is the generator's argument (MB -> bytes)


def _brief_with(sections):
    from briefing_app.model import Brief

    return Brief(sections=sections)


def _rows_brief(rows: int):
    from briefing_app.model import Run, Section, SectionKind, TableContent

    cells = [
        [
            [Run(f"Row {r}")],
            [Run("Minsk region, detained in 2021 and released in 2025")],
            [Run(str(r))],
        ]
        for r in range(rows)
    ]
    table = TableContent("A long table", ["Name", "Details", "Number"], cells, [Run("Viasna")])
    return _brief_with([Section(SectionKind.CUSTOM_TABLE, "Table", table)])


def _sections_brief(count: int):
    from briefing_app.model import Paragraph, Section, SectionKind, TextContent

    return _brief_with(
        [
            Section(
                SectionKind.CUSTOM_TEXT,
                f"Section {n}",
                TextContent([Paragraph.of(f"A short section, number {n}.")]),
            )
            for n in range(count)
        ]
    )


def _paragraphs_brief(count: int):
    from briefing_app.model import Paragraph, Section, SectionKind, TextContent

    text = "The delegation met officials to discuss the timetable and the open points. " * 2
    blocks = [Paragraph.of(f"{n}. {text}") for n in range(count)]
    return _brief_with([Section(SectionKind.CUSTOM_TEXT, "Long", TextContent(blocks))])


_EXPORTS: dict[str, Callable[[int], object]] = {
    "rows": _rows_brief,
    "sections": _sections_brief,
    "paragraphs": _paragraphs_brief,
}

KINDS: tuple[Kind, ...] = (
    Kind("PDF: table rows", "rows", (1_250, 2_500, 5_000, 10_000, 20_000), (1_000, 4_000)),
    Kind("Word: table rows", "rows", (1_250, 2_500, 5_000, 10_000, 20_000), (1_000, 4_000)),
    Kind("PDF: sections", "sections", (3_125, 6_250, 12_500, 25_000, 50_000), (2_000, 8_000)),
    Kind("Word: sections", "sections", (3_125, 6_250, 12_500, 25_000, 50_000), (2_000, 8_000)),
    Kind("PDF: paragraphs", "paragraphs", (1_250, 2_500, 5_000, 10_000, 20_000), (1_000, 4_000)),
    Kind("Import: wrapped text", "MB", (1, 2, 4, 8), (1, 4), "hard_wrapped_text", 1024 * 1024),
    Kind(
        "Import: list lines",
        "lines",
        (10_000, 20_000, 40_000, 80_000),
        (10_000, 40_000),
        "list_continuation_text",
    ),
    Kind("Import: Markdown", "MB", (1, 2, 4), (1, 2), "markdown_document", 1024 * 1024),
    Kind(
        "Import: Word", "headings", (2_500, 5_000, 10_000, 20_000), (2_500, 10_000), "word_document"
    ),
)


def _export_probe(kind: Kind, size: int) -> float:
    from briefing_app.compose import compose
    from briefing_app.export import render
    from briefing_app.writers.registry import PDF, WORD

    brief = _EXPORTS[kind.unit](size)
    fmt = PDF if kind.name.startswith("PDF") else WORD
    start = time.perf_counter()
    render(compose(brief), fmt)
    return time.perf_counter() - start


def _import_probe(kind: Kind, size: int) -> float:
    from briefing_app.importers import import_file
    from tests.scale_inputs import GENERATORS

    make, ending = GENERATORS[kind.generator]
    data = make(size * kind.scale)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{ending}"
        path.write_bytes(data)
        start = time.perf_counter()
        import_file(path)
        return time.perf_counter() - start


def probe(name: str, size: int) -> dict:
    kind = next(k for k in KINDS if k.name == name)
    seconds = _import_probe(kind, size) if kind.generator else _export_probe(kind, size)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak_mb}


def measure(kind: Kind, size: int, timeout: float = 600) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            [sys.executable, "-m", "bench.scale", "probe", kind.name, str(size)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={"PYTHONPATH": str(ROOT), **_env(folder)},
        )
    if result.returncode != 0:
        raise RuntimeError(f"{kind.name} at {size}: {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _env(folder: str) -> dict[str, str]:
    import os

    return {**os.environ, "XDG_DATA_HOME": folder, "XDG_CONFIG_HOME": folder}


def scale_rows(quick: bool = False) -> list[dict]:
    rows = []
    for kind in KINDS:
        sizes = kind.quick_sizes if quick else kind.sizes
        points = []
        for size in sizes:
            figures = measure(kind, size)
            points.append({"size": size, **figures})
        base = points[0]["seconds"] / points[0]["size"]
        for point in points:
            point["growth"] = (point["seconds"] / point["size"]) / base if base else None
        rows.append({"case": kind.name, "unit": kind.unit, "points": points})
    return rows


def print_scale(rows: list[dict]) -> None:
    print("Scale (a fresh process each; growth: time per unit against the smallest size,")
    print("1.0x is linear)")
    print(f"{'case':24} {'size':>18} {'time':>9} {'peak':>8} {'growth':>7}")
    for row in rows:
        for p in row["points"]:
            size = f"{p['size']:,} {row['unit']}"
            print(
                f"{row['case']:24} {size:>18} {p['seconds']:>8.2f}s {p['peak_mb']:>6.0f}MB "
                f"{p['growth']:>6.2f}x"
            )


def main(argv: list[str]) -> int:
    if argv[:1] == ["probe"]:
        print(json.dumps(probe(argv[1], int(argv[2]))))
        return 0
    print_scale(scale_rows(quick="--quick" in argv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
