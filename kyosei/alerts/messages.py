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
    "record_rain": Action(
        pgettext_lazy(
            "alert",
            "Move to safety now: if you are near a river or a steep slope, go to a sturdy "
            "building or an upper floor. Do not go outside to look at rivers, canals or fields.",
        ),
        "ただちに身の安全を確保してください。川や崖の近くにいる人は、頑丈な建物や上の階など安全な"
        "場所へ移動してください。川や用水路、田畑の様子を見に行かないでください。",
        "すぐに あんぜん な ところ へ いって ください。かわ を みに いかないで ください。",
    ),
    "tornado": Action(
        pgettext_lazy(
            "alert",
            "If dark clouds come near, you hear thunder or a cold wind starts suddenly, go into "
            "a sturdy building at once. Keep away from windows and stay in an inner room.",
        ),
        "真っ黒い雲が近づく、雷が聞こえる、急に冷たい風が吹くなどの兆しがあれば、ただちに頑丈な"
        "建物の中に移動してください。窓から離れ、窓のない部屋などで身を守ってください。",
        "くろい くも や かみなり が きたら、すぐ じょうぶな たてもの の なか に はいって "
        "ください。まど から はなれて ください。",
    ),
    "emergency_warning_notice": Action(
        pgettext_lazy(
            "alert",
            "Protect your life now. If going to a shelter is already dangerous, move to the "
            "safest place you can reach: an upper floor, or a room away from slopes.",
        ),
        "ただちに命を守る行動をとってください。避難場所への移動がかえって危険な場合は、建物の上の"
        "階や崖から離れた部屋など、少しでも安全な場所へ移動してください。",
        "すぐ いのち を まもって ください。そと が あぶない とき は、たてもの の うえ の "
        "かい など、あんぜん な ところ に いて ください。",
    ),
    "heat": Action(
        pgettext_lazy(
            "alert",
            "Use the air conditioning and stay somewhere cool. Drink water often, even before "
            "you feel thirsty, and avoid going out in the heat. Check on older neighbours and "
            "people who live alone.",
        ),
        "エアコン等を使って涼しい環境で過ごし、のどが渇く前にこまめに水分・塩分を補給してください。"
        "暑い時間の外出は避け、高齢者など周りの人にも声をかけてください。",
        "エアコン を つけて、すずしい へや に いて ください。みず を たくさん のんで ください。"
        "ちかく の おとしより にも こえ を かけて ください。",
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
    # ---------------------------------------------------------------- record rain (VPOA50)
    "record_rain.issue": _t(
        pgettext_lazy("alert", "Record short-duration heavy rain in %(areas)s — move to safety"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has observed or analysed record short-duration "
            "heavy rain in %(areas)s: rain this heavy is seen there only once in several years. "
            "Floods and landslides are likely nearby.",
        ),
        (
            "記録的短時間大雨情報　%(areas)s",
            "気象庁は%(areas)sで記録的短時間大雨を観測・解析しました。数年に一度しか発生しない"
            "ような短時間の大雨です。近くで土砂災害や浸水害、洪水災害が発生するおそれがあります。",
        ),
        (
            "とても つよい あめ　%(areas)s",
            "%(areas)s で とても つよい あめ が ふって います。ちかく で かわ が あふれたり、"
            "がけ が くずれたり する かもしれません。",
        ),
    ),
    "record_rain.update": _t(
        pgettext_lazy("alert", "More record short-duration heavy rain in %(areas)s"),
        pgettext_lazy(
            "alert",
            "Record short-duration heavy rain has again been observed or analysed in %(areas)s. "
            "Floods and landslides are likely nearby.",
        ),
        (
            "記録的短時間大雨情報（続報）　%(areas)s",
            "%(areas)sで再び記録的短時間大雨を観測・解析しました。近くで土砂災害や浸水害、洪水"
            "災害が発生するおそれがあります。",
        ),
        (
            "また とても つよい あめ　%(areas)s",
            "%(areas)s で また とても つよい あめ が ふりました。"
            "かわ が あふれたり、がけ が くずれたり する かもしれません。",
        ),
    ),
    "record_rain.correction": _t(
        pgettext_lazy("alert", "Correction: record short-duration heavy rain in %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier record short-duration "
            "heavy rain information. Correct information: record rain in %(areas)s.",
        ),
        (
            "訂正　記録的短時間大雨情報　%(areas)s",
            "気象庁は先に発表した記録的短時間大雨情報を訂正しました。正しくは、%(areas)sで記録的"
            "短時間大雨を観測・解析しました。",
        ),
        (
            "なおし　とても つよい あめ",
            "まえ の おしらせ に まちがい が ありました。"
            "ただしく は %(areas)s で とても つよい あめ が ふりました。",
        ),
    ),
    "record_rain.cancellation": _t(
        pgettext_lazy("alert", "Cancelled: the earlier record rain information for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the record short-duration heavy rain "
            "information it issued earlier for %(areas)s. It was sent in error.",
        ),
        (
            "取消　%(areas)sの記録的短時間大雨情報",
            "気象庁は先に%(areas)sに発表した記録的短時間大雨情報を取り消しました。",
        ),
        (
            "とりけし　とても つよい あめ の おしらせ",
            "まえ の とても つよい あめ の おしらせ は まちがい でした。とりけし ます。",
        ),
    ),
    "record_rain.lifting": _t(
        pgettext_lazy("alert", "Record rain information closed for %(areas)s"),
        pgettext_lazy(
            "alert",
            "There is no further record short-duration heavy rain information for %(areas)s. "
            "Floods and landslides can still happen after the rain stops: stay careful.",
        ),
        (
            "記録的短時間大雨情報　終了　%(areas)s",
            "%(areas)sの記録的短時間大雨に関する情報は以上です。雨が弱まっても、土砂災害や洪水に"
            "引き続き注意してください。",
        ),
        (
            "とても つよい あめ の おしらせ は おわり",
            "あめ が よわく なって も、がけ や かわ に ちかづかないで ください。",
        ),
    ),
    # ---------------------------------------------------------------- tornado alert (VPHW50)
    "tornado.issue": _t(
        pgettext_lazy("alert", "Tornado alert for %(areas)s %(valid)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has issued a tornado alert for %(areas)s: "
            "conditions favour tornadoes and other violent gusts of wind. The alert is valid "
            "%(valid)s.",
        ),
        (
            "竜巻注意情報　%(areas)s（%(valid)s）",
            "気象庁は%(areas)sに竜巻注意情報を発表しました。竜巻などの激しい突風が発生しやすい"
            "気象状況になっています。この情報は%(valid)s有効です。",
        ),
        (
            "たつまき に ちゅうい　%(areas)s",
            "%(areas)s で たつまき など の つよい かぜ が ふく かもしれません。"
            "%(valid)s ちゅうい して ください。",
        ),
    ),
    "tornado.update": _t(
        pgettext_lazy("alert", "Tornado alert extended for %(areas)s %(valid)s"),
        pgettext_lazy(
            "alert",
            "The tornado alert for %(areas)s has been issued again: conditions still favour "
            "tornadoes and other violent gusts of wind. The alert is now valid %(valid)s.",
        ),
        (
            "竜巻注意情報（続報）　%(areas)s（%(valid)s）",
            "%(areas)sに竜巻注意情報を再び発表しました。竜巻などの激しい突風が発生しやすい気象"
            "状況が続いています。この情報は%(valid)s有効です。",
        ),
        (
            "たつまき に まだ ちゅうい　%(areas)s",
            "%(areas)s で まだ たつまき など の つよい かぜ が ふく かもしれません。"
            "%(valid)s ちゅうい して ください。",
        ),
    ),
    "tornado.correction": _t(
        pgettext_lazy("alert", "Correction: tornado alert for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier tornado alert. Correct "
            "information: tornado alert for %(areas)s, valid %(valid)s.",
        ),
        (
            "訂正　竜巻注意情報　%(areas)s",
            "気象庁は先に発表した竜巻注意情報を訂正しました。正しくは、%(areas)sに竜巻注意情報"
            "（%(valid)s有効）です。",
        ),
        (
            "なおし　たつまき の おしらせ",
            "まえ の おしらせ に まちがい が ありました。"
            "ただしく は %(areas)s で たつまき に ちゅうい です。",
        ),
    ),
    "tornado.cancellation": _t(
        pgettext_lazy("alert", "Cancelled: the earlier tornado alert for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the tornado alert it issued earlier "
            "for %(areas)s. It was sent in error.",
        ),
        (
            "取消　%(areas)sの竜巻注意情報",
            "気象庁は先に%(areas)sに発表した竜巻注意情報を取り消しました。",
        ),
        (
            "とりけし　たつまき の おしらせ",
            "まえ の たつまき の おしらせ は まちがい でした。とりけし ます。",
        ),
    ),
    "tornado.lifting": _t(
        pgettext_lazy("alert", "Tornado alert ended for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The tornado alert for %(areas)s has ended. Thunderstorms may continue: watch out "
            "for lightning and sudden heavy rain.",
        ),
        (
            "竜巻注意情報　終了　%(areas)s",
            "%(areas)sの竜巻注意情報は有効期間が終わりました。引き続き落雷や急な強い雨に注意して"
            "ください。",
        ),
        (
            "たつまき の おしらせ は おわり",
            "%(areas)s の たつまき の おしらせ は おわりました。かみなり に は ちゅうい して "
            "ください。",
        ),
    ),
    # ---------------------------------------------------------------- emergency warning (VPNO50)
    "emergency_warning_notice.issue": _t(
        pgettext_lazy("alert", "%(kinds)s in %(areas)s — protect your life now"),
        pgettext_lazy(
            "alert",
            "An emergency warning is in force in %(areas)s (%(kinds)s), for %(places)s. A "
            "disaster of a kind seen only once in several decades may be happening. Protect "
            "your life now.",
        ),
        (
            "%(kinds)s　%(areas)s　ただちに命を守る行動を",
            "%(areas)sに%(kinds)sが発表されています。対象：%(places)s。数十年に一度の、これまでに"
            "経験したことのないような重大な災害が起きているおそれがあります。ただちに命を守る行動を"
            "とってください。",
        ),
        (
            "%(kinds)s　%(areas)s　いのち を まもって",
            "%(areas)s に %(kinds)s が でて います（%(places)s）。とても おおきい さいがい が "
            "おきて いる かもしれません。すぐ いのち を まもって ください。",
        ),
    ),
    "emergency_warning_notice.update": _t(
        pgettext_lazy("alert", "Emergency warning updated for %(areas)s: %(kinds)s"),
        pgettext_lazy(
            "alert",
            "The emergency warning for %(areas)s has been updated. Now in force: %(kinds)s, for "
            "%(places)s. Protect your life now.",
        ),
        (
            "特別警報（続報）　%(areas)s　%(kinds)s",
            "%(areas)sの特別警報が更新されました。現在、%(kinds)sが発表されています。対象："
            "%(places)s。ただちに命を守る行動をとってください。",
        ),
        (
            "とくべつ けいほう が かわりました　%(areas)s",
            "いま %(areas)s に %(kinds)s が でて います（%(places)s）。"
            "すぐ いのち を まもって ください。",
        ),
    ),
    "emergency_warning_notice.correction": _t(
        pgettext_lazy("alert", "Correction: emergency warning for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has corrected its earlier emergency warning "
            "information. Correct information: %(kinds)s for %(areas)s, for %(places)s.",
        ),
        (
            "訂正　特別警報　%(areas)s",
            "気象庁は先に発表した特別警報の情報を訂正しました。正しくは、%(areas)sに%(kinds)sです。"
            "対象：%(places)s。",
        ),
        (
            "なおし　とくべつ けいほう",
            "まえ の おしらせ に まちがい が ありました。ただしく は %(areas)s に %(kinds)s です。",
        ),
    ),
    "emergency_warning_notice.cancellation": _t(
        pgettext_lazy(
            "alert", "Cancelled: the earlier emergency warning information for %(areas)s"
        ),
        pgettext_lazy(
            "alert",
            "The Japan Meteorological Agency has cancelled the emergency warning information it "
            "issued earlier for %(areas)s. It was sent in error.",
        ),
        (
            "取消　%(areas)sの特別警報",
            "気象庁は先に%(areas)sに発表した特別警報の情報を取り消しました。",
        ),
        (
            "とりけし　とくべつ けいほう",
            "まえ の とくべつ けいほう の おしらせ は まちがい でした。とりけし ます。",
        ),
    ),
    "emergency_warning_notice.lifting": _t(
        pgettext_lazy("alert", "Emergency warning lifted for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The emergency warning for %(areas)s has been lifted. Warnings or advisories may "
            "still be in force, and landslides and floods can still happen: stay careful.",
        ),
        (
            "特別警報解除　%(areas)s",
            "%(areas)sの特別警報は解除されました。警報や注意報が引き続き発表されている場合が"
            "あります。土砂災害や洪水に引き続き警戒してください。",
        ),
        (
            "とくべつ けいほう は おわりました",
            "%(areas)s の とくべつ けいほう は おわりました。でも まだ あぶない ところ が "
            "あります。ちゅうい して ください。",
        ),
    ),
    # ---------------------------------------------------------------- heat-stroke alert (VPFT50)
    "heat.issue": _t(
        pgettext_lazy("alert", "%(alert)s for %(areas)s: %(day)s"),
        pgettext_lazy(
            "alert",
            "The Ministry of the Environment and the Japan Meteorological Agency have issued a "
            "%(alert)s for %(areas)s for %(day)s. It is expected to be dangerously hot, with a "
            "high risk of heat stroke.",
        ),
        (
            "%(alert)s　%(areas)s　%(day)s",
            "環境省と気象庁は%(areas)sに%(alert)sを発表しました。%(day)sは気温が著しく高くなり、"
            "熱中症による健康被害が生じるおそれがあります。",
        ),
        (
            "%(alert)s　%(areas)s　%(day)s",
            "%(areas)s は %(day)s とても あつく なります。"
            "ねっちゅうしょう に きを つけて ください。",
        ),
    ),
    "heat.update": _t(
        pgettext_lazy("alert", "%(alert)s for %(areas)s continues: %(day)s"),
        pgettext_lazy(
            "alert",
            "The %(alert)s for %(areas)s remains in force for %(day)s. It is still expected to "
            "be dangerously hot: do not let your guard down.",
        ),
        (
            "%(alert)s（続報）　%(areas)s　%(day)s",
            "%(areas)sの%(alert)sは引き続き発表されています。%(day)sは熱中症への警戒を緩めない"
            "でください。",
        ),
        (
            "%(alert)s が つづいて います　%(areas)s",
            "%(areas)s は %(day)s も とても あつい です。"
            "ねっちゅうしょう に きを つけて ください。",
        ),
    ),
    "heat.correction": _t(
        pgettext_lazy("alert", "Correction: %(alert)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The earlier heat stroke information has been corrected. Correct information: "
            "%(alert)s for %(areas)s for %(day)s.",
        ),
        (
            "訂正　%(alert)s　%(areas)s",
            "先に発表した熱中症の情報を訂正しました。正しくは、%(areas)sに%(day)sの%(alert)sです。",
        ),
        (
            "なおし　%(alert)s",
            "まえ の おしらせ に まちがい が ありました。"
            "ただしく は %(areas)s に %(day)s の %(alert)s です。",
        ),
    ),
    "heat.cancellation": _t(
        pgettext_lazy("alert", "Cancelled: the earlier %(alert)s for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The %(alert)s issued earlier for %(areas)s has been cancelled. It was sent in error.",
        ),
        (
            "取消　%(areas)sの%(alert)s",
            "先に%(areas)sに発表した%(alert)sを取り消しました。",
        ),
        (
            "とりけし　%(alert)s",
            "まえ の %(alert)s は まちがい でした。とりけし ます。",
        ),
    ),
    "heat.lifting": _t(
        pgettext_lazy("alert", "%(alert)s ended for %(areas)s"),
        pgettext_lazy(
            "alert",
            "The %(alert)s for %(areas)s has ended. It can still be hot: keep drinking water "
            "and stay somewhere cool.",
        ),
        (
            "%(alert)s　終了　%(areas)s",
            "%(areas)sの%(alert)sの対象期間は終わりました。引き続き、こまめな水分補給やエアコン"
            "の使用など、熱中症に注意してください。",
        ),
        (
            "%(alert)s は おわりました",
            "まだ あつい ので、みず を のんで、すずしい ところ に いて ください。",
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
# Tornado alert validity (%(valid)s): until a JST time, or JMA's usual hour when none is given.
TORNADO_VALID_UNTIL: tuple[Promise, str, str] = (
    pgettext_lazy("alert", "until %(time)s"),
    "%(time)sまで",
    "%(time)s まで",
)
TORNADO_VALID_HOUR: tuple[Promise, str, str] = (
    pgettext_lazy("alert", "for about an hour"),
    "約1時間",
    "1じかん ぐらい",
)
HEAT_ALERTS: dict[str, tuple[Promise, str, str]] = {
    "alert": (
        pgettext_lazy("alert", "heat stroke alert"),
        "熱中症警戒アラート",
        "ねっちゅうしょう けいかい アラート",
    ),
    "special": (
        pgettext_lazy("alert", "special heat stroke alert"),
        "熱中症特別警戒アラート",
        "ねっちゅうしょう とくべつ けいかい アラート",
    ),
}
# The day a heat-stroke alert is for (%(day)s), with its date.
HEAT_DAYS: dict[str, tuple[Promise, str, str]] = {
    "today": (pgettext_lazy("alert", "today (%(date)s)"), "今日（%(date)s）", "きょう（%(date)s）"),
    "tomorrow": (
        pgettext_lazy("alert", "tomorrow (%(date)s)"),
        "明日（%(date)s）",
        "あした（%(date)s）",
    ),
}
# The first line of a resident's own push or email: which of the places they follow it is about.
YOUR_AREA: tuple[Promise, str, str] = (
    pgettext_lazy("alert", "Your area: %(area)s"),
    "あなたの地域：%(area)s",
    "あなたの ちいき：%(area)s",
)
LIST_SEPARATOR = pgettext_lazy("alert list separator", ", ")
AND_MORE = pgettext_lazy("alert", "%(list)s and %(count)s more")

# -------------------------------------------------------------------------------------------
# Information after an earthquake, a tsunami or an eruption: EEW forecasts (VXSE44/45),
# hypocentre (VXSE52) and its revision (VXSE61), long-period ground motion (VXSE62), tsunami
# information (VTSE51) and offshore observation (VTSE52), eruption observation (VFVO52).
# -------------------------------------------------------------------------------------------

_TSUNAMI_STAY = Action(
    pgettext_lazy(
        "alert",
        "Stay on high ground or in a tall, sturdy building. The waves may get higher and can "
        "keep coming for hours: do not go back until the warning or advisory is lifted.",
    ),
    "津波は高くなることがあり、何時間も繰り返し襲ってきます。警報・注意報が解除されるまで、高台"
    "など安全な場所から離れないでください。",
    "つなみ は もっと たかく なる かもしれません。たかい ところ に いて ください。"
    "おわる まで もどらないで ください。",
)
ACTIONS.update(
    {
        "eew_forecast": Action(
            pgettext_lazy(
                "alert",
                "Shaking may come soon. Protect your head, keep away from windows and from "
                "things that can fall, and do not rush outside.",
            ),
            "揺れに備えてください。頭を守り、窓や倒れやすい物から離れてください。あわてて外に"
            "飛び出さないでください。",
            "ゆれ が くる かもしれません。あたま を まもって ください。"
            "まど から はなれて ください。",
        ),
        "earthquake_hypocentre": ACTIONS["earthquake"],
        "earthquake_revised": ACTIONS["earthquake"],
        "long_period": Action(
            pgettext_lazy(
                "alert",
                "In tall buildings, keep away from windows and from furniture that can slide or "
                "fall over. Do not use lifts until they have been checked.",
            ),
            "高層ビルなどでは、窓や、移動・転倒しやすい家具から離れてください。エレベーターは"
            "点検が終わるまで使わないでください。",
            "たかい ビル では まど や かぐ から はなれて ください。"
            "エレベーター に のらないで ください。",
        ),
        "tsunami_info": _TSUNAMI_STAY,
        "tsunami_offshore": _TSUNAMI_STAY,
        "volcano_observation": ACTIONS["volcano"],
    }
)

TEMPLATES.update(
    {
        # ------------------------------------------------------------ EEW forecast (予報)
        "eew_forecast.issue": _t(
            pgettext_lazy("alert", "Earthquake early warning (forecast): shaking in %(areas)s"),
            pgettext_lazy(
                "alert",
                "An earthquake early warning (forecast) has been issued for an earthquake near "
                "%(epicentre)s. Shaking of intensity %(intensity)s is expected in %(areas)s.",
            ),
            (
                "緊急地震速報（予報）　%(areas)s",
                "緊急地震速報（予報）が発表されました。%(epicentre)sで地震があり、%(areas)sで震度"
                "%(intensity)s程度の揺れが予想されます。",
            ),
            (
                "きんきゅう じしん そくほう（よほう）",
                "%(areas)s で ゆれ が くる かもしれません。しんど %(intensity)s ぐらい です。",
            ),
        ),
        "eew_forecast.update": _t(
            pgettext_lazy("alert", "Earthquake early warning (forecast) updated: %(areas)s"),
            pgettext_lazy(
                "alert",
                "The earthquake early warning (forecast) has been updated. Shaking of intensity "
                "%(intensity)s is now expected in %(areas)s.",
            ),
            (
                "緊急地震速報（予報）続報　%(areas)s",
                "緊急地震速報（予報）の続報です。%(areas)sで震度%(intensity)s程度の揺れが予想"
                "されます。",
            ),
            (
                "きんきゅう じしん そくほう（よほう）の つづき",
                "%(areas)s でも ゆれ が くる かもしれません。しんど %(intensity)s ぐらい です。",
            ),
        ),
        "eew_forecast.correction": _t(
            pgettext_lazy("alert", "Correction: earthquake early warning (forecast) for %(areas)s"),
            pgettext_lazy(
                "alert",
                "The earthquake early warning (forecast) has been corrected. Shaking of "
                "intensity %(intensity)s is expected in %(areas)s.",
            ),
            (
                "訂正　緊急地震速報（予報）　%(areas)s",
                "緊急地震速報（予報）を訂正します。%(areas)sで震度%(intensity)s程度の揺れが予想"
                "されます。",
            ),
            (
                "なおし　きんきゅう じしん そくほう（よほう）",
                "まえ の おしらせ に まちがい が ありました。%(areas)s で しんど "
                "%(intensity)s ぐらい の ゆれ が くる かもしれません。",
            ),
        ),
        "eew_forecast.cancellation": _t(
            pgettext_lazy("alert", "Cancelled: the earthquake early warning (forecast)"),
            pgettext_lazy(
                "alert",
                "The earthquake early warning (forecast) issued for %(areas)s has been "
                "cancelled. It was sent in error.",
            ),
            (
                "取消　緊急地震速報（予報）",
                "先ほどの%(areas)sに対する緊急地震速報（予報）は取り消されました。",
            ),
            (
                "とりけし　きんきゅう じしん そくほう（よほう）",
                "さっき の きんきゅう じしん そくほう（よほう）は まちがい でした。",
            ),
        ),
        "eew_forecast.lifting": _t(
            pgettext_lazy("alert", "Earthquake early warning (forecast) ended for %(areas)s"),
            pgettext_lazy(
                "alert",
                "The earthquake early warning (forecast) for %(areas)s has ended. Check the "
                "earthquake information that follows.",
            ),
            (
                "緊急地震速報（予報）　最終報　%(areas)s",
                "%(areas)sに対する緊急地震速報（予報）は最終報です。このあとの地震情報に注意して"
                "ください。",
            ),
            (
                "きんきゅう じしん そくほう（よほう）は おわり",
                "このあと の じしん の おしらせ を みて ください。",
            ),
        ),
        # ------------------------------------------------------------ hypocentre (VXSE52)
        "earthquake_hypocentre.issue": _t(
            pgettext_lazy(
                "alert", "Earthquake located near %(epicentre)s, magnitude %(magnitude)s"
            ),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency has located the earthquake: near "
                "%(epicentre)s, magnitude %(magnitude)s, depth %(depth)s. Tsunami: %(tsunami)s.",
            ),
            (
                "震源に関する情報　%(epicentre)s　M%(magnitude)s",
                "震源は%(epicentre)s、地震の規模（マグニチュード）は%(magnitude)s、深さは"
                "%(depth)sと推定されます。%(tsunami)s。",
            ),
            (
                "じしん の ばしょ が わかりました",
                "じしん の ばしょ は %(epicentre)s です。おおきさ（マグニチュード）は "
                "%(magnitude)s です。%(tsunami)s。",
            ),
        ),
        "earthquake_hypocentre.update": _t(
            pgettext_lazy(
                "alert", "Earthquake location updated: near %(epicentre)s, magnitude %(magnitude)s"
            ),
            pgettext_lazy(
                "alert",
                "New information on where the earthquake occurred: near %(epicentre)s, "
                "magnitude %(magnitude)s, depth %(depth)s. Tsunami: %(tsunami)s.",
            ),
            (
                "震源に関する情報（続報）　%(epicentre)s　M%(magnitude)s",
                "震源に関する情報の続報です。震源は%(epicentre)s、マグニチュードは%(magnitude)s、"
                "深さは%(depth)sと推定されます。%(tsunami)s。",
            ),
            (
                "じしん の ばしょ の つぎ の おしらせ",
                "じしん の ばしょ は %(epicentre)s です。おおきさ（マグニチュード）は "
                "%(magnitude)s です。%(tsunami)s。",
            ),
        ),
        "earthquake_hypocentre.correction": _t(
            pgettext_lazy("alert", "Correction: earthquake location near %(epicentre)s"),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency has corrected its information on where the "
                "earthquake occurred. Correct information: near %(epicentre)s, magnitude "
                "%(magnitude)s, depth %(depth)s. Tsunami: %(tsunami)s.",
            ),
            (
                "訂正　震源に関する情報　%(epicentre)s",
                "気象庁は先に発表した震源に関する情報を訂正しました。正しくは、震源は"
                "%(epicentre)s、マグニチュードは%(magnitude)s、深さは%(depth)sです。%(tsunami)s。",
            ),
            (
                "なおし　じしん の ばしょ",
                "まえ の おしらせ に まちがい が ありました。ただしく は じしん の ばしょ は "
                "%(epicentre)s、おおきさ は %(magnitude)s です。",
            ),
        ),
        "earthquake_hypocentre.cancellation": _t(
            pgettext_lazy("alert", "Cancelled: the earlier earthquake location information"),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency has cancelled the information it issued "
                "earlier on where the earthquake near %(epicentre)s occurred. It was sent in "
                "error.",
            ),
            (
                "取消　震源に関する情報",
                "気象庁は先に発表した震源に関する情報（%(epicentre)s）を取り消しました。",
            ),
            (
                "とりけし　じしん の ばしょ の おしらせ",
                "まえ の じしん の ばしょ の おしらせ は まちがい でした。とりけし ます。",
            ),
        ),
        "earthquake_hypocentre.lifting": _t(
            pgettext_lazy("alert", "Earthquake location information closed"),
            pgettext_lazy(
                "alert",
                "There is no further information on where the earthquake near %(epicentre)s "
                "occurred.",
            ),
            (
                "震源に関する情報　終了",
                "%(epicentre)sの地震の震源に関する情報は以上です。",
            ),
            (
                "じしん の ばしょ の おしらせ は おわり",
                "%(epicentre)s の じしん の おしらせ は これで おわり です。",
            ),
        ),
        # ------------------------------------------------------------ revised hypocentre (VXSE61)
        "earthquake_revised.issue": _t(
            pgettext_lazy(
                "alert", "Earthquake data revised: near %(epicentre)s, magnitude %(magnitude)s"
            ),
            pgettext_lazy(
                "alert",
                "After a detailed analysis, the Japan Meteorological Agency has revised where "
                "the earthquake occurred and how large it was: near %(epicentre)s, magnitude "
                "%(magnitude)s, depth %(depth)s. Tsunami: %(tsunami)s.",
            ),
            (
                "震源要素の更新　%(epicentre)s　M%(magnitude)s",
                "気象庁は地震の発生場所と規模を詳しく解析し、更新しました。震源は%(epicentre)s、"
                "マグニチュードは%(magnitude)s、深さは%(depth)sです。%(tsunami)s。",
            ),
            (
                "じしん の ばしょ と おおきさ が かわりました",
                "くわしく しらべました。じしん の ばしょ は %(epicentre)s、おおきさ"
                "（マグニチュード）は %(magnitude)s です。%(tsunami)s。",
            ),
        ),
        "earthquake_revised.update": _t(
            pgettext_lazy(
                "alert",
                "Earthquake data revised again: near %(epicentre)s, magnitude %(magnitude)s",
            ),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency has revised the earthquake data again: near "
                "%(epicentre)s, magnitude %(magnitude)s, depth %(depth)s. Tsunami: %(tsunami)s.",
            ),
            (
                "震源要素の再更新　%(epicentre)s　M%(magnitude)s",
                "気象庁は地震の発生場所と規模を再び更新しました。震源は%(epicentre)s、"
                "マグニチュードは%(magnitude)s、深さは%(depth)sです。%(tsunami)s。",
            ),
            (
                "じしん の ばしょ と おおきさ が また かわりました",
                "じしん の ばしょ は %(epicentre)s、おおきさ（マグニチュード）は "
                "%(magnitude)s です。%(tsunami)s。",
            ),
        ),
        "earthquake_revised.correction": _t(
            pgettext_lazy("alert", "Correction: revised earthquake data near %(epicentre)s"),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency has corrected its revised earthquake data. "
                "Correct information: near %(epicentre)s, magnitude %(magnitude)s, depth "
                "%(depth)s. Tsunami: %(tsunami)s.",
            ),
            (
                "訂正　震源要素の更新　%(epicentre)s",
                "気象庁は先に発表した震源要素の更新を訂正しました。正しくは、震源は"
                "%(epicentre)s、マグニチュードは%(magnitude)s、深さは%(depth)sです。%(tsunami)s。",
            ),
            (
                "なおし　じしん の ばしょ と おおきさ",
                "まえ の おしらせ に まちがい が ありました。ただしく は じしん の ばしょ は "
                "%(epicentre)s、おおきさ は %(magnitude)s です。",
            ),
        ),
        "earthquake_revised.cancellation": _t(
            pgettext_lazy("alert", "Cancelled: the earlier revision of the earthquake data"),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency has cancelled the revision of the data of the "
                "earthquake near %(epicentre)s that it issued earlier. It was sent in error.",
            ),
            (
                "取消　震源要素の更新",
                "気象庁は先に発表した震源要素の更新（%(epicentre)s）を取り消しました。",
            ),
            (
                "とりけし　じしん の ばしょ と おおきさ",
                "まえ の じしん の ばしょ と おおきさ の おしらせ は まちがい でした。",
            ),
        ),
        "earthquake_revised.lifting": _t(
            pgettext_lazy("alert", "Earthquake data revisions closed"),
            pgettext_lazy(
                "alert",
                "There are no further revisions of the data of the earthquake near %(epicentre)s.",
            ),
            (
                "震源要素の更新　終了",
                "%(epicentre)sの地震の震源要素の更新は以上です。",
            ),
            (
                "じしん の ばしょ と おおきさ の おしらせ は おわり",
                "%(epicentre)s の じしん の おしらせ は これで おわり です。",
            ),
        ),
        # ------------------------------------------------------------ long-period ground motion
        "long_period.issue": _t(
            pgettext_lazy("alert", "Long-period ground motion %(lg_class)s in %(areas)s"),
            pgettext_lazy(
                "alert",
                "Long-period ground motion of %(lg_class)s was observed in %(areas)s after the "
                "earthquake near %(epicentre)s (magnitude %(magnitude)s). The upper floors of "
                "tall buildings shake strongly and for a long time.",
            ),
            (
                "長周期地震動%(lg_class)s　%(areas)s",
                "%(epicentre)sで発生した地震（マグニチュード%(magnitude)s）により、%(areas)sで"
                "長周期地震動%(lg_class)sを観測しました。高層ビルの上の階では、大きく長い揺れに"
                "なります。",
            ),
            (
                "たかい ビル が おおきく ゆれました",
                "%(areas)s で たかい ビル が ながく おおきく ゆれました（%(lg_class)s）。",
            ),
        ),
        "long_period.update": _t(
            pgettext_lazy("alert", "Long-period ground motion update: %(lg_class)s in %(areas)s"),
            pgettext_lazy(
                "alert",
                "New observations of long-period ground motion after the earthquake near "
                "%(epicentre)s: %(lg_class)s in %(areas)s.",
            ),
            (
                "長周期地震動（続報）　%(areas)s",
                "%(epicentre)sの地震の長周期地震動の続報です。%(areas)sで長周期地震動"
                "%(lg_class)sを観測しました。",
            ),
            (
                "たかい ビル の ゆれ の つぎ の おしらせ",
                "%(areas)s で たかい ビル が おおきく ゆれました（%(lg_class)s）。",
            ),
        ),
        "long_period.correction": _t(
            pgettext_lazy("alert", "Correction: long-period ground motion in %(areas)s"),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency has corrected its earlier information on "
                "long-period ground motion. Correct information: %(lg_class)s in %(areas)s.",
            ),
            (
                "訂正　長周期地震動　%(areas)s",
                "気象庁は先に発表した長周期地震動に関する観測情報を訂正しました。正しくは、"
                "%(areas)sで長周期地震動%(lg_class)sです。",
            ),
            (
                "なおし　たかい ビル の ゆれ",
                "まえ の おしらせ に まちがい が ありました。ただしく は %(areas)s で "
                "%(lg_class)s です。",
            ),
        ),
        "long_period.cancellation": _t(
            pgettext_lazy("alert", "Cancelled: the earlier long-period ground motion information"),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency has cancelled the long-period ground motion "
                "information it issued earlier for %(areas)s. It was sent in error.",
            ),
            (
                "取消　長周期地震動に関する観測情報",
                "気象庁は先に発表した%(areas)sの長周期地震動に関する観測情報を取り消しました。",
            ),
            (
                "とりけし　たかい ビル の ゆれ の おしらせ",
                "まえ の たかい ビル の ゆれ の おしらせ は まちがい でした。",
            ),
        ),
        "long_period.lifting": _t(
            pgettext_lazy("alert", "Long-period ground motion information closed for %(areas)s"),
            pgettext_lazy(
                "alert",
                "There is no further information on long-period ground motion from the "
                "earthquake near %(epicentre)s for %(areas)s.",
            ),
            (
                "長周期地震動　終了　%(areas)s",
                "%(epicentre)sの地震に関する%(areas)sの長周期地震動の情報は以上です。",
            ),
            (
                "たかい ビル の ゆれ の おしらせ は おわり",
                "%(areas)s の たかい ビル の ゆれ の おしらせ は これで おわり です。",
            ),
        ),
        # ------------------------------------------------------------ tsunami information (VTSE51)
        "tsunami_info.issue": _t(
            pgettext_lazy("alert", "Tsunami information: %(category)s for %(areas)s"),
            pgettext_lazy(
                "alert",
                "Tsunami information for %(areas)s (%(category)s). %(observation)s %(arrival)s "
                "The waves may get higher and can keep coming for hours. Stay on high ground.",
            ),
            (
                "津波情報　%(areas)s（%(category)s）",
                "%(areas)sの津波情報です（%(category)s）。%(observation)s%(arrival)s津波は"
                "これから高くなることがあり、何時間も繰り返し襲ってきます。高台など安全な場所に"
                "とどまってください。",
            ),
            (
                "つなみ の おしらせ　%(areas)s",
                "%(observation)s%(arrival)sつなみ は もっと たかく なる かもしれません。"
                "たかい ところ に いて ください。",
            ),
        ),
        "tsunami_info.update": _t(
            pgettext_lazy("alert", "Tsunami information update: %(category)s for %(areas)s"),
            pgettext_lazy(
                "alert",
                "Updated tsunami information for %(areas)s (%(category)s). %(observation)s "
                "%(arrival)s The waves may get higher and can keep coming for hours. Stay on "
                "high ground.",
            ),
            (
                "津波情報（続報）　%(areas)s（%(category)s）",
                "%(areas)sの津波情報の続報です（%(category)s）。%(observation)s%(arrival)s"
                "津波はこれから高くなることがあり、何時間も繰り返し襲ってきます。高台など安全な"
                "場所にとどまってください。",
            ),
            (
                "つなみ の おしらせ の つづき　%(areas)s",
                "%(observation)s%(arrival)sつなみ は もっと たかく なる かもしれません。"
                "たかい ところ に いて ください。",
            ),
        ),
        "tsunami_info.correction": _t(
            pgettext_lazy("alert", "Correction: tsunami information for %(areas)s"),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency has corrected its earlier tsunami information. "
                "Correct information for %(areas)s (%(category)s): %(observation)s %(arrival)s "
                "The waves may get higher. Stay on high ground.",
            ),
            (
                "訂正　津波情報　%(areas)s",
                "気象庁は先に発表した津波情報を訂正しました。正しくは、%(areas)s（%(category)s）"
                "について、%(observation)s%(arrival)s津波はこれから高くなることがあります。"
                "高台など安全な場所にとどまってください。",
            ),
            (
                "なおし　つなみ の おしらせ",
                "まえ の おしらせ に まちがい が ありました。%(observation)s"
                "つなみ は もっと たかく なる かもしれません。たかい ところ に いて ください。",
            ),
        ),
        "tsunami_info.cancellation": _t(
            pgettext_lazy("alert", "Cancelled: the earlier tsunami information for %(areas)s"),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency has cancelled the tsunami information it "
                "issued earlier for %(areas)s. It was sent in error. This does not cancel any "
                "tsunami warning or advisory.",
            ),
            (
                "取消　%(areas)sの津波情報",
                "気象庁は先に%(areas)sに発表した津波情報を取り消しました。津波警報・注意報が"
                "取り消されたわけではありません。",
            ),
            (
                "とりけし　つなみ の おしらせ",
                "まえ の つなみ の おしらせ は まちがい でした。つなみ の けいほう は "
                "とりけし では ありません。",
            ),
        ),
        "tsunami_info.lifting": _t(
            pgettext_lazy("alert", "Tsunami information closed for %(areas)s"),
            pgettext_lazy(
                "alert",
                "There is no further tsunami information for %(areas)s. Follow your "
                "municipality's information before going back to the coast.",
            ),
            (
                "津波情報　終了　%(areas)s",
                "%(areas)sの津波情報は以上です。海岸に戻る前に、市町村の情報を確認してください。",
            ),
            (
                "つなみ の おしらせ は おわり",
                "うみ に いく まえ に、まち の おしらせ を みて ください。",
            ),
        ),
        # ------------------------------------------------------------ offshore observation (VTSE52)
        "tsunami_offshore.issue": _t(
            pgettext_lazy("alert", "Tsunami observed offshore: stay on high ground in %(areas)s"),
            pgettext_lazy(
                "alert",
                "A tsunami has been observed offshore. %(observation)s Near the coast of "
                "%(areas)s the waves will be higher than offshore and may get higher still "
                "(estimated: %(height)s). %(arrival)s Stay on high ground.",
            ),
            (
                "沖合で津波を観測　%(areas)s",
                "沖合で津波を観測しました。%(observation)s沿岸では津波はさらに高くなります"
                "（%(areas)sの推定：%(height)s）。%(arrival)s高台など安全な場所にとどまって"
                "ください。",
            ),
            (
                "うみ の おき で つなみ が きました",
                "%(observation)sきし では つなみ は もっと たかく なります。%(arrival)s"
                "たかい ところ に いて ください。",
            ),
        ),
        "tsunami_offshore.update": _t(
            pgettext_lazy("alert", "Offshore tsunami observation update for %(areas)s"),
            pgettext_lazy(
                "alert",
                "New offshore tsunami observations. %(observation)s Near the coast of "
                "%(areas)s the waves will be higher than offshore and may get higher still "
                "(estimated: %(height)s). %(arrival)s Stay on high ground.",
            ),
            (
                "沖合の津波観測（続報）　%(areas)s",
                "沖合の津波観測の続報です。%(observation)s沿岸では津波はさらに高くなります"
                "（%(areas)sの推定：%(height)s）。%(arrival)s高台など安全な場所にとどまって"
                "ください。",
            ),
            (
                "おき の つなみ の つぎ の おしらせ",
                "%(observation)sきし では つなみ は もっと たかく なります。%(arrival)s"
                "たかい ところ に いて ください。",
            ),
        ),
        "tsunami_offshore.correction": _t(
            pgettext_lazy("alert", "Correction: offshore tsunami observation for %(areas)s"),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency has corrected its earlier offshore tsunami "
                "information. %(observation)s Near the coast of %(areas)s the waves will be "
                "higher than offshore (estimated: %(height)s). Stay on high ground.",
            ),
            (
                "訂正　沖合の津波観測　%(areas)s",
                "気象庁は先に発表した沖合の津波観測に関する情報を訂正しました。%(observation)s"
                "沿岸では津波はさらに高くなります（%(areas)sの推定：%(height)s）。高台など安全な"
                "場所にとどまってください。",
            ),
            (
                "なおし　おき の つなみ",
                "まえ の おしらせ に まちがい が ありました。%(observation)s"
                "きし では つなみ は もっと たかく なります。たかい ところ に いて ください。",
            ),
        ),
        "tsunami_offshore.cancellation": _t(
            pgettext_lazy("alert", "Cancelled: the earlier offshore tsunami information"),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency has cancelled the offshore tsunami information "
                "it issued earlier for %(areas)s. It was sent in error. This does not cancel any "
                "tsunami warning or advisory.",
            ),
            (
                "取消　沖合の津波観測に関する情報",
                "気象庁は先に%(areas)sに発表した沖合の津波観測に関する情報を取り消しました。"
                "津波警報・注意報が取り消されたわけではありません。",
            ),
            (
                "とりけし　おき の つなみ の おしらせ",
                "まえ の おき の つなみ の おしらせ は まちがい でした。つなみ の けいほう は "
                "とりけし では ありません。",
            ),
        ),
        "tsunami_offshore.lifting": _t(
            pgettext_lazy("alert", "Offshore tsunami information closed for %(areas)s"),
            pgettext_lazy(
                "alert",
                "There is no further offshore tsunami information for %(areas)s. Follow your "
                "municipality's information before going back to the coast.",
            ),
            (
                "沖合の津波観測　終了　%(areas)s",
                "%(areas)sに関する沖合の津波観測の情報は以上です。海岸に戻る前に、市町村の情報を"
                "確認してください。",
            ),
            (
                "おき の つなみ の おしらせ は おわり",
                "うみ に いく まえ に、まち の おしらせ を みて ください。",
            ),
        ),
        # ------------------------------------------------------------ eruption observation
        "volcano_observation.issue": _t(
            pgettext_lazy("alert", "Eruption observed: %(volcano)s"),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency observed %(phenomenon)s at %(volcano)s at "
                "%(time)s. Affected: %(areas)s.",
            ),
            (
                "噴火に関する火山観測報　%(volcano)s",
                "%(volcano)sで%(time)sに%(phenomenon)sを観測しました。対象市町村：%(areas)s。",
            ),
            (
                "かざん の ふんか　%(volcano)s",
                "%(time)s ごろ、%(volcano)s で %(phenomenon)s。",
            ),
        ),
        "volcano_observation.update": _t(
            pgettext_lazy("alert", "Eruption observation update: %(volcano)s"),
            pgettext_lazy(
                "alert",
                "New observation at %(volcano)s: %(phenomenon)s at %(time)s. Affected: %(areas)s.",
            ),
            (
                "噴火に関する火山観測報（続報）　%(volcano)s",
                "%(volcano)sの続報です。%(time)sに%(phenomenon)sを観測しました。対象市町村："
                "%(areas)s。",
            ),
            (
                "かざん の ふんか の つぎ の おしらせ",
                "%(time)s ごろ、%(volcano)s で %(phenomenon)s。",
            ),
        ),
        "volcano_observation.correction": _t(
            pgettext_lazy("alert", "Correction: eruption observation at %(volcano)s"),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency has corrected its earlier eruption observation "
                "report. Correct information: %(phenomenon)s at %(volcano)s at %(time)s.",
            ),
            (
                "訂正　噴火に関する火山観測報　%(volcano)s",
                "気象庁は先に発表した噴火に関する火山観測報を訂正しました。正しくは、%(volcano)s"
                "で%(time)sに%(phenomenon)sです。",
            ),
            (
                "なおし　かざん の ふんか",
                "まえ の おしらせ に まちがい が ありました。%(time)s ごろ、%(volcano)s で "
                "%(phenomenon)s。",
            ),
        ),
        "volcano_observation.cancellation": _t(
            pgettext_lazy(
                "alert", "Cancelled: the earlier eruption observation report for %(volcano)s"
            ),
            pgettext_lazy(
                "alert",
                "The Japan Meteorological Agency has cancelled the eruption observation report "
                "it issued earlier for %(volcano)s. It was sent in error.",
            ),
            (
                "取消　%(volcano)sの噴火に関する火山観測報",
                "気象庁は先に発表した%(volcano)sの噴火に関する火山観測報を取り消しました。",
            ),
            (
                "とりけし　かざん の ふんか の おしらせ",
                "まえ の %(volcano)s の ふんか の おしらせ は まちがい でした。",
            ),
        ),
        "volcano_observation.lifting": _t(
            pgettext_lazy("alert", "Eruption observation reports closed for %(volcano)s"),
            pgettext_lazy(
                "alert",
                "There are no further eruption observation reports for %(volcano)s. Keep "
                "following the volcanic warnings.",
            ),
            (
                "噴火に関する火山観測報　終了　%(volcano)s",
                "%(volcano)sの噴火に関する火山観測報は以上です。引き続き噴火警報等に注意して"
                "ください。",
            ),
            (
                "かざん の ふんか の おしらせ は おわり",
                "これから も かざん の おしらせ に ちゅうい して ください。",
            ),
        ),
    }
)

