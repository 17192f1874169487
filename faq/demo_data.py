"""Demo questions and answers, in English and Arabic.

The answers are the organisation's own published FAQ, copy-edited; the questions are
written for them. Nothing here is invented. Blocks are ``(type, value)`` pairs;
``{page:KEY}`` links to a page the demo makes.
"""

# The day the answers below were last checked against the organisation's text.
REVIEWED = "2026-11-20"

LOST_VOLUNTEERS = {
    "en": (
        "live_figure",
        {
            "figure": "memorial.total_lost",
            "sentence": (
                "Since we began our work, {value} of our volunteers have been killed, "
                "most of them in double-tap strikes while rescuing civilians."
            ),
        },
    ),
    "ar": (
        "live_figure",
        {
            "figure": "memorial.total_lost",
            "sentence": (
                "منذ أن بدأنا عملنا، استشهد {value} من متطوعينا، معظمهم في ضربات "
                "مزدوجة أثناء إنقاذهم المدنيين."
            ),
        },
    ),
}

CATEGORIES = [
    {
        "key": "about-us",
        "title": {"en": "About the White Helmets", "ar": "عن الخوذ البيضاء"},
        "questions": [
            {
                "question": {
                    "en": "Who are the Syria Civil Defence?",
                    "ar": "ما هو الدفاع المدني السوري؟",
                },
                "answer": {
                    "en": [
                        (
                            "paragraph",
                            "<p>The Syria Civil Defence, also known as the White "
                            "Helmets, was officially established in 2014, in the midst "
                            "of attacks and bombardment on cities and towns across "
                            "Syria. It began as small local groups of volunteer "
                            "rescuers, who later came together as one organisation to "
                            "provide emergency response and humanitarian services in "
                            "conflict zones.</p>",
                        ),
                        (
                            "paragraph",
                            '<p><a linktype="page" id="{page:who-we-are}">Read our '
                            "story</a> to learn more.</p>",
                        ),
                    ],
                    "ar": [
                        (
                            "paragraph",
                            "<p>تأسس الدفاع المدني السوري، المعروف أيضاً باسم الخوذ "
                            "البيضاء، رسمياً عام 2014 في خضم الهجمات والقصف على المدن "
                            "والبلدات في أنحاء سوريا. بدأ بمجموعات محلية صغيرة من "
                            "المتطوعين في الإنقاذ، انتظمت لاحقاً في منظمة واحدة تقدم "
                            "خدمات الاستجابة الطارئة والخدمات الإنسانية في مناطق "
                            "النزاع.</p>",
                        ),
                        (
                            "paragraph",
                            '<p>لمعرفة المزيد، <a linktype="page" '
                            'id="{page:who-we-are}">اقرأ قصتنا</a>.</p>',
                        ),
                    ],
                },
            },
            {
                "question": {
                    "en": "Why are they called the White Helmets?",
                    "ar": "لماذا يُسمّون الخوذ البيضاء؟",
                },
                "answer": {
                    "en": [
                        (
                            "paragraph",
                            "<p>The name comes from the distinctive white helmets worn "
                            "by the volunteers during rescue operations. The helmets "
                            "are a symbol of our mission to save lives, particularly "
                            "in areas hit by airstrikes and bombing.</p>",
                        ),
                    ],
                    "ar": [
                        (
                            "paragraph",
                            "<p>يأتي الاسم من الخوذ البيضاء المميزة التي يرتديها "
                            "المتطوعون أثناء عمليات الإنقاذ. والخوذ رمز لمهمتنا في "
                            "إنقاذ الأرواح، ولا سيما في المناطق التي تتعرض للغارات "
                            "الجوية والقصف.</p>",
                        ),
                    ],
                },
            },
        ],
    },
    {
        "key": "where-we-work",
        "title": {"en": "Where we work", "ar": "أين نعمل"},
        "questions": [
            {
                "question": {
                    "en": "Where do the White Helmets work?",
                    "ar": "أين تعمل الخوذ البيضاء؟",
                },
                "answer": {
                    "en": [
                        (
                            "paragraph",
                            "<p>Since the Syrian war began in 2011, many regions have "
                            "suffered intense attacks, aerial bombardment and the "
                            "destruction of critical infrastructure. We have focused "
                            "our efforts on these hard-hit areas, working in every "
                            "part of Syria we are able to reach.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>As the war went on, millions of Syrians were forcibly "
                            "displaced from their homes to other parts of the country, "
                            "our own volunteers among them. Our operations are now "
                            "concentrated in northwest Syria, including the Idlib "
                            "region and parts of Aleppo.</p>",
                        ),
                    ],
                    "ar": [
                        (
                            "paragraph",
                            "<p>منذ اندلاع الحرب في سوريا عام 2011، تعرضت مناطق كثيرة "
                            "لهجمات عنيفة وقصف جوي وتدمير للبنية التحتية الحيوية. "
                            "ركّزنا جهودنا على هذه المناطق الأشد تضرراً، ونعمل في كل "
                            "أنحاء سوريا التي نستطيع الوصول إليها.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>ومع استمرار الحرب، هُجّر ملايين السوريين قسراً من "
                            "بيوتهم إلى مناطق أخرى من البلاد، ومنهم متطوعونا. وتتركز "
                            "عملياتنا اليوم في شمال غرب سوريا، بما في ذلك منطقة إدلب "
                            "وأجزاء من حلب.</p>",
                        ),
                    ],
                },
            },
            {
                "question": {
                    "en": "What is life like for civilians in northwest Syria?",
                    "ar": "كيف يعيش المدنيون في شمال غرب سوريا؟",
                },
                "answer": {
                    "en": [
                        (
                            "paragraph",
                            "<p>The region still suffers heavy bombardment and "
                            "humanitarian crises. It is home to a large population of "
                            "internally displaced persons (IDPs) who have fled other "
                            "parts of Syria. Many civilians live in makeshift camps in "
                            "dire conditions, with little access to healthcare, clean "
                            "water and other essential services.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>Our volunteers are crucial there: they provide rescue "
                            "services, emergency medical care and support to the "
                            "community.</p>",
                        ),
                    ],
                    "ar": [
                        (
                            "paragraph",
                            "<p>ما زالت المنطقة تتعرض لقصف شديد وتعاني أزمات إنسانية. "
                            "ويعيش فيها عدد كبير من النازحين داخلياً الذين فرّوا من "
                            "مناطق أخرى في سوريا، ويقيم كثير من المدنيين في مخيمات "
                            "مؤقتة في ظروف قاسية، مع وصول محدود إلى الرعاية الصحية "
                            "والمياه النظيفة وغيرها من الخدمات الأساسية.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>ولمتطوعينا دور حاسم هناك: فهم يقدمون خدمات الإنقاذ "
                            "والرعاية الطبية الطارئة ودعم المجتمع المحلي.</p>",
                        ),
                    ],
                },
            },
            {
                "question": {
                    "en": "Do you still work in other parts of Syria?",
                    "ar": "هل ما زلتم تعملون في مناطق أخرى من سوريا؟",
                },
                "answer": {
                    "en": [
                        (
                            "paragraph",
                            "<p>We continue to serve every area we can reach, and we "
                            "regularly offer support across front lines, particularly "
                            "firefighting during the summer. In some areas, however, "
                            "it is not safe for us to work because our teams are "
                            "targeted directly.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>Although access restrictions have reduced the scale of "
                            "our operations in other parts of Syria, we remain "
                            "committed to saving lives wherever we can, "
                            "particularly in communities under siege or hit by "
                            "airstrikes.</p>",
                        ),
                    ],
                    "ar": [
                        (
                            "paragraph",
                            "<p>نواصل خدمة كل المناطق التي نستطيع الوصول إليها، "
                            "ونقدم الدعم بانتظام عبر خطوط التماس، ولا سيما في إطفاء "
                            "الحرائق خلال الصيف. غير أن العمل في بعض المناطق ليس "
                            "آمناً لنا لأن فرقنا تُستهدف مباشرة.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>ومع أن القيود على الوصول قلّصت حجم عملياتنا في مناطق "
                            "أخرى من سوريا، فإننا ملتزمون بإنقاذ الأرواح حيثما "
                            "استطعنا، ولا سيما في المجتمعات المحاصرة أو التي تتعرض "
                            "للغارات الجوية.</p>",
                        ),
                    ],
                },
            },
        ],
    },
    {
        "key": "funding-and-principles",
        "title": {"en": "Funding and principles", "ar": "التمويل والمبادئ"},
        "questions": [
            {
                "question": {
                    "en": "How are the White Helmets funded?",
                    "ar": "كيف تُموَّل الخوذ البيضاء؟",
                },
                "answer": {
                    "en": [
                        (
                            "paragraph",
                            "<p>We receive funding from a range of international "
                            "governments and non-governmental organisations. This "
                            "support helps us maintain our equipment, provide medical "
                            'supplies and train volunteers. <a linktype="page" '
                            'id="{page:funding}">Read more about our funding</a>.</p>',
                        ),
                    ],
                    "ar": [
                        (
                            "paragraph",
                            "<p>نتلقى التمويل من حكومات دولية ومنظمات غير حكومية "
                            "متعددة. ويساعدنا هذا الدعم على صيانة معداتنا وتوفير "
                            "المستلزمات الطبية وتدريب المتطوعين. "
                            '<a linktype="page" id="{page:funding}">اقرأ المزيد عن '
                            "تمويلنا</a>.</p>",
                        ),
                    ],
                },
            },
            {
                "question": {
                    "en": "What principles guide your work?",
                    "ar": "ما المبادئ التي توجّه عملكم؟",
                },
                "answer": {
                    "en": [
                        (
                            "paragraph",
                            "<p>We adhere to the core humanitarian principles of "
                            "neutrality, impartiality and independence: we are an "
                            "independent, neutral humanitarian organisation. Our "
                            "mission is to save lives and serve civilians affected by "
                            "the war in Syria, whatever their political, religious or "
                            "ethnic background.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>We also demand justice and accountability for those "
                            "who commit war crimes and crimes against humanity.</p>",
                        ),
                    ],
                    "ar": [
                        (
                            "paragraph",
                            "<p>نلتزم بالمبادئ الإنسانية الأساسية: الحياد وعدم التحيز "
                            "والاستقلالية، فنحن منظمة إنسانية مستقلة ومحايدة. مهمتنا "
                            "إنقاذ الأرواح وخدمة المدنيين المتضررين من الحرب في "
                            "سوريا، أياً كانت خلفياتهم السياسية أو الدينية أو "
                            "العرقية.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>ونطالب كذلك بالعدالة ومحاسبة مرتكبي جرائم الحرب "
                            "والجرائم ضد الإنسانية.</p>",
                        ),
                    ],
                },
            },
        ],
    },
    {
        "key": "attacks-on-rescuers",
        "title": {"en": "Attacks on rescuers", "ar": "استهداف المنقذين"},
        "questions": [
            {
                "question": {
                    "en": "Why have the White Helmets been attacked?",
                    "ar": "لماذا تتعرض الخوذ البيضاء للهجمات؟",
                },
                "answer": {
                    "en": [
                        (
                            "paragraph",
                            "<p>Our work supporting communities under attack has made "
                            "us a target for Russian forces and the Syrian regime. "
                            "They have bombed our centres dozens of times and targeted "
                            "our teams while they were carrying out their humanitarian "
                            "duty of rescuing civilians.</p>",
                        ),
                    ],
                    "ar": [
                        (
                            "paragraph",
                            "<p>جعلنا عملنا في دعم المجتمعات التي تتعرض للهجمات هدفاً "
                            "للقوات الروسية والنظام السوري، فقد قصفت مراكزنا عشرات "
                            "المرات واستهدفت فرقنا أثناء أدائها واجبها الإنساني في "
                            "إنقاذ المدنيين.</p>",
                        ),
                    ],
                },
            },
            {
                "question": {
                    "en": "What is a double-tap strike?",
                    "ar": "ما هي الضربة المزدوجة؟",
                },
                "answer": {
                    "en": [
                        (
                            "paragraph",
                            "<p>A double-tap strike hits the same place twice: a "
                            "second airstrike follows the first a few minutes later, "
                            "aimed at killing the rescuers and medics rushing to the "
                            "site. Because the site of a strike is where civilians and "
                            "rescue teams gather to save the wounded, the second "
                            "strike causes as many casualties as possible.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>It is a brutal tactic, designed to kill civilians and "
                            "rescuers alike.</p>",
                        ),
                    ],
                    "ar": [
                        (
                            "paragraph",
                            "<p>الضربة المزدوجة تصيب المكان نفسه مرتين: تلي الغارةَ "
                            "الجوية الأولى غارةٌ ثانية بعد دقائق، بهدف قتل المنقذين "
                            "والمسعفين الذين يهرعون إلى الموقع. ولأن موقع الغارة هو "
                            "المكان الذي يتجمع فيه المدنيون وفرق الإنقاذ لإسعاف "
                            "الجرحى، فإن الضربة الثانية توقع أكبر عدد ممكن من "
                            "الضحايا.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>إنها أسلوب وحشي يهدف إلى قتل المدنيين والمنقذين على "
                            "حد سواء.</p>",
                        ),
                    ],
                },
            },
            {
                "question": {
                    "en": "Where have double-tap strikes been used?",
                    "ar": "أين استُخدمت الضربات المزدوجة؟",
                },
                "answer": {
                    "en": [
                        (
                            "paragraph",
                            "<p>Not in one area alone: they were used across most of "
                            "the regions under opposition control, including:</p>",
                        ),
                        (
                            "paragraph",
                            "<ul><li>Eastern Ghouta, in the Damascus countryside</li>"
                            "<li>Daraa province</li>"
                            "<li>the northern countryside of Homs</li>"
                            "<li>Idlib province</li>"
                            "<li>the eastern neighbourhoods of Aleppo</li></ul>",
                        ),
                    ],
                    "ar": [
                        (
                            "paragraph",
                            "<p>لم يقتصر استخدامها على منطقة واحدة، بل امتد إلى معظم "
                            "المناطق التي كانت تحت سيطرة المعارضة، ومنها:</p>",
                        ),
                        (
                            "paragraph",
                            "<ul><li>الغوطة الشرقية في ريف دمشق</li>"
                            "<li>محافظة درعا</li>"
                            "<li>ريف حمص الشمالي</li>"
                            "<li>محافظة إدلب</li>"
                            "<li>الأحياء الشرقية من مدينة حلب</li></ul>",
                        ),
                    ],
                },
            },
            {
                "question": {
                    "en": "How many volunteers have the White Helmets lost?",
                    "ar": "كم متطوعاً فقدت الخوذ البيضاء؟",
                },
                "answer": {
                    "en": [
                        LOST_VOLUNTEERS["en"],
                        (
                            "paragraph",
                            "<p>The regime, Russia and their allies continue to target "
                            "and destroy our volunteers and centres. Their aim is to "
                            "deprive civilians of our services, to force them to flee "
                            "their towns and villages, and to eliminate the witnesses "
                            "to the bombing of civilians.</p>",
                        ),
                        (
                            "paragraph",
                            '<p><a linktype="page" id="{page:memorial}">Remember the '
                            "volunteers we have lost</a>.</p>",
                        ),
                    ],
                    "ar": [
                        LOST_VOLUNTEERS["ar"],
                        (
                            "paragraph",
                            "<p>يواصل النظام وروسيا وحلفاؤهما استهداف متطوعينا "
                            "ومراكزنا وتدميرها، بهدف حرمان المدنيين من خدماتنا، "
                            "وإجبارهم على الفرار من مدنهم وقراهم، والتخلص من الشهود "
                            "على استهداف المدنيين بشتى أنواع القصف.</p>",
                        ),
                        (
                            "paragraph",
                            '<p><a linktype="page" id="{page:memorial}">تذكّر '
                            "المتطوعين الذين فقدناهم</a>.</p>",
                        ),
                    ],
                },
            },
            {
                "question": {
                    "en": "Why do the regime and Russia see the White Helmets as a "
                    "threat?",
                    "ar": "لماذا يرى النظام وروسيا في الخوذ البيضاء تهديداً لهما؟",
                },
                "answer": {
                    "en": [
                        ("paragraph", "<p>There are two main reasons.</p>"),
                        (
                            "paragraph",
                            "<ol><li>Our volunteers are first responders. With cameras "
                            "mounted on their helmets, they document crimes and "
                            "violations as they respond to airstrikes, artillery "
                            "shelling, rocket attacks and chemical attacks. These "
                            "recordings are shared with international organisations, "
                            "which hold the Syrian regime and Russia to account.</li>"
                            "<li>Our volunteers come from every part of Syrian "
                            "society, united by their commitment to humanitarian work "
                            "and to their national identity. Where the regime seeks to "
                            "divide society along sectarian lines, we have built a "
                            "civic institution that represents all Syrians: a symbol "
                            "of unity, free from the regime's control and "
                            "ideology.</li></ol>",
                        ),
                        (
                            "paragraph",
                            "<p>This makes us a threat to the regime's efforts to "
                            "dominate and fragment Syrian society. We have proven to "
                            "be a capable and effective alternative to its "
                            "institutions, above all during the recent earthquake, "
                            "when our professional response earned recognition around "
                            "the world. That success alarmed the regime and Russia, "
                            "and led to a sustained media and physical assault on our "
                            "organisation and our volunteers, aimed at tarnishing our "
                            "image and undermining our credibility.</p>",
                        ),
                    ],
                    "ar": [
                        ("paragraph", "<p>هناك سببان رئيسيان.</p>"),
                        (
                            "paragraph",
                            "<ol><li>متطوعونا هم المستجيبون الأوائل، وبالكاميرات "
                            "المثبتة على خوذهم يوثّقون الجرائم والانتهاكات أثناء "
                            "استجابتهم للغارات الجوية والقصف المدفعي والهجمات "
                            "الصاروخية والهجمات الكيميائية. وتُسلَّم هذه التسجيلات "
                            "إلى منظمات دولية تحاسب النظام السوري وروسيا على "
                            "أفعالهما.</li>"
                            "<li>ينتمي متطوعونا إلى كل مكونات المجتمع السوري، "
                            "ويجمعهم التزامهم بالعمل الإنساني وبهويتهم الوطنية. وفي "
                            "حين يسعى النظام إلى تقسيم المجتمع على أسس طائفية، بنينا "
                            "مؤسسة مدنية تمثل جميع السوريين: رمزاً للوحدة، بعيداً عن "
                            "سيطرة النظام وأيديولوجيته.</li></ol>",
                        ),
                        (
                            "paragraph",
                            "<p>وهذا ما يجعلنا تهديداً لمساعي النظام إلى الهيمنة على "
                            "المجتمع السوري وتفتيته. فقد أثبتنا أننا بديل كفء وفعّال "
                            "عن مؤسساته، ولا سيما خلال الزلزال الأخير حين نالت "
                            "استجابتنا المهنية تقديراً عالمياً. وقد أثار هذا النجاح "
                            "قلق النظام وروسيا، فشنّا حملة إعلامية وهجمات متواصلة على "
                            "منظمتنا ومتطوعينا، بهدف تشويه صورتنا والنيل من "
                            "مصداقيتنا.</p>",
                        ),
                    ],
                },
            },
        ],
    },
    {
        "key": "how-to-help",
        "title": {"en": "How you can help", "ar": "كيف يمكنك المساعدة"},
        "questions": [
            {
                "question": {
                    "en": "Can I volunteer with the White Helmets?",
                    "ar": "هل يمكنني التطوع مع الخوذ البيضاء؟",
                },
                "answer": {
                    "en": [
                        (
                            "paragraph",
                            "<p>At this time, recruitment is limited to Syrians who "
                            "live in the areas where we operate. Wherever you are, you "
                            "can support our mission through donations, advocacy, or "
                            "by raising awareness of our work.</p>",
                        ),
                    ],
                    "ar": [
                        (
                            "paragraph",
                            "<p>يقتصر التطوع حالياً على السوريين المقيمين في المناطق "
                            "التي نعمل فيها. وأينما كنت، يمكنك دعم مهمتنا بالتبرع أو "
                            "المناصرة أو التعريف بعملنا.</p>",
                        ),
                    ],
                },
            },
            {
                "question": {
                    "en": "How can I donate?",
                    "ar": "كيف يمكنني التبرّع؟",
                },
                "answer": {
                    "en": [
                        (
                            "paragraph",
                            '<p>You can <a linktype="page" id="{page:donate}">donate '
                            "on our donation page</a>, once or every month. Your "
                            "contribution helps fund rescue operations, medical care "
                            "and humanitarian services.</p>",
                        ),
                    ],
                    "ar": [
                        (
                            "paragraph",
                            '<p>يمكنك <a linktype="page" id="{page:donate}">التبرّع '
                            "عبر صفحة التبرع</a>، لمرة واحدة أو شهرياً. تساعد "
                            "مساهمتك في تمويل عمليات الإنقاذ والرعاية الطبية "
                            "والخدمات الإنسانية.</p>",
                        ),
                    ],
                },
            },
        ],
    },
]
