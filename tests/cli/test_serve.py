"""`socialcoach serve`: the real server as a subprocess, and the app walked in headless Chromium.

Network use stays on this computer: the server listens on 127.0.0.1 and the browser may load
nothing else (other requests are aborted). The browser test needs Debian's `chromium` and the
`playwright` package (no downloaded browser); without them it is skipped and says why.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="textual-serve is not installed (socialcoach[web])")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Escape sequences in what the app writes to the page's terminal: what is left is the text.
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, timeout: float, what: str, sleep=time.sleep):
    """Poll `check`; with Playwright, `sleep` must be the page's, which delivers its events."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def server(isolated_home: Path, tmp_path: Path):
    port = free_port()
    env = {**os.environ, "SOCIALCOACH_HOME": str(isolated_home), "NO_COLOR": "1"}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "socialcoach", "serve", "--no-open", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        wait_until(lambda: accepts("127.0.0.1", port) or process.poll() is not None, 30, "serve")
        assert process.poll() is None, log.read_text()
        wait_until(lambda: "token=" in log.read_text(), 10, "the secret address")
        yield port, process, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def listeners(port: int) -> list[str]:
    """Local addresses (hex, as the kernel writes them) of sockets listening on the port."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as rows:
            for row in list(rows)[1:]:
                local, state = row.split()[1], row.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:
                    found.append(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux's /proc/net/tcp")
def test_serve_prints_its_address_and_listens_on_127_0_0_1_only(server):
    port, _process, log = server
    wait_until(lambda: f"http://127.0.0.1:{port}/" in log.read_text(), 10, "the address")
    assert listeners(port) == ["0100007F"]  # 127.0.0.1, and no IPv6 or wildcard socket
    assert not accepts("127.0.0.2", port)  # another loopback address is not served


def secret_url(log: Path) -> str:
    match = re.search(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+", log.read_text())
    assert match, log.read_text()
    return match.group()


def get(port: int, path: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_serve_refuses_other_hosts_and_cross_origin_websockets_and_loads_nothing_remote(server):
    port, _process, log = server
    token = secret_url(log).split("token=")[1]
    host = {"Host": f"127.0.0.1:{port}"}
    entry = get(port, f"/?token={token}", host)
    assert entry.status == 302 and entry.headers["Location"] == "/"
    cookie = entry.headers["Set-Cookie"].split(";")[0]
    assert "HttpOnly" in entry.headers["Set-Cookie"]
    assert "SameSite=Strict" in entry.headers["Set-Cookie"]
    page = get(port, "/", {**host, "Cookie": cookie})
    assert page.status == 200
    assert b"googleapis" not in page.body
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    assert get(port, "/", {"Host": f"rebound.example:{port}", "Cookie": cookie}).status == 403
    upgrade = {
        **host,
        "Cookie": cookie,
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    assert get(port, "/ws", {**upgrade, "Origin": "https://evil.example"}).status == 403
    assert get(port, "/ws", upgrade).status == 403  # no Origin: not a page of ours
    own = get(port, "/ws", {**upgrade, "Origin": f"http://127.0.0.1:{port}"})
    assert own.status == 101


def test_serve_refuses_every_local_client_without_its_secret(server):
    """Any user or process on this computer can reach 127.0.0.1: without the token printed
    at start, nothing that shows or drives the plan is served."""
    port, _process, log = server
    token = secret_url(log).split("token=")[1]
    host = {"Host": f"127.0.0.1:{port}"}
    own_origin = {"Origin": f"http://127.0.0.1:{port}"}
    upgrade = {
        **host,
        **own_origin,
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    for path, headers in [
        ("/", host),
        ("/?token=" + "x" * len(token), host),
        ("/?token=", host),
        ("/ws", upgrade),
        ("/ws", {**upgrade, "Cookie": f"socialcoach-{port}=wrong"}),
        ("/ws?token=" + token[:-1], upgrade),
        ("/anything", host),
    ]:
        response = get(port, path, headers)
        assert response.status == 403, (path, headers)
        assert b"secret link" in response.body
    # The page's scripts are the same public file for everyone, and hold no plan.
    assert get(port, "/static/js/textual.js", host).status == 200


def _browser_or_skip():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is missing: pip install -e '.[test]'")
    return sync_playwright


def test_the_app_is_walked_in_headless_chromium_and_saves_the_plan(server, plan_path: Path):
    sync_playwright = _browser_or_skip()
    port = server[0]
    frames: list[bytes] = []

    def screen_text() -> bytes:
        return ANSI.sub(b"", b"".join(frames))

    def record(websocket) -> None:
        websocket.on(
            "framereceived", lambda f: frames.append(f if isinstance(f, bytes) else f.encode())
        )

    def only_this_server(route) -> None:
        if route.request.url.startswith((f"http://127.0.0.1:{port}/", "data:")):
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # noqa: BLE001 - any failure to start means: cannot test here
            pytest.skip(f"headless Chromium did not start: {str(exc).splitlines()[0]}")
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.route("**/*", only_this_server)
            page.on("websocket", record)

            def pause(seconds: float) -> None:
                page.wait_for_timeout(seconds * 1000)

            page.goto(secret_url(server[2]))
            wait_until(lambda: b"Welcome to socialcoach" in screen_text(), 30, "the welcome", pause)
            wait_until(lambda: b"About you" in screen_text(), 30, "the About-you form", pause)
            page.focus(".xterm-helper-textarea")  # the terminal's keyboard input
            page.keyboard.type("Dr Browser", delay=20)
            wait_until(lambda: b"Dr Browser" in screen_text(), 15, "the typed name", pause)
            for _ in range(
                6
            ):  # Subspecialty, Career stage, Country, Organisation, Your details, Start
                page.keyboard.press("Tab")
                page.wait_for_timeout(100)
            page.keyboard.press("Enter")
            wait_until(lambda: b"Check the rules first" in screen_text(), 15, "step 1", pause)
            page.keyboard.press("Control+n")
            wait_until(
                lambda: b"Pick platforms that fit your goals" in screen_text(), 15, "step 2", pause
            )
            page.keyboard.press("Control+q")
            saved = wait_until(
                lambda: _read(plan_path).get("current_step") == "platforms" and _read(plan_path),
                15,
                "the plan to be saved at step 2",
                pause,
            )
        finally:
            browser.close()
    assert saved["basics"]["display_name"] == "Dr Browser"


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def test_serve_without_a_free_port_says_so(isolated_home: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "socialcoach", "serve", "--no-open", "--port", str(port)],
            capture_output=True,
            text=True,
            env={**os.environ, "SOCIALCOACH_HOME": str(isolated_home)},
            timeout=60,
        )
    assert result.returncode == 2
    assert f"port {port}" in result.stderr and "--port" in result.stderr


def test_closing_the_browser_tab_right_after_typing_keeps_what_was_typed(server, plan_path: Path):
    sync_playwright = _browser_or_skip()
    port, _process, log = server
    frames: list[bytes] = []

    def screen_text() -> bytes:
        return ANSI.sub(b"", b"".join(frames))

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # noqa: BLE001 - any failure to start means: cannot test here
            pytest.skip(f"headless Chromium did not start: {str(exc).splitlines()[0]}")
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith((f"http://127.0.0.1:{port}/", "data:"))
                    else route.abort()
                ),
            )
            page.on(
                "websocket",
                lambda ws: ws.on(
                    "framereceived",
                    lambda f: frames.append(f if isinstance(f, bytes) else f.encode()),
                ),
            )

            def pause(seconds: float) -> None:
                page.wait_for_timeout(seconds * 1000)

            page.goto(secret_url(log))
            wait_until(lambda: b"About you" in screen_text(), 30, "the About-you form", pause)
            page.focus(".xterm-helper-textarea")
            page.keyboard.type("Dr Tab", delay=20)
            wait_until(lambda: b"Dr Tab" in screen_text(), 15, "the typed name", pause)
            page.wait_for_timeout(300)
            page.close()  # the tab, not the app: no Ctrl+Q
        finally:
            browser.close()
    saved = wait_until(
        lambda: _read(plan_path).get("basics", {}).get("display_name") == "Dr Tab",
        15,
        "the name typed before the tab was closed",
    )
    assert saved
