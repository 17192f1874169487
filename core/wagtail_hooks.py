from django.templatetags.static import static
from django.utils.html import format_html, json_script
from wagtail import hooks

from .translation_admin import language_attributes

# Translators: translated fields carry their language's lang and dir ----------------


@hooks.register("insert_global_admin_js")
def field_language_script():
    """The rule's languages and the script that marks the fields the browser builds."""
    return format_html(
        '{}<script src="{}" defer></script>',
        json_script(language_attributes(), "admin-field-languages"),
        static("js/admin-field-language.js"),
    )
