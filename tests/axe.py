"""Run axe-core (the accessibility engine, from npm) on an HTML page in
Debian's headless Chromium, and return its violations.

axe-core is looked for where ``python3 dev.py test`` installs it (``node/``
inside the virtual environment) or in ``AXE_CORE_JS``; Chromium as
``chromium`` or ``chromium-browser``. Tests skip, with the reason, where
either is missing.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_RESULT = re.compile(r'<pre id="axe-result">(.*?)</pre>', re.S)


def axe_script() -> Path | None:
    named = os.environ.get("AXE_CORE_JS")
    candidates = [Path(named)] if named else []
    candidates.append(Path(sys.prefix) / "node" / "node_modules" / "axe-core" / "axe.min.js")
    return next((p for p in candidates if p.is_file()), None)


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def missing() -> str:
    """Why axe cannot run here ("" when it can)."""
    if axe_script() is None:
        return "axe-core is not installed (npm install axe-core into .venv/node)"
    if chromium() is None:
        return "Chromium is not installed (apt-get install chromium)"
    return ""


def violations(page: str, timeout: float = 120) -> list[dict]:
    """axe-core's violations on ``page`` (all rules it runs by default: WCAG
    2.0, 2.1 and 2.2 A and AA, and its best practices)."""
    script = axe_script()
    browser = chromium()
    assert script is not None and browser is not None, missing()
    runner = (
        f"<script>{script.read_text(encoding='utf-8')}</script>\n"
        "<script>axe.run(document, {resultTypes: ['violations']}).then(function (r) {\n"
        "  var pre = document.createElement('pre'); pre.id = 'axe-result';\n"
        "  pre.textContent = JSON.stringify(r.violations.map(function (v) {\n"
        "    return {id: v.id, impact: v.impact, help: v.help,\n"
        "            nodes: v.nodes.map(function (n) { return n.html; })}; }));\n"
        "  document.body.appendChild(pre); });</script>\n"
    )
    at = page.rindex("</body>")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(page[:at] + runner + page[at:], encoding="utf-8")
        out = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                f"--user-data-dir={tmp}/profile",
                "--virtual-time-budget=60000",
                "--dump-dom",
                path.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    found = _RESULT.search(out.stdout)
    assert found, f"axe-core gave no result: {out.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))
