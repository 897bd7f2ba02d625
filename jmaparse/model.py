"""Typed event model for JMA disaster-information XML telegrams.

All classes are frozen dataclasses; all datetimes are timezone-aware; all area codes are strings
(leading zeros matter: ``"0110000"`` is Sapporo).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum, IntEnum

__all__ = [
    "Area",
    "AreaIntensity",
    "CityIntensity",
    "Comment",
    "Coordinate",
    "Earthquake",
    "EarthquakeTelegram",
    "EewArea",
    "EewTelegram",
    "EventKind",
    "HeadlineInformation",
    "HeadlineItem",
    "Hypocentre",
    "IgnoredTelegram",
    "InfoType",
    "Intensity",
    "IntensityStation",
    "KindRef",
    "Magnitude",
    "PrefectureIntensity",
    "SeismicAdvisoryTelegram",
    "Significancy",
    "Status",
    "Telegram",
    "TelegramBase",
    "TextTelegram",
    "TimelineEntry",
    "TimelineItem",
    "TimelineSlot",
    "TsunamiCategory",
    "TsunamiEstimationArea",
    "TsunamiForecastArea",
    "TsunamiHeight",
    "TsunamiObservationArea",
    "TsunamiStation",
    "TsunamiTelegram",
    "VolcanoBlock",
    "VolcanoItem",
    "VolcanoTelegram",
    "WarningBlock",
    "WarningItem",
    "WarningKind",
    "WarningSeverity",
    "WarningStatus",
    "WarningTimelineTelegram",
    "WeatherWarningTelegram",
]


# --------------------------------------------------------------------------------------------
# Enumerations
# --------------------------------------------------------------------------------------------


class EventKind(Enum):
    """What a telegram is about. The value is the JMA type code(s) it comes from."""

    EARTHQUAKE_INTENSITY_FLASH = "VXSE51"  # 震度速報
    EARTHQUAKE_HYPOCENTRE = "VXSE52"  # 震源に関する情報
    EARTHQUAKE_INFORMATION = "VXSE53"  # 震源・震度に関する情報
    EARTHQUAKE_HYPOCENTRE_UPDATE = "VXSE61"  # 顕著な地震の震源要素更新のお知らせ
    LONG_PERIOD_GROUND_MOTION = "VXSE62"  # 長周期地震動に関する観測情報
    EEW_WARNING = "VXSE43"  # 緊急地震速報（警報）
    EEW_FORECAST = "VXSE44"  # 緊急地震速報（予報）
    EEW_GROUND_MOTION_FORECAST = "VXSE45"  # 緊急地震速報（地震動予報）
    TSUNAMI_WARNING = "VTSE41"  # 津波警報・注意報・予報
    TSUNAMI_INFORMATION = "VTSE51"  # 津波情報
    TSUNAMI_OFFSHORE_OBSERVATION = "VTSE52"  # 沖合の津波観測に関する情報
    NANKAI_TROUGH_EXTRA = "VYSE50"  # 南海トラフ地震臨時情報
    NANKAI_TROUGH_COMMENTARY = "VYSE51/VYSE52"  # 南海トラフ地震関連解説情報
    HOKKAIDO_SANRIKU_ADVISORY = "VYSE60"  # 北海道・三陸沖後発地震注意情報
    WEATHER_WARNING = "VPWW53/VPWW54"  # 気象特別警報・警報・注意報 (H27 format)
    WEATHER_WARNING_LEVEL = "VPWW55-61"  # 気象警報・注意報（Ｒ０６）(level format)
    WARNING_TIMELINE = "VPWP50"  # 気象警報・注意報時系列情報（Ｒ０６）
    LANDSLIDE_ALERT = "VXWW50"  # 土砂災害警戒情報
    RECORD_SHORT_HEAVY_RAIN = "VPOA50"  # 記録的短時間大雨情報
    TORNADO_ALERT = "VPHW50"  # 竜巻注意情報
    EMERGENCY_WARNING_NOTICE = "VPNO50"  # 気象特別警報報知
    HEAT_STROKE_ALERT = "VPFT50"  # 熱中症警戒アラート
    VOLCANO_WARNING = "VFVO50"  # 噴火警報・予報
    VOLCANO_ERUPTION_OBSERVATION = "VFVO52"  # 噴火に関する火山観測報
    VOLCANO_ERUPTION_FLASH = "VFVO56"  # 噴火速報
    IGNORED = "ignored"  # a known type deliberately not modelled (see IgnoredTelegram.reason)


class InfoType(Enum):
    """Head/InfoType."""

    ISSUED = "発表"
    CORRECTION = "訂正"
    CANCELLATION = "取消"
    DELAYED = "遅延"


class Status(Enum):
    """Control/Status. Only NORMAL telegrams describe real events."""

    NORMAL = "通常"
    DRILL = "訓練"
    TEST = "試験"


_INTENSITY_ORDER = ("0", "1", "2", "3", "4", "5-", "5+", "6-", "6+", "7")
_INTENSITY_ALIASES = {
    "５弱": "5-",
    "５強": "5+",
    "６弱": "6-",
    "６強": "6+",
    "5弱": "5-",
    "5強": "5+",
    "6弱": "6-",
    "6強": "6+",
}


class Intensity(Enum):
    """JMA seismic intensity class (震度), totally ordered: ``Intensity.FOUR <= x`` filters
    "intensity 4 or stronger". ZERO only appears in EEW forecasts."""

    ZERO = "0"
    ONE = "1"
    TWO = "2"
    THREE = "3"
    FOUR = "4"
    FIVE_LOWER = "5-"
    FIVE_UPPER = "5+"
    SIX_LOWER = "6-"
    SIX_UPPER = "6+"
    SEVEN = "7"

    @property
    def rank(self) -> int:
        return _INTENSITY_ORDER.index(self.value)

    @property
    def label_ja(self) -> str:
        return {"5-": "5弱", "5+": "5強", "6-": "6弱", "6+": "6強"}.get(self.value, self.value)

    @classmethod
    def from_jma(cls, text: str | None) -> Intensity | None:
        """Parse a JMA intensity string ("5-", "6+", "震度５弱" ...); None if not an intensity
        (e.g. "震度５弱以上未入電" or empty)."""
        if text is None:
            return None
        t = text.strip().removeprefix("震度")
        t = _INTENSITY_ALIASES.get(t, t)
        t = t.translate(_FULLWIDTH_DIGITS)
        try:
            return cls(t)
        except ValueError:
            return None

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Intensity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Intensity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Intensity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Intensity):
            return NotImplemented
        return self.rank >= other.rank


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


class WarningStatus(Enum):
    """Per-area, per-kind status of a weather warning / advisory / alert (Kind/Status)."""

    ISSUED = "発表"
    CONTINUED = "継続"
    LIFTED = "解除"  # lifted: the hazard is over (NOT the same as a 取消 cancellation)
    NONE = "なし"
    NONE_IN_FORCE = "発表警報・注意報はなし"
    EMERGENCY_TO_WARNING = "特別警報から警報"
    EMERGENCY_TO_ADVISORY = "特別警報から注意報"
    WARNING_TO_ADVISORY = "警報から注意報"
    OTHER = "その他"  # an unrecognised status string; the raw text is in WarningKind.status_raw

    @property
    def in_force(self) -> bool:
        """True if, after this telegram, the kind is in force for the area."""
        return self in {
            WarningStatus.ISSUED,
            WarningStatus.CONTINUED,
            WarningStatus.EMERGENCY_TO_WARNING,
            WarningStatus.EMERGENCY_TO_ADVISORY,
            WarningStatus.WARNING_TO_ADVISORY,
        }

    @classmethod
    def from_jma(cls, text: str | None) -> WarningStatus:
        if text is None:
            return cls.OTHER
        try:
            return cls(text.strip())
        except ValueError:
            return cls.OTHER


class WarningSeverity(IntEnum):
    """Coarse, ordered severity derived from the kind name."""

    NONE = 0  # なし / 解除
    ADVISORY = 1  # 注意報, 竜巻注意情報
    WARNING = 2  # 警報, 土砂災害警戒情報, 記録的短時間大雨情報
    DANGER = 3  # 危険警報 (level 4, R06 format)
    EMERGENCY = 4  # 特別警報

    @classmethod
    def from_name(cls, name: str | None) -> WarningSeverity:
        if not name or name in {"なし", "解除"}:
            return cls.NONE
        if "特別警報" in name:
            return cls.EMERGENCY
        if "危険警報" in name:
            return cls.DANGER
        if "注意報" in name or "注意情報" in name:
            return cls.ADVISORY
        if "警報" in name or "警戒" in name or "記録的短時間大雨" in name:
            return cls.WARNING
        return cls.NONE


class TsunamiCategory(Enum):
    """Tsunami category per forecast area, from the code (TsunamiWarning code table)."""

    NONE = "00"  # 津波なし
    WARNING_LIFTED = "50"  # 警報解除
    WARNING = "51"  # 津波警報
    MAJOR_WARNING = "52"  # 大津波警報
    MAJOR_WARNING_ISSUED = "53"  # 大津波警報：発表 (new issue or upgrade)
    ADVISORY_LIFTED = "60"  # 津波注意報解除
    ADVISORY = "62"  # 津波注意報
    FORECAST = "71"  # 津波予報（若干の海面変動）
    FORECAST_FROM_ADVISORY = "72"  # advisory lifted, switched to forecast
    FORECAST_FROM_WARNING = "73"  # warning lifted, switched to forecast

    @property
    def severity(self) -> int:
        """0 none/lifted, 1 forecast, 2 advisory, 3 warning, 4 major warning."""
        return _TSUNAMI_SEVERITY[self]

    @property
    def is_lifted(self) -> bool:
        """A lifting (解除) of an advisory/warning (possibly with switch to a forecast)."""
        return self in {
            TsunamiCategory.WARNING_LIFTED,
            TsunamiCategory.ADVISORY_LIFTED,
            TsunamiCategory.FORECAST_FROM_ADVISORY,
            TsunamiCategory.FORECAST_FROM_WARNING,
        }


_TSUNAMI_SEVERITY = {
    TsunamiCategory.NONE: 0,
    TsunamiCategory.WARNING_LIFTED: 0,
    TsunamiCategory.ADVISORY_LIFTED: 0,
    TsunamiCategory.FORECAST: 1,
    TsunamiCategory.FORECAST_FROM_ADVISORY: 1,
    TsunamiCategory.FORECAST_FROM_WARNING: 1,
    TsunamiCategory.ADVISORY: 2,
    TsunamiCategory.WARNING: 3,
    TsunamiCategory.MAJOR_WARNING: 4,
    TsunamiCategory.MAJOR_WARNING_ISSUED: 4,
}

_LEVEL_RE = re.compile(r"レベル([１２３４５1-5])(未満)?")


def level_from_text(text: str | None) -> int | None:
    """Extract a warning level ("レベル４大雨危険警報" -> 4, "警戒レベル３相当" -> 3,
    "警戒レベル２未満" -> 1) as int."""
    if not text:
        return None
    m = _LEVEL_RE.search(text)
    if m is None:
        return None
    level = int(m.group(1).translate(_FULLWIDTH_DIGITS))
    return level - 1 if m.group(2) else level


# --------------------------------------------------------------------------------------------
# Shared value objects
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Area:
    """An area as it appears in a telegram: code (string, leading zeros kept) and name."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class KindRef:
    """A Kind element of a Headline item (name, code, optional Condition)."""

    name: str
    code: str | None
    condition: str | None = None


