"""企业微信 and 钉钉 group robots: a digest POSTed as a markdown message to the webhook.

Each POST is retried with back-off on an HTTP error, a timeout, a refused connection or the
robot's own error code (45009 / 130101: more than 20 messages a minute); the error a
`Undelivered` carries names the environment variable, never the URL (it holds the key).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from kexie_cli.output.remind import split_text

WECOM_LIMIT = 4096  # bytes of a markdown message's content (企业微信 群机器人)
DINGTALK_LIMIT = 20000  # bytes of a markdown message's text (钉钉 自定义机器人)
TRIES = 4
TIMEOUT = 10.0  # seconds a POST may take
BACKOFF = 2.0  # seconds before the second try, doubled after each


class Undelivered(Exception):
    """What could not be sent, in one Chinese line without a secret."""


def post_json(
    url: str,
    payload: dict[str, Any],
    where: str,
    tries: int = TRIES,
    pause: Callable[[float], None] = time.sleep,
    timeout: float = TIMEOUT,
) -> None:
    """POST the payload as JSON until the robot answers errcode 0, at most `tries` times."""
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    why = ""
    for attempt in range(tries):
        if attempt:
            pause(BACKOFF * 2 ** (attempt - 1))
        request = urllib.request.Request(
            url, body, {"Content-Type": "application/json; charset=utf-8"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                answer = response.read()
        except urllib.error.HTTPError as exc:
            why = f"HTTP {exc.code}"
            continue
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            why = (
                "超时"
                if isinstance(reason, TimeoutError)
                else f"连接失败（{type(reason).__name__}）"
            )
            continue
        try:
            code = json.loads(answer or b"{}").get("errcode", 0)
        except (ValueError, AttributeError):
            code = 0  # an answer that is no JSON object: the robot took the message
        if code == 0:
            return
        why = f"errcode {code}"
    raise Undelivered(f"{where}：{tries} 次均未送达（{why}）")


def wecom(url: str, text: str, where: str, **retry: Any) -> int:
    """Send to a 企业微信 group robot, split at its size limit; the number of messages."""
    pieces = split_text(text, WECOM_LIMIT)
    for piece in pieces:
        post_json(url, {"msgtype": "markdown", "markdown": {"content": piece}}, where, **retry)
    return len(pieces)


def dingtalk(url: str, text: str, title: str, secret: str | None, where: str, **retry: Any) -> int:
    """Send to a 钉钉 group robot (signed where a secret is given); the number of messages."""
    pieces = split_text(text, DINGTALK_LIMIT)
    for piece in pieces:
        target = signed(url, secret, int(time.time() * 1000)) if secret else url
        payload = {"msgtype": "markdown", "markdown": {"title": title, "text": piece}}
        post_json(target, payload, where, **retry)
    return len(pieces)


def sign(secret: str, timestamp: int) -> str:
    """钉钉's 加签: base64 of HMAC-SHA256 over "timestamp\\nsecret", keyed by the secret."""
    digest = hmac.new(
        secret.encode("utf-8"), f"{timestamp}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode("ascii")


def signed(url: str, secret: str, timestamp: int) -> str:
    joiner = "&" if urllib.parse.urlsplit(url).query else "?"
    query = urllib.parse.urlencode({"timestamp": timestamp, "sign": sign(secret, timestamp)})
    return f"{url}{joiner}{query}"
