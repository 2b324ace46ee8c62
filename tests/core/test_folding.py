from hypothesis import given
from hypothesis import strategies as st

from helisa.core.folding import fold


def test_polish_letters_fold_to_ascii():
    assert fold("Łódź") == "lodz"
    assert fold("ZAŻÓŁĆ gęślą jaźń") == "zazolc gesla jazn"


def test_cyrillic_and_common_latin_spelling_meet():
    assert fold("София") == fold("Sofia") == fold("Sofiya") == "sofia"


def test_legal_form_punctuation_becomes_spaces():
    assert fold("Hydrogen Sp. z o.o.") == "hidrogen sp z o o"


@given(st.text())
def test_folding_is_idempotent_and_ascii(text):
    once = fold(text)
    assert fold(once) == once
    assert once.isascii()