@dataclass(frozen=True, slots=True)
class HeadlineItem:
    kinds: tuple[KindRef, ...]
    areas: tuple[Area, ...]
    areas_code_type: str | None


@dataclass(frozen=True, slots=True)
class HeadlineInformation:
    """Head/Headline/Information[@type]: the summary blocks present in many telegram types."""

    type: str
    items: tuple[HeadlineItem, ...]


@dataclass(frozen=True, slots=True)
class Comment:
    """Body/Comments/* (ForecastComment, WarningComment, VarComment, FreeFormComment)."""

    kind: str
    text: str
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Coordinate:
    """ISO 6709 coordinate from a telegram. depth_km is positive downwards; None if unknown."""

    latitude: float | None
    longitude: float | None
    depth_km: float | None
    height_m: float | None
    description: str | None
    raw: str


@dataclass(frozen=True, slots=True)
class Magnitude:
    """jmx_eb:Magnitude. ``value`` is None when unknown (NaN, condition "M不明"/"不明")."""

    value: float | None
    type: str | None
    description: str | None
    condition: str | None

    @property
    def is_unknown(self) -> bool:
        return self.value is None or math.isnan(self.value)

    @property
    def exceeds_8(self) -> bool:
        """ "Ｍ８を超える巨大地震": unknown but above 8."""
        return self.is_unknown and "Ｍ８を超える" in (self.description or "")


