from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from editorial.accounts import BULK_ACTIONS
from editorial.guide import GUIDES, EditorsGuideView
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


# The editors' guide: our Dutch docs in the admin, instead of Wagtail's English guide.


@hooks.register("register_admin_urls")
def register_editors_guide():
    return [
        path(
            "redactiegids/" + address,
            EditorsGuideView.as_view(file_name=file_name),
            name="editorial_guide" + ("" if not address else "_" + address.strip("/")),
        )
        for address, file_name in GUIDES.items()
    ]


# Wagtail's help menu items that lead to its English guide and release notes.
ENGLISH_HELP = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def offer_our_guide(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(ENGLISH_HELP)]
    menu_items.append(
        MenuItem(
            _("Editors' guide"),
            reverse("editorial_guide"),
            name="editors-guide",
            icon_name="help",
            order=1100,
        )
    )
