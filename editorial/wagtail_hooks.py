from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from editorial.accounts import BULK_ACTIONS
from editorial.messages import restate_saved
from editorial.scheduling import FAILED_ACTION

# Registered after wagtail.users' own bulk actions (order), so that ours replace them.
for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=1)


@hooks.register("register_log_actions")
def register_scheduling_log_actions(actions):
    @actions.register_action(FAILED_ACTION)
    class ScheduledPublicationFailed(LogFormatter):
        label = _("Scheduled publication failed")

        def format_message(self, log_entry):
            return _("Scheduled publication failed: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def say_whether_it_is_live(request, obj):
    restate_saved(request, obj)
