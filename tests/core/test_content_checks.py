"""The site's content checks reach Wagtail's checker: in the preview's userbar (where
axe runs them, with the script that evaluates them) and in the editor's checks panel
(which names them), in the editor's admin language. The evaluations themselves are
tested in the browser (tests/browser/test_editor_checks.py)."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.users.models import UserProfile

from core import content_checks

pytestmark = pytest.mark.django_db

OURS = {"wh-alt-text", "wh-arabic-in-english", "wh-english-in-arabic"}


def _configuration(html, root="body"):
    soup = BeautifulSoup(html, "html.parser")
    for template in soup.select("template"):  # the userbar's is a <template>
        inner = BeautifulSoup(template.decode_contents(), "html.parser")
        found = inner.select_one("#checker-axe-configuration")
        if found:
            return json.loads(found.string)
    found = soup.select_one("#checker-axe-configuration")
    return json.loads(found.string)


def test_the_preview_userbar_runs_the_site_checks_with_their_script(admin_client, home):
    response = admin_client.get(home.url)
    html = response.text
    configuration = _configuration(html)
    rules = {rule["id"]: rule for rule in configuration["spec"]["rules"]}
    assert OURS | {"wh-faq-answer-length"} <= set(rules)
    assert set(configuration["options"]["runOnly"]) >= OURS
    # Wagtail's own checks are still there.
    assert "heading-order" in configuration["options"]["runOnly"]
    assert "alt-text-quality" in rules
    # Answers in closed <details> are checked too.
    assert rules["wh-faq-answer-length"]["excludeHidden"] is False
    checks = {check["id"]: check for check in configuration["spec"]["checks"]}
    assert checks["wh-alt-text"]["options"]["evaluation"] == "alt-text"
    assert "صورة" in checks["wh-alt-text"]["options"]["generic"]
    assert re.search(r"/static/js/content-checks(\.[0-9a-f]+)?\.js", html)


@override_settings(FAQ_ANSWER_WORD_LIMIT=80)
def test_the_answer_limit_comes_from_the_settings(admin_client, home):
    configuration = _configuration(admin_client.get(home.url).text)
    checks = {check["id"]: check for check in configuration["spec"]["checks"]}
    assert checks["wh-faq-answer-length"]["options"] == {
        "limit": 80,
        "evaluation": "word-limit",
    }
    message = configuration["messages"]["wh-faq-answer-length"]["help_text"]
    assert "80 words" in message


def test_the_checks_panel_names_the_site_checks_in_the_admin_language(
    admin_client, admin_user, home
):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ar"
    profile.save()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(home.pk,)))
    configuration = _configuration(response.text)
    assert set(configuration["options"]["runOnly"]) >= OURS
    messages = configuration["messages"]
    assert messages["wh-alt-text"]["error_name"] == "صورة بلا نص بديل ذي معنى"
    assert messages["wh-arabic-in-english"]["error_name"] == "نص عربي في حقل إنجليزي"
    assert messages["wh-english-in-arabic"]["error_name"] == "نص إنجليزي في حقل عربي"


def test_the_hook_replaces_wagtails_checker_and_keeps_where_it_runs():
    items = [ContentCheckerItem(in_editor=True)]
    content_checks.add_content_checks(None, items, None)
    assert isinstance(items[0], content_checks.ContentChecksItem)
    assert items[0].in_editor is True


def test_a_section_rule_is_registered_once():
    rule = content_checks.Rule(
        id="wh-test-rule",
        selector="p",
        check="word-limit",
        error_name="x",
        help_text="y",
        options=lambda: {"limit": 1},
    )
    try:
        content_checks.register_rule(rule)
        content_checks.register_rule(rule)
        assert [r.id for r in content_checks.rules()].count("wh-test-rule") == 1
    finally:
        content_checks._registered.remove(rule)
