"""Translators: they edit the Arabic of pages and memorial records and submit it for
review; they cannot change English, publish or delete, whatever they post."""

import json
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from core.models import StandardPage
from memorial.models import FallenVolunteer
from tests.faq.factories import FaqPageFactory, fill_faq
from tests.memorial.factories import FallenVolunteerFactory

pytestmark = pytest.mark.django_db

migration = __import__(
    "core.migrations.0004_translators_group_and_workflow", fromlist=["forwards"]
)
records_migration = __import__(
    "memorial.migrations.0003_translators_edit_records", fromlist=["forwards"]
)


@pytest.fixture
def groups(home):
    """The groups as the migrations leave them (a browser test run earlier may have
    emptied every table)."""
    Group.objects.get_or_create(name="Moderators")
    migration.forwards(apps, None)
    records_migration.forwards(apps, None)
    return Group.objects.get(name="Translators")


@pytest.fixture
def translator(groups, django_user_model):
    user = django_user_model.objects.create_user("layla", "l@example.org", "x")
    user.groups.add(groups)
    return user


@pytest.fixture
def translator_client(client, translator, sign_in):
    sign_in(client, translator)
    return client


@pytest.fixture
def about_page(about):
    about.introduction_en = "Who we are."
    about.introduction_ar = "من نحن."
    about.body_en = [("paragraph", "<p>We rescue people.</p>")]
    about.body_ar = [("paragraph", "<p>ننقذ الناس.</p>")]
    about.save_revision().publish()
    return about


