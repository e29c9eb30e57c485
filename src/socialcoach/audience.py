"""Which societies, accounts, communities and hashtags to offer a user, and in what order."""

from __future__ import annotations

from socialcoach.content import AudienceEntry

KIND_LABELS = {
    "society": "Society",
    "account": "Account",
    "community": "Community",
    "hashtag": "Hashtag",
    "resource": "Resource",
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
