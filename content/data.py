"""Reads the site's content data (the YAML files in this directory) into Wagtail's formats."""

from pathlib import Path

import yaml
from django.utils.html import escape

CONTENT_DIR = Path(__file__).resolve().parent


def read(name: str) -> dict:
    path = Path(CONTENT_DIR, name)
    with path.open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def rich_text(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def block_text(block: dict) -> str:
    """A block's text: plain `paragraphs`, or `html` that is already Wagtail rich text."""
    return block["html"] if "html" in block else rich_text(block["paragraphs"])


def stream_data(body: list[dict], pages_by_slug: dict) -> list[tuple[str, dict]]:
    """Turns the body blocks of a content file into StreamField data."""
    blocks = []
    for block in body:
        kind = block["type"]
        if kind == "section":
            value = {
                "heading": block["heading"],
                "anchor": block["anchor"],
                "text": block_text(block),
            }
        elif kind == "actor_types":
            value = {"heading": block.get("heading", "")}
        elif kind == "page_teaser":
            value = {
                "page": pages_by_slug[block["page"]],
                "heading": block.get("heading", ""),
                "text": block.get("text", ""),
            }
        elif kind == "text":
            value = block_text(block)
        else:
            raise ValueError(f"Unknown block type in content data: {kind!r}")
        blocks.append((kind, value))
    return blocks
