"""Name, place and street pools for the demo data generator (data only, no logic).

Names are ordinary, common given names and surnames, spelled the way they appear in
German registries (passport transliteration, real diacritics). They are combined at
random, so no entry stands for a real, specific person.

Surnames are stored in their masculine/base form; `people.py` derives the feminine
form where the language has one (Polish -ska, Czech -ová, Russian -ova, Greek -ou).
"""

from __future__ import annotations

# Share of each origin among generated people, in percent (sums to 100).
ORIGIN_WEIGHTS: dict[str, float] = {
    "german": 45,
    "turkish": 12,
    "arabic": 7,       # Syrian / Iraqi, Latin script
    "polish": 6,
    "ukrainian": 6,
    "russian": 5,
    "persian": 4,      # Iranian / Afghan (Dari)
    "kurdish": 3,
    "romanian": 3,
    "italian": 3,
    "greek": 2,
    "bcs": 2,          # Bosnian / Croatian / Serbian
    "vietnamese": 1,
    "tigrinya": 0.5,   # Eritrean, Latin script
    "czech": 0.5,
}

FIRST_NAMES: dict[str, dict[str, list[str]]] = {
    "german": {
        "female": [
            "Anna", "Maria", "Ursula", "Monika", "Petra", "Sabine", "Claudia", "Susanne",
            "Andrea", "Birgit", "Heike", "Katrin", "Julia", "Laura", "Lea", "Lena", "Sophie",
            "Hannah", "Jana", "Sandra", "Nicole", "Stefanie", "Christine", "Gisela", "Renate",
            "Ingrid", "Brigitte", "Jutta", "Käthe", "Bärbel", "Lisa", "Charlotte", "Greta",
            "Jördis", "Anne-Marie",
        ],
        "male": [
            "Jürgen", "Björn", "Thomas", "Michael", "Andreas", "Stefan", "Peter", "Klaus",
            "Hans-Peter", "Wolfgang", "Uwe", "Frank", "Markus", "Matthias", "Jörg", "Günter",
            "Dieter", "Horst", "Lukas", "Jonas", "Leon", "Felix", "Maximilian", "Tobias",
            "Sebastian", "Tim", "Jan", "Christian", "Ralf", "Sören", "Jens", "Dirk", "Bernd",
            "Heinz", "Karl-Heinz",
        ],
    },
    "turkish": {
        "female": [
            "Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Gülşen", "Çağla", "Şeyma",
            "Büşra", "Merve", "Özlem", "Derya", "Esra", "Selin", "Gökçe", "Nur", "Sevgi",
            "Hülya", "Dilek", "Yasemin", "Songül", "Melek", "Sibel", "Tuğba", "Ebru", "İrem",
            "Aslı", "Gülay", "Nesrin",
        ],
        "male": [
            "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail",
            "Osman", "Yusuf", "Murat", "Emre", "Burak", "Şükrü", "İlker", "Oğuz", "Çetin",
            "Serkan", "Tolga", "Kemal", "Cem", "Erdal", "Ömer", "Barış", "Gökhan", "Volkan",
            "Uğur", "Halil", "Kadir", "Taner",
        ],
    },
    "polish": {
        "female": [
            "Anna", "Małgorzata", "Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Ewa",
            "Monika", "Barbara", "Dorota", "Aleksandra", "Justyna", "Beata", "Marta",
            "Karolina", "Natalia", "Paulina", "Zofia", "Jadwiga", "Grażyna", "Bożena",
            "Wiesława", "Iwona", "Halina", "Krystyna",
        ],
        "male": [
            "Łukasz", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Marcin", "Grzegorz",
            "Jakub", "Mateusz", "Kamil", "Wojciech", "Andrzej", "Jan", "Stanisław",
            "Zbigniew", "Jarosław", "Przemysław", "Bartłomiej", "Dariusz", "Sławomir",
            "Rafał", "Adam", "Marek", "Maciej",
        ],
    },
    "arabic": {
        "female": [
            "Fatima", "Aisha", "Mariam", "Noor", "Rania", "Hala", "Lina", "Rasha", "Reem",
            "Yasmin", "Amal", "Huda", "Samira", "Nour", "Layla", "Zainab", "Dima", "Rana",
            "Sara", "Aya", "Hiba", "Ghada", "Manal", "Salma", "Walaa", "Asmaa",
        ],
        "male": [
            "Mohammed", "Ahmad", "Omar", "Khaled", "Mahmoud", "Hussein", "Ali", "Yousef",
            "Ibrahim", "Mustafa", "Hassan", "Abdullah", "Samer", "Rami", "Wael", "Tarek",
            "Fadi", "Nizar", "Amer", "Hamza", "Bilal", "Karim", "Majid", "Ammar", "Anas",
        ],
    },
    "ukrainian": {
        "female": [
            "Olena", "Oksana", "Iryna", "Nataliia", "Tetiana", "Yuliia", "Svitlana",
            "Kateryna", "Anastasiia", "Olha", "Mariia", "Viktoriia", "Halyna", "Liudmyla",
            "Khrystyna", "Sofiia", "Daryna", "Nadiia", "Valentyna", "Larysa", "Inna", "Yana",
            "Alina", "Zoriana",
        ],
        "male": [
            "Oleksandr", "Andrii", "Serhii", "Dmytro", "Volodymyr", "Mykola", "Oleh", "Yurii",
            "Vasyl", "Ivan", "Petro", "Taras", "Bohdan", "Maksym", "Vitalii", "Yevhen", "Ihor",
            "Roman", "Mykhailo", "Artem", "Denys", "Vadym", "Stepan", "Ostap",
        ],
    },
    "russian": {
        # A mix of passport spellings and the German spellings of older registrations.
        "female": [
            "Olga", "Natalia", "Elena", "Tatiana", "Irina", "Svetlana", "Swetlana", "Anna",
            "Ekaterina", "Maria", "Julia", "Ljudmila", "Galina", "Anastasia", "Nadezhda",
            "Valentina", "Larisa", "Marina", "Veronika", "Alina", "Ksenia", "Daria", "Polina",
            "Viktoria",
        ],
        "male": [
            "Alexander", "Sergej", "Dmitri", "Andrei", "Alexei", "Vladimir", "Wladimir",
            "Nikolai", "Ivan", "Mikhail", "Pavel", "Juri", "Viktor", "Igor", "Oleg", "Maxim",
            "Artjom", "Jewgeni", "Konstantin", "Roman", "Denis", "Anatoli", "Waldemar",
            "Eduard", "Vitali",
        ],
    },
    "persian": {
        "female": [
            "Zahra", "Fatemeh", "Maryam", "Narges", "Shirin", "Parisa", "Leila", "Mahsa",
            "Sara", "Nasrin", "Farzaneh", "Soraya", "Mina", "Golnar", "Roya", "Setareh",
            "Elham", "Azadeh", "Arezoo", "Tahmina", "Nilofar", "Marzia", "Fereshta", "Shabnam",
            "Homa",
        ],
        "male": [
            "Mohammad", "Ali", "Reza", "Hossein", "Mehdi", "Amir", "Hamid", "Farhad",
            "Dariush", "Kaveh", "Babak", "Omid", "Saeed", "Navid", "Arash", "Behnam", "Javad",
            "Ahmad", "Mustafa", "Najib", "Farid", "Wahid", "Ehsan", "Sohrab", "Masoud",
            "Shahram",
        ],
    },
    "kurdish": {
        "female": [
            "Rojda", "Berfin", "Zozan", "Delal", "Nesrin", "Şirin", "Jiyan", "Hêvî", "Rojîn",
            "Ronahî", "Gulistan", "Evîn", "Dilan", "Beritan", "Leyla", "Viyan", "Helin",
            "Zeynep", "Avesta", "Nûjîn", "Sozdar", "Bêrîvan", "Newroz",
        ],
        "male": [
            "Azad", "Baran", "Dilovan", "Rênas", "Kawa", "Serhat", "Şiyar", "Welat", "Agit",
            "Hogir", "Berzan", "Rojhat", "Zana", "Diyar", "Rezan", "Aram", "Karwan", "Hejar",
            "Şêrko", "Memo", "Ciwan", "Alan",
        ],
    },
    "italian": {
        "female": [
            "Giulia", "Francesca", "Chiara", "Sara", "Martina", "Valentina", "Alessandra",
            "Federica", "Elena", "Silvia", "Paola", "Giovanna", "Rosa", "Anna", "Maria",
            "Laura", "Carla", "Antonella", "Simona", "Teresa", "Angela", "Lucia", "Concetta",
            "Carmela", "Roberta",
        ],
        "male": [
            "Giuseppe", "Giovanni", "Antonio", "Francesco", "Marco", "Alessandro", "Luca",
            "Andrea", "Matteo", "Lorenzo", "Salvatore", "Vincenzo", "Roberto", "Paolo",
            "Stefano", "Davide", "Michele", "Pietro", "Nicola", "Angelo", "Domenico",
            "Carmine", "Gennaro", "Fabio", "Massimo", "Niccolò",
        ],
    },
    "greek": {
        "female": [
            "Maria", "Eleni", "Aikaterini", "Vasiliki", "Sofia", "Angeliki", "Georgia",
            "Dimitra", "Konstantina", "Paraskevi", "Ioanna", "Christina", "Panagiota",
            "Evangelia", "Despoina", "Anastasia", "Athina", "Eirini", "Chrysoula", "Stavroula",
            "Theodora", "Fotini", "Kalliopi", "Alexandra", "Zoi",
        ],
        "male": [
            "Georgios", "Dimitrios", "Konstantinos", "Ioannis", "Nikolaos", "Panagiotis",
            "Vasileios", "Christos", "Athanasios", "Michail", "Evangelos", "Spyridon",
            "Antonios", "Emmanouil", "Ilias", "Theodoros", "Stavros", "Petros", "Alexandros",
            "Charalampos", "Anastasios", "Kyriakos", "Stylianos", "Sotirios", "Apostolos",
        ],
    },
    "romanian": {
        "female": [
            "Maria", "Elena", "Ioana", "Andreea", "Alexandra", "Mihaela", "Cristina", "Ana",
            "Gabriela", "Daniela", "Simona", "Roxana", "Alina", "Raluca", "Diana", "Bianca",
            "Larisa", "Ramona", "Florentina", "Georgiana", "Oana", "Adriana", "Corina",
            "Loredana", "Nicoleta",
        ],
        "male": [
            "Ion", "Gheorghe", "Vasile", "Constantin", "Ștefan", "Ionuț", "Mihai", "Andrei",
            "Alexandru", "Florin", "Cristian", "Adrian", "Dumitru", "Marius", "Gabriel",
            "Nicolae", "Bogdan", "Răzvan", "Cătălin", "Sorin", "Costel", "Lucian", "Ciprian",
            "Dragoș", "Petru",
        ],
    },
    "bcs": {
        "female": [
            "Ana", "Marija", "Jelena", "Ivana", "Milica", "Dragana", "Snežana", "Mirjana",
            "Jasmina", "Amela", "Lejla", "Emina", "Azra", "Selma", "Vesna", "Gordana", "Tanja",
            "Maja", "Nataša", "Sanja", "Biljana", "Danijela", "Katarina", "Mersiha", "Dženana",
        ],
        "male": [
            "Nikola", "Marko", "Stefan", "Luka", "Ivan", "Dragan", "Zoran", "Goran", "Milan",
            "Dejan", "Nenad", "Saša", "Darko", "Emir", "Amir", "Adnan", "Edin", "Haris",
            "Senad", "Mirza", "Kenan", "Tarik", "Damir", "Tomislav", "Željko", "Đorđe", "Miloš",
        ],
    },
    "vietnamese": {
        # Middle name and given name together, as German registries record them.
        "female": [
            "Thị Lan", "Thị Hương", "Thị Mai", "Thị Hoa", "Thị Thu", "Thị Ngọc", "Thị Hằng",
            "Thị Thảo", "Thu Trang", "Ngọc Anh", "Bảo Ngọc", "Minh Thư", "Phương Linh",
            "Thanh Hà", "Kim Oanh", "Hồng Nhung", "Thùy Dung", "Khánh Linh", "Quỳnh Anh",
            "Thị Yến",
        ],
        "male": [
            "Văn Nam", "Văn Hùng", "Văn Dũng", "Văn Thành", "Đức Anh", "Minh Tuấn", "Quang Huy",
            "Hoàng Long", "Quốc Bảo", "Minh Đức", "Hữu Phước", "Công Minh", "Gia Huy",
            "Đình Khoa", "Trọng Nghĩa", "Anh Tuấn", "Văn Hải", "Thành Đạt", "Duy Khánh",
            "Văn Lợi",
        ],
    },
    "tigrinya": {
        "female": [
            "Semhar", "Helen", "Selam", "Luwam", "Senait", "Yordanos", "Winta", "Saba",
            "Rahwa", "Feven", "Mebrat", "Tsega", "Hiwet", "Eden", "Mahlet", "Lidya", "Ruta",
            "Nebiat", "Freweyni", "Abrehet", "Tirhas", "Aster", "Meron", "Elsa",
        ],
        "male": [
            "Yonas", "Dawit", "Tesfay", "Michael", "Samuel", "Filmon", "Henok", "Mehari",
            "Tesfalem", "Habtom", "Berhane", "Kidane", "Yohannes", "Amanuel", "Robel",
            "Natnael", "Biniam", "Efrem", "Goitom", "Haile", "Mussie", "Semere", "Tekle",
            "Yemane",
        ],
    },
    "czech": {
        "female": [
            "Jana", "Eva", "Hana", "Anna", "Lenka", "Kateřina", "Lucie", "Věra", "Alena",
            "Petra", "Veronika", "Jaroslava", "Tereza", "Martina", "Michaela", "Zuzana",
            "Markéta", "Ludmila", "Jitka", "Božena",
        ],
        "male": [
            "Jiří", "Jan", "Petr", "Josef", "Pavel", "Martin", "Tomáš", "Jaroslav", "Miroslav",
            "Zdeněk", "Václav", "Michal", "František", "Jakub", "Milan", "Ondřej", "Lukáš",
            "Vojtěch", "Radek", "Karel",
        ],
    },
}

