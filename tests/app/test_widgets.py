"""Shared widgets: Markdown drawn once per width; tick boxes that differ in shape."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markdown import Markdown
from textual.app import App, ComposeResult

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


class _Ticks(App[None]):
    def compose(self) -> ComposeResult:
        from textual.widgets.selection_list import Selection

        from socialcoach.ticks import TickBox, TickList

        yield TickList(Selection("first rule", "a"), Selection("second rule", "b", True))
        yield TickBox("remind me", value=False, id="box")


def _line_text(widget, y: int) -> str:
    return "".join(segment.text for segment in widget.render_line(y))


async def test_tick_marks_differ_in_shape_not_only_colour():
    from socialcoach.ticks import TickBox, TickList

    app = _Ticks()
    async with app.run_test(size=(60, 10)) as pilot:
        ticks = app.query_one(TickList)
        assert _line_text(ticks, 0).startswith("[ ] first rule")
        assert _line_text(ticks, 1).startswith("[x] second rule")
        ticks.focus()
        await pilot.press("space")  # ticks the highlighted first rule, as a user would
        await pilot.pause()
        assert _line_text(ticks, 0).startswith("[x] first rule")
        assert ticks.selected == ["b", "a"] or sorted(ticks.selected) == ["a", "b"]
        box = app.query_one(TickBox)
        assert str(box.render()).startswith("[ ]")
        await pilot.click("#box")
        await pilot.pause()
        assert box.value and str(box.render()).startswith("[x]")
