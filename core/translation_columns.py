"""A "Translations" column for admin listings (pages, memorial records): for each
object, how many of its translations are missing or outdated, linking to the
Translations report filtered for that object.

The counts for every row of a listing come from one query, made when the first cell
is drawn."""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.admin.ui.tables import Column

from .models import TranslationStatus


def _content_type_id(instance):
    # A page row is the base Page, which knows its specific type.
    return getattr(instance, "content_type_id", None) or (
        ContentType.objects.get_for_model(instance).pk
    )


def translation_summary(objects):
    """``{(content type id, object id): Counter of statuses}`` for ``objects``."""
    objects = list(objects)
    summary = {}
    if not objects:
        return summary
    rows = (
        TranslationStatus.objects.filter(
            content_type_id__in={_content_type_id(obj) for obj in objects},
            object_id__in=[str(obj.pk) for obj in objects],
        )
        .values_list("content_type_id", "object_id", "status")
        .order_by()
    )
    for content_type_id, object_id, status in rows:
        summary.setdefault((content_type_id, object_id), Counter())[status] += 1
    return summary


class TranslationStatusColumn(Column):
    cell_template_name = "wagtailadmin/translation_status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        table = parent_context["table"]
        if not hasattr(table, "translation_summary"):
            table.translation_summary = translation_summary(table.data)
        content_type_id = _content_type_id(instance)
        counts = table.translation_summary.get((content_type_id, str(instance.pk)))
        context["counts"] = counts
        if counts:
            context["missing"] = counts[TranslationStatus.Status.MISSING]
            context["outdated"] = counts[TranslationStatus.Status.OUTDATED]
            context["report_url"] = (
                reverse("core_translations_report")
                + f"?content_type={content_type_id}&object_id={instance.pk}"
            )
        return context
