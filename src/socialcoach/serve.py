"""`socialcoach serve`: the same app in a web browser on this computer, through textual-serve.

textual-serve runs one `python -m socialcoach --plan PATH` per browser tab and streams its
screen to the page, so the plan file, its lock, resume and export behave as in a terminal.

It listens on 127.0.0.1 only, which every user and process on this computer can reach, so
the server has a secret, as Jupyter does: a random token made at start, in the address it
prints and opens. The first request with it gets a cookie (HttpOnly, SameSite=Strict) and is
sent on to the page; the page and the app's websocket need the cookie (or the token), and
anything else gets 403. The browser is opened through a private (0600) redirect file, so the
token never appears in a command line other users can list. Because any web page open in the
same browser could otherwise reach a loopback server, requests must also name this server as
their Host (against DNS rebinding), the websocket accepts only this server's own page as its
Origin, and the page is served without textual-serve's web-font link and with a
Content-Security-Policy, so the browser fetches nothing from the internet.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import secrets
import shlex
import socket
import sys
import webbrowser
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

HOST = "127.0.0.1"
_FONT_LINK = b'href="https://fonts.googleapis.com/css?family=Roboto%20Mono"'


def free_port(host: str = HOST) -> int:
    """A port nothing listens on now (the OS picks it); the server binds it a moment later."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def app_command(plan_path: Path, pack: str | None = None) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this plan."""
    argv = [sys.executable, "-m", "socialcoach", "--plan", str(plan_path)]
    if pack:
        argv += ["--pack", pack]
    return shlex.join(argv)


class LocalServer(Server):
    """textual-serve's server, kept to this computer and quiet about itself."""

    def __init__(self, command: str, port: int, open_browser: bool, token: str = "") -> None:
        super().__init__(command, host=HOST, port=port, title="socialcoach")
        self.open_browser = open_browser
        self.allowed_hosts = {f"{HOST}:{port}", f"localhost:{port}"}
        self.token = token or secrets.token_urlsafe(24)
        self.cookie = f"socialcoach-{port}"
        self.opener: Path | None = None

    @property
    def secret_url(self) -> str:
        return f"{self.public_url}/?token={self.token}"

    def initialize_logging(self) -> None:
        """textual-serve's logging, without a line per request in the user's terminal."""
        super().initialize_logging()
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    def _has_secret(self, request: web.Request) -> bool:
        given = request.query.get("token") or request.cookies.get(self.cookie) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler) -> web.StreamResponse:
        if request.host not in self.allowed_hosts:
            return web.Response(status=403, text="socialcoach: unknown Host.\n")
        # The page's scripts and styles are the same public files for everyone; the page, the
        # app's websocket and everything else need the secret.
        if not request.path.startswith("/static/") and not self._has_secret(request):
            return web.Response(
                status=403,
                text="socialcoach: this address needs the secret link that `socialcoach serve` "
                "printed when it started.\n",
            )
        if request.path == "/" and "token" in request.query:
            # Swap the token for a cookie, and take it out of the address bar and history.
            response = web.HTTPFound("/")
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict", path="/")
            return response
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin not in {f"http://{h}" for h in self.allowed_hosts}:
            return web.Response(status=403, text="socialcoach: cross-origin request refused.\n")
        response = await handler(request)
        body = response.body if isinstance(response, web.Response) else None
        if request.path == "/" and isinstance(body, bytes | bytearray) and body:
            body = bytes(body).replace(_FONT_LINK, b'href="data:text/css,"')
            response.body = body
            response.headers["Content-Security-Policy"] = (
                "default-src 'self' data: blob:; script-src 'self' 'unsafe-inline'; "
                "style-src 'self' 'unsafe-inline' data:; "
                f"connect-src 'self' {' '.join(f'ws://{h}' for h in sorted(self.allowed_hosts))}; "
                "frame-ancestors 'none'"
            )
        return response

    async def on_startup(self, app: web.Application) -> None:
        print(f"socialcoach is open at {self.secret_url}", flush=True)
        print(
            "Keep this address to yourself: it is the key to your plan. Only this computer "
            "can reach it. Press Ctrl+C here to stop.",
            flush=True,
        )
        if self.open_browser:
            self.opener = write_opener(self.secret_url, self.port)
            loop = asyncio.get_running_loop()
            loop.run_in_executor(None, webbrowser.open, self.opener.as_uri())


def write_opener(url: str, port: int) -> Path:
    """A private HTML file that sends the browser to `url`: the browser is started with this
    file's name, not with the secret, which other users could read in the process list."""
    from html import escape

    from socialcoach.fileio import atomic_write_text, ensure_private_dir
    from socialcoach.locations import data_dir

    folder = data_dir()
    ensure_private_dir(folder)
    path = folder / f"open-serve-{port}.html"
    target = escape(url, quote=True)
    atomic_write_text(
        path,
        f'<!doctype html><meta http-equiv="refresh" content="0;url={target}">'
        f'<a href="{target}">Open socialcoach</a>\n',
    )
    return path


def serve(plan_path: Path, port: int | None, open_browser: bool, pack: str | None = None) -> None:
    """Serve until Ctrl+C. Raises OSError if the port cannot be bound."""
    port = port or free_port()
    server = LocalServer(app_command(plan_path, pack), port, open_browser)
    try:
        with contextlib.suppress(KeyboardInterrupt):
            server.serve()
    finally:
        if server.opener is not None:
            server.opener.unlink(missing_ok=True)