LAST_NAMES: dict[str, list[str]] = {
    "german": [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
        "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann",
        "Lange", "Schmitt", "Schmitz", "Werner", "Krause", "Meier", "Weiß", "Groß", "Jäger",
        "Köhler", "Böhm", "Kühn", "Vogel", "Thelen", "Hülsmann", "Brüggemann", "Overbeck",
    ],
    "turkish": [
        "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
        "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt",
        "Özkan", "Şimşek", "Polat", "Korkmaz", "Karataş", "Güneş", "Erdem", "Akgül", "Bulut",
        "Keskin", "Uçar", "Başaran",
    ],
    "polish": [
        "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
        "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
        "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski",
        "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel", "Majewski", "Olszewski",
        "Stępień", "Górski", "Rutkowski",
    ],
    "arabic": [
        "Al-Ahmad", "Alhussein", "Al-Ali", "Khalil", "Haddad", "Hamdan", "Mansour", "Saleh",
        "Nasser", "Darwish", "Kassem", "Othman", "Haj Ali", "Al Khatib", "Shaker", "Zaher",
        "Yassin", "Hamoud", "Jaber", "Al-Najjar", "Abdallah", "Awad", "Sabbagh", "Al-Obaidi",
        "Al-Jubouri", "Al-Tamimi", "Al-Rubaie",
    ],
    "ukrainian": [
        "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko",
        "Kovalchuk", "Koval", "Oliinyk", "Shevchuk", "Polishchuk", "Lysenko", "Marchenko",
        "Rudenko", "Savchenko", "Petrenko", "Moroz", "Tkachuk", "Kravchuk", "Ponomarenko",
        "Hrytsenko", "Pavlenko", "Kuzmenko", "Yakovenko", "Levchenko", "Klymenko",
        "Vasylenko", "Zhuk", "Havryliuk",
    ],
    "russian": [
        "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Volkov", "Sokolov", "Lebedev", "Kozlov",
        "Novikov", "Morozov", "Petrov", "Fedorov", "Pavlov", "Semenov", "Egorov",
        "Vinogradov", "Belov", "Zaitsev", "Makarov", "Nikitin", "Zakharov", "Frolov",
        "Kiselev", "Tarasov", "Gusev", "Sorokin", "Iwanow", "Kusnezow", "Orlow",
    ],
    "persian": [
        "Ahmadi", "Hosseini", "Mohammadi", "Rezaei", "Karimi", "Moradi", "Hashemi", "Rahimi",
        "Jafari", "Sadeghi", "Rostami", "Azizi", "Kazemi", "Ebrahimi", "Nazari", "Habibi",
        "Sultani", "Popal", "Noori", "Amiri", "Haidari", "Rahmani", "Safi", "Wardak",
        "Samadi", "Tavakoli",
    ],
    "kurdish": [
        "Ahmad", "Hassan", "Khalil", "Murad", "Rashid", "Sheikho", "Ali", "Ibrahim", "Hussein",
        "Qasim", "Hasso", "Omar", "Ezzo", "Bakir", "Sido", "Ismail", "Haji", "Mamo", "Othman",
        "Amin", "Akbulut", "Aslan", "Ateş", "Polat", "Tunç",
    ],
    "italian": [
        "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
        "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
        "Giordano", "Rizzo", "Lombardi", "Moretti", "D'Angelo", "Dell'Aquila", "Di Stefano",
        "Caruso", "Fontana", "Santoro", "Messina", "Lo Bianco", "La Rosa", "Barbieri",
    ],
    "greek": [
        "Papadopoulos", "Papadakis", "Georgiou", "Oikonomou", "Papageorgiou", "Vasileiou",
        "Nikolaou", "Karagiannis", "Dimitriou", "Ioannidis", "Konstantinidis", "Athanasiou",
        "Christodoulou", "Papanikolaou", "Makris", "Pappas", "Angelopoulos", "Alexiou",
        "Theodorou", "Karalis", "Michailidis", "Antoniou", "Kostopoulos", "Lambrou",
        "Stavropoulos",
    ],
    "romanian": [
        "Popescu", "Ionescu", "Popa", "Pop", "Radu", "Dumitru", "Stoica", "Stan", "Gheorghe",
        "Matei", "Ciobanu", "Rusu", "Munteanu", "Constantin", "Mihai", "Lungu", "Dinu",
        "Marin", "Tudor", "Florea", "Moldovan", "Toma", "Nistor", "Bălan", "Dobre", "Sârbu",
        "Cristea", "Țurcanu", "Anghel", "Ene",
    ],
    "bcs": [
        "Đorđević", "Kovačević", "Jovanović", "Petrović", "Nikolić", "Marković", "Ilić",
        "Stojanović", "Pavlović", "Hodžić", "Hadžić", "Begić", "Mehmedović", "Delić", "Babić",
        "Horvat", "Kovač", "Marić", "Jurić", "Knežević", "Tomić", "Popović", "Lukić",
        "Vuković", "Šarić", "Husić", "Mujić", "Kurtović", "Bašić", "Zorić",
    ],
    "vietnamese": [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
        "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Lương", "Đoàn", "Trương",
        "Cao", "Lâm",
    ],
    "tigrinya": [
        "Tesfamariam", "Gebremedhin", "Haile", "Tekle", "Gebreyesus", "Woldemichael", "Kidane",
        "Berhe", "Ghebremariam", "Abraha", "Mebrahtu", "Tewolde", "Habte", "Andemariam",
        "Yemane", "Asmerom", "Kahsay", "Weldu", "Negash", "Tesfay", "Okbay", "Araya", "Zerai",
        "Ghirmay",
    ],
    "czech": [
        "Novák", "Svoboda", "Novotný", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý",
        "Horák", "Němec", "Pokorný", "Marek", "Pospíšil", "Hájek", "Jelínek", "Král",
        "Růžička", "Beneš", "Fiala", "Sedláček", "Doležal", "Zeman", "Kolář", "Navrátil",
        "Čermák",
    ],
}

