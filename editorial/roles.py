"""The editorial roles and the approval workflow the site starts with.

One function builds them for two callers: the data migration (with historical models, on an
existing database or a fresh one) and ``load_initial_data`` (after it creates the home page, e.g.
on a flushed test database). It takes the app registry as an argument, like any data migration,
and only adds what is missing: a group's permissions are set when the group is created, the
workflow's tasks when the workflow is created, so an administrator's later changes stay.

Least privilege:

- Redacteurs write: pages, actor types, partners, the footer, images and documents; they submit
  for approval and cannot publish, unpublish or delete. They upload images and documents only into
  the private collection "Te keuren" and cannot change what is released.
- Hoofdredacteurs also approve (the workflow's task), publish, unpublish, delete and manage
  redirects and promoted search results. They release images and documents by moving them out
  of "Te keuren", and they alone replace the file of a released one.
- Beheerders manage the site settings and the user accounts, nothing else.

There is one footer (load_initial_data makes it): nobody but a superuser adds or deletes one.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

REDACTEURS = "Redacteurs"
HOOFDREDACTEURS = "Hoofdredacteurs"
BEHEERDERS = "Beheerders"

# What each group may do, shown where accounts are made (editorial/forms.py) and in
# docs/redactie.md. Keep these true to the permissions below (tests/test_editorial_roles.py).
GROUP_DESCRIPTIONS = {
    REDACTEURS: _(
        "Write and edit pages, actor types, partners, the footer, images and documents, and "
        "submit them for approval. Cannot publish, unpublish or delete. Images and documents "
        "wait in “Te keuren” until a Hoofdredacteur releases them."
    ),
    HOOFDREDACTEURS: _(
        "Everything Redacteurs do, and approve, publish, unpublish and delete. Release images "
        "and documents and replace their files. Also manage redirects and promoted search "
        "results."
    ),
    BEHEERDERS: _(
        "Manage the site settings (Vlaanderen widget) and the accounts of Redacteurs, "
        "Hoofdredacteurs and Beheerders. No content, and never their own groups."
    ),
}
WORKFLOW_NAME = "Redactionele goedkeuring"
TASK_NAME = "Goedkeuring door een hoofdredacteur"

ADMIN_ACCESS = ("wagtailadmin", "admin", "access")
# Snippets that go through the approval workflow: (app label, model).
WORKFLOW_SNIPPETS = [("actortypes", "actortype"), ("pages", "footer"), ("partners", "partner")]
_USER_APP, _USER_MODEL = settings.AUTH_USER_MODEL.lower().split(".")

# Permissions on models, for the whole site: (app label, model, action).
MODEL_PERMISSIONS = {
    REDACTEURS: [
        ADMIN_ACCESS,
        ("actortypes", "actortype", "add"),
        ("actortypes", "actortype", "change"),
        ("actortypes", "actortype", "lock"),
        ("pages", "footer", "change"),
        ("pages", "footer", "lock"),
        ("partners", "partner", "add"),
        ("partners", "partner", "change"),
        ("partners", "partner", "lock"),
    ],
    HOOFDREDACTEURS: [
        ADMIN_ACCESS,
        ("actortypes", "actortype", "add"),
        ("actortypes", "actortype", "change"),
        ("actortypes", "actortype", "delete"),
        ("actortypes", "actortype", "publish"),
        ("actortypes", "actortype", "lock"),
        ("actortypes", "actortype", "unlock"),
        ("pages", "footer", "change"),
        ("pages", "footer", "publish"),
        ("pages", "footer", "lock"),
        ("pages", "footer", "unlock"),
        ("partners", "partner", "add"),
        ("partners", "partner", "change"),
        ("partners", "partner", "delete"),
        ("partners", "partner", "publish"),
        ("partners", "partner", "lock"),
        ("partners", "partner", "unlock"),
        ("wagtailredirects", "redirect", "add"),
        ("wagtailredirects", "redirect", "change"),
        ("wagtailredirects", "redirect", "delete"),
        # Promoted search results go live at once, without approval: publishing rights.
        ("wagtailsearchpromotions", "searchpromotion", "add"),
        ("wagtailsearchpromotions", "searchpromotion", "change"),
        ("wagtailsearchpromotions", "searchpromotion", "delete"),
    ],
    BEHEERDERS: [
        ADMIN_ACCESS,
        ("pages", "vlaanderenwidgetsettings", "change"),
        (_USER_APP, _USER_MODEL, "add"),
        (_USER_APP, _USER_MODEL, "change"),
        (_USER_APP, _USER_MODEL, "delete"),
    ],
}

# Permissions on the home page and everything below it: Wagtail's page permission types.
PAGE_PERMISSIONS = {
    REDACTEURS: ["add", "change", "lock"],
    HOOFDREDACTEURS: ["add", "change", "lock", "publish", "unlock"],
}

# Nothing reaches visitors without approval, uploads neither: a Redacteur's images and documents
# go into this collection, which only logged-in editors can see (a login view restriction, so
# /documenten/… of such a document asks for a login). A Hoofdredacteur releases one by moving
# it to another collection; the public site shows nothing from here (pages.references).
REVIEW_COLLECTION = "Te keuren"

_CHOOSE_MEDIA = [("wagtailimages", "image", "choose"), ("wagtaildocs", "document", "choose")]
_WRITE_MEDIA = [
    ("wagtailimages", "image", "add"),
    ("wagtailimages", "image", "change"),
    ("wagtaildocs", "document", "add"),
    ("wagtaildocs", "document", "change"),
    *_CHOOSE_MEDIA,
]
# Permissions on the root collection of images and documents (and so on every collection).
COLLECTION_PERMISSIONS = {
    REDACTEURS: _CHOOSE_MEDIA,
    HOOFDREDACTEURS: _WRITE_MEDIA
    + [("wagtailimages", "image", "delete"), ("wagtaildocs", "document", "delete")],
}
# Permissions on the review collection only: Redacteurs upload and edit there, and nowhere else.
REVIEW_COLLECTION_PERMISSIONS = {REDACTEURS: _WRITE_MEDIA}


def set_up_editorial_roles(apps, home_page_id=None):
    """Creates the three groups and the approval workflow where they are missing.

    With ``home_page_id``, also gives the groups their page permissions on that page and puts
    the page (and so the whole site below it) under the approval workflow.
    """
    groups = {name: _group(apps, name) for name in MODEL_PERMISSIONS}
    set_up_media_review(apps)
    workflow = _workflow(apps, groups[HOOFDREDACTEURS])
    if home_page_id is not None:
        _grant_pages(apps, groups, workflow, home_page_id)


def grant_new_model(apps, app_label, model_name):
    """Gives the existing groups their rights on a model added after they were created (their
    other permissions stay as an administrator left them), and puts it under the workflow when
    it is one of WORKFLOW_SNIPPETS. For the data migration that comes with a new model."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    for group in Group.objects.filter(name__in=MODEL_PERMISSIONS):
        group.permissions.add(
            *(
                _permission(apps, *spec)
                for spec in MODEL_PERMISSIONS[group.name]
                if spec[:2] == (app_label, model_name)
            )
        )
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None and (app_label, model_name) in WORKFLOW_SNIPPETS:
        put_snippets_under_workflow(apps, workflow)


