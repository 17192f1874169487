"""Offline translators: a page's text goes out as XLIFF and comes back as a draft."""

import copy
import re

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from lxml import etree

from core.models import StandardPage
from core.translation_exchange import (
    ImportFailed,
    export_file,
    import_page_file,
)
from core.translation_formats import FORMATS
from tests.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20 = "urn:oasis:names:tc:xliff:document:2.0"


@pytest.fixture
def about(home):
    page = StandardPageFactory(
        parent=home,
        title_en="About us",
        title_ar="من نحن",
        slug_en="about",
        introduction_en="Neutral, impartial and independent.",
        introduction_ar="",
        body_en=[
            ("heading", {"text": "Who we help", "level": "h2"}),
            ("paragraph", "<p>Everyone in <b>need</b>.</p>"),
        ],
        body_ar=[],
    )
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def units(text, version="1.2"):
    """``{id: unit element}`` of an XLIFF file, and its tree."""
    root = etree.fromstring(text.encode())
    if version == "1.2":
        found = root.iter(f"{{{XLIFF12}}}trans-unit")
        return {unit.get("id"): unit for unit in found}, root
    found = root.iter(f"{{{XLIFF20}}}unit")
    return {unit.get("name"): unit for unit in found}, root


def target(unit):
    return next(e for e in unit.iter() if str(e.tag).endswith("}target"))


def source(unit):
    return next(e for e in unit.iter() if str(e.tag).endswith("}source"))


def serialize(root):
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode()


def lines(text, version="1.2"):
    """``{id: line of its unit}`` as the file has them."""
    return {key: unit.sourceline for key, unit in units(text, version)[0].items()}


def test_the_xliff_holds_the_english_context_and_current_translation(about):
    text = export_file([about], "ar", FORMATS["xliff"])
    found, root = units(text)
    file = root.find(f"{{{XLIFF12}}}file")
    assert file.get("original") == f"page/{about.pk}"
    assert file.get("source-language") == "en"
    assert file.get("target-language") == "ar"
    assert source(found["title"]).text == "About us"
    assert target(found["title"]).text == "من نحن"
    assert target(found["introduction"]).text is None
    note = found["introduction"].find(f"{{{XLIFF12}}}note").text
    assert note == "About us: introduction"
    paragraph = next(u for k, u in found.items() if source(u).text.startswith("<p>"))
    # Rich text travels as escaped HTML, which every XLIFF editor keeps intact.
    assert "&lt;p&gt;Everyone in &lt;b&gt;need&lt;/b&gt;.&lt;/p&gt;" in text
    assert paragraph.get("id").startswith("body/")


def test_an_xliff_round_trip_updates_the_about_page_through_a_draft(
    admin_client, about
):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(about.pk,)))
    import_url = reverse("core_translation_import", args=(about.pk,))
    assert "Translate offline (PO, XLIFF)" in edit.text
    form = admin_client.get(import_url)
    export_url = (
        reverse("core_translation_export", args=(about.pk,))
        + "?language=ar&format=xliff"
    )
    assert export_url.replace("&", "&amp;") in form.text
    assert "Download the text for Arabic (XLIFF 1.2)" in form.text
    exported = admin_client.get(export_url)
    assert exported["Content-Disposition"] == (
        f'attachment; filename="page-{about.pk}-ar.xlf"'
    )
    found, root = units(exported.content.decode())
    target(found["introduction"]).text = "محايدون وغير متحيزين ومستقلون."
    heading = next(u for k, u in found.items() if source(u).text == "Who we help")
    target(heading).text = "من نساعد"
    paragraph = next(u for k, u in found.items() if source(u).text.startswith("<p>"))
    target(paragraph).text = "<p>كل <b>محتاج</b>.</p>"
    revisions = about.revisions.count()
    upload = SimpleUploadedFile("about.xlf", serialize(root).encode(), "text/xml")
    response = admin_client.post(import_url, {"language": "ar", "file": upload})
    assert response.status_code == 302
    page = StandardPage.objects.get(pk=about.pk)
    # One new draft revision; the live page is unchanged until it is published.
    assert page.revisions.count() == revisions + 1
    assert page.introduction_ar == "" and page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.introduction_ar == "محايدون وغير متحيزين ومستقلون."
    body = [(block.block_type, block.value) for block in draft.body_ar]
    assert body[0][1]["text"] == "من نساعد" and body[0][1]["level"] == "h2"
    assert "كل <b>محتاج</b>." in body[1][1].source
    assert draft.introduction_en == "Neutral, impartial and independent."
    # The Arabic reader sees it once it is published.
    page.get_latest_revision().publish()
    with translation.override("ar"):
        url = StandardPage.objects.get(pk=about.pk).get_url()
    arabic = admin_client.get(url)
    assert arabic.status_code == 200
    assert "محايدون وغير متحيزين ومستقلون." in arabic.text


