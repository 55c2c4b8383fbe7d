"""The footer became a snippet (pages 0004): Redacteurs edit it, Hoofdredacteurs approve and
publish it, through Redactionele goedkeuring. Beheerders' right on the old footer setting went
with it."""

from django.db import migrations

from editorial.roles import grant_new_model


def forwards(apps, schema_editor):
    grant_new_model(apps, "pages", "footer")
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="pages", content_type__model="footersettings"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_editorial_roles"),
        ("pages", "0004_footer_snippet"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
