"""Names and short bios for invented leaders.

Names come in origins (the mix a city draws from is in ``reference.City.names``) so a Miami list reads
like Miami and a Detroit list like Detroit. Accents are deliberate: search, sorting and e-mail slugs must
cope with "José Núñez" and "Zoë Brontë".
"""

from __future__ import annotations

import unicodedata

# origin -> (feminine first names, masculine first names, last names)
# fmt: off
NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "white": (
        ["Emily", "Sarah", "Megan", "Katie", "Anne", "Zoë", "Renée", "Hannah", "Molly", "Claire", "Heather",
         "Laura", "Beth", "Abigail", "Ingrid", "Chloé", "Margaret", "Jill", "Kristen", "Erin"],
        ["Michael", "David", "Ben", "Tom", "Kyle", "Ryan", "Eric", "Nathan", "Paul", "Greg", "Luke", "Sean",
         "Andrew", "Brian", "Josh", "Dale", "Walt", "Erik", "Patrick", "Colin"],
        ["Anderson", "Olson", "Johnson", "Miller", "Schmidt", "Kowalski", "O'Brien", "Murphy", "Larson",
         "Sullivan", "Becker", "Novak", "Peterson", "Walsh", "Hoffman", "Bauer", "McCarthy", "Brontë",
         "Lindqvist", "Yoder", "Fitzgerald", "Russo", "Campbell", "Keller"],
    ),
    "black": (
        ["Aaliyah", "Imani", "Keisha", "Tiana", "Ebony", "Nia", "Jasmine", "Latoya", "Shanice", "Monique",
         "Adaeze", "Ama", "Destiny", "Brianna", "Kiara", "Simone"],
        ["DeShawn", "Malik", "Jamal", "Darnell", "Marcus", "Terrence", "Andre", "Kwame", "Jerome", "Tyrone",
         "Chinedu", "Isaiah", "Darius", "Reginald", "Cedric", "Xavier"],
        ["Washington", "Jackson", "Robinson", "Jefferson", "Okafor", "Mensah", "Diallo", "Freeman", "Banks",
         "Coleman", "Brooks", "Henderson", "Oyelaran", "Gaines", "Towns", "Booker", "Ellison", "Harris"],
    ),
    "hispanic": (
        ["María", "Sofía", "Guadalupe", "Ana", "Lucía", "Inés", "Carmen", "Yesenia", "Alejandra", "Rosa",
         "Marisol", "Daniela", "Xiomara", "Beatriz", "Paola", "Itzel"],
        ["José", "Andrés", "Jesús", "Ramón", "Luis", "Carlos", "Miguel", "Alejandro", "Héctor", "Raúl",
         "Diego", "Javier", "Joaquín", "Emilio", "Óscar", "Mateo"],
        ["García", "Hernández", "Martínez", "Pérez", "Núñez", "Muñoz", "Gómez", "Rodríguez", "López",
         "Ramírez", "Castillo", "Ortiz", "Delgado", "Vásquez", "Morales", "Peña", "Ibáñez", "Cruz"],
    ),
    "asian": (
        ["Mai", "Linh", "Ji-woo", "Priya", "Anjali", "Mei", "Yuki", "Hana", "Pa Nhia", "Kalia", "Thuy",
         "Sunita", "Grace", "Min-seo"],
        ["Minh", "Tuan", "Hyun", "Raj", "Arjun", "Wei", "Kenji", "Tou", "Bao", "Vikram", "Jun", "Dong-hyun",
         "Sanjay", "Kevin"],
        ["Nguyen", "Tran", "Kim", "Park", "Lee", "Chen", "Wang", "Patel", "Shah", "Singh", "Yang", "Vang",
         "Lor", "Xiong", "Tanaka", "Le", "Huang", "Desai"],
    ),
    "arab": (
        ["Fatima", "Layla", "Mariam", "Nour", "Rania", "Yasmin", "Amira", "Huda", "Salma", "Dalia"],
        ["Omar", "Yusuf", "Ahmed", "Khalil", "Tariq", "Hassan", "Karim", "Sami", "Bilal", "Rami"],
        ["Haddad", "Khoury", "Nasser", "Mansour", "Saleh", "Aziz", "Hamdan", "Abdullah", "Farah", "Jaber",
         "Bazzi", "Saad"],
    ),
    "native": (
        ["Winona", "Tallulah", "Aiyana", "Kimi", "Dezba", "Shilah"],
        ["Ahiga", "Hosteen", "Koda", "Nakai", "Tahoma", "Elan"],
        ["Begay", "Yazzie", "Tsosie", "Benally", "Nez", "Redhouse", "Whitehorse", "Manuelito", "Harjo"],
    ),
}
# fmt: on
NATIONAL_MIX: list[tuple[str, float]] = [
    ("white", 0.46),
    ("black", 0.18),
    ("hispanic", 0.2),
    ("asian", 0.09),
    ("arab", 0.04),
    ("native", 0.03),
]

# origin -> (second language, share who list it)
SECOND_LANGUAGES = {
    "hispanic": ("Spanish", 0.62),
    "arab": ("Arabic", 0.45),
    "asian": ("Vietnamese", 0.12),
}

BIOS: dict[str, list[str]] = {
    "emergent": [
        "Got involved after November 2016 and haven't stopped. Now organizing neighbors in {city} "
        "around {issue}.",
        "First-time organizer in {city}. Started a group text with six friends; it is now {n} people "
        "working on {issue}.",
        "Parent, nurse and new volunteer in {city}. Learning to lead on {issue}, one meeting at a time.",
    ],
    "community": [
        "Block club president in {city} for {n} years. Working on {issue} and getting out the vote.",
        "Community leader in {city}. I connect tenants, parents and small businesses on {issue}.",
        "Longtime {city} resident who runs our neighborhood association's civic committee; focus on {issue}.",
    ],
    "faith": [
        "Pastor in {city}. Our congregation sees {issue} as a moral question and acts on it.",
        "Lay leader at my congregation in {city}; I chair the social justice committee and work on {issue}.",
        "Faith leader bringing {n} congregations in {city} together around {issue}.",
    ],
    "large_org": [
        "State field director for a national organization, based in {city}. Happy to share tools on {issue}.",
        "Organizing director at a union local in {city}. Our members care most about {issue}.",
        "Regional coordinator for a statewide coalition; I help local groups in {city} plug into "
        "{issue} work.",
    ],
    "seasoned": [
        "Organizing in {city} since the 1990s. Trainer and mentor for new leaders; lately focused on "
        "{issue}.",
        "Veteran of {n} campaigns in {city}. I help new groups with turnout plans and {issue}.",
        "Former city council candidate in {city}. I coach first-time candidates and work on {issue}.",
    ],
}


def ascii_slug(text: str) -> str:
    """``"José O'Brien"`` -> ``"jose.obrien"``: e-mail local parts stay ASCII."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return ".".join("".join(ch for ch in word if ch.isalnum()) for word in plain.lower().split())
