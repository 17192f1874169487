"""The glossary's starting terms: English, Arabic, and kind (a term or a place name).

Loaded once by a migration; after that the glossary is edited in the admin
(Snippets > Glossary terms), where translators refine and extend it.
"""

TERMS = [
    ("Syria Civil Defence", "الدفاع المدني السوري", "term"),
    ("the White Helmets", "الخوذ البيضاء", "term"),
    ("volunteer / volunteers", "متطوع / متطوعون", "term"),
    ("rescue", "إنقاذ", "term"),
    ("search and rescue", "البحث والإنقاذ", "term"),
    ("first responders", "المستجيبون الأوائل", "term"),
    ("double-tap strike", "الضربة المزدوجة", "term"),
    ("airstrike", "غارة جوية", "term"),
    ("artillery shelling", "قصف مدفعي", "term"),
    ("rocket attack", "هجوم صاروخي", "term"),
    ("chemical attack", "هجوم كيميائي", "term"),
    (
        "neutrality / impartiality / independence",
        "الحياد / عدم التحيز / الاستقلالية",
        "term",
    ),
    ("internally displaced persons (IDPs)", "النازحون داخلياً", "term"),
    ("northwest Syria", "شمال غرب سوريا", "term"),
    ("Eastern Ghouta", "الغوطة الشرقية", "term"),
    ("northern countryside of Homs", "ريف حمص الشمالي", "term"),
    ("Frequently asked questions", "الأسئلة الشائعة", "term"),
    ("About us", "من نحن", "term"),
    ("Memorial (fallen volunteers)", "شهداء الدفاع المدني", "term"),
    ("Donate / monthly / one-off", "تبرّع / شهري / لمرة واحدة", "term"),
    ("Thank you", "شكراً لك", "term"),
    ("Damascus", "دمشق", "place"),
    ("Rif Dimashq", "ريف دمشق", "place"),
    ("Aleppo", "حلب", "place"),
    ("Idlib", "إدلب", "place"),
    ("Hama", "حماة", "place"),
    ("Homs", "حمص", "place"),
    ("Latakia", "اللاذقية", "place"),
    ("Tartus", "طرطوس", "place"),
    ("Daraa", "درعا", "place"),
    ("As-Suwayda", "السويداء", "place"),
    ("Quneitra", "القنيطرة", "place"),
    ("Deir ez-Zor", "دير الزور", "place"),
    ("Raqqa", "الرقة", "place"),
    ("Al-Hasakah", "الحسكة", "place"),
]
