"""The wording residents receive, by key: one template (title + body) per hazard family × phase,
"what to do now" per family, and the terms and sentences the placeholders are filled with.

Only the English msgids live here. Every language's text, Japanese and Plain Japanese included,
is in its gettext catalog (`kyosei/locale/<lang>/LC_MESSAGES/django.po`, context "alert"): the
catalogs are the one source of the wording, which a Japanese editor reviews there without
reading Python, and `kyosei i18n check` checks every text that is shown. Adding a language is
adding its catalog. Each hazard module (`kyosei.alerts.hazards`) fills the placeholders.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

PHASES = ("issue", "update", "correction", "cancellation", "lifting")


@dataclass(frozen=True)
class Template:
    title: Promise
    body: Promise


ACTIONS: dict[str, Promise] = {
    "tsunami_warning": pgettext_lazy(
        "alert",
        "Go to high ground or the upper floors of a tall, sturdy building now. Do not go near"
        " the sea or rivers. Do not go back until the warning is lifted.",
    ),
    "tsunami_advisory": pgettext_lazy(
        "alert",
        "Get out of the water and leave the shore now. Do not go near the sea until the "
        "advisory is lifted.",
    ),
    "earthquake": pgettext_lazy(
        "alert",
        "Watch out for aftershocks. Keep away from damaged buildings, walls and slopes. Check"
        " for fire and gas leaks.",
    ),
    "eew": pgettext_lazy(
        "alert",
        "Strong shaking is coming or already here. Protect your head, get under a sturdy table "
        "and keep away from windows.",
    ),
    "weather": pgettext_lazy(
        "alert",
        "Check evacuation information from your municipality. If you live near a river or a "
        "steep slope, evacuate early.",
    ),
    "volcano": pgettext_lazy(
        "alert",
        "Follow your municipality's instructions and keep out of the restricted area.",
    ),
    "nankai": pgettext_lazy(
        "alert",
        "Follow the instructions of the government and your municipality. Check your "
        "evacuation route, water, food and furniture, and be ready to evacuate at once if a "
        "tsunami warning is issued.",
    ),
    "record_rain": pgettext_lazy(
        "alert",
        "Move to safety now: if you are near a river or a steep slope, go to a sturdy "
        "building or an upper floor. Do not go outside to look at rivers, canals or fields.",
    ),
    "tornado": pgettext_lazy(
        "alert",
        "If dark clouds come near, you hear thunder or a cold wind starts suddenly, go into a"
        " sturdy building at once. Keep away from windows and stay in an inner room.",
    ),
    "emergency_warning_notice": pgettext_lazy(
        "alert",
        "Protect your life now. If going to a shelter is already dangerous, move to the "
        "safest place you can reach: an upper floor, or a room away from slopes.",
    ),
    "heat": pgettext_lazy(
        "alert",
        "Use the air conditioning and stay somewhere cool. Drink water often, even before you"
        " feel thirsty, and avoid going out in the heat. Check on older neighbours and people"
        " who live alone.",
    ),
    "cancelled": pgettext_lazy("alert", "You do not need to act on the earlier message."),
    "lifted": pgettext_lazy("alert", "Stay careful and follow your municipality's information."),
    "eew_forecast": pgettext_lazy(
        "alert",
        "Shaking may come soon. Protect your head, keep away from windows and from things "
        "that can fall, and do not rush outside.",
    ),
    "earthquake_hypocentre": pgettext_lazy(
        "alert",
        "Watch out for aftershocks. Keep away from damaged buildings, walls and slopes. Check"
        " for fire and gas leaks.",
    ),
    "earthquake_revised": pgettext_lazy(
        "alert",
        "Watch out for aftershocks. Keep away from damaged buildings, walls and slopes. Check"
        " for fire and gas leaks.",
    ),
    "long_period": pgettext_lazy(
        "alert",
        "In tall buildings, keep away from windows and from furniture that can slide or fall "
        "over. Do not use lifts until they have been checked.",
    ),
    "tsunami_info": pgettext_lazy(
        "alert",
        "Stay on high ground or in a tall, sturdy building. The waves may get higher and can "
        "keep coming for hours: do not go back until the warning or advisory is lifted.",
    ),
    "tsunami_offshore": pgettext_lazy(
        "alert",
        "Stay on high ground or in a tall, sturdy building. The waves may get higher and can "
        "keep coming for hours: do not go back until the warning or advisory is lifted.",
    ),
    "volcano_observation": pgettext_lazy(
        "alert",
        "Follow your municipality's instructions and keep out of the restricted area.",
    ),
}

TEMPLATES: dict[str, Template] = {
    "tsunami_warning.issue": Template(
        pgettext_lazy("alert", "%(category)s for %(areas)s — go to high ground now"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has issued a %(category)s for %(areas)s. Expected "
            "height: %(height)s. %(arrival)s",
        ),
    ),
    "tsunami_warning.update": Template(
        pgettext_lazy("alert", "Tsunami warning updated: %(category)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The tsunami warning has been updated. Now in force: %(category)s for %(areas)s. "
            "Expected height: %(height)s. %(arrival)s",
        ),
    ),
    "tsunami_warning.correction": Template(
        pgettext_lazy("alert", "Correction: %(category)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier tsunami information. "
            "Correct information: %(category)s for %(areas)s. Expected height: %(height)s. "
            "%(arrival)s",
        ),
    ),
    "tsunami_warning.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earlier tsunami warning for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the tsunami information it issued "
            "earlier for %(areas)s. It was sent in error.",
        ),
    ),
    "tsunami_warning.lifting": Template(
        pgettext_lazy("alert", "Tsunami warning lifted for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The tsunami warning for %(areas)s has been lifted. Small changes in sea level "
            "may continue; take care near the sea.",
        ),
    ),
    "tsunami_advisory.issue": Template(
        pgettext_lazy("alert", "Tsunami advisory for %(areas)s — leave the shore"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has issued a tsunami advisory for %(areas)s. "
            "Expected height: %(height)s. %(arrival)s",
        ),
    ),
    "tsunami_advisory.update": Template(
        pgettext_lazy("alert", "Tsunami advisory updated for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The tsunami advisory has been updated. Now in force for %(areas)s. Expected height: "
            "%(height)s. %(arrival)s",
        ),
    ),
    "tsunami_advisory.correction": Template(
        pgettext_lazy("alert", "Correction: tsunami advisory for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier tsunami information. "
            "Correct information: tsunami advisory for %(areas)s. %(arrival)s",
        ),
    ),
    "tsunami_advisory.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earlier tsunami advisory for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the tsunami advisory it issued "
            "earlier for %(areas)s. It was sent in error.",
        ),
    ),
    "tsunami_advisory.lifting": Template(
        pgettext_lazy("alert", "Tsunami advisory lifted for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The tsunami advisory for %(areas)s has been lifted. Small changes in sea level "
            "may continue; take care near the sea.",
        ),
    ),
    "earthquake.issue": Template(
        pgettext_lazy("alert", "Earthquake: intensity %(intensity)s in %(areas)s"),
        pgettext_lazy(
            "alert",
            "%(occurred)s %(hypocentre)s Tsunami: %(tsunami)s. Intensity by area: %(intensities)s.",
        ),
    ),
    "earthquake.update": Template(
        pgettext_lazy("alert", "Earthquake update: intensity %(intensity)s in %(areas)s"),
        pgettext_lazy(
            "alert",
            "New information on the earthquake. %(occurred)s %(hypocentre)s Tsunami: %(tsunami)s."
            " Intensity by area: %(intensities)s.",
        ),
    ),
    "earthquake.correction": Template(
        pgettext_lazy("alert", "Correction: earthquake information for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier earthquake information. "
            "%(occurred)s %(hypocentre)s Tsunami: %(tsunami)s. Intensity by area: "
            "%(intensities)s.",
        ),
    ),
    "earthquake.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earlier earthquake information"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the earthquake information it "
            "issued earlier for %(areas)s. It was sent in error.",
        ),
    ),
    "earthquake.lifting": Template(
        pgettext_lazy("alert", "Earthquake information closed for %(areas)s"),
        pgettext_lazy(
            "alert",
            "There is no further information on the earthquake (epicentre: %(epicentre)s) for "
            "%(areas)s.",
        ),
    ),
    "eew.issue": Template(
        pgettext_lazy("alert", "Earthquake early warning: strong shaking in %(areas)s"),
        pgettext_lazy(
            "alert",
            "An earthquake early warning has been issued. %(hypocentre)s Expected shaking by "
            "area: %(forecasts)s.",
        ),
    ),
    "eew.update": Template(
        pgettext_lazy("alert", "Earthquake early warning updated: %(areas)s"),
        pgettext_lazy(
            "alert",
            "The earthquake early warning has been updated. %(hypocentre)s Expected shaking by "
            "area: %(forecasts)s.",
        ),
    ),
    "eew.correction": Template(
        pgettext_lazy("alert", "Correction: earthquake early warning for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The earthquake early warning has been corrected. %(hypocentre)s Expected shaking by "
            "area: %(forecasts)s.",
        ),
    ),
    "eew.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earthquake early warning"),
        pgettext_lazy(
            "alert",
            "The earthquake early warning issued for %(areas)s has been cancelled. It was "
            "sent in error.",
        ),
    ),
    "eew.lifting": Template(
        pgettext_lazy("alert", "Earthquake early warning ended for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The earthquake early warning for %(areas)s has ended. Check the earthquake "
            "information that follows.",
        ),
    ),
    "weather.issue": Template(
        pgettext_lazy("alert", "%(kinds)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has issued: %(kinds)s for %(areas)s.",
        ),
    ),
    "weather.update": Template(
        pgettext_lazy("alert", "Weather warnings updated: %(kinds)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "Weather warnings have been updated. Now in force for %(areas)s: %(kinds)s.",
        ),
    ),
    "weather.correction": Template(
        pgettext_lazy("alert", "Correction: weather warnings for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier weather warnings. "
            "Correct information: %(kinds)s for %(areas)s.",
        ),
    ),
    "weather.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earlier weather warnings for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the weather warnings it issued "
            "earlier for %(areas)s. They were sent in error.",
        ),
    ),
    "weather.lifting": Template(
        pgettext_lazy("alert", "Lifted: %(kinds)s for %(areas)s"),
        pgettext_lazy("alert", "The following have been lifted for %(areas)s: %(kinds)s."),
    ),
    "volcano.issue": Template(
        pgettext_lazy("alert", "Volcano: %(volcano)s — %(level)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has issued for %(volcano)s: %(level)s. Affected:"
            " %(areas)s.",
        ),
    ),
    "volcano.update": Template(
        pgettext_lazy("alert", "Volcano update: %(volcano)s — %(level)s"),
        pgettext_lazy(
            "alert",
            "Volcanic information for %(volcano)s has been updated: %(level)s. Affected: "
            "%(areas)s.",
        ),
    ),
    "volcano.correction": Template(
        pgettext_lazy("alert", "Correction: volcanic information for %(volcano)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier volcanic information. "
            "Correct information for %(volcano)s: %(level)s.",
        ),
    ),
    "volcano.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earlier volcanic information for %(volcano)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the volcanic information it issued"
            " earlier for %(volcano)s. It was sent in error.",
        ),
    ),
    "volcano.lifting": Template(
        pgettext_lazy("alert", "Volcanic warning lowered for %(volcano)s"),
        pgettext_lazy("alert", "The warning for %(volcano)s has been lowered: %(level)s."),
    ),
    "nankai.issue": Template(
        pgettext_lazy("alert", "Nankai Trough earthquake extra information: %(status)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has issued Nankai Trough earthquake extra "
            "information (%(status)s) for %(areas)s and other areas.",
        ),
    ),
    "nankai.update": Template(
        pgettext_lazy("alert", "Nankai Trough earthquake information updated: %(status)s"),
        pgettext_lazy(
            "alert",
            "The Nankai Trough earthquake extra information has been updated: %(status)s.",
        ),
    ),
    "nankai.correction": Template(
        pgettext_lazy("alert", "Correction: Nankai Trough earthquake information"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its Nankai Trough earthquake "
            "information. Correct information: %(status)s.",
        ),
    ),
    "nankai.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earlier Nankai Trough earthquake information"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the Nankai Trough earthquake "
            "information it issued earlier. It was sent in error.",
        ),
    ),
    "nankai.lifting": Template(
        pgettext_lazy("alert", "Nankai Trough earthquake information: investigation ended"),
        pgettext_lazy(
            "alert",
            "The investigation has ended. Special measures are no longer needed, but a large "
            "earthquake can happen at any time: keep your everyday preparations.",
        ),
    ),
    "record_rain.issue": Template(
        pgettext_lazy(
            "alert",
            "Record short-duration heavy rain in %(areas)s — move to safety",
        ),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has observed or analysed record short-duration "
            "heavy rain in %(areas)s: rain this heavy is seen there only once in several "
            "years. Floods and landslides are likely nearby.",
        ),
    ),
    "record_rain.update": Template(
        pgettext_lazy("alert", "More record short-duration heavy rain in %(areas)s"),
        pgettext_lazy(
            "alert",
            "Record short-duration heavy rain has again been observed or analysed in "
            "%(areas)s. Floods and landslides are likely nearby.",
        ),
    ),
    "record_rain.correction": Template(
        pgettext_lazy("alert", "Correction: record short-duration heavy rain in %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier record short-duration "
            "heavy rain information. Correct information: record rain in %(areas)s.",
        ),
    ),
    "record_rain.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earlier record rain information for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the record short-duration heavy "
            "rain information it issued earlier for %(areas)s. It was sent in error.",
        ),
    ),
    "record_rain.lifting": Template(
        pgettext_lazy("alert", "Record rain information closed for %(areas)s"),
        pgettext_lazy(
            "alert",
            "There is no further record short-duration heavy rain information for %(areas)s. "
            "Floods and landslides can still happen after the rain stops: stay careful.",
        ),
    ),
    "tornado.issue": Template(
        pgettext_lazy("alert", "Tornado alert for %(areas)s %(valid)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has issued a tornado alert for %(areas)s: "
            "conditions favour tornadoes and other violent gusts of wind. The alert is valid "
            "%(valid)s.",
        ),
    ),
    "tornado.update": Template(
        pgettext_lazy("alert", "Tornado alert extended for %(areas)s %(valid)s"),
        pgettext_lazy(
            "alert",
            "The tornado alert for %(areas)s has been issued again: conditions still favour "
            "tornadoes and other violent gusts of wind. The alert is now valid %(valid)s.",
        ),
    ),
    "tornado.correction": Template(
        pgettext_lazy("alert", "Correction: tornado alert for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier tornado alert. Correct"
            " information: tornado alert for %(areas)s, valid %(valid)s.",
        ),
    ),
    "tornado.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earlier tornado alert for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the tornado alert it issued "
            "earlier for %(areas)s. It was sent in error.",
        ),
    ),
    "tornado.lifting": Template(
        pgettext_lazy("alert", "Tornado alert ended for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The tornado alert for %(areas)s has ended. Thunderstorms may continue: watch out"
            " for lightning and sudden heavy rain.",
        ),
    ),
    "emergency_warning_notice.issue": Template(
        pgettext_lazy("alert", "%(kinds)s in %(areas)s — protect your life now"),
        pgettext_lazy(
            "alert",
            "An emergency warning is in force in %(areas)s (%(kinds)s), for %(places)s. A "
            "disaster of a kind seen only once in several decades may be happening. Protect "
            "your life now.",
        ),
    ),
    "emergency_warning_notice.update": Template(
        pgettext_lazy("alert", "Emergency warning updated for %(areas)s: %(kinds)s"),
        pgettext_lazy(
            "alert",
            "The emergency warning for %(areas)s has been updated. Now in force: %(kinds)s, "
            "for %(places)s. Protect your life now.",
        ),
    ),
    "emergency_warning_notice.correction": Template(
        pgettext_lazy("alert", "Correction: emergency warning for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier emergency warning "
            "information. Correct information: %(kinds)s for %(areas)s, for %(places)s.",
        ),
    ),
    "emergency_warning_notice.cancellation": Template(
        pgettext_lazy(
            "alert",
            "Cancelled: the earlier emergency warning information for %(areas)s",
        ),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the emergency warning information "
            "it issued earlier for %(areas)s. It was sent in error.",
        ),
    ),
    "emergency_warning_notice.lifting": Template(
        pgettext_lazy("alert", "Emergency warning lifted for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The emergency warning for %(areas)s has been lifted. Warnings or advisories may "
            "still be in force, and landslides and floods can still happen: stay careful.",
        ),
    ),
    "heat.issue": Template(
        pgettext_lazy("alert", "%(alert)s for %(areas)s: %(day)s"),
        pgettext_lazy(
            "alert",
            "The Ministry of the Environment and the Japan Meteorological Agency have issued "
            "a %(alert)s for %(areas)s for %(day)s. It is expected to be dangerously hot, "
            "with a high risk of heat stroke.",
        ),
    ),
    "heat.update": Template(
        pgettext_lazy("alert", "%(alert)s for %(areas)s continues: %(day)s"),
        pgettext_lazy(
            "alert",
            "The %(alert)s for %(areas)s remains in force for %(day)s. It is still expected "
            "to be dangerously hot: do not let your guard down.",
        ),
    ),
    "heat.correction": Template(
        pgettext_lazy("alert", "Correction: %(alert)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The earlier heat stroke information has been corrected. Correct information: "
            "%(alert)s for %(areas)s for %(day)s.",
        ),
    ),
    "heat.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earlier %(alert)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The %(alert)s issued earlier for %(areas)s has been cancelled. It was sent in error.",
        ),
    ),
    "heat.lifting": Template(
        pgettext_lazy("alert", "%(alert)s ended for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The %(alert)s for %(areas)s has ended. It can still be hot: keep drinking water "
            "and stay somewhere cool.",
        ),
    ),
    "local.evacuation_order.issue": Template(
        pgettext_lazy("alert", "Evacuation order: %(district)s"),
        pgettext_lazy(
            "alert",
            "%(organisation)s has issued an evacuation order for %(district)s. Go to "
            "%(shelter)s now or to a safe place nearby.",
        ),
    ),
    "local.shelter_open.issue": Template(
        pgettext_lazy("alert", "Evacuation shelter open: %(shelter)s"),
        pgettext_lazy(
            "alert",
            "%(organisation)s has opened the evacuation shelter %(shelter)s for %(district)s."
            " Anyone may come, whatever their nationality.",
        ),
    ),
    "local.all_clear.lifting": Template(
        pgettext_lazy("alert", "Evacuation order lifted: %(district)s"),
        pgettext_lazy(
            "alert",
            "%(organisation)s has lifted the evacuation order for %(district)s.",
        ),
    ),
    "eew_forecast.issue": Template(
        pgettext_lazy("alert", "Earthquake early warning (forecast): shaking in %(areas)s"),
        pgettext_lazy(
            "alert",
            "An earthquake early warning (forecast) has been issued. %(hypocentre)s Expected "
            "shaking by area: %(forecasts)s.",
        ),
    ),
    "eew_forecast.update": Template(
        pgettext_lazy("alert", "Earthquake early warning (forecast) updated: %(areas)s"),
        pgettext_lazy(
            "alert",
            "The earthquake early warning (forecast) has been updated. %(hypocentre)s Expected "
            "shaking by area: %(forecasts)s.",
        ),
    ),
    "eew_forecast.correction": Template(
        pgettext_lazy("alert", "Correction: earthquake early warning (forecast) for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The earthquake early warning (forecast) has been corrected. %(hypocentre)s "
            "Expected shaking by area: %(forecasts)s.",
        ),
    ),
    "eew_forecast.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earthquake early warning (forecast)"),
        pgettext_lazy(
            "alert",
            "The earthquake early warning (forecast) issued for %(areas)s has been cancelled."
            " It was sent in error.",
        ),
    ),
    "eew_forecast.lifting": Template(
        pgettext_lazy("alert", "Earthquake early warning (forecast) ended for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The earthquake early warning (forecast) for %(areas)s has ended. Check the "
            "earthquake information that follows.",
        ),
    ),
    "earthquake_hypocentre.issue": Template(
        pgettext_lazy(
            "alert",
            "Earthquake located: %(epicentre)s, magnitude %(magnitude)s",
        ),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has located the earthquake: %(epicentre)s, "
            "magnitude %(magnitude)s, depth %(depth)s. Tsunami: %(tsunami)s.",
        ),
    ),
    "earthquake_hypocentre.update": Template(
        pgettext_lazy(
            "alert",
            "Earthquake location updated: %(epicentre)s, magnitude %(magnitude)s",
        ),
        pgettext_lazy(
            "alert",
            "New information on where the earthquake occurred: %(epicentre)s, magnitude "
            "%(magnitude)s, depth %(depth)s. Tsunami: %(tsunami)s.",
        ),
    ),
    "earthquake_hypocentre.correction": Template(
        pgettext_lazy("alert", "Correction: earthquake location: %(epicentre)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its information on where the "
            "earthquake occurred. Correct information: %(epicentre)s, magnitude "
            "%(magnitude)s, depth %(depth)s. Tsunami: %(tsunami)s.",
        ),
    ),
    "earthquake_hypocentre.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earlier earthquake location information"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the information it issued earlier "
            "on where the earthquake (epicentre: %(epicentre)s) occurred. It was sent in error.",
        ),
    ),
    "earthquake_hypocentre.lifting": Template(
        pgettext_lazy("alert", "Earthquake location information closed"),
        pgettext_lazy(
            "alert",
            "There is no further information on where the earthquake (epicentre: %(epicentre)s) "
            "occurred.",
        ),
    ),
    "earthquake_revised.issue": Template(
        pgettext_lazy(
            "alert",
            "Earthquake data revised: %(epicentre)s, magnitude %(magnitude)s",
        ),
        pgettext_lazy(
            "alert",
            "After a detailed analysis, the Japan Meteorological Agency has revised where the"
            " earthquake occurred and how large it was: %(epicentre)s, magnitude "
            "%(magnitude)s, depth %(depth)s. Tsunami: %(tsunami)s.",
        ),
    ),
    "earthquake_revised.update": Template(
        pgettext_lazy(
            "alert",
            "Earthquake data revised again: %(epicentre)s, magnitude %(magnitude)s",
        ),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has revised the earthquake data again: "
            "%(epicentre)s, magnitude %(magnitude)s, depth %(depth)s. Tsunami: %(tsunami)s.",
        ),
    ),
    "earthquake_revised.correction": Template(
        pgettext_lazy("alert", "Correction: revised earthquake data: %(epicentre)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its revised earthquake data. "
            "Correct information: %(epicentre)s, magnitude %(magnitude)s, depth "
            "%(depth)s. Tsunami: %(tsunami)s.",
        ),
    ),
    "earthquake_revised.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earlier revision of the earthquake data"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the revision of the data of the "
            "earthquake (epicentre: %(epicentre)s) that it issued earlier. It was sent in error.",
        ),
    ),
    "earthquake_revised.lifting": Template(
        pgettext_lazy("alert", "Earthquake data revisions closed"),
        pgettext_lazy(
            "alert",
            "There are no further revisions of the data of the earthquake (epicentre: "
            "%(epicentre)s).",
        ),
    ),
    "long_period.issue": Template(
        pgettext_lazy("alert", "Long-period ground motion %(lg_class)s in %(areas)s"),
        pgettext_lazy(
            "alert",
            "Long-period ground motion of %(lg_class)s was observed in %(areas)s after the "
            "earthquake (epicentre: %(epicentre)s) (magnitude %(magnitude)s). The upper floors of "
            "tall buildings shake strongly and for a long time.",
        ),
    ),
    "long_period.update": Template(
        pgettext_lazy("alert", "Long-period ground motion update: %(lg_class)s in %(areas)s"),
        pgettext_lazy(
            "alert",
            "New observations of long-period ground motion after the earthquake "
            "(epicentre: %(epicentre)s): %(lg_class)s in %(areas)s.",
        ),
    ),
    "long_period.correction": Template(
        pgettext_lazy("alert", "Correction: long-period ground motion in %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier information on "
            "long-period ground motion. Correct information: %(lg_class)s in %(areas)s.",
        ),
    ),
    "long_period.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earlier long-period ground motion information"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the long-period ground motion "
            "information it issued earlier for %(areas)s. It was sent in error.",
        ),
    ),
    "long_period.lifting": Template(
        pgettext_lazy("alert", "Long-period ground motion information closed for %(areas)s"),
        pgettext_lazy(
            "alert",
            "There is no further information on long-period ground motion from the earthquake"
            " (epicentre: %(epicentre)s) for %(areas)s.",
        ),
    ),
    "tsunami_info.issue": Template(
        pgettext_lazy("alert", "Tsunami information: %(category)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "Tsunami information for %(areas)s (%(category)s). %(observation)s %(arrival)s "
            "The waves may get higher and can keep coming for hours. Stay on high ground.",
        ),
    ),
    "tsunami_info.update": Template(
        pgettext_lazy("alert", "Tsunami information update: %(category)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "Updated tsunami information for %(areas)s (%(category)s). %(observation)s "
            "%(arrival)s The waves may get higher and can keep coming for hours. Stay on high"
            " ground.",
        ),
    ),
    "tsunami_info.correction": Template(
        pgettext_lazy("alert", "Correction: tsunami information for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier tsunami information. "
            "Correct information for %(areas)s (%(category)s): %(observation)s %(arrival)s "
            "The waves may get higher. Stay on high ground.",
        ),
    ),
    "tsunami_info.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earlier tsunami information for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the tsunami information it issued "
            "earlier for %(areas)s. It was sent in error. This does not cancel any tsunami "
            "warning or advisory.",
        ),
    ),
    "tsunami_info.lifting": Template(
        pgettext_lazy("alert", "Tsunami information closed for %(areas)s"),
        pgettext_lazy(
            "alert",
            "There is no further tsunami information for %(areas)s. Follow your "
            "municipality's information before going back to the coast.",
        ),
    ),
    "tsunami_offshore.issue": Template(
        pgettext_lazy("alert", "Tsunami observed offshore: stay on high ground in %(areas)s"),
        pgettext_lazy(
            "alert",
            "A tsunami has been observed offshore. %(observation)s Near the coast of "
            "%(areas)s the waves will be higher than offshore and may get higher still "
            "(estimated: %(height)s). %(arrival)s Stay on high ground.",
        ),
    ),
    "tsunami_offshore.update": Template(
        pgettext_lazy("alert", "Offshore tsunami observation update for %(areas)s"),
        pgettext_lazy(
            "alert",
            "New offshore tsunami observations. %(observation)s Near the coast of %(areas)s "
            "the waves will be higher than offshore and may get higher still (estimated: "
            "%(height)s). %(arrival)s Stay on high ground.",
        ),
    ),
    "tsunami_offshore.correction": Template(
        pgettext_lazy("alert", "Correction: offshore tsunami observation for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier offshore tsunami "
            "information. %(observation)s Near the coast of %(areas)s the waves will be "
            "higher than offshore (estimated: %(height)s). Stay on high ground.",
        ),
    ),
    "tsunami_offshore.cancellation": Template(
        pgettext_lazy("alert", "Cancelled: the earlier offshore tsunami information"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the offshore tsunami information "
            "it issued earlier for %(areas)s. It was sent in error. This does not cancel any "
            "tsunami warning or advisory.",
        ),
    ),
    "tsunami_offshore.lifting": Template(
        pgettext_lazy("alert", "Offshore tsunami information closed for %(areas)s"),
        pgettext_lazy(
            "alert",
            "There is no further offshore tsunami information for %(areas)s. Follow your "
            "municipality's information before going back to the coast.",
        ),
    ),
    "volcano_observation.issue": Template(
        pgettext_lazy("alert", "Eruption observed: %(volcano)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency observed %(phenomenon)s at %(volcano)s at "
            "%(time)s. Affected: %(areas)s.",
        ),
    ),
    "volcano_observation.update": Template(
        pgettext_lazy("alert", "Eruption observation update: %(volcano)s"),
        pgettext_lazy(
            "alert",
            "New observation at %(volcano)s: %(phenomenon)s at %(time)s. Affected: %(areas)s.",
        ),
    ),
    "volcano_observation.correction": Template(
        pgettext_lazy("alert", "Correction: eruption observation at %(volcano)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier eruption observation "
            "report. Correct information: %(phenomenon)s at %(volcano)s at %(time)s.",
        ),
    ),
    "volcano_observation.cancellation": Template(
        pgettext_lazy(
            "alert",
            "Cancelled: the earlier eruption observation report for %(volcano)s",
        ),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the eruption observation report it"
            " issued earlier for %(volcano)s. It was sent in error.",
        ),
    ),
    "volcano_observation.lifting": Template(
        pgettext_lazy("alert", "Eruption observation reports closed for %(volcano)s"),
        pgettext_lazy(
            "alert",
            "There are no further eruption observation reports for %(volcano)s. Keep "
            "following the volcanic warnings.",
        ),
    ),
}


# Terms used inside placeholders, translated like the templates.
TSUNAMI_CATEGORIES: dict[str, Promise] = {
    "major_warning": pgettext_lazy("alert", "major tsunami warning"),
    "warning": pgettext_lazy("alert", "tsunami warning"),
    "advisory": pgettext_lazy("alert", "tsunami advisory"),
}

NANKAI_STATUSES: dict[str, Promise] = {
    "investigating": pgettext_lazy("alert", "under investigation"),
    "warning": pgettext_lazy("alert", "megaquake warning"),
    "advisory": pgettext_lazy("alert", "megaquake advisory"),
    "ended": pgettext_lazy("alert", "investigation ended"),
}

HEIGHTS: dict[str, Promise] = {
    "huge": pgettext_lazy("alert", "huge"),
    "high": pgettext_lazy("alert", "high"),
    "unknown": pgettext_lazy("alert", "not yet known"),
}

INTENSITIES: dict[str, Promise] = {
    "0": pgettext_lazy("intensity", "0"),
    "1": pgettext_lazy("intensity", "1"),
    "2": pgettext_lazy("intensity", "2"),
    "3": pgettext_lazy("intensity", "3"),
    "4": pgettext_lazy("intensity", "4"),
    "5-": pgettext_lazy("intensity", "5 lower"),
    "5+": pgettext_lazy("intensity", "5 upper"),
    "6-": pgettext_lazy("intensity", "6 lower"),
    "6+": pgettext_lazy("intensity", "6 upper"),
    "7": pgettext_lazy("intensity", "7"),
}

WEATHER_SEVERITIES: dict[int, Promise] = {
    1: pgettext_lazy("alert", "advisory"),
    2: pgettext_lazy("alert", "warning"),
    3: pgettext_lazy("alert", "danger warning"),
    4: pgettext_lazy("alert", "emergency warning"),
}

HEAT_ALERTS: dict[str, Promise] = {
    "alert": pgettext_lazy("alert", "heat stroke alert"),
    "special": pgettext_lazy("alert", "special heat stroke alert"),
}

HEAT_DAYS: dict[str, Promise] = {
    "today": pgettext_lazy("alert", "today (%(date)s)"),
    "tomorrow": pgettext_lazy("alert", "tomorrow (%(date)s)"),
}

TSUNAMI_COMMENTS: dict[str, Promise] = {
    "none": pgettext_lazy("alert", "no tsunami is expected from this earthquake"),
    "slight": pgettext_lazy("alert", "slight changes in sea level are possible, but no damage"),
    "continuing": pgettext_lazy(
        "alert", "changes in sea level will continue for a while; take care"
    ),
    "warning_in_force": pgettext_lazy("alert", "tsunami warnings or advisories are in force"),
    "possible": pgettext_lazy("alert", "a tsunami may have been generated"),
    "investigating": pgettext_lazy("alert", "being assessed"),
    "unknown": pgettext_lazy("alert", "check the latest tsunami information"),
}

DEPTHS: dict[str, Promise] = {
    "shallow": pgettext_lazy("alert", "very shallow"),
    "unknown": pgettext_lazy("alert", "not known"),
}

MAGNITUDE_NOTES: dict[str, Promise] = {
    "over8": pgettext_lazy("alert", "over 8 (a huge earthquake)"),
    "unknown": pgettext_lazy("alert", "not known"),
}

LONG_PERIOD_CLASSES: dict[int, Promise] = {
    1: pgettext_lazy("alert", "class 1 (fairly large shaking)"),
    2: pgettext_lazy("alert", "class 2 (large shaking)"),
    3: pgettext_lazy("alert", "class 3 (very large shaking)"),
    4: pgettext_lazy("alert", "class 4 (extremely large shaking)"),
}

ERUPTIONS: dict[str, Promise] = {
    "eruption": pgettext_lazy("alert", "an eruption"),
    "explosion": pgettext_lazy("alert", "an explosive eruption"),
    "eruption_started": pgettext_lazy("alert", "the start of an eruption"),
    "continuous": pgettext_lazy("alert", "continuing eruptions"),
    "continuous_stopped": pgettext_lazy("alert", "the end of continuous eruptions"),
    "frequent": pgettext_lazy("alert", "frequent eruptions"),
}

TSUNAMI_OBSERVATIONS: dict[str, Promise] = {
    "metres": pgettext_lazy(
        "alert", "The highest wave observed so far is %(height)s at %(station)s."
    ),
    "rising": pgettext_lazy(
        "alert",
        "The highest wave observed so far is %(height)s at %(station)s, and it is still rising.",
    ),
    "observing": pgettext_lazy("alert", "Tsunami waves are being observed at %(station)s."),
    "weak": pgettext_lazy("alert", "Weak tsunami waves have been observed at %(station)s."),
    "none": pgettext_lazy("alert", "No tsunami height has been measured yet."),
}

TSUNAMI_ARRIVALS: dict[str, Promise] = {
    "time": pgettext_lazy("alert", "The first wave is expected at about %(time)s."),
    "arrived": pgettext_lazy("alert", "The first wave has already arrived."),
    "arriving": pgettext_lazy("alert", "The tsunami may already be arriving."),
    "unknown": pgettext_lazy("alert", "The first wave may arrive at any time."),
    "immediate": pgettext_lazy("alert", "The tsunami is expected to arrive immediately."),
}

WEATHER_KINDS: tuple[tuple[str, Promise], ...] = (
    ("大雨", pgettext_lazy("alert", "heavy rain")),
    ("洪水", pgettext_lazy("alert", "flooding")),
    ("暴風", pgettext_lazy("alert", "storm")),
    ("暴風雪", pgettext_lazy("alert", "snowstorm")),
    ("大雪", pgettext_lazy("alert", "heavy snow")),
    ("波浪", pgettext_lazy("alert", "high waves")),
    ("高潮", pgettext_lazy("alert", "storm surge")),
    ("土砂災害警戒", pgettext_lazy("alert", "landslide alert")),
    ("土砂", pgettext_lazy("alert", "landslides")),
    ("竜巻", pgettext_lazy("alert", "tornadoes")),
    ("氾濫", pgettext_lazy("alert", "river flooding")),
)
TORNADO_VALID_UNTIL = pgettext_lazy("alert", "until %(time)s")
TORNADO_VALID_HOUR = pgettext_lazy("alert", "for about an hour")
YOUR_AREA = pgettext_lazy("alert", "Your area: %(area)s")
WEATHER_KIND_FORMAT = pgettext_lazy("alert", "%(hazard)s %(severity)s")
VOLCANO_LEVEL_FORMAT = pgettext_lazy("alert", "volcanic alert level %(level)s")
VOLCANO_WARNING = pgettext_lazy("alert", "volcanic warning")
LIST_SEPARATOR = pgettext_lazy("alert list separator", ", ")
AND_MORE = pgettext_lazy("alert", "%(list)s and %(count)s more")
DEPTH_KM = pgettext_lazy("alert", "%(km)s km")
JST_TIME = pgettext_lazy("alert", "%(time)s Japan time")
LOCAL_TEMPLATES = tuple(key for key in TEMPLATES if key.startswith("local."))

# Sentences of the earthquake and EEW bodies, each complete in every language.
QUAKE_OCCURRED = pgettext_lazy("alert", "The earthquake occurred at %(time)s.")
QUAKE_FELT = pgettext_lazy("alert", "Strong shaking was felt at about %(time)s.")
QUAKE_HYPOCENTRE = pgettext_lazy(
    "alert",
    "The epicentre was %(epicentre)s, at a depth of %(depth)s, with a magnitude of %(magnitude)s.",
)
QUAKE_HYPOCENTRE_UNKNOWN = pgettext_lazy("alert", "The epicentre and magnitude are not yet known.")
# An epicentre named inside another sentence when JMA has not located the earthquake yet.
EPICENTRE_UNKNOWN = pgettext_lazy("alert", "an epicentre not yet determined")
INTENSITY_GROUP = pgettext_lazy("alert", "intensity %(intensity)s: %(areas)s")
GROUP_SEPARATOR = pgettext_lazy("alert group separator", " / ")
EEW_AREA = pgettext_lazy("alert", "%(area)s: intensity %(range)s")
EEW_AREA_ARRIVED = pgettext_lazy("alert", "%(area)s: intensity %(range)s, already arriving")
EEW_AREA_AT = pgettext_lazy("alert", "%(area)s: intensity %(range)s, from about %(time)s")
INTENSITY_RANGE = pgettext_lazy("alert", "%(lower)s to %(upper)s")
INTENSITY_OR_MORE = pgettext_lazy("alert", "%(lower)s or more")
YOUR_AREA_INTENSITY = pgettext_lazy("alert", "Your area: %(area)s (intensity %(intensity)s)")


# A drill must never be taken for the real thing, on any channel, even when only the title
# is seen (a lock screen, a mail list): delivery puts the label first in the title and body.
DRILL_TITLE = pgettext_lazy("alert", "[DRILL] %(title)s")
DRILL_LINE = pgettext_lazy("alert", "[DRILL] This is a drill, not a real alert.")
