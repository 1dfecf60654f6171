"""The current profile and every change to its tracking data, on the storage lane.

Views never touch the database: they ask the session, which runs the repository
on the ``StorageLane`` thread and hands results back on the GUI thread. Changes
go through ``push`` as undoable commands on one ``QUndoStack``; undoing a change
made under another profile switches back to that profile, so the person sees
what was undone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from airdrop_desk.core.clock import now as local_now

if TYPE_CHECKING:
    from airdrop_desk.core.tracking import Profile, Progress
    from airdrop_desk.storage.tracking_repo import TrackingRepo
    from airdrop_desk.ui.tasks import StorageLane

Clock = Callable[[], dt.datetime]
Work = Callable[["TrackingRepo"], Any]


class LaneCommand(QUndoCommand):
    """An undoable change whose redo and undo each run as one job on the lane."""

    def __init__(
        self,
        session: TrackingSession,
        text: str,
        do: Work,
        undo: Work,
        profile_id: int | None,
        project_id: str | None,
        done: Callable[[Any], None] | None = None,
        after: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text)
        self._session, self._do, self._undo = session, do, undo
        self._profile_id, self._project_id = profile_id, project_id
        self._done, self._after = done, after
        self._first = True

    def redo(self) -> None:
        done, self._done = self._done, None  # the caller's callback follows the first run
        self._session.apply(
            self._do,
            self._profile_id,
            self._project_id,
            follow=not self._first,
            done=done,
            after=self._after,
        )
        self._first = False

    def undo(self) -> None:
        self._session.apply(
            self._undo, self._profile_id, self._project_id, follow=True, after=self._after
        )


class TrackingSession(QObject):
    """Profiles, the current one, and the per-project data views show for it.

    Signals: ``profiles_changed(list)``, ``profile_changed(object)`` (Profile or None),
    ``progress_changed(dict)`` (project id -> Progress), ``project_changed(str)`` (its
    checklist, points or claim changed), ``ready`` once the first profile's data is in,
    ``failed(str)`` when a job fails, ``select_project(str)`` when an undo needs a
    project on screen, ``notice(str)`` for the status bar.
    """

    profiles_changed = Signal(list)
    profile_changed = Signal(object)
    progress_changed = Signal(dict)
    project_changed = Signal(str)
    ready = Signal()
    failed = Signal(str)
    select_project = Signal(str)
    notice = Signal(str)

    def __init__(self, clock: Clock = local_now, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.undo_stack = QUndoStack(self)
        self.lane: StorageLane | None = None
        self.profiles: list[Profile] = []
        self.profile: Profile | None = None
        self.progress: dict[str, Progress] = {}
        self.is_ready = False

    @property
    def profile_id(self) -> int | None:
        return self.profile.id if self.profile else None

    # -- start ---------------------------------------------------------------------
    def start(self, lane: StorageLane) -> None:
        """The database is open on ``lane``: load profiles and the last one used."""
        from airdrop_desk.storage.settings import SettingsRepo
        from airdrop_desk.storage.tracking_repo import LAST_PROFILE_KEY

        self.lane = lane

        def load(repo: TrackingRepo) -> tuple[list[Profile], int | None]:
            return repo.profiles(), SettingsRepo(repo.db).get(LAST_PROFILE_KEY)

        def loaded(value: tuple[list[Profile], int | None]) -> None:
            profiles, last = value
            self._set_profiles(profiles)
            chosen = next((p for p in profiles if p.id == last), None) or next(
                (p for p in profiles if not p.archived), None
            )
            self._switch(chosen, remember=False)
            # Jobs run in order: this one ends after every load the switch started.
            self.run(lambda _repo: None, lambda _v: self._mark_ready())

        self.run(load, loaded)

    def _mark_ready(self) -> None:
        self.is_ready = True
        self.ready.emit()

    # -- running work --------------------------------------------------------------
    def run(
        self,
        work: Work,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """``work(repo)`` on the lane; ``done(result)`` or ``failed(error)`` on the GUI."""
        if self.lane is None:
            return
        from airdrop_desk.storage.tracking_repo import TrackingRepo

        clock = self.clock

        def job(db: Any) -> Any:
            return work(TrackingRepo(db, clock))

        self.lane.submit(job, done, failed or self._report)

    def _report(self, error: Exception) -> None:
        self.failed.emit(str(error))

    def message(self, text: str) -> None:
        """A short confirmation for the status bar."""
        self.notice.emit(text)

    def push(
        self,
        text: str,
        do: Work,
        undo: Work,
        project_id: str | None = None,
        done: Callable[[Any], None] | None = None,
        profile_id: int | None = -1,
        after: Callable[[], None] | None = None,
    ) -> None:
        """Run ``do`` now as an undoable step named ``text``.

        ``done(result)`` follows the first run only; ``after()`` follows every redo and
        undo. ``profile_id`` None: the step is not tied to one profile's screens.
        """
        owner = self.profile_id if profile_id == -1 else profile_id
        self.undo_stack.push(LaneCommand(self, text, do, undo, owner, project_id, done, after))

    def apply(
        self,
        work: Work,
        profile_id: int | None,
        project_id: str | None,
        follow: bool,
        done: Callable[[Any], None] | None = None,
        after: Callable[[], None] | None = None,
    ) -> None:
        """Run a command's half; then bring its profile and project on screen again."""

        def finished(value: Any) -> None:
            if done is not None:
                done(value)
            if after is not None:
                after()
            if follow and profile_id is not None and profile_id != self.profile_id:
                self.reload_profiles(select=profile_id)
                return
            if follow and project_id:
                self.select_project.emit(project_id)
            self.refresh(project_id)

        self.run(work, finished)

    # -- profiles ------------------------------------------------------------------
    def _set_profiles(self, profiles: list[Profile]) -> None:
        self.profiles = profiles
        self.profiles_changed.emit(profiles)

    def reload_profiles(self, select: int | None = None) -> None:
        """Re-read the profiles; switch to ``select``, or stay, or fall back to another."""

        def loaded(profiles: list[Profile]) -> None:
            self._set_profiles(profiles)
            wanted = select if select is not None else self.profile_id
            found = next((p for p in profiles if p.id == wanted), None)
            if found is None:
                found = next((p for p in profiles if not p.archived), None)
            self._switch(found, remember=True, force=select is not None)

        self.run(lambda repo: repo.profiles(), loaded)

    def set_profile(self, profile_id: int | None) -> None:
        found = next((p for p in self.profiles if p.id == profile_id), None)
        self._switch(found, remember=True)

    def _switch(self, profile: Profile | None, remember: bool, force: bool = False) -> None:
        same = (profile is None and self.profile is None) or (
            profile is not None and self.profile is not None and profile.id == self.profile.id
        )
        self.profile = profile
        if remember and profile is not None:
            from airdrop_desk.storage.settings import SettingsRepo
            from airdrop_desk.storage.tracking_repo import LAST_PROFILE_KEY

            pid = profile.id
            self.run(lambda repo: SettingsRepo(repo.db).set(LAST_PROFILE_KEY, pid))
        if not same or force or not remember:
            self.profile_changed.emit(profile)
        self.refresh(None)

    # -- per-project data ----------------------------------------------------------
    def refresh(self, project_id: str | None) -> None:
        """Re-read progress (the table) and tell views of ``project_id`` to reload."""
        pid = self.profile_id
        if pid is None:
            self.progress = {}
            self.progress_changed.emit({})
        else:

            def loaded(progress: dict[str, Progress]) -> None:
                if pid == self.profile_id:
                    self.progress = progress
                    self.progress_changed.emit(progress)

            self.run(lambda repo: repo.progress(pid, self.clock()), loaded)
        if project_id:
            self.project_changed.emit(project_id)
