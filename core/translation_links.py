"""Where the Translations report sends a translator: the edit screen of the page or
record, at the box of the field to fix.

The address ends with the id the edit form gives that box: ``#id_introduction_ar`` for
a field, ``#id_questions-2-question_ar`` for a field of an inline row (the row's place
in the form, which shows the latest revision, counted from 0), and ``#body_ar`` or
``#questions-2-answer_ar`` for a StreamField, whose editor has no ``id_`` prefix. The
admin script ``js/admin-field-focus.js`` then opens the tab and the collapsed panels
holding that box, scrolls to it and puts the cursor in it.
"""

from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Page


def _edit_url(model, object_id):
    if issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=(object_id,))
    if hasattr(model, "snippet_viewset"):
        return reverse(model.snippet_viewset.get_url_name("edit"), args=(object_id,))
    return ""


def _input_id(model, base, language, prefix=""):
    name = f"{base}_{language.replace('-', '_')}"
    try:
        field = model._meta.get_field(base)
    except FieldDoesNotExist:  # a field removed since: the top of the form
        return ""
    if isinstance(field, StreamField):
        return f"{prefix}{name}"
    return f"id_{prefix}{name}"


class EditLinks:
    """The links of one listing's rows; each object's latest revision is read once."""

    def __init__(self):
        self.forms = {}

    def _form_object(self, model, object_id):
        key = (model, object_id)
        if key not in self.forms:
            obj = model._default_manager.filter(pk=object_id).first()
            if obj is not None and hasattr(obj, "specific"):
                obj = obj.specific
            if obj is not None and hasattr(obj, "get_latest_revision_as_object"):
                obj = obj.get_latest_revision_as_object()
            self.forms[key] = obj
        return self.forms[key]

    def anchor(self, row):
        """The id of the box of ``row``'s field in the edit form ("" if not found)."""
        model = row.content_type.model_class()
        if "." not in row.field:
            return _input_id(model, row.field, row.language)
        accessor, pk, base = row.field.split(".")
        obj = self._form_object(model, row.object_id)
        if obj is None:
            return ""
        children = list(getattr(obj, accessor).all())
        index = next(
            (i for i, child in enumerate(children) if str(child.pk) == pk), None
        )
        if index is None:  # a row deleted since: its list
            return f"panel-child-content-{accessor}-section"
        prefix = f"{accessor}-{index}-"
        return _input_id(children[index]._meta.model, base, row.language, prefix)

    def url(self, row):
        model = row.content_type.model_class()
        if model is None:
            return ""
        url = _edit_url(model, row.object_id)
        anchor = self.anchor(row) if url else ""
        return f"{url}#{anchor}" if anchor else url
