"""Manage profiles: create, rename, archive, delete; notes, wallet addresses per chain and
other identities (GitHub, X, Discord handles).

Names and addresses are checked before anything is written and problems show under
their field. Deleting a profile asks first and is a step on the undo stack, as is
archiving and removing an address (Ctrl+Z works here and in the main window).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core.tracking import FieldErrors, Profile
from airdrop_desk.ui.models.profiles import ProfileListModel
from airdrop_desk.ui.plain import message_box, plain_label, tell
from airdrop_desk.ui.widgets.address_editor import AddressEditor
from airdrop_desk.ui.widgets.buttons import never_default
from airdrop_desk.ui.widgets.field_errors import FormErrors
from airdrop_desk.ui.widgets.identity_editor import IdentityEditor

if TYPE_CHECKING:
    from airdrop_desk.ui.tracking_session import TrackingSession

NEW = -1  # the list row of a profile being created


class ProfilesDialog(QDialog):
    """The profile list on the left, the chosen profile's details on the right.

    Signals: ``idle`` after each read or write finished and is on screen.
    Attributes (for tests): ``profile_list`` (a view of ``profile_model``, a
    ``ProfileListModel``), ``new_button``, ``delete_button``, ``name``,
    ``notes``, ``save_button``, ``archive_button``, ``wallet`` (the AddressEditor),
    ``identities`` (the IdentityEditor), ``errors``.
    """

    idle = Signal()

    def __init__(self, session: TrackingSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Profiles")
        self.resize(780, 600)
        self.session = session
        self.errors = FormErrors()
        self._selected: int | None = session.profile_id
        self._build()
        for action in (
            session.undo_stack.createUndoAction(self),
            session.undo_stack.createRedoAction(self),
        ):
            self.addAction(action)
        undo, redo = self.actions()
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        session.profiles_changed.connect(self._fill_list)
        self._fill_list(session.profiles)

    def show_current(self) -> None:
        """Opened again: start from the profile in use."""
        self._selected = self.session.profile_id
        self._fill_list(self.session.profiles)

    def _build(self) -> None:
        self.profile_model = ProfileListModel(self)
        self.profile_list = QListView()
        self.profile_list.setModel(self.profile_model)
        self.profile_list.setAccessibleName("Profiles")
        self.profile_list.selectionModel().currentChanged.connect(self._current_changed)
        self.new_button = never_default(QPushButton("New profile"))
        self.new_button.clicked.connect(self.start_new)
        self.delete_button = never_default(QPushButton("Delete…"))
        self.delete_button.clicked.connect(self.delete_profile)
        left = QVBoxLayout()
        left.addWidget(self.profile_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        left.addLayout(buttons)

        self.name = QLineEdit(placeholderText="e.g. Main wallet")
        self.name.setAccessibleName("Profile name")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)  # Tab moves on; it never types a tab
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("optional: what this profile is for")
        self.notes.setFixedHeight(54)
        self.save_button = QPushButton("Save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.archive_button = never_default(QPushButton("Archive"))
        self.archive_button.setToolTip("Hide from the profile switcher; keeps everything")
        self.archive_button.clicked.connect(self.toggle_archived)
        form = QFormLayout()
        name_column = QVBoxLayout()
        name_column.setSpacing(2)
        name_column.addWidget(self.name)
        name_column.addWidget(self.errors.add("name", self.name))
        form.addRow("Name", name_column)
        form.addRow("Notes", self.notes)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.archive_button)
        actions.addWidget(self.save_button)
        form.addRow(actions)

        self.wallet = AddressEditor(self.session)
        self.wallet.idle.connect(self.idle)
        self.identities = IdentityEditor(self.session)
        self.identities.idle.connect(self.idle)

        self.details = QWidget()
        right = QVBoxLayout(self.details)
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(form)
        right.addWidget(self.wallet, 1)
        right.addWidget(self.identities)
        self.hint = plain_label("Create a profile for each wallet or identity you farm with.")
        self.hint.setWordWrap(True)
        body = QHBoxLayout(self)
        body.addLayout(left, 2)
        column = QVBoxLayout()
        column.addWidget(self.hint)
        column.addWidget(self.details, 1)
        body.addLayout(column, 5)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter among the wallet or identity fields adds the address or handle (their
        # line does that); it must not also press Save, whose reload would clear a message.
        focus = self.focusWidget()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and focus is not None
            and (self.wallet.isAncestorOf(focus) or self.identities.isAncestorOf(focus))
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- list --------------------------------------------------------------------------
    def _fill_list(self, profiles: list[Profile]) -> None:
        selection = self.profile_list.selectionModel()
        selection.blockSignals(True)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self.profile_model.set_profiles(profiles, muted)
        selection.blockSignals(False)
        if not profiles:
            self.start_new()
        else:
            self._select(
                self._selected if self._selected in {p.id for p in profiles} else profiles[0].id
            )
        self.idle.emit()

    def _select(self, profile_id: int | None) -> None:
        row = self.profile_model.row_of(profile_id)
        if row is not None:
            index = self.profile_model.index(row)
            self.profile_list.setCurrentIndex(index)
            self._current_changed(index, None)

    def _profile(self) -> Profile | None:
        return next((p for p in self.session.profiles if p.id == self._selected), None)

    def _current_changed(self, current: QModelIndex, _previous: Any) -> None:
        if not current.isValid():
            return
        self._selected = int(current.data(ProfileListModel.ProfileIdRole))
        profile = self._profile()
        self.errors.clear()
        self.hint.hide()
        self.name.setText(profile.name if profile else "")
        self.notes.setPlainText(profile.notes if profile else "")
        self.archive_button.setText("Unarchive" if profile and profile.archived else "Archive")
        for widget in (self.archive_button, self.delete_button, self.wallet):
            widget.setEnabled(True)
        self.wallet.show_profile(self._selected)
        self.identities.show_profile(self._selected)

    def start_new(self) -> None:
        """An empty form; Save creates the profile."""
        self._selected = NEW
        self.profile_list.clearSelection()
        self.profile_list.setCurrentIndex(QModelIndex())
        self.errors.clear()
        self.name.clear()
        self.notes.clear()
        self.hint.setVisible(not self.session.profiles)
        self.archive_button.setEnabled(False)
        self.delete_button.setEnabled(False)
        self.wallet.show_profile(None)
        self.identities.show_profile(None)
        self.name.setFocus()

    # -- writes ------------------------------------------------------------------------
    def _failed(self, error: Exception) -> None:
        if isinstance(error, FieldErrors):
            self.errors.show(error.errors)
        else:
            tell(self, "Not saved", str(error), QMessageBox.Icon.Warning)
        self.idle.emit()

    def save(self) -> None:
        name, notes = self.name.text(), self.notes.toPlainText()
        self.errors.clear()
        if self._selected == NEW:

            def created(profile: Profile) -> None:
                self._selected = profile.id
                self.session.reload_profiles(select=profile.id)
                self.session.message(f"Profile “{profile.name}” created")

            self.session.run(lambda repo: repo.create_profile(name, notes), created, self._failed)
            return
        profile_id = self._selected

        def saved(_profile: Profile) -> None:
            self.session.reload_profiles()

        self.session.run(
            lambda repo: repo.update_profile(profile_id, name, notes), saved, self._failed
        )

    def toggle_archived(self) -> None:
        profile = self._profile()
        if profile is None:
            return
        archive = not profile.archived
        pid = profile.id
        verb = "Archive" if archive else "Unarchive"
        self.session.push(
            f"{verb} profile “{profile.name}”",
            lambda repo: repo.set_archived(pid, archive),
            lambda repo: repo.set_archived(pid, not archive),
            profile_id=None,
            after=self.session.reload_profiles,
        )

    def delete_profile(self) -> None:
        profile = self._profile()
        if profile is None:
            return
        box = message_box(
            QMessageBox.Icon.Warning,
            "Delete profile?",
            f"Delete profile “{profile.name}” with its checklists, ticks, points and claims?",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmBox")
        box.setInformativeText("Undo (Ctrl+Z) brings it back.")
        yes = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not yes:
            return
        pid = profile.id
        self._selected = None
        self.session.push(
            f"Delete profile “{profile.name}”",
            lambda repo: repo.delete_profile(pid),
            lambda repo: repo.restore_profile(pid),
            profile_id=None,
            after=self.session.reload_profiles,
        )
        self.session.message(f"Deleted profile “{profile.name}” — Ctrl+Z brings it back")