@dataclass(frozen=True, slots=True)
class Hypocentre:
    area: Area
    coordinate: Coordinate | None
    detailed: Area | None = None
    source: str | None = None
    reduced: Area | None = None
    land_or_sea: str | None = None
    name_from_mark: str | None = None


@dataclass(frozen=True, slots=True)
class Earthquake:
    origin_time: datetime | None
    arrival_time: datetime | None
    hypocentre: Hypocentre | None
    magnitude: Magnitude | None


# --------------------------------------------------------------------------------------------
# Telegram base
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class TelegramBase:
    """Fields common to every telegram (Control + Head)."""

    kind: EventKind
    type_code: str  # JMA type code derived from Control/Title, e.g. "VXSE53"
    control_title: str
    control_datetime: datetime  # Control/DateTime, aware, UTC
    status: Status
    editorial_office: str
    publishing_office: str
    title: str  # Head/Title
    report_datetime: datetime  # aware, as published (+09:00)
    target_datetime: datetime | None
    valid_datetime: datetime | None
    event_id: str | None
    info_type: InfoType
    serial: int | None
    info_kind: str
    info_kind_version: str | None
    headline_text: str
    headline_information: tuple[HeadlineInformation, ...] = ()
    body_text: str | None = None  # Body/Text (e.g. the cancellation explanation)

    @property
    def is_drill(self) -> bool:
        return self.status is Status.DRILL

    @property
    def is_test(self) -> bool:
        return self.status is Status.TEST

    @property
    def is_real(self) -> bool:
        """True only for Status 通常 (neither a drill nor a test)."""
        return self.status is Status.NORMAL

    @property
    def is_cancellation(self) -> bool:
        return self.info_type is InfoType.CANCELLATION

    @property
    def is_correction(self) -> bool:
        return self.info_type is InfoType.CORRECTION

    @property
    def event_ids(self) -> tuple[str, ...]:
        """EventID split on whitespace: a tsunami telegram caused by several earthquakes lists
        several EventIDs ("20151114055157 20151114061750")."""
        return tuple(self.event_id.split()) if self.event_id else ()

    @property
    def cancels_event_id(self) -> str | None:
        """For a 取消 telegram: the EventID whose earlier telegrams it cancels."""
        return self.event_id if self.is_cancellation else None

    @property
    def ordering_key(self) -> tuple[str, int, datetime]:
        """Sort key: EventID, then Serial (missing serial sorts first), then ReportDateTime."""
        return (
            self.event_id or "",
            -1 if self.serial is None else self.serial,
            self.report_datetime,
        )

    def applies_to(self, earlier: TelegramBase) -> bool:
        """Does this 取消/訂正 telegram cancel or correct ``earlier``?

        True when this is a cancellation or correction, both share a non-empty EventID, the same
        telegram type and Head/InfoKind (a VXSE52 取消 does not touch VXSE53; a VXSE43 取消 does
        not touch VXSE44, which gets its own 取消), the same drill/normal status,
        ``earlier`` is not itself a cancellation, was reported no later than this one and (for a
        correction, when both carry serials) has the same Serial. A cancellation voids all earlier
        telegrams of that InfoKind for the event.
        """
        if self.info_type not in (InfoType.CANCELLATION, InfoType.CORRECTION):
            return False
        if earlier is self or not set(self.event_ids) & set(earlier.event_ids):
            return False
        if self.type_code != earlier.type_code or self.info_kind != earlier.info_kind:
            return False
        if self.status is not earlier.status:
            return False
        if earlier.info_type is InfoType.CANCELLATION:
            return False
        if earlier.report_datetime > self.report_datetime:
            return False
        if (
            self.info_type is InfoType.CORRECTION
            and self.serial is not None
            and earlier.serial is not None
        ):
            return self.serial == earlier.serial
        return True


