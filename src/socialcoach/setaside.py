"""Values in a hand-edited plan that the coach cannot use: set aside in memory, kept in the file.

A plan is a text file people edit. A typo (`subspecialty = "nuero"`), a platform the content
does not list (`myspace`), a key of a newer version, or a value of the wrong type must neither
crash the app nor cost the user the rest of their plan. Each such value is taken out of the
plan the app works on and recorded here as a `SetAside`: where it is, what it holds, what is
wrong with it. The app says in one line what it set aside; `validate` lists each with its line;
and every save writes the value back where it was (`restore_into`), unless the user has since
given that field a value of their own. Nothing the user wrote is dropped by opening a plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from socialcoach.models import STEP_ORDER, Plan

if TYPE_CHECKING:
    from socialcoach.content import Content

Loc = tuple[str | int, ...]
_MISSING: Any = object()
T = TypeVar("T")
MAX_SET_ASIDE = 200  # a file with more problems than this is not a plan with typos
# Lists whose length the plan limits: an element is written back only while there is room.
_LIST_LIMITS: dict[Loc, int] = {("platforms", "chosen"): 3}


@dataclass
class SetAside:
    """One value the coach could not use. `element`: a whole list entry (then `loc` is the
    list's place); otherwise a field or dict key, replaced meanwhile by `substitute`."""

    loc: Loc
    value: object
    problem: str
    element: bool = False
    substitute: object = field(default=_MISSING, repr=False)
    index: int | None = None  # where in its list an element was, to find its line

    @property
    def place(self) -> Loc:
        """The path to the value in the file as it was read (a list entry's own index)."""
        return self.loc if self.index is None else (*self.loc, self.index)

    @property
    def key(self) -> str:
        return ".".join(str(part) for part in self.loc)

    def describe(self) -> str:
        return f"{self.key} = {_short(self.value)}: {self.problem}"


def _short(value: object, limit: int = 60) -> str:
    """The value as it reads in the file: `'nuero'`, `9999-12-31`, `{platform = 'myspace'}`."""
    if isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k} = {_short(v, limit)}" for k, v in value.items()) + "}"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ----------------------------------------------------------------- the plan's own rules
def tolerant_validate(raw: dict) -> tuple[Plan, list[SetAside]]:
    """A Plan from `raw`, with every value pydantic refuses set aside instead of refusing all.

    One error is taken out at a time (taking several would shift the indices of the others),
    then the rest is validated again. `raw` is changed in place.
    """
    set_aside: list[SetAside] = []
    while True:
        try:
            plan = Plan.model_validate(raw)
        except ValidationError as exc:
            if len(set_aside) >= MAX_SET_ASIDE:
                raise
            error = exc.errors()[0]
            taken = _take_out(raw, tuple(error["loc"]), error["msg"])
            if taken is None:
                raise  # nothing in the file to take out (cannot happen for a dict input)
            set_aside.append(taken)
            continue
        dumped = plan.to_toml_dict()
        for item in set_aside:
            if not item.element:
                item.substitute = _get(dumped, item.loc)
        return plan, set_aside


def _take_out(raw: dict, loc: Loc, message: str) -> SetAside | None:
    """Remove the deepest part of `loc` that exists in `raw` and say what it held."""
    parent: Any = None
    key: Any = None
    node: Any = raw
    path: list[str | int] = []
    for part in loc:
        child = _child(node, part)
        if child is _MISSING:
            break
        parent, key, node = node, part, child
        path.append(part)
    if parent is None:
        return None
    problem = _plain_message(message, found=len(path) == len(loc))
    if isinstance(parent, list):
        parent.pop(key)
        return SetAside(tuple(path[:-1]), node, problem, element=True, index=key)
    del parent[key]
    return SetAside(tuple(path), node, problem)


def _plain_message(message: str, *, found: bool) -> str:
    if message == "Extra inputs are not permitted":
        return "this version of socialcoach has no such setting"
    if not found and message == "Field required":
        return "an entry with a required value missing"
    return message[:1].lower() + message[1:]


