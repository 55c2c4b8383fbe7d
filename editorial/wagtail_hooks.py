from wagtail import hooks

from editorial.accounts import BULK_ACTIONS
from editorial.messages import restate_saved

# Registered after wagtail.users' own bulk actions (order), so that ours replace them.
for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=1)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def say_whether_it_is_live(request, obj):
    restate_saved(request, obj)
