"""The bundled sample brief (Belarus, September 2025)."""

from __future__ import annotations

from briefing_app.files.locations import sample_path
from briefing_app.model.brief import Brief
from briefing_app.model.storage import load_brief


def load_sample() -> Brief:
    return load_brief(sample_path())
