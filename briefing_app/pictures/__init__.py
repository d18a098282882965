"""Pictures entering a brief: checked, made safe, and kept as PNG, JPEG or
clean SVG (intake.py, svg.py)."""
