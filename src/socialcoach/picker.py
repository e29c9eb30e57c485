"""Rank platforms for the user's goals, with a score and a one-line reason for each."""

from __future__ import annotations

from dataclasses import dataclass

from socialcoach.content import Content, Platform

MAX_WEIGHT = 3


@dataclass(frozen=True, slots=True)
class Ranked:
    platform: Platform
    score: int  # 0..100: how well it serves the chosen goals
    reason: str  # the platform's reason for the goal it serves best
    best_goals: tuple[str, ...]  # goal ids it serves strongly (weight >= 2)


def rank(content: Content, goal_ids: list[str]) -> list[Ranked]:
    """Best first. With no goals every platform scores 0 and keeps content order."""
    goals = [goal.id for goal in content.goals if goal.id in goal_ids]
    ranked: list[tuple[int, int, Ranked]] = []
    for index, platform in enumerate(content.platforms):
        weights = [platform.weights.get(goal, 0) for goal in goals]
        total = sum(weights)
        score = round(100 * total / (MAX_WEIGHT * len(goals))) if goals else 0
        if goals:
            best = max(goals, key=lambda g: (platform.weights.get(g, 0), -goals.index(g)))
            reason = platform.reasons.get(best, platform.purpose)
        else:
            reason = platform.purpose
        strong = tuple(goal for goal in goals if platform.weights.get(goal, 0) >= 2)
        ranked.append((-score, index, Ranked(platform, score, reason, strong)))
    ranked.sort(key=lambda row: (row[0], row[1]))
    return [row[2] for row in ranked]
