"""The plain numbers the first frame uses in place of Qt enums, and what they buy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from airdrop_desk.ui import qt_values


def test_each_number_is_its_qt_value() -> None:
    role, align = Qt.ItemDataRole, Qt.AlignmentFlag
    assert role.DisplayRole.value == qt_values.DISPLAY_ROLE
    assert role.ToolTipRole.value == qt_values.TOOLTIP_ROLE
    assert role.TextAlignmentRole.value == qt_values.TEXT_ALIGNMENT_ROLE
    assert role.AccessibleTextRole.value == qt_values.ACCESSIBLE_TEXT_ROLE
    assert role.UserRole.value == qt_values.USER_ROLE
    assert (align.AlignRight | align.AlignVCenter).value == qt_values.ALIGN_RIGHT_VCENTER
    assert align.AlignCenter.value == qt_values.ALIGN_CENTER
    assert Qt.FocusPolicy.StrongFocus.value == qt_values.STRONG_FOCUS


def test_properties_set_by_number_take_effect(make_window) -> None:
    window = make_window()
    assert (
        window.filter_bar.count.alignment()
        == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    assert window.empty_hint.alignment() == Qt.AlignmentFlag.AlignCenter
    button = next(iter(window.filter_bar.tier_buttons.values()))
    assert button.focusPolicy() == Qt.FocusPolicy.StrongFocus


WATCH = """
import builtins, enum, runpy, sys
made = []
create = enum.EnumType._create_
def watch(cls, name, *args, **kwargs):
    made.append(name)
    return create(cls, name, *args, **kwargs)
enum.EnumType._create_ = watch
say = builtins.print
def report(*args, **kwargs):
    if args and args[0] == "painted":
        say("made before the first paint:", " ".join(made), file=sys.stderr)
    return say(*args, **kwargs)
builtins.print = report
runpy.run_module("airdrop_desk", run_name="__main__", alter_sys=True)
"""


def test_the_first_frame_needs_no_qt_namespace_enum(tmp_path: Path) -> None:
    # PySide builds all ~100 Qt namespace enums (35-40 ms) on their first use; the
    # start-up benchmark depends on the first frame not needing any of them.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", WATCH, "--data-dir", str(tmp_path), "--exit-after-paint"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["painted", "complete"]
    made = next(line for line in done.stderr.splitlines() if line.startswith("made before"))
    names = made.split(":", 1)[1].split()
    assert "QPalette" not in names and len(names) > 50  # the watch works: Qt's own were seen
    for qt_namespace_enum in (
        "Orientation",
        "SortOrder",
        "AlignmentFlag",
        "Key",
        "ItemDataRole",
        "ColorScheme",
        "FocusPolicy",
    ):
        assert qt_namespace_enum not in names
