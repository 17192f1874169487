"""Demo text for the home page and the about section, in English and Arabic.

Every fact comes from the organisation's own published answers; nothing is invented.
Blocks are ``(type, value)`` pairs; ``{page:KEY}`` links to a page the demo makes.
"""

HOME = {
    "title": {"en": "Home", "ar": "الرئيسية"},
    "search_description": {
        "en": (
            "The Syria Civil Defence, the White Helmets: volunteer rescuers saving "
            "lives in Syria since 2014."
        ),
        "ar": (
            "الدفاع المدني السوري، الخوذ البيضاء: متطوعون في البحث والإنقاذ "
            "يعملون على إنقاذ الأرواح في سوريا منذ عام 2014."
        ),
    },
    "hero_heading": {
        "en": "Saving lives in Syria since 2014",
        "ar": "ننقذ الأرواح في سوريا منذ عام 2014",
    },
    "mission": {
        "en": (
            "The Syria Civil Defence, known as the White Helmets, is a neutral, "
            "impartial and independent humanitarian organisation of volunteer "
            "rescuers. We provide emergency response and humanitarian services to "
            "civilians affected by the war, whatever their political, religious or "
            "ethnic background."
        ),
        "ar": (
            "الدفاع المدني السوري، المعروف باسم الخوذ البيضاء، منظمة إنسانية "
            "محايدة وغير متحيزة ومستقلة من المتطوعين في الإنقاذ. نقدم خدمات "
            "الاستجابة الطارئة والخدمات الإنسانية للمدنيين المتضررين من الحرب، "
            "أياً كانت خلفياتهم السياسية أو الدينية أو العرقية."
        ),
    },
    "key_figures": {
        "en": [
            {"value": "2014", "label": "Year we were founded", "figure": ""},
            {
                "value": "",
                "label": "Volunteers killed while serving",
                "figure": "memorial.total_lost",
            },
            {
                "value": "",
                "label": "Of them killed in double-tap strikes",
                "figure": "memorial.double_tap_share",
            },
        ],
        # Only the labels: the values and live figures are the English ones
        # (core.shared_values).
        "ar": [
            {"label": "عام التأسيس"},
            {"label": "متطوعون استشهدوا أثناء أداء واجبهم"},
            {"label": "منهم استشهدوا في ضربات مزدوجة"},
        ],
    },
    "body": {
        "en": [
            ("heading", {"text": "Who we are", "level": "h2"}),
            (
                "paragraph",
                "<p>We began as small local groups of volunteer rescuers in towns and "
                "cities under bombardment, and came together as one organisation in "
                "2014. Our volunteers pull people from the rubble, give emergency "
                "medical care, fight fires and support communities under attack. "
                '<a linktype="page" id="{page:who-we-are}">Read our story</a>.</p>',
            ),
            (
                "live_figure",
                {
                    "figure": "memorial.total_lost",
                    "sentence": (
                        "Since we began, {value} of our volunteers have been killed, "
                        "most of them in double-tap strikes while rescuing civilians."
                    ),
                },
            ),
        ],
        "ar": [
            ("heading", {"text": "من نحن", "level": "h2"}),
            (
                "paragraph",
                "<p>بدأنا مجموعات محلية صغيرة من المتطوعين في الإنقاذ في المدن "
                "والبلدات التي تتعرض للقصف، ثم اجتمعنا في منظمة واحدة عام 2014. "
                "يُخرج متطوعونا الناس من تحت الأنقاض، ويقدمون الرعاية الطبية الطارئة، "
                "ويطفئون الحرائق، ويدعمون المجتمعات التي تتعرض للهجمات. "
                '<a linktype="page" id="{page:who-we-are}">اقرأ قصتنا</a>.</p>',
            ),
            (
                "live_figure",
                {
                    "sentence": (
                        "منذ بداية عملنا فقدنا {value} من متطوعينا، استشهد معظمهم في "
                        "ضربات مزدوجة أثناء إنقاذهم المدنيين."
                    ),
                },
            ),
        ],
    },
}

