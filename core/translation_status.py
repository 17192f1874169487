"""Translation status: for every translated field of every page, snippet and inline row,
in every language but the default one, whether the translation is missing, up to date
or outdated.

It is worked out each time a revision is saved (a draft, a submission or a publish), by
comparing the revision with the one before: a translation saved (or changed) records a
digest of its source text; when the source text later differs from that digest, the
translation is outdated; an empty translation of a non-empty source is missing.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from modeltranslation.translator import NotRegistered, translator
from wagtail.models import Page, Revision, RevisionMixin
from wagtail.signals import published

from .models import TranslationStatus
from .shared_values import text_only

# Made from other fields, not translated by hand.
DERIVED = {"url_path", "slug"}


def translated_fields(model):
    """The base names of ``model``'s translated fields ([] when it has none)."""
    try:
        fields = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return []
    return [name for name in fields if name not in DERIVED]


def _text(item, name):
    if item is None:
        return None
    value = getattr(item, name, None)
    if value is None:
        return ""
    if hasattr(value, "get_prep_value"):  # a StreamValue: its text, not its values
        return text_only(value.stream_block, list(value.get_prep_value()))
    return str(value).strip()


def _whole_stream_digest(item, name):
    """The digest statuses kept before shared values were left out (the whole
    stream's JSON), or None for a field that is not a StreamField."""
    value = getattr(item, name, None)
    if not hasattr(value, "get_prep_value"):
        return None
    return digest(
        json.dumps(value.get_prep_value(), sort_keys=True, ensure_ascii=False)
    )


def _localized(base, language):
    return f"{base}_{language.replace('-', '_')}"


def _entries(obj, previous):
    """``(key, label, item, previous_item, base)`` for each translated field of
    ``obj`` and of its inline rows (matched with ``previous``'s by id)."""
    for base in translated_fields(type(obj)):
        label = str(type(obj)._meta.get_field(base).verbose_name)
        yield base, label, obj, previous, base
    for relation in get_all_child_relations(type(obj)):
        fields = translated_fields(relation.related_model)
        if not fields:
            continue
        accessor = relation.get_accessor_name()
        earlier = (
            {child.pk: child for child in getattr(previous, accessor).all()}
            if previous is not None
            else {}
        )
        for child in getattr(obj, accessor).all():
            if child.pk is None:
                continue
            for base in fields:
                field = relation.related_model._meta.get_field(base)
                label = f"{str(child)[:80]}: {field.verbose_name}"
                key = f"{accessor}.{child.pk}.{base}"
                yield key, label, child, earlier.get(child.pk), base


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def record(obj, previous=None, minor=False):
    """Bring ``obj``'s statuses up to date; ``previous`` is the version before. A
    ``minor`` change of the source leaves its up-to-date translations up to date."""
    source_language = settings.LANGUAGE_CODE
    languages = [code for code, _name in settings.LANGUAGES if code != source_language]
    content_type = ContentType.objects.get_for_model(obj)
    rows = {
        (row.field, row.language): row
        for row in TranslationStatus.objects.filter(
            content_type=content_type, object_id=str(obj.pk)
        )
    }
    seen = set()
    title = str(obj)[:255]
    for key, label, item, earlier, base in _entries(obj, previous):
        source = _text(item, _localized(base, source_language))
        for language in languages:
            translation = _text(item, _localized(base, language))
            row = rows.get((key, language))
            if (
                row is not None
                and row.source_digest
                and row.source_digest
                == _whole_stream_digest(item, _localized(base, source_language))
            ):
                # Kept from the whole stream, as it still is: the same source.
                row.source_digest = digest(source)
                row.save(update_fields=["source_digest"])
            if not source and not translation:
                continue
            seen.add((key, language))
            if row is None:
                row = TranslationStatus(
                    content_type=content_type,
                    object_id=str(obj.pk),
                    field=key,
                    language=language,
                )
            if not translation:
                status, source_digest = TranslationStatus.Status.MISSING, ""
            elif (
                row.pk is None
                or row.status == TranslationStatus.Status.MISSING
                or (
                    earlier is not None
                    and translation != _text(earlier, _localized(base, language))
                )
            ):
                status, source_digest = (
                    TranslationStatus.Status.UP_TO_DATE,
                    digest(source),
                )
            elif digest(source) != row.source_digest:
                if minor and row.status == TranslationStatus.Status.UP_TO_DATE:
                    status, source_digest = row.status, digest(source)
                else:
                    status, source_digest = (
                        TranslationStatus.Status.OUTDATED,
                        row.source_digest,
                    )
            else:
                status, source_digest = row.status, row.source_digest
            changed = (row.status, row.source_digest, row.object_title) != (
                status,
                source_digest,
                title,
            )
            if row.pk is None or changed or row.field_label != label[:255]:
                row.status, row.source_digest = status, source_digest
                row.object_title, row.field_label = title, label[:255]
                row.save()
    gone = [row.pk for field, row in rows.items() if field not in seen]
    if gone:
        TranslationStatus.objects.filter(pk__in=gone).delete()


