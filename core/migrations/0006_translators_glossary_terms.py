"""The glossary's starting terms (core/glossary_data.py), and translators may edit it."""

from django.db import migrations

from core.glossary_data import TERMS


def forwards(apps, schema_editor):
    GlossaryTerm = apps.get_model("core", "GlossaryTerm")
    if not GlossaryTerm.objects.exists():
        GlossaryTerm.objects.bulk_create(
            GlossaryTerm(term=english, term_en=english, term_ar=arabic, kind=kind)
            for english, arabic, kind in TERMS
        )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    translators = Group.objects.filter(name="Translators").first()
    if translators is None:
        return
    term_type, _ = ContentType.objects.get_or_create(
        app_label="core", model="glossaryterm"
    )
    for action in ("add", "change", "view"):
        permission, _ = Permission.objects.get_or_create(
            content_type=term_type,
            codename=f"{action}_glossaryterm",
            defaults={"name": f"Can {action} glossary term"},
        )
        translators.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_translators_glossary"),
        ("core", "0004_translators_group_and_workflow"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
