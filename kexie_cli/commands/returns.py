"""`kexie import progress`: returned forms read, judged and recorded, each file all or nothing.

The forms that are sound are recorded (one write per plan file); every problem of the others
is listed as FILE:SHEET!CELL, and the command then exits 2 saying which landed.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer

from kexie_cli.core.controls import visible


def form_files(paths: list[Path]) -> list[Path]:
    """The files named, a folder's .xlsx files for a folder (Excel's own ~$ lock files left out)."""
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.glob("*.xlsx") if not p.name.startswith("~$"))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def read_forms(files: list[Path]) -> tuple[list, dict[str, list[str]]]:
    """The forms read, and the problems of each file that could not be."""
    from kexie_cli.importers.returned_form import read_form
    from kexie_cli.importers.safe_open import read_received

    forms, refused = [], {}
    for file in files:
        try:
            content = read_received(file)  # never /dev/zero whole
        except OSError as exc:
            refused[str(file)] = [f"{file}: 无法读取（{exc.strerror or exc}）"]
            continue
        except ValueError as exc:
            refused[str(file)] = [f"{file}: {exc}"]
            continue
        form, found = read_form(content, str(file))
        if found:
            refused[str(file)] = found
        elif form is not None:
            forms.append(form)
    return forms, refused


def record_forms(
    forms: list,
    refused: dict[str, list[str]],
    data: Path | None,
    day: dt.date | None,
    by: str | None,
    force: bool,
    dry_run: bool,
    as_json: bool = False,
) -> None:
    """Judge every form against its plan; write each plan once with the sound forms; list
    every problem of the others, then exit 2 if any file was refused. `as_json`: what was
    (or, on a dry run, would be) recorded as one object on stdout instead of lines."""
    from kexie_cli.core.form_return import plan_return
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.plans.load import open_plan
    from kexie_cli.plans.save import save_updates

    if not forms and not refused:
        raise KexieError("没有要导入的填报表（.xlsx）")
    by_year: dict[int, list] = {}
    for form in forms:
        by_year.setdefault(form.year, []).append(form)
    work = []
    for year, group in sorted(by_year.items()):
        loaded = open_plan(data, year)
        if not isinstance(loaded.plan, TasksPlan) or loaded.plan.year != year:
            for f in group:
                refused[f.file] = [f"{f.origin}: 找不到这份表格的计划（{year} 年《{f.title}》）"]
            continue
        reported = _reported_by(data, loaded.path)
        judged = plan_return(loaded.plan, group, force=force, by=by, date=day, reported=reported)
        refused |= judged.refused
        work.append((loaded.path, [f for f in group if f.file not in refused], judged))
    accepted = [form for _, group, _ in work for form in group]
    shown = [
        (form, next(j for _, g, j in work if form in g).lines.get(form.file, ["无内容可登记"]))
        for form in accepted
    ]
    for form, lines in [] if as_json else shown:
        typer.echo(visible(f"{form.file}（{form.dept}）："))
        for line in lines:
            typer.echo(visible(f"  {line}"))
    count = sum(len(judged.updates) for _, _, judged in work)
    written = []
    if dry_run:
        said = f"试运行：将登记 {count} 条，未写入"
    elif count == 0 and accepted:
        said = "没有新内容，未写入"
    else:
        for path, _, judged in work:
            if judged.updates:
                save_updates(path, judged.updates)
                written.append({"file": str(path), "entries": len(judged.updates)})
        said = "\n".join(f"已写入 {w['file']}：{w['entries']} 条" for w in written)
    if as_json:
        _json(shown, count, dry_run, written, refused, said)
    elif said:
        typer.echo(visible(said))
    _refuse(refused, accepted, dry_run or count == 0)


def _reported_by(data: Path | None, path: Path):
    """Who reports each figure into the plan at `path` from another plan (`reports_to`):
    `progress` refuses such a figure (commands/recording.py), and so does a form."""
    from kexie_cli.plans.files import plan_files, resolve_data
    from kexie_cli.plans.load import load_plans
    from kexie_cli.plans.tree import flows_into

    loaded, _ = load_plans(plan_files(resolve_data(data)))
    return lambda task, key, place: flows_into(loaded, path, task, key, place)


def _json(shown: list, count: int, dry_run: bool, written: list, refused: dict, said: str) -> None:
    from kexie_cli.output.text import json_text

    forms = [{"file": f.file, "dept": f.dept, "lines": lines} for f, lines in shown]
    data = {"forms": forms, "entries": count, "dry_run": dry_run, "written": written}
    data |= {"refused": refused, "summary": said}
    typer.echo(json_text(data), nl=False)


def _refuse(refused: dict[str, list[str]], accepted: list, unwritten: bool) -> None:
    """Every problem on its own line, then one line saying what was (not) written."""
    from kexie_cli.core.problems import KexieError

    if not refused:
        return
    problems = [line for lines in refused.values() for line in lines]
    for line in problems:
        print(visible(line), file=sys.stderr)
    if not accepted or unwritten:
        raise KexieError(f"共 {len(problems)} 处问题，未写入任何文件")
    raise KexieError(
        f"共 {len(problems)} 处问题，{len(refused)} 份表格未导入；"
        f"其余 {len(accepted)} 份已照常登记（见上）"
    )
