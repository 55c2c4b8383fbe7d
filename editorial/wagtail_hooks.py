from wagtail import hooks

from editorial.accounts import BULK_ACTIONS

# Registered after wagtail.users' own bulk actions (order), so that ours replace them.
for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=1)
