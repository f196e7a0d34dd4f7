"""Rules 'high-demand-day' and 'ring-fence'."""

from __future__ import annotations

from check_builder import AUTUMN, SPRING, found, roster, scenario, set_day

from scheduler.check import check_roster

AUT = scenario(AUTUMN)
SPR = scenario(SPRING)
A = roster(AUT)
S = roster(SPR)


def test_base_has_the_rule_hdds_on_aid() -> None:
    aid = A[A["state"] == "HDD_AID"]
    assert sorted(set(zip(aid["date"], aid["event"], strict=True))) == [
        ("2026-11-05", "Million Mask March / Bonfire Night"),
        ("2026-11-08", "Remembrance Sunday"),
    ]
    assert len(aid) == 4
    assert check_roster(AUT, A).breaches == []


def test_too_few_on_aid() -> None:
    frame = set_day(A, "T2", "2026-11-05", "DUTY", "L")
    [b] = check_roster(AUT, frame).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("", "2026-11-05", "high-demand-day")
    assert b.detail == (
        "contract TST: 1 on aid for 'Million Mask March / Bonfire Night', "
        "2 required (2 available); not on aid: T2 DUTY"
    )


def test_share_of_available_officers() -> None:
    frame = set_day(A, "T2", "2026-11-05", "DUTY", "L")
    half = scenario(AUTUMN, high_demand={"share": 0.5})  # ceil(0.5 x 2) = 1
    assert check_roster(half, frame).breaches == []
    both_off = set_day(frame, "T1", "2026-11-05", "DUTY", "L")
    assert found(check_roster(half, both_off)) == {("", "2026-11-05", "high-demand-day")}


def test_hdd_asking_for_a_number_of_officers() -> None:
    # Test Parade wants 1 officer of the contract: T2 goes, T1 rests
    frame = set_day(S, "T2", "2026-04-11", "DUTY", "E")
    [b] = check_roster(SPR, frame).breaches
    assert (b.date.isoformat(), b.rule) == ("2026-04-11", "high-demand-day")
    assert "0 on aid for 'Test Parade', 1 required (2 available)" in b.detail


def test_officer_on_leave_is_not_available() -> None:
    s = scenario(AUTUMN, leave={"T2": ["2026-11-05"]})
    frame = roster(s)
    assert frame.set_index(["officer_id", "date"])["state"]["T2", "2026-11-05"] == "LEAVE"
    assert check_roster(s, frame).breaches == []


def test_officer_sick_or_taken_elsewhere_is_not_available() -> None:
    # a logged sickness or another abstraction that day: the MPS cannot also take them
    sick = set_day(A, "T2", "2026-11-05", "SICK", event="flu", kind="sickness")
    court = set_day(A, "T2", "2026-11-05", "COURT", times=("12:00", "18:00"), event="Trial")
    for frame in (sick, court):
        assert check_roster(AUT, frame).breaches == []
    idle = set_day(A, "T2", "2026-11-05", "DUTY", "L")
    assert found(check_roster(AUT, idle)) == {("", "2026-11-05", "high-demand-day")}


def test_officer_sick_on_a_rest_day_is_not_available() -> None:
    # sickness leaves a rest day REST (kind 'sickness' on the row): sick all the same, so
    # not available for aid. The re-roster left such an officer off aid on an HDD announced
    # since publication, and the checker counted them available: the year's simulation met
    # it as 'no lawful roster' (exit 1) at every re-roster until the sickness was voided
    sick_at_rest = set_day(A, "T2", "2026-11-05", "REST", event="flu", kind="sickness")
    assert check_roster(AUT, sick_at_rest).breaches == []
    at_rest = set_day(A, "T2", "2026-11-05", "REST")  # not sick: should be on aid
    assert found(check_roster(AUT, at_rest)) == {("", "2026-11-05", "high-demand-day")}


def test_officer_on_logged_leave_is_not_available() -> None:
    # leave from the entry log carries kind 'leave': LEAVE, or PUBLIC_HOLIDAY when the HDD
    # is a bank holiday (Notting Hill Carnival's Monday)
    for state in ("LEAVE", "PUBLIC_HOLIDAY"):
        frame = set_day(A, "T2", "2026-11-05", state, event="annual leave", kind="leave")
        assert "high-demand-day" not in {b.rule for b in check_roster(AUT, frame).breaches}
    off = set_day(A, "T2", "2026-11-05", "PUBLIC_HOLIDAY")  # not leave: should be on aid
    assert ("", "2026-11-05", "high-demand-day") in found(check_roster(AUT, off))


def test_aid_row_must_name_the_hdd() -> None:
    frame = set_day(
        A, "T1", "2026-11-05", "HDD_AID", "AID", times=("15:00", "01:00"), event="Bonfire"
    )
    [b] = check_roster(AUT, frame).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-11-05", "high-demand-day")
    assert "event 'Bonfire', not the HDD's 'Million Mask March / Bonfire Night'" in b.detail


def test_aid_row_must_work_the_hdds_tour() -> None:
    frame = set_day(
        A,
        "T1",
        "2026-11-08",
        "HDD_AID",
        "AID",
        times=("08:00", "17:00"),
        event="Remembrance Sunday",
    )
    [b] = check_roster(AUT, frame).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-11-08", "high-demand-day")
    assert "aid tour 08:00-17:00, not the HDD's 07:00-17:00" in b.detail


def test_aid_on_an_ordinary_day_must_be_a_logged_abstraction() -> None:
    frame = set_day(
        A, "T1", "2026-10-28", "HDD_AID", "AID", times=("07:00", "15:00"), event="Protest"
    )
    assert found(check_roster(AUT, frame)) == {("T1", "2026-10-28", "high-demand-day")}
    logged = frame.assign(kind="")
    logged.loc[(logged["officer_id"] == "T1") & (logged["date"] == "2026-10-28"), "kind"] = (
        "hdd_aid"
    )
    assert check_roster(AUT, logged).breaches == []


def test_aid_on_a_bank_holiday_that_is_not_an_hdd() -> None:
    frame = set_day(S, "T1", "2026-04-03", "HDD_AID", "AID", times=("08:00", "18:00"))
    assert found(check_roster(SPR, frame)) == {("T1", "2026-04-03", "high-demand-day")}


def test_duty_on_an_unknown_shift() -> None:
    frame = set_day(A, "T1", "2026-10-28", "DUTY", "Z", times=("07:00", "15:00"))
    [b] = check_roster(AUT, frame).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-10-28", "ring-fence")
    assert b.detail == "shift 'Z' is not a scenario tour (D, E, L, N, X)"


def test_duty_off_its_shift_times() -> None:
    frame = set_day(A, "T1", "2026-10-28", "DUTY", "E", times=("07:30", "15:30"))
    [b] = check_roster(AUT, frame).breaches
    assert (b.officer_id, b.rule) == ("T1", "ring-fence")
    assert b.detail == "tour 07:30-15:30 is not shift E 07:00-15:00"


def test_duty_for_another_contract_breaks_the_ring_fence() -> None:
    frame = set_day(A, "T1", "2026-10-28", "DUTY", "E", contract_id="BCU-EA")
    [b] = check_roster(AUT, frame).breaches  # the ring-fence's, not also the schema's
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-10-28", "ring-fence")
    assert "DUTY for contract 'BCU-EA', but the officer is ring-fenced to 'TST'" in b.detail


def test_abstractions_are_not_held_to_the_shifts() -> None:
    frame = set_day(A, "T1", "2026-10-28", "ABSTRACTED", "", times=("09:00", "17:00"))
    assert check_roster(AUT, frame).breaches == []
