"""Step 6's checklist across accounts: one tick for an item done on every chosen account.

The plan keeps the ticks per platform (`plan.profile.checked`), as the export lists them; an
item done everywhere is simply ticked in each. These plain functions say which items are done
on every account and what the ticks become when one is ticked or unticked for all of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from socialcoach.content import Source, source_label


class Advice(Protocol):
    """A checklist line: a profile item or a self-audit check."""

    title: str
    explain: str
    sources: list[str]


def done_everywhere(checked: Mapping[str, Sequence[str]], platforms: Sequence[str]) -> set[str]:
    """The items ticked on every one of the platforms (none when there are no platforms)."""
    if not platforms:
        return set()
    return set.intersection(*(set(checked.get(pid, ())) for pid in platforms))


def tick_everywhere(
    checked: Mapping[str, Sequence[str]], platforms: Sequence[str], item_id: str, ticked: bool
) -> dict[str, list[str]]:
    """The ticks with one item ticked (or unticked) on every platform, the rest unchanged."""
    result = {pid: list(items) for pid, items in checked.items()}
    for pid in platforms:
        items = result.setdefault(pid, [])
        if ticked and item_id not in items:
            items.append(item_id)
        elif not ticked and item_id in items:
            items.remove(item_id)
    return result


def item_details(item: Advice, sources: Mapping[str, Source]) -> str:
    """An item's whole advice and where it comes from: a list line has room for far less."""
    lines = [item.title, item.explain]
    for source_id in item.sources:
        source = sources.get(source_id)
        if source is not None:
            lines.append(f"Source: {source.name} ({source_label(source)})")
    return "\n".join(lines)