def mark_checked(row, user=None):
    """``user`` read the translation and it still fits its source as it is now."""
    obj = row.content_type.get_object_for_this_type(pk=row.object_id)
    if hasattr(obj, "get_latest_revision_as_object"):
        obj = obj.get_latest_revision_as_object()
    item = obj
    base = row.field
    if "." in row.field:
        accessor, pk, base = row.field.split(".")
        item = next(
            (child for child in getattr(obj, accessor).all() if str(child.pk) == pk),
            None,
        )
    source = _text(item, _localized(base, settings.LANGUAGE_CODE)) or ""
    row.status = TranslationStatus.Status.UP_TO_DATE
    row.source_digest = digest(source)
    row.checked_by, row.checked_at = user, timezone.now()
    row.save()


def _is_translated(model):
    return model is not None and bool(
        translated_fields(model)
        or any(
            translated_fields(relation.related_model)
            for relation in get_all_child_relations(model)
        )
    )


def _revision_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    model = instance.content_type.model_class()
    if not _is_translated(model):
        return
    earlier = (
        Revision.objects.filter(
            base_content_type_id=instance.base_content_type_id,
            object_id=instance.object_id,
        )
        .exclude(pk=instance.pk)
        .order_by("-created_at", "-pk")
        .first()
    )
    # The form's "minor change" tick, on the object the revision was saved from.
    minor = getattr(instance.content_object, "minor_edit", False)
    record(
        instance.as_object(),
        earlier.as_object() if earlier is not None else None,
        minor=minor,
    )


def _published(sender, instance, **kwargs):
    """Inline rows added in the revision being published had no id when it was saved,
    so their statuses start here, from the live object (the others are unchanged)."""
    if _is_translated(type(instance)):
        record(instance)


def record_all(models):
    """Statuses for every object of ``models`` as it stands (its latest draft), for
    content saved before statuses were kept or without a revision (imports)."""
    count = 0
    for model in models:
        objects = model.objects.all()
        if issubclass(model, Page):
            objects = objects.exact_type(model).specific()
        for obj in objects.iterator(chunk_size=500):
            if getattr(obj, "has_unpublished_changes", False) and hasattr(
                obj, "get_latest_revision_as_object"
            ):
                obj = obj.get_latest_revision_as_object()
            record(obj)
            count += 1
    return count


def translated_models():
    """Pages and snippets with revisions and translated fields."""
    found = []
    for model in translator.get_registered_models(abstract=False):
        if model._meta.proxy or model is Page:
            continue
        if issubclass(model, RevisionMixin):
            found.append(model)
    return found


def register():
    post_save.connect(
        _revision_saved, sender=Revision, dispatch_uid="core.translation_status"
    )
    published.connect(_published, dispatch_uid="core.translation_status.published")
