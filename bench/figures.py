"""Figures (issue 14): the sample with its chart, a brief of 20 photographs
exported to each format, and saving and opening that brief.

    .venv/bin/python -m bench.figures        # just these rows

bench/run.py adds the same rows to its tables and targets.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image

from briefing_app.compose import compose
from briefing_app.export import render
from briefing_app.files.atomic import atomic_write
from briefing_app.model import Brief, Metadata, Paragraph, Section, SectionKind, TextContent
from briefing_app.model.pictures import Figure, FigureWidth
from briefing_app.model.storage import dumps, load_brief, save_brief
from briefing_app.pictures.intake import accept_picture
from briefing_app.sample import load_sample
from briefing_app.writers.registry import formats

PICTURES = 20


def _photo(seed: int) -> bytes:
    """A 1600 x 1000 JPEG with a photograph's detail (about 0.3 MB)."""
    noise = Image.effect_noise((1600, 1000), 40 + seed).convert("RGB")
    shade = Image.new("RGB", (1600, 1000), (40 + 9 * seed % 200, 90, 160))
    buffer = io.BytesIO()
    Image.blend(noise, shade, 0.5).save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def pictures_brief(count: int = PICTURES) -> Brief:
    """A brief of ``count`` photographs, each with a caption, alt text and a
    paragraph, half of them at half width."""
    brief = Brief(metadata=Metadata(title="Twenty pictures"))
    blocks = []
    for n in range(count):
        picture = accept_picture(_photo(n), f"photo-{n}.jpg")
        brief.add_picture(picture)
        blocks.append(Paragraph.of(f"Paragraph {n + 1} before the picture."))
        blocks.append(
            Figure(
                picture=picture.digest,
                caption=f"Photograph {n + 1}",
                alt_text=f"Photograph number {n + 1}",
                width=FigureWidth.HALF if n % 2 else FigureWidth.FULL,
            )
        )
    brief.sections = [Section(SectionKind.CUSTOM_TEXT, "Pictures", TextContent(blocks))]
    return brief


def _median(fn, runs: int) -> float:
    fn()  # warm: fonts registered, modules loaded
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def figure_rows(quick: bool = False) -> list[dict]:
    runs = 3 if quick else 7
    rows = []
    sample = load_sample()
    for fmt in formats():
        seconds = _median(lambda f=fmt: render(compose(sample), f), runs * 2)
        rows.append({"case": f"Sample with its chart, {fmt.label}", "key": f"chart_{fmt.name}",
                     "s": seconds})  # fmt: skip
    brief = pictures_brief()
    size = sum(len(p.data) for p in brief.pictures.values())
    for fmt in formats():
        seconds = _median(lambda f=fmt: render(compose(brief), f), runs)
        rows.append({"case": f"{PICTURES} pictures ({size / 1e6:.1f} MB), {fmt.label}",
                     "key": f"pictures_{fmt.name}", "s": seconds})  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pictures.brief"
        save = _median(lambda: save_brief(brief, path), runs)
        rows.append({"case": f"Save a brief of {PICTURES} pictures ({path.stat().st_size / 1e6:.1f}"
                     " MB on disk)", "key": "pictures_save", "s": save})  # fmt: skip
        copy = Path(folder) / "recovery.brief"
        autosave = _median(lambda: atomic_write(copy, dumps(brief)), runs)
        rows.append({"case": f"Autosave a brief of {PICTURES} pictures (recovery copy)",
                     "key": "pictures_autosave", "s": autosave})  # fmt: skip
        opened = _median(lambda: load_brief(path), runs)
        rows.append({"case": f"Open a brief of {PICTURES} pictures", "key": "pictures_open",
                     "s": opened})  # fmt: skip
    return rows


if __name__ == "__main__":
    for row in figure_rows():
        print(f"{row['case']:60} {row['s'] * 1000:8.1f} ms")
