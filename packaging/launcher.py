"""Entry point of the desktop bundle: the same command line as `briefing-app`.

`briefing-app --bundle-self-test [FOLDER]` checks the bundle itself (see
bundle_selftest.py); the build script and support staff use it.
"""

from __future__ import annotations

import sys


def main() -> int:
    if sys.argv[1:2] == ["--bundle-self-test"]:
        from bundle_selftest import run

        return run(sys.argv[2:])
    from briefing_app.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    raise SystemExit(main())
