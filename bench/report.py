"""The benchmark's results as one Markdown table, and writing it into docs/performance.md.

The bench owns what lies between its markers in docs/performance.md (`<!-- bench:results -->` …
`<!-- /bench:results -->`, likewise `bench:profile`); everything around them is written by hand.
"""

import datetime
import os
import platform
import re
from dataclasses import dataclass, field
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


@dataclass
class Row:
    """One measured address: its run, what was measured and, when there is one, the target.

    `share` is the page's throughput as a share of the static file measured right after it;
    `result` says how the row compares with its target, e.g. "0.12 ≥ 0.10: met".
    """

    run: str
    page: str
    items: int
    database: str
    cache: str
    rps: float | None = None
    p50: float | None = None
    p99: float | None = None
    errors: int = 0
    static_rps: float | None = None
    x_cache: str = "-"
    result: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def share(self):
        if self.rps is None or not self.static_rps:
            return None
        return self.rps / self.static_rps


def verdict(value, target):
    """ "0.12 ≥ 0.10: met" or "0.05 ≥ 0.10: not met"."""
    met = value >= target
    return f"{value:.2f} ≥ {target:.2f}: {'met' if met else '**not met**'}"


def machine():
    """What the numbers were measured on: CPUs, CPU model, Python, load average at the start."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        model = found.group(1).strip() if found else ""
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs ({model or platform.machine()}), Python "
        f"{platform.python_version()}, load average at the start {load}"
    )


def number(value, digits=0):
    return "" if value is None else f"{value:,.{digits}f}"


def table(rows, settings_line, started_at, measured_on):
    """The results as Markdown: when, on what (machine(), read at the start), how, then one
    row per measurement."""
    when = started_at.astimezone(datetime.UTC).strftime("%d %B %Y, %H:%M UTC")
    lines = [
        f"Measured {when} on {measured_on}.",
        "",
        settings_line,
        "",
        "| run | address | items | database | page cache | X-Cache | requests/s | p50 ms "
        "| p99 ms | errors | static file requests/s | share of static | against the target |",
        "| --- | --- | ---: | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        share = "" if row.share is None else f"{row.share:.2f}"
        lines.append(
            f"| {row.run} | {row.page} | {row.items:,} | {row.database} | {row.cache} | "
            f"{row.x_cache} | {number(row.rps)} | {number(row.p50, 1)} | {number(row.p99, 1)} | "
            f"{row.errors} | {number(row.static_rps)} | {share} | {row.result} |"
        )
    notes = [note for row in rows for note in row.notes]
    if notes:
        lines += ["", *[f"- {note}" for note in notes]]
    return "\n".join(lines)


def replace_section(text, name, content):
    """`text` with what lies between `<!-- bench:name -->` and `<!-- /bench:name -->` replaced
    by `content`; the markers are added at the end when missing."""
    begin, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{begin}\n{content.strip()}\n{end}"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        return pattern.sub(lambda match: block, text, count=1)
    return text.rstrip("\n") + "\n\n" + block + "\n"


def write_section(name, content, path=DOCS):
    path.write_text(replace_section(path.read_text(encoding="utf-8"), name, content), "utf-8")