def test_an_xliff_2_round_trip_saves_a_draft_with_the_arabic(about):
    text = export_file([about], "ar", FORMATS["xliff2"])
    found, root = units(text, "2.0")
    assert root.get("srcLang") == "en" and root.get("trgLang") == "ar"
    target(found["introduction"]).text = "محايدون."
    revision = import_page_file(about, "ar", serialize(root))
    assert revision is not None
    draft = StandardPage.objects.get(pk=about.pk).get_latest_revision_as_object()
    assert draft.introduction_ar == "محايدون."


def test_every_problem_is_reported_by_the_line_of_its_unit(about):
    text = export_file([about], "ar", FORMATS["xliff"])
    found, root = units(text)
    target(found["introduction"]).text = "محايدون."
    source(found["title"]).text = "About us, once"
    target(found["title"]).text = "عنّا"
    paragraph = next(u for k, u in found.items() if source(u).text.startswith("<p>"))
    target(paragraph).text = "<p>كل <b>محتاج</p>"
    heading = next(u for k, u in found.items() if source(u).text == "Who we help")
    target(heading).text = "من نساعد %(count)s"
    stray = etree.SubElement(
        found["title"].getparent(), f"{{{XLIFF12}}}trans-unit", id="body/gone/text"
    )
    etree.SubElement(stray, f"{{{XLIFF12}}}source").text = "Gone"
    etree.SubElement(stray, f"{{{XLIFF12}}}target").text = "ذهب"
    text = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    ).decode()
    at = lines(text)
    revisions = about.revisions.count()
    with pytest.raises(ImportFailed) as failure:
        import_page_file(about, "ar", text)
    assert sorted(failure.value.errors) == sorted(
        [
            f"Line {at['title']}: the English of “title” has changed since the "
            "export; export again.",
            f"Line {at[paragraph.get('id')]}: broken markup: “</p>” comes before "
            "“</b>”.",
            f"Line {at[heading.get('id')]}: the placeholders differ from the English.",
            f"Line {at['body/gone/text']}: “body/gone/text” is not on this page.",
        ]
    )
    # All or nothing: the correct unit was not saved either.
    assert about.revisions.count() == revisions
    page = StandardPage.objects.get(pk=about.pk)
    assert not page.has_unpublished_changes and page.introduction_ar == ""


def test_a_text_translated_twice_in_one_file_is_refused(about):
    found, root = units(export_file([about], "ar", FORMATS["xliff"]))
    target(found["introduction"]).text = "محايدون."
    twin = copy.deepcopy(found["introduction"])
    target(twin).text = "حياديون."
    found["introduction"].addnext(twin)
    text = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    ).decode()
    first, second = (
        unit.sourceline
        for unit in etree.fromstring(text.encode()).iter(f"{{{XLIFF12}}}trans-unit")
        if unit.get("id") == "introduction"
    )
    with pytest.raises(ImportFailed) as failure:
        import_page_file(about, "ar", text)
    assert failure.value.errors == [
        f"Line {second}: “introduction” is already translated on line {first}."
    ]
    assert not StandardPage.objects.get(pk=about.pk).has_unpublished_changes


def test_a_wrong_xliff_file_is_refused_with_a_reason(about, home):
    good = export_file([about], "ar", FORMATS["xliff"])
    other = StandardPageFactory(parent=home)
    with pytest.raises(ImportFailed) as failure:
        import_page_file(other, "ar", good)
    assert failure.value.errors == ["This file was exported from another page."]
    with pytest.raises(ImportFailed) as failure:
        import_page_file(
            about, "ar", good.replace('target-language="ar"', 'target-language="fr"')
        )
    assert failure.value.errors == ["This file is in “fr”, not “ar”."]
    with pytest.raises(ImportFailed) as failure:
        import_page_file(about, "ar", "<xliff version='1.2'><file>")
    assert failure.value.errors[0].startswith("This is not an XLIFF file:")
    # A tool's inline elements instead of the escaped HTML: refused, by line.
    found, root = units(good)
    element = target(found["introduction"])
    etree.SubElement(element, f"{{{XLIFF12}}}g", id="1").text = "محايدون"
    with pytest.raises(ImportFailed) as failure:
        import_page_file(about, "ar", serialize(root))
    line = found["introduction"].sourceline
    assert failure.value.errors == [
        f"Line {line}: the text holds XML elements; keep the HTML tags as text "
        "(escaped), as they were exported."
    ]


