"""The ``plansite`` command: a thin layer over the library."""

from __future__ import annotations

import argparse
import gc
import sys

from .steps import STEP_NAMES
from .errors import OutputError, PlansiteError, os_error
from .locale import LANGUAGES, get as get_locale
from .problems import FORMATTERS, summary_line, translation_line
from .scaffold import KINDS


def _cmd_validate(args) -> int:
    from .verdicts import iter_verdicts, verdict_store
    gc.freeze()  # the modules' objects never die; sparing the collector them saves ~8% a plan
    loc = get_locale(args.lang)
    problems, plans, checks, failed, translations = [], 0, 0, False, []
    for verdict in iter_verdicts(args.plans or None, args.strict, args.jobs, loc,
                                 verdict_store()):
        plans += 1
        translations += [(verdict.plan_id, s) for s in verdict.translations]
        checks += verdict.checks
        failed |= not verdict.ok
        problems += verdict.problems
    if not plans:
        print(loc.gettext("no plans found (a plan is a folder holding plan.yaml)"),
              file=sys.stderr)
        return 1
    text = FORMATTERS[args.format](problems, loc)
    if text:
        print(text)
    if args.format == "text":
        for plan_id, status in translations:  # a plan with no catalog yet says so too
            print(_status_line(loc, plan_id, status), file=sys.stderr)
        print(loc.gettext("{plans} plan(s), {checks} check(s): {summary}", plans=plans,
                          checks=checks, summary=summary_line(problems, loc)), file=sys.stderr)
    return 1 if failed else 0


def _status_line(loc, plan_id: str, status: dict) -> str:
    return f"{plan_id}: {translation_line(status, loc)}"


def _cmd_translate(args) -> int:
    from .pipeline import check_folder, plan_folders
    from .problems import format_text
    from .translations import update
    loc = get_locale(args.lang)
    folders = plan_folders(args.plans or None)
    if not folders:
        print(loc.gettext("no plans found (a plan is a folder holding plan.yaml)"),
              file=sys.stderr)
        return 1
    failed = False
    for folder in folders:
        checked = check_folder(folder, loc=loc)
        if checked.plan is None:
            failed = True
            print(format_text(checked.problems, loc), file=sys.stderr)
            continue
        status, changed = update(checked, args.to)
        line = _status_line(loc, checked.plan.id, status.as_data())
        if changed:
            line += " · " + loc.gettext("updated {path}", path=str(
                (folder / "translations" / f"{args.to}.po")))
        print(line)
    return 1 if failed else 0


def _cmd_build(args) -> int:
    from .build import build
    return build(args.plans or None, args.out, args.strict, args.only,
                 loc=get_locale(args.lang), jobs=args.jobs)


def _cmd_new(args) -> int:
    from .scaffold import new_plan
    return new_plan(args.plan_id, args.root, args.year, args.kind)


def _cmd_serve(args) -> int:
    from .site import serve
    return serve(args.dev_addr)


def _jobs(text: str) -> int:
    """``--jobs``: a whole number from 1 to :data:`generator.limits.MAX_JOBS` (argparse prints
    the error, in the language of ``--lang``, and exits 2)."""
    from .limits import MAX_JOBS
    value = text.strip()
    if value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_JOBS:
        return int(value)
    raise argparse.ArgumentTypeError(get_locale(_ARGV_LANG[0]).gettext(
        "{value} is not a number of processes: write a whole number from 1 to {most}",
        value=repr(text), most=MAX_JOBS))


_ARGV_LANG = [LANGUAGES[0]]
"""The language of ``--lang`` in the command line being parsed (for argparse's errors)."""


