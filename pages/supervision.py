"""督办 The supervision ledger: lights, red and overdue tasks, records, history, Excel."""

from pgdash.app.supervision import render

render()
