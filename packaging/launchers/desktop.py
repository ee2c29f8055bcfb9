"""Entry script of the frozen ``anaiss-desktop`` executable (PyInstaller needs a file to run).

``anaiss_desktop/__main__.py`` uses a relative import, which a script run as ``__main__`` cannot.
"""

import sys

from anaiss_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
