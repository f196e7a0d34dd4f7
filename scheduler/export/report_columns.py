"""What each column of the delivery report is called for a reader, and what it means.

The CSV files keep the machine names (councils' spreadsheets read them); the workbook and
the page show ``HEADERS``; the workbook's Definitions sheet, the page and the README say
what each figure means from ``MEANINGS``. A test holds the README to these names.
"""

from __future__ import annotations

HEADERS: dict[str, str] = {
    "contract_id": "Contract",
    "council": "Council",
    "scheme": "Scheme",
    "period": "Period",
    "period_start": "From",
    "period_end": "To",
    "posts": "Posts bought",
    "filled_post_days": "Filled post-days",
    "vacant_post_days": "Vacant post-days",
    "contracted_days": "Contracted officer-days",
    "delivered_days": "Delivered officer-days",
    "delivery_pct": "Delivered (% of contracted)",
    "hdd_days": "HDD aid (officer-days)",
    "hdd_allowance": "HDD allowance of the year (officer-days)",
    "hdd_excess_days": "HDD beyond the allowance (officer-days)",
    "emergency_aid_days": "Emergency aid (officer-days)",
    "penalised_days": "Penalised abstractions (officer-days)",
    "other_absence_days": "Other absence (officer-days)",
    "gross_charge_gbp": "Annual charges, pro rata (£)",
    "match_funding_gbp": "MPS match funding (£)",
    "charge_gbp": "Charge to the council (£)",
    "penalty_gbp": "Penalty due to the council (£)",
    "net_cost_gbp": "Net cost to the council (£)",
    "cost_per_delivered_day_gbp": "Net cost per delivered officer-day (£)",
    "note": "Notes",
    "hdd_allowance_year": "Allowance year",
    "hdd_days_year_to_date": "HDD aid in the allowance year to date (officer-days)",
    "unrecorded_days": "Officer-days with no record",
    "abstraction_penalty_gbp": "Penalty for abstractions (£)",
    "hdd_penalty_gbp": "Penalty for HDD aid beyond the allowance (£)",
    "vacancy_penalty_gbp": "Penalty for vacant posts (£)",
    "annual_gross_charge_gbp": "Annual charge of the posts bought (£)",
    "match_funding_share": "MPS share of the charge",
    "hdd_days_cumulative": "HDD aid so far in this report (officer-days)",
    "hdd_allowance_at_end": "HDD allowance of the year at the month's end (officer-days)",
    # penalties.csv
    "date": "Date",
    "last_date": "To",
    "officer_id": "Officer",
    "rank": "Rank",
    "kind": "Kind",
    "reason": "Reason",
    "entry_id": "Log entry",
    "days": "Officer-days",
    "day_rate_gbp": "Day rate (£)",
    "annual_charge_gbp": "Council's annual charge of the post (£)",
    "working_days": "Working days of the post's year",
    # unrecorded.csv
    "first_date": "From",
    "unrecorded_last_date": "To",
}

MEANINGS: dict[str, str] = {
    "posts": "posts the council buys on the last day of the period (variations followed)",
    "filled_post_days": "days each post was held by an officer in post",
    "vacant_post_days": (
        "days a post the council bought was held by nobody; each is penalised as the "
        "working days it stands for (the year's working days ÷ its days, 226/365 in "
        "FY2026), so a vacancy refunds what the empty post was charged"
    ),
    "contracted_days": (
        "officer-days the council buys: each post's share of a year's effective working "
        "days (days less 2 rest days a week, bank holidays and the holder's annual leave, "
        "25 days for a vacant post); a whole financial year of one post with 25 days' leave "
        "is 226 in FY2026; or the contract's contracted days per post a whole year"
    ),
    "delivered_days": "officer-days on council tasking (state DUTY)",
    "delivery_pct": "delivered ÷ contracted officer-days",
    "hdd_days": (
        "officer-days on High Demand Day aid in the period (never penalised within the "
        "allowance; aid on a bank holiday the contract does not buy is not among them)"
    ),
    "hdd_allowance": (
        "HDD aid officer-days the MPS may use without penalty in the allowance year (5% "
        "of the year's contracted days unless the contract sets a number per post); a "
        "month or part year shows the whole year's allowance, not a share of it"
    ),
    "hdd_allowance_year": "the year the allowance belongs to: the financial year, or the contract year when the contract says so",
    "hdd_days_year_to_date": "HDD aid officer-days from the start of the allowance year to the end of the period",
    "hdd_excess_days": (
        "HDD aid officer-days beyond the year's allowance, in the month they happen; on the "
        "day the allowance runs out, the days beyond it are shared by the officers on aid"
    ),
    "emergency_aid_days": "officer-days on emergency aid (never penalised, PCD 555 §4.2)",
    "penalised_days": (
        "officer-days abstracted for a kind the contract penalises (operational by default), "
        "bank holidays the contract does not buy aside"
    ),
    "other_absence_days": (
        "sickness, court, training and other abstractions the contract does not penalise "
        "(one on a bank holiday it does not buy among them, HDD aid too)"
    ),
    "unrecorded_days": "officer-days an officer served with no row in the source (a duty record with gaps)",
    "gross_charge_gbp": "the annual charges of the posts bought, pro rata by days",
    "match_funding_gbp": (
        "the MPS's share of the charge (half under Met Patrol Plus, or the contract's "
        "match funding share)"
    ),
    "charge_gbp": "what the council pays: annual charges less match funding",
    "penalty_gbp": (
        "what the MPS owes back: day rate × (penalised abstraction days + HDD days beyond "
        "the allowance + vacant post-days); every one is listed in penalties.csv"
    ),
    "abstraction_penalty_gbp": "the part of the penalty for penalised abstractions",
    "hdd_penalty_gbp": "the part of the penalty for HDD aid beyond the allowance",
    "vacancy_penalty_gbp": "the part of the penalty for vacant posts",
    "annual_gross_charge_gbp": (
        "the annual charge of every post bought on the period's last day, before the MPS's "
        "share: a month's gross charge is it × the month's days ÷ the year's (365 or 366)"
    ),
    "match_funding_share": (
        "the MPS's share of the gross charge (0.5 under Met Patrol Plus, 0 under "
        "Partnership Plus, or the contract's match funding share): the council's charge "
        "is the gross × (1 − it)"
    ),
    "net_cost_gbp": "charge less penalty",
    "cost_per_delivered_day_gbp": "net cost ÷ delivered officer-days",
    "day_rate_gbp": (
        "the council's share of the post's annual charge (half under Met Patrol Plus, or "
        "what the contract's match funding share leaves it) ÷ its effective working days "
        "in the whole financial year (or ÷ the contract's contracted days per post), shown "
        "to the penny, used exactly"
    ),
    "hdd_days_cumulative": "HDD aid officer-days from the first month of this report",
    "annual_charge_gbp": (
        "the council's share of the post's annual charge for the year (all of it, half "
        "under Met Patrol Plus, or what the contract's match funding share leaves it), "
        "to every place it has: the day rate is it ÷ the working days"
    ),
    "working_days": (
        "the post's working days in the whole financial year (its holder's leave, 25 days "
        "for a vacant post), or the contract's contracted days per post"
    ),
}

