"""Reading: bytes → plain data with positions → a validated `model` document.

The hardened YAML reader (`yamlio`, with `fastread` as its fast path and
`resolve` for scalar types), the marks the writer splices at (`marks`),
Pydantic errors placed at a line and column (`locate`), the loader and its
workspace of related files (`loader`), and the parse cache (`cache`).
"""
