"""Writing: putting records into files without disturbing a byte people wrote.

`record_input` and `record_target` turn a request into a record and find its
activity; `splice` and `recordtext` place it at the parser's marks in the
file's own style; `verify` proves the result is a pure addition that still
validates; `atomic` replaces the file whole or not at all.
"""
