"""One "Draft saved" entry in the history for a burst of drafts by one editor.

Wagtail 8's autosave saves the editor's work every half a second. Within one visit
to the editor it overwrites the same revision and groups its log entries (one uuid),
but every new visit, every "Save draft" click and every autosave after a manual save
starts a new revision and a new entry: a page can gather fifteen "Draft saved" in a
few minutes.

Here, when a draft is saved by the same person as the entry just before it in the
object's history, and that entry is also a draft saved less than
``DRAFT_HISTORY_MERGE_MINUTES`` ago, the new entry joins the earlier one's group
(Wagtail's history shows the newest entry of a group), and the earlier revision,
now superseded, is deleted when nothing else refers to it: never the latest
revision, the live one, a revision scheduled to publish, submitted to a workflow or
carrying comments; any other action in between (a publish, a submission, another
editor's draft) starts a new entry.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db.models.signals import post_save
from wagtail.models import (
    Comment,
    ModelLogEntry,
    PageLogEntry,
    Revision,
    TaskState,
)

ACTION = "wagtail.edit"


def _window():
    return timedelta(minutes=getattr(settings, "DRAFT_HISTORY_MERGE_MINUTES", 10))


def _entry_before(entry):
    if isinstance(entry, PageLogEntry):
        same_object = {"page_id": entry.page_id}
    else:
        same_object = {
            "content_type_id": entry.content_type_id,
            "object_id": entry.object_id,
        }
    return (
        type(entry)
        .objects.filter(**same_object)
        .exclude(pk=entry.pk)
        .filter(timestamp__lte=entry.timestamp)
        .order_by("-timestamp", "-pk")
        .first()
    )


def _revision_is_referenced(revision, entry_model):
    """Whether anything but draft log entries points at ``revision``."""
    obj = revision.content_object
    if obj is None:
        return True
    if getattr(obj, "latest_revision_id", None) == revision.pk:
        return True
    if getattr(obj, "live_revision_id", None) == revision.pk:
        return True
    if revision.approved_go_live_at is not None:
        return True
    if TaskState.objects.filter(revision=revision).exists():
        return True
    if Comment.objects.filter(revision_created=revision).exists():
        return True
    return (
        entry_model.objects.filter(revision_id=revision.pk)
        .exclude(action=ACTION)
        .exists()
    )


def collapse(entry):
    """Join ``entry`` (a new "Draft saved") to the burst it continues, if any."""
    if entry.action != ACTION or entry.user_id is None or entry.revision_id is None:
        return
    before = _entry_before(entry)
    if (
        before is None
        or before.action != ACTION
        or before.user_id != entry.user_id
        or entry.timestamp - before.timestamp > _window()
    ):
        return
    group = before.uuid or uuid.uuid4()
    if before.uuid != group:
        type(before).objects.filter(pk=before.pk).update(uuid=group)
    if entry.uuid != group:
        type(entry).objects.filter(pk=entry.pk).update(uuid=group)
        entry.uuid = group
    superseded = before.revision_id
    if superseded and superseded != entry.revision_id:
        revision = Revision.objects.filter(pk=superseded).first()
        if revision is not None and not _revision_is_referenced(revision, type(entry)):
            revision.delete()


def _log_entry_saved(sender, instance, created, raw=False, **kwargs):
    # Logged after the revision is saved and the object points at it.
    if created and not raw and instance.action == ACTION:
        collapse(instance)


def register():
    for model in (PageLogEntry, ModelLogEntry):
        post_save.connect(
            _log_entry_saved,
            sender=model,
            dispatch_uid=f"core.draft_history.{model.__name__}",
        )