RULES: tuple[tuple[str, str], ...] = (
    (
        "Rounding",
        "Money is worked out exactly and rounded to the penny (officer-days to the "
        "hundredth), half up. Charges, contracted days and vacancy refunds, which the "
        "agreement fixes whatever the duty record says, are rounded on each financial "
        "year's running total: a month's figure is the year-to-date total at its end, "
        "rounded, less the year-to-date total at the end of the month before, rounded, so "
        "a whole financial year's charge is its exact total rounded once. The year to date "
        "starts on 1 April (or the agreement's first day) whatever day the data starts. "
        "Penalties for abstractions and HDD days beyond the allowance, which come from each "
        "month's duty record, are rounded month by month: a month's is its own exact total "
        "rounded once, so it is the same from that month's duty record alone as within the "
        "year's report, and a longer period's is the sum of its months' (which may differ "
        "by a few pence from its exact total rounded once). Either way the months add up "
        "exactly to the period, and a month has the same figures in every report. Each "
        "itemised penalty is rounded in date order on its month's running total (a vacancy "
        "refund on the year's), so penalties.csv adds up to the penalty to the penny; its "
        "officer-days, shown to 4 places, are rounded so too, so they add up as well (three "
        "officers sharing 2 days beyond the HDD allowance: 0.6667, 0.6667, 0.6666).",
    ),
    (
        "Voided entries",
        "The money follows the entry log: an abstraction voided is never penalised, even "
        "before the next re-roster gives its days back. Until then a day it took without "
        "times of its own counts as the tour it kept (delivered), one with its own times "
        "as other absence; the report's note counts such days.",
    ),
    (
        "Charges",
        "A post's annual charge is the contract's for the financial year: with an uplift, "
        "the year before's times 1 + uplift, rounded to the penny (a variation's or an "
        "agreed year's charge raised so in the years after its own). The council's charge "
        "(all of it, half under Met Patrol Plus, or what the contract's match funding share "
        "leaves it) is rounded as above and the MPS's match funding is the gross charge "
        "less it, so a post vacant all month refunds exactly what the council was charged "
        "for it.",
    ),
    (
        "Periods",
        "A month (2026-08), a quarter of the financial year (FY2026 Q1: April to June 2026; "
        "its months add up to it, and its quarters to the year), a financial year (FY2026: "
        "1 April 2026 to 31 March 2027), a contract year (Y1, Y2, Y3 from the contract's start) or the term, each cut to the "
        "agreement and to the days the data covers. A period across two HDD allowance years "
        "(a month a contract year ends in, too) names both and adds their allowances.",
    ),
    (
        "Contracts that change",
        "Posts and charges follow each variation from its first day; after notice runs "
        "out (6 months after it is given) nothing more is charged, delivered or penalised.",
    ),
)


def days_text(value: float) -> str:
    """A penalty's officer-days as penalties.csv has them, to 4 places, at least 2 shown
    (1.00, 0.6667, 185.7534): to the hundredth, three shares of 2 days read 0.67 each."""
    text = f"{value:,.4f}"
    return text[:-2] + text[-2:].rstrip("0")


def header(column: str) -> str:
    return HEADERS.get(column, column.replace("_", " "))
