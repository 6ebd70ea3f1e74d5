"""``plansite build``: check every plan, then write every output into build/ in one swap.

Outputs are written into a new generation of the output folder and published by one rename only
when every step succeeded (:mod:`generator.buildfolder`: one build at a time, under a lock), so a
failed build (bad plan, renderer error) or a killed one leaves the previous ``build/`` as it
was.  Steps are imported lazily: validating never pays for WeasyPrint or mkdocs.

A plan's own outputs are a per-plan unit: :func:`plan_outputs` takes one checked plan and gives
its files (its PDF, its JSON and CSV) with the plan's input digest (:mod:`generator.digest`), as
bytes; this module writes them.  The files shared by every plan (the check report, the schemas)
are whole-build steps, and the site is the one step that sees every plan: it is handed the plans,
the downloads made from those outputs, the build's moment and the font cache folder in one
:class:`~generator.site.SiteInput`.  No step finds another's output by its path, and none
passes anything to another through the environment.

What a build needs besides valid plans (a writable ``--out`` folder, ``mkdocs.yml`` in the working
folder for the site, the carried fonts, a well-formed ``SOURCE_DATE_EPOCH``) is checked before any
plan is read or anything written: a failure is one :class:`~generator.errors.PlansiteError`, and
``build/`` is left as it was.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timezone
from pathlib import Path

from .locale.words import Words
from .errors import OutputError, PlansiteError, SetupError, os_error
from .pipeline import CheckedPlan, check_all
from .problems import format_text, summary_line


from .steps import PER_PLAN, STEP_NAMES, STEPS


@dataclass(frozen=True)
class PlanOutputs:
    """One plan's own outputs, as bytes, before anything is written."""

    plan_id: str
    digest: str
    """The plan's input digest: the same digest, the same files."""
    files: dict[str, dict[str, bytes]] = field(default_factory=dict)
    """The files by output folder (``pdf``, ``data``), each ``{path in the folder: bytes}``."""


def plan_outputs(checked: CheckedPlan, steps: list[str] | None = None,
                 font_cache=None) -> PlanOutputs:
    """The per-plan step: one checked plan's files for the given steps (default: every
    per-plan step), made from its intranet projection.  Writes nothing; ``font_cache`` (a
    :class:`~generator.fontcache.FontCache`) is needed for the PDF."""
    from .digest import input_digest
    from .projection import project
    projection = project(checked)
    files: dict[str, dict[str, bytes]] = {}
    for name in steps if steps is not None else PER_PLAN:
        if name == "data":
            from .data import plan_files
            files["data"] = plan_files(projection)
        elif name == "pdf":
            from .pdf import plan_files
            if font_cache is None:
                raise ValueError("the PDF step needs a font cache")
            files["pdf"] = plan_files(projection, font_cache)
        else:
            raise ValueError(f"not a per-plan step: {name!r} (they are {', '.join(PER_PLAN)})")
    return PlanOutputs(projection.id, input_digest(checked), files)


def font_cache_dir(out: Path | str) -> Path:
    """The font cache of a build into ``out``: ``$PLANSITE_CACHE/fonts``, else
    ``<out>/.cache/fonts`` (kept across builds, never swapped)."""
    from .fontcache import cache_dir
    return cache_dir(out)


