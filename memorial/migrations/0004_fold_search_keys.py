"""Recompute every record's name search key with the site's one search normalisation
(the article and compound names are now folded too)."""

from django.db import migrations

from memorial import names


def refold(apps, schema_editor):
    FallenVolunteer = apps.get_model("memorial", "FallenVolunteer")
    name_fields = [
        field.name
        for field in FallenVolunteer._meta.fields
        if field.name == "name" or field.name.startswith("name_")
    ]
    changed = []
    people = FallenVolunteer.objects.only(
        "pk", "other_names", "search_key", *name_fields
    )
    for person in people:
        key = names.search_key(
            *[getattr(person, field) or "" for field in name_fields],
            person.other_names,
        )
        if key != person.search_key:
            person.search_key = key
            changed.append(person)
    FallenVolunteer.objects.bulk_update(changed, ["search_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("memorial", "0003_translators_edit_records")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
