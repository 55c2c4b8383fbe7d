"""The Dockerfile read as its instructions, so tests can run what the image runs.

No Docker engine runs here: tests/test_entrypoint.py runs the image's commands (its collectstatic
step, CMD and HEALTHCHECK) on this machine, tests/test_deploy.py checks what only an engine could
run (stages, the user).
"""

import json
import re
from pathlib import Path

from django.conf import settings

DOCKERFILE = Path(settings.BASE_DIR) / "Dockerfile"


def instructions():
    """[instruction, arguments] pairs, continued lines joined, comments left out."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text())
    return [
        line.split(None, 1)
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def arguments(instruction):
    """The arguments of each time the instruction occurs, in order."""
    return [args for op, args in instructions() if op == instruction]


def command():
    """The container's command (CMD, exec form) as an argument list."""
    [cmd] = arguments("CMD")
    return json.loads(cmd)


def healthcheck_command():
    """The HEALTHCHECK's command (exec form) as an argument list."""
    [healthcheck] = arguments("HEALTHCHECK")
    return json.loads(healthcheck.split(" CMD ", 1)[1])


def build_step(word):
    """The one RUN instruction that contains the word, as a shell command."""
    [step] = [args for args in arguments("RUN") if word in args]
    return step
