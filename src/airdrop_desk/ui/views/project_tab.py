"""What the per-project tabs (My checklist, Points) share: they follow the selected
project and the current profile, and read the database only while they are shown,
so moving through the table stays quick."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from airdrop_desk.catalog.sync import ProjectDocs
    from airdrop_desk.core.domain import Project
    from airdrop_desk.ui.tracking_session import TrackingSession, Update


class ProjectTab(QWidget):
    """A tab about the selected project for the current profile.

    Its data is read on the storage lane when the tab is on screen, or when it is next
    shown; an answer that a newer request has overtaken is dropped. Subclasses say what
    to read (``_reader``), what to show with it (``_show_data``) and what to show
    without a project, profile or database (``_show_placeholder``).

    An operation's ``Update`` for the shown project goes to ``_apply``: by default the
    tab reads again when the change touched one of its ``KINDS``.

    Signals: ``loaded`` once the tab shows what it has (data or placeholder).
    Attributes: ``session``, ``project``.
    """

    loaded = Signal()
    KINDS: ClassVar[frozenset[str]] = frozenset()

    def __init__(
        self, session: TrackingSession, docs: ProjectDocs, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._docs = docs
        self.project: Project | None = None
        self._dirty = True
        self._request = 0
        session.profile_changed.connect(lambda _p: self.reload())
        session.project_changed.connect(self._project_changed)
        session.day_changed.connect(self.reload)  # periods reset at midnight
        session.changed.connect(self._changed)
        session.ready.connect(self.reload)

    def show_project(self, project_id: str | None) -> None:
        self.project = self._docs.project(project_id) if project_id else None
        self._forget_project()
        self.reload()

    def reload(self) -> None:
        """Read the data again (now if on screen, else when next shown)."""
        self._dirty = True
        if not self.isVisible():
            return
        self._dirty = False
        self._request += 1
        request, session, project = self._request, self.session, self.project
        if project is None or session.profile is None or not session.is_ready:
            self._show_placeholder()
            return

        def done(data: Any) -> None:
            if request == self._request:
                self._show_data(data)

        session.run(self._reader(session.profile.id, project), done)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def _project_changed(self, project_id: str) -> None:
        if self.project is not None and self.project.id == project_id:
            self.reload()

    def _changed(self, update: Update) -> None:
        if self.project is not None and self.project.id == update.changes.project_id:
            self._apply(update)

    def _take(self, data: Any) -> None:
        """Show ``data`` read elsewhere (with an operation): newer than any read in flight."""
        self._request += 1
        self._dirty = False
        self._show_data(data)

    # -- for subclasses --------------------------------------------------------------
    def _apply(self, update: Update) -> None:
        """An operation changed the shown project: read again if it is ours."""
        if update.changes.kinds & self.KINDS:
            self.reload()

    def _forget_project(self) -> None:
        """Drop what belonged to the previous project."""

    def _show_placeholder(self) -> None:
        raise NotImplementedError

    def _reader(self, profile_id: int, project: Project) -> Callable[[Any], Any]:
        """What to read on the storage lane: a function of the repository."""
        raise NotImplementedError

    def _show_data(self, data: Any) -> None:
        raise NotImplementedError
