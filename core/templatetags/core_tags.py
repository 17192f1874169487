import hashlib
from urllib.parse import unquote

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.models import Site

from core import cache as page_cache
from core import fallback, figures

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language: ``[{code, name, url, current}]``.

    Wagtail pages use their translated slugs; a routable page keeps the part of the
    path below the page (a memorial record, say) and the query string; any other view
    is translated through Django's URL resolver.
    """
    request = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    page = context.get("page")
    query = request.META.get("QUERY_STRING", "")
    suffix = ""
    page_urls = None
    if page is not None and hasattr(page, "get_translated_url"):
        page_urls = translated_urls(page, request)
        # Page URLs are percent-encoded, request.path is not (Arabic slugs).
        own_url = unquote(page_urls[current] or "")
        if own_url and request.path.startswith(own_url):
            suffix = request.path[len(own_url) :]
    links = []
    for code, _name in settings.LANGUAGES:
        if page_urls is not None:
            url = (page_urls[code] or "") + suffix
        else:
            url = translate_url(request.path, code)
        if query:
            url = f"{url}?{query}"
        info = translation.get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "bidi": info["bidi"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return links


def translated_urls(page, request):
    """``{language: the page's URL in it}``, kept with the cached pieces per site
    and page (a preview's draft is always asked afresh)."""

    def find():
        return {
            code: page.get_translated_url(code, request)
            for code, _name in settings.LANGUAGES
        }

    if page.pk is None:
        return find()
    site = Site.find_for_request(request)
    return page_cache.remember_for_visitors(
        request, f"language-urls:{getattr(site, 'pk', None)}:{page.pk}", find
    )


@register.simple_tag(takes_context=True)
def header_key(context, languages):
    """What a page's header shows beyond the language and the site's contents (the
    menu, the donate link): the site, the page (the menu marks its section) and the
    page's address in each language (the language switcher), as a short key for
    ``{% fragment %}``. Empty, so the header is rendered each time, for anything
    but a site page without a query string (the switcher's links carry the query
    string, which is the visitor's)."""
    request = context.get("request")
    page = context.get("page")
    path = getattr(page, "path", None)
    if request is None or not path or request.META.get("QUERY_STRING"):
        return ""
    site = Site.find_for_request(request)
    parts = [getattr(site, "pk", None), path, *(link["url"] for link in languages)]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


@register.simple_tag(takes_context=True)
def content_language(context, page=None):
    """The language the page's text is really in: the active one, or the fallback."""
    current = translation.get_language()
    page = page or context.get("page")
    if hasattr(page, "has_translation") and not page.has_translation(current):
        return settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return current


@register.simple_tag
def lang_attrs(obj, field):
    """`` lang="en" dir="ltr"`` on the element showing ``obj.field`` when that text
    is the English fallback of a field not yet translated; nothing otherwise."""
    attributes = fallback.language_attributes(obj, field)
    return format_html_join("", ' {}="{}"', attributes.items())


@register.simple_tag(takes_context=True)
def fallen_back(context, *objects):
    """True when any visible part of the page (or of ``objects``) is shown in English
    because it is not yet translated: the page says so."""
    if context.get("partly_english"):  # the view found some itself
        return True
    objects = objects or (context.get("page"),)
    return any(fallback.fallen_back_fields(obj) for obj in objects if obj is not None)


@register.simple_tag
def display_title(page):
    """The page's title for the browser tab: its SEO title in this language, or
    its title (never the English SEO title under an Arabic page)."""
    if page.seo_title and not fallback.falls_back(page, "seo_title"):
        return page.seo_title
    return page.title


@register.simple_tag(takes_context=True)
def menu_items(context):
    """The home page's live children marked “show in menus”, in tree order.

    Every page shows the menu, so it is kept in the fragment cache (per site and
    language) until the site next changes.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []

    def build():
        pages = site.root_page.get_children().live().public().in_menu()
        return [
            {
                "title": page.title,
                "url": page.get_url(request=request),
                "path": page.path,
                "lang_attrs": lang_attrs(page, "title"),
            }
            for page in pages
        ]

    language = translation.get_language()
    items = page_cache.remember(f"menu:{site.pk}:{language}", build)
    current = context.get("page")
    current_path = getattr(current, "path", None)
    return [
        {**item, "active": bool(current_path) and current_path.startswith(item["path"])}
        for item in items
    ]


@register.simple_tag
def live_figure(name, default="—"):
    """``{% live_figure "memorial.total_lost" %}``: the figure's current value."""
    return figures.render(name, default=default)


@register.filter
def isolate(value):
    """A visitor's own words inside a sentence (a search query): ``<bdi>`` lays
    them out in their own direction, whatever the language around them."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def percent(value):
    """``{{ share|percent }}``: ``45%`` in English, ``45٪`` in Arabic."""
    return figures.format_percent(value)


@register.filter
def bidi_dir(language_code):
    return "rtl" if translation.get_language_info(language_code)["bidi"] else "ltr"


@register.tag
def fragment(parser, token):
    """``{% fragment "name" page.pk %}…{% endfragment %}``: the enclosed HTML, rendered
    once per language (and per the other values given) and kept in the fragment cache
    until the site next changes: a publish anywhere, a memorial record, the settings.

    Only for HTML that is the same for every visitor at every address of the page (a
    page's body, the memorial's charts), never for anything that depends on the
    request. A preview (a draft) is always rendered afresh and never stored.
    """
    return _fragment(parser, token, "endfragment", personal=False)


@register.tag
def personal_fragment(parser, token):
    """``{% personal_fragment "name" … %}…{% endpersonal_fragment %}``: a fragment
    showing a personal record (a memorial card), kept no longer than pages showing
    such records are (``PAGE_CACHE_PERSONAL_SECONDS``), even should a change not
    reach the cache."""
    return _fragment(parser, token, "endpersonal_fragment", personal=True)


def _fragment(parser, token, end, personal):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    parts = [parser.compile_filter(bit) for bit in bits[1:]]
    nodelist = parser.parse((end,))
    parser.delete_first_token()
    return FragmentNode(parts, nodelist, personal)


class FragmentNode(template.Node):
    def __init__(self, parts, nodelist, personal=False):
        self.parts = parts
        self.nodelist = nodelist
        self.personal = personal

    def render(self, context):
        names = [str(part.resolve(context)) for part in self.parts]
        key = ":".join(["html", *names, translation.get_language()])
        html = page_cache.remember_for_visitors(
            context.get("request"),
            key,
            lambda: self.nodelist.render(context),
            personal=self.personal,
        )
        return mark_safe(html)  # noqa: S308 - the enclosed template's own output
