"""Tells the user which Debian packages the test suite needs and which are missing."""

from __future__ import annotations

import shutil
import sys

NEEDED = {
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "chromium": "chromium",
}


def missing_tools() -> dict[str, str]:
    """Commands the tests run that are not on PATH, with the Debian package that has them."""
    return {cmd: pkg for cmd, pkg in NEEDED.items() if shutil.which(cmd) is None}


def main() -> int:
    missing = missing_tools()
    if not missing:
        return 0
    pkgs = " ".join(sorted(set(missing.values())))
    print(f"make test needs {', '.join(sorted(missing))}: install them with\n"
          f"    sudo apt-get install {pkgs}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
