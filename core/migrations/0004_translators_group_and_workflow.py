"""The Translators group and the "Translation review" workflow.

Translators may open the admin and edit pages (never add, publish or delete them);
which fields they may change is settings.TRANSLATOR_GROUPS (Arabic). What they submit
goes first to "Arabic review" (approved by the Moderators), then to the moderators'
usual approval; for anyone else the review step is skipped. The workflow is given to
the root page, so every page uses it unless a section is given another.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    TranslationReviewTask = apps.get_model("core", "TranslationReviewTask")

    translators, _ = Group.objects.get_or_create(name="Translators")
    admin_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    translators.permissions.add(access_admin)
    page_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="page"
    )
    change_page, _ = Permission.objects.get_or_create(
        content_type=page_type,
        codename="change_page",
        defaults={"name": "Can change page"},
    )
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    GroupPagePermission.objects.get_or_create(
        group=translators, page=root, permission=change_page
    )

    if Workflow.objects.filter(name="Translation review").exists():
        return
    task_type, _ = ContentType.objects.get_or_create(
        app_label="core", model="translationreviewtask"
    )
    review = TranslationReviewTask.objects.create(
        name="Arabic review", content_type=task_type, active=True
    )
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        review.groups.add(moderators)
    workflow = Workflow.objects.create(name="Translation review", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
    approval = (
        GroupApprovalTask.objects.filter(name="Moderators approval", active=True)
        .exclude(pk=review.pk)
        .first()
    )
    if approval is not None:
        WorkflowTask.objects.create(workflow=workflow, task=approval, sort_order=1)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("core", "0003_translators_review_task"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
