"""What tagging (writers/pdf_tags.py) costs a PDF export: the sample and a
200-page brief, each written with the tags and with them taken out (the
markers left out of the story and a plain canvas: the PDF as it was before
tagging), best of several runs.

    python -m bench.tagging
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager
from unittest import mock

from briefing_app.compose import compose
from briefing_app.sample import load_sample
from briefing_app.writers import pdf, pdf_document
from briefing_app.writers.pdf import write_pdf
from briefing_app.writers.pdf_furniture import FurnitureCanvas
from tests.builders import long_brief


@contextmanager
def untagged():
    class Plain(FurnitureCanvas):
        tagger = None  # tagger_of() finds none: nothing is marked

    with (
        mock.patch.object(pdf_document, "TaggedCanvas", Plain),
        mock.patch.object(pdf_document, "Tagger", lambda _tree: None),
        mock.patch.object(pdf, "tag_story", lambda _blocks, parts: parts),
    ):
        yield


def best(run: Callable[[], object], times: int) -> float:
    out = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        out.append(time.perf_counter() - start)
    return min(out)


def main() -> None:
    for name, tree, times in (
        ("sample", compose(load_sample()), 7),
        ("200 pages", compose(long_brief(200)), 3),
    ):
        write_pdf(tree)  # warm: fonts registered, modules loaded
        tagged = best(lambda tree=tree: write_pdf(tree), times)
        with untagged():
            plain = best(lambda tree=tree: write_pdf(tree), times)
        extra = (tagged / plain - 1) * 100
        print(f"{name:10} untagged {plain:7.3f} s  tagged {tagged:7.3f} s  {extra:+5.1f} %")


if __name__ == "__main__":
    main()
