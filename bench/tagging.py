"""What tagging (writers/pdf_tags.py) costs a PDF export: the sample and a
200-page brief, each written with the tags and with them taken out (the
markers left out of the story and a plain canvas: the PDF as it was before
tagging), best of several runs.

    python -m bench.tagging
"""

from __future__ import annotations

import time
from collections.abc import Callable

from briefing_app.compose import compose
from briefing_app.model import Brief
from briefing_app.sample import load_sample
from briefing_app.writers.pdf import write_pdf
from tests.builders import FILLER, brief, long_brief, text_section
from tests.pdf_struct import untagged


def timed(run: Callable[[], object]) -> float:
    """Processor time, not the clock: another program busy on the machine
    slows the clock's figures far more than this."""
    start = time.process_time()
    run()
    return time.process_time() - start


def best(tree: object, times: int) -> tuple[float, float]:
    """The best of ``times`` runs each, tagged and not, taken in turn (a
    busy machine slows both alike)."""
    tagged, plain = [], []
    for _ in range(times):
        tagged.append(timed(lambda: write_pdf(tree)))
        with untagged():
            plain.append(timed(lambda: write_pdf(tree)))
    return min(tagged), min(plain)


def prose(pages: int) -> Brief:
    """About ``pages`` pages of headings and paragraphs."""
    sections = [
        text_section(f"Section {i + 1}", FILLER * 6, FILLER * 5, FILLER * 4)
        for i in range(pages * 2)
    ]
    return brief(*sections)


def main() -> None:
    for name, tree, times in (
        ("sample", compose(load_sample()), 15),
        ("200 pages", compose(long_brief(440)), 5),  # 199 A4 pages, every block kind
        ("200 prose", compose(prose(183)), 5),  # headings and paragraphs only
    ):
        write_pdf(tree)  # warm: fonts registered, modules loaded
        tagged, plain = best(tree, times)
        extra = (tagged / plain - 1) * 100
        print(f"{name:10} untagged {plain:7.3f} s  tagged {tagged:7.3f} s  {extra:+5.1f} %")


if __name__ == "__main__":
    main()
