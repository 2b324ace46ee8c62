"""The programme of the demo 5th Congress of Polish Clusters (Warsaw, 9-10 September 2019).

Debate themes come from the congress's own announcement; the speakers are invented.
Rows: (day, start, end, kind, language, room, track, title, description, speaker roles).
"""

ROOMS = [("Sala Główna / Main hall", 600), ("Sala A", 120), ("Sala B", 80), ("Strefa B2B", 200)]

TRACKS = {
    "economy": {"pl": "Klastry i gospodarka", "en": "Clusters and the economy"},
    "s3": {"pl": "Inteligentne specjalizacje", "en": "Smart specialisation"},
    "international": {"pl": "Współpraca międzynarodowa", "en": "International cooperation"},
}

DEBATE_TITLE = {
    "pl": "Dla siebie czy dla innych? Czy klastry są użytecznym narzędziem rozwoju innowacyjnej "
    "gospodarki i tworzenia miejsc pracy?",
    "en": "For ourselves or for others? Are clusters a useful tool for developing an innovative "
    "economy and creating jobs?",
}

SESSIONS = [
    (
        0,
        "09:00",
        "09:30",
        "ceremony",
        "pl",
        0,
        None,
        {
            "pl": "Otwarcie V Kongresu Klastrów Polskich",
            "en": "Opening of the 5th Congress of Polish Clusters",
        },
        {
            "pl": "Powitanie uczestników z ośmiu krajów.",
            "en": "Welcome to participants from eight countries.",
        },
        [(0, "speaker")],
    ),
    (
        0,
        "09:30",
        "10:15",
        "keynote",
        "pl",
        0,
        "economy",
        {
            "pl": "Klastry – kręgosłup wdrażania Przemysłu 4.0",
            "en": "Clusters: the backbone of Industry 4.0",
        },
        {
            "pl": "Jak klastry budują zaufanie między firmami, uczelniami i samorządami.",
            "en": "How clusters build trust between firms, universities and local authorities.",
        },
        [(1, "speaker")],
    ),
    (
        0,
        "10:30",
        "12:00",
        "debate",
        "pl",
        0,
        "economy",
        DEBATE_TITLE,
        {
            "pl": "Debata o współpracy gospodarczej w wiodących obszarach przemysłu i usług.",
            "en": "A debate on economic cooperation in leading fields of industry and services.",
        },
        [(2, "moderator"), (3, "panellist"), (4, "panellist"), (5, "panellist"), (6, "panellist")],
    ),
    (
        0,
        "12:00",
        "12:45",
        "ceremony",
        "en",
        0,
        "international",
        {
            "pl": "Podpisanie deklaracji Europejskiego Związku Klastrów",
            "en": "Signing of the declaration of the European Clusters Alliance",
        },
        {
            "pl": "Przedstawiciele klastrów z Bułgarii, Francji, Hiszpanii, Litwy, Łotwy, Węgier, Rumunii "
            "i Polski podpisują deklarację o współpracy.",
            "en": "Representatives of clusters from Bulgaria, France, Spain, Lithuania, Latvia, Hungary, "
            "Romania and Poland sign the declaration of cooperation.",
        },
        [(0, "speaker"), (7, "speaker")],
    ),
    (
        0,
        "12:45",
        "13:45",
        "break",
        "pl",
        None,
        None,
        {"pl": "Przerwa obiadowa", "en": "Lunch break"},
        {},
        [],
    ),
    (
        0,
        "13:45",
        "15:15",
        "panel",
        "pl",
        1,
        "s3",
        {
            "pl": "Inteligentne specjalizacje: europejskie, krajowe i regionalne",
            "en": "Smart specialisation: European, national and regional",
        },
        {
            "pl": "Regiony o wspólnych priorytetach jako naturalni partnerzy.",
            "en": "Regions with shared priorities as natural partners.",
        },
        [(8, "moderator"), (9, "panellist"), (10, "panellist")],
    ),
    (
        0,
        "13:45",
        "15:15",
        "workshop",
        "en",
        2,
        "international",
        {
            "pl": "Potrójna helisa w projektach międzynarodowych",
            "en": "Triple helix in international projects",
        },
        {
            "pl": "Budowanie gospodarki lokalnej i światowej poprzez kooperację międzysektorową.",
            "en": "Building the local and the world economy through cross-sector cooperation.",
        },
        [(11, "speaker"), (7, "speaker")],
    ),
    (
        0,
        "10:00",
        "13:00",
        "b2b",
        "en",
        3,
        "international",
        {
            "pl": "Spotkania B2B klastrów (przed południem)",
            "en": "B2B meetings of clusters (morning)",
        },
        {
            "pl": "Umówione rozmowy po 20 minut przy stolikach, w czasie sesji w salach.",
            "en": "Pre-arranged 20-minute meetings at tables, alongside the sessions in the halls.",
        },
        [],
    ),
    (
        0,
        "14:30",
        "17:30",
        "b2b",
        "en",
        3,
        "international",
        {
            "pl": "Spotkania B2B klastrów (po południu)",
            "en": "B2B meetings of clusters (afternoon)",
        },
        {
            "pl": "Umówione rozmowy po 20 minut przy stolikach, w czasie sesji w salach.",
            "en": "Pre-arranged 20-minute meetings at tables, alongside the sessions in the halls.",
        },
        [],
    ),
    (
        1,
        "09:30",
        "10:15",
        "keynote",
        "en",
        0,
        "international",
        {
            "pl": "Współpraca jest zawsze silniejsza niż rywalizacja",
            "en": "Cooperation is always stronger than competition",
        },
        {},
        [(7, "speaker")],
    ),
    (
        1,
        "10:30",
        "12:00",
        "project",
        "en",
        1,
        "international",
        {
            "pl": "Projekty transgraniczne i międzynarodowe klastrów",
            "en": "Cross-border and international projects of clusters",
        },
        {
            "pl": "Prezentacje projektów Interreg i Horyzont Europa.",
            "en": "Presentations of Interreg and Horizon Europe projects.",
        },
        [(9, "speaker"), (11, "speaker"), (4, "speaker")],
    ),
    (
        1,
        "10:30",
        "12:00",
        "workshop",
        "pl",
        2,
        "economy",
        {
            "pl": "Doskonałość zarządzania klastrem: benchmarking",
            "en": "Cluster management excellence: benchmarking",
        },
        {},
        [(5, "speaker")],
    ),
    (
        1,
        "12:15",
        "13:30",
        "panel",
        "pl",
        0,
        "s3",
        {
            "pl": "Wzrost gospodarczy oparty na innowacyjności",
            "en": "Innovation-led economic growth",
        },
        {},
        [(2, "moderator"), (8, "panellist"), (10, "panellist")],
    ),
    (
        1,
        "13:30",
        "14:00",
        "ceremony",
        "pl",
        0,
        None,
        {"pl": "Zamknięcie Kongresu", "en": "Closing of the congress"},
        {},
        [(1, "speaker")],
    ),
]

