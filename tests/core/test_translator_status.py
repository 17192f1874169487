"""Translators see which translations are missing or outdated, in a report and on the
dashboard, and each status follows what editors and translators save."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from core.models import StandardPage, TranslationStatus
from core.translation_status import mark_checked
from memorial.models import FallenVolunteer
from tests.core.factories import StandardPageFactory
from tests.faq.factories import FaqPageFactory, fill_faq
from tests.memorial.factories import FallenVolunteerFactory

pytestmark = pytest.mark.django_db

Status = TranslationStatus.Status


def status(obj, field, language="ar"):
    return TranslationStatus.objects.get(
        object_id=str(obj.pk), field=field, language=language
    ).status


def edit(page, **fields):
    page = StandardPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision()
    return page


@pytest.fixture
def page(home):
    page = StandardPageFactory(
        parent=home,
        title_en="Our principles",
        title_ar="مبادئنا",
        introduction_en="Neutrality.",
        introduction_ar="",
    )
    page.save_revision()
    return page


def test_a_translation_is_missing_then_up_to_date_then_outdated(page):
    assert status(page, "title") == Status.UP_TO_DATE
    assert status(page, "introduction") == Status.MISSING
    edit(page, introduction_ar="الحياد.")
    assert status(page, "introduction") == Status.UP_TO_DATE
    # The English changes: its Arabic is now older than the text it translates.
    edit(page, introduction_en="Neutrality and impartiality.")
    assert status(page, "introduction") == Status.OUTDATED
    assert status(page, "title") == Status.UP_TO_DATE
    # A translator updates the Arabic: up to date again.
    edit(page, introduction_ar="الحياد وعدم التحيز.")
    assert status(page, "introduction") == Status.UP_TO_DATE


def test_a_translation_checked_without_change_is_up_to_date(page):
    edit(page, introduction_ar="الحياد.")
    edit(page, introduction_en="Neutrality, always.")
    row = TranslationStatus.objects.get(object_id=str(page.pk), field="introduction")
    assert row.status == Status.OUTDATED
    mark_checked(row)
    assert status(page, "introduction") == Status.UP_TO_DATE
    # And it stays so until the English changes again.
    edit(page, title_ar="مبادئنا الأساسية")
    assert status(page, "introduction") == Status.UP_TO_DATE


def test_memorial_records_and_faq_rows_have_statuses(home):
    person = FallenVolunteerFactory(place_en="Saraqib", place_ar="")
    person.save_revision()
    assert status(person, "place") == Status.MISSING
    assert status(person, "name") == Status.UP_TO_DATE
    faq = FaqPageFactory(parent=home)
    fill_faq(faq, [({"en": "Volunteering", "ar": ""}, [{"question_en": "Why?"}])])
    faq.refresh_from_db()
    faq.get_latest_revision_as_object().save_revision()
    question = faq.questions.get()
    category = faq.categories.get()
    assert status(faq, f"questions.{question.pk}.question") == Status.UP_TO_DATE
    assert status(faq, f"categories.{category.pk}.title") == Status.MISSING


def _links(html, edit_url):
    """The anchors of the report's links to ``edit_url``."""
    import re

    return re.findall(rf'href="{re.escape(edit_url)}#([^"]+)"', html)


def test_the_report_links_an_inline_row_to_the_box_of_its_field(admin_client, home):
    """Rows' links went to their list, not to the row's field."""
    faq = FaqPageFactory(parent=home)
    fill_faq(
        faq,
        [
            (
                {"en": "Volunteering", "ar": "التطوع"},
                [
                    {"question_en": "Why?", "question_ar": "لماذا؟"},
                    {"question_en": "How?", "question_ar": "", "answer_ar": []},
                ],
            )
        ],
    )
    faq.refresh_from_db()
    faq.get_latest_revision_as_object().save_revision()
    second = faq.questions.get(question_en="How?")
    report = admin_client.get(
        reverse("core_translations_report"), {"status": "missing", "language": "ar"}
    ).text
    edit_url = reverse("wagtailadmin_pages:edit", args=(faq.pk,))
    anchors = _links(report, edit_url)
    # The second question of the form, and its answer's editor (a StreamField).
    assert "id_questions-1-question_ar" in anchors
    assert "questions-1-answer_ar" in anchors
    editor = admin_client.get(edit_url).text
    assert f'name="questions-1-id" value="{second.pk}"' in editor
    assert 'id="id_questions-1-question_ar"' in editor
    assert 'id="questions-1-answer_ar"' in editor
    # Reordered in a draft: the link follows the row to its new place.
    draft = faq.get_latest_revision_as_object()
    rows = list(draft.questions.all())
    rows[0].sort_order, rows[1].sort_order = 1, 0
    draft.questions = sorted(rows, key=lambda row: row.sort_order)
    draft.save_revision()
    report = admin_client.get(
        reverse("core_translations_report"), {"status": "missing", "language": "ar"}
    ).text
    assert "id_questions-0-question_ar" in _links(report, edit_url)
    editor = admin_client.get(edit_url).text
    assert f'name="questions-0-id" value="{second.pk}"' in editor


