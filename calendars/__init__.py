"""Dates only: bank holidays, High Demand Days, financial years, working days, clock times.

This package knows dates and London clock times and nothing about rosters; the
scheduler builds on it.
"""

from calendars._dates import FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR
from calendars.bank_holidays import bank_holidays, is_bank_holiday
from calendars.clock import (
    LONDON,
    clock_change,
    clock_minutes,
    clocks_go_forward,
    london_today,
    tour_hours,
    tour_interval,
)
from calendars.clock_text import CLOCK_FORMS, fraction_problem, read_clock, twelve_as_24_hour
from calendars.day_text import (
    NOT_A_DATE,
    TWO_DIGIT_YEAR,
    day_as_iso,
    day_first_as_iso,
    day_problem,
    month_first,
    month_first_problem,
    read_day,
    typed_day_as_text,
)
from calendars.financial_year import (
    FinancialYear,
    financial_year_of,
    financial_years_between,
    parse_financial_year,
)
from calendars.high_demand import (
    DEFAULT_AID_TOUR,
    HighDemandCalendar,
    HighDemandDay,
    aid_tour_problem,
    high_demand_days,
)
from calendars.ics_import import read_hdd_ics
from calendars.working_days import (
    HddYearCheck,
    annual_leave_days,
    check_hdd_allowance,
    effective_working_days,
    hdd_allowance,
    rest_days,
)

__all__ = [
    "CLOCK_FORMS",
    "DEFAULT_AID_TOUR",
    "FIRST_CALENDAR_YEAR",
    "LAST_CALENDAR_YEAR",
    "LONDON",
    "NOT_A_DATE",
    "TWO_DIGIT_YEAR",
    "FinancialYear",
    "HddYearCheck",
    "HighDemandCalendar",
    "HighDemandDay",
    "aid_tour_problem",
    "annual_leave_days",
    "bank_holidays",
    "check_hdd_allowance",
    "clock_change",
    "clock_minutes",
    "clocks_go_forward",
    "day_as_iso",
    "day_first_as_iso",
    "day_problem",
    "effective_working_days",
    "financial_year_of",
    "financial_years_between",
    "fraction_problem",
    "hdd_allowance",
    "high_demand_days",
    "is_bank_holiday",
    "london_today",
    "month_first",
    "month_first_problem",
    "parse_financial_year",
    "read_clock",
    "read_day",
    "read_hdd_ics",
    "rest_days",
    "tour_hours",
    "tour_interval",
    "twelve_as_24_hour",
    "typed_day_as_text",
]