# (first name, last name) in Arabic and Persian script, for checking right-to-left
# rendering on certificates. Only used by PeopleGenerator.arabic_script_person().
ARABIC_SCRIPT_NAMES: list[tuple[str, str]] = [
    ("محمد", "الأحمد"),
    ("فاطمة", "حسن"),
    ("أحمد", "خليل"),
    ("نور", "الخطيب"),
    ("يوسف", "منصور"),
    ("ليلى", "حداد"),
    ("عمر", "صالح"),
    ("مريم", "ناصر"),
    ("زهرا", "احمدی"),      # Persian from here on (Persian ی, ک, پ, گ)
    ("علی", "رضایی"),
    ("مریم", "کریمی"),
    ("رضا", "حسینی"),
    ("نرگس", "مرادی"),
    ("امید", "رحیمی"),
]

# First names in ARABIC_SCRIPT_NAMES that are female (the rest are male).
ARABIC_SCRIPT_FEMALE: frozenset[str] = frozenset({"فاطمة", "نور", "ليلى", "مريم", "زهرا", "مریم", "نرگس"})

# Real (postcode, town) pairs from all five Regierungsbezirke of North Rhine-Westphalia,
# main postcode of each town, official town names.
NRW_PLACES: list[tuple[str, str]] = [
    # Regierungsbezirk Köln
    ("50667", "Köln"),
    ("53111", "Bonn"),
    ("52062", "Aachen"),
    ("52349", "Düren"),
    ("51373", "Leverkusen"),
    ("51465", "Bergisch Gladbach"),
    ("50126", "Bergheim"),
    ("50321", "Brühl"),
    ("50354", "Hürth"),
    ("50226", "Frechen"),
    ("50259", "Pulheim"),
    ("50169", "Kerpen"),
    ("50374", "Erftstadt"),
    ("50389", "Wesseling"),
    ("53721", "Siegburg"),
    ("53757", "Sankt Augustin"),
    ("53840", "Troisdorf"),
    ("53773", "Hennef (Sieg)"),
    ("53639", "Königswinter"),
    ("53332", "Bornheim"),
    ("53340", "Meckenheim"),
    ("53879", "Euskirchen"),
    ("53902", "Bad Münstereifel"),
    ("53937", "Schleiden"),
    ("51643", "Gummersbach"),
    ("51545", "Waldbröl"),
    ("51766", "Engelskirchen"),
    ("51789", "Lindlar"),
    ("51688", "Wipperfürth"),
    ("51515", "Kürten"),
    ("51503", "Rösrath"),
    ("51491", "Overath"),
    ("52249", "Eschweiler"),
    ("52222", "Stolberg (Rhld.)"),
    ("52146", "Würselen"),
    ("52477", "Alsdorf"),
    ("52134", "Herzogenrath"),
    ("52156", "Monschau"),
    ("52428", "Jülich"),
    ("52388", "Nörvenich"),
    ("52525", "Heinsberg"),
    ("52511", "Geilenkirchen"),
    ("41812", "Erkelenz"),
    ("41836", "Hückelhoven"),
    # Regierungsbezirk Düsseldorf
    ("40213", "Düsseldorf"),
    ("45127", "Essen"),
    ("47051", "Duisburg"),
    ("42103", "Wuppertal"),
    ("41061", "Mönchengladbach"),
    ("47798", "Krefeld"),
    ("45468", "Mülheim an der Ruhr"),
    ("46045", "Oberhausen"),
    ("42651", "Solingen"),
    ("42853", "Remscheid"),
    ("41460", "Neuss"),
    ("41539", "Dormagen"),
    ("41515", "Grevenbroich"),
    ("41564", "Kaarst"),
    ("40667", "Meerbusch"),
    ("41363", "Jüchen"),
    ("41352", "Korschenbroich"),
    ("40878", "Ratingen"),
    ("40721", "Hilden"),
    ("40764", "Langenfeld (Rheinland)"),
    ("40789", "Monheim am Rhein"),
    ("40699", "Erkrath"),
    ("42781", "Haan"),
    ("42551", "Velbert"),
    ("42579", "Heiligenhaus"),
    ("40822", "Mettmann"),
    ("42489", "Wülfrath"),
    ("41747", "Viersen"),
    ("41334", "Nettetal"),
    ("41379", "Brüggen"),
    ("47877", "Willich"),
    ("47906", "Kempen"),
    ("47918", "Tönisvorst"),
    ("47441", "Moers"),
    ("47475", "Kamp-Lintfort"),
    ("47495", "Rheinberg"),
    ("47506", "Neukirchen-Vluyn"),
    ("46483", "Wesel"),
    ("46535", "Dinslaken"),
    ("46562", "Voerde (Niederrhein)"),
    ("46569", "Hünxe"),
    ("46499", "Hamminkeln"),
    ("46509", "Xanten"),
    ("47533", "Kleve"),
    ("47574", "Goch"),
    ("47623", "Kevelaer"),
    ("47608", "Geldern"),
    ("47638", "Straelen"),
    ("46446", "Emmerich am Rhein"),
    ("46459", "Rees"),
    # Regierungsbezirk Münster
    ("48143", "Münster"),
    ("45879", "Gelsenkirchen"),
    ("46236", "Bottrop"),
    ("45657", "Recklinghausen"),
    ("45964", "Gladbeck"),
    ("46282", "Dorsten"),
    ("45768", "Marl"),
    ("45699", "Herten"),
    ("45739", "Oer-Erkenschwick"),
    ("45721", "Haltern am See"),
    ("45711", "Datteln"),
    ("45731", "Waltrop"),
    ("48249", "Dülmen"),
    ("48653", "Coesfeld"),
    ("59348", "Lüdinghausen"),
    ("48727", "Billerbeck"),
    ("46395", "Bocholt"),
    ("46325", "Borken"),
    ("46348", "Raesfeld"),
    ("48683", "Ahaus"),
    ("48703", "Stadtlohn"),
    ("48691", "Vreden"),
    ("48599", "Gronau (Westf.)"),
    ("48431", "Rheine"),
    ("48282", "Emsdetten"),
    ("48565", "Steinfurt"),
    ("48268", "Greven"),
    ("49477", "Ibbenbüren"),
    ("49525", "Lengerich"),
    ("48231", "Warendorf"),
    ("48291", "Telgte"),
    ("59227", "Ahlen"),
    ("59269", "Beckum"),
    ("59302", "Oelde"),
    # Regierungsbezirk Detmold
    ("33602", "Bielefeld"),
    ("33330", "Gütersloh"),
    ("33378", "Rheda-Wiedenbrück"),
    ("33415", "Verl"),
    ("33397", "Rietberg"),
    ("33758", "Schloß Holte-Stukenbrock"),
    ("33790", "Halle (Westf.)"),
    ("33775", "Versmold"),
    ("33098", "Paderborn"),
    ("33142", "Büren"),
    ("33154", "Salzkotten"),
    ("33161", "Hövelhof"),
    ("33014", "Bad Driburg"),
    ("33034", "Brakel"),
    ("33039", "Nieheim"),
    ("37671", "Höxter"),
    ("37688", "Beverungen"),
    ("37696", "Marienmünster"),
    ("34414", "Warburg"),
    ("34434", "Borgentreich"),
    ("34439", "Willebadessen"),
    ("32756", "Detmold"),
    ("32657", "Lemgo"),
    ("32791", "Lage"),
    ("32105", "Bad Salzuflen"),
    ("33818", "Leopoldshöhe"),
    ("32825", "Blomberg"),
    ("32805", "Horn-Bad Meinberg"),
    ("32676", "Lügde"),
    ("32839", "Steinheim"),
    ("32052", "Herford"),
    ("32257", "Bünde"),
    ("32584", "Löhne"),
    ("32130", "Enger"),
    ("32139", "Spenge"),
    ("32602", "Vlotho"),
    ("32278", "Kirchlengern"),
    ("32423", "Minden"),
    ("32457", "Porta Westfalica"),
    ("32545", "Bad Oeynhausen"),
    ("32312", "Lübbecke"),
    ("32361", "Preußisch Oldendorf"),
    # Regierungsbezirk Arnsberg
    ("44135", "Dortmund"),
    ("44787", "Bochum"),
    ("58095", "Hagen"),
    ("59065", "Hamm"),
    ("44623", "Herne"),
    ("44575", "Castrop-Rauxel"),
    ("44532", "Lünen"),
    ("59379", "Selm"),
    ("59368", "Werne"),
    ("59423", "Unna"),
    ("59174", "Kamen"),
    ("59192", "Bergkamen"),
    ("59199", "Bönen"),
    ("58239", "Schwerte"),
    ("58730", "Fröndenberg/Ruhr"),
    ("58452", "Witten"),
    ("45525", "Hattingen"),
    ("58313", "Herdecke"),
    ("58300", "Wetter (Ruhr)"),
    ("58332", "Schwelm"),
    ("58285", "Gevelsberg"),
    ("58256", "Ennepetal"),
    ("58636", "Iserlohn"),
    ("58675", "Hemer"),
    ("58706", "Menden (Sauerland)"),
    ("58507", "Lüdenscheid"),
    ("58762", "Altena"),
    ("58840", "Plettenberg"),
    ("58540", "Meinerzhagen"),
    ("59494", "Soest"),
    ("59457", "Werl"),
    ("59555", "Lippstadt"),
    ("59590", "Geseke"),
    ("59602", "Rüthen"),
    ("59581", "Warstein"),
    ("59519", "Möhnesee"),
    ("59821", "Arnsberg"),
    ("59846", "Sundern (Sauerland)"),
    ("59872", "Meschede"),
    ("59929", "Brilon"),
    ("34431", "Marsberg"),
    ("59955", "Winterberg"),
    ("57392", "Schmallenberg"),
    ("57072", "Siegen"),
    ("57223", "Kreuztal"),
    ("57250", "Netphen"),
    ("57334", "Bad Laasphe"),
    ("57319", "Bad Berleburg"),
    ("57462", "Olpe"),
    ("57439", "Attendorn"),
    ("57368", "Lennestadt"),
]

