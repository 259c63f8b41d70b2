"""Follow-up: the calendar of terms and where each target stands on a day.

`calendar` cuts a period into terms, `judge` weighs records against a
target, `standing` assesses every activity, `period` opens a period with the
files it refers to, and `describe` says a standing in one line.
"""
