"""Session-state keys and sentinels of the 督办 page."""

TASK = "sv-task"  # the task whose record is shown
TABLE = "sv-table"  # the task table's selection
TABLE_IDS = "sv-table-ids"  # the task ids of the table's rows, in order
FLASH = "sv-flash"  # a message to toast after the rerun a save causes
ANY = "__any__"  # "all" in the lead-unit and light filters
