"""Briefing Builder: compose a policy brief and export it as Word and PDF."""

__version__ = "0.1.0"
