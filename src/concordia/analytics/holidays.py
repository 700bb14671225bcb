"""Holidays of Peru, Chile and Bolivia that move border traffic, as regressors.

Fixed dates only (Easter-bound feasts such as Carnival are not modelled): the national
days (Fiestas Patrias of Peru 28-29 July and Chile 18-19 September, Bolivia 6 August),
Christmas and New Year, and the southern summer holidays (January-February) when
Chilean families cross to Tacna. Each becomes a 0/1 column of the forecast's exogenous
regressors, so the model learns its own effect per post.

Stranded people have one more regressor, `stranded_season`: 20 December to 31 March.
Diego Paco, governor of Arica y Parinacota, expects the number of people stranded at the
Chile–Peru border to rise substantially "from late December through March" (seed 004).
That is a step in level, not a weekly pattern: the seasonal ARIMA alone follows it only
after two weeks of large errors, and the summer flag (January-February) misses both
ends. The model estimates the size of the step from the history; only its dates are
given. Arrivals do not use it (their month effects are already in the summer flag and
the seasonal differencing).
"""

from datetime import date

NATIONAL_DAYS = {(7, 28), (7, 29), (9, 18), (9, 19), (8, 6)}
YEAR_END = {(12, 24), (12, 25), (12, 31), (1, 1)}
REGRESSORS = ("national_day", "year_end", "summer")
STRANDED_REGRESSORS = (*REGRESSORS, "stranded_season")


def flags(day: date) -> dict[str, float]:
    """The regressor values of one day."""
    key = (day.month, day.day)
    return {
        "national_day": float(key in NATIONAL_DAYS),
        "year_end": float(key in YEAR_END),
        "summer": float(day.month in (1, 2)),
        "stranded_season": float(stranded_season(day)),
    }


def stranded_season(day: date) -> bool:
    """20 December to 31 March: the stranded people's high season (see module doc)."""
    return day.month in (1, 2, 3) or (day.month == 12 and day.day >= 20)


def names(day: date) -> list[str]:
    """Human labels of the holidays on a day, for the forecast's notes."""
    labels = {
        (7, 28): "Fiestas Patrias (Perú)",
        (7, 29): "Fiestas Patrias (Perú)",
        (9, 18): "Fiestas Patrias (Chile)",
        (9, 19): "Fiestas Patrias (Chile)",
        (8, 6): "Día de la Patria (Bolivia)",
        (12, 25): "Navidad",
        (12, 24): "Nochebuena",
        (12, 31): "Fin de año",
        (1, 1): "Año Nuevo",
    }
    found = [labels[(day.month, day.day)]] if (day.month, day.day) in labels else []
    return found + (["vacaciones de verano"] if day.month in (1, 2) else [])
