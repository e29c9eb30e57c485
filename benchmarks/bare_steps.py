"""The floor for a step switch: a bare Textual app with six panes in a ContentSwitcher.

Each pane holds a line of text and one Input; F8 shows the next pane and F7 the previous
one, moving the focus to that pane's Input, as socialcoach's Next and Back do.
benchmarks/run.py times a switch here and in socialcoach the same way and reports the ratio.
"""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Footer, Header, Input, Static

PANES = 6


class BareStepsApp(App[None]):
    BINDINGS = [Binding("f8", "move(1)", "Next"), Binding("f7", "move(-1)", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="pane-0"):
            for number in range(PANES):
                with Vertical(id=f"pane-{number}"):
                    yield Static(f"Pane {number + 1} of {PANES}")
                    yield Input(placeholder=f"Field {number + 1}", id=f"field-{number}")
        yield Footer()

    @property
    def current(self) -> int:
        return int((self.query_one(ContentSwitcher).current or "pane-0").removeprefix("pane-"))

    def action_move(self, step: int) -> None:
        number = min(max(self.current + step, 0), PANES - 1)
        self.query_one(ContentSwitcher).current = f"pane-{number}"
        self.query_one(f"#field-{number}", Input).focus()


if __name__ == "__main__":
    BareStepsApp().run()
