"""Demo content for the home page and the about section (text in ``demo_data``)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from . import demo_data, demo_images, demo_statements
from .demo_content import CONTENT, SECTIONS, STRUCTURE, register, translated
from .models import (
    HomePage,
    SiteSettings,
    StandardPage,
    StatementIndexPage,
    StatementPage,
)


def child_by_slug(parent, slug, model):
    return model.objects.child_of(parent).filter(slug_en=slug).first()


def make_page(parent, model, slug, data, **fields):
    """Create an unpublished ``model`` under ``parent``, title and slug translated."""
    with translation.override("en"):
        page = model(title=data["title"]["en"], slug=slug["en"], **fields)
        translated(page, "title", data["title"])
        translated(page, "slug", slug)
        if "search_description" in data:
            translated(page, "search_description", data["search_description"])
        if "introduction" in data:
            translated(page, "introduction", data["introduction"])
        parent.add_child(instance=page)
    return page


def publish(page):
    with translation.override("en"):
        page.save_revision().publish()


def tree_root():
    """The page tree's root (and the root collection), made as Wagtail's migrations
    make them if they are missing (a database flushed by tests has none)."""
    if Collection.get_first_root_node() is None:  # images and documents need it
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        # The content types were made again with the tables: forget the old ids.
        ContentType.objects.clear_cache()
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    return root


def free_placeholder_slugs(root):
    """Move Wagtail's "welcome" placeholder off the slug "home" (in every language),
    so the real home page can take it; the placeholder is deleted once it is replaced.
    """
    placeholders = Page.objects.child_of(root).filter(
        content_type=ContentType.objects.get_for_model(Page), numchild=0
    )
    for page in placeholders:
        slug = f"wagtail-welcome-{page.pk}"
        fields = {"slug": slug}
        fields.update({f"slug_{code}": slug for code, _name in settings.LANGUAGES})
        Page.objects.filter(pk=page.pk).update(**fields)


@register(STRUCTURE)
@transaction.atomic
def load_structure(context):
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    root = tree_root()
    home = HomePage.objects.first()
    if home is None:
        free_placeholder_slugs(root)
        home = make_page(
            root,
            HomePage,
            {"en": "home", "ar": "home"},
            demo_data.HOME,
            hero_heading_en=demo_data.HOME["hero_heading"]["en"],
            hero_heading_ar=demo_data.HOME["hero_heading"]["ar"],
            mission_en=demo_data.HOME["mission"]["en"],
            mission_ar=demo_data.HOME["mission"]["ar"],
        )
        publish(home)
        context.add("home", home, created=True)
        context.log("Created the home page.")
        old_root = site.root_page if site else None
        if site is None:
            site = Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True
            )
        else:
            site.root_page = home
            site.site_name = "Syria Civil Defence"
            site.save()
        if (
            old_root is not None
            and old_root.pk != home.pk
            and not old_root.get_children()
        ):
            old_root.delete()  # Wagtail's "welcome" placeholder
    else:
        context.add("home", home)

    about = child_by_slug(home, "about", StandardPage)
    if about is None:
        about = make_page(home, StandardPage, demo_data.ABOUT["slug"], demo_data.ABOUT)
        about.show_in_menus = True
        publish(about)
        context.add("about", about, created=True)
    else:
        context.add("about", about)

    for data in demo_data.ABOUT_PAGES:
        page = child_by_slug(about, data["slug"]["en"], StandardPage)
        if page is None:
            page = make_page(about, StandardPage, data["slug"], data)
            publish(page)
            context.add(data["key"], page, created=True)
        else:
            context.add(data["key"], page)


def fill_body(context, key, data, field="body"):
    """Write the demo body of a page made in this run, once every page exists."""
    if key not in context.created:
        return
    page = context.pages[key].specific
    for language, blocks in data[field].items():
        setattr(page, f"{field}_{language}", context.stream(blocks))
    publish(page)


@register(CONTENT)
@transaction.atomic
def load_content(context):
    home = context.pages["home"].specific
    if "home" in context.created:
        for language, figures in demo_data.HOME["key_figures"].items():
            setattr(
                home,
                f"key_figures_{language}",
                [{"type": "key_figure", "value": figure} for figure in figures],
            )
        home.faq_page = context.pages.get("faq")
        fill_body(context, "home", demo_data.HOME)
    fill_body(context, "about", demo_data.ABOUT)
    for data in demo_data.ABOUT_PAGES:
        fill_body(context, data["key"], data)

    site = Site.objects.get(root_page=home)
    settings = SiteSettings.for_site(site)
    # No contact address or social accounts: the demo knows none that are real, and
    # the footer shows only what the settings hold (never a placeholder).
    if not settings.footer_text_en:
        settings.footer_text_en = (
            "A volunteer rescue organisation saving lives in Syria since 2014. "
            "Neutral, impartial and independent."
        )
        settings.footer_text_ar = (
            "منظمة إنقاذ تطوعية تعمل على إنقاذ الأرواح في سوريا منذ عام 2014، "
            "بحياد وعدم تحيز واستقلالية."
        )
        settings.donate_page = context.pages.get("donate")
        settings.save()


DEMO_COLLECTION = "Demo illustrations"


def illustration(name):
    """The image record of the demo illustration ``name``, drawn and stored the first
    time (``core.demo_images``: made here, never downloaded), its focal point on the
    subject of the drawing."""
    item = demo_images.BY_NAME[name]
    Image = get_image_model()
    image = Image.objects.filter(title=item.title).first()
    if image is not None:
        return image
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=DEMO_COLLECTION).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=DEMO_COLLECTION))
    data, centre = demo_images.draw(item.name, item.scene)
    x, y, width, height = demo_images.focus_box(centre)
    image = Image(
        title=item.title,
        description=item.description,
        collection=collection,
        focal_point_x=x + width // 2,
        focal_point_y=y + height // 2,
        focal_point_width=width,
        focal_point_height=height,
    )
    image.file.save(f"{item.name}.jpg", ContentFile(data), save=False)
    image.save()
    return image


@register(SECTIONS + 5)
@transaction.atomic
def load_statements(context):
    home = context.pages["home"]
    data = demo_statements.INDEX
    index = child_by_slug(home, data["slug"]["en"], StatementIndexPage)
    if index is not None:
        context.add(data["key"], index)
        return
    index = make_page(home, StatementIndexPage, data["slug"], data, show_in_menus=True)
    # In the menu next to About us: what the organisation says, before the questions.
    index.move(context.pages["about"], pos="right")
    index.refresh_from_db()
    publish(index)
    context.add(data["key"], index, created=True)
    for item in demo_statements.STATEMENTS:
        page = make_page(
            index,
            StatementPage,
            item["slug"],
            item,
            date=item["date"],
            image=illustration(item["image"]) if item["image"] else None,
            summary_en=item["summary"]["en"],
            summary_ar=item["summary"]["ar"],
            image_alt_en=item["image_alt"]["en"],
            image_alt_ar=item["image_alt"]["ar"],
        )
        context.add(item["key"], page, created=True)


@register(CONTENT + 5)
@transaction.atomic
def load_pictures(context):
    """The statements' bodies (they link to pages made by other sections), and the
    illustrations of the pages made in this run."""
    for item in demo_statements.STATEMENTS:
        fill_body(context, item["key"], item)
    for key, name in demo_statements.PAGE_IMAGES.items():
        if key not in context.created:
            continue
        page = context.pages[key].specific
        field = "hero_image" if isinstance(page, HomePage) else "image"
        if getattr(page, f"{field}_id") is None:
            setattr(page, field, illustration(name))
            item = demo_images.BY_NAME[name]
            setattr(page, f"{field}_alt_en", item.description)
            setattr(page, f"{field}_alt_ar", item.description_ar)
            publish(page)