def remove_wagtail_default_roles(apps):
    """Wagtail's own first migrations create English "Editors"/"Moderators" groups and a
    "Moderators approval" workflow on the root page; ours replace them. Only unused ones go."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    for workflow in Workflow.objects.filter(name="Moderators approval"):
        if not WorkflowState.objects.filter(workflow=workflow).exists():
            task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
            workflow.delete()
            Task.objects.filter(pk__in=task_ids, name="Moderators approval").delete()
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()


def _permission(apps, app_label, model_name, action):
    """The permission, created if Django's post-migrate step has not made it yet."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    if (app_label, model_name, action) == ADMIN_ACCESS:
        codename, name = "access_admin", "Can access Wagtail admin"
    else:
        codename = f"{action}_{model_name}"
        opts = apps.get_model(app_label, model_name)._meta
        name = dict(opts.permissions).get(codename, f"Can {action} {opts.verbose_name_raw}")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _exists(apps, spec):
    """Whether the model is there yet: a migration that runs before a newer model's own
    migration leaves its rights to grant_new_model."""
    if spec == ADMIN_ACCESS:
        return True
    try:
        apps.get_model(spec[0], spec[1])
    except LookupError:
        return False
    return True


def _group(apps, name):
    Group = apps.get_model("auth", "Group")
    group, created = Group.objects.get_or_create(name=name)
    if not created:
        return group
    group.permissions.add(
        *(_permission(apps, *spec) for spec in MODEL_PERMISSIONS[name] if _exists(apps, spec))
    )
    if name in COLLECTION_PERMISSIONS:
        GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
        root = _root_collection(apps)
        for spec in COLLECTION_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=_permission(apps, *spec)
            )
    return group


