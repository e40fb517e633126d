"""A digest by e-mail (smtplib), STARTTLS where the configuration asks, retried like a robot."""

from __future__ import annotations

import smtplib
import ssl
import time
from collections.abc import Callable
from email.message import EmailMessage

from kexie_cli.channels.config import Mail
from kexie_cli.channels.robots import BACKOFF, TIMEOUT, TRIES, Undelivered
from kexie_cli.output.remind import plain_text


def send(
    settings: Mail,
    to: tuple[str, ...],
    subject: str,
    text: str,
    user: str | None,
    password: str | None,
    where: str,
    tries: int = TRIES,
    pause: Callable[[float], None] = time.sleep,
) -> None:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = settings.sender or (user or "kexie@localhost")
    message["To"] = ", ".join(to)
    message.set_content(plain_text(text))
    why = ""
    for attempt in range(tries):
        if attempt:
            pause(BACKOFF * 2 ** (attempt - 1))
        try:
            with smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT) as server:
                if settings.starttls:  # the certificate and host name verified
                    server.starttls(context=ssl.create_default_context(cafile=settings.cafile))
                if user and password:
                    server.login(user, password)
                server.send_message(message)
            return
        except smtplib.SMTPResponseException as exc:
            why = f"SMTP {exc.smtp_code}"
        except (smtplib.SMTPException, OSError) as exc:
            why = type(exc).__name__
    raise Undelivered(f"{where}：{tries} 次均未送达（{why}）")
