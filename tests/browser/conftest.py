"""Playwright driving Debian's Chromium against a live test server.

The browser is never downloaded: the tests use /usr/bin/chromium (or $CHROMIUM). Without
it they are skipped, unless REQUIRE_BROWSER is set (as CI does), where they fail.
Screenshots go to $BROWSER_ARTIFACTS (default: reports/screenshots), which CI keeps.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(
    os.environ.get("BROWSER_ARTIFACTS")
    or Path(__file__).resolve().parents[2] / "reports" / "screenshots"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """One Chromium for the run.

    Playwright's sync API keeps an event loop running in this thread, which Django
    takes for async code; the ORM calls the tests make beside it are ordinary
    synchronous ones, so they are allowed while the browser is open. The test
    database is made before the loop starts.
    """
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with (
        pytest.MonkeyPatch.context() as patch,
        sync_api.sync_playwright() as playwright,
    ):
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_site(transactional_db):
    """The whole demo site, as `make run` shows it."""
    call_command("load_demo_content", verbosity=0)


@pytest.fixture
def page(browser, live_server, demo_site):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """``screenshot(page, "name")`` saves a full-page PNG where CI keeps it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def axe():
    """``axe(page)`` runs axe-core (bundled with axe-playwright-python) on the page and
    fails with a readable list of violations."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(page):
        results = checker.run(page)
        violations = results.response["violations"]
        assert not violations, results.generate_report()

    return check


STAFF_PASSWORD = "a long password for the browser tests"


@pytest.fixture
def admin_page(browser, live_server, sign_in):
    """``admin_page(user)`` opens a browser page signed in to the admin as ``user``,
    whose password is ``STAFF_PASSWORD``, the way staff sign in (see ``sign_in_as``).
    The window is 1400x900 unless ``viewport=(width, height)`` says otherwise;
    ``locale`` sets the browser's language. The pages close after the test."""
    contexts = []

    def open_page(user, viewport=(1400, 900), locale=None):
        width, height = viewport
        options = {"locale": locale} if locale else {}
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            **options,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20000)
        sign_in_as(page, sign_in, user, STAFF_PASSWORD)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def staff_page(admin_page, home, django_user_model):
    """A browser page 1024 px wide, signed in to the admin as a superuser."""
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", STAFF_PASSWORD
    )
    return admin_page(user, viewport=(1024, 800))


@pytest.fixture
def editor(admin_page, transactional_db, home, django_user_model):
    """A browser page 1400 px wide, signed in to the admin as a superuser, the admin in
    English, on a site with only a home page."""
    user = django_user_model.objects.create_superuser(
        "editor", "e@example.org", STAFF_PASSWORD
    )
    return admin_page(user)


def translators_member(django_user_model):
    """Layla, a member of the Translators group, whose password is ``STAFF_PASSWORD``.
    The group is made again as its migration makes it, with the Moderators group it
    needs, if an earlier transactional test emptied the tables."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    Group.objects.get_or_create(name="Moderators")
    migration = __import__(
        "core.migrations.0004_translators_group_and_workflow", fromlist=["forwards"]
    )
    migration.forwards(apps, None)
    user = django_user_model.objects.create_user(
        "layla", "l@example.org", STAFF_PASSWORD
    )
    user.groups.add(Group.objects.get(name="Translators"))
    return user


def sign_in_as(page, sign_in, user, password):
    """Sign ``page`` in to the admin as staff do: the password, then the code of the
    authenticator app ``sign_in`` gives ``user``; waits for the dashboard."""
    device = sign_in.device(user)
    page.goto("/admin/login/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", password)
    page.click("form.login-form button[type=submit]")
    page.fill("#id_code", sign_in.code(device))
    page.click("button:has-text('Verify')")
    page.wait_for_url("**/admin/")


def switch_language(page, code):
    """Follow the header's link to this page in ``code``, as a visitor does: on a phone
    the language switch is in the menu, which opens first."""
    menu = page.locator(".site-menu__button")
    if menu.is_visible():
        menu.click()
    page.locator(f'.language-switcher a[hreflang="{code}"]').click()


def preview_frame(page):
    """The preview panel's page once the panel has settled. Wagtail loads each update
    in a second iframe and swaps it in when it has loaded; until then
    ``#w-preview-iframe`` is the old one, so a click there can be lost with it."""
    from playwright.sync_api import expect

    expect(page.locator(".w-preview__iframe")).to_have_count(1, timeout=30000)
    return page.frame_locator("#w-preview-iframe")


def open_in_preview(page, summary, shown, attempts=4):
    """Click ``summary`` (a locator's selector and text) in the preview panel until
    ``shown`` is visible: an update swapped in after the click closes what it opened,
    as a reload does for a visitor."""
    from playwright.sync_api import Error, expect

    selector, text = summary
    for attempt in range(attempts):
        frame = preview_frame(page)
        try:
            frame.locator(selector, has_text=text).click()
            expect(frame.get_by_text(shown)).to_be_visible(timeout=5000)
            return frame
        except (AssertionError, Error):
            if attempt == attempts - 1:
                raise
