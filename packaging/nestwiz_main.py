"""Entry script of the frozen program: the same `main` that the `nestwiz` console script runs."""

import sys

from gui.main import main

if __name__ == "__main__":
    sys.exit(main())
