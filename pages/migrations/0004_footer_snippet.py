"""The footer becomes a snippet with drafts, revisions and approval, instead of a site setting
that went live on save. An existing install keeps its footer: the content moves over, published."""

import django.db.models.deletion
import pages.phone
import wagtail.fields
import wagtail.models.preview
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def move_footer_settings(apps, schema_editor):
    FooterSettings = apps.get_model("pages", "FooterSettings")
    Footer = apps.get_model("pages", "Footer")
    old = FooterSettings.objects.order_by("-site__is_default_site", "pk").first()
    if old is None or Footer.objects.exists():
        return
    now = timezone.now()
    Footer.objects.create(
        organisation=old.organisation,
        address=old.address,
        phone=old.phone,
        email=old.email,
        links=list(old.links.raw_data),
        live=True,
        first_published_at=now,
        last_published_at=now,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('pages', '0003_rich_text_editors'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Footer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                ('locked', models.BooleanField(default=False, editable=False, verbose_name='locked')),
                ('locked_at', models.DateTimeField(editable=False, null=True, verbose_name='locked at')),
                ('organisation', models.CharField(max_length=120, verbose_name='organisation')),
                ('address', models.TextField(blank=True, verbose_name='address')),
                ('phone', models.CharField(blank=True, help_text='A Belgian number as you would write it, e.g. 02 553 00 00 or 1700.', max_length=40, validators=[pages.phone.validate_phone], verbose_name='telephone')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail address')),
                ('links', wagtail.fields.StreamField([('link', 3)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Label', 'max_length': 80}), 1: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Page', 'required': False}), 2: ('wagtail.blocks.URLBlock', (), {'label': 'External address', 'required': False}), 3: ('wagtail.blocks.StructBlock', [[('label', 0), ('page', 1), ('url', 2)]], {})}, verbose_name='links')),
                ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                ('locked_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='locked_%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='locked by')),
            ],
            options={
                'verbose_name': 'footer',
                'verbose_name_plural': 'footer',
            },
            bases=(wagtail.models.preview.PreviewableMixin, models.Model),
        ),
        # Going back leaves the settings empty: the snippet's versions cannot be squeezed into them.
        migrations.RunPython(move_footer_settings, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='FooterSettings',
        ),
    ]
