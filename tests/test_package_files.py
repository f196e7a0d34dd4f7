"""Every file the program reads at run time ships in a wheel, not only in a clone.

An editable install reads the source folders, so a template or stylesheet left out of
``pyproject.toml``'s package data shows only when s92 is installed as a wheel
(``pip install .``): ``s92 serve`` then fails on its first page.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("scheduler", "calendars")


def _shipped(relative: Path, package_data: dict[str, list[str]]) -> bool:
    """Whether setuptools' package data takes ``relative`` (a path from the root)."""
    parts = relative.parts
    for cut in range(len(parts) - 1, 0, -1):
        package = ".".join(parts[:cut])
        inside = "/".join(parts[cut:])
        for key, patterns in package_data.items():
            if key not in ("*", package):
                continue
            if any(fnmatch.fnmatch(inside, pattern) for pattern in patterns):
                return True
    return False


def _data_files() -> list[Path]:
    """The files under the packages that are not Python code."""
    found = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".py", ".pyc"):
                continue
            found.append(path.relative_to(ROOT))
    return sorted(found)


def test_every_data_file_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]
    files = _data_files()
    assert any(path.suffix == ".css" for path in files)  # the web's stylesheet is found
    missing = [str(path) for path in files if not _shipped(path, package_data)]
    assert missing == []
