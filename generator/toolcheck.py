"""Tells the user which Debian packages the test suite needs and which are missing."""

from __future__ import annotations

import ctypes.util
import shutil
import sys

NEEDED = {
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "chromium": "chromium",
}

LIBRARIES = {
    # tests/test_determinism.py renders with it and with it hidden (the PDFs never use it)
    "harfbuzz-subset": "libharfbuzz-subset0",
}


def missing_tools() -> dict[str, str]:
    """Commands the tests run that are not on PATH and shared libraries they load that the
    system does not have, with the Debian package that has them."""
    missing = {cmd: pkg for cmd, pkg in NEEDED.items() if shutil.which(cmd) is None}
    missing.update({f"lib{lib}": pkg for lib, pkg in LIBRARIES.items()
                    if ctypes.util.find_library(lib) is None})
    return missing


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
