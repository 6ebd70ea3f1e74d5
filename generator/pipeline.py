"""Load and check plans: the one entry point the CLI, the builders and the mkdocs plugin share.

Every function takes ``loc``, the :class:`~generator.locale.Locale` the problems are worded in
(their messages and hints); the default is Korean, the language of the plans and their officers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .loading import LoadResult, declared_id, load_plan
from .planfolders import duplicate_ids, plan_folders  # noqa: F401  (pipeline.plan_folders)
from .verdicts import Verdict, iter_verdicts  # noqa: F401  (pipeline.iter_verdicts)
from .model import Plan
from .problems import Problem
from .sourcemap import SourceMap
from .locale import resolve as _locale


@dataclass
class CheckedPlan:
    """A plan that loaded, with every check result and every problem (warnings included)."""

    folder: Path
    plan: Plan | None
    source: SourceMap | None
    problems: list[Problem] = field(default_factory=list)
    results: list = field(default_factory=list)
    """Every :class:`~generator.checks.base.CheckResult`, passing or not."""
    translations: dict = field(default_factory=dict)
    """How far the plan is translated, by language (:class:`generator.translations.Status`)."""
    sources: dict[str, bytes] = field(default_factory=dict)
    """The bytes of the plan's YAML files as they were read and checked, by name relative to
    the folder (``plan.yaml``, ``sections/01-x.yaml``); what the PDF attaches and what the
    input digest (:mod:`generator.digest`) is made of."""
    images: dict = field(default_factory=dict)
    """The files the plan's figures show, by ``src``, as read and checked
    (:class:`generator.figures.Image`): what the site copies, the PDF prints and the input
    digest hashes."""
    check_key: str | None = None
    """The check cache's key of this result (:mod:`generator.checkcache`), when the build
    checked it through the cache: what the plan's share of the check report is kept by."""

    @property
    def ok(self) -> bool:
        return self.plan is not None and not any(p.severity == "error" for p in self.problems)



def check_folder(folder: Path | str, strict: bool = False, loc=None) -> CheckedPlan:
    """Load one plan folder and run every check on it; problems worded in ``loc``'s language
    (default Korean)."""
    loc = _locale(loc)
    loaded: LoadResult = load_plan(folder, loc)
    problems = list(loaded.problems)
    results = []
    plan = loaded.plan or loaded.partial
    translated = {}
    images = {}
    if plan is not None:
        from .checks import run_rules  # registers every rule
        from .translations import FOLDER, LANGUAGES, translate
        if loaded.plan is not None:
            translated = {lang: translate(plan, loaded.source, folder, lang,
                                          (loaded.nodes, loaded.paths))[0]
                          for lang in LANGUAGES}
            for lang, status in translated.items():  # inputs too (digest, PDF attachments)
                if status.catalog is not None:
                    loaded.sources[f"{FOLDER}/{lang}.po"] = status.catalog
        from .figures import Image, read_figures
        figures = read_figures(folder, loaded.nodes)
        results, found = run_rules(plan, loaded.source, loaded.nodes, loaded.paths,
                                   partial=loaded.plan is None, loc=loc,
                                   translations=translated, figures=figures)
        problems += found
        images = {src: f for src, f in figures.items() if isinstance(f, Image)}
    if strict:
        problems = [p.as_error() for p in problems]
    problems.sort(key=lambda p: (p.file, p.line, p.col, p.rule))
    return CheckedPlan(Path(folder), loaded.plan, loaded.source, problems, results,
                       translated, loaded.sources, images)


def iter_checked(paths: list[Path | str] | None = None, strict: bool = False, loc=None
                 ) -> Iterator[CheckedPlan]:
    """Check plans one at a time, so that validating many plans holds one in memory."""
    for folder in plan_folders(paths):
        yield check_folder(folder, strict, loc)


