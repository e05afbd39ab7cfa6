"""Deterministic, realistic networking messages (about 200 words each) for the benchmarks.

Each message is built from a seeded random choice of greeting, background, goal, ask (vague or
specific), context and sign-off, so every run measures the same text.
"""

from __future__ import annotations

import random

FIRST = ["Maya", "Tomás", "Priya", "Jordan", "Aiko", "Samuel", "Fatima", "Lukas", "Grace", "Omar",
         "Elena", "Darnell", "Ingrid", "Kwame", "Rosa", "Chen", "Hannah", "Rafael", "Noor", "Patrick"]
LAST = ["Okafor", "Lindqvist", "Ramirez", "Nakamura", "Brennan", "Haddad", "Kowalski", "Mensah",
        "Delgado", "Fischer", "Sato", "Whitaker", "Iyer", "Moreau", "Abernathy", "Cho"]
COMPANIES = ["Microsoft", "Stripe", "Patagonia", "Nordstrom", "Shopify", "Salesforce", "Etsy",
             "Duolingo", "Moderna", "Target", "Wayfair", "Chewy", "Atlassian", "HubSpot",
             "Medtronic", "Deloitte", "REI", "Spotify", "Intuit", "Zillow"]
ROLES = ["product manager", "data engineer", "VP of Engineering", "UX researcher",
         "head of partnerships", "financial analyst", "site reliability engineer",
         "customer success lead", "brand strategist", "clinical operations manager",
         "recruiter", "marketing director", "security architect", "program manager"]
SECTORS = ["fintech", "climate tech", "healthcare", "retail", "edtech", "logistics",
           "outdoor apparel", "biotech", "e-commerce", "public sector", "renewable energy", "gaming"]
CITIES = ["Seattle", "Austin", "Chicago", "Denver", "Toronto", "Boston", "Atlanta", "Portland"]
YEARS = ["three", "four", "five", "six", "eight", "ten", "twelve"]

GREETINGS = ["Hi {them},", "Hello {them},", "Dear {them},", "Hey {them}!", "Good morning {them},",
             "{them}, hope your week is going well."]
OPENERS = [
    "I hope you're doing well. It has been a while since we last talked at the {city} meetup, and "
    "I still think about your story of rebuilding the onboarding flow from scratch.",
    "Thanks again for making time for coffee last month; your advice about reworking my portfolio "
    "was spot on, and I have already had two good conversations because of it.",
    "We met briefly at the alumni mixer in {city} last spring, where we compared notes about "
    "moving from consulting into operating roles.",
    "I am reaching out because {friend} suggested you would be a great person to talk to, since "
    "you have spent so many years around {sector}.",
    "Congratulations on the new position! I saw the announcement on LinkedIn and it looks like a "
    "perfect fit for everything you have built over the last few years.",
]
BACKGROUNDS = [
    "For the past {years} years I have worked as a {past_role} at {past_company}, where I led a "
    "small team through two product launches and a painful but useful migration to a new platform.",
    "I spent {years} years at {past_company} in {city}, mostly as a {past_role}, and before that I "
    "ran operations for a tiny nonprofit that taught coding to high school students.",
    "Most of my career has been in {past_sector}: {years} years in total, the last few as a "
    "{past_role} working closely with finance, legal and engineering on messy cross-team projects.",
    "After {years} years as a {past_role} I took six months off to care for a family member, and "
    "I am now ready to get back to work with a lot more clarity about what I want.",
]
PIVOTS = [
    "The work taught me a lot about shipping under pressure, but over time I realised that the part "
    "I enjoyed most was sitting with customers and turning what they told me into a plan.",
    "Last quarter my whole division was reorganised, and although I was offered a new seat, it felt "
    "like the right moment to step back and think about the next ten years instead.",
    "Along the way I picked up a certificate in data analysis and mentored four junior colleagues, "
    "two of whom now run teams of their own, which is the thing I am proudest of.",
    "I have been volunteering on weekends with a local group that helps small businesses go online, "
    "and it reminded me how much I like building things that people use every day.",
]
GOALS = [
    "I'm now looking for {role} roles at mid-size {sector} companies such as {company} or {company2}.",
    "My goal is to move into {sector}, ideally as a {role}, somewhere in or near {city}.",
    "I'm ready for a change and I'm on the job market again.",
    "I'd like to find something new where I can keep growing and make an impact.",
    "I am exploring {role} positions, especially on teams building tools for {sector}.",
]
ASKS = [  # specific asks name a company, a role or a sector; vague ones do not
    "Could you introduce me to anyone on the {team} team at {company}? Twenty minutes would be plenty.",
    "Do you know a {role} at {company} or {company2} who might be open to a short call?",
    "Who would you recommend I talk to about {role} work in {sector}?",
    "If you know anyone, or hear of any leads, please send them my way.",
    "I'd appreciate any introductions or contacts you can share.",
    "Let me know if you hear of any opportunities at all.",
    "Would you be willing to pass my résumé along to the hiring manager for the {role} opening at {company}?",
    "Do you know anybody who is hiring right now?",
]
CONTEXTS = [
    "I'm especially drawn to {company} because of how seriously they take {sector} and how well "
    "they treat their people.",
    "I know your calendar is packed, so please don't feel any pressure at all.",
    "I have attached a short summary of my background in case it helps to forward.",
    "I'm happy to work around your schedule, and I can send a blurb you could paste into an e-mail.",
    "If it is easier, I could also join one of the community events you mentioned and say hello there.",
    "Either way, I would love to hear how things are going on your side and whether the move paid off.",
]
CLOSINGS = ["Thanks so much,", "Best,", "Warm regards,", "Many thanks,", "Cheers,", "All the best,"]
TEAMS = ["data platform", "growth", "payments", "supply chain", "design systems", "people analytics"]


def make_message(rng: random.Random) -> str:
    them, friend, me = rng.choice(FIRST), rng.choice(FIRST), f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    company, company2, past_company = rng.sample(COMPANIES, 3)
    role, past_role = rng.sample(ROLES, 2)
    sector, past_sector = rng.sample(SECTORS, 2)
    values = dict(them=them, friend=friend, company=company, company2=company2, past_company=past_company,
                  role=role, past_role=past_role, sector=sector, past_sector=past_sector,
                  city=rng.choice(CITIES), years=rng.choice(YEARS), team=rng.choice(TEAMS))
    body = [rng.choice(OPENERS), rng.choice(BACKGROUNDS), rng.choice(PIVOTS), rng.choice(GOALS),
            *rng.sample(ASKS, 2), *rng.sample(CONTEXTS, 3)]
    paragraphs = [rng.choice(GREETINGS), " ".join(body[:3]), " ".join(body[3:6]), " ".join(body[6:]),
                  f"{rng.choice(CLOSINGS)}\n{me}"]
    return "\n\n".join(paragraphs).format(**values) + "\n"


def messages(count: int, seed: int = 2026) -> list[str]:
    rng = random.Random(seed)
    return [make_message(rng) for _ in range(count)]


if __name__ == "__main__":
    sample = messages(300)
    words = sorted(len(m.split()) for m in sample)
    print(sample[0])
    print(f"{len(sample)} messages, words min/median/max: {words[0]}/{words[len(words) // 2]}/{words[-1]}")
