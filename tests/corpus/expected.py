"""The development corpus in ``tests/corpus/`` and what a second reader found in it.

Years from ``tests/corpus/README.md``; task sections counted by hand: the （一）… lines of
each report's plan parts (龙华: part 二's seven 更加注重… sections and part 三's ten).
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
}
