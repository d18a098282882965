"""GUI test set-up: the app's own Qt work-arounds apply to tests too
(importing briefing_app.gui applies them; see qt_workarounds.py)."""

from __future__ import annotations

import briefing_app.gui  # noqa: F401
