"""``python -m airdrop_desk`` and the ``airdrop-desk`` launcher."""

from __future__ import annotations

import gc
import sys


def main(argv: list[str] | None = None) -> int:
    # Start-up builds tens of thousands of objects that live as long as the app
    # (modules, Qt classes and enums, the catalog) and almost no garbage, so the
    # cycle collector only costs time there (about 10 ms before the first paint).
    # It resumes once the window has painted, or when a command starts.
    gc.disable()
    try:
        from airdrop_desk.app import run

        return run(sys.argv[1:] if argv is None else argv)
    finally:
        gc.enable()


if __name__ == "__main__":
    sys.exit(main())