# ----------------------------------------------------------------- what the content knows
def against_content(plan: Plan, content: Content) -> list[SetAside]:
    """Set aside values that are valid in form but name something the content does not have.

    `plan` is changed in place: unknown list entries are removed, unknown choices get the
    default the app would start with.
    """
    found: list[SetAside] = []
    platforms = {p.id for p in content.platforms}

    def choose(loc: Loc, value: T, allowed: set, default: T, what: str) -> T:
        if value in allowed:
            return value
        found.append(SetAside(loc, value, f"not {what} the coach knows", substitute=default))
        return default

    def keep(loc: Loc, items: list, allowed: set, what: str, ident=lambda x: x) -> list:
        kept = []
        for index, item in enumerate(items):
            if ident(item) in allowed:
                kept.append(item)
                continue
            # As the file would hold it: plain strings, and no field the file left out.
            value = (
                item.model_dump(mode="json", exclude_defaults=True)
                if hasattr(item, "model_dump")
                else item
            )
            problem = f"not {what} the coach knows"
            found.append(SetAside(loc, value, problem, element=True, index=index))
        return kept

    subs = {s.id for s in content.subspecialties}
    default_sub = "general" if "general" in subs else content.subspecialties[0].id
    plan.basics.subspecialty = choose(
        ("basics", "subspecialty"), plan.basics.subspecialty, subs, default_sub, "a subspecialty"
    )
    plan.current_step = choose(
        ("current_step",), plan.current_step, set(STEP_ORDER), STEP_ORDER[0], "a step"
    )
    policy_ids = {i.id for i in content.policy_items}
    for item_id in [i for i in plan.policy.items if i not in policy_ids]:
        policy_answer = plan.policy.items.pop(item_id)
        found.append(
            SetAside(
                ("policy", "items", item_id),
                policy_answer.model_dump(mode="python"),
                "not a policy item of the content or pack in use",
            )
        )
    plan.policy.items = dict(plan.policy.items)  # re-assign so validation sees the change
    goals = {g.id for g in content.goals}
    plan.platforms.goals = keep(("platforms", "goals"), plan.platforms.goals, goals, "a goal")
    plan.platforms.chosen = keep(
        ("platforms", "chosen"),
        plan.platforms.chosen,
        platforms,
        "a platform",
        lambda c: c.platform,
    )
    entries = {e.id for e in content.audience}
    plan.audience.adopted = keep(
        ("audience", "adopted"), plan.audience.adopted, entries, "a follow-list entry"
    )
    habits = {h.id for h in content.habits}
    plan.audience.habits = keep(("audience", "habits"), plan.audience.habits, habits, "a habit")
    rules = {r.id for r in content.identifiers} | {h.id for h in content.hazards}
    plan.phi.acknowledged = keep(
        ("phi", "acknowledged"), plan.phi.acknowledged, rules, "a privacy rule"
    )
    answers = {}
    quiz = {q.id: len(q.choices) for q in content.quiz}
    for question, answer in plan.phi.quiz_answers.items():
        if question in quiz and 0 <= answer < quiz[question]:
            answers[question] = answer
        else:
            found.append(
                SetAside(
                    ("phi", "quiz_answers", question),
                    answer,
                    "not an answer to a quiz question the coach has",
                )
            )
    plan.phi.quiz_answers = answers
    plan.accounts.per_platform = keep(
        ("accounts", "per_platform"),
        plan.accounts.per_platform,
        platforms,
        "a platform",
        lambda a: a.platform,
    )
    contacts = {r.id for r in content.contact_rules} | {""}
    for n, account in enumerate(plan.accounts.per_platform):
        account.patient_contact = choose(
            ("accounts", "per_platform", n, "patient_contact"),
            account.patient_contact,
            contacts,
            "",
            "a rule for patient contact",
        )
    checked = {}
    for platform_id, items in plan.profile.checked.items():
        if platform_id in platforms:
            checked[platform_id] = items
        else:
            found.append(
                SetAside(
                    ("profile", "checked", platform_id), items, "not a platform the coach knows"
                )
            )
    plan.profile.checked = checked
    rhythms = {r.days for r in content.audit_rhythms}
    if rhythms:
        default_days = 90 if 90 in rhythms else min(rhythms)
        plan.profile.audit_days = choose(
            ("profile", "audit_days"),
            plan.profile.audit_days,
            rhythms,
            default_days,
            "an audit rhythm",
        )
    return found


# ----------------------------------------------------------------- writing it back
def restore_into(data: dict, set_aside: list[SetAside]) -> dict:
    """`data` (a plan as dumped for saving) with the set-aside values back where they were.

    A field keeps the user's new value if they changed it from the substitute; a list entry
    goes back at the end of its list (if the list still has room and the entry is not there).
    """
    for item in set_aside:
        if item.element:
            target = _get(data, item.loc)
            if target is _MISSING:
                target = _set(data, item.loc, [])
            if not isinstance(target, list) or item.value in target:
                continue
            limit = _LIST_LIMITS.get(item.loc)
            if limit is None or len(target) < limit:
                target.append(item.value)
            continue
        current = _get(data, item.loc)
        if current is _MISSING or current == item.substitute:
            _set(data, item.loc, item.value)
    return data


def _child(node: Any, part: str | int) -> Any:
    """`node[part]` for a dict key or a list index that is there; _MISSING otherwise."""
    if isinstance(node, dict):
        return node.get(part, _MISSING)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _MISSING


def _get(data: Any, loc: Loc) -> Any:
    node = data
    for part in loc:
        node = _child(node, part)
        if node is _MISSING:
            break
    return node


def _set(data: Any, loc: Loc, value: Any) -> Any:
    """Put `value` at `loc`, making the dicts on the way; give up quietly where the path is
    no longer there (an account the user removed)."""
    node = data
    for part in loc[:-1]:
        if isinstance(node, dict):
            node = node.setdefault(part, {})
        else:
            node = _child(node, part)
            if node is _MISSING:
                return value
    last = loc[-1]
    if isinstance(node, dict) or _child(node, last) is not _MISSING:
        node[last] = value
    return value


def summary(set_aside: list[SetAside]) -> str:
    """One line for the app: how many values were set aside, the first few, and that the
    file still has them."""
    if not set_aside:
        return ""
    shown = "; ".join(item.describe() for item in set_aside[:3])
    more = f"; and {len(set_aside) - 3} more" if len(set_aside) > 3 else ""
    noun = "value" if len(set_aside) == 1 else "values"
    return (
        f"Set aside {len(set_aside)} {noun} in your plan file that the coach cannot use "
        f"({shown}{more}). They stay in the file unchanged; `socialcoach validate` lists them."
    )