def _checked(args: tuple[Path, bool, str]) -> CheckedPlan:
    """One plan checked in a worker process (the language by name, as for :func:`_verdict`)."""
    from .locale import get
    folder, strict, lang = args
    return check_folder(folder, strict, get(lang))


def check_all(paths: list[Path | str] | None = None, strict: bool = False, loc=None,
              jobs: int | None = 1, progress=None, cache=None) -> list[CheckedPlan]:
    """Check every plan and keep them all (for building), in order, over ``jobs`` processes
    (None: every core, but one process below :data:`PARALLEL_FROM` plans); plans that share an id
    are errors (:func:`duplicate_ids`).  ``progress`` (a :class:`~generator.progress.
    Progress`) counts the plans checked.  ``cache`` (a :class:`~generator.checkcache.
    CheckCache`) gives back the result of each plan whose inputs are unchanged and keeps the
    others'; the results are the same with it or without."""
    folders = plan_folders(paths)
    lang = _locale(loc).lang
    keys: list = [None] * len(folders)
    plans: list = [None] * len(folders)
    if cache is not None:
        from .checkcache import key
        keys = [key(f, strict, lang) for f in folders]
        plans = [cache.get(k) for k in keys]
    stable = {i for i, found in enumerate(plans) if found is not None}
    missing = [i for i, found in enumerate(plans) if found is None]
    few = jobs is None and len(missing) < PARALLEL_FROM  # --jobs named: as many as asked
    jobs = min(jobs or os.cpu_count() or 1, max(len(missing), 1))
    if progress is not None:
        progress.add_total(len(folders))
        for _ in range(len(folders) - len(missing)):
            progress.step()
    if jobs == 1 or few:
        checked = (check_folder(folders[i], strict, loc) for i in missing)
        pool = None
    else:
        import multiprocessing
        pool = multiprocessing.get_context("fork").Pool(jobs)
        checked = pool.imap(_checked, [(folders[i], strict, lang) for i in missing], chunksize=4)
    try:
        for i, plan in zip(missing, checked):
            plans[i] = plan
            if cache is not None and keys[i] is not None:
                from .checkcache import key
                if key(folders[i], strict, lang) == keys[i]:  # unchanged while it was checked
                    cache.put(keys[i], plan)
                    stable.add(i)
            if progress is not None:
                progress.step()
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    if progress is not None:
        progress.close()
    for i in stable:
        plans[i].check_key = keys[i]
    for i, found in duplicate_ids([declared_id(c.source) for c in plans], loc).items():
        plans[i].problems = sorted(plans[i].problems + found,
                                   key=lambda p: (p.file, p.line, p.col, p.rule))
    return plans


def _verdict(args: tuple[Path, bool, str]) -> Verdict:
    """One plan's verdict; the language comes by name, so that a worker process finds its own
    locale (a :class:`~generator.locale.Locale` is one per language and process)."""
    from .locale import get
    folder, strict, lang = args
    checked = check_folder(folder, strict, get(lang))
    return Verdict(checked.folder, checked.problems, len(checked.results), checked.ok,
                   checked.plan.id if checked.plan is not None else "",
                   [s.as_data() for s in checked.translations.values()],
                   declared_id(checked.source))


PARALLEL_FROM = 16
"""Below this many plans, validating in one process is quicker than starting workers."""


def verdicts_of(folders: list[Path], strict: bool, jobs: int | None, lang: str
               ) -> Iterator[Verdict]:
    """The verdicts of these plan folders, checked now, in order: in one process below
    :data:`PARALLEL_FROM` plans, else over ``jobs`` processes (default: every core)."""
    jobs = min(jobs or os.cpu_count() or 1, max(len(folders), 1))
    if jobs == 1 or len(folders) < PARALLEL_FROM:
        for folder in folders:
            yield _verdict((folder, strict, lang))
        return
    import multiprocessing
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(_verdict, [(f, strict, lang) for f in folders], chunksize=8)
