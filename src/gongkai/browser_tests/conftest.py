"""Browser tests: the demo city in a live server, driven by Debian's Chromium through Playwright.

The demo is loaded once per test process with the project's loader into the test database (it takes about
half a minute), served by pytest-django's live server, and removed again when the last browser test of the
process has run, so the rest of the suite still starts from an empty database.

Nothing is downloaded at run time: the browser is the system's (`GONGKAI_CHROMIUM`, default
/usr/bin/chromium) and axe-core comes from the repository's node_modules (`npm ci`, run by `make install`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

REPO = Path(__file__).resolve().parents[3]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(os.environ.get("GONGKAI_SCREENSHOTS", REPO / "var" / "screenshots"))
REPORTS = REPO / "var" / "browser"


def _missing(message: str):
    """In CI a missing tool is an error (a skipped browser suite would pass unseen); elsewhere a skip."""
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
    if not (Path(path).is_file() and os.access(path, os.X_OK)) and not shutil.which(path):
        _missing(
            f"浏览器测试需要 Chromium：{path} 不存在。Debian 上运行 `apt-get install chromium`，"
            "或用 GONGKAI_CHROMIUM 指向已安装的 Chromium。"
        )
    return path


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        _missing(f"浏览器测试需要 axe-core：{AXE} 不存在，请先运行 `make install`（npm ci）。")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev extra installs it
        _missing("浏览器测试需要 Python 包 playwright：请运行 `make install`。")
    # Playwright's sync API keeps an event loop on this thread; Django's ORM calls made here (the demo, the
    # test client) are still synchronous, so its "async context" guard does not apply.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=chromium_path,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--font-render-hinting=none"],
        )
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def browser_test_db(request, django_db_setup, django_db_blocker):
    """The test database. pytest-django creates it only when a test asks for `db` (or a live server with
    per-test flushing); browser tests share one demo across tests, so when they run alone, create it here."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    if "default" in _get_databases_for_setup(request.session.items)[0]:
        yield
        return
    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="package")
def demo_site(browser_test_db, django_db_blocker, tmp_path_factory):
    """The whole demo in the test database behind a live server: SimpleNamespace(url, host, log, media)."""
    from django.core.management import call_command
    from django.test.utils import override_settings
    from pytest_django.live_server_helper import LiveServer

    from gongkai.demo import loader
    from gongkai.demo.site import settings_overrides

    media = tmp_path_factory.mktemp("browser-media")
    overrides = override_settings(
        **settings_overrides(),  # the demo's site frame, as `make run` sets it
        MEDIA_ROOT=str(media),
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    overrides.enable()
    lines: list[str] = []
    with django_db_blocker.unblock():
        from gongkai.testing.reference import ensure_reference_data

        ensure_reference_data()  # a transactional test may have flushed it
        loader.load_all(log=lines.append)
        server = LiveServer("127.0.0.1:0")
        server._live_server_modified_settings.enable()
        try:
            yield SimpleNamespace(url=server.url, host=server.url.split("//", 1)[1], log=lines, media=media)
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            _flush_demo(call_command)
            overrides.disable()


def _flush_demo(call_command) -> None:
    """Empty the test database again. The audit log's triggers refuse DELETE and TRUNCATE: on SQLite they are
    lifted for the flush and put back; on PostgreSQL the session skips them (replica mode) for the flush."""
    import importlib

    from django.db import connection

    triggers = importlib.import_module("gongkai.core.migrations.0002_audit_append_only")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for sql in triggers.SQLITE_DOWN:
                cursor.execute(sql)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
    try:
        call_command("flush", interactive=False, verbosity=0)
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                for sql in triggers.SQLITE_UP:
                    cursor.execute(sql)
            elif connection.vendor == "postgresql":
                cursor.execute("SET session_replication_role = DEFAULT")


@pytest.fixture
def demo_db(demo_site, django_db_blocker):
    """Database access for a test that reads or prepares demo data outside the browser (no transaction)."""
    with django_db_blocker.unblock():
        yield demo_site


def session_cookie(site, username: str) -> dict:
    """A logged-in session for `username`, as a browser cookie for the live server."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": site.url,
    }


@pytest.fixture
def new_context(browser, demo_site, axe_source):
    """Make browser contexts that refuse (and record) every request to another host; with `axe=True` every
    page of the context gets axe-core (from node_modules) before its own scripts run."""
    import re

    made = []

    def make(*, width: int = 1366, height: int = 900, username: str | None = None, axe: bool = False):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            # The Content-Security-Policy is enforced as in a real browser: a refused inline script or style is
            # a console error, which the crawl and the journeys fail on (axe-core comes in as an init script,
            # which the policy does not cover).
            bypass_csp=False,
            accept_downloads=True,
        )
        context.set_default_timeout(20_000)
        context.external_requests = []
        local = re.compile(rf"^(?!{re.escape(demo_site.url)}/)(?!data:)(?!blob:)")

        def refuse(route):
            context.external_requests.append(route.request.url)
            route.abort()

        context.route(local, refuse)
        if axe:
            context.add_init_script(script=axe_source)
        if username:
            context.add_cookies([session_cookie(demo_site, username)])
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def page_problems(page) -> list[str]:
    """Attach console and page-error listeners to a page; returns the list they fill."""
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    return problems


def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
