"""Reference tables the seeders draw from: topics, cities, states and the words groups and events use.

Everything here is plain data, so the demo and the large generator tell the same story: thirteen cities
convened in November 2017, fifteen states joined for 2018. ZIPs are real (checked by ``core.places``);
names of organisations are invented and use example.org.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- Topics ---------------------------------------------------------------------------------------------
# (slug, name, name_es). The first issue is the one the 2017 survey is about.
ISSUES: list[tuple[str, str, str]] = [
    ("electing-progressive-leaders", "Electing progressive leaders", "Elegir líderes progresistas"),
    ("voting-rights", "Voting rights", "Derecho al voto"),
    ("health-care", "Health care", "Atención médica"),
    ("immigration", "Immigration", "Inmigración"),
    ("climate", "Climate", "Clima"),
    ("education", "Education", "Educación"),
    ("housing", "Housing", "Vivienda"),
    ("criminal-justice", "Criminal justice", "Justicia penal"),
    ("economic-justice", "Economic justice", "Justicia económica"),
    ("lgbtq-rights", "LGBTQ+ rights", "Derechos LGBTQ+"),
    ("reproductive-rights", "Reproductive rights", "Derechos reproductivos"),
    ("gun-safety", "Gun safety", "Seguridad ante las armas"),
    ("labor", "Labor", "Trabajo y sindicatos"),
    ("racial-justice", "Racial justice", "Justicia racial"),
    ("disability-rights", "Disability rights", "Derechos de las personas con discapacidad"),
]

SKILLS: list[tuple[str, str, str]] = [
    ("canvassing", "Canvassing", "Visitas puerta a puerta"),
    ("fundraising", "Fundraising", "Recaudación de fondos"),
    ("public-speaking", "Public speaking", "Hablar en público"),
    ("data", "Data and voter files", "Datos y padrones electorales"),
    ("social-media", "Social media", "Redes sociales"),
    ("graphic-design", "Graphic design", "Diseño gráfico"),
    ("legal", "Legal", "Asesoría legal"),
    ("training-facilitation", "Training facilitation", "Facilitación de talleres"),
    ("event-planning", "Event planning", "Organización de eventos"),
    ("spanish-translation", "Spanish translation", "Traducción al español"),
    ("running-for-office", "Running for office", "Postularse a un cargo"),
    ("coalition-building", "Coalition building", "Construcción de coaliciones"),
]

ELECTING = "electing-progressive-leaders"


# --- Cities ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class City:
    name: str
    state: str
    zip_code: str
    area_code: str
    # Share of names drawn from each origin in ``names.py``; empty means the national mix.
    names: tuple[tuple[str, float], ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name}, {self.state}"


# fmt: off
# The thirteen cities that convened on Saturdays in November 2017.
ORIGINAL_CITIES: list[City] = [
    City("Madison", "WI", "53703", "608", (("white", .7), ("black", .08), ("hispanic", .08), ("asian", .12))),
    City("Columbus", "OH", "43215", "614"),
    City("Detroit", "MI", "48226", "313", (("black", .5), ("white", .25), ("arab", .12), ("hispanic", .08))),
    City("Philadelphia", "PA", "19107", "215", (("black", .38), ("white", .37), ("hispanic", .15))),
    City("Pittsburgh", "PA", "15222", "412", (("white", .7), ("black", .2), ("asian", .06))),
    City("Atlanta", "GA", "30303", "404", (("black", .52), ("white", .3), ("hispanic", .08), ("asian", .06))),
    City("Charlotte", "NC", "28202", "704", (("black", .35), ("white", .42), ("hispanic", .14))),
    City("Phoenix", "AZ", "85004", "602", (("hispanic", .4), ("white", .4), ("native", .08), ("black", .06))),
    City("Denver", "CO", "80202", "303", (("white", .5), ("hispanic", .32), ("black", .08))),
    City("Minneapolis", "MN", "55401", "612",
         (("white", .55), ("black", .14), ("asian", .14), ("arab", .07))),
    City("Des Moines", "IA", "50309", "515",
         (("white", .72), ("hispanic", .1), ("black", .08), ("asian", .07))),
    City("Las Vegas", "NV", "89101", "702",
         (("hispanic", .35), ("white", .35), ("black", .14), ("asian", .12))),
    City("Miami", "FL", "33130", "305", (("hispanic", .6), ("black", .2), ("white", .15))),
]

# One or two cities in each of the fifteen states the 2018 season expands to.
EXPANSION_CITIES: list[City] = [
    City("Austin", "TX", "78701", "512", (("hispanic", .4), ("white", .4), ("black", .1))),
    City("San Antonio", "TX", "78205", "210", (("hispanic", .6), ("white", .28), ("black", .08))),
    City("Richmond", "VA", "23219", "804", (("black", .45), ("white", .42))),
    City("Norfolk", "VA", "23510", "757", (("black", .42), ("white", .45))),
    City("Manchester", "NH", "03101", "603", (("white", .85), ("hispanic", .06))),
    City("Portland", "ME", "04101", "207", (("white", .86), ("black", .06), ("arab", .04))),
    City("Wichita", "KS", "67202", "316", (("white", .68), ("hispanic", .16), ("black", .1))),
    City("Kansas City", "KS", "66101", "913", (("white", .45), ("hispanic", .28), ("black", .22))),
    City("Saint Louis", "MO", "63101", "314", (("black", .45), ("white", .45))),
    City("Kansas City", "MO", "64106", "816", (("white", .55), ("black", .28), ("hispanic", .1))),
    City("Indianapolis", "IN", "46204", "317", (("white", .58), ("black", .28), ("hispanic", .1))),
    City("Louisville", "KY", "40202", "502", (("white", .68), ("black", .24))),
    City("Lexington", "KY", "40507", "859", (("white", .76), ("black", .14), ("hispanic", .07))),
    City("Nashville", "TN", "37203", "615", (("white", .58), ("black", .27), ("hispanic", .1))),
    City("Memphis", "TN", "38103", "901", (("black", .62), ("white", .3))),
    City("Columbia", "SC", "29201", "803", (("black", .42), ("white", .5))),
    City("Charleston", "SC", "29401", "843", (("white", .68), ("black", .25))),
    City("Birmingham", "AL", "35203", "205", (("black", .6), ("white", .34))),
    City("Montgomery", "AL", "36104", "334", (("black", .58), ("white", .36))),
    City("Albuquerque", "NM", "87102", "505", (("hispanic", .5), ("white", .33), ("native", .12))),
    City("Las Cruces", "NM", "88001", "575", (("hispanic", .6), ("white", .33), ("native", .04))),
    City("Missoula", "MT", "59802", "406", (("white", .88), ("native", .08))),
    City("Billings", "MT", "59101", "406", (("white", .85), ("native", .1))),
    City("Charleston", "WV", "25301", "304", (("white", .85), ("black", .11))),
    City("Huntington", "WV", "25701", "304", (("white", .88), ("black", .08))),
    City("Omaha", "NE", "68102", "402", (("white", .68), ("black", .12), ("hispanic", .14))),
    City("Lincoln", "NE", "68508", "402", (("white", .8), ("hispanic", .08), ("asian", .07))),
]

EXPANSION_STATES = ["TX", "VA", "NH", "ME", "KS", "MO", "IN", "KY", "TN", "SC", "AL", "NM", "MT", "WV", "NE"]

# Big-city anchors for every state (plus DC): they make a county "urban" and weight the large dataset
# toward where people live. Real downtown ZIPs.
METRO_ZIPS: list[str] = [
    *(c.zip_code for c in ORIGINAL_CITIES),
    *(c.zip_code for c in EXPANSION_CITIES),
    "10001", "11201", "10451", "14202", "12207", "90012", "94102", "92101", "95113", "95814", "93721",
    "90802", "60602", "62701", "77002", "75201", "76102", "79901", "98101", "99201", "97204", "02108",
    "02903", "06103", "05401", "21202", "20001", "19801", "07102", "08608", "44113", "45202", "53202",
    "55102", "49503", "84101", "33602", "32801", "32202", "70112", "73102", "74103", "27601", "85701",
    "96813", "99501", "83702", "72201", "39201", "58102", "57104", "82001", "31401", "80903", "89501",
    "48933", "46802", "43604",
]

# Approximate 2017 population in millions: only used to weight where the large dataset's leaders live.
STATE_WEIGHTS: dict[str, float] = {
    "AL": 4.9, "AK": 0.7, "AZ": 7.0, "AR": 3.0, "CA": 39.5, "CO": 5.6, "CT": 3.6, "DE": 1.0, "FL": 21.0,
    "GA": 10.4, "HI": 1.4, "ID": 1.7, "IL": 12.8, "IN": 6.7, "IA": 3.1, "KS": 2.9, "KY": 4.5, "LA": 4.7,
    "ME": 1.3, "MD": 6.0, "MA": 6.9, "MI": 10.0, "MN": 5.6, "MS": 3.0, "MO": 6.1, "MT": 1.1, "NE": 1.9,
    "NV": 3.0, "NH": 1.3, "NJ": 9.0, "NM": 2.1, "NY": 19.8, "NC": 10.3, "ND": 0.8, "OH": 11.7, "OK": 3.9,
    "OR": 4.1, "PA": 12.8, "RI": 1.1, "SC": 5.0, "SD": 0.9, "TN": 6.7, "TX": 28.3, "UT": 3.1, "VT": 0.6,
    "VA": 8.5, "WA": 7.4, "WV": 1.8, "WI": 5.8, "WY": 0.6,
}
# fmt: on

# --- The alliance and its partner groups ----------------------------------------------------------------
# (name, mission) for the four founding organisations. Invented names.
ALLIANCE_ORGS: list[tuple[str, str]] = [
    (
        "Rise Together Network",
        "A national network of local groups that formed after the 2016 election. We help new leaders "
        "build lasting local power and win elections close to home.",
    ),
    (
        "Common Table Faith Alliance",
        "Congregations of many traditions organizing for dignity, fair wages and a democracy that "
        "counts every voice.",
    ),
    (
        "Hometown Power Project",
        "Trains community organizers in small cities and rural counties, where a few hundred votes "
        "decide who serves on the school board and in the statehouse.",
    ),
    (
        "Grassroots Leaders Collaborative",
        "Connects seasoned organizers with emerging leaders through mentoring, shared tools and "
        "state-by-state convenings.",
    ),
]

LOCAL_GROUP_PATTERNS = [
    "{city} Neighbors United",
    "{city} Together",
    "{county} Progressive Coalition",
    "{city} Action Circle",
    "Stand Up {city}",
    "{city} Votes",
    "{county} Democracy Project",
    "Women Rising {city}",
    "{city} Justice League",
    "Eastside {city} Organizing Committee",
    "Northside {city} Action",
    "{city} Youth Power",
]
FAITH_GROUP_PATTERNS = [
    "First Unitarian Society of {city}",
    "Greater Bethel AME Church",
    "St. Brigid Catholic Parish, {city}",
    "Temple Beth Shalom of {city}",
    "Masjid Al-Noor {city}",
    "Grace Lutheran Church {city}",
    "Mount Zion Baptist Church",
    "{city} Interfaith Sponsoring Committee",
    "Iglesia Cristo Vive",
    "Plymouth Congregational Church of {city}",
]
UNION_GROUP_PATTERNS = [
    "{state_name} Home Care Workers Local {n}",
    "{city} Teachers Union Local {n}",
    "Hotel and Restaurant Workers Local {n}",
    "{state_name} Nurses Association",
    "Building Trades Council of {county}",
    "Transit Workers Local {n}",
]
NATIONAL_ORGS: list[tuple[str, str]] = [
    ("National Voter Access Project", "voting-rights"),
    ("Families for Fair Health Care", "health-care"),
    ("New American Welcome Coalition", "immigration"),
    ("Climate Neighbors Network", "climate"),
    ("Public Schools First", "education"),
    ("Homes for All Campaign", "housing"),
    ("Second Chance Justice Fund", "criminal-justice"),
    ("Run Local Candidate School", "electing-progressive-leaders"),
    ("Access Now Disability Coalition", "disability-rights"),
    ("Equal Pay Workers Alliance", "labor"),
]
MISSION_OPENERS = [
    "We are neighbors who organize",
    "We bring people together",
    "Our members knock doors, testify and vote",
    "We are volunteers who show up",
    "We build power block by block",
]
MISSION_ENDINGS = [
    "so that every family has a voice at city hall.",
    "until our state legislature reflects the people it serves.",
    "and we train new leaders to run for local office.",
    "and we welcome anyone who wants to help.",
    "with a focus on turnout in every precinct.",
]
MEETING_TIMES = [
    "Second Tuesday of the month, 7 pm",
    "Every other Thursday, 6:30 pm",
    "First Saturday, 10 am",
    "Sundays after the 11 am service",
    "Last Wednesday of the month, 6 pm (online)",
    "Mondays, 7 pm, at the public library",
    "Third Thursday, 5:30 pm, union hall",
]
ROLES_BY_KIND = {
    "local": ["Member", "Organizer", "Co-chair", "Volunteer coordinator", "Founder", "Treasurer"],
    "chapter": ["Member", "Chapter lead", "Organizer", "Data captain"],
    "faith": ["Congregant", "Pastor", "Social justice committee chair", "Deacon", "Youth minister"],
    "union": ["Member", "Shop steward", "Political director", "Organizer"],
    "national": ["State coordinator", "Field organizer", "Trainer"],
    "alliance": ["Regional organizer", "Board member", "Trainer", "Network coordinator"],
}

# --- Events --------------------------------------------------------------------------------------------
VENUES = [
    "Union Hall",
    "First Congregational Church fellowship hall",
    "Central Public Library, community room",
    "Community College student center",
    "Carpenters Training Center",
    "YWCA Community Room",
    "Neighborhood House",
    "Labor Temple",
    "Convention Center, Hall B",
    "Casa de la Comunidad",
]
STREETS = [
    "Main St",
    "Market St",
    "Oak Ave",
    "Martin Luther King Jr Blvd",
    "Washington Ave",
    "Lake St",
    "Broad St",
]
ACCESSIBILITY_NOTES = [
    "Step-free entrance on the north side; accessible restrooms on the same floor. ASL interpretation on "
    "request a week ahead.",
    "Elevator to the second floor. Spanish interpretation and childcare provided.",
    "Wheelchair accessible; quiet room available; fragrance-free space please.",
    "Captions on the live stream. Reserved seating near the front; tell us what else you need.",
    "Ground floor, accessible parking at the front door. Vegetarian food; gluten-free options on request.",
]

# --- People --------------------------------------------------------------------------------------------
LEADER_TYPES = ["emergent", "community", "faith", "large_org", "seasoned"]
# The 2017 convenings drew mostly first-time and community leaders.
LEADER_TYPE_WEIGHTS = [0.34, 0.28, 0.12, 0.1, 0.16]

# --- Resources -----------------------------------------------------------------------------------------
# (title, summary, kind, topic slugs, provider name, audience, language)
RESOURCES: list[tuple[str, str, str, list[str], str, str, str]] = [
    (
        "Running for local office: a first-timer's toolkit",
        "Filing deadlines, petition signatures, a 90-day campaign calendar and a budget template for school "
        "board, city council and county races.",
        "toolkit",
        ["electing-progressive-leaders", "running-for-office"],
        "Run Local Candidate School",
        "First-time candidates and their volunteers",
        "en",
    ),
    (
        "Guía para postularse a un cargo local",
        "Plazos, firmas y un calendario de campaña de 90 días para juntas escolares y concejos municipales.",
        "guide",
        ["electing-progressive-leaders", "running-for-office"],
        "Run Local Candidate School",
        "Candidatos por primera vez",
        "es",
    ),
    (
        "Canvass captain training (2 hours, online)",
        "How to cut turf, train volunteers at the door and report results the same night.",
        "training",
        ["canvassing", "training-facilitation"],
        "Rise Together Network",
        "Group leaders",
        "en",
    ),
    (
        "Know your voting rights: state-by-state cards",
        "Printable cards with ID rules, early voting and registration deadlines for each state.",
        "guide",
        ["voting-rights"],
        "National Voter Access Project",
        "Everyone",
        "en",
    ),
    (
        "Small-grant fund for local groups",
        "Grants of $500 to $5,000 for printing, food, childcare and meeting space. Rolling deadlines.",
        "funding",
        ["fundraising", "coalition-building"],
        "Grassroots Leaders Collaborative",
        "Partner groups with fewer than 200 members",
        "en",
    ),
    (
        "Precinct data starter kit",
        "Turnout by precinct for the last four elections, with a spreadsheet template to set goals.",
        "data",
        ["data", "electing-progressive-leaders"],
        "Hometown Power Project",
        "Data volunteers",
        "en",
    ),
    (
        "Congregation voter-engagement guide",
        "What congregations can and cannot do in elections, with sample sermons and a registration "
        "drive plan.",
        "guide",
        ["voting-rights", "coalition-building"],
        "Common Table Faith Alliance",
        "Faith leaders",
        "en",
    ),
    (
        "Tenant organizing legal hotline",
        "Free legal questions answered by volunteer attorneys within two business days.",
        "legal",
        ["housing", "legal"],
        "Homes for All Campaign",
        "Tenant organizers",
        "en",
    ),
    (
        "Accessible events checklist",
        "Venues, captions, interpretation and quiet rooms: a one-page checklist for hosts.",
        "template",
        ["disability-rights", "event-planning"],
        "Access Now Disability Coalition",
        "Event hosts",
        "en",
    ),
    (
        "Speakers bureau: immigrant leaders",
        "Book a speaker for a town hall or congregation; English and Spanish.",
        "speaker",
        ["immigration", "public-speaking"],
        "New American Welcome Coalition",
        "Event hosts",
        "en",
    ),
]
