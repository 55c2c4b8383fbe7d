"""Wagtail's Dutch catalogue, mended where editors meet its mistakes.

Django takes a translation from the project's catalogue (LOCALE_PATHS, locale/nl/) before an
app's, so an entry there with Wagtail's msgid replaces Wagtail's. Wagtail 8.0.1's Dutch drops
spaces around placeholders ("1-5van 5pagina's", "aangemaakt inSociale economie", "op30 november")
and a colon.
The msgids are listed here only so that `make messages` keeps them in our catalogue; nothing
imports this module. Drop an entry once Wagtail's own translation is right.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

MENDED = [
    # Page listings: "1-5 van 5 pagina's".
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in "
        "'<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
    # The dashboard's site summary (read by screen readers).
    ngettext_lazy(
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
        0,
    ),
    # History, workflow and comment notifications.
    gettext_noop("%(action)s by <b>%(who)s</b> at <b>%(at)s</b>"),
    gettext_noop("%(status_display)s %(task_name)s %(started_at)s"),
    gettext_noop("%(related_model_name)s %(field_label)s"),
    gettext_noop('%(editor)s has updated comments on "%(title)s".'),
    gettext_noop('%(editor)s has updated comments on "%(title)s"'),
    # Snippet listings: deleting actor types.
    ngettext_lazy("%(count)d %(model_name)s deleted.", "%(count)d %(model_name)s deleted.", 0),
    gettext_noop("Delete %(snippet_type_name)s"),
    gettext_noop("Are you sure you want to delete %(count)s %(snippet_type_name)s?"),
    # The editor's notices on a locked item ("op30 november") and on one awaiting approval.
    gettext_noop("<b>'{title}' was locked</b> by <b>you</b> on <b>{datetime}</b>."),
    gettext_noop(
        "This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> "
        "workflow."
    ),
    # The status side panel of the editor.
    gettext_noop("Page visibility: "),
    gettext_noop("Locking: "),
    gettext_noop("Status: "),
    # Django's formsets, for an inline panel with a minimum (a call's submission rounds): its
    # Dutch "Verstuur minimaal 1 formulier." speaks of forms that editors never see.
    ngettext_lazy(
        "Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", 0
    ),
]
