"""`kexie forms --status`: each department, its tasks, its latest entry, whether it has reported."""

from __future__ import annotations

import datetime as dt

from kexie_cli.core.forms import Reporting
from kexie_cli.output.views import Column, Table, View

_COLUMNS = (
    Column("dept", "部室"),
    Column("lead", "牵头", "number"),
    Column("support", "配合", "number"),
    Column("last", "最近登记"),
    Column("reported", "已报"),
)


def status_view(rows: list[Reporting], since: dt.date, orgs: list[str] | None = None) -> View:
    """`orgs`: of several organisations, each row's (a column and a key of its own)."""
    data = {
        "since": since.isoformat(),
        "departments": [
            {
                "dept": r.dept,
                "lead": r.lead,
                "support": r.support,
                "last": r.last.isoformat() if r.last else None,
                "reported": r.reported,
            }
            for r in rows
        ],
    }
    cells = [
        {
            "dept": r.dept,
            "lead": r.lead,
            "support": r.support,
            "last": r.last.isoformat() if r.last else "—",
            "reported": "是" if r.reported else "否",
        }
        for r in rows
    ]
    columns = _COLUMNS
    if orgs is not None:  # the same department name in two organisations: told apart
        columns = (Column("org", "组织"), *columns)
        for row, cell, org in zip(data["departments"], cells, orgs, strict=True):
            row["org"] = cell["org"] = org
    tag = [f"{o} " for o in orgs] if orgs is not None else [""] * len(rows)
    missing = [t + r.dept for r, t in zip(rows, tag, strict=True) if not r.reported]
    caption = f"{since.isoformat()} 以来未报：{'、'.join(missing)}" if missing else "均已报送"
    table = Table(columns, cells, title=f"填报情况（{since.isoformat()} 以来）", caption=caption)
    return View(data, (table,))
