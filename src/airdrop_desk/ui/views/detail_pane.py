"""The detail pane: every fact of the selected project, with clickable sources."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from airdrop_desk.core.domain import Catalog, Project
from airdrop_desk.ui.views.detail_html import Colors, project_html


class DetailPane(QTextBrowser):
    """Read-only rich text of one project.

    Signals: ``project_link_activated(str)`` when a competitor link is followed;
    ``external_link_activated(QUrl)`` before an https source opens in the browser.
    """

    project_link_activated = Signal(str)
    external_link_activated = Signal(QUrl)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setAccessibleName("Project details")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)
        self._catalog = catalog
        self._sources = {s.id: s for s in catalog.sources}
        self._project: Project | None = None
        self.show_project(None)

    @property
    def project(self) -> Project | None:
        return self._project

    def show_project(self, project: Project | None) -> None:
        self._project = project
        if project is None:
            self.setHtml(f'<p style="color:{self._colors().muted}">Select a project to see '
                         "every fact about it, with its sources.</p>")
            return
        self.setHtml(project_html(project, self._catalog, self._sources, self._colors()))

    def refresh(self) -> None:
        """Re-render, e.g. after the colour scheme changed."""
        self.show_project(self._project)

    def _colors(self) -> Colors:
        pal = self.palette()
        dark = pal.color(QPalette.ColorRole.Base).lightness() < 128
        return Colors(
            text=pal.color(QPalette.ColorRole.Text).name(),
            muted=pal.color(QPalette.ColorRole.PlaceholderText).name(),
            link=pal.color(QPalette.ColorRole.Link).name(),
            accent=pal.color(QPalette.ColorRole.Highlight).name(),
            warn_bg="#4a3b12" if dark else "#fff4d6",
            warn_text="#f3d58a" if dark else "#6b4a00",
            rule=pal.color(QPalette.ColorRole.Mid).name(),
        )

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == "project":
            self.project_link_activated.emit(url.path())
        elif url.scheme() == "https":
            self.external_link_activated.emit(url)
            QDesktopServices.openUrl(url)
        elif not url.scheme() and url.fragment():
            self.scrollToAnchor(url.fragment())
