"""The one document tree every writer reads (no Qt here): see nodes.py."""