def test_a_tools_sentence_markers_are_read_as_the_text_they_hold(about):
    found, root = units(export_file([about], "ar", FORMATS["xliff"]))
    element = target(found["introduction"])
    for sentence, tail in (("محايدون.", " "), ("ومستقلون.", "")):
        marker = etree.SubElement(element, f"{{{XLIFF12}}}mrk", mtype="seg")
        marker.text, marker.tail = sentence, tail
    assert import_page_file(about, "ar", serialize(root)) is not None
    draft = StandardPage.objects.get(pk=about.pk).get_latest_revision_as_object()
    assert draft.introduction_ar == "محايدون. ومستقلون."


def test_entities_in_an_uploaded_file_are_not_expanded(about):
    text = export_file([about], "ar", FORMATS["xliff"])
    evil = text.replace(
        "<xliff ",
        '<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n<xliff ',
        1,
    )
    evil = re.sub(
        r'<target state="new"(/>|></target>)',
        '<target state="new">&secret;</target>',
        evil,
        count=1,
    )
    assert "&secret;" in evil
    with pytest.raises(ImportFailed) as failure:
        import_page_file(about, "ar", evil)
    assert "root:" not in " ".join(failure.value.errors)
    assert "the text holds XML elements" in failure.value.errors[0]
    assert not StandardPage.objects.get(pk=about.pk).has_unpublished_changes


def test_a_wrong_xliff_upload_is_explained_in_the_admin(admin_client, about):
    found, root = units(export_file([about], "ar", FORMATS["xliff"]))
    source(found["introduction"]).text = "Old English"
    target(found["introduction"]).text = "محايدون."
    text = serialize(root)
    url = reverse("core_translation_import", args=(about.pk,))
    upload = SimpleUploadedFile("about.xlf", text.encode())
    response = admin_client.post(url, {"language": "ar", "file": upload})
    assert response.status_code == 200
    line = lines(text)["introduction"]
    assert "Nothing was saved." in response.text
    assert f"Line {line}: the English of “introduction” has changed" in response.text
    assert not StandardPage.objects.get(pk=about.pk).has_unpublished_changes


# A section or a selection in one file ------------------------------------------------


@pytest.fixture
def section(about):
    child = StandardPageFactory(
        parent=about,
        title_en="Our history",
        title_ar="تاريخنا",
        introduction_en="Founded in 2013.",
        introduction_ar="",
    )
    child.save_revision().publish()
    return about, StandardPage.objects.get(pk=child.pk)


def files(text):
    """``{page id: {id: unit}}`` of an XLIFF 1.2 file, and its tree."""
    root = etree.fromstring(text.encode())
    found = {}
    for file in root.iter(f"{{{XLIFF12}}}file"):
        page_id = int(file.get("original").removeprefix("page/"))
        found[page_id] = {
            unit.get("id"): unit for unit in file.iter(f"{{{XLIFF12}}}trans-unit")
        }
    return found, root


def test_a_section_goes_out_in_one_file_and_comes_back_as_drafts(admin_client, section):
    about, child = section
    import_url = reverse("core_translation_import", args=(about.pk,))
    export_url = (
        reverse("core_translation_export", args=(about.pk,))
        + "?language=ar&format=xliff&descendants=1"
    )
    form = admin_client.get(import_url)
    assert export_url.replace("&", "&amp;") in form.text
    assert (
        "Download the text of this page and its subpages for Arabic (XLIFF 1.2)"
        in form.text
    )
    exported = admin_client.get(export_url)
    assert exported["Content-Disposition"] == (
        f'attachment; filename="section-{about.pk}-ar.xlf"'
    )
    found, root = files(exported.content.decode())
    assert set(found) == {about.pk, child.pk}
    target(found[about.pk]["introduction"]).text = "محايدون."
    target(found[child.pk]["introduction"]).text = "تأسسنا عام 2013."
    upload = SimpleUploadedFile("section.xlf", serialize(root).encode())
    response = admin_client.post(import_url, {"language": "ar", "file": upload})
    assert response.status_code == 302
    for page, arabic in ((about, "محايدون."), (child, "تأسسنا عام 2013.")):
        page = StandardPage.objects.get(pk=page.pk)
        assert page.has_unpublished_changes and page.introduction_ar == ""
        assert page.get_latest_revision_as_object().introduction_ar == arabic


