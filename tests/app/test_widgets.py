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


async def test_text_field_is_styled_once_and_behaves_as_an_input():
    """A TextField with a value is not restyled before it is mounted (the cost it exists to
    save), types like an Input, and still marks a failed validator."""
    from textual.css.stylesheet import Stylesheet
    from textual.validation import Number
    from textual.widgets import Input

    from socialcoach.widgets import TextField

    class Form(App[None]):
        def compose(self) -> ComposeResult:
            yield TextField("first note", id="note", classes="note")

    app = Form()
    async with app.run_test() as pilot:
        restyled: list[object] = []
        update_nodes = Stylesheet.update_nodes

        def counting(self, nodes, animate=False):
            nodes = list(nodes)
            restyled.extend(nodes)
            return update_nodes(self, nodes, animate)

        Stylesheet.update_nodes = counting  # type: ignore[method-assign]
        try:
            made = TextField("a long note", classes="note")
            plain_input = Input("a long note", classes="note")
        finally:
            Stylesheet.update_nodes = update_nodes  # type: ignore[method-assign]
        assert made not in restyled and plain_input in restyled
        assert made.has_class("note", "-valid") and isinstance(made, Input)

        field = app.query_one("#note", Input)
        field.focus()
        await pilot.press("end", "!")
        assert field.value == "first note!"

        checked = TextField("abc", validators=[Number()])
        assert checked.has_class("-invalid") and not checked.has_class("-valid")
