"""The project tabs on the window's right side, declared once: the window iterates this.

Adding a tab is its view plus one line here. A per-profile view is built as
``View(session, docs)`` and follows the selected project through ``show_project``
(``ProjectTab`` does both); a catalog view (the facts) is built as
``View(docs, window)``. A view may offer ``tab_title(default, project_id)`` to put
a count in its tab's title.

Imported when the window completes, after the first paint: the view modules are
named as text and imported only when the tabs are built.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Tab:
    """One tab: ``key`` (remembered between runs), ``title``, ``view`` ("module:Class"),
    ``shortcut`` and ``action`` (the View menu's "Go to" entry), ``tip``."""

    key: str
    title: str
    view: str
    shortcut: str
    action: str
    tip: str = ""
    per_profile: bool = True

    def view_class(self) -> Any:
        module, _, name = self.view.partition(":")
        return getattr(importlib.import_module(module), name)


TABS: tuple[Tab, ...] = (
    Tab(
        "facts",
        "Facts",
        "airdrop_desk.ui.views.detail_pane:DetailPane",
        "Ctrl+D",
        "Go to &details",
        per_profile=False,
    ),
    Tab(
        "checklist",
        "My checklist",
        "airdrop_desk.ui.views.checklist:ChecklistView",
        "Ctrl+K",
        "Go to my &checklist",
        "Your tasks for this project with the current profile",
    ),
    Tab(
        "points",
        "Points",
        "airdrop_desk.ui.views.points_view:PointsView",
        "Ctrl+P",
        "Go to &points",
        "Your points balances, their trend and your target",
    ),
)


def keys() -> list[str]:
    return [tab.key for tab in TABS]
