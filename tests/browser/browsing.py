"""Shared by the browser tests: the browser's launch options, viewports, a guarded context."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Route

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@dataclass
class Visit:
    """A browser context whose requests may only go to our server."""
    context: BrowserContext
    origin: str
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or f"{parts.scheme}://{parts.netloc}" == self.origin:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def page(self) -> Page:
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        # The pages carry a Content-Security-Policy; anything it blocks is an error too.
        page.on("console", lambda message: "Content Security Policy" in message.text
                and self.errors.append(f"{page.url}: {message.text}"))
        return page


def new_visit(browser: Browser, origin: str, viewport: dict, **options) -> Visit:
    """A fresh context (empty localStorage) whose requests may only go to ``origin``."""
    context = browser.new_context(viewport=viewport, locale="zh-CN", service_workers="block",
                                  **options)
    visit = Visit(context, origin)
    context.route("**/*", visit.route)
    return visit
