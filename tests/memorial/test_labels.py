"""Governorate, cause and consent labels are Django's, in both languages."""

import pytest
from django.utils import translation

from memorial.models import Cause, Consent, FallenVolunteer, Governorate


@pytest.mark.parametrize("language", ["en", "ar"])
def test_labels_match_the_choices_in_both_languages(language):
    with translation.override(language):
        for governorate in Governorate:
            for cause in Cause:
                for consent in Consent:
                    person = FallenVolunteer(
                        governorate=governorate, cause=cause, consent=consent
                    )
                    assert person.get_governorate_display() == str(governorate.label)
                    assert person.get_cause_display() == str(cause.label)
                    assert person.get_consent_display() == str(consent.label)


def test_arabic_labels_are_arabic():
    person = FallenVolunteer(governorate=Governorate.IDLIB, cause=Cause.DOUBLE_TAP)
    with translation.override("ar"):
        assert person.get_governorate_display() == "إدلب"
        assert person.get_cause_display() != "Double-tap strike"


def test_a_value_no_longer_among_the_choices_is_shown_as_stored():
    assert (
        FallenVolunteer(governorate="atlantis").get_governorate_display() == "atlantis"
    )


@pytest.mark.django_db
def test_an_address_the_person_page_could_not_serve_is_refused_in_the_admin():
    from django.core.exceptions import ValidationError

    from tests.memorial.factories import FallenVolunteerFactory

    person = FallenVolunteerFactory.build(slug="khaled_omar")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "slug" in error.value.message_dict
    person.slug = "khaled-omar"
    person.full_clean()
