"""Spot contradictions in the account split plan before they become a problem online."""

from __future__ import annotations

import re

from socialcoach.content import Content
from socialcoach.models import AccountPlan, AccountSplit, Plan, Visibility

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def looks_like_email(text: str) -> bool:
    """One @, a dot in the domain, no spaces: enough to catch a name typed in the email box."""
    return bool(_EMAIL.match(text.strip()))


def bio_warning(platform_name: str, bio_max: int | None, text: str, what: str) -> str | None:
    """A warning when a bio line is longer than the platform allows (None when it fits)."""
    length = len(text.strip())
    if bio_max is None or length <= bio_max:
        return None
    return (
        f"{platform_name}: your {what} has {length} characters, but a bio holds {bio_max}; "
        "shorten it."
    )


def normalise_handle(handle: str) -> str:
    return handle.strip().lstrip("@").casefold()


def account_warnings(account: AccountPlan, plan: Plan, content: Content) -> list[str]:
    """Plain-language warnings for one platform's account plan (empty when it is coherent)."""
    warnings: list[str] = []
    name = content.platform_name(account.platform)
    try:
        platform = content.platform(account.platform)
    except KeyError:
        platform = None
    pro = normalise_handle(account.professional_handle)
    personal = normalise_handle(account.personal_handle)
    separate = account.split is AccountSplit.SEPARATE

    if separate and pro and personal and pro == personal:
        warnings.append(
            f"{name}: the personal and professional accounts have the same handle; "
            "give the personal one a different handle."
        )
    public_personal = separate and account.personal_visibility is Visibility.PUBLIC
    if public_personal and pro and personal and (pro in personal or personal in pro):
        warnings.append(
            f"{name}: a public personal account whose handle looks like your professional "
            "one will be read as professional. Make it private or use an unrelated handle."
        )
    display = plan.basics.display_name.strip().casefold().replace(" ", "")
    if public_personal and display and display in personal.replace("_", "").replace(".", ""):
        warnings.append(
            f"{name}: the public personal account carries your name, so patients and "
            "employers can find it. Consider making it private."
        )
    if platform is not None and not platform.can_be_private:
        private = account.professional_visibility is Visibility.PRIVATE or (
            separate and account.personal_visibility is Visibility.PRIVATE
        )
        if private:
            warnings.append(
                f"{name}: accounts cannot be made private here. {platform.privacy_note}"
            )
    if account.professional_visibility is Visibility.PRIVATE and account.split is not (
        AccountSplit.SEPARATE
    ):
        warnings.append(
            f"{name}: a private professional account reaches only approved followers; "
            "that suits networking, not teaching or outreach."
        )
    if platform is not None and platform.handle_max and len(pro) > platform.handle_max:
        warnings.append(
            f"{name}: handles are limited to {platform.handle_max} characters; "
            f"'{account.professional_handle}' has {len(pro)}."
        )
    required = content.pack.required_disclaimer if content.pack else ""
    if required and not account.disclaimer.strip():
        warnings.append(f"{name}: your organisation requires a disclaimer: {required}")
    if platform is not None:
        too_long = bio_warning(name, platform.bio_max, account.disclaimer, "bio disclaimer")
        if too_long:
            warnings.append(too_long)
    return warnings


def plan_warnings(plan: Plan, content: Content) -> list[str]:
    """Warnings for every planned account, plus handles that differ across platforms."""
    warnings: list[str] = []
    for account in plan.accounts.per_platform:
        warnings.extend(account_warnings(account, plan, content))
    handles = {normalise_handle(a.professional_handle) for a in plan.accounts.per_platform}
    handles.discard("")
    if len(handles) > 1:
        warnings.append(
            "Your professional handles differ between platforms; one consistent handle makes "
            "you easier to find and impersonators easier to spot."
        )
    return warnings