def test_one_wrong_page_keeps_every_page_of_the_file_unsaved(admin_client, section):
    about, child = section
    text = export_file([about, child], "ar", FORMATS["xliff"])
    found, root = files(text)
    target(found[about.pk]["introduction"]).text = "محايدون."
    source(found[child.pk]["introduction"]).text = "Founded long ago."
    target(found[child.pk]["introduction"]).text = "تأسسنا."
    text = serialize(root)
    line = files(text)[0][child.pk]["introduction"].sourceline
    url = reverse("core_translation_import", args=(about.pk,))
    upload = SimpleUploadedFile("section.xlf", text.encode())
    response = admin_client.post(url, {"language": "ar", "file": upload})
    assert response.status_code == 200
    assert (
        f"Our history: Line {line}: the English of “introduction” has changed"
        in response.text
    )
    for page in (about, child):
        assert not StandardPage.objects.get(pk=page.pk).has_unpublished_changes


def test_a_page_outside_the_section_is_refused_on_its_screen(admin_client, section):
    about, child = section
    text = export_file([about], "ar", FORMATS["xliff"])
    url = reverse("core_translation_import", args=(child.pk,))
    upload = SimpleUploadedFile("about.xlf", text.encode())
    response = admin_client.post(url, {"language": "ar", "file": upload})
    assert (
        f"The file holds page “{about.pk}”, which is not one you may translate here."
        in response.text
    )


def test_pages_picked_in_the_listing_go_out_as_one_po_file_and_come_back(
    admin_client, section, home
):
    about, child = section
    listing = admin_client.get(reverse("wagtailadmin_explore", args=(home.pk,)))
    assert "/bulk/wagtailcore/page/translate_offline/" in listing.text
    url = (
        reverse(
            "wagtail_bulk_action", args=("wagtailcore", "page", "translate_offline")
        )
        + f"?id={about.pk}&id={child.pk}"
    )
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert "Our history" in confirm.text and "About us" in confirm.text
    exported = admin_client.post(url, {"language": "ar", "format": "po"})
    assert exported["Content-Disposition"] == 'attachment; filename="pages-ar.po"'
    po = polib.pofile(exported.content.decode())
    assert po.metadata["X-Page-Id"] == f"{about.pk}, {child.pk}"
    for entry in po:
        if entry.msgctxt == f"{child.pk}:introduction":
            entry.msgstr = "تأسسنا عام 2013."
    upload = SimpleUploadedFile("pages.po", str(po).encode())
    response = admin_client.post(
        reverse("core_translation_import_pages"), {"language": "ar", "file": upload}
    )
    assert response.status_code == 302
    draft = StandardPage.objects.get(pk=child.pk).get_latest_revision_as_object()
    assert draft.introduction_ar == "تأسسنا عام 2013."
    assert not StandardPage.objects.get(pk=about.pk).has_unpublished_changes


