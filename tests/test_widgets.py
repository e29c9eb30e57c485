"""Shared widgets: Markdown drawn once per width."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markdown import Markdown

from socialcoach.widgets import RenderedOnce

SOURCE = "# Plan\n\n| Platform | Handle |\n|---|---|\n| LinkedIn | Dr Example |\n\n- one\n- two\n"


class Counted(Markdown):
    """Markdown that counts how often Rich renders it."""

    renders = 0

    def __rich_console__(self, console, options):
        Counted.renders += 1
        yield from super().__rich_console__(console, options)


def text(renderable, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def test_markdown_is_rendered_once_per_width_and_looks_the_same():
    Counted.renders = 0
    once = RenderedOnce(Counted(SOURCE))
    direct = text(Markdown(SOURCE), 60)
    # Textual renders a widget's content twice on its first show: to measure, then to draw
    assert text(once, 60) == direct
    assert text(once, 60) == direct
    assert Counted.renders == 1
    # a new width (the window was resized) is rendered anew
    assert text(once, 40) == text(Markdown(SOURCE), 40)
    assert Counted.renders == 2
