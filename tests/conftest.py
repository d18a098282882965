"""Shared test set-up: Qt offscreen, UTF-8, and helpers to build briefs."""

from __future__ import annotations

import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
# No test, and no app or command a test starts, writes to the real user's
# folders: the per-user data and settings go to a folder of this run.
_HOME = tempfile.mkdtemp(prefix="briefing-tests-")
for _name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = os.path.join(_HOME, _name.lower())
os.environ.pop("BRIEFING_TEMPLATES", None)
# Commands and apps a test starts import this checkout's code, not whichever
# copy the environment has installed.
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (_ROOT, os.environ.get("PYTHONPATH", "")) if p
)

import pytest  # noqa: E402 (after the environment is set)
from hypothesis import HealthCheck, settings  # noqa: E402

from briefing_app.model import Brief  # noqa: E402
from briefing_app.sample import load_sample  # noqa: E402

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=60
)
settings.register_profile("slow", deadline=None, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_HOME, ignore_errors=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Long runs (@pytest.mark.slow) only when asked for: pytest -m slow."""
    if "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="long run: select it with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def sample() -> Brief:
    return load_sample()
