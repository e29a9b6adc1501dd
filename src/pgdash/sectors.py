"""The fixed list of sectors every table and page uses."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Sector:
    """One sector: id, names, the 高大尚 pillar it carries (if any) and its map colour."""

    id: str
    zh: str
    en: str
    pillar: str | None
    color: tuple[int, int, int]


SECTORS: tuple[Sector, ...] = (
    Sector("economy", "经济综合", "Economy", None, (31, 119, 180)),
    Sector("ecology", "生态环境", "Ecology & environment", None, (44, 160, 44)),
    Sector("agritech", "农业科技", "Agri-tech", "高", (23, 190, 107)),
    Sector("logistics", "现代物流", "Logistics", "大", (255, 127, 14)),
    Sector("leisure", "休闲文旅", "Leisure & tourism", "尚", (227, 119, 194)),
    Sector("business", "营商环境与产业", "Business & industry", None, (148, 103, 189)),
    Sector("rural", "乡村振兴", "Rural revitalisation", None, (140, 86, 75)),
    Sector("urban", "城市建设与治理", "Urban development", None, (23, 137, 160)),
    Sector("culture", "文化", "Culture", None, (188, 189, 34)),
    Sector("livelihood", "民生保障", "Livelihood", None, (153, 102, 0)),  # not red: red judges
    Sector("safety", "安全与应急", "Safety & emergency", None, (96, 96, 96)),
    Sector("governance", "政府建设", "Governance", None, (65, 84, 140)),
)

ICONS: dict[str, str] = {  # the Material icon before a sector's name where it is picked
    "economy": ":material/trending_up:",
    "ecology": ":material/eco:",
    "agritech": ":material/agriculture:",
    "logistics": ":material/local_shipping:",
    "leisure": ":material/landscape:",
    "business": ":material/business_center:",
    "rural": ":material/cottage:",
    "urban": ":material/location_city:",
    "culture": ":material/theater_comedy:",
    "livelihood": ":material/volunteer_activism:",
    "safety": ":material/health_and_safety:",
    "governance": ":material/account_balance:",
}

SECTOR_IDS: tuple[str, ...] = tuple(s.id for s in SECTORS)
BY_ID: dict[str, Sector] = {s.id: s for s in SECTORS}
PILLARS: dict[str, str] = {s.pillar: s.id for s in SECTORS if s.pillar}


def sector(sector_id: str) -> Sector:
    """The sector with this id; ``KeyError`` names the unknown id."""
    try:
        return BY_ID[sector_id]
    except KeyError:
        raise KeyError(f"unknown sector {sector_id!r}; known: {', '.join(SECTOR_IDS)}") from None
