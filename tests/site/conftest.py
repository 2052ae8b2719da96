"""Browser tests of the built site: Debian Chromium driven by Playwright, pages served from 127.0.0.1, every
other request blocked and recorded."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D401 - silence the server
        pass


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def base_url(site):
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def lecturer_url(lecturer_site):
    server, url = serve(lecturer_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Page:
    """A page with its console errors, page errors, failed and outside requests recorded."""

    def __init__(self, browser, base: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.base = base
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed: list[str] = []
        self.outside: list[str] = []
        local = re.compile(r"^(http://127\.0\.0\.1:\d+/|data:|blob:|about:)")

        def route(r):
            if local.match(r.request.url):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        # A request the page itself cancels by navigating away (net::ERR_ABORTED) is not a failure; a missing
        # file shows as a 4xx response below, and an outside request is recorded by the route above.
        self.page.on("requestfailed", lambda r: local.match(r.url) and r.failure != "net::ERR_ABORTED"
                     and self.failed.append(f"{r.failure} {r.url}"))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))

    def open(self, path: str):
        self.page.goto(f"{self.base}/{path}", wait_until="networkidle")
        return self.page

    def assert_clean(self):
        assert not self.page_errors, self.page_errors
        assert not self.console_errors, self.console_errors
        assert not self.failed, self.failed
        assert not self.outside, f"requests to outside hosts: {self.outside}"

    def close(self):
        self.context.close()


@pytest.fixture
def page(browser, base_url):
    p = Page(browser, base_url)
    yield p
    p.close()


@pytest.fixture(scope="session")
def page_class():
    """The :class:`Page` recorder, for tests that open another site (the lecturers' copy)."""
    return Page