# --------------------------------------------------------------------------------------------
# Earthquakes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IntensityStation:
    code: str
    name: str
    intensity: Intensity | None
    condition: str | None = None  # e.g. "震度５弱以上未入電" (intensity not yet received)
    lg_intensity: int | None = None


@dataclass(frozen=True, slots=True)
class CityIntensity:
    code: str  # 7-digit municipality code (気象・地震・火山情報／市町村等)
    name: str
    max_intensity: Intensity | None
    condition: str | None = None
    stations: tuple[IntensityStation, ...] = ()


@dataclass(frozen=True, slots=True)
class AreaIntensity:
    code: str  # earthquake subdivision code (地震情報／細分区域), e.g. "443"
    name: str
    max_intensity: Intensity | None
    max_lg_intensity: int | None = None
    cities: tuple[CityIntensity, ...] = ()


@dataclass(frozen=True, slots=True)
class PrefectureIntensity:
    code: str  # 地震情報／都道府県等, e.g. "22"
    name: str
    max_intensity: Intensity | None
    max_lg_intensity: int | None = None
    areas: tuple[AreaIntensity, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EarthquakeTelegram(TelegramBase):
    """VXSE51 / VXSE52 / VXSE53 / VXSE61 / VXSE62."""

    earthquake: Earthquake | None = None
    max_intensity: Intensity | None = None
    max_lg_intensity: int | None = None  # long-period ground motion class 0-4 (VXSE62)
    prefectures: tuple[PrefectureIntensity, ...] = ()
    comments: tuple[Comment, ...] = ()

    @property
    def areas(self) -> tuple[AreaIntensity, ...]:
        """All earthquake subdivisions with their maximum intensity."""
        return tuple(a for p in self.prefectures for a in p.areas)

    @property
    def cities(self) -> tuple[CityIntensity, ...]:
        return tuple(c for a in self.areas for c in a.cities)

    def areas_at_least(self, threshold: Intensity) -> tuple[AreaIntensity, ...]:
        return tuple(
            a for a in self.areas if a.max_intensity is not None and a.max_intensity >= threshold
        )


@dataclass(frozen=True, slots=True)
class EewArea:
    """One forecast area of an earthquake early warning."""

    code: str  # earthquake subdivision code
    name: str
    pref_code: str  # 緊急地震速報／府県予報区 code, e.g. "9380"
    pref_name: str
    is_warning: bool  # Category/Kind code 10 or 11: 緊急地震速報（警報）
    category_code: str | None
    category_name: str | None
    intensity_from: Intensity | None
    intensity_to: Intensity | None  # None with to_over=True means "or more" (over)
    to_over: bool
    lg_from: str | None
    lg_to: str | None
    arrival_time: datetime | None
    condition: str | None  # e.g. "既に主要動到達と推測"


@dataclass(frozen=True, slots=True, kw_only=True)
class EewTelegram(TelegramBase):
    """VXSE43 (warning) / VXSE44 (forecast) / VXSE45 (ground-motion forecast)."""

    earthquake: Earthquake | None = None
    intensity_from: Intensity | None = None
    intensity_to: Intensity | None = None
    to_over: bool = False
    areas: tuple[EewArea, ...] = ()
    is_final: bool = False
    comments: tuple[Comment, ...] = ()

    @property
    def is_warning(self) -> bool:
        """A 警報 (VXSE43) or any area flagged as warning."""
        return self.kind is EventKind.EEW_WARNING or any(a.is_warning for a in self.areas)

    @property
    def warning_areas(self) -> tuple[EewArea, ...]:
        return tuple(a for a in self.areas if a.is_warning)


# --------------------------------------------------------------------------------------------
# Tsunami
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TsunamiHeight:
    """Height in metres; value None when NaN/unknown (description e.g. "巨大", "高い")."""

    value: float | None
    description: str | None
    condition: str | None
    over: bool = False  # "１０ｍ超" style: value is a lower bound


@dataclass(frozen=True, slots=True)
class TsunamiStation:
    code: str
    name: str
    high_tide_time: datetime | None = None
    first_arrival_time: datetime | None = None
    first_arrival_condition: str | None = None
    initial: str | None = None  # 押し / 引き
    max_height: TsunamiHeight | None = None
    max_height_time: datetime | None = None
    max_height_condition: str | None = None


@dataclass(frozen=True, slots=True)
class TsunamiForecastArea:
    area: Area  # tsunami forecast area (津波予報区), e.g. Area("220", "宮城県")
    category: TsunamiCategory
    category_name: str
    last_category: TsunamiCategory | None
    first_arrival_time: datetime | None
    first_arrival_condition: str | None  # e.g. "津波到達中と推測", "第１波の到達を確認"
    max_height: TsunamiHeight | None
    max_height_condition: str | None
    stations: tuple[TsunamiStation, ...] = ()


@dataclass(frozen=True, slots=True)
class TsunamiObservationArea:
    area: Area
    stations: tuple[TsunamiStation, ...]


@dataclass(frozen=True, slots=True)
class TsunamiEstimationArea:
    """VTSE52: estimated tsunami on the coast from offshore observations."""

    area: Area
    first_arrival_time: datetime | None
    first_arrival_condition: str | None
    max_height: TsunamiHeight | None
    max_height_time: datetime | None
    max_height_condition: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class TsunamiTelegram(TelegramBase):
    """VTSE41 / VTSE51 / VTSE52."""

    forecasts: tuple[TsunamiForecastArea, ...] = ()
    observations: tuple[TsunamiObservationArea, ...] = ()
    estimations: tuple[TsunamiEstimationArea, ...] = ()
    earthquakes: tuple[Earthquake, ...] = ()
    comments: tuple[Comment, ...] = ()

    @property
    def highest_category(self) -> TsunamiCategory | None:
        if not self.forecasts:
            return None
        return max((f.category for f in self.forecasts), key=lambda c: c.severity)

    def areas_with(self, *categories: TsunamiCategory) -> tuple[TsunamiForecastArea, ...]:
        wanted = set(categories)
        return tuple(f for f in self.forecasts if f.category in wanted)


# --------------------------------------------------------------------------------------------
# Weather warnings, landslide, tornado, record rain, emergency-warning notice
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Significancy:
    """A risk-level value (危険度), e.g. type "大雨浸水危険度", name "警戒レベル４相当"."""

    type: str
    name: str
    code: str | None
    level: int | None


@dataclass(frozen=True, slots=True)
class WarningKind:
    """One kind of warning for one area, with its status in this telegram."""

    name: str | None  # absent when status is e.g. 発表警報・注意報はなし
    code: str | None  # JMA code as in the telegram (WeatherWarning table), e.g. "03"
    status: WarningStatus
    status_raw: str
    severity: WarningSeverity
    level: int | None  # warning level 2-5 where defined (R06 names / level-coded kinds)
    last_kind_name: str | None = None
    last_kind_code: str | None = None
    condition: str | None = None
    notes: tuple[str, ...] = ()  # Addition/Attention/WarningNotice notes
    significancies: tuple[Significancy, ...] = ()

    @property
    def in_force(self) -> bool:
        return self.status.in_force

    @property
    def is_lifted(self) -> bool:
        return self.status is WarningStatus.LIFTED


@dataclass(frozen=True, slots=True)
class WarningItem:
    area: Area
    kinds: tuple[WarningKind, ...]
    change_status: str | None = None
    full_status: str | None = None

    @property
    def in_force(self) -> tuple[WarningKind, ...]:
        return tuple(k for k in self.kinds if k.in_force)

    @property
    def lifted(self) -> tuple[WarningKind, ...]:
        return tuple(k for k in self.kinds if k.is_lifted)


@dataclass(frozen=True, slots=True)
class WarningBlock:
    """Body/Warning[@type], e.g. type "気象警報・注意報（市町村等）"."""

    type: str
    items: tuple[WarningItem, ...]

    @property
    def is_municipal(self) -> bool:
        return self.type.endswith("（市町村等）") or self.type == "土砂災害警戒情報"


@dataclass(frozen=True, slots=True, kw_only=True)
class WeatherWarningTelegram(TelegramBase):
    """VPWW53-61, VXWW50, VPOA50, VPHW50, VPNO50.

    For VPNO50 (気象特別警報報知, a notice with an empty body) the blocks are built from the
    Head/Headline information, every kind with status ISSUED.
    """

    blocks: tuple[WarningBlock, ...] = ()
    target_area: Area | None = None

    @property
    def municipalities(self) -> tuple[WarningItem, ...]:
        """Per-municipality items (7-digit AreaInformationCity codes), if the telegram has them."""
        return tuple(i for b in self.blocks if b.is_municipal for i in b.items)

    def for_area(self, code: str) -> tuple[WarningItem, ...]:
        return tuple(i for b in self.blocks for i in b.items if i.area.code == code)

    def block(self, type_: str) -> WarningBlock | None:
        for b in self.blocks:
            if b.type == type_:
                return b
        return None


# --------------------------------------------------------------------------------------------
# Warning timeline (VPWP50)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineSlot:
    time_id: str
    start: datetime
    duration: timedelta | None
    name: str


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    slot: TimelineSlot
    significancy: Significancy


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """Risk levels over time for one area and one property type (e.g. 大雨浸水危険度)."""

    area: Area
    property_type: str
    status: str | None
    entries: tuple[TimelineEntry, ...]
    sub_area: str | None = None  # Local/AreaName (e.g. 陸上, 宗谷海峡) when given per sub-area

    @property
    def max_level(self) -> int | None:
        levels = [e.significancy.level for e in self.entries if e.significancy.level is not None]
        return max(levels) if levels else None


@dataclass(frozen=True, slots=True, kw_only=True)
class WarningTimelineTelegram(TelegramBase):
    """VPWP50. Only the risk-level (Significancy) series are modelled; the quantitative
    forecasts (precipitation, wind, waves, tide, snow, humidity) are not."""

    info_types: tuple[str, ...] = ()
    items: tuple[TimelineItem, ...] = ()

    def for_area(self, code: str) -> tuple[TimelineItem, ...]:
        return tuple(i for i in self.items if i.area.code == code)


# --------------------------------------------------------------------------------------------
# Volcano
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VolcanoItem:
    kind_name: str
    kind_code: str | None
    condition: str | None
    last_kind_name: str | None
    last_kind_code: str | None
    areas: tuple[Area, ...]
    areas_code_type: str | None
    event_time: datetime | None = None
    crater_name: str | None = None


@dataclass(frozen=True, slots=True)
class VolcanoBlock:
    type: str  # VolcanoInfo/@type
    items: tuple[VolcanoItem, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class VolcanoTelegram(TelegramBase):
    """VFVO50 (噴火警報・予報), VFVO52 (噴火に関する火山観測報), VFVO56 (噴火速報)."""

    volcano: Area | None = None  # volcano code (PointVolcano) and name
    alert_level: int | None = None  # 噴火警戒レベル 1-5 where the volcano uses levels
    alert_kind_name: str | None = None
    alert_condition: str | None = None  # 引上げ / 引下げ / 継続 / 発表 ...
    blocks: tuple[VolcanoBlock, ...] = ()
    event_time: datetime | None = None
    volcano_headline: str | None = None
    activity: str | None = None
    prevention: str | None = None

    @property
    def municipalities(self) -> tuple[Area, ...]:
        seen: dict[str, Area] = {}
        for b in self.blocks:
            for it in b.items:
                if it.areas_code_type == "気象・地震・火山情報／市町村等":
                    for a in it.areas:
                        seen.setdefault(a.code, a)
        return tuple(seen.values())


# --------------------------------------------------------------------------------------------
# Text-based information
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class SeismicAdvisoryTelegram(TelegramBase):
    """VYSE50/51/52 (Nankai Trough) and VYSE60 (Hokkaido/Sanriku subsequent-earthquake advisory).

    ``serial_name`` is the keyword of 臨時情報: 調査中 / 巨大地震警戒 / 巨大地震注意 / 調査終了.
    """

    info_name: str | None = None
    serial_name: str | None = None
    serial_code: str | None = None
    text: str = ""
    appendix: str | None = None
    next_advisory: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TextTelegram(TelegramBase):
    """Plain-text information (VPFT50 heat-stroke alert)."""

    text: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class IgnoredTelegram(TelegramBase):
    """A known JMA type that this package deliberately does not model; header fields are still
    parsed (so cancellations and drills can be recognised)."""

    reason: str = ""


Telegram = (
    EarthquakeTelegram
    | EewTelegram
    | TsunamiTelegram
    | WeatherWarningTelegram
    | WarningTimelineTelegram
    | VolcanoTelegram
    | SeismicAdvisoryTelegram
    | TextTelegram
    | IgnoredTelegram
)
