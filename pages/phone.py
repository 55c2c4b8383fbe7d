"""Belgian telephone numbers, as editors type them and as phones dial them.

Google's numbering data (the ``phonenumbers`` package) decides what is a number: any format a
Belgian would write ("02 553 00 00", "02/553.00.00", "+32 2 553 00 00", "0032 …") and Belgian short
numbers such as the Vlaamse infolijn 1700.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from phonenumbers import shortnumberinfo

REGION = "BE"


def parse(text):
    """The number as ``phonenumbers`` reads it in Belgium, or None when it is not a number."""
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number) or shortnumberinfo.is_valid_short_number(number):
        return number
    return None


def is_short(number):
    return not phonenumbers.is_valid_number(number)


def validate_phone(text):
    if parse(text) is None:
        raise ValidationError(
            _("Enter a telephone number, such as 02 553 00 00, +32 2 553 00 00 or 1700."),
            code="invalid_phone",
        )


def display(text):
    """How the site writes the number: "02 553 00 00" in Belgium, "+31 20 …" for a foreign one."""
    number = parse(text)
    if number is None:
        return text
    if is_short(number) or number.country_code == 32:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def tel_url(text):
    """The tap-to-call address: "tel:+3225530000"; a short number stays short ("tel:1700").

    None when the text is not a number, so a template links nothing rather than a wrong number.
    """
    number = parse(text)
    if number is None:
        return None
    if is_short(number):
        return "tel:" + phonenumbers.national_significant_number(number)
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
