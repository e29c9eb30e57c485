"""The floor: a bare Textual app with a header, a footer and one line of text.

benchmarks/run.py starts this beside socialcoach and reports socialcoach's figures as
ratios to it.
"""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

READY = "Bare Textual app ready"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READY)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
