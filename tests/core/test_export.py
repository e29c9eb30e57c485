"""The Markdown export: next actions first, steps in order, checkboxes, a table, sources."""

from __future__ import annotations

import re

from socialcoach.export import md, render_markdown
from socialcoach.models import Plan

from sample import sample_plan


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")]


def test_export_starts_with_title_then_next_actions_then_steps_in_order(content):
    text = render_markdown(sample_plan(content), content)
    assert headings(text) == [
        "# Dr Jane Rivera’s social media plan",
        "## Next actions",
        "## 1. " + md(content.steps["policy"].title),
        "## 2. " + md(content.steps["platforms"].title),
        "## 3. " + md(content.steps["audience"].title),
        "## 4. " + md(content.steps["phi"].title),
        "## 5. " + md(content.steps["accounts"].title),
        "## 6. " + md(content.steps["profile"].title),
        "## Sources",
    ]


def test_open_policy_items_become_next_actions_and_done_ones_do_not(content):
    plan = sample_plan(content)
    text = render_markdown(plan, content)
    actions = text.split("## Next actions")[1].split("## 1.")[0]
    done, not_applicable, todo = content.policy_items[:3]
    assert md(todo.title.rstrip(".")) in actions
    assert md(done.title.rstrip(".")) not in actions
    assert md(not_applicable.title.rstrip(".")) not in actions
    assert "Sam Lee, Communications" in actions


def test_checklist_items_are_github_task_list_checkboxes(content):
    text = render_markdown(sample_plan(content), content)
    policy = text.split("## 1.")[1].split("## 2.")[0]
    assert f"- [x] {md(content.policy_items[0].title)}: Intranet page, updated 2025" in policy
    assert f"- [ ] {md(content.policy_items[2].title)}" in policy
    assert re.search(r"^- \[x\] ~~.+~~ \(not applicable\)$", policy, re.M)


def test_accounts_are_a_table_with_a_header_row(content):
    text = render_markdown(sample_plan(content), content)
    accounts = text.split("## 5.")[1].split("## 6.")[0]
    rows = [line for line in accounts.splitlines() if line.startswith("|")]
    assert rows[0].startswith("| Platform | Set-up | Professional")
    assert set(rows[1].replace("|", "").split()) == {"---"}
    assert "@DrJaneRivera (public)" in rows[2]
    assert "janer\\_home (private)" in rows[2]
    assert all(row.count("|") == rows[0].count("|") for row in rows)


def test_sources_are_listed_with_urls(content):
    text = render_markdown(sample_plan(content), content)
    sources = text.split("## Sources")[1]
    entries = [line for line in sources.splitlines() if re.match(r"^\d+\. ", line)]
    assert len(entries) >= 5
    assert all(re.search(r"<https?://\S+>$", line) for line in entries)


def test_same_plan_gives_the_same_bytes(content):
    plan = sample_plan(content)
    assert render_markdown(plan, content) == render_markdown(plan.model_copy(deep=True), content)


def test_user_text_cannot_break_a_table_or_start_a_heading(content):
    plan = sample_plan(content)
    plan.accounts.per_platform[0].professional_handle = "a | b\n# heading"
    plan.basics.display_name = "# Not <b>bold</b>\n## nor a heading"
    plan.policy.items[content.policy_items[0].id].note = "line one\n\n- [x] fake item"
    text = render_markdown(plan, content)
    assert "\n## nor a heading" not in text
    assert "<b>" not in text
    assert "\n- [x] fake item" not in text
    rows = [line for line in text.split("## 5.")[1].splitlines() if line.startswith("|")]
    assert rows[2].count("|") - rows[2].count("\\|") == rows[0].count("|")


def test_an_empty_plan_exports_with_every_section(content):
    text = render_markdown(Plan(), content)
    assert text.startswith("# My social media plan\n")
    assert "No platforms chosen yet." in text
    assert text.endswith("\n")


def test_export_renders_as_github_flavoured_markdown_with_checkboxes_and_tables(content):
    """Rendered by markdown-it's GFM-like preset with task lists, as GitHub would."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.tasklists import tasklists_plugin

    renderer = MarkdownIt("gfm-like").use(tasklists_plugin)
    html = renderer.render(render_markdown(sample_plan(content), content))
    assert html.count("<table>") == 3  # platforms, audience, accounts
    assert html.count('type="checkbox"') >= len(content.policy_items) + len(content.identifiers)
    assert 'checked="checked"' in html
    assert "<h1>Dr Jane Rivera’s social media plan</h1>" in html
    assert html.count("<h2>") == 8  # next actions, six steps, sources
    assert "<script" not in html


def test_a_policy_step_finished_with_items_open_says_reviewed_not_done(content):
    from socialcoach.models import ItemState, PolicyAnswer, Status
    from socialcoach.overview import glance
    from socialcoach.progress import policy_open

    plan = Plan()
    plan.policy.status = Status.DONE
    first = content.policy_items[0]
    plan.policy.items[first.id] = PolicyAnswer(state=ItemState.DONE)
    todo, total = policy_open(plan, content)
    assert 0 < todo < total
    text = render_markdown(plan, content)
    assert f"*Status: reviewed; {todo} of {total} items still to find out" in text
    assert glance(plan, content).steps[0].status == "reviewed"
    for item in content.policy_items:
        plan.policy.items[item.id] = PolicyAnswer(state=ItemState.DONE)
    assert "## 1. " in render_markdown(plan, content)
    assert "*Status: done.*" in render_markdown(plan, content).split("## 2.")[0]
