"""Small widgets shared by several screens."""

from __future__ import annotations

from rich.markdown import Markdown as RichMarkdown
from textual.widgets import Static


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
        super().__init__(RichMarkdown(source, hyperlinks=False), id=id, classes=classes)
        self.source = source

    def update(self, source: str = "") -> None:  # type: ignore[override]
        self.source = source
        super().update(RichMarkdown(source, hyperlinks=False))
