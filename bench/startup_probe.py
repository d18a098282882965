"""Start the app as a user would, print "shown" once the main window with the
sample is on screen, then quit. Run by bench/run.py, which times it."""

from __future__ import annotations

import resource
import sys


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

    QTimer.singleShot(0, shown)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
