"""Which files of a plan folder are read: regular ``.yaml`` files inside it, within the limits.

A plan folder holds ``plan.yaml`` and ``sections/*.yaml``.  What else may stand there is named,
never followed blindly and never a traceback:

- a symbolic link whose target lies outside the plan folder is refused (an error at the link's
  name): a plan is what its folder holds, and the PDF attaches every file read;
- in ``sections/``, an entry that is not read is named in a warning: a folder, a dangling or
  looping link, a pipe or device (reading one could hang), an editor's lock, backup or hidden
  file (``.#x.yaml``, ``x.yaml~``, ``.x.yaml``), another extension (``.yml``, ``.YAML``, ``.txt``);
- a file name that is not UTF-8 or holds a control character is an error (shown escaped): the
  name would reach the outputs;
- the sizes of :mod:`generator.limits` (bytes per file and in all, the number of section
  files) are checked before a byte is read, and a file is read at most once.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import limits
from .locale.words import Quantity, Words
from .problems import Problem
from .paths import display_path
from .textsafety import NAME_FORBIDDEN, char_name

PLAN_FILE = "plan.yaml"
SECTIONS_DIR = "sections"
SUFFIX = ".yaml"
WARNING_RULES = frozenset({"plan-file-name", "plan-file-skipped"})
"""The rules of entries that are named and not read: warnings (``--strict`` makes them errors)."""


@dataclass
class FolderFiles:
    """What a plan folder gave: the bytes of each file read, by its name relative to the folder
    (``plan.yaml`` first, then the section files in name order), and the problems found."""

    folder: Path
    files: dict[str, bytes] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    """Each file's name as problems show it (relative to the working directory)."""
    problems: list[Problem] = field(default_factory=list)
    plan_found: bool = False
    """False when the folder has no readable ``plan.yaml``."""


def _problem(path, rule, message, hint, loc, severity="error") -> Problem:
    from .yamlsource import located  # here: finding the plan folders (validate) needs no YAML
    return located(display_path(path), 1, 1, (), rule, message, hint, loc, severity)


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _kind(path: Path, root: str) -> str:
    """What stands at path: ``file`` (a regular file, or a link to one inside the folder),
    ``outside`` (a link leading out of the folder), ``dangling``, ``loop``, ``folder``,
    ``special`` (a pipe, socket or device) or ``missing``."""
    try:
        link = stat.S_ISLNK(os.lstat(path).st_mode)
    except FileNotFoundError:
        return "missing"
    if link and not _inside(os.path.realpath(path), root):
        return "outside"
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return "loop" if exc.errno == errno.ELOOP else "dangling"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "special"


_SKIPPED = {
    "folder": Words("a folder, not a file: not read"),
    "dangling": Words("a link to a file that does not exist: not read"),
    "loop": Words("a link that leads back to itself: not read"),
    "special": Words("not a regular file (a pipe, socket or device): not read"),
}


def _outside(path: Path, loc) -> Problem:
    return _problem(path, "plan-file-outside",
                    Words("a link to {target}, outside the plan folder",
                          target=display_path(Path(os.path.realpath(path)))),
                    Words("copy the file into the plan folder instead of linking to it: a plan "
                          "is what its folder holds (the PDF attaches every file read)"), loc)


def _odd_name(name: str) -> Words | None:
    """Why an entry of ``sections/`` is not read by its name alone, or None."""
    if name.startswith(".#") or (name.startswith("#") and name.endswith("#")):
        return Words("an editor's lock or autosave file: not read")
    if name.endswith("~") or name.endswith((".bak", ".swp", ".swo", ".tmp")):
        return Words("an editor's backup file: not read")
    if name.startswith("."):
        return Words("a hidden file: not read")
    return None


