"""`kexie.toml` beside the plans: where each department's reminders go.

    [departments."组宣部"]
    to = "wecom"                       # wecom | dingtalk | email | stdout
    webhook_env = "KEXIE_WECOM_ZUXUAN" # the variable holding the robot's URL
    [departments."学会部"]
    to = "dingtalk"
    webhook_env = "KEXIE_DING_XUEHUI"
    secret_env = "KEXIE_DING_XUEHUI_SECRET"  # the robot's 加签 secret (signed mode)
    [departments."科普部"]
    to = "email"
    mail_to = ["kepu@example.cn"]
    [email]
    host = "smtp.example.cn"
    port = 587
    starttls = true
    from = "office@example.cn"
    user_env = "KEXIE_SMTP_USER"
    password_env = "KEXIE_SMTP_PASSWORD"
    cafile = "/etc/kexie/ca.pem"       # optional: a CA to trust for STARTTLS

Only names of variables are written here; their values are read when a reminder is sent.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_cli.core.problems import KexieError, unreadable_settings

CHANNELS = ("stdout", "wecom", "dingtalk", "email")
NAME = "kexie.toml"


@dataclass(frozen=True)
class Mail:
    host: str = "localhost"
    port: int = 25
    starttls: bool = False
    sender: str = ""
    user_env: str | None = None
    password_env: str | None = None
    cafile: str | None = None  # a CA file to trust beside the system's (a private server)


@dataclass(frozen=True)
class Destination:
    channel: str
    webhook_env: str | None = None
    secret_env: str | None = None
    mail_to: tuple[str, ...] = ()
    mail: Mail = field(default_factory=Mail)


@dataclass(frozen=True)
class Config:
    path: Path
    departments: dict[str, dict[str, Any]]
    mail: Mail

    def destination(self, dept: str, channel: str | None) -> Destination:
        """Where the department's digest goes: `channel` (--to) or its own, else stdout."""
        own = self.departments.get(dept, {})
        chosen = channel or own.get("to", "stdout")
        if chosen not in CHANNELS:
            raise KexieError(
                f"{self.path}: {dept} 的 to = {chosen!r} 无效，应为 {'、'.join(CHANNELS)}"
            )
        found = Destination(
            chosen,
            own.get("webhook_env"),
            own.get("secret_env"),
            tuple(own.get("mail_to", ())),
            self.mail,
        )
        needs = {"wecom": "webhook_env", "dingtalk": "webhook_env", "email": "mail_to"}
        if chosen in needs and not getattr(found, needs[chosen]):
            raise KexieError(f"{self.path}: {dept} 发往 {chosen}，但未配置 {needs[chosen]}")
        return found


def load(folder: Path) -> Config:
    """The configuration beside the plans; none there: every digest to stdout."""
    path = folder / NAME
    if not path.exists():
        return Config(path, {}, Mail())
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise unreadable_settings(path, exc) from None
    depts = data.get("departments", {})
    mail = data.get("email", {})
    if not isinstance(depts, dict) or not all(isinstance(v, dict) for v in depts.values()):
        raise KexieError(f'{path}: departments 应为表，如 [departments."组宣部"]')
    if not isinstance(mail, dict):
        raise KexieError(f"{path}: email 应为表 [email]")
    try:
        settings = Mail(
            str(mail.get("host", "localhost")),
            int(mail.get("port", 25)),
            bool(mail.get("starttls", False)),
            str(mail.get("from", "")),
            mail.get("user_env"),
            mail.get("password_env"),
            mail.get("cafile"),
        )
    except (TypeError, ValueError):
        raise KexieError(f"{path}: [email] 的 port 应为整数") from None
    return Config(path, depts, settings)


def secret(variable: str, where: str) -> str:
    """The value of an environment variable the configuration names; never printed."""
    value = os.environ.get(variable, "")
    if not value:
        raise KexieError(f"环境变量 {variable} 未设置（{where}）")
    return value
