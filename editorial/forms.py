from django import forms
from django.db.models import Case, When
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.users import forms as users_forms

from editorial.accounts import assignable_groups
from editorial.roles import GROUP_DESCRIPTIONS


class LoginForm(WagtailLoginForm):
    """Wagtail's login form, whose password field has no translatable label of its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")


class GroupChoiceField(forms.ModelMultipleChoiceField):
    """The groups as checkboxes, each with what it may do (editorial.roles)."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, group):
        description = GROUP_DESCRIPTIONS.get(group.name)
        if description is None:
            return group.name
        # One flex item (Wagtail lays out the checkbox and its label side by side): the name
        # above its rights.
        return format_html(
            '<span><strong>{}</strong><br><span class="account-group__rights">{}</span></span>',
            group.name,
            description,
        )


class AccountFormMixin:
    """Wagtail's user form, showing only what ``for_user`` may change (editorial.accounts).

    Fields the user may not change are left out of the form, so a value forged into the POST
    for them is never read: the superuser checkbox for anyone but a superuser, one's own groups
    for everyone, and groups outside the editorial roles for anyone but a superuser.
    """

    def __init__(self, *args, for_user, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_user.is_superuser:
            self.fields.pop("is_superuser", None)
        if "is_superuser" in self.fields:
            self.fields["is_superuser"].label = _("Full access (superuser)")
            self.fields["is_superuser"].help_text = _(
                "Can do everything, also what no group allows: manage superusers, groups and "
                "workflows. Only for the site's technical administrators."
            )
        if self.instance.pk is not None and self.instance.pk == for_user.pk:
            self.fields.pop("groups", None)  # nobody changes their own groups
        if "groups" in self.fields:
            groups = self.fields["groups"]
            by_rights = Case(
                *(When(name=name, then=rank) for rank, name in enumerate(GROUP_DESCRIPTIONS)),
                default=len(GROUP_DESCRIPTIONS),
            )
            self.fields["groups"] = GroupChoiceField(
                queryset=assignable_groups(for_user).order_by(by_rights, "name"),
                required=False,
                label=groups.label,
                help_text=groups.help_text,
            )


class UserCreationForm(AccountFormMixin, users_forms.UserCreationForm):
    pass


class UserEditForm(AccountFormMixin, users_forms.UserEditForm):
    pass
