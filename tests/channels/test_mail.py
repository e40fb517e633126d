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


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for 127.0.0.1, made by the openssl command."""
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return key, cert


def _server_context(key, cert):
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def test_starttls_and_login_over_it(certificate):
    key, cert = certificate
    with Mailbox(_server_context(key, cert), login=("office", "pw")) as box:
        settings = Mail("127.0.0.1", box.port, True, "office@example.cn", cafile=str(cert))
        mail.send(settings, ("a@b.cn",), "主题", "正文", "office", "pw", "普及部")
    assert box.logins == [("office", "pw")] and len(box.messages) == 1


def test_an_untrusted_certificate_is_refused_and_nothing_sent(certificate):
    key, cert = certificate
    with Mailbox(_server_context(key, cert)) as box:
        settings = Mail("127.0.0.1", box.port, True, "office@example.cn")  # no cafile
        with pytest.raises(Undelivered, match="SSLCertVerificationError"):
            mail.send(settings, ("a@b.cn",), "s", "t", None, None, "普及部", tries=1)
    assert box.messages == []
