"""Word round trips: a colleague's edited copy of an export, brought back.

``plan_update`` compares the edited file with the brief and lists the
changes (``UpdatePlan``); ``apply_update`` makes the updated brief from the
accepted ones. See docs/roundtrip.md.
"""

from briefing_app.roundtrip.apply import apply_update
from briefing_app.roundtrip.changes import Change, ChangeKind, TrackedChanges, UpdatePlan
from briefing_app.roundtrip.plan import plan_update, plan_update_file

__all__ = [
    "Change",
    "ChangeKind",
    "TrackedChanges",
    "UpdatePlan",
    "apply_update",
    "plan_update",
    "plan_update_file",
]
