"""`socialcoach serve`: the same app in a web browser on this computer, through textual-serve.

textual-serve runs one `python -m socialcoach --plan PATH` per browser tab and streams its
screen to the page, so the plan file, its lock, resume and export behave as in a terminal.

It listens on 127.0.0.1 only. Because any web page open in the same browser could otherwise
reach a loopback server, requests must name this server as their Host (against DNS
rebinding), the app's websocket accepts only this server's own page as its Origin, and the page
is served without textual-serve's web-font link and with a Content-Security-Policy, so the
browser fetches nothing from the internet.
"""

from __future__ import annotations

import asyncio
import contextlib
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

    def __init__(self, command: str, port: int, open_browser: bool) -> None:
        super().__init__(command, host=HOST, port=port, title="socialcoach")
        self.open_browser = open_browser
        self.allowed_hosts = {f"{HOST}:{port}", f"localhost:{port}"}

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler) -> web.StreamResponse:
        if request.host not in self.allowed_hosts:
            return web.Response(status=403, text="socialcoach: unknown Host.\n")
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin not in {f"http://{h}" for h in self.allowed_hosts}:
            return web.Response(status=403, text="socialcoach: cross-origin request refused.\n")
        response = await handler(request)
        if request.path == "/" and isinstance(response, web.Response) and response.body:
            body = bytes(response.body).replace(_FONT_LINK, b'href="data:text/css,"')
            response.body = body
            response.headers["Content-Security-Policy"] = (
                "default-src 'self' data: blob:; script-src 'self' 'unsafe-inline'; "
                "style-src 'self' 'unsafe-inline' data:; "
                f"connect-src 'self' {' '.join(f'ws://{h}' for h in sorted(self.allowed_hosts))}; "
                "frame-ancestors 'none'"
            )
        return response

    async def on_startup(self, app: web.Application) -> None:
        url = self.public_url + "/"
        print(f"socialcoach is open at {url}", flush=True)
        print("Only this computer can reach it. Press Ctrl+C here to stop.", flush=True)
        if self.open_browser:
            loop = asyncio.get_running_loop()
            loop.run_in_executor(None, webbrowser.open, url)


def serve(plan_path: Path, port: int | None, open_browser: bool, pack: str | None = None) -> None:
    """Serve until Ctrl+C. Raises OSError if the port cannot be bound."""
    port = port or free_port()
    server = LocalServer(app_command(plan_path, pack), port, open_browser)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve()
