"""A few values of Qt's own enums as plain ints, for the code before the first paint.

PySide builds the Python enums of the whole ``Qt`` namespace — about a hundred
types, 35-40 ms on a 2-core machine — the first time any of them is touched, by
our code or by a Python method Qt calls with one (``headerData``'s orientation,
``sort``'s order). The first frame of the window needs none of them, so the code
that builds it uses these numbers (from Qt's ``qnamespace.h``; a test compares
each with its enum) and Qt properties that accept them. Everything after the
first paint uses the enums as usual.
"""

# Qt::ItemDataRole
DISPLAY_ROLE = 0
TOOLTIP_ROLE = 3
TEXT_ALIGNMENT_ROLE = 7
ACCESSIBLE_TEXT_ROLE = 11
USER_ROLE = 256

# Qt::AlignmentFlag
ALIGN_RIGHT = 0x0002
ALIGN_HCENTER = 0x0004
ALIGN_VCENTER = 0x0080
ALIGN_RIGHT_VCENTER = ALIGN_RIGHT | ALIGN_VCENTER
ALIGN_CENTER = ALIGN_HCENTER | ALIGN_VCENTER

# Qt::FocusPolicy
STRONG_FOCUS = 0x0B
