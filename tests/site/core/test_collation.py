"""Names are sorted as a Czech dictionary sorts them, whatever the database's collation."""

import pytest

from radnice.core.collation import czech_initial, czech_sort_key


def czech_sorted(words):
    return sorted(words, key=czech_sort_key)


def test_c_with_caron_is_a_letter_after_c():
    assert czech_sorted(["Čermák", "Cibulka", "Dvořák"]) == ["Cibulka", "Čermák", "Dvořák"]


def test_ch_is_a_letter_after_h():
    assert czech_sorted(["Chalupa", "Hrubý", "Cibulka", "Ivan"]) == [
        "Cibulka",
        "Hrubý",
        "Chalupa",
        "Ivan",
    ]


@pytest.mark.parametrize(
    ("before", "after"),
    [("Rybář", "Řehoř"), ("Svoboda", "Šimek"), ("Zelený", "Žák"), ("Hudec", "Chudoba")],
)
def test_letters_with_caron_follow_their_base_letter(before, after):
    assert czech_sorted([after, before]) == [before, after]
    # ...even when the base letter is followed by a later letter.
    assert czech_sort_key(before + "zzz") < czech_sort_key(after)


def test_acute_accents_only_break_ties():
    # á is not a letter of its own: "Králová" sorts between "Kral" and "Kralovec".
    assert czech_sorted(["Kralovec", "Králová", "Kralová"]) == ["Kralová", "Králová", "Kralovec"]
    assert czech_sorted(["Úlehla", "Urban", "Uher"]) == ["Uher", "Úlehla", "Urban"]
    assert czech_sorted(["Dvořák", "Dvorak"]) == ["Dvorak", "Dvořák"]


def test_a_full_list_of_surnames():
    surnames = [
        "Žák",
        "Novák",
        "Šťastná",
        "Chalupa",
        "Čermák",
        "Cibulka",
        "Řezníček",
        "Hrubý",
        "Adámek",
        "Rybář",
        "Šebestová",
        "Sýkora",
        "Ondráček",
        "Charvát",
    ]
    assert czech_sorted(surnames) == [
        "Adámek",
        "Cibulka",
        "Čermák",
        "Hrubý",
        "Chalupa",
        "Charvát",
        "Novák",
        "Ondráček",
        "Rybář",
        "Řezníček",
        "Sýkora",
        "Šebestová",
        "Šťastná",
        "Žák",
    ]


def test_shorter_name_first_and_case_breaks_the_last_tie():
    assert czech_sorted(["Novákova", "Novák", "nováková"]) == ["Novák", "Novákova", "nováková"]
    assert czech_sorted(["Nová", "nová"]) == ["nová", "Nová"]


def test_double_surnames_sort_by_their_first_part():
    assert czech_sorted(["Nováková Dvořáková", "Nováková", "Novákovský"]) == [
        "Nováková",
        "Nováková Dvořáková",
        "Novákovský",
    ]


@pytest.mark.parametrize(
    ("surname", "initial"),
    [
        ("Chalupa", "Ch"),
        ("CHALUPA", "Ch"),
        ("Čermák", "Č"),
        ("Cibulka", "C"),
        ("Řehoř", "Ř"),
        ("Šťastná", "Š"),
        ("Žák", "Ž"),
        ("Úlehla", "U"),
        ("Ďurčová", "D"),
        ("  novák", "N"),
        ("123", "#"),
        ("", "#"),
    ],
)
def test_initial_letter_of_the_czech_alphabet(surname, initial):
    assert czech_initial(surname) == initial
