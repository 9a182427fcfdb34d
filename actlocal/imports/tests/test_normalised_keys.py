from actlocal.imports.normalise import email_key, first_name_key, name_key, phone_key, street_key, zip_key


def test_phones_become_e164_whatever_their_format():
    for raw in ["(608) 555-0101", "608.555.0101", "1-608-555-0101", "+1 608 555 0101", "6085550101 x12"]:
        assert phone_key(raw) == "+16085550101"
    assert phone_key("+44 20 7946 0958") == "+442079460958"
    assert phone_key("555-01") == "" and phone_key("not a phone") == ""


def test_emails_ignore_case_and_gmail_dots_and_tags():
    assert email_key(" Ana.Ruiz+news@GMail.com ") == "anaruiz@gmail.com"
    assert email_key("Ana.Ruiz@Example.org") == "ana.ruiz@example.org"
    assert email_key("not-an-address") == ""


def test_names_fold_case_accents_and_nicknames():
    assert first_name_key("Peggy") == first_name_key("MARGARET") == "margaret"
    assert first_name_key("Bill") == "william"
    assert name_key("Núñez") == name_key("NUNEZ") == "nunez"
    assert name_key("O'Brien-Smith") == "obriensmith"


def test_zip_and_street():
    assert zip_key("53703-1234") == "53703"
    assert zip_key("2134") == "02134"
    assert zip_key("ABCDE") == ""
    assert street_key("12 North Main Street.") == street_key("12 N. MAIN ST") == "12 n main st"