def _argv_lang(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in LANGUAGES:
            return value
    return LANGUAGES[0]


def _lang_option(command: argparse.ArgumentParser, what: str, _) -> None:
    command.add_argument("--lang", choices=LANGUAGES, default=LANGUAGES[0],
                         help=_("{what}: ko or en (default: ko)", what=what))


ARGPARSE_WORDS = (
    "usage: ", "positional arguments", "options", "show this help message and exit",
    "%(prog)s: error: %(message)s\n", "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s", "unrecognized arguments: %s",
    "invalid choice: %(value)r (choose from %(choices)s)", "invalid %(type)s value: %(value)r",
    "expected one argument", "expected at most one argument", "expected at least one argument",
    "ambiguous option: %(option)s could match %(matches)s", "not allowed with argument %s",
    "ignored explicit argument %r",
)
"""argparse's own words that a user meets, as argparse writes them: messages of the interface
catalog (:func:`generator.locale.extract.used_messages` takes them from here)."""


def _speak_argparse(loc) -> None:
    """argparse's own words (``usage:``, ``options``, its errors) in the locale's language:
    argparse looks them up through its module's ``_`` at the time it writes them."""
    words = {text: loc.message(text) for text in ARGPARSE_WORDS}
    argparse._ = lambda text: words.get(text, text)


def parser() -> argparse.ArgumentParser:
    """The command line, its help in the language of ``--lang`` (Korean unless it says en)."""
    loc = get_locale(_ARGV_LANG[0])
    _ = loc.gettext
    _speak_argparse(loc)
    ap = argparse.ArgumentParser(
        prog="plansite",
        description=_("Check annual work plans written as YAML and publish them as sites and PDFs."))
    sub = ap.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help=_("check plans and print every problem with file:line:col"))
    v.add_argument("plans", nargs="*", help=_("plan folders, or folders of plans (default: plan/)"))
    v.add_argument("--format", choices=sorted(FORMATTERS), default="text",
                   help=_("text (default), json, or github (workflow annotations)"))
    v.add_argument("--strict", action="store_true", help=_("treat warnings as errors"))
    v.add_argument("--jobs", type=_jobs, default=None,
                   help=_("processes for many plans, 1 to 64 (default: one per core)"))
    _lang_option(v, _("the language of the problems and hints printed"), _)
    v.set_defaults(func=_cmd_validate)

    b = sub.add_parser("build", help=_("check, then build every output into build/"))
    b.add_argument("plans", nargs="*", help=_("plan folders (default: plan/)"))
    b.add_argument("--out", default="build", help=_("output folder (default: build)"))
    b.add_argument("--strict", action="store_true", help=_("treat warnings as errors"))
    b.add_argument("--only", action="append", choices=STEP_NAMES,
                   help=_("build only these outputs (repeatable)"))
    b.add_argument("--jobs", type=_jobs, default=None,
                   help=_("processes checking plans and rendering PDFs, 1 to 64 "
                        "(default: one per core)"))
    _lang_option(b, _("the language of the problems printed (the outputs are the same in either)"), _)
    b.set_defaults(func=_cmd_build)

    n = sub.add_parser("new", help=_("scaffold a new plan folder with every part explained"))
    n.add_argument("plan_id", help=_("the new plan's id (lowercase, digits, hyphens)"))
    n.add_argument("--root", default="plan", help=_("where plans live (default: plan/)"))
    n.add_argument("--year", type=int, default=None,
                   help=_("the plan year (default: a year named in the id, else this year)"))
    n.add_argument("--kind", choices=KINDS, default=KINDS[0],
                   help=_("the kind of document: annual (an annual work plan, the default), "
                        "event (an event plan), grant (a grant plan) or notice (a notice sent "
                        "out, with its addressee and sender)"))
    n.set_defaults(func=_cmd_new)

    t = sub.add_parser("translate", help=_("add the plans' new texts to their translation "
                       "catalogs (translations/en.po), mark changed ones stale, report status"))
    t.add_argument("plans", nargs="*", help=_("plan folders (default: plan/)"))
    t.add_argument("--to", choices=["en"], default="en",
                   help=_("the language translated into (default: en)"))
    _lang_option(t, _("the language of the messages printed"), _)
    t.set_defaults(func=_cmd_translate)

    s = sub.add_parser("serve", help=_("preview the site with live reload"))
    s.add_argument("--dev-addr", default="127.0.0.1:8000", help=_("address to serve on"))
    s.set_defaults(func=_cmd_serve)
    return ap


WRITES = {"build", "new", "translate"}
"""The commands that write files: an OSError in them is an output that could not be written."""


def main(argv: list[str] | None = None) -> int:
    """Run a command; a problem outside the plans is one located line and a hint, exit 1."""
    _ARGV_LANG[0] = _argv_lang(sys.argv[1:] if argv is None else argv)
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except PlansiteError as exc:
        error = exc
    except OSError as exc:
        error = os_error(exc, OutputError if args.command in WRITES else PlansiteError)
    except KeyboardInterrupt:
        return 130
    print(error.format(get_locale(getattr(args, "lang", None) or LANGUAGES[0])),
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