def build_moment(plans: list[CheckedPlan]) -> datetime | None:
    """The build's moment, the date the site gives its pages: ``SOURCE_DATE_EPOCH`` when set,
    else the newest approval date of the plans (midnight UTC); None when no plan has one."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    dates = [cp.plan.header.approved_on for cp in plans if cp.plan is not None]
    if not dates:
        return None
    return datetime.combine(max(dates), time(0), tzinfo=timezone.utc)


def _existing(path: Path) -> Path:
    """The path itself if it exists (a dangling link counts), else its nearest existing parent."""
    while not (path.exists() or path.is_symlink()) and path.parent != path:
        path = path.parent
    return path


def check_out(out: Path | str) -> None:
    """``out`` is a folder that can be written, or can be made in one; else an OutputError."""
    out = Path(out)
    found = _existing(out)
    shown = found if str(found) != "." else Path.cwd()
    fix = Words("choose a folder for --out, or remove the file")
    if not found.is_dir():
        if found == out:
            raise OutputError(Words("--out names a file, not a folder"), hint=fix, where=out)
        raise OutputError(Words("a file, where --out {out} needs a folder", out=out), hint=fix,
                          where=shown)
    from .buildfolder import GENERATIONS
    inside = next((f for f in found.resolve().parents if f.name == GENERATIONS), None)
    if inside is not None:  # build/site (a link into build/.generations/…) named as --out
        raise OutputError(Words("--out lies inside the outputs of another build ({folder})",
                                folder=inside.parent),
                          hint=Words("choose a folder outside {folder}", folder=inside.parent),
                          where=out)
    if not os.access(found, os.W_OK | os.X_OK):
        hint = Words("check the permissions of {folder}, or choose another --out", folder=shown)
        if found == out:
            raise OutputError(Words("the output folder is not writable"), hint=hint, where=out)
        raise OutputError(Words("not writable, so --out {out} cannot be made in it", out=out),
                          hint=hint,
                          where=shown)


def _check_fonts() -> None:
    from .fontcache import FONTS_DIR
    if not any(FONTS_DIR.glob("*.woff2")):
        raise SetupError(Words("no fonts (*.woff2) in this folder; the PDFs and the site need "
                               "them"),
                         hint=Words("reinstall plansite, or restore this folder from the "
                                    "repository"),
                         where=FONTS_DIR)


EPOCH_MAX = 2**32 - 1
"""The latest ``SOURCE_DATE_EPOCH`` every output can carry: the site's ``sitemap.xml.gz`` keeps
its date in four bytes (2106-02-07)."""


def check_source_date(site: bool = False) -> None:
    """``SOURCE_DATE_EPOCH``, when set, is whole seconds since 1970 (ASCII digits, as the
    reproducible-builds specification says) that every output can carry; else a
    :class:`~generator.errors.SetupError`.  ``site``: an empty value is refused too (mkdocs,
    which dates the site's pages from it, cannot read one; the PDF step reads it as unset)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch == "" and site:
        raise SetupError(Words("set but empty; the site step cannot read an empty value"),
                         hint=Words("unset it, or set it to a number, e.g. "
                                    "$(git log -1 --format=%ct)"),
                         where="SOURCE_DATE_EPOCH")
    if not epoch:
        return
    hint = Words("set it to a number, e.g. $(git log -1 --format=%ct), or unset it")
    digits = epoch.strip()
    if not (digits.isascii() and digits.isdigit()):
        raise SetupError(Words("must be whole seconds since 1970, got {value!r}", value=epoch),
                         hint=hint, where="SOURCE_DATE_EPOCH")
    if int(digits) > EPOCH_MAX:
        raise SetupError(Words("must be at most {most} (in 2106), got {value!r}",
                               most=EPOCH_MAX, value=epoch),
                         hint=hint, where="SOURCE_DATE_EPOCH")


def check_setup(out: Path | str, only: list[str] | None = None, paths=None) -> None:
    """Everything the selected steps need besides valid plans, or the first thing missing as a
    located :class:`~generator.errors.PlansiteError`.  Reads no plan and writes nothing."""
    selected = set(only or STEP_NAMES)
    sites = selected & {"site", "public"}
    if sites:
        from .site import check_configs
        check_configs(near=list(paths or []))
    if selected & {"pdf", "site", "public"}:
        _check_fonts()
        check_source_date(site=bool(sites))
    check_out(out)


def _write(generation: Path, folder: str, files: dict[str, bytes], plan_id: str | None,
           downloads: list) -> None:
    """Write one step's files into its generation folder; each becomes a download of the site
    (served from the written file, so that the bytes are not held twice)."""
    from .site.downloads import Download
    for name, data in files.items():
        path = generation / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        downloads.append(Download.of(folder, name, plan_id, data, staged=path.resolve()))


@dataclass
class Summary:
    """What a build reused and made: the per-plan outputs served from the cache
    (:mod:`generator.plancache`) and those made anew (each one plan's files of one step for one
    audience)."""

    reused: int = 0
    made: int = 0
    sites_reused: int = 0
    """The sites (intranet, public) carried over from the published build, their inputs
    unchanged (:func:`~generator.site.site_key`)."""
    sites_made: int = 0
    pages_kept: int = 0
    """The plan pages of the sites built written from the page cache
    (:mod:`generator.site.pagecache`), every language's."""
    pages_rendered: int = 0
    checks_reused: int = 0
    """The plans whose check result came from the check cache (:mod:`generator.checkcache`)."""
    checks_made: int = 0


LAST_SUMMARY: Summary | None = None
"""The summary of the last :func:`run_steps` in this process (tests read it; the build prints
it)."""

_WORK: tuple | None = None
"""What a forked PDF worker renders from: the checked plans and the warmed font cache."""


def _plan_step(task: tuple[int, str, str]) -> tuple[dict[str, bytes], str]:
    """One plan's files of one step for one audience, and what rendering wrote on stderr (kept
    with them, so that a reused entry says it again)."""
    import contextlib
    import io
    from .projection import project
    index, step, audience = task
    plans, fonts = _WORK
    projection = project(plans[index], audience)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        if step == "data":
            from .data import plan_files
            files = plan_files(projection)
        else:
            from .pdf import plan_files
            files = plan_files(projection, fonts)
    return files, err.getvalue()


def _plan_files(plans: list[CheckedPlan], tasks: list[tuple[int, str, str]], fonts,
                cache, jobs: int, loc) -> list[dict[str, bytes]]:
    """The files of every task, in the tasks' order: from the cache where their key is there,
    else made, the PDFs over ``jobs`` processes; what is made is stored in the cache."""
    global _WORK
    from .digest import input_digest
    from .plancache import Entry, key
    from .progress import Progress
    digests = {}
    keys = []
    for index, step, audience in tasks:
        if index not in digests:
            digests[index] = input_digest(plans[index])
        keys.append(key(digests[index], step, audience))
    found = [cache.get(k) for k in keys]
    missing = [i for i, entry in enumerate(found) if entry is None]
    pdfs = [i for i in missing if tasks[i][1] == "pdf"]
    progress = Progress("pdf", len(pdfs), loc)
    _WORK = (plans, fonts)
    try:
        for i in missing:
            if tasks[i][1] != "pdf":
                found[i] = Entry(*_plan_step(tasks[i]))
        workers = min(jobs, len(pdfs))
        if workers > 1:
            import multiprocessing
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for i, made in zip(pdfs, pool.imap(_plan_step, [tasks[i] for i in pdfs])):
                    found[i] = Entry(*made)
                    progress.step()
        else:
            for i in pdfs:
                found[i] = Entry(*_plan_step(tasks[i]))
                progress.step()
    finally:
        _WORK = None
        progress.close()
    for i in missing:
        cache.put(keys[i], found[i])
    for entry in found:
        if entry.stderr:
            sys.stderr.write(entry.stderr)
    LAST_SUMMARY.reused += len(tasks) - len(missing)
    LAST_SUMMARY.made += len(missing)
    return [entry.files for entry in found]


def _run(plans: list[CheckedPlan], out: Path, generation: Path, selected: list[str],
         jobs: int = 1, loc=None) -> None:
    from .plancache import PlanCache, cache_root
    from .projection import publishes
    cache = font_cache_dir(out)
    plan_cache = PlanCache(cache_root(out))
    for step in STEPS:
        if step.name in selected:
            (generation / step.folder).mkdir(parents=True, exist_ok=True)
    downloads: list = []
    if "checks" in selected:
        from .report import write_reports
        write_reports(plans, generation, out.resolve() / ".cache" / "reports")
    if "data" in selected:
        from .data import shared_files
        _write(generation, "data", shared_files(), None, downloads)
    per_plan = [name for name in PER_PLAN if name in selected]
    fonts = None
    if "pdf" in selected or "public" in selected:
        from .pdf import warm_fonts
        fonts = warm_fonts(cache)
    tasks = [(i, name, "intranet") for i in range(len(plans)) for name in per_plan]
    public = []
    if "public" in selected:
        public = [i for i, c in enumerate(plans) if publishes(c)]
        tasks += [(i, name, "public") for i in public for name in PER_PLAN]
    made = iter(_plan_files(plans, tasks, fonts, plan_cache, jobs, loc))
    ids = [c.plan.id for c in plans]
    for i in range(len(plans)):
        for name in per_plan:
            _write(generation, name, next(made), ids[i], downloads)
    if "site" in selected:
        from .site import SiteInput
        from .site.downloads import ordered
        _site(SiteInput(plans, ordered(downloads), build_moment(plans), cache,
                        progress=_pages_progress(loc), jobs=jobs), out, generation, "site")
    if "public" in selected:
        _run_public(plans, generation / "public", cache, public, made, out, loc, jobs)


def _pages_progress(loc):
    from .progress import Progress
    return Progress("pages", 0, loc)


def _run_public(plans: list[CheckedPlan], folder: Path, cache: Path, public: list[int], made,
                out: Path, loc=None, jobs: int = 1) -> None:
    """``build/public/``: what the citizens may see, in the shape of the whole build (its
    ``data/``, ``pdf/`` and ``site/``), made from the public projections only
    (:func:`generator.projection.project`): a 비공개 plan is in none of it.  ``made`` gives the
    files of the public plans (``public``, by index), data then PDF for each; the public site
    projects each plan it renders (:func:`generator.site.pages.site_pages`)."""
    from .data import public_shared_files
    from .site import SiteInput
    from .site.downloads import ordered
    downloads: list = []
    _write(folder, "data", public_shared_files(), None, downloads)
    for i in public:
        plan_id = plans[i].plan.id
        _write(folder, "data", next(made), plan_id, downloads)
        _write(folder, "pdf", next(made), plan_id, downloads)
    _site(SiteInput([plans[i] for i in public], ordered(downloads), build_moment(plans), cache,
                    audience="public", progress=_pages_progress(loc), jobs=jobs), out,
          folder.parent, "public/site")


def _site(site, out: Path, generation: Path, name: str) -> None:
    """Build one site into ``generation/name``, or carry the published one over (hard links)
    when its :func:`~generator.site.site_key` is the key it was built with: recorded in
    ``<out>/.cache/site/`` with the generation that holds it, so a record of another
    generation, or of none, is a miss."""
    import json
    from . import buildfolder
    from .site import build_site, site_key
    record = out.resolve() / ".cache" / "site" / (name.replace("/", "-") + ".json")
    key = site_key(site)
    published = buildfolder.current(out)
    try:
        seen = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        seen = {}
    if (published is not None and seen.get("key") == key
            and seen.get("generation") == published.name and (published / name).is_dir()):
        target = generation / name
        if target.is_dir():
            target.rmdir()  # made empty for the step (never holds anything yet)
        target.parent.mkdir(parents=True, exist_ok=True)
        buildfolder._link_copy(published / name, target)
        LAST_SUMMARY.sites_reused += 1
        if site.progress is not None:
            site.progress.close()
        return
    kept, rendered = build_site(replace(site, page_cache=out.resolve() / ".cache" / "pages"),
                                generation / name)
    LAST_SUMMARY.sites_made += 1
    LAST_SUMMARY.pages_kept += kept
    LAST_SUMMARY.pages_rendered += rendered
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        tmp = record.with_suffix(".tmp")
        tmp.write_text(json.dumps({"key": key, "generation": generation.name}),
                       encoding="utf-8")
        os.replace(tmp, record)
    except OSError:
        pass


OUTPUTS = ("checks.json", "checks.md", *(step.folder for step in STEPS if step.folder))
"""The names a build puts at the top of ``build/``."""


def run_steps(plans: list[CheckedPlan], out: Path, only: list[str] | None = None,
              jobs: int | None = None, loc=None) -> Summary:
    """Run the build steps into a new generation of ``out`` and publish it whole
    (:func:`generator.buildfolder.publish`: under the folder's lock, by one rename).

    An :class:`OSError` on the way (disk full, a folder not writable) comes out as an
    :class:`~generator.errors.OutputError` naming its path."""
    global LAST_SUMMARY
    from . import buildfolder
    out = Path(out)
    selected = [name for name in STEP_NAMES if not only or name in only]
    jobs = jobs or os.cpu_count() or 1
    LAST_SUMMARY = summary = Summary()
    try:
        buildfolder.publish(out, OUTPUTS, lambda generation: _run(plans, out, generation,
                                                                   selected, jobs, loc))
        return summary
    except PlansiteError as exc:
        if not exc.hint:
            exc.hint = f"{out}/ was left as it was"
        raise
    except OSError as exc:
        raise os_error(exc, OutputError, fallback=out) from exc


def _printed(plans: list[CheckedPlan], strict: bool, loc, cache=None) -> list:
    """The problems of the plans as the build prints them, in ``loc``'s language: the checked
    plans' own (Korean, as the outputs show them), or the plans that have problems checked
    again in the other language (through ``cache``, a :class:`~generator.checkcache.
    CheckCache`, when given)."""
    if loc.lang == "ko":
        return [p for c in plans for p in c.problems]
    from .checkcache import check_cached
    from .loading import declared_id
    from .pipeline import duplicate_ids
    shared = duplicate_ids([declared_id(c.source) for c in plans], loc)  # across plans
    found = []
    for i, c in enumerate(plans):
        if c.problems:
            mine = check_cached(c.folder, strict, loc, cache).problems + shared.get(i, [])
            found += sorted(mine, key=lambda p: (p.file, p.line, p.col, p.rule))
    return found


def build(paths=None, out: str | Path = "build", strict: bool = False,
          only: list[str] | None = None, loc=None, jobs: int | None = None) -> int:
    """Check what the build needs, validate, and on success build every output; returns the exit
    code.  Raises :class:`~generator.errors.PlansiteError` for a problem outside the plans.

    ``loc`` is the language of what the build prints (its problems, hints and summary; default
    Korean); the outputs are the same in every language of the command line."""
    from .locale import get
    loc = loc or get("ko")
    check_setup(out, only, paths)
    from .checkcache import CheckCache, cache_root
    from .progress import Progress
    checks = CheckCache(cache_root(out))
    plans = check_all(paths, strict, jobs=jobs,  # in Korean: the report and the site show these
                      progress=Progress("check", 0, loc), cache=checks)
    if not plans:
        print(loc.gettext("no plans found (a plan is a folder holding plan.yaml)"),
              file=sys.stderr)
        return 1
    reused, checked = checks.hits, checks.misses
    problems = _printed(plans, strict, loc, checks)
    summary = summary_line(problems, loc)
    if any(not c.ok for c in plans):
        print(format_text(problems, loc), file=sys.stderr)
        print(loc.gettext("build stopped: {summary}; {out}/ was left as it was", summary=summary,
                          out=Path(out).as_posix()), file=sys.stderr)
        return 1
    if problems:
        print(format_text(problems, loc), file=sys.stderr)
    made = run_steps(plans, Path(out), only, jobs, loc)
    checks.flush()
    made.checks_reused, made.checks_made = reused, checked
    print(loc.gettext("built {plans} plan(s) into {out}/ ({summary})", plans=len(plans),
                      out=out, summary=summary))
    print(loc.gettext("plan checks: {reused} reused from the cache, {made} checked",
                      reused=reused, made=checked))
    if made.reused or made.made:
        print(loc.gettext("plan outputs: {reused} reused from the cache, {made} made",
                          reused=made.reused, made=made.made))
    if made.sites_reused or made.sites_made:
        print(loc.gettext("sites: {reused} unchanged and carried over, {made} built",
                          reused=made.sites_reused, made=made.sites_made))
    if made.pages_kept or made.pages_rendered:
        print(loc.gettext("pages of the sites built: {kept} unchanged and kept, "
                          "{rendered} rendered", kept=made.pages_kept,
                          rendered=made.pages_rendered))
    return 0
