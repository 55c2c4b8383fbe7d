from wagtail import hooks

from editorial.messages import restate_saved


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def say_whether_it_is_live(request, obj):
    restate_saved(request, obj)
