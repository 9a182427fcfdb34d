import io

from actlocal.core.csv_safe import csv_text, safe_cell, safe_writer


def test_formulas_get_an_apostrophe_and_plain_text_and_numbers_do_not():
    for evil in [
        "=cmd|' /C calc'!A0",
        "+SUM(1,2)",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1)",
        "\t=1",
        " =1",
        "\uff1d1",
    ]:
        assert safe_cell(evil) == "'" + evil
    for fine in ["Ana", "+16085550101", "-5", "-12.5", "", "a=b"]:
        assert safe_cell(fine) == fine
    assert safe_cell(None) == "" and safe_cell(-5) == "-5"


def test_the_writer_makes_every_cell_safe():
    buffer = io.StringIO()
    safe_writer(buffer).writerow(["=1+1", "ok"])
    assert buffer.getvalue() == "'=1+1,ok\r\n"
    assert csv_text([["h"], ["@x"]]) == "h\r\n'@x\r\n"
