"""Values that are not text (an image, a key figure, a year, a link) are entered once,
in English, and every language shows them; only text is translated."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from core import cache as page_cache
from core.models import HomePage, StandardPage, TranslationStatus
from core.shared_values import START_INPUT
from core.translation_exchange import units
from tests.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

Status = TranslationStatus.Status


@pytest.fixture
def photo():
    return Image.objects.create(
        title="IMG_2031.jpg",
        description="Volunteers carry a stretcher out of a damaged building",
        file=get_test_image_file(size=(1200, 800)),
    )


def figure(value, label, figure=""):
    return {"value": value, "figure": figure, "label": label}


def english_body(photo, home):
    return [
        {
            "type": "image",
            "id": "img",
            "value": {"image": photo.pk, "alt_text": "", "caption": "Idlib"},
        },
        {"type": "key_figure", "id": "fig", "value": figure("3,000", "Volunteers")},
        {
            "type": "timeline",
            "id": "tl",
            "value": {
                "title": "Milestones",
                "events": [
                    {
                        "type": "item",
                        "id": "ev",
                        "value": {
                            "year": 2014,
                            "month": "10",
                            "date": "",
                            "title": "We are founded",
                            "text": "",
                        },
                    }
                ],
            },
        },
        {
            "type": "call_to_action",
            "id": "cta",
            "value": {
                "title": "Help us",
                "text": "",
                "page": home.pk,
                "url": "",
                "link_text": "Donate",
            },
        },
    ]


ARABIC_TEXT_ONLY = [
    {"type": "image", "id": "img", "value": {"alt_text": "", "caption": "إدلب"}},
    {"type": "key_figure", "id": "fig", "value": {"label": "متطوع"}},
    {
        "type": "timeline",
        "id": "tl",
        "value": {
            "title": "محطات",
            "events": [
                {
                    "type": "item",
                    "id": "ev",
                    "value": {"date": "", "title": "تأسيس الدفاع المدني", "text": ""},
                }
            ],
        },
    },
    {
        "type": "call_to_action",
        "id": "cta",
        "value": {"title": "ساعدنا", "text": "", "link_text": "تبرّع"},
    },
]


def visit(client, page, language):
    page_cache.invalidate()
    response = client.get(page.get_translated_url(language))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".page-body")


@pytest.fixture
def page(home, photo):
    page = StandardPageFactory(
        parent=home, body_en=english_body(photo, home), body_ar=ARABIC_TEXT_ONLY
    )
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def test_values_set_once_in_english_show_on_the_arabic_page(client, page, photo):
    arabic = visit(client, page, "ar")
    assert arabic.select_one(".block-image img")["src"].startswith("/media/images/")
    assert arabic.select_one("figcaption").get_text() == "إدلب"
    assert arabic.select_one(".key-figure__value").get_text() == "3,000"
    assert arabic.select_one(".key-figure__label").get_text() == "متطوع"
    # The year and month are typed once, shown with the Syrian month names.
    assert arabic.select_one(".timeline__date").get_text() == "تشرين الأول 2014"
    assert arabic.select_one(".timeline__title").get_text() == "تأسيس الدفاع المدني"
    assert arabic.select_one(".cta a")["href"].startswith("/ar/")
    english = visit(client, page, "en")
    assert english.select_one(".timeline__date").get_text() == "October 2014"
    stored = page.body_ar.raw_data
    assert stored[0]["value"]["image"] == photo.pk
    assert stored[1]["value"]["value"] == "3,000"


def test_changing_the_english_value_changes_the_arabic_page(client, page):
    draft = page.get_latest_revision_as_object()
    body = list(draft.body_en.raw_data)
    body[1]["value"]["value"] = "3,300"
    body[2]["value"]["events"][0]["value"]["year"] = 2013
    draft.body_en = body
    draft.save_revision().publish()
    arabic = visit(client, page, "ar")
    assert arabic.select_one(".key-figure__value").get_text() == "3,300"
    assert arabic.select_one(".timeline__date").get_text() == "تشرين الأول 2013"
    assert arabic.select_one(".key-figure__label").get_text() == "متطوع"


def test_an_arabic_stream_written_separately_pairs_block_by_block(client, home):
    page = StandardPageFactory(
        parent=home,
        body_en=[{"type": "key_figure", "value": figure("2014", "Founded")}],
        body_ar=[{"type": "key_figure", "value": figure("", "عام التأسيس")}],
    )
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.body_ar.raw_data[0]["id"] == page.body_en.raw_data[0]["id"]
    assert visit(client, page, "ar").select_one(".key-figure__value").text == "2014"


def test_home_key_figures_are_entered_once(client, home):
    home.key_figures_en = [
        {"type": "key_figure", "value": figure("2014", "Founded")},
        {"type": "key_figure", "value": figure("3,000", "Volunteers")},
    ]
    home.key_figures_ar = [
        {"type": "key_figure", "value": {"label": "عام التأسيس"}},
        {"type": "key_figure", "value": {"label": "متطوع"}},
    ]
    home.save_revision().publish()
    page_cache.invalidate()
    html = BeautifulSoup(client.get("/ar/").content, "html.parser")
    values = [node.text for node in html.select(".key-figures .key-figure__value")]
    labels = [node.text for node in html.select(".key-figures .key-figure__label")]
    assert values == ["2014", "3,000"]
    assert labels == ["عام التأسيس", "متطوع"]
    home = HomePage.objects.get(pk=home.pk)
    assert home.key_figures_ar.raw_data[1]["value"]["value"] == "3,000"


def test_an_event_saved_with_its_year_in_the_date_keeps_it():
    from core.blocks import TimelineEventBlock

    event = TimelineEventBlock().to_python({"date": "2011", "title": "War", "text": ""})
    assert event["year"] == 2011 and event["date"] == ""
    words = TimelineEventBlock().to_python({"date": "Today", "title": "Now"})
    assert words["year"] is None and words["date"] == "Today"


# Images: their description is the alternative text when the block has none ------


def test_the_image_description_is_the_alt_text_in_both_languages(client, page):
    english = visit(client, page, "en").select_one(".block-image img")
    assert english["alt"] == "Volunteers carry a stretcher out of a damaged building"
    assert not english.has_attr("lang")
    # On the Arabic page it is read in the language it is written in.
    arabic = visit(client, page, "ar").select_one(".block-image img")
    assert arabic["alt"] == "Volunteers carry a stretcher out of a damaged building"
    assert arabic["lang"] == "en"


def test_a_block_alt_text_wins_and_a_decorative_image_has_none(client, page, photo):
    photo.description = "متطوعون يحملون نقالة"
    photo.save()
    draft = page.get_latest_revision_as_object()
    body_ar = list(draft.body_ar.raw_data)
    body_ar[0]["value"]["alt_text"] = "متطوعون يحملون مصاباً"
    draft.body_ar = body_ar
    draft.save_revision().publish()
    assert visit(client, page, "ar").select_one(".block-image img")["alt"] == (
        "متطوعون يحملون مصاباً"
    )
    english = visit(client, page, "en").select_one(".block-image img")
    assert english["alt"] == "متطوعون يحملون نقالة" and english["lang"] == "ar"
    draft = page.get_latest_revision_as_object()
    body_en = list(draft.body_en.raw_data)
    body_en[0]["value"]["decorative"] = True
    draft.body_en = body_en
    draft.save_revision().publish()
    for language in ("en", "ar"):
        assert visit(client, page, language).select_one(".block-image img")["alt"] == ""


# Translation: only text is offered, and only text makes a translation outdated ----


def test_offline_translation_offers_text_only(page):
    page = page.get_latest_revision_as_object()
    keys = {unit.key: unit.source for unit in units(page, "ar")}
    assert "body/fig/label" in keys and "body/tl/events/ev/title" in keys
    assert "body/img/caption" in keys and "body/cta/link_text" in keys
    sources = set(keys.values())
    assert "3,000" not in sources and not any(k.endswith("/value") for k in keys)
    assert not any(k.endswith(("/year", "/month", "/url", "/image")) for k in keys)


def status(page, field="body"):
    return TranslationStatus.objects.get(
        object_id=str(page.pk), field=field, language="ar"
    ).status


def test_a_changed_value_does_not_make_the_translation_outdated(page):
    assert status(page) == Status.UP_TO_DATE
    draft = page.get_latest_revision_as_object()
    body = list(draft.body_en.raw_data)
    body[1]["value"]["value"] = "3,500"
    draft.body_en = body
    draft.save_revision()
    assert status(page) == Status.UP_TO_DATE
    # A changed text does.
    body[1]["value"]["label"] = "Volunteers today"
    draft.body_en = body
    draft.save_revision()
    assert status(page) == Status.OUTDATED
    # And the value copied into the Arabic does not count as a translation.
    body[1]["value"]["value"] = "3,600"
    draft.body_en = body
    draft.save_revision()
    assert status(page) == Status.OUTDATED


def test_statuses_kept_before_keep_their_status(page):
    """A status whose digest was made from the whole stream (before values were left
    out) stays up to date while the English is the same."""
    import hashlib

    row = TranslationStatus.objects.get(object_id=str(page.pk), field="body")
    whole = json.dumps(
        page.get_latest_revision_as_object().body_en.get_prep_value(),
        sort_keys=True,
        ensure_ascii=False,
    )
    row.source_digest = hashlib.sha256(whole.encode()).hexdigest()
    row.save()
    draft = page.get_latest_revision_as_object()
    draft.title_ar = "عنوان آخر"
    draft.save_revision()
    assert status(page) == Status.UP_TO_DATE
    body = list(draft.body_en.raw_data)
    body[1]["value"]["value"] = "3,700"
    draft.body_en = body
    draft.save_revision()
    assert status(page) == Status.UP_TO_DATE


# The admin: the Arabic panel shows text only, and can start from the English ------


def stream_data(items):
    """StreamField form data for ``[(type, value, id)]``."""
    data = {}
    for index, (kind, value, block_id) in enumerate(items):
        data[str(index)] = {
            "type": kind,
            "value": value,
            "id": block_id,
            "deleted": "",
            "order": str(index),
        }
    data["count"] = str(len(items))
    return data


def edit_post(page, body_en, body_ar, **extra):
    data = {
        "title_en": page.title_en,
        "title_ar": page.title_ar,
        "slug_en": page.slug_en,
        "slug_ar": page.slug_ar,
        "introduction_en": page.introduction_en,
        "introduction_ar": page.introduction_ar,
        "body_en": stream_data(body_en),
        "body_ar": stream_data(body_ar),
        "comments": inline_formset([]),
    }
    data = nested_form_data(data)
    data.update(extra)
    return data


def block_definition(html, field):
    node = BeautifulSoup(html, "html.parser").find(id=field)
    return json.dumps(json.loads(node["data-w-block-data-value"]), ensure_ascii=False)


def test_the_arabic_panel_does_not_offer_the_values(admin_client, page):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    html = admin_client.get(url).content.decode()
    english = block_definition(html, "body_en")
    arabic = block_definition(html, "body_ar")
    assert "image-chooser" in english and "image-chooser" not in arabic
    assert "Shared with English" in arabic and "Shared with English" not in english
    # The text boxes are there, the value boxes are hidden inputs.
    assert 'type=\\"hidden\\"' in arabic
    assert "Choose a page" not in arabic


def test_values_posted_in_the_arabic_are_the_english_ones(admin_client, page, photo):
    other = Image.objects.create(title="Other", file=get_test_image_file())
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    body_en = [
        ("image", {"image": photo.pk, "alt_text": "", "caption": "Idlib"}, "img"),
        ("key_figure", figure("3,100", "Volunteers"), "fig"),
    ]
    body_ar = [
        ("image", {"image": json.dumps(other.pk), "caption": "إدلب"}, "img"),
        ("key_figure", {"value": json.dumps("9"), "label": "متطوع"}, "fig"),
    ]
    response = admin_client.post(url, edit_post(page, body_en, body_ar))
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = StandardPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.body_ar[0].value["image"] == photo
    assert draft.body_ar[1].value["value"] == "3,100"
    assert draft.body_ar[1].value["label"] == "متطوع"


def test_start_the_arabic_from_the_english_in_one_action(admin_client, home, photo):
    page = StandardPageFactory(
        parent=home, body_en=english_body(photo, home), body_ar=[]
    )
    page.save_revision()
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    html = admin_client.get(url).content.decode()
    assert "Start the Arabic from the English" in html
    body_en = [
        ("key_figure", figure("3,000", "Volunteers"), "fig"),
        ("heading", {"text": "Our history", "level": "h3"}, "head"),
    ]
    response = admin_client.post(
        url, edit_post(page, body_en, [], **{START_INPUT: "body_ar"})
    )
    assert response.status_code == 302
    draft = StandardPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    arabic = [(child.block_type, child.id) for child in draft.body_ar]
    assert arabic == [("key_figure", "fig"), ("heading", "head")]
    assert draft.body_ar[0].value["value"] == "3,000"
    assert draft.body_ar[0].value["label"] == ""
    assert draft.body_ar[1].value["level"] == "h3"
    assert draft.body_ar[1].value["text"] == ""
    # No English text passes for a translation.
    assert status(page) == Status.MISSING
    html = admin_client.get(url).content.decode()
    assert "Start the Arabic from the English" not in html


def test_starting_from_the_english_keeps_what_is_written(admin_client, page):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    body_en = [
        ("heading", {"text": "New section", "level": "h2"}, "new"),
        ("key_figure", figure("3,000", "Volunteers"), "fig"),
        ("paragraph", rich_text("<p>More.</p>"), "more"),
    ]
    body_ar = [("key_figure", {"value": '""', "label": "متطوع"}, "fig")]
    html = admin_client.get(url).content.decode()
    assert "Add the English blocks missing here" not in html
    response = admin_client.post(
        url, edit_post(page, body_en, body_ar, **{START_INPUT: "body_ar"})
    )
    assert response.status_code == 302
    draft = StandardPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert [child.id for child in draft.body_ar] == ["new", "fig", "more"]
    assert draft.body_ar[1].value["label"] == "متطوع"
    assert draft.body_ar[1].value["value"] == "3,000"
    assert draft.body_ar[0].value["text"] == ""
    assert "Add the English blocks missing here" not in admin_client.get(url).text
    # The English gains a block the Arabic lacks: the button offers it.
    body = list(draft.body_en.raw_data)
    body.append({"type": "quote", "id": "q", "value": {"text": "Save one life"}})
    draft.body_en = body
    draft.save_revision()
    assert "Add the English blocks missing here" in admin_client.get(url).text


def test_an_arabic_that_pairs_with_nothing_is_not_started_again(admin_client, page):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    body_en = [("key_figure", figure("3,000", "Volunteers"), "fig")]
    body_ar = [
        ("heading", {"text": "عنوان", "level": '"h2"'}, "x1"),
        ("heading", {"text": "عنوان آخر", "level": '"h2"'}, "x2"),
    ]
    response = admin_client.post(
        url, edit_post(page, body_en, body_ar, **{START_INPUT: "body_ar"})
    )
    assert response.status_code == 200
    assert "none of its blocks pairs with the English" in response.content.decode()


def test_the_arabic_admin_says_it_in_arabic(admin_client, admin_user, home, photo):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ar"
    profile.save()
    page = StandardPageFactory(
        parent=home, body_en=english_body(photo, home), body_ar=[]
    )
    page.save_revision()
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    html = admin_client.get(url).content.decode()
    assert "ابدأ النسخة العربية من الإنجليزية" in html
    assert "مشترك مع الإنجليزية" in block_definition(html, "body_ar")


def test_a_translator_gets_the_saved_english_values(client, page, sign_in, photo):
    """The English is read-only for a translator: what they post for it is ignored,
    and the Arabic takes the English values as saved."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    migration = __import__(
        "core.migrations.0004_translators_group_and_workflow", fromlist=["forwards"]
    )
    Group.objects.get_or_create(name="Moderators")
    migration.forwards(apps, None)
    translator = StandardPage._meta.apps.get_model("auth", "User").objects.create_user(
        "layla", "l@example.org", "x"
    )
    translator.groups.add(Group.objects.get(name="Translators"))
    sign_in(client, translator)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    body_en = [("key_figure", figure("9,999", "Changed"), "fig")]
    body_ar = [
        ("image", {"image": '""', "alt_text": "", "caption": "إدلب"}, "img"),
        ("key_figure", {"value": json.dumps("1"), "label": "متطوعون"}, "fig"),
    ]
    response = client.post(url, edit_post(page, body_en, body_ar))
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = StandardPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.body_en[1].value["value"] == "3,000"
    assert draft.body_ar[1].value["value"] == "3,000"
    assert draft.body_ar[1].value["label"] == "متطوعون"
    assert draft.body_ar[0].value["image"] == photo
