"""The bundled sample brief (Belarus, September 2025)."""

from __future__ import annotations

from briefing_app.model.brief import Brief
from briefing_app.model.storage import load_brief
from briefing_app.paths import sample_path


def load_sample() -> Brief:
    return load_brief(sample_path())
