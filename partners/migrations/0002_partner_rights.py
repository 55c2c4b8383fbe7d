"""Partners are new: Redacteurs write them, Hoofdredacteurs approve and publish them, through
Redactionele goedkeuring (editorial.roles)."""

from django.db import migrations

from editorial.roles import grant_new_model


def forwards(apps, schema_editor):
    grant_new_model(apps, "partners", "partner")


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_media_review"),
        ("partners", "0001_partner_and_partner_list"),
    ]

    # Going back leaves the groups' permissions alone, as the other rights migrations do.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
