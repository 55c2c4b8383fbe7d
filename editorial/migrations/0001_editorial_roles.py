"""The groups Redacteurs, Hoofdredacteurs and Beheerders and the workflow Redactionele goedkeuring.

On a fresh database the home page does not exist yet: load_initial_data grants the page
permissions when it creates the home page (see editorial.roles).
"""

from django.conf import settings
from django.db import migrations

from editorial.roles import remove_wagtail_default_roles, set_up_editorial_roles


def forwards(apps, schema_editor):
    remove_wagtail_default_roles(apps)
    home = apps.get_model("pages", "HomePage").objects.order_by("pk").first()
    set_up_editorial_roles(apps, home_page_id=home.pk if home else None)


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("actortypes", "0001_initial"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("pages", "0002_content_page_image_block_vlaanderen_widget"),
    ]

    # Going back leaves the groups alone: people may already be members.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
