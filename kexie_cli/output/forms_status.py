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


def status_view(rows: list[Reporting], since: dt.date) -> View:
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
    missing = [r.dept for r in rows if not r.reported]
    caption = f"{since.isoformat()} 以来未报：{'、'.join(missing)}" if missing else "均已报送"
    table = Table(_COLUMNS, cells, title=f"填报情况（{since.isoformat()} 以来）", caption=caption)
    return View(data, (table,))
