"""Entry script of the frozen app: the same ``main`` the ``airdrop-desk`` launcher runs."""

import sys

from airdrop_desk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
