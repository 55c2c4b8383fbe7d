"""Wagtail's publish_scheduled, where one failure never stops the others.

Wagtail's command stops at the first scheduled change that cannot be published (for example
because another item took its slug or name after it was scheduled): the items after it wait,
and the failed change is tried again, and fails again, every minute, without a word to anyone.

Here every expiry and every scheduled publication runs in its own transaction. A publication
that fails is rolled back completely, its schedule is removed (the change itself stays: it is
the item's latest draft, and its history shows it), and the failure is recorded in the item's
history, logged, and e-mailed to the editors who wrote and who scheduled the change.
"""

import logging

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.mail import send_mail
from wagtail.log_actions import log
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import DraftStateMixin, ModelLogEntry, Page, PageLogEntry, Revision

from editorial.scheduling import FAILED_ACTION

logger = logging.getLogger(__name__)


class Command(WagtailCommand):
    help = "Publishes and expires what editors scheduled; one failure never stops the others."

    def handle(self, *args, **options):
        if options["dryrun"]:
            return super().handle(*args, **options)
        with translation.override(settings.LANGUAGE_CODE):
            self.expire()
            self.publish()

    def expire(self):
        now = timezone.now()
        models = [Page] + [
            model
            for model in apps.get_models()
            if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
        ]
        for model in models:
            for item in list(model.objects.filter(live=True, expire_at__lt=now)):
                try:
                    with transaction.atomic():
                        item.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
                except Exception:  # one item's failure must not keep the others online
                    # It stays live and is tried again at the next run.
                    logger.exception("Scheduled expiry of %r (pk=%s) failed", item, item.pk)

    def publish(self):
        due = Revision.objects.filter(approved_go_live_at__lt=timezone.now())
        for revision in list(due.order_by("approved_go_live_at")):
            try:
                with transaction.atomic():
                    revision.publish(log_action="wagtail.publish.scheduled")
            except Exception as error:  # one item's failure must not delay the others
                logger.exception(
                    "Scheduled publication of revision %s (%s) failed",
                    revision.pk,
                    revision.object_str,
                )
                report_failed_publication(revision, reason(error))


def reason(error):
    """Why a publication failed, in words an editor understands."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, IntegrityError):
        return _("Another item already uses its name or address (slug).")
    return _("An unexpected error occurred; the developers can find it in the log.")


def report_failed_publication(revision, why):
    """Removes the failed schedule, and tells the item's history and its editors why."""
    go_live_at = revision.approved_go_live_at
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
    item = revision.content_object
    log(
        instance=item,
        action=FAILED_ACTION,
        data={"reason": why, "go_live_at": go_live_at.isoformat()},
        revision=revision,
    )
    schedulers = [
        entry.user
        for entry in log_entries_for(item).filter(
            action="wagtail.publish.schedule", revision=revision
        )
    ]
    recipients = {
        user.email: user
        for user in [revision.user, *schedulers]
        if user is not None and user.is_active and user.email
    }
    if not recipients:
        return
    edit_url = AdminURLFinder().get_edit_url(item)
    subject = _("Scheduled publication failed: %(item)s") % {"item": str(item)}
    message = _(
        "The change of “%(item)s” that was scheduled to go live on %(date)s could not be "
        "published.\n\nReason: %(reason)s\n\nThe change is kept as a draft and is no longer "
        "scheduled. Correct it and publish or schedule it again:\n%(url)s\n"
    ) % {
        "item": str(item),
        "date": date_format(timezone.localtime(go_live_at), "j F Y H:i"),
        "reason": why,
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (edit_url or "/admin/"),
    }
    send_mail(subject, message, sorted(recipients), fail_silently=True)


def log_entries_for(item):
    if isinstance(item, Page):
        return PageLogEntry.objects.filter(page_id=item.pk)
    return ModelLogEntry.objects.for_instance(item)
