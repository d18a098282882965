"""Briefing Builder: compose a policy brief and export it as Word and PDF."""

__version__ = "0.1.0"

#: The app's name, as people see it and as its folders are named (see
#: briefing_app/files/locations.py).
APP_NAME = "Briefing Builder"

#: The app's identity on the desktop: the .desktop file, AppStream id, icon
#: name and macOS bundle id are all this (packaging/ uses it; tests check).
APP_ID = "org.briefingbuilder.BriefingBuilder"
