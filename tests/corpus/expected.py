"""The development corpus in ``tests/corpus/`` and what a second reader found in it.

Years from ``tests/corpus/README.md``; task sections counted by hand: the （一）… lines of
each report's plan parts (龙华 2023: part 二's seven 更加注重… sections and part 三's ten; the
2026 reports: the 十五五 goals' sections, the year's tasks and the government's own
building; the State Council's: once, though the scraped text holds the report twice).
Places as the reports name them: 我代表国务院 → 国务院, 大鹏新区管理委员会 → 大鹏新区.
"""

from pathlib import Path

CORPUS = Path(__file__).parent

# file → (district, delivered, reviews, targets, plan task sections, plan parts)
REPORTS = {
    "luohu-2022.txt": ("罗湖区", 2022, 2021, 2022, 8, 1),
    "luohu-2023.txt": ("罗湖区", 2023, 2022, 2023, 10, 1),
    "luohu-2024.txt": ("罗湖区", 2024, 2023, 2024, 10, 1),
    "luohu-2025.txt": ("", 2025, 2024, 2025, 10, 1),  # 我代表区人民政府: no name
    "guangming-2024.txt": ("光明区", 2024, 2023, 2024, 8, 1),
    "longhua-2023.txt": ("龙华区", 2023, 2022, 2023, 17, 3),
    "longhua-2024.txt": ("龙华区", 2024, 2023, 2024, 10, 2),
    "longhua-2025.txt": ("龙华区", 2025, 2024, 2025, 10, 2),
    "dapeng-2024.txt": ("大鹏新区", 2024, 2023, 2024, 8, 1),
    "state-council-2024.txt": ("国务院", 2024, 2023, 2024, 10, 2),
    "state-council-2025.txt": ("国务院", 2025, 2024, 2025, 10, 2),
    "hebei-2026.txt": ("河北省", 2026, 2025, 2026, 11, 2),  # reviews 十四五, ending 2025
    "shanghai-2026.txt": ("上海市", 2026, 2025, 2026, 18, 3),
    "chongqing-2026.txt": ("重庆市", 2026, 2025, 2026, 19, 3),
}

# The reports added after the first six: what the issue measures ("nobody here has read").
FIRST_SIX = ("luohu", "guangming", "longhua-2023")
UNREAD = tuple(name for name in REPORTS if not name.startswith(FIRST_SIX))

# Titles that differ from 〈year〉年〈place〉政府工作报告: a committee's report.
TITLES = {"dapeng-2024.txt": "2024年大鹏新区管理委员会工作报告"}


def title(name: str) -> str:
    """The title ``pgdash add`` should detect for a corpus report."""
    district, delivered = REPORTS[name][:2]
    return TITLES.get(name, f"{delivered}年{district}政府工作报告")
