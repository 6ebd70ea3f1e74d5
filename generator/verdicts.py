"""What ``plansite validate`` says of each plan, and the cache that reuses it while the plan is
unchanged.

A :class:`Verdict` is what validating keeps of a checked plan: its problems (already worded),
how many checks ran, whether it passed, its translation status and the id it declares.

``validate`` keeps each plan's verdict in ``verdicts/`` of the command cache
(:func:`generator.paths.command_cache`: ``$PLANSITE_CACHE``, else ``build/.cache`` when it
exists; elsewhere nothing is kept).  An entry is keyed exactly as the build's check cache keys
a check result (:func:`generator.checkcache.key`: every byte of the plan folder, its paths and
the working directory, the generator's files, the libraries a check runs on, ``--strict`` and
the language), and stored the same way (an integrity-checked pickle, written only if the key
did not change while the plan was checked; :class:`generator.checkcache.PickleStore`).  A plan
whose key is found is not checked again, and this module imports no model, no rule and no
catalog parser to say so: validating a hundred plans after one was edited checks one.
Plans that share an id are compared every time (:func:`generator.planfolders.duplicate_ids`):
that is a fact about the set of plans, not about one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .problems import Problem

FOLDER = "verdicts"
"""The verdicts' folder in the command cache."""


@dataclass
class Verdict:
    """What ``validate`` keeps of a checked plan: its problems and how many checks ran."""

    folder: Path
    problems: list[Problem]
    checks: int
    ok: bool
    plan_id: str = ""
    translations: list = field(default_factory=list)
    """How far the plan is translated (:meth:`generator.translations.Status.as_data`)."""
    declared: tuple | None = None
    """The id ``plan.yaml`` declares and where (:func:`~generator.loading.declared_id`)."""


def verdict_store():
    """The verdicts kept by earlier runs (a :class:`~generator.checkcache.PickleStore`), or
    None when there is no command cache."""
    from .checkcache import PickleStore
    from .paths import command_cache
    base = command_cache()
    return PickleStore(base / FOLDER) if base is not None else None


def iter_verdicts(paths: list[Path | str] | None = None, strict: bool = False,
                  jobs: int | None = None, loc=None, store=None) -> Iterator[Verdict]:
    """Check many plans, in order; problems worded in ``loc``'s language (default Korean).  A
    plan unchanged since its verdict was kept in ``store`` (``validate`` passes
    :func:`verdict_store`; default: none) is not checked again; the others are checked in
    parallel over ``jobs`` processes (:func:`generator.pipeline.verdicts_of`) and kept there.  The verdicts come once every plan is checked:
    plans that share an id are errors (:func:`~generator.planfolders.duplicate_ids`)."""
    from .locale import resolve
    from .planfolders import duplicate_ids, plan_folders
    folders = plan_folders(paths)
    lang = resolve(loc).lang
    keys: list = [None] * len(folders)
    if store is not None:
        from .checkcache import key
        keys = [key(folder, strict, lang) for folder in folders]
    verdicts = [store.get(k) if store is not None else None for k in keys]
    missing = [i for i, found in enumerate(verdicts) if found is None]
    if missing:
        from .pipeline import verdicts_of
        for i, verdict in zip(missing, verdicts_of([folders[i] for i in missing], strict, jobs,
                                                   lang)):
            verdicts[i] = verdict
            if store is not None and keys[i] is not None \
                    and key(folders[i], strict, lang) == keys[i]:  # unchanged while checked
                store.put(keys[i], verdict)
    if store is not None:
        store.flush()
    for i, found in duplicate_ids([v.declared for v in verdicts], loc).items():
        v = verdicts[i]
        v.problems = sorted(v.problems + found, key=lambda p: (p.file, p.line, p.col, p.rule))
        v.ok = False
    yield from verdicts
