"""A digest by e-mail, received by an SMTP server the test starts (aiosmtpd)."""

from __future__ import annotations

import email
import email.policy

import pytest

from kexie_cli.channels import mail
from kexie_cli.channels.config import Mail
from kexie_cli.channels.robots import Undelivered
from tests.channels.servers import Mailbox, free_port


def test_the_mail_arrives_with_subject_recipients_and_text():
    with Mailbox() as box:
        settings = Mail("127.0.0.1", box.port, False, "office@example.cn")
        mail.send(
            settings,
            ("kepu@example.cn",),
            "普及部督办提醒",
            "**逾期**\n- 3. 任务",
            None,
            None,
            "普及部",
        )
    (envelope,) = box.messages
    assert envelope.rcpt_tos == ["kepu@example.cn"]
    assert envelope.mail_from == "office@example.cn"
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert str(message["Subject"]) == "普及部督办提醒"
    assert message.get_content().replace("\r\n", "\n") == "逾期\n- 3. 任务\n"


def test_no_server_is_undelivered_after_bounded_tries():
    settings = Mail("127.0.0.1", free_port(), False, "office@example.cn")
    waits: list[float] = []
    with pytest.raises(Undelivered) as caught:
        mail.send(
            settings, ("a@b.cn",), "s", "t", None, "PASSWORD", "普及部", tries=2, pause=waits.append
        )
    assert len(waits) == 1 and "PASSWORD" not in str(caught.value)