# (first name, last name, function, country of the organisation). Invented people.
SPEAKERS = [
    ("Marta", "Zielińska", "President of the board", "PL"),
    ("Tomasz", "Wróblewski", "Cluster manager", "PL"),
    ("Agnieszka", "Nowicka", "Journalist, moderator", "PL"),
    ("Piotr", "Lewandowski", "Cluster manager", "PL"),
    ("Élise", "Moreau", "Director", "FR"),
    ("Javier", "Ortega", "Cluster manager", "ES"),
    ("Ivana", "Petrova", "Chair", "BG"),
    ("Rasa", "Kazlauskienė", "Secretary general", "LT"),
    ("Katarzyna", "Dąbrowska", "Regional S3 coordinator", "PL"),
    ("Gábor", "Szabó", "Innovation manager", "HU"),
    ("Ioana", "Popescu", "Research director", "RO"),
    ("Jānis", "Ozoliņš", "Project manager", "LV"),
]

QUESTIONS = [
    ("Jak mierzyć wpływ klastra na tworzenie miejsc pracy w regionie?", 14, "approved"),
    ("Czy małe firmy naprawdę korzystają z członkostwa w klastrze?", 9, "answered"),
    (
        "What will the European Clusters Alliance do for clusters outside the founding countries?",
        6,
        "approved",
    ),
    ("Czy klastry powinny być finansowane ze środków publicznych?", 0, "pending"),
]

POLL = (
    {
        "pl": "Czy klastry są użytecznym narzędziem tworzenia miejsc pracy?",
        "en": "Are clusters a useful tool for creating jobs?",
    },
    [
        ({"pl": "Tak", "en": "Yes"}, 41),
        ({"pl": "Raczej tak", "en": "Rather yes"}, 27),
        ({"pl": "Nie mam zdania", "en": "No opinion"}, 8),
        ({"pl": "Nie", "en": "No"}, 5),
    ],
)

FIRST_NAMES = {
    "PL": ["Anna", "Jan", "Ewa", "Paweł", "Magdalena", "Michał", "Joanna", "Krzysztof"],
    "FR": ["Camille", "Louis", "Chloé", "Hugo"],
    "ES": ["Lucía", "Pablo", "Carmen", "Diego"],
    "BG": ["Maria", "Georgi", "Elena", "Dimitar"],
    "LT": ["Eglė", "Tomas", "Ieva", "Mantas"],
    "LV": ["Anna", "Mārtiņš", "Līga", "Andris"],
    "HU": ["Eszter", "Bence", "Réka", "Dániel"],
    "RO": ["Andreea", "Mihai", "Elena", "Radu"],
}
LAST_NAMES = {
    "PL": ["Kowalska", "Nowak", "Wiśniewska", "Wójcik", "Kamińska", "Mazur", "Krawczyk", "Zając"],
    "FR": ["Martin", "Bernard", "Dubois", "Laurent"],
    "ES": ["García", "Fernández", "López", "Martínez"],
    "BG": ["Ivanova", "Dimitrov", "Georgieva", "Stoyanov"],
    "LT": ["Jankauskienė", "Petrauskas", "Vaitkutė", "Žukauskas"],
    "LV": ["Bērziņa", "Kalniņš", "Liepa", "Ozola"],
    "HU": ["Nagy", "Kovács", "Tóth", "Horváth"],
    "RO": ["Popa", "Ionescu", "Dumitru", "Stan"],
}
