#!/usr/bin/env python3
"""Build the installer (PyInstaller bundle + platform package). Not built yet: it arrives with its own issue."""

import sys


def main() -> int:
    print("build_installer.py: the installer is not built yet; it arrives with the installer issue.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
