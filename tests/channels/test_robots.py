"""企业微信 and 钉钉 robots against a real local webhook: exact bodies, 钉钉's signature,
retries after a failure, a rate limit reported as undelivered."""

from __future__ import annotations

import base64
import hashlib
import hmac
import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.channels import robots
from kexie_cli.output.remind import split_text
from tests.channels.servers import Robot

NO_WAIT = {"pause": lambda seconds: None}


def test_wecom_posts_the_exact_markdown_body():
    with Robot() as robot:
        assert robots.wecom(robot.url, "**组宣部**\n- 3. 任务", "组宣部", **NO_WAIT) == 1
    (request,) = robot.requests
    assert request["json"] == {
        "msgtype": "markdown",
        "markdown": {"content": "**组宣部**\n- 3. 任务"},
    }
    assert request["headers"]["Content-Type"] == "application/json; charset=utf-8"
    assert request["path"] == "/send?key=SECRETKEY"


def test_wecom_splits_a_long_digest_at_its_byte_limit():
    text = "\n".join(f"- {i}. 开展科学家精神宣讲活动不少于五场" * 3 for i in range(200))
    with Robot() as robot:
        sent = robots.wecom(robot.url, text, "组宣部", **NO_WAIT)
    contents = [r["json"]["markdown"]["content"] for r in robot.requests]
    assert sent == len(contents) > 1
    assert all(len(c.encode()) <= robots.WECOM_LIMIT for c in contents)
    assert contents == split_text(text, robots.WECOM_LIMIT)
    assert all(c.startswith("（续）\n") for c in contents[1:])
    assert "\n".join(c.removeprefix("（续）\n") for c in contents) == text


@given(st.text(min_size=1, max_size=3000), st.integers(40, 600))
def test_split_keeps_every_line_within_the_limit(text, limit):
    pieces = split_text(text, limit)
    assert all(len(p.encode()) <= limit for p in pieces)
    joined = "".join(p.removeprefix("（续）\n").replace("\n", "") for p in pieces)
    assert joined == text.replace("\n", "")


def test_dingtalk_signs_the_request_as_dingtalk_checks_it():
    secret = "SEC0123abcdef"
    with Robot() as robot:
        robots.dingtalk(robot.url, "正文", "标题", secret, "学会部", **NO_WAIT)
    (request,) = robot.requests
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(request["path"]).query)
    timestamp = query["timestamp"][0]
    expected = base64.b64encode(
        hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    assert query["sign"] == [expected]
    assert query["key"] == ["SECRETKEY"]
    assert request["json"] == {"msgtype": "markdown", "markdown": {"title": "标题", "text": "正文"}}


def test_dingtalk_unsigned_posts_to_the_url_as_given():
    with Robot() as robot:
        robots.dingtalk(robot.url, "正文", "标题", None, "学会部", **NO_WAIT)
    assert robot.requests[0]["path"] == "/send?key=SECRETKEY"


def test_a_failure_then_success_is_retried_with_growing_waits():
    waits: list[float] = []
    answers = [
        (500, {}),
        (200, {"errcode": 45009, "errmsg": "api freq out of limit"}),
        (200, {"errcode": 0}),
    ]
    with Robot(answers) as robot:
        robots.post_json(robot.url, {"a": 1}, "组宣部", pause=waits.append)
    assert len(robot.requests) == 3
    assert all(r["json"] == {"a": 1} for r in robot.requests)
    assert waits == [robots.BACKOFF, robots.BACKOFF * 2]


@pytest.mark.parametrize("answer", [(429, {}), (200, {"errcode": 45009, "errmsg": "freq"})])
def test_a_rate_limit_that_lasts_is_undelivered_after_bounded_tries(answer):
    with Robot([answer]) as robot, pytest.raises(robots.Undelivered) as caught:
        robots.post_json(robot.url, {"a": 1}, "组宣部（wecom）", tries=3, **NO_WAIT)
    assert len(robot.requests) == 3
    message = str(caught.value)
    assert message.startswith("组宣部（wecom）：3 次均未送达")
    assert "SECRETKEY" not in message and "127.0.0.1" not in message


def test_a_closed_port_is_undelivered_without_the_url():
    from tests.channels.servers import free_port

    url = f"http://127.0.0.1:{free_port()}/send?key=SECRETKEY"
    with pytest.raises(robots.Undelivered) as caught:
        robots.post_json(url, {}, "组宣部", tries=2, **NO_WAIT)
    assert "SECRETKEY" not in str(caught.value)


def test_a_robot_that_never_answers_times_out_and_is_undelivered():
    """A server that takes the connection and never answers: every try ends in a timeout."""
    import socket

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/send?key=SECRETKEY"
        with pytest.raises(robots.Undelivered, match="2 次均未送达（超时）"):
            robots.post_json(url, {}, "组宣部", tries=2, timeout=0.2, **NO_WAIT)
