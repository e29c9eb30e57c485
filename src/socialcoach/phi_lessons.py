"""Step 4's rules as a reader sees them: a rule's whole text, and what a quiz answer says back.

Knowledge is shown, not only ticked: a wrong answer brings up the rules the question tests
(the quiz's `rules` in content/phi.toml), so the rule is read where it was missed. Plain
functions of the content, shared by the rule lists' details boxes and the quiz feedback.
"""

from __future__ import annotations

from socialcoach.content import Content, QuizQuestion


def rule_text(content: Content, rule_id: str) -> str:
    """An identifier's or a hazard's whole text, which a one-line list item cuts short."""
    for identifier in content.identifiers:
        if identifier.id == rule_id:
            return (
                f"({identifier.letter}) {identifier.title}\n{identifier.explain}\n"
                f"In radiology: {identifier.radiology_example}"
            )
    hazard = next(h for h in content.hazards if h.id == rule_id)
    return f"{hazard.title}\n{hazard.explain}\nWhat to do: {hazard.what_to_do}"


def quiz_feedback(content: Content, question: QuizQuestion, answered: int | None) -> str:
    """ "Right." or the right answer, the explanation, and after a wrong answer the rules the
    question tests ("" while it is unanswered)."""
    if answered is None:
        return ""
    if answered == question.answer:
        return f"Right. {question.explanation}"
    text = f"Not quite: the answer is “{question.choices[question.answer]}”. {question.explanation}"
    if question.rules:
        heading = "The rule it tests:" if len(question.rules) == 1 else "The rules it tests:"
        text += f"\n{heading}\n" + "\n\n".join(rule_text(content, r) for r in question.rules)
    return text
