from django.utils import translation

from helisa.cooperation.reasons import _together


def test_a_source_with_no_wording_of_its_own_is_named_as_other_cooperations():
    with translation.override("en"):
        assert _together({"projects": 2, "practices": 3}) == "2 projects and 3 other cooperations"
        assert _together({"practices": 1}) == "1 other cooperation"


def test_the_wording_follows_the_reader_language():
    with translation.override("pl"):
        assert _together({"practices": 3}) == "3 inne współprace"
        assert _together({"practices": 5}) == "5 innych współprac"
