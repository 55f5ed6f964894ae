"""English wording shared by messages, reasons and the brief: lists, articles, embedding.

Small, pure functions that keep generated sentences grammatical: a list joined with
"and", the article a noun takes, a sentence embedded after a conjunction ("because
..."), a noun counted. Owns no vocabulary of its own; imports nothing of toulmin.

Examples
--------
>>> join_words(["f1", "f2", "f3"])
'f1, f2 and f3'
>>> with_article("inference"), with_article("finding"), with_article("undercut")
('an inference', 'a finding', 'an undercut')
>>> embedded("The exam is old."), embedded("MRI shows stenosis"), embedded("LF-2 is met")
('the exam is old.', 'MRI shows stenosis', 'LF-2 is met')
>>> counted(1, "premise"), counted(3, "statement")
('1 premise', '3 statements')
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["article", "counted", "embedded", "join_words", "with_article"]

# words that start with a vowel letter but a consonant sound, and the reverse
_CONSONANT_SOUND = re.compile(r"^(one\b|once\b|uni|use|usu|uti|eu|ur[aeiou])", re.IGNORECASE)
_VOWEL_SOUND = re.compile(r"^(hour|honest|honou?r|heir)", re.IGNORECASE)
# a capitalised ordinary word: "The", "Left-sided", "Surgeon's" (not "MRI", "LF-2", "McKenzie")
_ORDINARY_CAPITALISED = re.compile(r"^[A-Z][a-z]+(?:['’][a-z]+)?(?:-[a-z]+)*$")


def join_words(items: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def article(word: str) -> str:
    """``a`` or ``an`` for ``word``, by its first sound as far as spelling tells.

    >>> article("one-level fusion"), article("hour"), article("MRI"), article("X-ray")
    ('a', 'an', 'an', 'an')
    """
    if not word:
        return "a"
    if _VOWEL_SOUND.match(word):
        return "an"
    if _CONSONANT_SOUND.match(word):
        return "a"
    first = word.split()[0] if word.split() else word
    if len(first) > 1 and first[0].isupper() and (first[1].isupper() or not first[1].isalpha()):
        return "an" if first[0] in "AEFHILMNORSX" else "a"  # read letter by letter: MRI, L4-5
    return "an" if word[0].lower() in "aeiou" else "a"


def with_article(word: str) -> str:
    """``word`` after its indefinite article: ``an inference``, ``a finding``."""
    return f"{article(word)} {word}"


def embedded(sentence: str) -> str:
    """A sentence as it reads after a conjunction ("because ..."): its first word lower-cased.

    Only an ordinary capitalised word is lower-cased (``The``, ``Left-sided``); an
    initialism (``MRI``), an identifier (``LF-2``, ``L4-5``), a single letter or a word
    with capitals inside (``McKenzie``) is kept.

    >>> embedded("Left-sided radiculopathy"), embedded("X-ray shows it")
    ('left-sided radiculopathy', 'X-ray shows it')
    """
    stripped = sentence.lstrip()
    first = re.match(r"\S+", stripped)
    if first is None:
        return sentence
    word = first.group(0).rstrip(".,;:!?)'\"”’")
    if not _ORDINARY_CAPITALISED.match(word):
        return sentence
    return sentence[: len(sentence) - len(stripped)] + stripped[0].lower() + stripped[1:]


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun in the number ``n`` takes: ``1 premise``, ``2 premises``."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"