def page_post(**fields):
    data = {
        "title_en": "About us",
        "title_ar": "من نحن",
        "slug_en": "about",
        "slug_ar": "من-نحن",
        "introduction_en": "Who we are.",
        "introduction_ar": "من نحن.",
        "body_en": streamfield([("paragraph", rich_text("<p>We rescue people.</p>"))]),
        "body_ar": streamfield([("paragraph", rich_text("<p>ننقذ الناس.</p>"))]),
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def test_translators_may_edit_pages_but_not_add_publish_or_delete(translator, about):
    permissions = about.permissions_for_user(translator)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_delete()
    assert not permissions.can_add_subpage()
    assert not permissions.can_unpublish()


def test_translator_sees_english_read_only_and_arabic_editable(
    translator_client, about_page
):
    response = translator_client.get(
        reverse("wagtailadmin_pages:edit", args=(about_page.pk,))
    )
    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["form"]
    assert form["title_en"].field.disabled and form["introduction_en"].field.disabled
    assert form["body_en"].field.disabled
    assert not form["title_ar"].field.disabled
    assert not form["body_ar"].field.disabled
    assert not form["introduction_ar"].field.disabled
    # The English body is shown, out of reach; the Arabic one is an editor.
    assert '<div class="admin-read-only" inert>' in html
    assert "We rescue people." in html
    # No publish or delete in the menus.
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html


def test_english_posted_by_a_translator_is_ignored(translator_client, about_page):
    url = reverse("wagtailadmin_pages:edit", args=(about_page.pk,))
    response = translator_client.post(
        url,
        page_post(
            title_en="Changed by a translator",
            introduction_en="Changed English.",
            body_en=streamfield([("paragraph", rich_text("<p>Changed.</p>"))]),
            slug_en="changed",
            title_ar="من نحن؟",
            introduction_ar="من نحن؟ فريق من المتطوعين.",
            body_ar=streamfield([("paragraph", rich_text("<p>ننقذ الأرواح.</p>"))]),
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    draft = StandardPage.objects.get(pk=about_page.pk).get_latest_revision_as_object()
    assert draft.title_en == "About us"
    assert draft.slug_en == "about"
    assert draft.introduction_en == "Who we are."
    assert "We rescue people." in str(draft.body_en)
    assert (draft.title_ar, draft.introduction_ar) == (
        "من نحن؟",
        "من نحن؟ فريق من المتطوعين.",
    )
    assert "ننقذ الأرواح." in str(draft.body_ar)


def test_a_translator_cannot_publish_even_by_posting_publish(
    translator_client, about_page, client
):
    url = reverse("wagtailadmin_pages:edit", args=(about_page.pk,))
    translator_client.post(
        url, page_post(**{"title_ar": "جديد", "action-publish": "1"})
    )
    page = StandardPage.objects.get(pk=about_page.pk)
    assert page.title_ar == "من نحن"
    assert page.has_unpublished_changes
    translator_client.logout()
    assert "جديد" not in client.get(page.get_translated_url("ar")).text


def test_a_translator_cannot_delete(translator_client, about_page):
    url = reverse("wagtailadmin_pages:delete", args=(about_page.pk,))
    translator_client.post(url)
    assert Page.objects.filter(pk=about_page.pk).exists()


def test_translator_submission_goes_to_arabic_review(translator_client, about_page):
    url = reverse("wagtailadmin_pages:edit", args=(about_page.pk,))
    response = translator_client.post(
        url, page_post(**{"title_ar": "من نحن؟", "action-submit": "1"})
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(about_page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Arabic review"


def test_an_editor_submission_skips_arabic_review(
    client, groups, about_page, django_user_model, sign_in
):
    editors = Group.objects.create(name="Page editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=editors,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="change_page"),
    )
    editor = django_user_model.objects.create_user("sami", "s@example.org", "x")
    editor.groups.add(editors)
    sign_in(client, editor)
    url = reverse("wagtailadmin_pages:edit", args=(about_page.pk,))
    response = client.post(
        url, page_post(**{"title_en": "About the team", "action-submit": "1"})
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(about_page.pk))
    assert state.current_task_state.task.name == "Moderators approval"
    assert state.task_states.get(task__name="Arabic review").status == "skipped"
    # An editor's English is kept.
    draft = StandardPage.objects.get(pk=about_page.pk).get_latest_revision_as_object()
    assert draft.title_en == "About the team"


def test_translator_edits_only_the_arabic_of_a_memorial_record(translator_client):
    person = FallenVolunteerFactory(name_en="Khaled Omar", name_ar="خالد عمر")
    url = f"/admin/snippets/memorial/fallenvolunteer/edit/{person.pk}/"
    form = translator_client.get(url)
    assert form.status_code == 200
    assert form.context["form"]["name_en"].field.disabled
    assert form.context["form"]["consent"].field.disabled
    assert not form.context["form"]["name_ar"].field.disabled
    response = translator_client.post(
        url,
        {
            "name_en": "Changed",
            "name_ar": "خالد العمر",
            "place_ar": "سراقب",
            "consent": "none",
            "date_of_death": "2000-01-01",
            "governorate": "hama",
            "cause": "chemical",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    person = FallenVolunteer.objects.get(pk=person.pk)
    # The live record is untouched: the Arabic waits in a draft for an editor.
    assert person.live and person.name_ar == "خالد عمر"
    draft = person.get_latest_revision_as_object()
    assert (draft.name_en, draft.name_ar, draft.place_ar) == (
        "Khaled Omar",
        "خالد العمر",
        "سراقب",
    )
    assert (draft.consent, str(draft.date_of_death)) == (person.consent, "2016-05-12")
    delete = f"/admin/snippets/memorial/fallenvolunteer/delete/{person.pk}/"
    translator_client.post(delete)
    assert FallenVolunteer.objects.filter(pk=person.pk).exists()


def test_translator_cannot_change_english_questions_or_add_rows(
    translator_client, home
):
    faq = FaqPageFactory(parent=home)
    fill_faq(
        faq,
        [({"en": "Volunteering", "ar": "التطوع"}, [{"question_en": "How do I join?"}])],
    )
    response = translator_client.get(reverse("wagtailadmin_pages:edit", args=(faq.pk,)))
    form = response.context["form"]
    question = form.formsets["questions"].forms[0]
    assert question["question_en"].field.disabled
    assert question["category"].field.disabled
    assert question["DELETE"].field.disabled
    assert not question["question_ar"].field.disabled
    assert form.formsets["questions"].max_num == 1


def _memorial_menu(client):
    """The labels and addresses of the admin's Memorial menu, as ``client``'s user
    sees it."""
    from wagtail.admin.menu import admin_menu

    request = client.get(reverse("wagtailadmin_home")).wsgi_request
    for item in admin_menu.menu_items_for_request(request):
        if item.name == "memorial":
            return [
                (str(sub.label), sub.url)
                for sub in item.menu.menu_items_for_request(request)
            ]
    return []


def test_the_memorial_menu_leads_translators_to_the_records_to_translate(
    translator_client,
):
    screen = reverse("core_translation_import_records")
    assert ("Translate records", screen) in _memorial_menu(translator_client)
    page = translator_client.get(screen)
    assert page.status_code == 200
    assert "Download every record missing or outdated in Arabic" in page.text


def test_the_translate_records_item_is_in_the_admins_language(
    translator, client, sign_in
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "ar"
    profile.save()
    sign_in(client, translator)
    page = client.get(reverse("wagtailadmin_home"))
    assert page.status_code == 200
    props = json.loads(
        re.search(
            r'id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
            page.text,
            re.S,
        ).group(1)
    )
    texts = json.dumps(props, ensure_ascii=False)
    assert '"ترجمة السجلات"' in texts
    assert reverse("core_translation_import_records") in texts


def test_staff_who_cannot_edit_records_are_not_offered_them(client, home, sign_in):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("omar", "o@example.org", "x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_fallenvolunteer"),
    )
    sign_in(client, user)
    menu = _memorial_menu(client)
    assert "Memorial records" in [label for label, url in menu]  # they may read them
    assert reverse("core_translation_import_records") not in [url for _, url in menu]
