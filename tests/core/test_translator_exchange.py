"""Offline translators: a page's text goes out as PO and comes back as a draft."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import StandardPage
from core.translation_exchange import ImportFailed, export_po, import_po
from tests.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home):
    page = StandardPageFactory(
        parent=home,
        title_en="Our principles",
        title_ar="مبادئنا",
        introduction_en="Neutrality, impartiality and independence.",
        introduction_ar="",
        body_en=[
            ("heading", {"text": "Who we help", "level": "h2"}),
            ("paragraph", "<p>Everyone in <b>need</b>.</p>"),
        ],
        body_ar=[],
    )
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def translate(po_text, translations):
    po = polib.pofile(po_text)
    for entry in po:
        for start, text in translations.items():
            if entry.msgctxt == start or entry.msgctxt.endswith(start):
                entry.msgstr = text
    return str(po), po


def test_export_holds_the_english_context_and_current_translation(page):
    po = polib.pofile(export_po(page, "ar"))
    entries = {entry.msgctxt: entry for entry in po}
    assert po.metadata["Language"] == "ar"
    assert entries["title"].msgid == "Our principles"
    assert entries["title"].msgstr == "مبادئنا"
    assert entries["introduction"].msgstr == ""
    blocks = [key for key in entries if key.startswith("body/")]
    assert len(blocks) == 2
    assert any(key.endswith("/text") for key in blocks)
    assert "Our principles: introduction" in entries["introduction"].comment


def test_a_po_round_trip_saves_a_draft_with_the_arabic(page):
    text, _po = translate(
        export_po(page, "ar"),
        {
            "introduction": "الحياد وعدم التحيز والاستقلالية.",
            "/text": "من نساعد",
        },
    )
    po = polib.pofile(text)
    paragraph = next(e for e in po if e.msgid.startswith("<p>"))
    paragraph.msgstr = "<p>كل <b>محتاج</b>.</p>"
    revision = import_po(page, "ar", str(po))
    assert revision is not None
    page = StandardPage.objects.get(pk=page.pk)
    # The live page is unchanged; the Arabic waits in a draft.
    assert page.introduction_ar == "" and page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.introduction_ar == "الحياد وعدم التحيز والاستقلالية."
    body = [(block.block_type, block.value) for block in draft.body_ar]
    assert body[0][0] == "heading" and body[0][1]["text"] == "من نساعد"
    assert body[0][1]["level"] == "h2"
    assert "كل <b>محتاج</b>." in body[1][1].source
    assert draft.introduction_en == "Neutrality, impartiality and independence."


def test_every_problem_is_reported_by_line_and_nothing_is_saved(page):
    po = polib.pofile(export_po(page, "ar"))
    entries = {entry.msgctxt: entry for entry in po}
    entries["introduction"].msgstr = "الحياد."
    entries["title"].msgid = "Our old principles"
    entries["title"].msgstr = "مبادئنا القديمة"
    paragraph = next(e for e in po if e.msgid.startswith("<p>"))
    paragraph.msgstr = "<p>كل <b>محتاج</p>"
    po.append(polib.POEntry(msgctxt="body/unknown/text", msgid="x", msgstr="س"))
    heading = next(e for k, e in entries.items() if k.endswith("/text"))
    heading.msgid = "Who we help %(count)s"
    heading.msgstr = "من نساعد"
    text = str(po)
    # Line numbers as the file has them.
    lines = {e.msgctxt: e.linenum for e in polib.pofile(text)}
    revisions = page.revisions.count()
    with pytest.raises(ImportFailed) as failure:
        import_po(page, "ar", text)
    errors = failure.value.errors
    assert any(
        e.startswith(f"Line {lines['title']}: the English of “title” has changed")
        for e in errors
    )
    assert (
        f"Line {lines[paragraph.msgctxt]}: broken markup: “</p>” comes before “</b>”."
        in errors
    )
    unknown = lines["body/unknown/text"]
    assert f"Line {unknown}: “body/unknown/text” is not on this page." in errors
    assert sum("has changed since the export" in e for e in errors) == 2
    # All or nothing: the good line was not saved either.
    assert page.revisions.count() == revisions
    assert StandardPage.objects.get(pk=page.pk).introduction_ar == ""


def test_placeholders_must_match_the_english(home):
    page = StandardPageFactory(
        parent=home, introduction_en="%(count)s volunteers", introduction_ar=""
    )
    po = polib.pofile(export_po(page, "ar"))
    entry = next(e for e in po if e.msgctxt == "introduction")
    entry.msgstr = "متطوعون"
    with pytest.raises(ImportFailed) as failure:
        import_po(page, "ar", str(po))
    assert failure.value.errors == [
        f"Line {polib.pofile(str(po)).find('%(count)s volunteers').linenum}: "
        "the placeholders differ from the English."
    ]


def test_a_file_for_another_page_or_language_is_refused(page, home):
    other = StandardPageFactory(parent=home)
    with pytest.raises(ImportFailed) as failure:
        import_po(other, "ar", export_po(page, "ar"))
    assert "another page" in failure.value.errors[0]
    with pytest.raises(ImportFailed):
        import_po(page, "en", export_po(page, "ar"))
    with pytest.raises(ImportFailed):
        import_po(page, "ar", "this is not a po file ]]")


def test_an_editor_exports_and_imports_a_po_file_in_the_admin(admin_client, page):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    import_url = reverse("core_translation_import", args=(page.pk,))
    assert import_url in edit.text and "Translate offline (PO, XLIFF)" in edit.text
    form = admin_client.get(import_url)
    export_url = reverse("core_translation_export", args=(page.pk,)) + "?language=ar"
    assert export_url.replace("&", "&amp;") in form.text
    exported = admin_client.get(export_url)
    assert exported["Content-Disposition"] == (
        f'attachment; filename="page-{page.pk}-ar.po"'
    )
    text, _po = translate(exported.content.decode(), {"introduction": "الحياد."})
    upload = SimpleUploadedFile("page.po", text.encode(), "text/x-gettext-translation")
    response = admin_client.post(import_url, {"language": "ar", "file": upload})
    assert response.status_code == 302
    draft = StandardPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.introduction_ar == "الحياد."


def test_a_wrong_file_is_explained_line_by_line_and_not_saved(admin_client, page):
    po = polib.pofile(export_po(page, "ar"))
    entry = next(e for e in po if e.msgctxt == "introduction")
    entry.msgid, entry.msgstr = "Old English", "الحياد."
    upload = SimpleUploadedFile("page.po", str(po).encode())
    url = reverse("core_translation_import", args=(page.pk,))
    response = admin_client.post(url, {"language": "ar", "file": upload})
    assert response.status_code == 200
    line = polib.pofile(str(po)).find("Old English").linenum
    assert "Nothing was saved." in response.text
    assert f"Line {line}: the English of “introduction” has changed" in response.text
    assert not StandardPage.objects.get(pk=page.pk).has_unpublished_changes
    latin = SimpleUploadedFile("page.po", 'msgid "é"'.encode("latin-1"))
    response = admin_client.post(url, {"language": "ar", "file": latin})
    assert "not UTF-8" in response.text


def test_a_translator_may_export_only_their_language(
    client, page, django_user_model, sign_in
):
    from django.apps import apps
    from django.contrib.auth.models import Group

    migration = __import__(
        "core.migrations.0004_translators_group_and_workflow", fromlist=["forwards"]
    )
    migration.forwards(apps, None)
    user = django_user_model.objects.create_user("nour", "n@example.org", "x")
    user.groups.add(Group.objects.get(name="Translators"))
    sign_in(client, user)
    export = reverse("core_translation_export", args=(page.pk,))
    assert client.get(export, {"language": "ar"}).status_code == 200
    # Refused: the admin sends them back with "Sorry, you do not have permission".
    refused = client.get(export, {"language": "en"})
    assert refused.status_code == 302 and "Content-Disposition" not in refused


def test_a_po_round_trip_saves_an_faq_question_in_the_draft(home):
    """A row's text reached the draft only when its rows happened to be in memory."""
    from faq.models import FaqPage
    from tests.faq.factories import FaqPageFactory, fill_faq

    faq = FaqPageFactory(parent=home)
    fill_faq(
        faq,
        [({"en": "Volunteering"}, [{"question_en": "Can I help?", "question_ar": ""}])],
    )
    faq = FaqPage.objects.get(pk=faq.pk)
    question = faq.questions.get()
    text, _po = translate(
        export_po(faq.get_latest_revision_as_object(), "ar"),
        {f"questions.{question.pk}.question": "هل يمكنني المساعدة؟"},
    )
    import_po(faq.get_latest_revision_as_object(), "ar", text)
    draft = FaqPage.objects.get(pk=faq.pk).get_latest_revision_as_object()
    assert draft.questions.get().question_ar == "هل يمكنني المساعدة؟"
    assert FaqPage.objects.get(pk=faq.pk).questions.get().question_ar == ""
