"""The stylesheets are whole: one unclosed rule (a merge that drops a "}") silently swallows
every rule after it, so that part of the site loses its layout with no error anywhere."""

from pathlib import Path

import pytest
from django.conf import settings

STYLESHEETS = sorted(Path(settings.BASE_DIR, "static", "css").glob("*.css"))


def unclosed_rules(css):
    """The line numbers where a rule opens that is still open when the next one starts at the
    top level, and the nesting depth left at the end (comments skipped)."""
    depth, problems, in_comment = 0, [], False
    for number, line in enumerate(css.splitlines(), start=1):
        position = 0
        while position < len(line):
            if in_comment:
                end = line.find("*/", position)
                if end == -1:
                    break
                in_comment, position = False, end + 2
                continue
            if line.startswith("/*", position):
                in_comment, position = True, position + 2
                continue
            char = line[position]
            if char == "{":
                if depth and not line.startswith((" ", "\t")):
                    problems.append(number)
                depth += 1
            elif char == "}":
                depth -= 1
            position += 1
    return problems, depth


@pytest.mark.parametrize("path", STYLESHEETS, ids=[path.name for path in STYLESHEETS])
def test_every_rule_is_closed(path):
    assert unclosed_rules(path.read_text(encoding="utf-8")) == ([], 0)


def test_the_check_finds_an_unclosed_rule():
    css = ".a {\n    margin: 0;\n\n.b {\n    padding: 0;\n}\n"
    assert unclosed_rules(css) == ([4], 1)
