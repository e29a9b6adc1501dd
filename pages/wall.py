"""驾驶舱大屏 The wall screen: the district on one 16:9 screen, no sidebar, no scrolling."""

from pgdash.app.pages.wall import render

render()
