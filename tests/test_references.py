"""Every file that the container set-up and the documentation point a newcomer to exists."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# What the README, the docs and the container files are read for.
DOCUMENTS = ["README.md", "Dockerfile", "docker-compose.yml", ".env.example", "Makefile"] + sorted(
    str(path.relative_to(ROOT)) for path in (ROOT / "docs").glob("*.md")
)
# Made by running the site or its tests, not kept in the repository.
GENERATED = {"var", "staticfiles", "media", "node_modules"}


def top_level_folders():
    return sorted(
        path.name
        for path in ROOT.iterdir()
        if path.is_dir() and path.name not in GENERATED and path.name not in {".git", ".venv"}
    )


def referenced_paths(text):
    """Paths inside this repository that `text` names, e.g. "docs/deploy.md", "bin/start",
    ".env.example"; "{a,b}" alternatives are expanded."""
    folders = "|".join(re.escape(folder) for folder in top_level_folders())
    # Not part of a longer path or URL (/opt/venv/bin/, /static/css/…, https://…/docs/…).
    pattern = rf"(?<![\w/.-])((?:{folders})/[\w./{{}},-]*|\.env\.example)"
    for match in re.findall(pattern, text):
        path = match.rstrip(".,")
        alternatives = re.search(r"\{([^}]*)\}", path)
        if alternatives:
            for choice in alternatives.group(1).split(","):
                yield path.replace(alternatives.group(0), choice)
        else:
            yield path


def test_references_are_found_in_the_documents():
    readme = (ROOT / "README.md").read_text()
    found = set(referenced_paths(readme))
    assert {"docs/deploy.md", "bin/start", "content/source/over-ons.txt", ".ci/run"} <= found
    compose = set(referenced_paths((ROOT / "docker-compose.yml").read_text()))
    assert ".env.example" in compose


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_file_a_document_refers_to_exists(document):
    missing = [
        path
        for path in referenced_paths((ROOT / document).read_text())
        if not any(part in GENERATED for part in Path(path).parts) and not (ROOT / path).exists()
    ]
    assert missing == [], f"{document} refers to files that do not exist"
