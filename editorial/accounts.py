"""Who may manage which accounts in the admin: nobody raises their own rights.

- Only a superuser creates, edits, (de)activates or deletes a superuser, or makes anyone one.
- Anyone else with the user permissions (the Beheerders) manages only accounts whose groups are
  all editorial roles (Redacteurs, Hoofdredacteurs, Beheerders, or none yet), and gives only
  those groups.
- Nobody changes their own groups, (de)activates or deletes themselves.

``AccountPermissionPolicy`` decides; the user views, their forms (editorial/forms.py) and the
bulk actions on the user listing all ask it, so a forged POST meets the same rules as the form.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from wagtail.admin.views.generic import usage
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.users.views import users
from wagtail.users.views.bulk_actions import (
    AssignRoleBulkAction,
    DeleteBulkAction,
    SetActiveStateBulkAction,
)
from wagtail.users.views.bulk_actions.assign_role import RoleForm

from editorial.roles import GROUP_DESCRIPTIONS

User = get_user_model()


class AccountPermissionPolicy(ModelPermissionPolicy):
    """The user model's permissions (add, change, delete), limited per account as above."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "delete" and instance.pk == user.pk:
            return False
        return user.is_superuser or self.manageable_by_others(instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return User.objects.none()
        if user.is_superuser:
            return User.objects.all()
        return User.objects.filter(is_superuser=False).exclude(
            groups__in=Group.objects.exclude(pk__in=assignable_groups(user))
        )

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    @staticmethod
    def manageable_by_others(account):
        """Whether someone who is not a superuser may manage ``account``."""
        if account.is_superuser:
            return False
        if account.pk is None:
            return True
        return not account.groups.exclude(name__in=GROUP_DESCRIPTIONS).exists()


def assignable_groups(user):
    """The groups ``user`` may give an account: all for a superuser, else the editorial roles."""
    if user.is_superuser:
        return Group.objects.all()
    return Group.objects.filter(name__in=GROUP_DESCRIPTIONS)


account_policy = AccountPermissionPolicy(User)


def register_account_policy():
    """Makes ``account_policy`` the user model's policy wherever Wagtail asks (EditorialConfig).

    ``exact_class`` is looked up before the policy that wagtail.users registers for the model.
    """
    register_permission_policy(User, account_policy, exact_class=True)


class AccountCheckedMixin:
    """Refuses (403) the view for an account the user may not manage, GET and POST alike."""

    account_action = "change"

    def dispatch(self, request, *args, **kwargs):
        account = getattr(self, "object", None) or self.get_object()
        if not account_policy.user_has_permission_for_instance(
            request.user, self.account_action, account
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class IndexView(users.IndexView):
    def get_base_queryset(self):
        """Only the accounts the user may manage: a Beheerder does not see the superusers."""
        return super().get_base_queryset() & account_policy.instances_user_has_any_permission_for(
            self.request.user, ["add", "change", "delete"]
        )

    def get_delete_url(self, instance):
        if account_policy.user_has_permission_for_instance(self.request.user, "delete", instance):
            return super().get_delete_url(instance)


class CreateView(users.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class EditView(AccountCheckedMixin, users.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.can_delete = account_policy.user_has_permission_for_instance(
            request.user, "delete", self.object
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class DeleteView(AccountCheckedMixin, users.DeleteView):
    account_action = "delete"


class HistoryView(AccountCheckedMixin, users.HistoryView):
    pass


class UsageView(AccountCheckedMixin, usage.UsageView):
    pass


class UserViewSet(users.UserViewSet):
    """Wagtail's user admin with the rules above and the forms of editorial/forms.py."""

    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    # Wagtail's "Copy" of an account hands the copied account itself to the creation form
    # (saving would overwrite it) and our forms need for_user: accounts are made, not copied.
    copy_view_enabled = False
    create_template_name = "editorial/users/create.html"
    edit_template_name = "editorial/users/edit.html"

    def get_form_class(self, for_update=False):
        from editorial.forms import UserCreationForm, UserEditForm

        return UserEditForm if for_update else UserCreationForm


# Bulk actions on the user listing: the same rules, per selected account.


class AccountBulkActionMixin:
    account_action = "change"

    def check_perm(self, account):
        return (
            account.pk != self.request.user.pk
            and account_policy.user_has_permission_for_instance(
                self.request.user, self.account_action, account
            )
        )


class AssignableRoleForm(RoleForm):
    def __init__(self, *args, for_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = assignable_groups(for_user)


class AssignRole(AccountBulkActionMixin, AssignRoleBulkAction):
    """Gives a group, never to oneself, and only a group the user may give."""

    form_class = AssignableRoleForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class SetActiveState(AccountBulkActionMixin, SetActiveStateBulkAction):
    pass


class Delete(AccountBulkActionMixin, DeleteBulkAction):
    account_action = "delete"


BULK_ACTIONS = [AssignRole, SetActiveState, Delete]
