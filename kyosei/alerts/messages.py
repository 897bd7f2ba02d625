"""Human-written message templates: one per hazard × phase, plus "what to do now" guidance.

English msgids are translated in the gettext catalogs of every language (context "alert");
nothing is machine-translated at alert time. Japanese and Plain Japanese are written here
directly from JMA's own wording, because for alerts derived from JMA telegrams they are source
texts, not translations: they are used for `ja` and `ja-x-easy` whatever the catalogs say.
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
    ja: tuple[str, str]
    easy: tuple[str, str]


@dataclass(frozen=True)
class Action:
    text: Promise
    ja: str
    easy: str


ACTIONS: dict[str, Action] = {
    "tsunami_warning": Action(
        pgettext_lazy(
            "alert",
            "Go to high ground or the upper floors of a tall, sturdy building now. Do not go "
            "near the sea or rivers. Do not go back until the warning is lifted.",
        ),
        "ただちに高台や津波避難ビルなど安全な場所へ避難してください。海や川に近づかないで"
        "ください。警報が解除されるまで戻らないでください。",
        "すぐに 高い ところへ にげて ください。うみ や かわ に ちかづかないで ください。",
    ),
    "tsunami_advisory": Action(
        pgettext_lazy(
            "alert",
            "Get out of the water and leave the shore now. Do not go near the sea until the "
            "advisory is lifted.",
        ),
        "海の中にいる人はただちに海から上がって、海岸から離れてください。",
        "うみ から あがって ください。うみ に ちかづかないで ください。",
    ),
    "earthquake": Action(
        pgettext_lazy(
            "alert",
            "Watch out for aftershocks. Keep away from damaged buildings, walls and slopes. "
            "Check for fire and gas leaks.",
        ),
        "揺れの強かった地域では、今後の地震活動や土砂災害に注意してください。火の元を"
        "確認してください。",
        "また じしん が くる かもしれません。こわれた たてもの に ちかづかないで ください。",
    ),
    "eew": Action(
        pgettext_lazy(
            "alert",
            "Strong shaking is coming. Protect your head, get under a sturdy table and keep "
            "away from windows.",
        ),
        "強い揺れに警戒してください。頭を守り、丈夫な机の下などに身を隠してください。",
        "つよい ゆれ が きます。あたま を まもって ください。つくえ の したに かくれて ください。",
    ),
    "weather": Action(
        pgettext_lazy(
            "alert",
            "Check evacuation information from your municipality. If you live near a river or "
            "a steep slope, evacuate early.",
        ),
        "市町村から発令される避難情報に従い、早めの避難を心がけてください。",
        "まち から の ひなん の おしらせ を みて ください。はやめ に にげて ください。",
    ),
    "volcano": Action(
        pgettext_lazy(
            "alert",
            "Follow your municipality's instructions and keep out of the restricted area.",
        ),
        "市町村の指示に従い、立入規制区域に入らないでください。",
        "まち の いうこと を きいて ください。"
        "はいっては いけない ところ に はいらないで ください。",
    ),
    "nankai": Action(
        pgettext_lazy(
            "alert",
            "Follow the instructions of the government and your municipality. Check your "
            "evacuation route, water, food and furniture, and be ready to evacuate at once if a "
            "tsunami warning is issued.",
        ),
        "政府や自治体の呼びかけに従ってください。避難場所・避難経路、水や食料の備蓄、家具の固定を"
        "確認し、津波警報が出たらすぐに避難できるようにしてください。",
        "くに や まち の おしらせ を きいて ください。にげる ところ と みち、"
        "みず と たべもの を たしかめて ください。",
    ),
    "cancelled": Action(
        pgettext_lazy("alert", "You do not need to act on the earlier message."),
        "先の情報に基づく行動は必要ありません。",
        "まえ の おしらせ は わすれて ください。",
    ),
    "lifted": Action(
        pgettext_lazy("alert", "Stay careful and follow your municipality's information."),
        "引き続き市町村の情報に注意してください。",
        "まち の おしらせ に ちゅうい して ください。",
    ),
}


def _t(title: Promise, body: Promise, ja: tuple[str, str], easy: tuple[str, str]) -> Template:
    return Template(title=title, body=body, ja=ja, easy=easy)


TEMPLATES: dict[str, Template] = {
    # ---------------------------------------------------------------- tsunami warnings
    "tsunami_warning.issue": _t(
        pgettext_lazy("alert", "%(category)s for %(areas)s — go to high ground now"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has issued a %(category)s for %(areas)s. "
            "Expected height: %(height)s.",
        ),
        (
            "%(category)s　%(areas)s　ただちに避難",
            "気象庁は%(areas)sに%(category)sを発表しました。予想される津波の高さは%(height)sです。",
        ),
        (
            "%(category)s　%(areas)s　すぐ にげて",
            "%(areas)s に %(category)s が でました。つなみ の たかさ は %(height)s です。",
        ),
    ),
    "tsunami_warning.update": _t(
        pgettext_lazy("alert", "Tsunami warning updated: %(category)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The tsunami warning has been updated. Now in force: %(category)s for %(areas)s. "
            "Expected height: %(height)s.",
        ),
        (
            "津波警報の更新　%(areas)s　%(category)s",
            "津波警報が更新されました。現在、%(areas)sに%(category)sが発表されています。予想さ"
            "れる津波の高さは%(height)sです。",
        ),
        (
            "つなみ の おしらせ が かわりました",
            "いま %(areas)s に %(category)s が でて います。つなみ の たかさ は %(height)s です。",
        ),
    ),
    "tsunami_warning.correction": _t(
        pgettext_lazy("alert", "Correction: %(category)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier tsunami information. "
            "Correct information: %(category)s for %(areas)s. Expected height: %(height)s.",
        ),
        (
            "訂正　%(category)s　%(areas)s",
            "気象庁は先に発表した津波の情報を訂正しました。正しくは、%(areas)sに%(category)s"
            "です。予想される津波の高さは%(height)sです。",
        ),
        (
            "なおし　%(category)s　%(areas)s",
            "まえ の おしらせ に まちがい が ありました。"
            "ただしく は %(areas)s に %(category)s です。",
        ),
    ),
    "tsunami_warning.cancellation": _t(
        pgettext_lazy("alert", "Cancelled: the earlier tsunami warning for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the tsunami information it issued "
            "earlier for %(areas)s. It was sent in error.",
        ),
        (
            "取消　%(areas)sの津波警報",
            "気象庁は先に%(areas)sに発表した津波の情報を取り消しました。",
        ),
        (
            "とりけし　%(areas)s の つなみ の おしらせ",
            "まえ の つなみ の おしらせ は まちがい でした。とりけし ます。",
        ),
    ),
    "tsunami_warning.lifting": _t(
        pgettext_lazy("alert", "Tsunami warning lifted for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The tsunami warning for %(areas)s has been lifted. Small changes in sea level may "
            "continue; take care near the sea.",
        ),
        (
            "津波警報解除　%(areas)s",
            "%(areas)sの津波警報は解除されました。若干の海面変動が続く可能性があるため、海に"
            "入っての作業や釣りなどには十分注意してください。",
        ),
        (
            "つなみ の けいほう は おわりました",
            "%(areas)s の つなみ の けいほう は おわりました。"
            "うみ では まだ ちゅうい して ください。",
        ),
    ),
    # ---------------------------------------------------------------- tsunami advisories
    "tsunami_advisory.issue": _t(
        pgettext_lazy("alert", "Tsunami advisory for %(areas)s — leave the shore"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has issued a tsunami advisory for %(areas)s. "
            "Expected height: %(height)s.",
        ),
        (
            "津波注意報　%(areas)s",
            "気象庁は%(areas)sに津波注意報を発表しました。予想される津波の高さは%(height)sです。",
        ),
        (
            "つなみ ちゅういほう　%(areas)s",
            "%(areas)s に つなみ ちゅういほう が でました。つなみ の たかさ は %(height)s です。",
        ),
    ),
    "tsunami_advisory.update": _t(
        pgettext_lazy("alert", "Tsunami advisory updated for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The tsunami advisory has been updated. Now in force for %(areas)s. Expected "
            "height: %(height)s.",
        ),
        (
            "津波注意報の更新　%(areas)s",
            "津波注意報が更新されました。%(areas)sに津波注意報が発表されています。予想される津"
            "波の高さは%(height)sです。",
        ),
        (
            "つなみ ちゅういほう が かわりました",
            "いま %(areas)s に つなみ ちゅういほう が でて います。",
        ),
    ),
    "tsunami_advisory.correction": _t(
        pgettext_lazy("alert", "Correction: tsunami advisory for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier tsunami information. "
            "Correct information: tsunami advisory for %(areas)s.",
        ),
        (
            "訂正　津波注意報　%(areas)s",
            "気象庁は先に発表した津波の情報を訂正しました。正しくは、%(areas)sに津波注意報です。",
        ),
        (
            "なおし　つなみ ちゅういほう",
            "まえ の おしらせ に まちがい が ありました。"
            "ただしく は %(areas)s に つなみ ちゅういほう です。",
        ),
    ),
    "tsunami_advisory.cancellation": _t(
        pgettext_lazy("alert", "Cancelled: the earlier tsunami advisory for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the tsunami advisory it issued "
            "earlier for %(areas)s. It was sent in error.",
        ),
        (
            "取消　%(areas)sの津波注意報",
            "気象庁は先に%(areas)sに発表した津波注意報を取り消しました。",
        ),
        (
            "とりけし　つなみ ちゅういほう",
            "まえ の つなみ ちゅういほう は まちがい でした。とりけし ます。",
        ),
    ),
    "tsunami_advisory.lifting": _t(
        pgettext_lazy("alert", "Tsunami advisory lifted for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The tsunami advisory for %(areas)s has been lifted. Small changes in sea level may "
            "continue; take care near the sea.",
        ),
        (
            "津波注意報解除　%(areas)s",
            "%(areas)sの津波注意報は解除されました。若干の海面変動が続く可能性があります。",
        ),
        (
            "つなみ ちゅういほう は おわりました",
            "%(areas)s の つなみ ちゅういほう は おわりました。",
        ),
    ),
    # ---------------------------------------------------------------- earthquakes
    "earthquake.issue": _t(
        pgettext_lazy("alert", "Earthquake: intensity %(intensity)s in %(areas)s"),
        pgettext_lazy(
            "alert",
            "An earthquake occurred near %(epicentre)s (magnitude %(magnitude)s). Maximum "
            "intensity %(intensity)s was observed in %(areas)s.",
        ),
        (
            "地震情報　%(areas)sで震度%(intensity)s",
            "%(epicentre)sで地震がありました（マグニチュード%(magnitude)s）。%(areas)sで最大"
            "震度%(intensity)sを観測しました。",
        ),
        (
            "じしん　%(areas)s で しんど %(intensity)s",
            "%(epicentre)s で じしん が ありました。%(areas)s で しんど %(intensity)s でした。",
        ),
    ),
    "earthquake.update": _t(
        pgettext_lazy("alert", "Earthquake update: intensity %(intensity)s in %(areas)s"),
        pgettext_lazy(
            "alert",
            "New information on the earthquake near %(epicentre)s (magnitude %(magnitude)s): "
            "maximum intensity %(intensity)s in %(areas)s.",
        ),
        (
            "地震情報（続報）　%(areas)sで震度%(intensity)s",
            "%(epicentre)sの地震（マグニチュード%(magnitude)s）の続報です。%(areas)sで最大震度"
            "%(intensity)sを観測しました。",
        ),
        (
            "じしん の つぎ の おしらせ",
            "%(epicentre)s の じしん の つぎ の おしらせ です。"
            "%(areas)s で しんど %(intensity)s でした。",
        ),
    ),
    "earthquake.correction": _t(
        pgettext_lazy("alert", "Correction: earthquake information for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier earthquake information. "
            "Correct information: intensity %(intensity)s in %(areas)s, near %(epicentre)s "
            "(magnitude %(magnitude)s).",
        ),
        (
            "訂正　地震情報　%(areas)s",
            "気象庁は先に発表した地震情報を訂正しました。正しくは、%(epicentre)sの地震（マグニ"
            "チュード%(magnitude)s）で、%(areas)sの最大震度は%(intensity)sです。",
        ),
        (
            "なおし　じしん の おしらせ",
            "まえ の おしらせ に まちがい が ありました。"
            "ただしく は %(areas)s で しんど %(intensity)s です。",
        ),
    ),
    "earthquake.cancellation": _t(
        pgettext_lazy("alert", "Cancelled: the earlier earthquake information"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the earthquake information it issued "
            "earlier for %(areas)s. It was sent in error.",
        ),
        (
            "取消　地震情報",
            "気象庁は先に発表した%(areas)sの地震情報を取り消しました。",
        ),
        (
            "とりけし　じしん の おしらせ",
            "まえ の じしん の おしらせ は まちがい でした。とりけし ます。",
        ),
    ),
    "earthquake.lifting": _t(
        pgettext_lazy("alert", "Earthquake information closed for %(areas)s"),
        pgettext_lazy(
            "alert",
            "There is no further information on the earthquake near %(epicentre)s for %(areas)s.",
        ),
        (
            "地震情報　終了　%(areas)s",
            "%(epicentre)sの地震に関する%(areas)sの情報は以上です。",
        ),
        (
            "じしん の おしらせ は おわり",
            "%(epicentre)s の じしん の おしらせ は これで おわり です。",
        ),
    ),
    # ---------------------------------------------------------------- earthquake early warning
    "eew.issue": _t(
        pgettext_lazy("alert", "Earthquake early warning: strong shaking in %(areas)s"),
        pgettext_lazy(
            "alert",
            "An earthquake early warning has been issued. Strong shaking (intensity "
            "%(intensity)s) is expected in %(areas)s.",
        ),
        (
            "緊急地震速報　%(areas)sで強い揺れ",
            "緊急地震速報（警報）が発表されました。%(areas)sで強い揺れ（震度%(intensity)s程度）が"
            "予想されます。",
        ),
        (
            "きんきゅう じしん そくほう",
            "%(areas)s で つよい ゆれ が きます。",
        ),
    ),
    "eew.update": _t(
        pgettext_lazy("alert", "Earthquake early warning updated: %(areas)s"),
        pgettext_lazy(
            "alert",
            "The earthquake early warning has been extended. Strong shaking (intensity "
            "%(intensity)s) is expected in %(areas)s.",
        ),
        (
            "緊急地震速報（続報）　%(areas)s",
            "緊急地震速報（警報）の続報です。%(areas)sで強い揺れ（震度%(intensity)s程度）が予想さ"
            "れます。",
        ),
        (
            "きんきゅう じしん そくほう（つづき）",
            "%(areas)s でも つよい ゆれ が きます。",
        ),
    ),
    "eew.correction": _t(
        pgettext_lazy("alert", "Correction: earthquake early warning for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The earthquake early warning has been corrected. Strong shaking is expected in "
            "%(areas)s.",
        ),
        (
            "訂正　緊急地震速報　%(areas)s",
            "緊急地震速報を訂正します。%(areas)sで強い揺れが予想されます。",
        ),
        (
            "なおし　きんきゅう じしん そくほう",
            "%(areas)s で つよい ゆれ が きます。",
        ),
    ),
    "eew.cancellation": _t(
        pgettext_lazy("alert", "Cancelled: the earthquake early warning"),
        pgettext_lazy(
            "alert",
            "The earthquake early warning issued for %(areas)s has been cancelled. It was "
            "sent in error.",
        ),
        (
            "取消　緊急地震速報",
            "先ほどの%(areas)sに対する緊急地震速報は取り消されました。",
        ),
        (
            "とりけし　きんきゅう じしん そくほう",
            "さっき の きんきゅう じしん そくほう は まちがい でした。",
        ),
    ),
    "eew.lifting": _t(
        pgettext_lazy("alert", "Earthquake early warning ended for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The earthquake early warning for %(areas)s has ended. Check the earthquake "
            "information that follows.",
        ),
        (
            "緊急地震速報　最終報　%(areas)s",
            "%(areas)sに対する緊急地震速報は最終報です。このあとの地震情報に注意してください。",
        ),
        (
            "きんきゅう じしん そくほう は おわり",
            "このあと の じしん の おしらせ を みて ください。",
        ),
    ),
    # ---------------------------------------------------------------- weather warnings
    "weather.issue": _t(
        pgettext_lazy("alert", "%(kinds)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has issued: %(kinds)s for %(areas)s.",
        ),
        (
            "%(kinds)s　%(areas)s",
            "気象庁は%(areas)sに%(kinds)sを発表しました。",
        ),
        (
            "%(kinds)s　%(areas)s",
            "%(areas)s に %(kinds)s が でました。",
        ),
    ),
    "weather.update": _t(
        pgettext_lazy("alert", "Weather warnings updated: %(kinds)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "Weather warnings have been updated. Now in force for %(areas)s: %(kinds)s.",
        ),
        (
            "気象警報の更新　%(areas)s",
            "気象警報が更新されました。%(areas)sに%(kinds)sが発表されています。",
        ),
        (
            "けいほう が かわりました",
            "いま %(areas)s に %(kinds)s が でて います。",
        ),
    ),
    "weather.correction": _t(
        pgettext_lazy("alert", "Correction: weather warnings for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier weather warnings. "
            "Correct information: %(kinds)s for %(areas)s.",
        ),
        (
            "訂正　気象警報　%(areas)s",
            "気象庁は先に発表した気象警報を訂正しました。正しくは、%(areas)sに%(kinds)sです。",
        ),
        (
            "なおし　けいほう",
            "まえ の おしらせ に まちがい が ありました。ただしく は %(areas)s に %(kinds)s です。",
        ),
    ),
    "weather.cancellation": _t(
        pgettext_lazy("alert", "Cancelled: the earlier weather warnings for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the weather warnings it issued "
            "earlier for %(areas)s. They were sent in error.",
        ),
        (
            "取消　%(areas)sの気象警報",
            "気象庁は先に%(areas)sに発表した気象警報を取り消しました。",
        ),
        (
            "とりけし　けいほう",
            "まえ の けいほう は まちがい でした。とりけし ます。",
        ),
    ),
    "weather.lifting": _t(
        pgettext_lazy("alert", "Lifted: %(kinds)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The following have been lifted for %(areas)s: %(kinds)s.",
        ),
        (
            "解除　%(kinds)s　%(areas)s",
            "%(areas)sの%(kinds)sは解除されました。",
        ),
        (
            "おわり　%(kinds)s",
            "%(areas)s の %(kinds)s は おわりました。",
        ),
    ),
    # ---------------------------------------------------------------- volcanoes
    "volcano.issue": _t(
        pgettext_lazy("alert", "Volcano: %(volcano)s — %(level)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has issued for %(volcano)s: %(level)s. Affected: "
            "%(areas)s.",
        ),
        (
            "火山　%(volcano)s　%(level)s",
            "気象庁は%(volcano)sに%(level)sを発表しました。対象市町村：%(areas)s。",
        ),
        (
            "かざん　%(volcano)s",
            "%(volcano)s に %(level)s が でました。",
        ),
    ),
    "volcano.update": _t(
        pgettext_lazy("alert", "Volcano update: %(volcano)s — %(level)s"),
        pgettext_lazy(
            "alert",
            "Volcanic information for %(volcano)s has been updated: %(level)s. Affected: "
            "%(areas)s.",
        ),
        (
            "火山（続報）　%(volcano)s　%(level)s",
            "%(volcano)sの火山情報が更新されました。%(level)s。対象市町村：%(areas)s。",
        ),
        (
            "かざん の おしらせ が かわりました",
            "%(volcano)s は いま %(level)s です。",
        ),
    ),
    "volcano.correction": _t(
        pgettext_lazy("alert", "Correction: volcanic information for %(volcano)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier volcanic information. "
            "Correct information for %(volcano)s: %(level)s.",
        ),
        (
            "訂正　火山　%(volcano)s",
            "気象庁は先に発表した火山の情報を訂正しました。正しくは、%(volcano)sに%(level)sです。",
        ),
        (
            "なおし　かざん",
            "まえ の おしらせ に まちがい が ありました。%(volcano)s は %(level)s です。",
        ),
    ),
    "volcano.cancellation": _t(
        pgettext_lazy("alert", "Cancelled: the earlier volcanic information for %(volcano)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the volcanic information it issued "
            "earlier for %(volcano)s. It was sent in error.",
        ),
        (
            "取消　%(volcano)sの火山情報",
            "気象庁は先に発表した%(volcano)sの火山情報を取り消しました。",
        ),
        (
            "とりけし　かざん の おしらせ",
            "まえ の かざん の おしらせ は まちがい でした。",
        ),
    ),
    "volcano.lifting": _t(
        pgettext_lazy("alert", "Volcanic warning lowered for %(volcano)s"),
        pgettext_lazy(
            "alert",
            "The warning for %(volcano)s has been lowered: %(level)s.",
        ),
        (
            "火山　警報引下げ　%(volcano)s",
            "%(volcano)sの警報は引き下げられました。%(level)s。",
        ),
        (
            "かざん の けいほう が さがりました",
            "%(volcano)s は いま %(level)s です。",
        ),
    ),
    # ---------------------------------------------------------------- Nankai Trough (VYSE50)
    "nankai.issue": _t(
        pgettext_lazy("alert", "Nankai Trough earthquake extra information: %(status)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has issued Nankai Trough earthquake extra "
            "information (%(status)s) for %(areas)s and other areas.",
        ),
        (
            "南海トラフ地震臨時情報（%(status)s）",
            "気象庁は南海トラフ地震臨時情報（%(status)s）を発表しました。対象：%(areas)sなど。",
        ),
        (
            "なんかい トラフ じしん の おしらせ（%(status)s）",
            "おおきい じしん が くる かもしれません。（%(status)s）",
        ),
    ),
    "nankai.update": _t(
        pgettext_lazy("alert", "Nankai Trough earthquake information updated: %(status)s"),
        pgettext_lazy(
            "alert",
            "The Nankai Trough earthquake extra information has been updated: %(status)s.",
        ),
        (
            "南海トラフ地震臨時情報（%(status)s）続報",
            "南海トラフ地震臨時情報が更新されました。現在：%(status)s。",
        ),
        (
            "なんかい トラフ じしん の おしらせ が かわりました",
            "いま は %(status)s です。",
        ),
    ),
    "nankai.correction": _t(
        pgettext_lazy("alert", "Correction: Nankai Trough earthquake information"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its Nankai Trough earthquake "
            "information. Correct information: %(status)s.",
        ),
        (
            "訂正　南海トラフ地震臨時情報",
            "気象庁は南海トラフ地震臨時情報を訂正しました。正しくは「%(status)s」です。",
        ),
        (
            "なおし　なんかい トラフ じしん の おしらせ",
            "まえ の おしらせ に まちがい が ありました。ただしく は %(status)s です。",
        ),
    ),
    "nankai.cancellation": _t(
        pgettext_lazy("alert", "Cancelled: the earlier Nankai Trough earthquake information"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the Nankai Trough earthquake "
            "information it issued earlier. It was sent in error.",
        ),
        (
            "取消　南海トラフ地震臨時情報",
            "気象庁は先に発表した南海トラフ地震臨時情報を取り消しました。",
        ),
        (
            "とりけし　なんかい トラフ じしん の おしらせ",
            "まえ の おしらせ は まちがい でした。",
        ),
    ),
    "nankai.lifting": _t(
        pgettext_lazy("alert", "Nankai Trough earthquake information: investigation ended"),
        pgettext_lazy(
            "alert",
            "The investigation has ended. Special measures are no longer needed, but a large "
            "earthquake can happen at any time: keep your everyday preparations.",
        ),
        (
            "南海トラフ地震臨時情報（調査終了）",
            "調査は終了しました。特別な対応は必要ありませんが、大規模地震はいつ起きてもおかしく"
            "ないため、日頃からの備えを続けてください。",
        ),
        (
            "なんかい トラフ じしん の しらべ は おわりました",
            "いつも の そなえ を つづけて ください。",
        ),
    ),
    # ---------------------------------------------------------------- organisations' own alerts
    "local.evacuation_order.issue": _t(
        pgettext_lazy("alert", "Evacuation order: %(district)s"),
        pgettext_lazy(
            "alert",
            "%(organisation)s has issued an evacuation order for %(district)s. Go to "
            "%(shelter)s now or to a safe place nearby.",
        ),
        (
            "緊急安全確保・避難指示　%(district)s",
            "%(organisation)sは%(district)sに避難指示を発令しました。ただちに%(shelter)sまたは"
            "近くの安全な場所へ避難してください。",
        ),
        (
            "ひなん して ください　%(district)s",
            "%(district)s の ひと は すぐ %(shelter)s に にげて ください。",
        ),
    ),
    "local.shelter_open.issue": _t(
        pgettext_lazy("alert", "Evacuation shelter open: %(shelter)s"),
        pgettext_lazy(
            "alert",
            "%(organisation)s has opened the evacuation shelter %(shelter)s for %(district)s. "
            "Anyone may come, whatever their nationality.",
        ),
        (
            "避難所開設　%(shelter)s",
            "%(organisation)sは%(district)s向けに避難所（%(shelter)s）を開設しました。国籍に"
            "関係なく誰でも利用できます。",
        ),
        (
            "ひなんじょ が あきました",
            "%(shelter)s に だれ でも いく こと が できます。",
        ),
    ),
    "local.all_clear.lifting": _t(
        pgettext_lazy("alert", "Evacuation order lifted: %(district)s"),
        pgettext_lazy(
            "alert",
            "%(organisation)s has lifted the evacuation order for %(district)s.",
        ),
        (
            "避難指示解除　%(district)s",
            "%(organisation)sは%(district)sの避難指示を解除しました。",
        ),
        (
            "ひなん は おわりました",
            "%(district)s の ひなん は おわりました。",
        ),
    ),
}

LOCAL_TEMPLATES = tuple(key for key in TEMPLATES if key.startswith("local."))

# Terms used inside placeholders, translated like the templates.
TSUNAMI_CATEGORIES: dict[str, tuple[Promise, str, str]] = {
    "major_warning": (
        pgettext_lazy("alert", "major tsunami warning"),
        "大津波警報",
        "おおつなみ けいほう",
    ),
    "warning": (pgettext_lazy("alert", "tsunami warning"), "津波警報", "つなみ けいほう"),
    "advisory": (pgettext_lazy("alert", "tsunami advisory"), "津波注意報", "つなみ ちゅういほう"),
}

NANKAI_STATUSES: dict[str, tuple[Promise, str, str]] = {
    "investigating": (pgettext_lazy("alert", "under investigation"), "調査中", "しらべて いる"),
    "warning": (
        pgettext_lazy("alert", "megaquake warning"),
        "巨大地震警戒",
        "おおきい じしん に けいかい",
    ),
    "advisory": (
        pgettext_lazy("alert", "megaquake advisory"),
        "巨大地震注意",
        "おおきい じしん に ちゅうい",
    ),
    "ended": (pgettext_lazy("alert", "investigation ended"), "調査終了", "しらべ は おわり"),
}

HEIGHTS: dict[str, tuple[Promise, str, str]] = {
    "huge": (pgettext_lazy("alert", "huge"), "巨大", "とても たかい"),
    "high": (pgettext_lazy("alert", "high"), "高い", "たかい"),
    "unknown": (pgettext_lazy("alert", "not yet known"), "不明", "まだ わからない"),
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
INTENSITY_JA = {"5-": "5弱", "5+": "5強", "6-": "6弱", "6+": "6強"}

# Weather warning kinds, recognised by a word in JMA's kind name.
WEATHER_KINDS: tuple[tuple[str, Promise, str], ...] = (
    ("大雨", pgettext_lazy("alert", "heavy rain"), "おおあめ"),
    ("洪水", pgettext_lazy("alert", "flooding"), "こうずい"),
    ("暴風", pgettext_lazy("alert", "storm"), "ぼうふう"),
    ("暴風雪", pgettext_lazy("alert", "snowstorm"), "ぼうふうせつ"),
    ("大雪", pgettext_lazy("alert", "heavy snow"), "おおゆき"),
    ("波浪", pgettext_lazy("alert", "high waves"), "たかい なみ"),
    ("高潮", pgettext_lazy("alert", "storm surge"), "たかしお"),
    ("土砂災害警戒", pgettext_lazy("alert", "landslide alert"), "どしゃくずれ の けいかい"),
    ("土砂", pgettext_lazy("alert", "landslides"), "どしゃ くずれ"),
    ("竜巻", pgettext_lazy("alert", "tornadoes"), "たつまき"),
    ("氾濫", pgettext_lazy("alert", "river flooding"), "かわ の はんらん"),
)
WEATHER_SEVERITIES: dict[int, tuple[Promise, str, str]] = {
    1: (pgettext_lazy("alert", "advisory"), "注意報", "ちゅういほう"),
    2: (pgettext_lazy("alert", "warning"), "警報", "けいほう"),
    3: (pgettext_lazy("alert", "danger warning"), "危険警報", "きけん けいほう"),
    4: (pgettext_lazy("alert", "emergency warning"), "特別警報", "とくべつ けいほう"),
}
WEATHER_KIND_FORMAT = pgettext_lazy("alert", "%(hazard)s %(severity)s")
VOLCANO_LEVEL_FORMAT = pgettext_lazy("alert", "volcanic alert level %(level)s")
VOLCANO_WARNING = pgettext_lazy("alert", "volcanic warning")
LIST_SEPARATOR = pgettext_lazy("alert list separator", ", ")
AND_MORE = pgettext_lazy("alert", "%(list)s and %(count)s more")
