"""Contacts as a data file writes them: phone numbers become RFC 3966 `tel:` URIs (checked
against a grammar written from the RFC's ABNF, helpers.TEL_URI), and what cannot be a
number is refused."""

from __future__ import annotations

import pytest

from erreichbar.data.contacts import phone_uri
from helpers import assert_tel_uri


@pytest.mark.parametrize(("written", "uri"), [
    ("069 8065-3584", "tel:+496980653584"),
    ("069 8065-2686", "tel:+496980652686"),
    ("+49 69 8065-3584", "tel:+496980653584"),
    ("0049 69 8065 3584", "tel:+496980653584"),
    ("069/8065-3584", "tel:+496980653584"),
    # the public service number, dialled as it is anywhere in Germany: a local number,
    # which RFC 3966 (section 5.1.5) requires to name its context, the country's +49
    ("115", "tel:115;phone-context=+49"),
    ("116 117", "tel:116117;phone-context=+49"),
])
def test_phone_numbers_become_tel_uris(written, uri):
    assert phone_uri(written) == uri
    assert_tel_uri(phone_uri(written))


def test_the_grammar_of_tel_uris_holds_the_rfcs_own_examples():
    """The regular expression of RFC 3966's ABNF (helpers.TEL_URI) against the examples of
    its section 6, and what the grammar refuses: a local number without a context, spaces,
    a global number without digits."""
    for uri in ("tel:+1-201-555-0123", "tel:7042;phone-context=example.com",
                "tel:863-1234;phone-context=+1-914-555", "tel:+49-69-8065-3584"):
        assert_tel_uri(uri)
    for uri in ("tel:115", "tel:+49 69 8065", "tel:+", "tel:115;phone-context=",
                "tel:++4969", "tel:+49(0)69;phone-context=+49"):
        with pytest.raises(AssertionError):
            assert_tel_uri(uri)


@pytest.mark.parametrize("written", ["12", "069 8065-3584 oder -2686", "tel 115", "++49 69"])
def test_what_cannot_be_a_phone_number(written):
    assert phone_uri(written) is None
