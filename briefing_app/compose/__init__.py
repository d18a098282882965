"""Brief -> document tree."""

from briefing_app.compose.composer import compose

__all__ = ["compose"]
