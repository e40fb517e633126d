"""kexie.toml read: each department's destination, what is missing said in one line, and a
secret read only from the variable named."""

from __future__ import annotations

import pytest

from kexie_cli.channels.config import load, secret
from kexie_cli.core.problems import KexieError


def test_no_file_sends_everything_to_stdout(tmp_path):
    assert load(tmp_path).destination("组宣部", None).channel == "stdout"


def test_each_department_its_own_destination_and_to_overrides(tmp_path):
    (tmp_path / "kexie.toml").write_text(
        '[departments."组宣部"]\nto = "wecom"\nwebhook_env = "W"\n'
        '[email]\nhost = "mail.example.cn"\nport = 587\nstarttls = true\n',
        encoding="utf-8",
    )
    config = load(tmp_path)
    found = config.destination("组宣部", None)
    assert (found.channel, found.webhook_env) == ("wecom", "W")
    assert config.destination("组宣部", "stdout").channel == "stdout"
    assert (config.mail.host, config.mail.port, config.mail.starttls) == (
        "mail.example.cn",
        587,
        True,
    )
    with pytest.raises(KexieError, match="学会部 发往 email，但未配置 mail_to"):
        config.destination("学会部", "email")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[departments\n", "kexie.toml:1: 不是正确的 TOML：格式错误（第 13 列附近）"),
        ("[email]\nport = 1\nport = 2\n", "kexie.toml:3: 不是正确的 TOML：键重复"),
        ("departments = 3\n", "departments 应为表"),
        ('[departments."组宣部"]\nto = "sms"\n', "to = 'sms' 无效"),
        ('[email]\nport = "x"\n', "port 应为整数"),
    ],
)
def test_a_bad_file_is_one_line(tmp_path, text, words):
    (tmp_path / "kexie.toml").write_text(text, encoding="utf-8")
    with pytest.raises(KexieError) as caught:
        load(tmp_path).destination("组宣部", None)
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_a_secret_comes_from_its_variable_only(monkeypatch):
    monkeypatch.setenv("KEXIE_T_SECRET", "s3cret")
    assert secret("KEXIE_T_SECRET", "x") == "s3cret"
    monkeypatch.delenv("KEXIE_T_SECRET")
    with pytest.raises(KexieError, match="环境变量 KEXIE_T_SECRET 未设置"):
        secret("KEXIE_T_SECRET", "x")