def test_the_report_links_fields_of_every_tab_and_records(admin_client, page):
    edit(page, seo_title_en="Principles")
    person = FallenVolunteerFactory(place_en="Saraqib", place_ar="")
    person.save_revision()
    report = admin_client.get(
        reverse("core_translations_report"), {"status": "missing", "language": "ar"}
    ).text
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert set(_links(report, edit_url)) == {"id_introduction_ar", "id_seo_title_ar"}
    editor = admin_client.get(edit_url).text
    assert 'id="id_introduction_ar"' in editor and 'id="id_seo_title_ar"' in editor
    record_url = reverse(
        FallenVolunteer.snippet_viewset.get_url_name("edit"), args=(person.pk,)
    )
    assert _links(report, record_url) == ["id_place_ar"]
    assert 'id="id_place_ar"' in admin_client.get(record_url).text


def test_the_dashboard_counts_missing_and_outdated(admin_client, page):
    edit(page, title_en="Our principles, in short")
    response = admin_client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "1 translation missing" in html
    assert "1 translation outdated" in html


def test_an_outdated_translation_is_marked_checked_from_the_report(
    admin_client, admin_user, page
):
    edit(page, introduction_ar="الحياد.")
    edit(page, introduction_en="Neutrality, always.")
    report = admin_client.get(reverse("core_translations_report"))
    assert "Mark as checked" in report.content.decode()
    row = TranslationStatus.objects.get(object_id=str(page.pk), field="introduction")
    url = reverse("core_translation_checked", args=(row.pk,))
    assert admin_client.get(url).status_code == 405
    response = admin_client.post(url, {"next": "https://elsewhere.example/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("core_translations_report")
    row.refresh_from_db()
    assert row.status == Status.UP_TO_DATE
    assert row.checked_by == admin_user and row.checked_at is not None
    report = admin_client.get(reverse("core_translations_report"))
    assert "Checked by admin on" in report.content.decode()


@pytest.mark.parametrize(
    ("minor", "expected"), [(True, "up_to_date"), (False, "outdated")]
)
def test_a_minor_change_ticked_leaves_translations_up_to_date(
    admin_client, page, minor, expected
):
    edit(page, introduction_ar="الحياد.")
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert 'name="minor_edit"' in admin_client.get(url).content.decode()
    data = nested_form_data(
        {
            "title_en": "Our principles",
            "title_ar": "مبادئنا",
            "slug_en": page.slug_en,
            "slug_ar": page.slug_ar,
            "introduction_en": "Neutrality!",
            "introduction_ar": "الحياد.",
            "body_en": streamfield([]),
            "body_ar": streamfield([]),
            "comments": inline_formset([]),
            **({"minor_edit": "on"} if minor else {}),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert status(page, "introduction") == expected
    assert status(page, "title") == "up_to_date"


def test_content_saved_without_a_revision_gets_its_statuses(page):
    imported = FallenVolunteer.objects.create(
        name_en="Imported Person",
        name_ar="",
        slug="imported-person",
        date_of_death="2015-01-01",
        governorate="idlib",
        cause="airstrike",
    )
    edit(page, introduction_ar="الحياد.")
    edit(page, introduction_en="Neutrality, always.")
    call_command("record_translation_status", stdout=StringIO())
    assert status(imported, "name") == Status.MISSING
    # What was outdated stays so.
    assert status(page, "introduction") == Status.OUTDATED


def _head(html):
    """The listing's column headings."""
    start = html.index("<thead", html.index('<table class="listing'))
    return html[start : html.index("</thead>", start)]


def _cell(html, link):
    """The text of the link to ``link`` in a listing."""
    start = html.index(f'<a href="{link}">') + len(link) + 11
    return " ".join(html[start : html.index("</a>", start)].split())


def _report_link(html, obj):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(type(obj))
    url = reverse("core_translations_report")
    return f"{url}?content_type={content_type.pk}&amp;object_id={obj.pk}"


def test_the_page_explorer_shows_each_pages_translations(admin_client, page, home):
    other = StandardPageFactory(parent=home, title_en="Our history")
    other.save_revision()
    edit(other, introduction_en="Founded in 2013, rewritten.")
    listing = admin_client.get(reverse("wagtailadmin_explore", args=(home.pk,)))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Translations" in _head(html)
    link = _report_link(html, page)
    assert _cell(html, link) == "1 missing"
    assert _cell(html, _report_link(html, other)) == "1 outdated"
    # The link opens the report on that page's translations alone.
    report = admin_client.get(link.replace("&amp;", "&")).content.decode()
    body = report.split("<tbody")[-1]
    assert "Our principles" in body and "Our history" not in body


def test_the_memorial_listing_shows_each_records_translations(admin_client, home):
    person = FallenVolunteerFactory(place_en="Saraqib", place_ar="")
    person.save_revision()
    done = FallenVolunteerFactory(place_en="Idlib", place_ar="إدلب")
    done.save_revision()
    url = reverse(FallenVolunteer.snippet_viewset.get_url_name("list"))
    html = admin_client.get(url).content.decode()
    assert "Translations" in _head(html)
    assert _cell(html, _report_link(html, person)) == "1 missing"
    assert _cell(html, _report_link(html, done)) == "Up to date"
    report = admin_client.get(_report_link(html, person).replace("&amp;", "&"))
    body = report.content.decode().split("<tbody")[-1]
    assert str(person) in body and str(done) not in body


def test_the_translations_column_costs_one_query_however_many_pages(admin_client, home):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            admin_client.get(reverse("wagtailadmin_explore", args=(home.pk,)))
        return sum("translationstatus" in q["sql"] for q in queries.captured_queries)

    StandardPageFactory(parent=home).save_revision()
    one = count()
    for _n in range(3):
        StandardPageFactory(parent=home).save_revision()
    assert count() == one


def test_the_pages_the_report_shows_go_out_in_one_file(admin_client, page, home):
    done = StandardPageFactory(parent=home, title_en="Our history")
    done.save_revision()
    person = FallenVolunteerFactory(place_en="Saraqib", place_ar="")
    person.save_revision()
    report = admin_client.get(
        reverse("core_translations_report"), {"status": "missing", "language": "ar"}
    ).content.decode()
    assert "Translate these pages offline" in report
    bulk = reverse(
        "wagtail_bulk_action", args=("wagtailcore", "page", "translate_offline")
    )
    start = report.index(f'href="{bulk}?')
    url = report[start + 6 : report.index('"', start + 6)].replace("&amp;", "&")
    # The page with a missing translation, not the complete one nor the record.
    from urllib.parse import parse_qs, urlsplit

    assert parse_qs(urlsplit(url).query)["id"] == [str(page.pk)]
    confirm = admin_client.get(url).content.decode()
    assert "Our principles" in confirm and "Our history" not in confirm
    exported = admin_client.post(url, {"language": "ar", "format": "xliff"})
    assert exported["Content-Disposition"] == 'attachment; filename="pages-ar.xlf"'
    assert f'original="page/{page.pk}"' in exported.content.decode()


def test_an_empty_arabic_streamfield_is_missing(home):
    """An Arabic StreamField without a block counted as translated."""
    page = StandardPageFactory(
        parent=home,
        title_en="Our work",
        title_ar="عملنا",
        body_en=[("paragraph", "<p>Search and rescue.</p>")],
        body_ar=[],
    )
    page.save_revision()
    assert status(page, "body") == Status.MISSING
    edit(page, body_ar=[("paragraph", "<p>البحث والإنقاذ.</p>")])
    assert status(page, "body") == Status.UP_TO_DATE
