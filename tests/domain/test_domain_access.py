"""The access rule alone (SPEC §2), before the services: every role and relation to a dossier,
every level and action, the edges of a covering period, a disabled account, notes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from anaiss_desktop.domain.access import (
    Action,
    Cover,
    DossierFacts,
    Level,
    NoteFacts,
    can_designate_cover,
    can_read_access_log,
    dossier_access,
    note_access,
    who_has_access,
)
from anaiss_desktop.domain.accounts import Account, Role
from anaiss_desktop.domain.records import NoteVisibility

TODAY = date(2026, 11, 2)
START, END = date(2026, 11, 2), date(2026, 11, 13)


def account(id_: int, role: Role, social_worker: bool = False, disabled: bool = False) -> Account:
    return Account(id_, f"compte{id_}", f"Compte {id_}", role, social_worker, disabled, False,
                   "2026-11-01T08:00:00+00:00")


REFERENT = account(1, Role.ASSISTANT)
COLLEAGUE = account(2, Role.ASSISTANT)  # covers when a designation names them
MANAGER_SW = account(3, Role.MANAGER, social_worker=True)
MANAGER = account(4, Role.MANAGER)
SECRETARY = account(5, Role.SECRETARY)
OTHER = account(6, Role.ASSISTANT)

ON_DOSSIER = Cover(1, COLLEAGUE.id, START, END, dossier_id=10)
ABSENCE = Cover(2, COLLEAGUE.id, START, END, referent_id=REFERENT.id)

ALL = "RWD"  # read, write, delete
NONE = ""
R = "R"
LETTERS = {Action.READ: "R", Action.WRITE: "W", Action.DELETE: "D"}

# (who, covers, {level: actions allowed}) — the whole matrix of SPEC §2 and issue 4.
MATRIX = [
    ("referent", REFERENT, (), {Level.IDENTITY: ALL, Level.AGENDA: ALL, Level.FOLLOW_UP: ALL,
                                Level.SECRET: ALL}),
    ("covering (dossier)", COLLEAGUE, (ON_DOSSIER,),
     {Level.IDENTITY: ALL, Level.AGENDA: ALL, Level.FOLLOW_UP: ALL, Level.SECRET: ALL}),
    ("covering (absence)", COLLEAGUE, (ABSENCE,),
     {Level.IDENTITY: ALL, Level.AGENDA: ALL, Level.FOLLOW_UP: ALL, Level.SECRET: ALL}),
    ("colleague, no cover", COLLEAGUE, (),
     {Level.IDENTITY: R, Level.AGENDA: NONE, Level.FOLLOW_UP: NONE, Level.SECRET: NONE}),
    ("manager social worker", MANAGER_SW, (),
     {Level.IDENTITY: ALL, Level.AGENDA: ALL, Level.FOLLOW_UP: ALL, Level.SECRET: ALL}),
    ("manager", MANAGER, (),
     {Level.IDENTITY: R, Level.AGENDA: NONE, Level.FOLLOW_UP: NONE, Level.SECRET: NONE}),
    ("secretary", SECRETARY, (),
     {Level.IDENTITY: R, Level.AGENDA: ALL, Level.FOLLOW_UP: NONE, Level.SECRET: NONE}),
    ("secretary named as cover", SECRETARY, (replace(ON_DOSSIER, colleague_id=SECRETARY.id),),
     {Level.IDENTITY: R, Level.AGENDA: ALL, Level.FOLLOW_UP: NONE, Level.SECRET: NONE}),
    ("other assistant", OTHER, (ON_DOSSIER,),
     {Level.IDENTITY: R, Level.AGENDA: NONE, Level.FOLLOW_UP: NONE, Level.SECRET: NONE}),
    ("disabled referent", replace(REFERENT, disabled=True), (),
     {Level.IDENTITY: NONE, Level.AGENDA: NONE, Level.FOLLOW_UP: NONE, Level.SECRET: NONE}),
    ("disabled covering colleague", replace(COLLEAGUE, disabled=True), (ABSENCE,),
     {Level.IDENTITY: NONE, Level.AGENDA: NONE, Level.FOLLOW_UP: NONE, Level.SECRET: NONE}),
]


@pytest.mark.parametrize(("who", "acc", "covers", "expected"), MATRIX,
                         ids=[row[0] for row in MATRIX])
@pytest.mark.parametrize("level", list(Level))
@pytest.mark.parametrize("action", list(Action))
def test_the_matrix(who, acc, covers, expected, level, action):
    facts = DossierFacts(REFERENT.id, covers)
    decision = dossier_access(acc, facts, level, action, TODAY)
    assert decision.allowed is (LETTERS[action] in expected[level]), (who, decision.reason)
    assert decision.reason  # always a French reason, allowed or not


@pytest.mark.parametrize("cover", [ON_DOSSIER, ABSENCE], ids=["dossier", "absence"])
@pytest.mark.parametrize(("day", "allowed"), [
    (START - timedelta(days=1), False),
    (START, True),
    (END, True),
    (END + timedelta(days=1), False),
])
def test_a_cover_counts_from_its_first_to_its_last_day_included(cover, day, allowed):
    facts = DossierFacts(REFERENT.id, (cover,))
    for level in (Level.AGENDA, Level.FOLLOW_UP, Level.SECRET):
        assert dossier_access(COLLEAGUE, facts, level, Action.READ, day).allowed is allowed


def test_the_refusal_says_when_the_cover_starts_or_ended():
    facts = DossierFacts(REFERENT.id, (ABSENCE,))
    before = dossier_access(COLLEAGUE, facts, Level.FOLLOW_UP, Action.READ, START - timedelta(1))
    after = dossier_access(COLLEAGUE, facts, Level.FOLLOW_UP, Action.READ, END + timedelta(1))
    assert "ne commence que le 02/11/2026" in before.reason
    assert "a pris fin le 13/11/2026" in after.reason
    during = dossier_access(COLLEAGUE, facts, Level.FOLLOW_UP, Action.READ, TODAY)
    assert during.reason == "suppléant(e) jusqu'au 13/11/2026"


def test_a_withdrawn_or_open_ended_cover():
    withdrawn = DossierFacts(REFERENT.id, (replace(ON_DOSSIER, withdrawn=True),))
    assert not dossier_access(COLLEAGUE, withdrawn, Level.FOLLOW_UP, Action.READ, TODAY).allowed
    open_ended = DossierFacts(REFERENT.id, (replace(ON_DOSSIER, ends_on=None),))
    far = date(2030, 1, 1)
    assert dossier_access(COLLEAGUE, open_ended, Level.FOLLOW_UP, Action.READ, far).allowed


def test_a_cover_on_another_referent_does_not_apply():
    # The rule is given the covers that apply to the dossier; applies_to is how they are chosen.
    assert ON_DOSSIER.applies_to(10, REFERENT.id) and not ON_DOSSIER.applies_to(11, REFERENT.id)
    assert ABSENCE.applies_to(11, REFERENT.id) and not ABSENCE.applies_to(11, OTHER.id)


# -- notes ------------------------------------------------------------------------------------
DOSSIER_NOTE = NoteFacts(REFERENT.id, NoteVisibility.DOSSIER)
PERSONAL_NOTE = NoteFacts(REFERENT.id, NoteVisibility.PERSONAL)
SHARED_NOTE = NoteFacts(REFERENT.id, NoteVisibility.PERSONAL, frozenset({OTHER.id, SECRETARY.id}))


@pytest.mark.parametrize(("acc", "note", "allowed"), [
    (REFERENT, PERSONAL_NOTE, True),
    (COLLEAGUE, DOSSIER_NOTE, True),  # covering
    (COLLEAGUE, PERSONAL_NOTE, False),  # covering does not open personal notes
    (MANAGER_SW, DOSSIER_NOTE, True),
    (MANAGER_SW, PERSONAL_NOTE, False),
    (MANAGER, DOSSIER_NOTE, False),
    (SECRETARY, DOSSIER_NOTE, False),
    (SECRETARY, SHARED_NOTE, False),  # never the secretary, even if named
    (OTHER, SHARED_NOTE, True),
    (OTHER, DOSSIER_NOTE, False),
    (replace(REFERENT, disabled=True), PERSONAL_NOTE, False),
])
def test_who_reads_a_note(acc, note, allowed):
    facts = DossierFacts(REFERENT.id, (ABSENCE,))
    assert note_access(acc, facts, note, Action.READ, TODAY).allowed is allowed


def test_only_the_author_changes_a_note():
    facts = DossierFacts(REFERENT.id, (ABSENCE,))
    for acc in (COLLEAGUE, MANAGER_SW, OTHER):
        assert not note_access(acc, facts, SHARED_NOTE, Action.WRITE, TODAY).allowed
    assert note_access(REFERENT, facts, SHARED_NOTE, Action.WRITE, TODAY).allowed


# -- the panel and the other rules --------------------------------------------------------------
def test_the_panel_lists_exactly_whom_the_rule_lets_read():
    accounts = [REFERENT, COLLEAGUE, MANAGER_SW, MANAGER, SECRETARY, OTHER]
    for covers in ((), (ABSENCE,), (ON_DOSSIER,)):
        facts = DossierFacts(REFERENT.id, covers)
        lines = who_has_access(accounts, facts, TODAY)
        for level in Level:
            shown = {line.account.id for line in lines if line.level is level}
            allowed = {a.id for a in accounts
                       if dossier_access(a, facts, level, Action.READ, TODAY).allowed}
            assert shown == allowed
    lines = who_has_access(accounts, DossierFacts(REFERENT.id, (ABSENCE,)), TODAY)
    secret = {line.account.id: line.reason for line in lines if line.level is Level.SECRET}
    assert secret == {REFERENT.id: "référent(e) du dossier",
                      COLLEAGUE.id: "suppléant(e) jusqu'au 13/11/2026",
                      MANAGER_SW.id: "responsable d'unité, travailleur social"}


def test_the_access_log_and_designations():
    facts = DossierFacts(REFERENT.id, (ABSENCE,))
    assert [a.id for a in (REFERENT, COLLEAGUE, MANAGER_SW, MANAGER, SECRETARY)
            if can_read_access_log(a, facts)] == [REFERENT.id, MANAGER_SW.id]
    assert can_designate_cover(REFERENT, REFERENT.id)
    assert can_designate_cover(MANAGER, REFERENT.id)  # an organisational act: any manager
    assert not can_designate_cover(COLLEAGUE, REFERENT.id)
    assert not can_designate_cover(SECRETARY, REFERENT.id)
