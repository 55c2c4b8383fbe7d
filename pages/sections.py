"""Sections: what other apps add to a page of ours (the home page, an actor page) through hooks
called by name, so pages needs no import of the apps above it."""

from functools import cached_property

from wagtail import hooks


class Section:
    """One part of a page that another app shows: its template, and the context that template
    gets and the moment what it shows may change (an aware datetime, or None: until the next
    publish). Both come from load(), which returns (context, until) and is called when either is
    first used: a page that shows the section's kept HTML ({% fragment %}) reads nothing behind
    it."""

    def __init__(self, template, load):
        self.template = template
        self._load = load

    @classmethod
    def of(cls, template, context, until=None):
        """A section whose context is at hand already."""
        return cls(template, lambda: (context, until))

    @cached_property
    def _loaded(self):
        return self._load()

    @property
    def context(self):
        return self._loaded[0]

    @property
    def expires_at(self):
        return self._loaded[1]


def sections_from_hooks(hook_name, request, *args):
    """What the hooks registered under hook_name give a page, in hook order, as one list: each
    hook takes (request, *args) and returns a list (of Sections, for the home page's
    "home_page_sections" and the actor page's "actor_type_sections"). A section's moment reaches
    the page's max-age through the fragments it reads (fragments.cache.note_until, applied by
    serving.middleware)."""
    return [section for hook in hooks.get_hooks(hook_name) for section in hook(request, *args)]
