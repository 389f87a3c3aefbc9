"""DL Studio: no arguments → the window; train / predict / inspect → headless (see --help)."""
import sys

from dlstudio.launcher import main

if __name__ == "__main__":
    sys.exit(main())
