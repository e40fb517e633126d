"""`kexie remind`: one reminder (催办) per department, sent where kexie.toml says, and recorded
as an urge entry on each task it names."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kexie_cli.core.controls import visible
from kexie_cli.options import AsOfOption, DataOption, PlanOption, WithinOption, checked_names

if TYPE_CHECKING:
    import datetime as dt

    from kexie_cli.channels.config import Config, Destination
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.remind import Digest


class Channel(StrEnum):
    STDOUT = "stdout"
    WECOM = "wecom"
    DINGTALK = "dingtalk"
    EMAIL = "email"


def remind(
    dept: Annotated[
        list[str] | None,
        typer.Option(
            "--dept", help="只催这些部室（可重复）", show_default=False, callback=checked_names
        ),
    ] = None,
    to: Annotated[
        Channel | None,
        typer.Option(
            "--to",
            metavar="WHERE",
            help="stdout wecom dingtalk email 之一（默认按 kexie.toml）",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只显示将发的内容，不发不记")] = False,
    force: Annotated[bool, typer.Option("--force", help="当天已催办的部室也再发")] = False,
    within: WithinOption = 30,
    as_of: AsOfOption = None,
    recorded_on: Annotated[
        str | None,
        typer.Option(
            "--recorded",
            metavar="YYYY-MM-DD",
            help="发出之日（默认今天）",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """催办：每个牵头部室一条提醒（逾期、滞后、即将到期、未报填报表、待审批、待落实批示）。

    按计划文件旁的 kexie.toml 发往企业微信、钉钉群机器人或邮箱，密钥只从环境变量读取。
    发出的提醒记入所列任务的督办记录；同一部室当天不重发，除非 --force。
    """
    import datetime as dt

    from kexie_cli.channels.config import load
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.remind import digest, sent_on
    from kexie_cli.plans.load import open_plan
    from kexie_cli.record_options import parse_recorded

    sent_day = parse_recorded(recorded_on)  # before anything is sent
    loaded = open_plan(data, plan)
    chosen = loaded.plan
    if not isinstance(chosen, TasksPlan):
        raise KexieError(f"{chosen.plan.title}是工作要点，没有任务可催办")
    when = as_of or dt.date.today()
    config = load(loaded.path.parent)
    work = []
    for name, names in _departments(chosen, dept or []):
        found = digest(chosen, name, names, when, within)
        if found.empty:
            typer.echo(visible(f"{name}：无需催办"), err=True)
        elif sent_on(chosen, name, when) and not force and not dry_run:
            typer.echo(
                visible(f"{name}：{when.isoformat()} 已催办，不再发送（重发加 --force）"), err=True
            )
        else:
            work.append((found, config.destination(name, to.value if to else None)))
    if dry_run:  # no secret needed to see what would be sent
        for found, destination in work:
            _preview(found, destination)
        return
    secrets = [_secrets(config, d, found.dept) for found, d in work]  # all checked first
    sent, failed = _send_all(work, secrets)
    _record(loaded.path, sent, when, sent_day)
    for line in failed:
        typer.echo(visible(f"未送达：{line}"), err=True)
    if failed:
        raise KexieError(f"{len(failed)} 个部室的催办未送达，已送达的 {len(sent)} 个已记录")


def _departments(plan: TasksPlan, wanted: list[str]) -> list[tuple[str, set[str]]]:
    from kexie_cli.core.forms import lead_departments, spellings
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.remind import departments

    if not wanted:
        return departments(plan)
    found = []
    for query in wanted:
        names = spellings(plan, query)
        if not names:
            existing = "、".join(lead_departments(plan))
            raise KexieError(f"没有名为 {query} 的部室；现有：{existing}")
        found.append((query.strip(), names))
    return found


def _secrets(config: Config, destination: Destination, dept: str) -> dict[str, str | None]:
    """The values the destination needs, read from the variables named; one missing: exit 2."""
    from kexie_cli.channels.config import secret

    where = f"{config.path.name} 中 {dept} 的"
    if destination.channel in ("wecom", "dingtalk"):
        found = {"url": secret(destination.webhook_env or "", where + " webhook_env")}
        if destination.secret_env:
            found["secret"] = secret(destination.secret_env, where + " secret_env")
        return found
    if destination.channel == "email":
        mail = destination.mail
        user = secret(mail.user_env, "[email] user_env") if mail.user_env else None
        word = secret(mail.password_env, "[email] password_env") if mail.password_env else None
        return {"user": user, "password": word}
    return {}


def _preview(found: Digest, destination: Destination) -> None:
    """What would be sent, secrets left out: the text, or each robot message as JSON."""
    from kexie_cli.channels.robots import DINGTALK_LIMIT, WECOM_LIMIT
    from kexie_cli.output.remind import digest_text, plain_text, split_text, title

    text = digest_text(found)
    typer.echo(visible(f"== {found.dept} → {destination.channel} =="))
    if destination.channel == "wecom":
        for piece in split_text(text, WECOM_LIMIT):
            _echo_json({"msgtype": "markdown", "markdown": {"content": piece}})
    elif destination.channel == "dingtalk":
        for piece in split_text(text, DINGTALK_LIMIT):
            _echo_json({"msgtype": "markdown", "markdown": {"title": title(found), "text": piece}})
    else:
        if destination.channel == "email":
            typer.echo(visible(f"收件人：{', '.join(destination.mail_to)}"))
        typer.echo(visible(plain_text(text)))
    typer.echo("")


def _echo_json(payload: dict[str, Any]) -> None:
    typer.echo(visible(json.dumps(payload, ensure_ascii=False, indent=2)))


def _send_all(
    work: list[tuple[Digest, Destination]], secrets: list[dict[str, Any]]
) -> tuple[list[tuple[Digest, str]], list[str]]:
    """Each digest sent; those delivered (with their channel), and a line for each not."""
    from kexie_cli.channels import mail, robots
    from kexie_cli.output.remind import digest_text, plain_text, title

    sent, failed = [], []
    for (found, destination), given in zip(work, secrets, strict=True):
        text, channel = digest_text(found), destination.channel
        where = f"{found.dept}（{channel}）"
        try:
            if channel == "wecom":
                robots.wecom(given["url"], text, where)
            elif channel == "dingtalk":
                robots.dingtalk(given["url"], text, title(found), given.get("secret"), where)
            elif channel == "email":
                mail.send(
                    destination.mail,
                    destination.mail_to,
                    title(found),
                    text,
                    given["user"],
                    given["password"],
                    where,
                )
            else:
                typer.echo(visible(plain_text(text)) + "\n")
        except robots.Undelivered as exc:
            failed.append(str(exc))
            continue
        if channel != "stdout":
            typer.echo(visible(f"已发送：{where}，{len(found.task_ids)} 项任务"))
        sent.append((found, channel))
    return sent, failed


def _record(
    path: Any, sent: list[tuple[Digest, str]], when: dt.date, sent_day: dt.date | None
) -> None:
    """Every digest delivered, as an urge entry on each task it names: one write; dated the
    as-of date, recorded on `sent_day` (None: today)."""
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.requests import UrgeRequest
    from kexie_cli.plans.save import save_updates

    requests = [
        UrgeRequest(task_id, found.dept, channel, date=when, recorded=sent_day)
        for found, channel in sent
        for task_id in found.task_ids
    ]
    if not requests:
        return
    try:
        save_updates(path, list(requests))
    except KexieError as exc:  # sent, though: say so, or the next run would send it again
        depts = "、".join(found.dept for found, _ in sent)
        raise KexieError(f"已发送（{depts}），但未能记入督办记录：{exc}") from None
