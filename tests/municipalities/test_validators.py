import pytest
from django.core.exceptions import ValidationError

from municipalities.validators import is_valid_ico, validate_data_box, validate_ico


@pytest.mark.parametrize("ico", ["00064581", "44992785", "00991236", "25596641"])
def test_real_and_demo_icos_are_valid(ico):
    assert is_valid_ico(ico)
    validate_ico(ico)


@pytest.mark.parametrize("ico", ["00064582", "1234567", "123456789", "0006458a", ""])
def test_invalid_ico_is_refused_with_czech_message(ico):
    with pytest.raises(ValidationError) as error:
        validate_ico(ico)
    assert "IČO" in error.value.messages[0]


def test_checksum_message_names_the_expected_digit():
    with pytest.raises(ValidationError) as error:
        validate_ico("00064582")
    assert "má být 1" in error.value.messages[0]


@pytest.mark.parametrize("value", ["abc2def", "p99abcd"])
def test_data_box_accepts_seven_lowercase_characters(value):
    validate_data_box(value)


@pytest.mark.parametrize("value", ["ABC2DEF", "abc2de", "abc-def", "abc2defg"])
def test_data_box_refuses_other_forms(value):
    with pytest.raises(ValidationError):
        validate_data_box(value)
