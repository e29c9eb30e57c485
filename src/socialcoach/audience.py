"""Which societies, accounts, communities and hashtags to offer a user, and in what order."""

from __future__ import annotations

from socialcoach.content import AudienceEntry, Content, source_label

KIND_LABELS = {
    "society": "Society",
    "account": "Account",
    "community": "Community",
    "hashtag": "Hashtag",
    "resource": "Resource",
    "idea": "Idea",
}


def relevant_entries(
    entries: list[AudienceEntry], subspecialty: str, platforms: list[str]
) -> list[AudienceEntry]:
    """Entries for radiology as a whole or the user's subspecialty.

    Those active on the user's platforms come first; the rest are still worth knowing
    (a society's website and meetings matter wherever you post).
    """
    wanted = {"all", subspecialty}
    rows = [e for e in entries if wanted & set(e.subspecialties)]
    kinds = list(KIND_LABELS)

    def order(entry: AudienceEntry) -> tuple:
        elsewhere = bool(platforms) and not set(entry.platforms) & set(platforms)
        return (elsewhere, kinds.index(entry.kind), "all" in entry.subspecialties)

    return sorted(rows, key=order)


def entry_prompt(entry: AudienceEntry, content: Content) -> str:
    """One line of the list: what it is and where. The description is in `entry_details`."""
    note = "" if entry.verified else " (check it first)"
    where = ", ".join(content.platform_name(p) for p in entry.platforms)
    return f"{KIND_LABELS[entry.kind]}: {entry.name}{note} ({where})"


def entry_details(entry: AudienceEntry, content: Content) -> str:
    """All there is to know about the highlighted entry, with where that comes from."""
    lines = [f"{entry.name} ({KIND_LABELS[entry.kind].lower()})", entry.description]
    lines.append("On: " + ", ".join(content.platform_name(p) for p in entry.platforms))
    if entry.url:
        lines.append(f"Link: {entry.url}")
    if not entry.verified:
        lines.append("Not verified, check it first: confirm it exists and is active.")
    cited = [content.sources[s] for s in entry.sources if s in content.sources]
    for source in cited:
        lines.append(f"Source: {source.name} ({source_label(source)})")
    return "\n".join(lines)