# Terms used in the placeholders of these families.
TSUNAMI_COMMENTS: dict[str, tuple[Promise, str, str]] = {
    "none": (
        pgettext_lazy("alert", "no tsunami is expected from this earthquake"),
        "この地震による津波の心配はありません",
        "つなみ の しんぱい は ありません",
    ),
    "slight": (
        pgettext_lazy("alert", "slight changes in sea level are possible, but no damage"),
        "若干の海面変動があるかもしれませんが、被害の心配はありません",
        "うみ の たかさ が すこし かわる かもしれません。でも だいじょうぶ です",
    ),
    "continuing": (
        pgettext_lazy("alert", "changes in sea level will continue for a while; take care"),
        "今後もしばらく海面変動が続くと思われますので注意してください",
        "しばらく うみ の たかさ が かわります。きを つけて ください",
    ),
    "warning_in_force": (
        pgettext_lazy("alert", "tsunami warnings or advisories are in force"),
        "津波警報等を発表中です",
        "つなみ の けいほう が でて います",
    ),
    "possible": (
        pgettext_lazy("alert", "a tsunami may have been generated"),
        "津波が発生するおそれがあります",
        "つなみ が くる かもしれません",
    ),
    "investigating": (
        pgettext_lazy("alert", "being assessed"),
        "津波の有無については現在調査中です",
        "つなみ が くるか どうか しらべて います",
    ),
    "unknown": (
        pgettext_lazy("alert", "check the latest tsunami information"),
        "最新の津波情報を確認してください",
        "つなみ の おしらせ を みて ください",
    ),
}
DEPTHS: dict[str, tuple[Promise, str, str]] = {
    "shallow": (pgettext_lazy("alert", "very shallow"), "ごく浅い", "とても あさい"),
    "unknown": (pgettext_lazy("alert", "not known"), "不明", "わからない"),
}
DEPTH_KM = pgettext_lazy("alert", "%(km)s km")
MAGNITUDE_NOTES: dict[str, tuple[Promise, str, str]] = {
    "over8": (pgettext_lazy("alert", "over 8 (a huge earthquake)"), "8超", "8 より おおきい"),
    "unknown": (pgettext_lazy("alert", "not known"), "不明", "わからない"),
}
LONG_PERIOD_CLASSES: dict[int, tuple[Promise, str, str]] = {
    1: (
        pgettext_lazy("alert", "class 1 (fairly large shaking)"),
        "階級1（やや大きな揺れ）",
        "かいきゅう 1：すこし おおきい ゆれ",
    ),
    2: (
        pgettext_lazy("alert", "class 2 (large shaking)"),
        "階級2（大きな揺れ）",
        "かいきゅう 2：おおきい ゆれ",
    ),
    3: (
        pgettext_lazy("alert", "class 3 (very large shaking)"),
        "階級3（非常に大きな揺れ）",
        "かいきゅう 3：とても おおきい ゆれ",
    ),
    4: (
        pgettext_lazy("alert", "class 4 (extremely large shaking)"),
        "階級4（極めて大きな揺れ）",
        "かいきゅう 4：ものすごく おおきい ゆれ",
    ),
}
ERUPTIONS: dict[str, tuple[Promise, str, str]] = {
    "eruption": (pgettext_lazy("alert", "an eruption"), "噴火", "ふんか が ありました"),
    "explosion": (
        pgettext_lazy("alert", "an explosive eruption"),
        "爆発",
        "ばくはつ が ありました",
    ),
    "eruption_started": (
        pgettext_lazy("alert", "the start of an eruption"),
        "噴火開始",
        "ふんか が はじまりました",
    ),
    "continuous": (
        pgettext_lazy("alert", "continuing eruptions"),
        "連続噴火の継続",
        "ふんか が つづいて います",
    ),
    "continuous_stopped": (
        pgettext_lazy("alert", "the end of continuous eruptions"),
        "連続噴火の停止",
        "ふんか が とまりました",
    ),
    "frequent": (
        pgettext_lazy("alert", "frequent eruptions"),
        "噴火多発",
        "なんども ふんか が ありました",
    ),
}
# Whole sentences (each one complete in every language) for the tsunami observation and the
# arrival of the first wave; %(station)s / %(height)s / %(time)s are filled by render.py.
TSUNAMI_OBSERVATIONS: dict[str, tuple[Promise, str, str]] = {
    "metres": (
        pgettext_lazy("alert", "The highest wave observed so far is %(height)s at %(station)s."),
        "これまでに観測された最大の津波は%(station)sで%(height)sです。",
        "いちばん たかい つなみ は %(station)s で %(height)s でした。",
    ),
    "rising": (
        pgettext_lazy(
            "alert",
            "The highest wave observed so far is %(height)s at %(station)s, and it is still "
            "rising.",
        ),
        "これまでに観測された最大の津波は%(station)sで%(height)s（上昇中）です。",
        "%(station)s で %(height)s の つなみ が きて います。まだ たかく なって います。",
    ),
    "observing": (
        pgettext_lazy("alert", "Tsunami waves are being observed at %(station)s."),
        "%(station)sで津波を観測中です。",
        "%(station)s で つなみ が きて います。",
    ),
    "weak": (
        pgettext_lazy("alert", "Weak tsunami waves have been observed at %(station)s."),
        "%(station)sで微弱な津波を観測しました。",
        "%(station)s で ちいさい つなみ が きました。",
    ),
    "none": (
        pgettext_lazy("alert", "No tsunami height has been measured yet."),
        "津波の高さはまだ観測されていません。",
        "つなみ の たかさ は まだ わかりません。",
    ),
}
TSUNAMI_ARRIVALS: dict[str, tuple[Promise, str, str]] = {
    "time": (
        pgettext_lazy("alert", "The first wave is expected at about %(time)s."),
        "第1波の到達予想時刻は%(time)sごろです。",
        "%(time)s ごろ から つなみ が きます。",
    ),
    "arrived": (
        pgettext_lazy("alert", "The first wave has already arrived."),
        "第1波の到達を確認しました。",
        "つなみ が もう きました。",
    ),
    "arriving": (
        pgettext_lazy("alert", "The tsunami may already be arriving."),
        "津波はすでに到達していると推測されます。",
        "つなみ は もう きて いる かもしれません。",
    ),
    "unknown": (
        pgettext_lazy("alert", "The first wave may arrive at any time."),
        "津波はいつ到達してもおかしくありません。",
        "つなみ は いつ くるか わかりません。",
    ),
}
JST_TIME = pgettext_lazy("alert", "%(time)s Japan time")
