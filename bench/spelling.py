"""Spelling figures (issue 15): a keystroke in a 20-page section with and
without the underlines, and the check of the whole sample.

    .venv/bin/python -m bench.spelling        # just these rows

bench/run.py adds the same rows to its tables and targets.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from briefing_app.model import Brief, Metadata, Paragraph, Run, Section, SectionKind, TextContent
from briefing_app.sample import load_sample

_SENTENCE = (
    "The delegation met officials in Minsk to discuss the programme, the organisation of "
    "the talks and the colour of the report, which Lukashenka's office will recieve soon. "
)
WORDS_PER_PAGE = 500


def section_brief(pages: int) -> Brief:
    """One text section of about ``pages`` pages (500 words a page), with a
    misspelt word and a name in every sentence."""
    per_paragraph = 5  # sentences of 25 words: 125 words a paragraph
    paragraphs = pages * WORDS_PER_PAGE // (25 * per_paragraph)
    blocks = [Paragraph([Run(_SENTENCE * per_paragraph)]) for _ in range(paragraphs)]
    section = Section(SectionKind.CONTEXT, "Context", TextContent(blocks))
    return Brief(metadata=Metadata(title="Keystrokes"), sections=[section])


def keystroke_rows(runs: int = 60, pages: int = 20) -> list[dict]:
    """A letter typed in the middle of a long section, to the repaint, with
    the spelling underlines and without them (median per key)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QSettings, Qt
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    import briefing_app.gui  # noqa: F401
    from briefing_app.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(1400, 900)
        window.show()
        start = time.perf_counter()
        window.load_brief(section_brief(pages), None)
        app.processEvents()
        opened = time.perf_counter() - start
        area = window.text_editor.text_area
        doc = area.document()
        highlighter = window.spelling.highlighter
        cursor = area.textCursor()
        cursor.setPosition(doc.characterCount() // 2)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfWord)
        area.setTextCursor(cursor)
        area.setFocus()

        def keystroke() -> float:
            began = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(area, QKeyEvent(kind, Qt.Key.Key_E, Qt.NoModifier, "e"))
            app.processEvents()  # the layout and the repaint
            return time.perf_counter() - began

        times: dict[bool, list[float]] = {True: [], False: []}
        for _round in range(2):
            for spelling in (False, True):
                highlighter.setDocument(doc if spelling else None)
                app.processEvents()
                keystroke()  # warm
                times[spelling] += [keystroke() for _ in range(runs // 2)]
        with_, without = statistics.median(times[True]), statistics.median(times[False])
        words = len(doc.toPlainText().split())
        window.session.undo_stack.setClean()
        window.close()
    return [
        {
            "case": f"Keystroke, {pages}-page section, no spelling",
            "key": "keystroke_plain",
            "s": without,
        },
        {
            "case": f"Keystroke, {pages}-page section, spelling",
            "key": "keystroke_spelling",
            "s": with_,
        },
        {"case": "Keystroke: added by spelling", "key": "keystroke_added", "s": with_ - without},
        {
            "case": f"Open a {pages}-page section ({words:,} words), underlined",
            "key": "open_section",
            "s": opened,
        },
    ]


def check_rows(runs: int = 20) -> list[dict]:
    """The spelling check of the whole sample: cold (the dictionary loaded
    first) and warm (as every check after the first)."""
    from briefing_app.spelling import check, engine

    sample = load_sample()
    cold_start = time.perf_counter()
    engine.forget_spellers()
    list(check.problems(sample))
    cold = time.perf_counter() - cold_start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        list(check.problems(sample))
        times.append(time.perf_counter() - start)
    load = engine.timed_load("en-GB")
    return [
        {
            "case": "Spelling check of the sample (warm)",
            "key": "spell_sample",
            "s": statistics.median(times),
        },
        {
            "case": "Spelling check of the sample, first (cold)",
            "key": "spell_sample_cold",
            "s": cold,
        },
        {"case": "Load the en-GB dictionary", "key": "spell_load", "s": load},
    ]


def main() -> int:
    for row in check_rows() + keystroke_rows():
        print(f"{row['case']:52} {row['s'] * 1000:8.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
