"""Briefing Builder: compose a policy brief and export it as Word and PDF."""

__version__ = "0.1.0"

#: The app's identity on the desktop: the .desktop file, AppStream id, icon
#: name and macOS bundle id are all this (packaging/ uses it; tests check).
APP_ID = "org.briefingbuilder.BriefingBuilder"
