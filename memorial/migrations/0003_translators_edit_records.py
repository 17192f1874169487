"""Translators may edit memorial records (their Arabic fields; see core's Translators
group): change, never add, publish or delete them."""

from django.db import migrations


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    translators = Group.objects.filter(name="Translators").first()
    if translators is None:
        return
    record_type, _ = ContentType.objects.get_or_create(
        app_label="memorial", model="fallenvolunteer"
    )
    change, _ = Permission.objects.get_or_create(
        content_type=record_type,
        codename="change_fallenvolunteer",
        defaults={"name": "Can change fallen volunteer"},
    )
    translators.permissions.add(change)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_translators_group_and_workflow"),
        ("memorial", "0002_slug_address_characters"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
