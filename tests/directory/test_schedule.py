from datetime import datetime, timezone

from directory_client.schedule import rules_from_hsds, status

UTC = timezone.utc
WEEKDAYS = [{"id": "s", "freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"}]


def test_open_now_is_read_in_the_locations_time_zone():
    rules = rules_from_hsds(WEEKDAYS)
    # Tuesday 2025-01-14 14:30 UTC is 09:30 in Detroit (EST) but 06:30 in San Mateo (PST).
    now = datetime(2025, 1, 14, 14, 30, tzinfo=UTC)
    detroit = status(rules, "America/Detroit", now)
    assert (detroit.open_now, detroit.closes_at, detroit.hours_today) == (True, "17:00", "09:00-17:00")
    san_mateo = status(rules, "America/Los_Angeles", now)
    assert san_mateo.open_now is False
    assert san_mateo.opens_next == "2025-01-14T09:00-08:00"


def test_daylight_saving_time_moves_the_opening_in_utc():
    rules = rules_from_hsds(WEEKDAYS)
    # 13:30 UTC is 08:30 EST in January (closed) but 09:30 EDT in July (open).
    assert status(rules, "America/Detroit", datetime(2025, 1, 14, 13, 30, tzinfo=UTC)).open_now is False
    assert status(rules, "America/Detroit", datetime(2025, 7, 15, 13, 30, tzinfo=UTC)).open_now is True


def test_closed_on_friday_evening_opens_monday():
    st = status(rules_from_hsds(WEEKDAYS), "Europe/Madrid", datetime(2025, 3, 7, 19, 0, tzinfo=UTC))
    assert (st.open_now, st.opens_next) == (False, "2025-03-10T09:00+01:00")


def test_overnight_shelter_hours_run_past_midnight():
    rules = rules_from_hsds([{"id": "s", "byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "19:00", "closes_at": "07:00"}])
    at_2am = status(rules, "America/Toronto", datetime(2025, 2, 4, 7, 0, tzinfo=UTC))  # 02:00 Toronto
    assert (at_2am.open_now, at_2am.closes_at) == (True, "07:00")
    assert status(rules, "America/Toronto", datetime(2025, 2, 4, 17, 0, tzinfo=UTC)).open_now is False  # noon


def test_round_the_clock_has_no_closing_time():
    rules = rules_from_hsds([{"id": "s", "byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "00:00", "closes_at": "00:00"}])
    st = status(rules, None, datetime(2025, 2, 4, 3, 0, tzinfo=UTC))
    assert (st.open_now, st.closes_at, st.hours_today) == (True, None, "24h")


def test_monthly_rules_and_validity_dates():
    first_monday = rules_from_hsds([{"id": "s", "freq": "MONTHLY", "byday": "1MO", "opens_at": "10:00", "closes_at": "12:00"}])
    assert status(first_monday, "UTC", datetime(2025, 3, 3, 11, 0, tzinfo=UTC)).open_now is True  # 1st Monday
    assert status(first_monday, "UTC", datetime(2025, 3, 10, 11, 0, tzinfo=UTC)).open_now is False  # 2nd Monday
    expired = rules_from_hsds([{**WEEKDAYS[0], "valid_to": "2024-12-31"}])
    st = status(expired, "UTC", datetime(2025, 1, 14, 10, 0, tzinfo=UTC))
    assert (st.open_now, st.hours_today, st.opens_next) == (False, "closed today", None)


def test_no_hours_means_unknown():
    assert status(rules_from_hsds([{"id": "s", "description": "Call for hours"}]), "UTC",
                  datetime(2025, 1, 1, tzinfo=UTC)).open_now is None