ABOUT = {
    "slug": {"en": "about", "ar": "من-نحن"},
    "title": {"en": "About us", "ar": "من نحن"},
    "introduction": {
        "en": (
            "The Syria Civil Defence, the White Helmets, is a volunteer rescue "
            "organisation working under bombardment in Syria."
        ),
        "ar": (
            "الدفاع المدني السوري، الخوذ البيضاء، منظمة إنقاذ تطوعية تعمل تحت "
            "القصف في سوريا."
        ),
    },
    "search_description": {
        "en": "Who the White Helmets are, the principles we follow, how we are "
        "funded and where we work.",
        "ar": "من هم الخوذ البيضاء، والمبادئ التي نلتزم بها، وكيف نُموَّل، وأين نعمل.",
    },
    "body": {
        "en": [
            (
                "paragraph",
                "<p>Since the war in Syria began in 2011, our volunteers have "
                "responded to attacks on cities and towns across the country. "
                "These pages tell our story and explain how we work.</p>",
            ),
            (
                "paragraph",
                "<ul>"
                '<li><a linktype="page" id="{page:who-we-are}">Who we are</a></li>'
                '<li><a linktype="page" id="{page:principles}">Our principles</a></li>'
                '<li><a linktype="page" id="{page:funding}">How we are funded</a></li>'
                '<li><a linktype="page" id="{page:where-we-work}">Where we work</a>'
                "</li></ul>",
            ),
        ],
        "ar": [
            (
                "paragraph",
                "<p>منذ بدء الحرب في سوريا عام 2011، يستجيب متطوعونا للهجمات على "
                "المدن والبلدات في أنحاء البلاد. تروي هذه الصفحات قصتنا وتشرح "
                "طريقة عملنا.</p>",
            ),
            (
                "paragraph",
                "<ul>"
                '<li><a linktype="page" id="{page:who-we-are}">من نحن</a></li>'
                '<li><a linktype="page" id="{page:principles}">مبادئنا</a></li>'
                '<li><a linktype="page" id="{page:funding}">كيف نُموَّل</a></li>'
                '<li><a linktype="page" id="{page:where-we-work}">أين نعمل</a>'
                "</li></ul>",
            ),
        ],
    },
}

WHO_WE_ARE = {
    "key": "who-we-are",
    "slug": {"en": "who-we-are", "ar": "قصتنا"},
    "title": {"en": "Who we are", "ar": "قصتنا"},
    "introduction": {
        "en": (
            "From small groups of local volunteers to one national rescue organisation."
        ),
        "ar": "من مجموعات صغيرة من المتطوعين المحليين إلى منظمة إنقاذ وطنية واحدة.",
    },
    "search_description": {
        "en": "The history of the Syria Civil Defence and the story of its name.",
        "ar": "تاريخ الدفاع المدني السوري وقصة اسمه.",
    },
    "body": {
        "en": [
            ("heading", {"text": "Our history", "level": "h2"}),
            (
                "paragraph",
                "<p>When the war in Syria began in 2011, cities and towns across the "
                "country came under attack and aerial bombardment. Small local "
                "groups of volunteers began pulling their neighbours from the "
                "rubble. In 2014, in the midst of the bombardment, these groups "
                "came together and the Syria Civil Defence was officially "
                "established as one unified organisation, providing emergency "
                "response and humanitarian services in conflict zones.</p>",
            ),
            (
                "timeline",
                {
                    "title": "Milestones",
                    "events": [
                        {
                            "year": 2011,
                            "title": "The war begins",
                            "text": (
                                "Local volunteer rescue groups form in towns under "
                                "attack."
                            ),
                        },
                        {
                            "year": 2014,
                            "title": "The Syria Civil Defence is founded",
                            "text": (
                                "The groups organise under one unified organisation."
                            ),
                        },
                        {
                            "date": "Today",
                            "title": "Serving northwest Syria and beyond",
                            "text": (
                                "Our operations are concentrated in northwest Syria, "
                                "and we serve every area we can reach."
                            ),
                        },
                    ],
                },
            ),
            ("heading", {"text": "Why the white helmets", "level": "h2"}),
            (
                "paragraph",
                "<p>Our name comes from the distinctive white helmets our volunteers "
                "wear during rescue operations. The helmets have become a symbol of "
                "our mission to save lives, especially in areas hit by airstrikes "
                "and bombing.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "Our volunteers come from all parts of Syrian society, united "
                        "by their commitment to humanitarian work."
                    ),
                    "attribution": "Syria Civil Defence",
                },
            ),
        ],
        "ar": [
            ("heading", {"text": "تاريخنا", "level": "h2"}),
            (
                "paragraph",
                "<p>حين بدأت الحرب في سوريا عام 2011، تعرضت المدن والبلدات في أنحاء "
                "البلاد للهجمات والقصف الجوي، فبدأت مجموعات محلية صغيرة من المتطوعين "
                "بانتشال جيرانها من تحت الأنقاض. وفي عام 2014، وفي خضم القصف، اجتمعت "
                "هذه المجموعات وتأسس الدفاع المدني السوري رسمياً منظمةً موحدة تقدم "
                "خدمات الاستجابة الطارئة والخدمات الإنسانية في مناطق النزاع.</p>",
            ),
            (
                "timeline",
                {
                    "title": "محطات",
                    "events": [
                        {
                            "title": "بداية الحرب",
                            "text": (
                                "تتشكل فرق إنقاذ تطوعية محلية في البلدات التي تتعرض "
                                "للهجمات."
                            ),
                        },
                        {
                            "title": "تأسيس الدفاع المدني السوري",
                            "text": "تنتظم الفرق في منظمة واحدة موحدة.",
                        },
                        {
                            "date": "اليوم",
                            "title": "في خدمة شمال غرب سوريا وما بعده",
                            "text": (
                                "تتركز عملياتنا في شمال غرب سوريا، ونخدم كل منطقة "
                                "نستطيع الوصول إليها."
                            ),
                        },
                    ],
                },
            ),
            ("heading", {"text": "لماذا الخوذ البيضاء", "level": "h2"}),
            (
                "paragraph",
                "<p>يأتي اسمنا من الخوذ البيضاء المميزة التي يرتديها متطوعونا في "
                "عمليات الإنقاذ. وقد أصبحت هذه الخوذ رمزاً لرسالتنا في إنقاذ الأرواح، "
                "ولا سيما في المناطق التي تتعرض للغارات الجوية والقصف.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "يأتي متطوعونا من جميع فئات المجتمع السوري، ويجمعهم "
                        "التزامهم بالعمل الإنساني."
                    ),
                    "attribution": "الدفاع المدني السوري",
                },
            ),
        ],
    },
}

