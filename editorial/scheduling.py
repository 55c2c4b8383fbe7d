"""Scheduling never loses work: the edit forms of everything that can be scheduled.

Two things Wagtail's forms leave to the editor:

- An item that expired on schedule keeps its past expiry date, and Wagtail refuses to save a
  form whose expiry date lies in the past. The form therefore starts without that date, and a
  stale form that still sends it back is read as "no expiry date" (a new past date that an
  editor types is still refused).
- A scheduled change takes its new slug or name only when it goes live. The form refuses a
  slug or name that a scheduled change of another item is going to take, so the scheduled
  publication cannot fail later.

EditorialConfig.ready() gives every model with a publishing schedule (pages, actor types and
any later snippet or page type) a form class with this mixin, on top of its own.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import DraftStateMixin, Page, Revision

# The history entry of a scheduled publication that failed (editorial publish_scheduled).
FAILED_ACTION = "editorial.publish.scheduled_failed"


class ScheduleFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        expire_at = getattr(self.instance, "expire_at", None)
        self.past_expire_at = expire_at if expire_at and expire_at <= timezone.now() else None
        if self.past_expire_at and "expire_at" in self.fields:
            self.initial["expire_at"] = None

    def clean(self):
        cleaned_data = super().clean()
        # Wagtail's WagtailAdminDraftStateFormMixin checks the expiry date after this method.
        if self.past_expire_at and same_minute(cleaned_data.get("expire_at"), self.past_expire_at):
            cleaned_data["expire_at"] = None
        for field_name, taken_by in self.values_taken_by_scheduled_changes(cleaned_data):
            when = date_format(timezone.localtime(taken_by.approved_go_live_at), "j F Y H:i")
            self.add_error(
                field_name,
                ValidationError(
                    _(
                        "“%(value)s” is reserved: a scheduled change of “%(item)s” takes it on "
                        "%(date)s. Choose another one, or change that schedule first."
                    ),
                    params={
                        "value": cleaned_data[field_name],
                        "item": taken_by.object_str,
                        "date": when,
                    },
                ),
            )
        return cleaned_data

    def values_taken_by_scheduled_changes(self, cleaned_data):
        """(field name, scheduled revision) for each value of this form that a scheduled change
        of another item is going to take: a page's slug among its siblings, a snippet's unique
        fields anywhere."""
        instance = self.instance
        scheduled = Revision.objects.filter(
            approved_go_live_at__isnull=False,
            base_content_type=ContentType.objects.get_for_model(
                Page if isinstance(instance, Page) else type(instance)
            ),
        )
        if instance.pk:
            scheduled = scheduled.exclude(object_id=str(instance.pk))
        if isinstance(instance, Page):
            parent = getattr(self, "parent_page", None) or instance.get_parent()
            slug = cleaned_data.get("slug")
            if slug and parent:
                for revision in scheduled.filter(content__slug=slug):
                    page = Page.objects.filter(pk=revision.object_id).first()
                    if page and page.path[: -Page.steplen] == parent.path:
                        yield "slug", revision
            return
        for field in type(instance)._meta.fields:
            value = cleaned_data.get(field.name)
            if field.unique and not field.primary_key and value not in (None, ""):
                revision = scheduled.filter(**{f"content__{field.name}": value}).first()
                if revision:
                    yield field.name, revision


def same_minute(first, second):
    """The admin's date fields hold minutes: a date sent back from a form equals the stored one
    up to its seconds."""
    if first is None or second is None:
        return False
    return first.replace(second=0, microsecond=0) == second.replace(second=0, microsecond=0)


def use_schedule_forms():
    """Gives every model with a publishing schedule an edit form with ScheduleFormMixin."""
    for model in apps.get_models():
        if not issubclass(model, DraftStateMixin):
            continue
        default = WagtailAdminPageForm if issubclass(model, Page) else WagtailAdminModelForm
        base = getattr(model, "base_form_class", None) or default
        if issubclass(base, ScheduleFormMixin):
            continue
        form_class = type(base)(
            f"{model.__name__}ScheduleForm", (ScheduleFormMixin, base), {"__module__": __name__}
        )
        model.base_form_class = form_class
