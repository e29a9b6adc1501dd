"""督办 The supervision ledger: lights, red and overdue tasks, records, history, Excel."""

from pgdash.app.pages.supervision import render

render()