PRINCIPLES = {
    "key": "principles",
    "slug": {"en": "principles", "ar": "مبادئنا"},
    "title": {"en": "Our principles", "ar": "مبادئنا"},
    "introduction": {
        "en": "Neutrality, impartiality and independence guide everything we do.",
        "ar": "يوجّه الحياد وعدم التحيز والاستقلالية كل ما نقوم به.",
    },
    "search_description": {
        "en": "The humanitarian principles the White Helmets follow.",
        "ar": "المبادئ الإنسانية التي تلتزم بها الخوذ البيضاء.",
    },
    "body": {
        "en": [
            (
                "paragraph",
                "<p>We adhere to the core humanitarian principles of neutrality, "
                "impartiality and independence.</p>",
            ),
            ("heading", {"text": "Neutrality", "level": "h2"}),
            (
                "paragraph",
                "<p>We are a neutral humanitarian organisation. Our mission is to "
                "save lives and serve civilians affected by the war in Syria.</p>",
            ),
            ("heading", {"text": "Impartiality", "level": "h2"}),
            (
                "paragraph",
                "<p>We help every civilian in need, regardless of their political, "
                "religious or ethnic background.</p>",
            ),
            ("heading", {"text": "Independence", "level": "h2"}),
            (
                "paragraph",
                "<p>We are an independent organisation. Alongside our humanitarian "
                "work, we demand justice and accountability for the perpetrators of "
                "war crimes and crimes against humanity.</p>",
            ),
        ],
        "ar": [
            (
                "paragraph",
                "<p>نلتزم بالمبادئ الإنسانية الأساسية: الحياد وعدم التحيز "
                "والاستقلالية.</p>",
            ),
            ("heading", {"text": "الحياد", "level": "h2"}),
            (
                "paragraph",
                "<p>نحن منظمة إنسانية محايدة، تتركز رسالتنا على إنقاذ الأرواح وخدمة "
                "المدنيين المتضررين من الحرب في سوريا.</p>",
            ),
            ("heading", {"text": "عدم التحيز", "level": "h2"}),
            (
                "paragraph",
                "<p>نساعد كل مدني محتاج، بصرف النظر عن خلفيته السياسية أو الدينية "
                "أو العرقية.</p>",
            ),
            ("heading", {"text": "الاستقلالية", "level": "h2"}),
            (
                "paragraph",
                "<p>نحن منظمة مستقلة. وإلى جانب عملنا الإنساني، نطالب بالعدالة "
                "ومحاسبة مرتكبي جرائم الحرب والجرائم ضد الإنسانية.</p>",
            ),
        ],
    },
}

FUNDING = {
    "key": "funding",
    "slug": {"en": "funding", "ar": "التمويل"},
    "title": {"en": "How we are funded", "ar": "كيف نُموَّل"},
    "introduction": {
        "en": (
            "Governments, organisations and individual donors keep our teams "
            "equipped and trained."
        ),
        "ar": "تساعد الحكومات والمنظمات والمتبرعون الأفراد على تجهيز فرقنا وتدريبها.",
    },
    "search_description": {
        "en": "Where the White Helmets' funding comes from and what it pays for.",
        "ar": "من أين يأتي تمويل الخوذ البيضاء وفيمَ يُنفق.",
    },
    "body": {
        "en": [
            (
                "paragraph",
                "<p>We receive funding from a range of international governments and "
                "non-governmental organisations. This support helps us maintain our "
                "equipment, provide medical supplies and train our volunteers.</p>",
            ),
            (
                "paragraph",
                "<p>Gifts from individuals help fund rescue operations, medical care "
                "and humanitarian services.</p>",
            ),
            (
                "call_to_action",
                {
                    "title": "Support our volunteers",
                    "text": "Give once or every month through our donation page.",
                    "link_page": "donate",
                    "link_text": "Donate",
                },
            ),
        ],
        "ar": [
            (
                "paragraph",
                "<p>نتلقى التمويل من مجموعة من الحكومات الدولية والمنظمات غير "
                "الحكومية. يساعدنا هذا الدعم على صيانة معداتنا وتوفير الإمدادات "
                "الطبية وتدريب متطوعينا.</p>",
            ),
            (
                "paragraph",
                "<p>تساعد تبرعات الأفراد في تمويل عمليات الإنقاذ والرعاية الطبية "
                "والخدمات الإنسانية.</p>",
            ),
            (
                "call_to_action",
                {
                    "title": "ادعم متطوعينا",
                    "text": "تبرّع لمرة واحدة أو شهرياً عبر صفحة التبرع.",
                    "link_text": "تبرّع",
                },
            ),
        ],
    },
}

