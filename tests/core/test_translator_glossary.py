"""Translators: the glossary is edited in the admin and shown beside Arabic fields."""

import pytest
from django.apps import apps
from django.urls import reverse

from core.glossary_data import TERMS
from core.models import GlossaryTerm

pytestmark = pytest.mark.django_db

group_migration = __import__(
    "core.migrations.0004_translators_group_and_workflow", fromlist=["forwards"]
)
glossary_migration = __import__(
    "core.migrations.0006_translators_glossary_terms", fromlist=["forwards"]
)


@pytest.fixture
def glossary(home):
    """The glossary as the migration starts it."""
    GlossaryTerm.objects.all().delete()
    group_migration.forwards(apps, None)
    glossary_migration.forwards(apps, None)
    return GlossaryTerm.objects.all()


def test_the_glossary_starts_with_the_agreed_terms(glossary):
    assert glossary.count() == len(TERMS) == 35
    term = GlossaryTerm.objects.get(term_en="double-tap strike")
    assert term.term_ar == "الضربة المزدوجة"
    assert GlossaryTerm.objects.filter(kind="place").count() == 14
    # Loading again adds nothing.
    glossary_migration.forwards(apps, None)
    assert glossary.count() == 35


def test_the_glossary_is_shown_beside_arabic_fields_in_the_editor(
    admin_client, glossary, about
):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(about.pk,)))
    html = response.content.decode()
    assert '<template id="admin-glossary-ar">' in html
    assert "Glossary: Arabic" in html
    assert '<td lang="en" dir="ltr">Syria Civil Defence</td>' in html
    assert '<td lang="ar" dir="rtl">الدفاع المدني السوري</td>' in html
    assert "js/admin-glossary" in html
    # Snippet editors have it too.
    person = admin_client.get("/admin/snippets/memorial/fallenvolunteer/add/")
    assert "الخوذ البيضاء" in person.content.decode()


def test_a_translator_adds_a_term_that_editors_then_see(
    client, glossary, about, sign_in
):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    translator = get_user_model().objects.create_user("rana", "r@example.org", "x")
    translator.groups.add(Group.objects.get(name="Translators"))
    sign_in(client, translator)
    url = reverse(GlossaryTerm.snippet_viewset.get_url_name("add"))
    form = client.get(url)
    assert form.status_code == 200
    assert 'name="term_ar"' in form.content.decode()
    assert 'dir="rtl"' in form.content.decode()
    response = client.post(
        url,
        {
            "term_en": "civil defence centre",
            "term_ar": "مركز الدفاع المدني",
            "kind": "term",
            "note": "Not “station”.",
        },
    )
    assert response.status_code == 302
    list_url = reverse(GlossaryTerm.snippet_viewset.get_url_name("list"))
    listing = client.get(list_url, {"q": "civil defence"})
    assert "مركز الدفاع المدني" in listing.content.decode()
    editor = client.get(reverse("wagtailadmin_pages:edit", args=(about.pk,)))
    assert '<td lang="ar" dir="rtl">مركز الدفاع المدني' in editor.content.decode()
    assert "Not “station”." in editor.content.decode()


def test_a_term_without_arabic_is_refused_clearly(admin_client, glossary):
    url = reverse(GlossaryTerm.snippet_viewset.get_url_name("add"))
    response = admin_client.post(url, {"term_en": "", "term_ar": "", "kind": "term"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
