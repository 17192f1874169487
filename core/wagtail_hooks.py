from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, json_script
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm
from .translation_admin import language_attributes

# Right-to-left editing: translated fields carry their language's lang and dir -----


@hooks.register("insert_global_admin_js")
def field_language_script():
    """The rule's languages and the script that marks the fields the browser builds."""
    return format_html(
        '{}<script src="{}" defer></script>',
        json_script(language_attributes(), "admin-field-languages"),
        static("js/admin-field-language.js"),
    )


# The glossary, edited as a snippet and shown beside the fields it helps translate --


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "openquote"
    menu_label = _("Glossary")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["term_en", "term_ar", "kind", "note"]
    list_filter = ["kind"]
    search_fields = ["term_en", "term_ar", "note"]
    search_backend_name = None


register_snippet(GlossaryViewSet)


@hooks.register("insert_editor_js")
def glossary_beside_arabic_fields():
    """The glossary of each language but the default one, which the editor script
    shows beside the field being written in that language."""
    source = settings.LANGUAGE_CODE
    terms = list(GlossaryTerm.objects.all())
    attributes = language_attributes()
    glossaries = []
    for code, name in settings.LANGUAGES:
        if code == source:
            continue
        field = f"term_{code.replace('-', '_')}"
        rows = [
            (getattr(term, f"term_{source}"), getattr(term, field), term)
            for term in terms
            if getattr(term, field, None)
        ]
        glossaries.append(
            {"code": code, "name": name, "attributes": attributes[code], "rows": rows}
        )
    return render_to_string(
        "wagtailadmin/glossary_beside_fields.html",
        {
            "glossaries": glossaries,
            "source_attributes": attributes[source],
            "glossary_url": reverse(GlossaryTerm.snippet_viewset.get_url_name("list")),
        },
    )