WHERE_WE_WORK = {
    "key": "where-we-work",
    "slug": {"en": "where-we-work", "ar": "أين-نعمل"},
    "title": {"en": "Where we work", "ar": "أين نعمل"},
    "introduction": {
        "en": (
            "Our operations are concentrated in northwest Syria, including Idlib "
            "and parts of Aleppo."
        ),
        "ar": "تتركز عملياتنا في شمال غرب سوريا، بما في ذلك إدلب وأجزاء من حلب.",
    },
    "search_description": {
        "en": "The areas of Syria where the White Helmets work today.",
        "ar": "المناطق التي يعمل فيها الخوذ البيضاء في سوريا اليوم.",
    },
    "body": {
        "en": [
            (
                "paragraph",
                "<p>Since the war began in 2011, many regions of Syria have suffered "
                "intense attacks, aerial bombardment and the destruction of critical "
                "infrastructure. We have worked in these hard-hit areas, in every "
                "part of Syria we are able to reach.</p>",
            ),
            ("heading", {"text": "Northwest Syria", "level": "h2"}),
            (
                "paragraph",
                "<p>As the war went on, millions of Syrians, our volunteers among "
                "them, were forcibly displaced from their homes to other parts of "
                "the country. Our operations are now concentrated in northwest "
                "Syria, including the Idlib region and parts of Aleppo. The area "
                "still suffers heavy bombardment and humanitarian crises, and is "
                "home to a large population of internally displaced persons (IDPs). "
                "Many civilians live in makeshift camps in dire conditions, with "
                "little access to healthcare, clean water and other essential "
                "services.</p>",
            ),
            ("heading", {"text": "Across front lines", "level": "h2"}),
            (
                "paragraph",
                "<p>We serve every area we can reach and regularly offer support "
                "across front lines, especially firefighting in the summer. In some "
                "areas it is not safe for us to work because we are targeted "
                "directly.</p>",
            ),
        ],
        "ar": [
            (
                "paragraph",
                "<p>منذ بدء الحرب عام 2011، عانت مناطق كثيرة في سوريا من هجمات "
                "عنيفة وقصف جوي وتدمير للبنية التحتية الحيوية. وقد عملنا في هذه "
                "المناطق الأشد تضرراً، في كل جزء من سوريا نستطيع الوصول إليه.</p>",
            ),
            ("heading", {"text": "شمال غرب سوريا", "level": "h2"}),
            (
                "paragraph",
                "<p>مع استمرار الحرب، هُجّر ملايين السوريين قسراً من بيوتهم إلى "
                "مناطق أخرى من البلاد، ومنهم متطوعونا. تتركز عملياتنا اليوم في "
                "شمال غرب سوريا، بما في ذلك منطقة إدلب وأجزاء من حلب. وما زالت هذه "
                "المنطقة تتعرض لقصف شديد وتعاني أزمات إنسانية، ويعيش فيها عدد كبير "
                "من النازحين داخلياً. ويقيم كثير من المدنيين في مخيمات مؤقتة في ظروف "
                "قاسية، مع وصول محدود إلى الرعاية الصحية والمياه النظيفة وغيرها من "
                "الخدمات الأساسية.</p>",
            ),
            ("heading", {"text": "عبر خطوط التماس", "level": "h2"}),
            (
                "paragraph",
                "<p>نخدم كل منطقة نستطيع الوصول إليها، ونقدم الدعم بانتظام عبر خطوط "
                "التماس، ولا سيما في إطفاء الحرائق خلال الصيف. وفي بعض المناطق لا "
                "يكون العمل آمناً لنا لأننا نُستهدف بشكل مباشر.</p>",
            ),
        ],
    },
}

ABOUT_PAGES = [WHO_WE_ARE, PRINCIPLES, FUNDING, WHERE_WE_WORK]
