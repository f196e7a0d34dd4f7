from scheduler.cli import script

script()
