"""Demo statements, in English and Arabic: how the organisation answers false claims
about its own work. They state principles and methods only: no figures, no names.

``image`` names an illustration of ``core.demo_images``.
"""

import datetime

INDEX = {
    "key": "statements",
    "slug": {"en": "statements", "ar": "بيانات"},
    "title": {"en": "Statements", "ar": "بيانات"},
    "introduction": {
        "en": (
            "False claims about our volunteers spread quickly. Here we answer them "
            "with facts anyone can check."
        ),
        "ar": (
            "تنتشر الادعاءات الكاذبة عن متطوعينا بسرعة. هنا نردّ عليها بحقائق "
            "يستطيع أي شخص التحقق منها."
        ),
    },
    "search_description": {
        "en": "The Syria Civil Defence answers false claims with facts.",
        "ar": "بيانات الدفاع المدني السوري التي تردّ على الادعاءات الكاذبة بالحقائق.",
    },
}

STATEMENTS = [
    {
        "key": "statement-how-we-answer",
        "date": datetime.date(2026, 11, 18),
        "image": "statement-facts",
        "slug": {"en": "how-we-answer-false-claims", "ar": "كيف-نرد-على-الادعاءات"},
        "title": {
            "en": "How we answer false claims about our work",
            "ar": "كيف نردّ على الادعاءات الكاذبة عن عملنا",
        },
        "summary": {
            "en": (
                "We do not answer a rumour with another claim. We publish what can be "
                "checked: where and when our teams responded, and what they did."
            ),
            "ar": (
                "لا نردّ على الشائعة بادعاء آخر. ننشر ما يمكن التحقق منه: أين ومتى "
                "استجابت فرقنا، وماذا فعلت."
            ),
        },
        "image_alt": {
            "en": "An illustration: sheets of paper, one marked with a tick.",
            "ar": "رسم توضيحي: أوراق، على إحداها علامة صح.",
        },
        "body": {
            "en": [
                (
                    "paragraph",
                    "<p>Every response of the Syria Civil Defence is recorded by the "
                    "team that carried it out: the place, the time, the kind of "
                    "incident and the help given. When a false claim about our "
                    "volunteers spreads, we answer with these records, not with "
                    "opinions.</p>",
                ),
                ("heading", {"text": "What we publish", "level": "h2"}),
                (
                    "paragraph",
                    "<ul><li>The date and place of the response in question.</li>"
                    "<li>What our teams did there, in plain words.</li>"
                    "<li>What we do not know, said just as plainly.</li></ul>",
                ),
                (
                    "paragraph",
                    "<p>If we find an error in anything we have published, we correct "
                    "it on the same page and say what changed.</p>",
                ),
            ],
            "ar": [
                (
                    "paragraph",
                    "<p>يوثّق الفريق الذي ينفّذ كل استجابة من استجابات الدفاع المدني "
                    "السوري تفاصيلها: المكان والوقت ونوع الحادثة والمساعدة المقدّمة. "
                    "وحين ينتشر ادعاء كاذب عن متطوعينا، نردّ عليه بهذه السجلات لا "
                    "بالآراء.</p>",
                ),
                ("heading", {"text": "ما الذي ننشره", "level": "h2"}),
                (
                    "paragraph",
                    "<ul><li>تاريخ الاستجابة المعنية ومكانها.</li>"
                    "<li>ما قامت به فرقنا هناك، بكلمات واضحة.</li>"
                    "<li>ما لا نعرفه، نقوله بالوضوح نفسه.</li></ul>",
                ),
                (
                    "paragraph",
                    "<p>إذا وجدنا خطأً في أي شيء نشرناه، نصحّحه في الصفحة نفسها ونبيّن "
                    "ما الذي تغيّر.</p>",
                ),
            ],
        },
    },
    {
        "key": "statement-neutrality",
        "date": datetime.date(2026, 10, 2),
        "image": "statement-principles",
        "slug": {"en": "we-serve-every-civilian", "ar": "نخدم-كل-المدنيين"},
        "title": {
            "en": "We serve every civilian, whoever they are",
            "ar": "نخدم كل المدنيين، أياً كانوا",
        },
        "summary": {
            "en": (
                "Claims that our volunteers take sides are false. Neutrality, "
                "impartiality and independence decide who we help: anyone in need."
            ),
            "ar": (
                "الادعاءات بأن متطوعينا ينحازون إلى طرف كاذبة. الحياد وعدم التحيز "
                "والاستقلالية هي ما يحدّد من نساعد: كل من يحتاج إلى المساعدة."
            ),
        },
        "image_alt": {
            "en": (
                "An illustration: red, grey and black shapes around the helmet emblem."
            ),
            "ar": "رسم توضيحي: أشكال حمراء ورمادية وسوداء حول شعار الخوذة.",
        },
        "body": {
            "en": [
                (
                    "paragraph",
                    "<p>Our volunteers answer every call for search and rescue in the "
                    "areas where we work, whatever the political, religious or ethnic "
                    "background of the people in danger. We do not ask who someone "
                    "is before we help them.</p>",
                ),
                (
                    "quote",
                    {
                        "text": "We go where people need help, and we help everyone.",
                        "attribution": "Syria Civil Defence",
                    },
                ),
                (
                    "paragraph",
                    '<p>Read <a linktype="page" id="{page:principles}">our '
                    "principles</a>, which every volunteer follows.</p>",
                ),
            ],
            "ar": [
                (
                    "paragraph",
                    "<p>يستجيب متطوعونا لكل نداء للبحث والإنقاذ في المناطق التي نعمل "
                    "فيها، أياً كانت الخلفية السياسية أو الدينية أو العرقية للأشخاص "
                    "المعرّضين للخطر. لا نسأل أحداً من هو قبل أن نساعده.</p>",
                ),
                (
                    "quote",
                    {
                        "text": "نذهب حيث يحتاج الناس إلى المساعدة، ونساعد الجميع.",
                        "attribution": "الدفاع المدني السوري",
                    },
                ),
                (
                    "paragraph",
                    '<p>اقرأ <a linktype="page" id="{page:principles}">مبادئنا</a> '
                    "التي يلتزم بها كل متطوع.</p>",
                ),
            ],
        },
    },
    {
        "key": "statement-funding",
        "date": datetime.date(2026, 8, 21),
        "image": "statement-signal",
        "slug": {"en": "where-our-funding-comes-from", "ar": "من-أين-يأتي-تمويلنا"},
        "title": {
            "en": "Where our funding comes from",
            "ar": "من أين يأتي تمويلنا",
        },
        "summary": {
            "en": (
                "Posts claiming hidden funders misstate how we are paid for. Our "
                "funding comes from governments, organisations and individual donors, "
                "and we say so openly."
            ),
            "ar": (
                "المنشورات التي تتحدث عن ممولين خفيين تقدّم صورة خاطئة عن تمويلنا. "
                "يأتي تمويلنا من حكومات ومنظمات ومتبرعين أفراد، ونعلن ذلك بوضوح."
            ),
        },
        "image_alt": {
            "en": "An illustration: a mast on a hill sending out red waves.",
            "ar": "رسم توضيحي: سارية على تلة تبث موجات حمراء.",
        },
        "body": {
            "en": [
                (
                    "paragraph",
                    "<p>We receive funding from a range of international governments "
                    "and non-governmental organisations, and gifts from individuals. "
                    "It pays for equipment, medical supplies and the training of our "
                    "volunteers.</p>",
                ),
                (
                    "paragraph",
                    '<p>How we are funded is set out on <a linktype="page" '
                    'id="{page:funding}">our funding page</a>. No funder decides where '
                    "our teams respond.</p>",
                ),
            ],
            "ar": [
                (
                    "paragraph",
                    "<p>نتلقى التمويل من مجموعة من الحكومات الدولية والمنظمات غير "
                    "الحكومية، ومن تبرعات الأفراد. ويُنفق على المعدات واللوازم الطبية "
                    "وتدريب متطوعينا.</p>",
                ),
                (
                    "paragraph",
                    '<p>نشرح مصادر تمويلنا في <a linktype="page" id="{page:funding}">'
                    "صفحة التمويل</a>. ولا يقرّر أي ممول أين تستجيب فرقنا.</p>",
                ),
            ],
        },
    },
    {
        "key": "statement-records",
        "date": datetime.date(2026, 6, 9),
        # No image: the card and the page show the designed fallback.
        "image": None,
        "slug": {"en": "why-we-keep-records", "ar": "لماذا-نحتفظ-بالسجلات"},
        "title": {
            "en": "Why we keep a record of every response",
            "ar": "لماذا نوثّق كل استجابة",
        },
        "summary": {
            "en": (
                "Our records let anyone check what we say about our work. Personal "
                "details in them stay private: a person is named only with their "
                "family's consent."
            ),
            "ar": (
                "تتيح سجلاتنا لأي شخص التحقق مما نقوله عن عملنا. وتبقى البيانات "
                "الشخصية فيها خاصة: لا نذكر اسم أحد إلا بموافقة عائلته."
            ),
        },
        "image_alt": {"en": "", "ar": ""},
        "body": {
            "en": [
                (
                    "paragraph",
                    "<p>First responders write down what they do as they do it. These "
                    "records are how we learn, how we account to the people we serve, "
                    "and how we answer claims about our work with facts.</p>",
                ),
                (
                    "paragraph",
                    '<p>The <a linktype="page" id="{page:memorial}">memorial</a> shows '
                    "a fallen volunteer's name or photo only when their family "
                    "agrees.</p>",
                ),
            ],
            "ar": [
                (
                    "paragraph",
                    "<p>يدوّن المستجيبون الأوائل ما يقومون به أثناء عملهم. بهذه السجلات "
                    "نتعلّم، ونُسأل أمام الناس الذين نخدمهم، ونردّ على الادعاءات عن "
                    "عملنا بالحقائق.</p>",
                ),
                (
                    "paragraph",
                    '<p>لا تعرض صفحة <a linktype="page" id="{page:memorial}">شهداء '
                    "الدفاع المدني</a> اسم المتطوع أو صورته إلا بموافقة عائلته.</p>",
                ),
            ],
        },
    },
]

# The illustration each page made by the demo shows (keys of ``DemoContext.pages``).
PAGE_IMAGES = {
    "home": "home-hero",
    "about": "about",
    "who-we-are": "who-we-are",
    "principles": "principles",
    "funding": "funding",
    "where-we-work": "where-we-work",
}