STREETS: list[str] = [
    "Hauptstraße", "Bahnhofstraße", "Kirchstraße", "Schulstraße", "Gartenstraße",
    "Dorfstraße", "Bergstraße", "Lindenstraße", "Waldstraße", "Ringstraße", "Mühlenweg",
    "Am Markt", "Marktplatz", "Lindenallee", "Königsallee", "Friedrichstraße",
    "Wilhelmstraße", "Kaiserstraße", "Poststraße", "Feldstraße", "Wiesenweg", "Birkenweg",
    "Ahornweg", "Goethestraße", "Schillerstraße", "Eichendorffstraße", "Beethovenstraße",
    "Mozartstraße", "Rosenstraße", "Blumenstraße", "Am Rathaus", "Burgstraße",
    "Mittelstraße", "Parkstraße", "Talstraße", "Römerstraße", "Grüner Weg", "Kölner Straße",
    "Jahnstraße", "Am Bahnhof", "Zum Sportplatz", "Auf dem Kamp", "Hellweg",
    "Schützenstraße",
]


def region_places(postcode: str, nearest: int = 8, local_share: float = 0.85) -> list[tuple[str, str]]:
    """Places to draw demo addresses from: an integration centre serves one town or district, so most people
    (``local_share``) live in the organisation's ``nearest`` places of NRW_PLACES, the others anywhere in NRW."""
    from kommandesk.services.geo import distance_km, postcode_coordinates

    centre = postcode_coordinates(postcode)
    if centre is None:
        return list(NRW_PLACES)
    known = [(place, postcode_coordinates(place[0])) for place in NRW_PLACES]
    by_distance = sorted((distance_km(centre, point), place) for place, point in known if point is not None)
    local = [place for _d, place in by_distance[:nearest]]
    repeat = max(1, round(local_share * len(NRW_PLACES) / ((1 - local_share) * len(local))))
    return local * repeat + list(NRW_PLACES)
