"""Autosave and repeated "Save draft" make one history entry per burst of drafts by
one editor (core/draft_history.py), and never lose the latest draft or a revision that
was published, scheduled or submitted."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from faq.models import FaqPage

from .admin_forms import edit_url, errors_in, existing, page_data

pytestmark = pytest.mark.django_db


def _save_draft(client, page, text):
    categories, questions = existing(page)
    questions[0]["question_en"] = text
    response = client.post(
        edit_url(page), page_data(page, categories, questions, action=None)
    )
    assert response.status_code == 302, errors_in(response)


def _history(client, page):
    """The rows of the page's history, as the editor reads them."""
    response = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
    html = BeautifulSoup(response.content, "html.parser")
    return [" ".join(row.get_text(" ").split()) for row in html.select("tbody tr")]


def _drafts_in(rows):
    return [row for row in rows if "Draft saved" in row]


def test_a_burst_of_drafts_is_one_entry_and_one_revision(admin_client, faq):
    revisions_before = Revision.page_revisions.filter(object_id=str(faq.pk)).count()
    for number in range(5):
        _save_draft(admin_client, faq, f"Who are the White Helmets? ({number})")
    assert len(_drafts_in(_history(admin_client, faq))) == 1
    revisions = Revision.page_revisions.filter(object_id=str(faq.pk))
    assert revisions.count() == revisions_before + 1
    # The one kept is the latest draft.
    page = FaqPage.objects.get(pk=faq.pk)
    draft = page.get_latest_revision_as_object()
    assert draft.questions.all()[0].question_en == "Who are the White Helmets? (4)"
    # The published revision is still there.
    assert page.live_revision_id in set(revisions.values_list("pk", flat=True))


def test_a_publish_between_drafts_keeps_both_bursts(admin_client, faq):
    _save_draft(admin_client, faq, "First draft?")
    categories, questions = existing(FaqPage.objects.get(pk=faq.pk))
    response = admin_client.post(edit_url(faq), page_data(faq, categories, questions))
    assert response.status_code == 302, errors_in(response)
    published = FaqPage.objects.get(pk=faq.pk).live_revision_id
    _save_draft(admin_client, faq, "Second draft?")
    _save_draft(admin_client, faq, "Third draft?")
    assert len(_drafts_in(_history(admin_client, faq))) == 2
    assert Revision.objects.filter(pk=published).exists()


def test_drafts_by_two_editors_stay_apart(
    admin_client, faq, django_user_model, sign_in
):
    from django.test import Client

    _save_draft(admin_client, faq, "Mine?")
    other = django_user_model.objects.create_superuser("other", "o@example.org", "x")
    other_client = sign_in(Client(), other)
    _save_draft(other_client, faq, "Theirs?")
    _save_draft(admin_client, faq, "Mine again?")
    assert len(_drafts_in(_history(admin_client, faq))) == 3


def test_drafts_an_hour_apart_stay_apart(admin_client, faq):
    _save_draft(admin_client, faq, "Before lunch?")
    earlier = timezone.now() - datetime.timedelta(hours=1)
    PageLogEntry.objects.filter(page_id=faq.pk, action="wagtail.edit").update(
        timestamp=earlier
    )
    _save_draft(admin_client, faq, "After lunch?")
    assert len(_drafts_in(_history(admin_client, faq))) == 2


def test_a_scheduled_revision_is_never_pruned(admin_client, admin_user, faq):
    _save_draft(admin_client, faq, "Scheduled?")
    scheduled = FaqPage.objects.get(pk=faq.pk).latest_revision
    scheduled.approved_go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.save()
    # (The editor is locked while a publish is scheduled; code may still save.)
    FaqPage.objects.get(pk=faq.pk).save_revision(user=admin_user, log_action=True)
    assert Revision.objects.filter(pk=scheduled.pk).exists()


def test_a_revision_submitted_for_review_is_never_pruned(admin_client, faq):
    from django.apps import apps

    Group.objects.get_or_create(name="Moderators")
    migration = __import__(
        "core.migrations.0004_translators_group_and_workflow", fromlist=["forwards"]
    )
    migration.forwards(apps, None)
    categories, questions = existing(faq)
    response = admin_client.post(
        edit_url(faq), page_data(faq, categories, questions, action="action-submit")
    )
    assert response.status_code == 302, errors_in(response)
    page = FaqPage.objects.get(pk=faq.pk)
    submitted = page.latest_revision_id
    if page.current_workflow_task is None:
        pytest.skip("no workflow on this page")
    _save_draft(admin_client, faq, "Edited during review?")
    assert Revision.objects.filter(pk=submitted).exists()
