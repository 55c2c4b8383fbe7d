"""Uploads wait for approval: the private collection "Te keuren", where Redacteurs' images and
documents go until a Hoofdredacteur releases them (editorial.roles.set_up_media_review)."""

from django.db import migrations

from editorial.roles import set_up_media_review


def forwards(apps, schema_editor):
    set_up_media_review(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_footer_rights"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # Going back leaves the collection alone: media may already be in it.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
