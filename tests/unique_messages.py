"""Messages whose names, companies, e-mail addresses and URLs no other message has: what makes
spaCy's string store and vocabulary grow, for the memory tests of the engine and the batch pool."""

from __future__ import annotations

import random

SYLLABLES = ["ka", "lo", "mir", "dra", "zen", "qui", "vash", "tor", "bel", "ny", "os", "rup", "fen", "gal"]
TEMPLATES = [
    "Hi {friend},\n\nCould you introduce me to a data engineer at {company}? My portfolio is at "
    "{url} and my e-mail is {email}.\n\nThanks,\n{me}\n",
    "Hello {friend}! I'm looking for a product manager role at {company} or a similar fintech. "
    "{me} ({email}, {url}) would love any intro.\n",
    "Dear {friend},\n\nIf you know anyone, or hear of any leads, please send them my way: {email}.\n"
    "Best, {me}\n{url}\n",
    "{friend}, I spent eight years at {company} and now want to move into climate tech. Do you know "
    "a head of partnerships there? See {url} or write to {email}. {me}\n",
]


def _name(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).title() + str(n)


def unique_messages(count: int, seed: int) -> list[str]:
    """Messages whose names, company, e-mail address and URL no other message has."""
    rng = random.Random(seed)
    texts = []
    for n in range(count):
        first, last, company = _name(rng, n), _name(rng, n), _name(rng, n)
        texts.append(rng.choice(TEMPLATES).format(
            friend=_name(rng, n), me=f"{first} {last}", company=f"{company} Labs",
            email=f"{first.lower()}.{last.lower()}@{company.lower()}.example.com",
            url=f"https://{company.lower()}.example.org/{first.lower()}/{n}?ref={last.lower()}"))
    return texts