def test_the_problems_are_explained_in_arabic_in_an_arabic_admin(
    admin_client, admin_user, about
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ar"
    profile.save()
    found, root = units(export_file([about], "ar", FORMATS["xliff2"]), "2.0")
    source(found["introduction"]).text = "Old English"
    target(found["introduction"]).text = "محايدون."
    text = serialize(root)
    line = lines(text, "2.0")["introduction"]
    url = reverse("core_translation_import", args=(about.pk,))
    upload = SimpleUploadedFile("about.xlf", text.encode())
    response = admin_client.post(url, {"language": "ar", "file": upload})
    assert "لم يُحفظ شيء." in response.text
    assert f"السطر {line}: تغيّر النص الإنجليزي لـ«introduction»" in response.text


def test_faq_answers_go_out_and_come_back_block_by_block(admin_client, home):
    from faq.models import FaqPage
    from tests.faq.factories import FaqPageFactory, fill_faq

    faq = FaqPageFactory(parent=home)
    fill_faq(
        faq,
        [
            (
                {"en": "Volunteering", "ar": "التطوع"},
                [
                    {
                        "question_en": "Can I volunteer?",
                        "question_ar": "هل يمكنني التطوع؟",
                        "answer_en": [
                            {"type": "paragraph", "value": "<p>Yes, <b>apply</b>.</p>"}
                        ],
                        "answer_ar": [],
                    }
                ],
            )
        ],
    )
    faq = FaqPage.objects.get(pk=faq.pk)
    question = faq.questions.get()
    found, root = units(export_file([faq], "ar", FORMATS["xliff"]))
    key = next(k for k in found if k.startswith(f"questions.{question.pk}.answer/"))
    assert source(found[key]).text == "<p>Yes, <b>apply</b>.</p>"
    assert "Can I volunteer?" in found[key].find(f"{{{XLIFF12}}}note").text
    target(found[key]).text = "<p>نعم، <b>قدّم طلبك</b>.</p>"
    url = reverse("core_translation_import", args=(faq.pk,))
    upload = SimpleUploadedFile("faq.xlf", serialize(root).encode())
    response = admin_client.post(url, {"language": "ar", "file": upload})
    assert response.status_code == 302
    draft = FaqPage.objects.get(pk=faq.pk).get_latest_revision_as_object()
    answer = draft.questions.get().answer_ar
    assert [block.block_type for block in answer] == ["paragraph"]
    assert "نعم، <b>قدّم طلبك</b>." in answer[0].value.source
    # The English answer and the live page are as they were.
    assert "apply" in draft.questions.get().answer_en[0].value.source
    assert not list(FaqPage.objects.get(pk=faq.pk).questions.get().answer_ar)


# Files as a translator's tool reads and writes them ----------------------------------


@pytest.mark.parametrize("name", ["xliff", "xliff2", "po"])
def test_a_translation_tool_reads_the_file_and_writes_it_back(about, name):
    """translate-toolkit (behind Pootle, Weblate, Virtaal) opens the export, fills in
    a translation, saves; the saved file is accepted."""
    from translate.storage import pypo, xliff, xliff2

    storage = {
        "xliff": xliff.xlifffile,
        "xliff2": xliff2.Xliff2File,
        "po": pypo.pofile,
    }[name]
    exported = export_file([about], "ar", FORMATS[name])
    store = storage.parsestring(exported.encode())
    sources = {unit.source: unit for unit in store.units if not unit.isheader()}
    assert "About us" in sources and "<p>Everyone in <b>need</b>.</p>" in sources
    assert sources["About us"].target == "من نحن"
    if name != "xliff2":  # the toolkit looks for 2.0 notes in the segment, not the unit
        assert "About us: title" in sources["About us"].getnotes()
    sources["Neutral, impartial and independent."].target = "محايدون ومستقلون."
    sources["<p>Everyone in <b>need</b>.</p>"].target = "<p>كل <b>محتاج</b>.</p>"
    revision = import_page_file(about, "ar", bytes(store).decode())
    assert revision is not None
    draft = StandardPage.objects.get(pk=about.pk).get_latest_revision_as_object()
    assert draft.introduction_ar == "محايدون ومستقلون."
    assert "كل <b>محتاج</b>." in draft.body_ar[1].value.source


def test_a_translator_sends_a_section_out_in_arabic_only_and_back_as_drafts(
    client, section, django_user_model, sign_in
):
    from django.apps import apps
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    migration = __import__(
        "core.migrations.0004_translators_group_and_workflow", fromlist=["forwards"]
    )
    migration.forwards(apps, None)
    about, child = section
    user = django_user_model.objects.create_user("nour", "n@example.org", "x")
    user.groups.add(Group.objects.get(name="Translators"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ar"
    profile.save()
    sign_in(client, user)
    url = (
        reverse(
            "wagtail_bulk_action", args=("wagtailcore", "page", "translate_offline")
        )
        + f"?id={about.pk}"
    )
    confirm = client.get(url).content.decode()
    assert "الترجمة دون اتصال" in confirm and "مع صفحاتها الفرعية" in confirm
    # English is not theirs to translate: no file.
    refused = client.post(url, {"language": "en", "format": "xliff"})
    assert "Content-Disposition" not in refused
    exported = client.post(
        url, {"language": "ar", "format": "xliff", "include_descendants": "on"}
    )
    found, root = files(exported.content.decode())
    assert set(found) == {about.pk, child.pk}
    target(found[child.pk]["introduction"]).text = "تأسسنا عام 2013."
    upload = SimpleUploadedFile("pages.xlf", serialize(root).encode())
    response = client.post(
        reverse("core_translation_import_pages"), {"language": "ar", "file": upload}
    )
    assert response.status_code == 302
    page = StandardPage.objects.get(pk=child.pk)
    assert page.get_latest_revision_as_object().introduction_ar == "تأسسنا عام 2013."
    assert page.get_latest_revision().user == user and page.introduction_ar == ""
    # The explorer shows them, in Arabic, that the subpage's Arabic is complete.
    listing = client.get(reverse("wagtailadmin_explore", args=(about.pk,)))
    row = listing.content.decode().split("تاريخنا")[-1].split("</tr>")[0]
    assert "محدَّث" in row