def _name_trouble(name: str) -> Words | None:
    """Why a file name cannot be carried into the outputs (not UTF-8, a control character in
    it), or None."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes of the name, kept as surrogates
        return Words("the file name is not UTF-8 text (its odd bytes shown as \\xNN)")
    bad = NAME_FORBIDDEN.search(name)
    if bad is not None:
        return Words("the file name holds the control character {char}",
                     char=char_name(bad.group()))
    return None


def section_paths(folder: Path, loc) -> tuple[list[Path], list[Problem]]:
    """The section files to read, in name order, and the problems of ``sections/``."""
    section_dir = folder / SECTIONS_DIR
    root = os.path.realpath(folder)
    kind = _kind(section_dir, root)
    if kind == "outside":
        return [], [_outside(section_dir, loc)]
    if kind != "folder":
        return [], [_problem(section_dir, "plan-missing-file", Words("no section files"),
                             Words("add sections/01-<id>.yaml"), loc)]
    problems, paths = [], []
    try:
        names = sorted(os.listdir(section_dir))
    except OSError as exc:
        return [], [_problem(section_dir, "plan-file-unreadable",
                             Words("cannot be read: {reason}", reason=exc.strerror or str(exc)),
                             Words("check the folder's permissions"), loc)]
    for name in names:
        path = section_dir / name
        trouble = _name_trouble(name)
        if trouble is not None:
            problems.append(_problem(
                path, "plan-file-name-characters", trouble,
                Words("rename the file, e.g. {name}",
                      name=f"{len(paths) + 1:02d}-section{SUFFIX}"), loc))
            continue
        why = _odd_name(name)
        if why is not None:
            problems.append(_problem(path, "plan-file-skipped", why,
                                     Words("remove it, or rename it to end in .yaml if it is a "
                                           "section"), loc, "warning"))
            continue
        if not name.endswith(SUFFIX):
            stem, dot, ext = name.rpartition(".")
            if dot and ext.lower() in ("yaml", "yml"):
                message = Words("section files end in .yaml; this one would be left out")
                hint = Words("rename it to {name}", name=f"{stem}{SUFFIX}")
            elif _kind(path, root) == "folder":
                message, hint = _SKIPPED["folder"], Words("sections/ holds one file per "
                                                          "section, no folders")
            else:
                message = Words("not a section file (only .yaml files are read): not read")
                hint = Words("move it out of sections/, or rename it to end in .yaml if it is "
                             "a section")
            problems.append(_problem(path, "plan-file-name", message, hint, loc, "warning"))
            continue
        kind = _kind(path, root)
        if kind == "outside":
            problems.append(_outside(path, loc))
        elif kind == "file":
            paths.append(path)
        elif kind != "missing":  # missing: removed while listed
            problems.append(_problem(path, "plan-file-skipped", _SKIPPED[kind],
                                     Words("remove it, or put the section's file in its place"),
                                     loc, "warning"))
    if len(paths) > limits.MAX_SECTION_FILES:
        problems.append(_problem(
            section_dir, limits.SECTION_FILES.rule,
            Words("{count} section files, more than the limit of {limit}",
                  count=Quantity(len(paths)), limit=Quantity(limits.MAX_SECTION_FILES)),
            Words("a plan has at most {limit} sections; make several plans of it",
                  limit=Quantity(limits.MAX_SECTION_FILES)), loc))
        return [], problems
    return paths, problems


def _read(path: Path) -> bytes:
    """At most one byte more than a file may have (so that a file that grew is caught)."""
    with open(path, "rb") as f:
        return f.read(limits.MAX_FILE_BYTES + 1)


def read_folder(folder: Path, loc) -> FolderFiles:
    """Read ``plan.yaml`` and the section files of a plan folder, within the limits."""
    out = FolderFiles(folder)
    plan_path = folder / PLAN_FILE
    kind = _kind(plan_path, os.path.realpath(folder))
    if kind == "outside":
        out.problems.append(_outside(plan_path, loc))
        return out
    if kind != "file":
        other = folder / "plan.yml"
        hint = (Words("rename {old} to {new}", old=other.name, new=PLAN_FILE) if other.is_file()
                else Words("a plan folder holds plan.yaml and sections/*.yaml; "
                           "`plansite new <id>` makes one"))
        message = (Words("no {file} in {folder}", file=PLAN_FILE, folder=display_path(folder))
                   if kind == "missing" else _SKIPPED[kind])
        out.problems.append(_problem(plan_path, "plan-missing-file", message, hint, loc))
        return out
    paths, problems = section_paths(folder, loc)
    total = 0
    for path in [plan_path] + paths:
        name = path.name if path == plan_path else f"{SECTIONS_DIR}/{path.name}"
        try:
            size = os.stat(path).st_size
            data = _read(path) if size <= limits.MAX_FILE_BYTES else b""
        except OSError as exc:
            out.problems.append(_problem(path, "plan-file-unreadable",
                                         Words("cannot be read: {reason}",
                                               reason=exc.strerror or str(exc)),
                                         Words("check the file's permissions"), loc))
            continue
        size = max(size, len(data))
        if size > limits.MAX_FILE_BYTES:
            out.problems.append(_problem(
                path, limits.FILE_BYTES.rule,
                Words("file is {size} bytes, more than the limit of {limit}",
                      size=Quantity(size), limit=Quantity(limits.MAX_FILE_BYTES)),
                Words("split the plan into more section files"), loc))
            continue
        total += size
        if total > limits.MAX_TOTAL_BYTES:
            out.problems.append(_problem(
                path, limits.TOTAL_BYTES.rule,
                Words("with this file the plan's YAML files hold more than {limit} bytes",
                      limit=Quantity(limits.MAX_TOTAL_BYTES)),
                limits.HINTS[limits.TOTAL_BYTES.rule], loc))
            break
        out.files[name] = data
        out.shown[name] = display_path(path)
    out.plan_found = PLAN_FILE in out.files
    out.problems.extend(problems)
    return out
