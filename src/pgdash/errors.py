"""The one error type users see: a single line naming the file or value and the fix."""


class PgdashError(Exception):
    """A problem with the input or the data, explained in one line for the user."""