def set_up_media_review(apps):
    """Creates the private collection "Te keuren" where it is missing, and moves the
    Redacteurs' upload and edit rights from every collection to it.

    Only when it creates the collection: an administrator's later changes stay. Media already
    uploaded stay where they are (released).
    """
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root = _root_collection(apps)
    if Collection.objects.filter(depth=2, name=REVIEW_COLLECTION).exists():
        return
    review = _add_child_collection(apps, root, REVIEW_COLLECTION)
    CollectionViewRestriction.objects.create(collection=review, restriction_type="login")
    for group in Group.objects.filter(name__in=REVIEW_COLLECTION_PERMISSIONS):
        permissions = [
            _permission(apps, *spec) for spec in REVIEW_COLLECTION_PERMISSIONS[group.name]
        ]
        GroupCollectionPermission.objects.filter(
            group=group,
            permission__in=[p for p in permissions if not p.codename.startswith("choose_")],
        ).delete()
        for permission in permissions:
            GroupCollectionPermission.objects.create(
                group=group, collection=review, permission=permission
            )


def _add_child_collection(apps, parent, name):
    """A new last child of parent in the collection tree (treebeard's materialised path, which
    historical models cannot compute themselves)."""
    Collection = apps.get_model("wagtailcore", "Collection")
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    last = (
        Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = 1
    if last:
        number = 0
        for char in last[-4:]:
            number = number * len(alphabet) + alphabet.index(char)
        number += 1
    step = ""
    for _position in range(4):
        number, digit = divmod(number, len(alphabet))
        step = alphabet[digit] + step
    child = Collection.objects.create(
        name=name, path=parent.path + step, depth=parent.depth + 1, numchild=0
    )
    Collection.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    return child


def _root_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.filter(depth=1).first()
    if root is None:  # only an emptied (flushed) database lacks it
        root = Collection.objects.create(name="Root", path="0001", depth=1, numchild=0)
    return root


def _workflow(apps, approvers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    workflow, created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if not created:
        return workflow
    task = GroupApprovalTask.objects.create(
        name=TASK_NAME,
        active=True,
        # Historical models skip Wagtail's save(), which would fill in the specific type.
        content_type=ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )[0],
    )
    task.groups.set([approvers])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    put_snippets_under_workflow(apps, workflow)
    return workflow


def put_snippets_under_workflow(apps, workflow):
    """Actor types, partners and the footer go through the workflow, like pages."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for app_label, model in WORKFLOW_SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def _grant_pages(apps, groups, workflow, home_page_id):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    for name, actions in PAGE_PERMISSIONS.items():
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=groups[name],
                page_id=home_page_id,
                permission=_permission(apps, "wagtailcore", "page", action),
            )
    WorkflowPage.objects.get_or_create(page_id=home_page_id, defaults={"workflow": workflow})
