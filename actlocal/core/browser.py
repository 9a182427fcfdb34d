"""Playwright with Debian's chromium, for browser tests and screenshots. Never a downloaded browser."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError("Debian's chromium is not installed: apt-get install chromium")
    return path


@contextmanager
def browser_page(*, width: int = 1280, height: int = 900):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        # bypass_csp lets the test inject axe-core; the site's own CSP is checked by the HTTP tests.
        context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()
            # ORM calls made while Playwright's event loop ran used their own connection; close it, or
            # PostgreSQL refuses to drop the test database ("being accessed by other users").
            from django.db import connections

            connections.close_all()


def axe_violations(page, *, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")) -> list[dict]:
    """Run axe-core on the page; return its violations (id, impact, help, first targets)."""
    page.add_script_tag(path=str(AXE_PATH))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags)
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"][:3]],
        }
        for v in result["violations"]
    ]


def session_key_for(user) -> str:
    """A saved session for ``user``, as if she had signed in (the sign-in form is tested on its own page).
    Make it before opening the browser: Playwright's event loop makes Django refuse database work."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def sign_in_as(page, base_url: str, user=None, *, session_key: str | None = None) -> None:
    """Give the browser a session cookie for ``user`` (or for an already made ``session_key``)."""
    key = session_key or session_key_for(user)
    page.context.add_cookies([{"name": "sessionid", "value": key, "url": base_url}])
