"""Small widgets shared by several screens."""

from __future__ import annotations

from typing import Any, TypeVar

from textual import on
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Select, Static
from textual.widgets._select import SelectOverlay  # Select's own list; pinned textual

W = TypeVar("W", bound=Widget)


def holding(widget: W, **data: object) -> W:
    """`widget` with what it stands for (an item id, a platform, an index) as attributes, so
    its handlers read `event.control.item_id` instead of parsing it back out of the DOM id;
    the id stays for CSS and tests."""
    for name, value in data.items():
        setattr(widget, name, value)
    return widget


def plain(text: str) -> Content:
    """Literal text for widgets that would otherwise parse `[...]` as markup."""
    return Content(text)


class TextField(Input):
    """An Input that is styled once, when it is mounted.

    Input assigns its value in `__init__` and then marks itself `-valid`; Textual restyles
    the lone, unmounted widget for that class change against the whole stylesheet, which is
    0.6 ms of the 0.75 ms an Input with a value costs to make (step 1 has one per policy
    item). Without validators the class is always `-valid`, so it is given from the start
    and the restyle never happens; the widget is an Input in every other way.
    """

    def __init__(self, value: str | None = None, placeholder: str = "", **kwargs: Any) -> None:
        if not kwargs.get("validators") and kwargs.get("type", "text") == "text":
            kwargs["classes"] = " ".join(filter(None, (kwargs.get("classes"), "-valid")))
        super().__init__(value, placeholder, **kwargs)


class FormSelect(Select):
    """A Select in a form that Enter walks through: picking an option moves on.

    In the About-you form Enter after typing moves to the next field, and the hint says so.
    A plain Select kept the focus after Enter picked an option, so the next Enter opened the
    same list again and what the user typed next went into its search, not the next field.
    Picking an option (Enter or a click, even the one already chosen) now moves on once the
    Select has taken its value and the focus back.
    """

    @on(SelectOverlay.UpdateSelection)
    def _move_on_after_picking(self, _event: SelectOverlay.UpdateSelection) -> None:
        # Select's own handler (run after this one) sets the value and focuses the Select;
        # moving on after that refresh keeps the order right.
        self.call_after_refresh(self._focus_next_field)

    def _focus_next_field(self) -> None:
        if self.has_focus:
            self.screen.focus_next()


class MarkdownText(Static):
    """Markdown drawn as one Rich renderable.

    Textual's Markdown widget mounts a widget per block, which takes seconds for a whole
    plan; the coach only needs to show Markdown, not navigate it, so one Static will do.
    """

    DEFAULT_CSS = """
    MarkdownText {
        height: auto;
    }
    """

    def __init__(self, source: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__(_rich_markdown(source), id=id, classes=classes)
        self.source = source

    def update(self, source: str = "") -> None:  # type: ignore[override]
        self.source = source
        super().update(_rich_markdown(source))


def _rich_markdown(source: str) -> RenderedOnce:
    from rich.markdown import Markdown  # imported on first use: not needed for first paint

    return RenderedOnce(Markdown(source, hyperlinks=False))


class RenderedOnce:
    """A Rich renderable drawn once per width, then replayed.

    Textual renders a widget's content twice when it first shows it: once to measure its
    height, once to draw it. For the review of a long plan, each Markdown render took a
    quarter of a second.
    """

    def __init__(self, renderable) -> None:
        self.renderable = renderable
        self._drawn: tuple[int, list] | None = None  # (width, segments)

    def __rich_console__(self, console, options):
        if self._drawn is None or self._drawn[0] != options.max_width:
            self._drawn = (options.max_width, list(console.render(self.renderable, options)))
        yield from self._drawn[1]

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        return Measurement.get(console, options, self.renderable)


class SteadyFooter(Footer):
    """A Footer that rebuilds only when the keys it shows change.

    Textual's Footer rebuilds all its keys whenever focus moves; on a step with dozens of
    fields that made moving around (and switching steps) visibly slower, for a footer
    whose keys are the same on the whole screen.
    """

    _shown_keys: tuple = ()

    def _keys_signature(self, screen: Screen) -> tuple:
        return tuple(
            (binding.key, binding.description, enabled)
            for (_, binding, enabled, _) in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        signature = self._keys_signature(screen)
        if signature == self._shown_keys and self._bindings_ready:
            return
        self._shown_keys = signature
        super().bindings_changed(screen)
