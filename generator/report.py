"""The check report: every check that ran, what it compared and its result.

Written by ``plansite build`` as ``build/checks.json`` (for tools) and ``build/checks.md`` (for
people).  The site renders the same records.
"""

from __future__ import annotations

import json
from pathlib import Path

from .checks.base import RULES, CheckResult
from .locale.words import as_data, word
from .locale import Locale, get
from .model import text_key
from .pipeline import CheckedPlan
from .problems import summary_line, translation_line


def result_record(checked: CheckedPlan, res: CheckResult, loc: Locale) -> dict:
    """A check result as plain data, located at its file, line and column: what it compared,
    worded in the locale's language, and the typed values it compared (``values``)."""
    name, pos, ypath = checked.source.locate(res.path)
    return {
        "rule": res.rule,
        "title": RULES[res.rule].title,
        "file": name,
        "line": pos.line,
        "col": pos.col,
        "path": ypath,
        "subject": word(res.subject, loc),
        "expected": word(res.expected, loc),
        "found": word(res.found, loc),
        "result": "pass" if res.ok else res.severity,
        "message": word(res.message, loc),
        "hint": word(res.hint, loc),
        "follows_from": res.follows_from,
        "values": {"subject": as_data(res.subject), "expected": as_data(res.expected),
                   "found": as_data(res.found)},
    }


def plan_report(checked: CheckedPlan, loc: Locale | None = None) -> dict:
    """One plan's report: its rules with their results, and the problem summary.  Everything a
    page shows of a plan's checks (the check page, the budget page's verification) is here."""
    loc = loc or get("ko")
    records = [result_record(checked, r, loc) for r in checked.results]
    rules = []
    for rule_id, rule in RULES.items():
        mine = [r for r in records if r["rule"] == rule_id]
        rules.append({
            "rule": rule_id, "title": rule.title, "severity": rule.severity,
            "description": rule.doc, "checked": len(mine),
            "passed": sum(r["result"] == "pass" for r in mine),
            "results": mine,
        })
    return {
        "plan": checked.plan.id,
        "summary": summary_line(checked.problems, loc),
        "errors": sum(p.severity == "error" for p in checked.problems),
        "warnings": sum(p.severity == "warning" for p in checked.problems),
        "checks": len(records),
        "translations": [translation_record(status) for status in checked.translations.values()],
        "rules": rules,
        "problems": [p.to_dict() for p in checked.problems],
    }


def translation_record(status) -> dict:
    """How far a plan is translated into one language, with every stale or missing text at
    its place (see :mod:`generator.translations`)."""
    return {**status.as_data(),
            "stale_texts": [_text_place(t) for t in status.stale],
            "missing_texts": [_text_place(t) for t in status.missing]}


def _text_place(t) -> dict:
    return {"file": t.file, "line": t.line, "korean": text_key(t.text), "english": t.english,
            "previous": t.previous}


def _md_cell(text: str) -> str:
    """Plan text in a Markdown table cell: shown as text, never as markup."""
    from . import mdescape  # markupsafe: not for validate's status line
    return str(mdescape.text(text))


def result_word(result: str, loc: Locale) -> str:
    """A record's result (``pass``, ``error``, ``warning``) in the locale's language."""
    if result == "pass":
        return loc.gettext("passed")
    return loc.gettext("error") if result == "error" else loc.gettext("warning")


def markdown_report(reports: list[dict], loc: Locale | None = None) -> str:
    """The report as Markdown tables, one per rule, for people (its words in ``loc``'s
    language, default Korean, as the reports' records are)."""
    loc = loc or get("ko")
    return "\n".join([_markdown_head(loc)] + [_markdown_plan(rep, loc) for rep in reports])


def _markdown_head(loc: Locale) -> str:
    return f"# {loc.gettext('Check report (in both languages)')}\n"


def _markdown_plan(rep: dict, loc: Locale) -> str:
    """One plan's part of the Markdown report."""
    header = [loc.gettext("Result"), loc.gettext("Where"), loc.gettext("Subject"),
              loc.gettext("Expected"), loc.gettext("Found")]
    out = [f"## {_md_cell(rep['plan'])}", "",
           loc.gettext("{checks} checks: {summary}.", checks=rep["checks"],
                       summary=rep["summary"]), ""]
    for status in rep["translations"]:
        out += [_md_cell(translation_line(status, loc)), ""]
        for kind, label in (("stale_texts", loc.gettext("stale")),
                            ("missing_texts", loc.gettext("missing"))):
            out += [f"- {_md_cell(label)}: `{t['file']}:{t['line']}` {_md_cell(t['korean'])}"
                    for t in status[kind]]
        out += [""] if status["stale_texts"] or status["missing_texts"] else []
    for rule in rep["rules"]:
        out += [f"### {_md_cell(rule['title'])} (`{rule['rule']}`)", "",
                _md_cell(rule["description"]), "",
                loc.gettext("{passed} of {checked} passed.", passed=rule["passed"],
                            checked=rule["checked"]), ""]
        if rule["results"]:
            out += ["| " + " | ".join(header) + " |", "|---|---|---|---|---|"]
            for r in rule["results"]:
                out.append("| " + " | ".join(_md_cell(x) for x in (
                    result_word(r["result"], loc), f"{r['file']}:{r['line']}:{r['col']}",
                    r["subject"], r["expected"], r["found"])) + " |")
            out.append("")
    return "\n".join(out)


REPORT_VERSION = "plansite-report-part-1"


def _part_key(checked: CheckedPlan) -> str | None:
    """The key of a plan's share of the report: its check result's key and its problems
    (those found across plans, e.g. a shared id, are added after the check), or None."""
    if checked.check_key is None:
        return None
    import hashlib
    from .digest import framed
    problems = json.dumps([p.to_dict() for p in checked.problems], ensure_ascii=False,
                          sort_keys=True)
    h = hashlib.sha256(REPORT_VERSION.encode("ascii"))
    framed(h, checked.check_key.encode("ascii"), problems.encode("utf-8"))
    return h.hexdigest()


def _json_plan(rep: dict) -> str:
    """One plan's record as ``json.dumps({"plans": [...]}, indent=2)`` writes it in the list."""
    return "    " + json.dumps(rep, ensure_ascii=False, indent=2).replace("\n", "\n    ")


def write_reports(plans: list[CheckedPlan], out: Path, parts: Path | None = None) -> None:
    """Build step: ``checks.json`` and ``checks.md`` at the top of build/ (in Korean, as plans
    are).  ``parts``: a folder keeping each plan's share of both files by :func:`_part_key`,
    so that an unchanged plan's records are not made and written out again; the files are the
    same with it or without."""
    from .checkcache import PickleStore
    loc = get("ko")
    store = PickleStore(Path(parts)) if parts is not None else None
    shares = []
    for checked in plans:
        k = _part_key(checked) if store is not None else None
        share = store.get(k) if k is not None else None
        if share is None:
            rep = plan_report(checked, loc)
            share = (_json_plan(rep), _markdown_plan(rep, loc))
            if k is not None:
                store.put(k, share)
        shares.append(share)
    if store is not None:
        store.flush()
    body = ",\n".join(j for j, _ in shares)
    (out / "checks.json").write_text(
        ('{\n  "plans": [\n' + body + "\n  ]\n}" if shares else '{\n  "plans": []\n}') + "\n",
        encoding="utf-8")
    (out / "checks.md").write_text("\n".join([_markdown_head(loc)] + [m for _, m in shares])
                                   + "\n", encoding="utf-8")
