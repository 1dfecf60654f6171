"""The current profile and every change to its tracking data, on the database lane.

Views never touch the database: they ask the session, which runs the repository
as ops on the app's database lane and hands results back on the GUI thread (``run``,
the one place that talks to the lane). Changes are the Qt-free operations of
``core.tracking_ops``: ``perform`` pushes one onto the ``QUndoStack``, and each
redo or undo is ONE lane job that writes the change and reads back just what it
touched (one task's row, one project's progress), so views refresh only that.
Undoing a change made under another profile switches back to that profile, so the
person sees what was undone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from airdrop_desk.core.clock import Clock
from airdrop_desk.core.clock import now as local_now

if TYPE_CHECKING:
    from airdrop_desk.core.settings import Setting
    from airdrop_desk.core.tracking import Checklist, Profile, Progress, TaskState
    from airdrop_desk.core.tracking_ops import Changes, Done, Operation
    from airdrop_desk.storage.tracking_repo import TrackingRepo
    from airdrop_desk.ui.ops import DatabaseLane, Ops

    # What a job the session runs is given: views describe their reads as functions of it.
    Repo = TrackingRepo

T = TypeVar("T")
Work = Callable[["TrackingRepo"], Any]
# The kinds a change of unknown reach (``push``) refreshes.
_ALL_PROJECT_KINDS = frozenset({"progress", "checklist", "points", "claims"})


@dataclass(frozen=True)
class Update:
    """What an operation changed and the data read back for it in the same job.

    ``progress``: the project's entry (None once it is no longer tracked), when its
    progress changed; ``task``: the one task row that changed; ``checklist``: the
    project's whole checklist when the list itself changed.
    """

    changes: Changes
    progress: Progress | None = None
    task: TaskState | None = None
    checklist: Checklist | None = None


class OpCommand(QUndoCommand):
    """An operation on the undo stack: redo runs ``step``, which becomes its undo.

    Each run happens on the lane thread and leaves the next one (``Done.undo``) behind
    there, so an undo queued right after a redo always finds it: the lane is serial.
    """

    def __init__(
        self,
        session: TrackingSession,
        text: str,
        operation: Operation,
        done: Callable[[Any], None] | None = None,
        after: Callable[[], None] | None = None,
        busy: tuple[Any, ...] = (),
    ) -> None:
        super().__init__(text)
        self._session, self._next = session, operation
        self._done, self._after, self._busy = done, after, busy
        self._first = True

    def step(self, repo: TrackingRepo) -> Done[Any]:
        """Run the pending half (on the lane) and keep its reverse for the next call."""
        result = self._next(repo)
        self._next = result.undo
        return result

    def redo(self) -> None:
        done, self._done = self._done, None  # the caller's callback follows the first run
        self._session.apply(
            self,
            follow=not self._first,
            done=done,
            after=self._after,
            first=self._first,
            busy=self._busy if self._first else (),
        )
        self._first = False

    def undo(self) -> None:
        self._session.apply(self, follow=True, after=self._after)


def pair(do: Work, undo: Work, changes: Changes) -> Operation:
    """An operation from two functions of the repository that reverse each other."""
    from airdrop_desk.core.tracking_ops import Done

    def operation(repo: Any) -> Done[Any]:
        return Done(do(repo), changes, pair(undo, do, changes))

    return operation


def read_back(repo: TrackingRepo, changes: Changes, now: dt.datetime) -> Update:
    """What the views need after ``changes``, read in the job that made them."""
    from airdrop_desk.core.tracking_ops import CHECKLIST, CLAIMS, PROGRESS

    pid, project_id, kinds = changes.profile_id, changes.project_id, changes.kinds
    if pid is None or project_id is None:
        return Update(changes)
    progress = task = checklist = None
    if PROGRESS in kinds:
        progress = repo.progress(pid, now, project_id).get(project_id)
    if CHECKLIST in kinds and changes.task_id is not None:
        task = repo.task_state(changes.task_id, now)
    elif CHECKLIST in kinds or CLAIMS in kinds:
        checklist = repo.checklist(pid, project_id, now)
    return Update(changes, progress, task, checklist)


class TrackingSession(QObject):
    """Profiles, the current one, and the per-project data views show for it.

    Signals: ``profiles_changed(list)``, ``profile_changed(object)`` (Profile or None),
    ``progress_changed(dict)`` (project id -> Progress), ``project_changed(str)`` (read
    the project's data again), ``changed(Update)`` (an operation's changes with what was
    read back for them: views refresh only that), ``ready`` once the first profile's data is in,
    ``failed(str)`` when a job fails, ``select_project(str)`` when an undo needs a
    project on screen, ``notice(str)`` for the status bar, ``day_changed`` after the
    clock passed local midnight (recurring tasks' periods reset: views read again),
    ``identities_changed`` after a profile's other identities changed (eligibility again).
    """

    profiles_changed = Signal(list)
    profile_changed = Signal(object)
    progress_changed = Signal(dict)
    project_changed = Signal(str)
    changed = Signal(object)
    ready = Signal()
    failed = Signal(str)
    select_project = Signal(str)
    notice = Signal(str)
    day_changed = Signal()
    identities_changed = Signal()

    def __init__(self, clock: Clock = local_now, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.undo_stack = QUndoStack(self)
        self.ops: Ops | None = None
        self.lane: DatabaseLane | None = None
        self.profiles: list[Profile] = []
        self.profile: Profile | None = None
        self.progress: dict[str, Progress] = {}
        self.is_ready = False
        self._today = clock().date()
        self._midnight = QTimer(self, singleShot=True)
        self._midnight.timeout.connect(self._day_check)

    @property
    def profile_id(self) -> int | None:
        return self.profile.id if self.profile else None

    # -- start ---------------------------------------------------------------------
    def start(self, ops: Ops) -> None:
        """The database is open on ``ops``' lane: load profiles and the last one used."""
        from airdrop_desk.core.settings import LAST_PROFILE

        self.ops, self.lane = ops, ops.lane

        def load(repo: TrackingRepo) -> tuple[list[Profile], int | None]:
            return repo.profiles(), repo.settings.read(LAST_PROFILE)

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
        self._arm_midnight()

    # -- the day changes -----------------------------------------------------------
    def _arm_midnight(self) -> None:
        """Wake just after the next local midnight of ``clock`` (a period boundary of
        every daily, weekly and monthly task); re-aimed at every wake, so a clock
        changed meanwhile (travel, suspend) is caught at the next one."""
        now = self.clock()
        midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), now.tzinfo)
        wait = (midnight - now).total_seconds() * 1000 + 500
        self._midnight.start(int(min(max(wait, 500), 3_600_000)))  # at least hourly

    def _day_check(self) -> None:
        today = self.clock().date()
        if today != self._today:
            self._today = today
            self.refresh(None)
            self.day_changed.emit()
        if self.ops is not None:
            self._arm_midnight()

    def _mark_ready(self) -> None:
        self.is_ready = True
        self.ready.emit()

    # -- running work --------------------------------------------------------------
    def run(
        self,
        work: Work,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
        busy: tuple[Any, ...] = (),
    ) -> None:
        """``work(repo)`` on the lane; ``done(result)`` or ``failed(error)`` on the GUI;
        ``busy`` widgets are disabled meanwhile (the op's busy hint)."""
        if self.ops is None:
            return
        from airdrop_desk.storage.tracking_repo import TrackingRepo

        clock = self.clock

        def job(db: Any) -> Any:
            return work(TrackingRepo(db, clock))

        op = self.ops.database(self, job).failure(failed or self._report).busy(*busy)
        if done is not None:
            op.success(done)
        op.run()

    def save_setting(self, setting: Setting[T], value: T) -> None:
        """Store ``value`` for a setting declared in ``core.settings``, as it checks it."""
        self.run(lambda repo: repo.settings.write(setting, value))

    def detach(self) -> None:
        """Drop later requests (the window is going away); queued ones still run."""
        self.ops = self.lane = None

    def _report(self, error: Exception) -> None:
        self.failed.emit(str(error))

    def message(self, text: str) -> None:
        """A short confirmation for the status bar."""
        self.notice.emit(text)

    def perform(
        self,
        text: str,
        operation: Operation,
        done: Callable[[Any], None] | None = None,
        after: Callable[[], None] | None = None,
        busy: tuple[Any, ...] = (),
    ) -> None:
        """Run ``operation`` now as an undoable step named ``text``.

        ``done(value)`` follows the first run only; ``after()`` follows every redo and undo;
        ``busy`` widgets are disabled while the first run is on its way.
        """
        self.undo_stack.push(OpCommand(self, text, operation, done, after, busy))

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
        """``perform`` for two functions of the repository that reverse each other.

        ``profile_id`` None: the step is not tied to one profile's screens; what it
        changed is not known, so the project's views all read again.
        """
        from airdrop_desk.core.tracking_ops import PROFILES, Changes

        owner = self.profile_id if profile_id == -1 else profile_id
        kinds = _ALL_PROJECT_KINDS if project_id else frozenset({PROFILES})
        self.perform(text, pair(do, undo, Changes(owner, project_id, kinds)), done, after)

    def apply(
        self,
        command: OpCommand,
        follow: bool,
        done: Callable[[Any], None] | None = None,
        after: Callable[[], None] | None = None,
        first: bool = False,
        busy: tuple[Any, ...] = (),
    ) -> None:
        """Run a command's half and read back what it changed, as one lane job; then
        bring its profile and project on screen again (``follow``) and tell the views.

        When the ``first`` run fails nothing was changed: the command leaves the undo
        stack, so Undo never offers a change that did not happen."""
        clock = self.clock

        def work(repo: TrackingRepo) -> tuple[Done[Any], Update]:
            result = command.step(repo)
            return result, read_back(repo, result.changes, clock())

        def finished(value: tuple[Done[Any], Update]) -> None:
            result, update = value
            changes = result.changes
            owner = changes.profile_id
            if follow and owner is not None and owner != self.profile_id:
                self.reload_profiles(select=owner)
            else:
                if follow and changes.project_id:
                    self.select_project.emit(changes.project_id)
                self._updated(update)
            if done is not None:
                done(result.value)
            if after is not None:
                after()

        def failed(error: Exception) -> None:
            if first:
                self._drop(command)
            self._report(error)

        self.run(work, finished, failed, busy)

    def _drop(self, command: OpCommand) -> None:
        # Qt deletes an obsolete command instead of undoing it; when others were pushed
        # meanwhile it is skipped, and deleted, once the undo reaches it.
        command.setObsolete(True)
        stack = self.undo_stack
        if stack.index() > 0 and stack.command(stack.index() - 1) is command:
            stack.undo()

    def _updated(self, update: Update) -> None:
        """Hand the read-back data to the views of the current profile."""
        from airdrop_desk.core.tracking_ops import PROFILES, PROGRESS

        changes = update.changes
        if changes.profile_id is None or changes.profile_id != self.profile_id:
            return
        if PROFILES in changes.kinds and changes.project_id is None:
            return
        if PROGRESS in changes.kinds and changes.project_id is not None:
            progress = dict(self.progress)
            if update.progress is None:
                progress.pop(changes.project_id, None)
            else:
                progress[changes.project_id] = update.progress
            self.progress = progress
            self.progress_changed.emit(progress)
        self.changed.emit(update)

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
            from airdrop_desk.core.settings import LAST_PROFILE

            self.save_setting(LAST_PROFILE, profile.id)
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
