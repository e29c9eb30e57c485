"""The step bar: six steps on one line, at any width the app allows."""

from __future__ import annotations

from textual.app import App, ComposeResult

from socialcoach.screens.too_small import MIN_WIDTH
from socialcoach.step_bar import StepBar, StepLabel

STEPS = [
    StepLabel("policy", "✓1 Policy", True),
    StepLabel("platforms", "•2 Platforms", False),
    StepLabel("audience", " 3 Audience", False),
]


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield StepBar(id="bar")

    def on_mount(self) -> None:
        self.query_one(StepBar).show(STEPS, "platforms")


def bar_text(app: App) -> str:
    return app.screen._compositor.render_strips()[0].text


async def test_every_step_gets_an_equal_share_and_its_whole_name_when_it_fits() -> None:
    app = Host()
    async with app.run_test(size=(90, 5)):
        text = bar_text(app)
        assert [len(part) for part in (text[:30], text[30:60], text[60:])] == [30, 30, 30]
        for step in STEPS:
            assert step.label.strip() in text


async def test_a_name_cut_in_a_narrow_window_says_so() -> None:
    # ten columns a step: what six steps get in the narrowest window the app draws in
    app = Host()
    async with app.run_test(size=(3 * MIN_WIDTH // 6, 5)):
        text = bar_text(app)
        assert "✓1 Policy" in text  # fits
        assert "•2 Platf…" in text  # cut, said so, and a space kept before the next step
        assert " 3 Audie…" in text
