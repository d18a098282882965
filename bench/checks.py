"""Issue 13: the check before sending, on the sample.

In the app the check reuses the preview's render (the brief composed and
laid out once for both); the command line's ``briefing-app check`` makes
its own render for the page budget. Both are timed warm (templates and the
dictionary loaded, as after the first check).
"""

from __future__ import annotations

import statistics
import time

from briefing_app.sample import load_sample


def check_rows(runs: int = 20) -> list[dict]:
    from briefing_app.checks import check_brief
    from briefing_app.compose import compose
    from briefing_app.writers.pdf import write_pdf_with_layout

    sample = load_sample()
    tree = compose(sample)
    _pdf, layout = write_pdf_with_layout(tree, mark_budget=True)
    check_brief(sample, tree=tree, layout=layout)  # warm: dictionary and templates loaded

    def timed(call) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    return [
        {
            "case": "Check of the sample in the app (the preview's render)",
            "key": "check_sample",
            "s": timed(lambda: check_brief(sample, tree=tree, layout=layout)),
        },
        {
            "case": "Check of the sample with its own render (CLI)",
            "key": "check_sample_render",
            "s": timed(lambda: check_brief(sample, measure=True)),
        },
    ]


def main() -> int:
    for row in check_rows():
        print(f"{row['case']:56} {row['s'] * 1000:8.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
