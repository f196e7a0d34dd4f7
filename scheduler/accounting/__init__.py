"""The council's accounting: what each contract bought, what it received and what it is
owed, over any period (delivery, periods, actuals), and the Monte Carlo of abstraction
risk (sweep). Reads roster tables and the store's entries; writes nothing."""
