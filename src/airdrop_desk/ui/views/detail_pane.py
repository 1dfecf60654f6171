"""The detail pane: every fact of the selected project, with clickable sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from airdrop_desk.ui.views.detail_html import Colors, project_html

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from airdrop_desk.catalog.sync import ProjectDocs
    from airdrop_desk.core.domain import Project


class DetailPane(QTextBrowser):
    """Read-only rich text of one project.

    Signals: ``project_link_activated(str)`` when a competitor link is followed;
    ``external_link_activated(QUrl)`` before an https link opens in the browser. Every
    link is checked against the project's official domains first: a source may be
    any news site, but a look-alike, shortened or disguised link is flagged.
    """

    project_link_activated = Signal(str)
    external_link_activated = Signal(QUrl)
    #: The day whose status the pane shows (the table's); None: the computer's date.
    status_day: Callable[[], dt.date] | None = None

    def __init__(self, docs: ProjectDocs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setAccessibleName("Project details")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)
        self._docs = docs
        self._project: Project | None = None
        self._eligibility: dict[str, str] = {}

    @property
    def project(self) -> Project | None:
        return self._project

    def show_project(self, project_id: str | None) -> None:
        project = self._docs.project(project_id) if project_id else None
        self._project = project
        if project is None:
            self.setHtml(
                f'<p style="color:{self._colors().muted}">Select a project to see '
                "every fact about it, with its sources.</p>"
            )
            return
        article, sources = self._docs.sources_of(project.id)
        origin, matched = self._docs.origin(project.id), self._docs.matched(project.id)
        today = self.status_day() if self.status_day else None
        html = project_html(project, article, sources, self._colors(), origin, matched, today)
        seen = self._eligibility.get(project.id)
        if seen:
            from html import escape

            html = f'<p id="eligibility"><b>Allocation lists:</b> {escape(seen)}</p>' + html
        self.setHtml(html)

    def set_eligibility(self, texts: dict[str, str]) -> None:
        """What the allocation lists say of the current profile, per project id."""
        if texts != self._eligibility:
            self._eligibility = texts
            self.refresh()

    def refresh(self) -> None:
        """Re-render, e.g. after the colour scheme changed."""
        self.show_project(self._project.id if self._project else None)

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
        elif url.scheme() in ("https", "http"):
            from airdrop_desk.ui.dialogs.link_warning import open_checked

            self.external_link_activated.emit(url)
            official = self._project.official_sites if self._project else []
            open_checked(url.toString(), official, self, require_official=False)
        elif not url.scheme() and url.fragment():
            self.scrollToAnchor(url.fragment())
