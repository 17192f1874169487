"""The demo memorial: 304 plainly labelled sample records, made once."""

from collections import Counter

from bs4 import BeautifulSoup

from core import figures
from core.demo_content import DemoContext
from memorial.demo import load_memorial
from memorial.models import Cause, Consent, FallenVolunteer, MemorialPage


def load(home):
    context = DemoContext(pages={"home": home})
    load_memorial(context)
    return context


def test_demo_makes_the_memorial_page_and_304_sample_records(home, client):
    context = load(home)
    page = context.pages["memorial"]
    assert "memorial" in context.created
    assert page.live and page.show_in_menus
    assert (page.slug_en, page.slug_ar) == ("memorial", "شهداء-الدفاع-المدني")
    records = FallenVolunteer.objects.all()
    assert records.count() == 304
    assert all(person.is_sample for person in records)
    first = records.get(external_id="sample-001")
    assert first.name_en == "Sample volunteer 001"
    assert first.name_ar == "متطوع نموذجي 001"
    assert figures.render("memorial.total_lost") == "304"
    causes = Counter(records.values_list("cause", flat=True))
    assert causes.most_common(1)[0][0] == Cause.DOUBLE_TAP
    consents = Counter(records.values_list("consent", flat=True))
    assert 0 < consents[Consent.NONE] < 30
    years = Counter(person.date_of_death.year for person in records)
    assert min(years) == 2013 and max(years) == 2025
    assert sum(years[y] for y in range(2015, 2019)) > 304 / 2

    english = BeautifulSoup(client.get("/en/memorial/").content, "html.parser")
    assert english.select_one('[data-figure="memorial.total_lost"]').text == "304"
    assert english.select_one(".memorial-sample-notice")
    arabic = BeautifulSoup(
        client.get("/ar/شهداء-الدفاع-المدني/").content, "html.parser"
    )
    assert (
        arabic.select_one(".memorial-card__name a")
        .get_text()
        .startswith("متطوع نموذجي")
    )


def test_demo_is_the_same_every_time_and_safe_to_run_twice(home):
    load(home)
    before = list(
        FallenVolunteer.objects.order_by("external_id").values_list(
            "external_id", "date_of_death", "governorate", "cause", "consent"
        )
    )
    page = MemorialPage.objects.get()
    page.title_en = "Edited by an editor"
    page.save_revision().publish()
    context = load(home)
    assert "memorial" not in context.created
    assert MemorialPage.objects.count() == 1
    assert MemorialPage.objects.get().title_en == "Edited by an editor"
    after = list(
        FallenVolunteer.objects.order_by("external_id").values_list(
            "external_id", "date_of_death", "governorate", "cause", "consent"
        )
    )
    assert before == after


def test_demo_adds_no_samples_beside_real_records(home):
    FallenVolunteer.objects.create(
        name_en="Real",
        date_of_death="2016-01-01",
        governorate="idlib",
        cause="other",
    )
    load(home)
    assert FallenVolunteer.objects.count() == 1
