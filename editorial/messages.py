"""After a save in the admin, the message says where the page or snippet now stands.

Wagtail says "Page 'Over ons' has been updated." both after saving a draft and after approving,
so an editor cannot tell whether visitors see the change. The hooks in wagtail_hooks.py call
restate_saved() after every create and edit; it rewrites that success message into one that says
whether the object is live, waiting for approval, sent back for changes or a draft.
"""

from django.contrib import messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import DraftStateMixin, Page, WorkflowState

BUTTONS = '<span class="buttons">'  # where wagtail.admin.messages puts a message's buttons


def state_message(obj):
    """One sentence: the object's name and whether visitors see it now."""
    if isinstance(obj, Page):
        subject = _("Page '%(title)s'") % {"title": obj.get_admin_display_title()}
    else:
        model_name = capfirst(obj._meta.verbose_name)
        # A one-of-a-kind snippet (the footer) is called by its kind alone.
        title = str(obj)
        subject = model_name if title == model_name else f"{model_name} '{title}'"

    workflow_state = obj.current_workflow_state
    if workflow_state and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        return _(
            "%(subject)s is waiting for approval (%(task)s): visitors do not see the changes yet."
        ) % {"subject": subject, "task": workflow_state.current_task_state.task.name}
    if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("%(subject)s has been sent back for changes: visitors do not see them.") % {
            "subject": subject
        }
    if obj.live and not obj.has_unpublished_changes:
        return _("%(subject)s is live: visitors see this version.") % {"subject": subject}
    if obj.live:
        return _("%(subject)s is saved as a draft: visitors still see the published version.") % {
            "subject": subject
        }
    return _("%(subject)s is saved as a draft: it is not published.") % {"subject": subject}


def restate_saved(request, obj):
    """Rewrites the success message of this request into state_message(obj), keeping its
    buttons. Leaves it alone for a scheduled publication: Wagtail's message gives the date."""
    if not isinstance(obj, DraftStateMixin | Page) or obj.pk is None:
        return
    fresh = type(obj)._default_manager.get(pk=obj.pk)  # after workflow actions and publishing
    if fresh.go_live_at and fresh.go_live_at > timezone.now():
        return
    storage = messages.get_messages(request)
    for message in reversed(list(storage)):
        if message.level == messages.SUCCESS:
            text = str(message.message)
            buttons = text[text.index(BUTTONS) :] if BUTTONS in text else ""
            message.message = format_html("{}\n{}", state_message(fresh), mark_safe(buttons))
            break
    # Reading the messages marked them as shown; they are still to be shown.
    storage.used = False
