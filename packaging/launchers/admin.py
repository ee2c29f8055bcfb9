"""Entry script of the frozen ``anaiss-admin`` console executable, beside ``anaiss-desktop``."""

import sys

from anaiss_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
