"""Rules: what `lofte validate` and `lofte check` find in loaded documents.

`core` holds the cross-file rules every file must pass, `codes` the LT codes
of `check`, and `tracking`, `freshness` and `records` the rules behind them.
`bulk` runs the loader and the rules over many files at once.
"""
