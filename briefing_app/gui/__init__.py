"""The desktop app (PySide6). A client of the core: it never writes files or
formats exports itself; it edits the model and calls the core."""
