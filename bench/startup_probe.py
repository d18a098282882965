"""Start the app as a user would, print "shown" once the main window with the
sample is on screen, then quit. Run by bench/run.py, which times it."""

from __future__ import annotations

import resource
import sys

GIVE_UP_MS = 60_000


def main() -> int:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    import briefing_app.gui  # noqa: F401  (the app's Qt work-arounds)
    from briefing_app.gui.app import create_window

    app = QApplication(sys.argv[:1])
    settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
    window = create_window([], settings)
    window.show()

    def shown() -> None:
        print("shown", flush=True)
        # Wait for the first preview, then report peak memory (kB).
        window.preview.rendered.connect(lambda _n: finish())
        if window.preview.page_count:
            finish()

    def finish() -> None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"peak_kb {peak}", flush=True)
        window.session.undo_stack.setClean()
        app.quit()

    def give_up() -> None:
        # A dialog or a preview that never comes must not hang the benchmark.
        print("gave up: no window or no preview within 60 s", file=sys.stderr, flush=True)
        window.session.undo_stack.setClean()
        app.exit(1)

    QTimer.singleShot(0, shown)
    QTimer.singleShot(GIVE_UP_MS, give_up)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
