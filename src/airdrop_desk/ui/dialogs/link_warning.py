"""Open a link only after checking it against the project's official domains."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from airdrop_desk.core.safe_links import LinkCheck, check_link


def warning_box(check: LinkCheck, parent: QWidget | None) -> QMessageBox:
    """The question shown before a flagged link opens; Cancel is the default."""
    box = QMessageBox(parent)
    box.setObjectName("linkWarning")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("This link may be a fake")
    official = ", ".join(check.official) or "none in the catalog"
    problems = "".join(f"<li>{escape(p)}</li>" for p in check.problems)
    box.setText(
        f"<b>{escape(check.host or check.url)}</b> is not an official site of this "
        f"project.<br>Official: <b>{escape(official)}</b>"
    )
    box.setInformativeText(
        f"<ul>{problems}</ul>Fake claim pages ask you to connect your "
        "wallet and sign, then empty it."
    )
    box.setStandardButtons(QMessageBox.StandardButton.Cancel)
    if check.official:
        box.addButton(
            f"Open {check.official[0]} instead", QMessageBox.ButtonRole.AcceptRole
        ).setObjectName("openOfficial")
    anyway = box.addButton("Open anyway", QMessageBox.ButtonRole.DestructiveRole)
    anyway.setObjectName("openAnyway")
    anyway.setAutoDefault(False)  # Enter answers Cancel, even after Tab passed over it
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def open_checked(
    url: str, official: Sequence[str], parent: QWidget | None, require_official: bool = True
) -> str | None:
    """Open ``url`` if it passes; otherwise ask first. Returns what was opened, if any."""
    check = check_link(url, official, require_official)
    target = check.href  # the address as the browser parsed it: what was judged is what opens
    if not check.safe:
        box = warning_box(check, parent)
        box.exec()
        clicked = box.clickedButton()
        name = clicked.objectName() if clicked is not None else ""
        if name == "openOfficial":
            target = f"https://{check.official[0]}"
        elif name != "openAnyway":
            target = None
    if target:
        QDesktopServices.openUrl(QUrl(target))
    return target
