"""Profile ticks across accounts: what is done everywhere, and one tick for all of them."""

from __future__ import annotations

from socialcoach.profile_ticks import done_everywhere, item_details, tick_everywhere


def test_an_item_is_done_everywhere_only_when_every_chosen_platform_has_it():
    checked = {"x": ["photo", "link"], "linkedin": ["photo"], "gone": ["link"]}
    assert done_everywhere(checked, ["x", "linkedin"]) == {"photo"}
    assert done_everywhere(checked, ["x", "linkedin", "bluesky"]) == set()
    assert done_everywhere(checked, []) == set()


def test_ticking_everywhere_adds_once_and_unticking_removes_leaving_other_platforms_alone():
    checked = {"x": ["photo"], "gone": ["link"]}
    ticked = tick_everywhere(checked, ["x", "linkedin"], "photo", True)
    assert ticked == {"x": ["photo"], "linkedin": ["photo"], "gone": ["link"]}
    unticked = tick_everywhere(ticked, ["x", "linkedin"], "photo", False)
    assert unticked == {"x": [], "linkedin": [], "gone": ["link"]}
    assert checked == {"x": ["photo"], "gone": ["link"]}  # the input is not changed


def test_item_details_give_the_whole_advice_and_every_defined_source(content):
    item = content.profile_items[0]
    text = item_details(item, content.sources)
    assert text.splitlines()[:2] == [item.title, item.explain]
    assert all(content.sources[s].name in text for s in item.sources)
