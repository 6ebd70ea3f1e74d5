"""Where each value of a plan came from: the file, line, column and YAML path behind a data path.

A plan folder's files are combined into one data tree (``plan.yaml`` with its ``sections``); the
:class:`SourceMap` maps a path in that tree, or a pydantic error location, back to the file that
holds it, so every problem can be reported where the author wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .problems import Problem
from .schema_errors import _UNION_TAGS
from .yamlsource import Pos, SourceFile, path_to_str


@dataclass
class SourceMap:
    """Maps a path in the combined plan data to the file, line and column it came from."""

    plan_file: SourceFile
    section_files: list[SourceFile] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    def _split(self, path: tuple) -> tuple[SourceFile, tuple]:
        if len(path) >= 2 and path[0] == "sections" and isinstance(path[1], int) \
                and path[1] < len(self.section_files):
            return self.section_files[path[1]], tuple(path[2:])
        return self.plan_file, tuple(path)

    def real_path(self, loc: tuple) -> tuple[tuple, tuple]:
        """Drop the parts of a validation ``loc`` that are not in the data (union tags).

        Returns (the deepest path found in the data, the rest that was not found).
        """
        node = self.data
        found: list = []
        rest = list(loc)

        def has(n, key):
            return (isinstance(n, dict) and key in n) or (
                isinstance(n, list) and isinstance(key, int) and 0 <= key < len(n))

        while rest:
            step = rest[0]
            if has(node, step):
                node = node[step]
                found.append(step)
            elif len(rest) > 1 and (has(node, rest[1]) or (isinstance(step, str) and (
                    "[" in step or step in _UNION_TAGS))):
                pass  # a step of the model that the data does not spell (union tag, `cells`)
            else:
                break
            rest.pop(0)
        return tuple(found), tuple(rest)

    def locate(self, path: tuple) -> tuple[str, Pos, str]:
        """(file name, position, YAML path inside the file) of path, as the author wrote it."""
        found, rest = self.real_path(tuple(path))
        src, inner = self._split(found)
        for n in range(len(inner), -1, -1):
            pos = src.positions.get(inner[:n])
            if pos is not None:
                return src.name, Pos(*pos), path_to_str(inner + rest)
        return src.name, Pos(1, 1), path_to_str(inner + rest)

    def problem(self, path: tuple, rule: str, message: str, hint: str = "",
                severity: str = "error", data: dict | None = None) -> Problem:
        name, pos, ypath = self.locate(tuple(path))
        return Problem(name, pos.line, pos.col, ypath, rule, severity, message, hint, data or {})
