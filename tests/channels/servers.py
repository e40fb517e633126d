"""Real local servers for the channel tests: a robot webhook (http.server) that records every
request and answers from a script, and an SMTP server (aiosmtpd) that keeps every mail."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Robot:
    """A webhook on 127.0.0.1: each POST recorded (path, headers, body as JSON); answered by
    the next of `answers` (status, JSON), the last one repeated."""

    def __init__(
        self, answers: list[tuple[int, dict[str, Any]]] | None = None, on_request: Any = None
    ) -> None:
        self.answers = answers or [(200, {"errcode": 0, "errmsg": "ok"})]
        self.on_request = on_request  # called as each request arrives
        self.requests: list[dict[str, Any]] = []
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                size = int(self.headers["Content-Length"])
                body = self.rfile.read(size)
                robot.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "json": json.loads(body)}
                )
                if robot.on_request is not None:
                    robot.on_request()
                index = min(len(robot.requests), len(robot.answers)) - 1
                status, answer = robot.answers[index]
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/send?key=SECRETKEY"

    def __enter__(self) -> Robot:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """An SMTP server on 127.0.0.1 (aiosmtpd) keeping each message it receives."""

    def __init__(self, tls: Any = None, login: tuple[str, str] | None = None) -> None:
        """`tls`: an ssl context for STARTTLS (then required); `login`: the user and password
        AUTH accepts (then required, over TLS)."""
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.messages: list[Any] = []
        self.logins: list[tuple[str, str]] = []
        box = self

        def authenticate(server, session, envelope, mechanism, data) -> Any:
            given = (data.login.decode(), data.password.decode())
            box.logins.append(given)
            return AuthResult(success=given == login)

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
                box.messages.append(envelope)
                return "250 OK"

        self.port = free_port()
        more: dict[str, Any] = {}
        if tls is not None:
            more |= {"tls_context": tls, "require_starttls": True}
        if login is not None:
            more |= {"authenticator": authenticate, "auth_require_tls": True}
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, **more)

    def __enter__(self) -> Mailbox:
        self.controller.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.controller.stop()
