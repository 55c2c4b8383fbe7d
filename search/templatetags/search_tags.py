from django import template

from search.site_search import MAX_QUERY_LENGTH

register = template.Library()


@register.simple_tag
def max_query_length():
    """The longest search the site takes, for the search box's maxlength."""
    return MAX_QUERY_LENGTH
