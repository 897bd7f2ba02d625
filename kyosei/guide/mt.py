"""Pluggable machine translation for drafts: DeepL, Google Cloud Translation v3, NICT TexTra,
LibreTranslate — chosen by settings.MT_PROVIDER. Drafts stay unreviewed until approved.

Failures never lose anything: the budget is reserved only in the same transaction that saves
the draft, and any provider error leaves the database untouched and tells the editor why.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kyosei.audit.services import record
from kyosei.guide import plain, services, tm
from kyosei.guide.models import Article, MachineBudget, MachineUsage, Revision
from kyosei.orgs.models import Organisation

TIMEOUT_SECONDS = 20
DEFAULT_MONTHLY_CHARACTERS = 200_000


class MachineTranslationError(Exception):
    """Shown to the editor as is: every message is a translated, user-facing sentence."""


class Provider(Protocol):
    name: str

    def translate(self, texts: list[str], source: str, target: str) -> list[str]: ...


def _post(url: str, *, data: bytes, headers: dict[str, str]) -> Any:
    if urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
        raise MachineTranslationError(_("Machine translation is not configured on this server."))
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        if exc.code in {429, 456}:
            raise MachineTranslationError(
                _("The translation service refused the request: its quota is used up.")
            ) from exc
        if exc.code in {401, 403}:
            raise MachineTranslationError(
                _("The translation service rejected our credentials. Ask an administrator.")
            ) from exc
        raise MachineTranslationError(
            _("The translation service answered with an error. Try again later.")
        ) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise MachineTranslationError(
            _("The translation service cannot be reached. Try again later.")
        ) from exc
    except ValueError as exc:
        raise MachineTranslationError(
            _("The translation service sent an answer we cannot read.")
        ) from exc


def _json(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def _bad_answer() -> MachineTranslationError:
    return MachineTranslationError(_("The translation service sent an answer we cannot read."))


# Provider language codes are derived from our BCP 47 codes; only real differences are listed,
# so a language added later is passed through unchanged.
DEEPL_CODES = {"en": "EN-US", "pt-BR": "PT-BR", "zh-Hans": "ZH-HANS", "zh-Hant": "ZH-HANT"}
GOOGLE_CODES = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "pt-BR": "pt"}
TEXTRA_CODES = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "pt-BR": "pt"}
LIBRE_CODES = {"zh-Hans": "zh", "zh-Hant": "zt", "pt-BR": "pt", "fil": "tl"}


@dataclass
class DeepL:
    name = "deepl"
    url: str
    key: str

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        answer = _post(
            f"{self.url.rstrip('/')}/v2/translate",
            data=_json(
                {
                    "text": texts,
                    "source_lang": source.split("-")[0].upper(),
                    "target_lang": DEEPL_CODES.get(target, target.upper()),
                }
            ),
            headers={
                "Authorization": f"DeepL-Auth-Key {self.key}",
                "Content-Type": "application/json",
            },
        )
        try:
            return [str(t["text"]) for t in answer["translations"]]
        except (KeyError, TypeError) as exc:
            raise _bad_answer() from exc


@dataclass
class Google:
    name = "google"
    url: str
    project: str
    token: str

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        answer = _post(
            f"{self.url.rstrip('/')}/v3/projects/{self.project}/locations/global:translateText",
            data=_json(
                {
                    "contents": texts,
                    "mimeType": "text/plain",
                    "sourceLanguageCode": GOOGLE_CODES.get(source, source),
                    "targetLanguageCode": GOOGLE_CODES.get(target, target),
                }
            ),
            headers={
                "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/json; charset=utf-8",
            },
        )
        try:
            return [str(t["translatedText"]) for t in answer["translations"]]
        except (KeyError, TypeError) as exc:
            raise _bad_answer() from exc


@dataclass
class TexTra:
    """NICT みんなの自動翻訳＠TexTra: OAuth2 client credentials, then one call per text."""

    name = "textra"
    url: str
    key: str
    secret: str
    login: str

    def _token(self) -> str:
        answer = _post(
            f"{self.url.rstrip('/')}/oauth2/token.php",
            data=urllib.parse.urlencode(
                {
                    "grant_type": "client_credentials",
                    "client_id": self.key,
                    "client_secret": self.secret,
                }
            ).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        token = answer.get("access_token") if isinstance(answer, dict) else None
        if not token:
            raise MachineTranslationError(
                _("The translation service rejected our credentials. Ask an administrator.")
            )
        return str(token)

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        token = self._token()
        src = TEXTRA_CODES.get(source, source)
        tgt = TEXTRA_CODES.get(target, target)
        out = []
        for text in texts:
            answer = _post(
                f"{self.url.rstrip('/')}/api/",
                data=urllib.parse.urlencode(
                    {
                        "access_token": token,
                        "key": self.key,
                        "api_name": "mt",
                        "api_param": f"generalNT_{src}_{tgt}",
                        "name": self.login,
                        "type": "json",
                        "text": text,
                    }
                ).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            try:
                result = answer["resultset"]
                if int(result["code"]) != 0:
                    raise MachineTranslationError(
                        _("The translation service answered with an error. Try again later.")
                    )
                out.append(str(result["result"]["text"]))
            except (KeyError, TypeError, ValueError) as exc:
                raise _bad_answer() from exc
        return out


@dataclass
class LibreTranslate:
    name = "libretranslate"
    url: str
    key: str = ""

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        payload: dict[str, Any] = {
            "q": texts,
            "source": LIBRE_CODES.get(source, source),
            "target": LIBRE_CODES.get(target, target),
            "format": "text",
        }
        if self.key:
            payload["api_key"] = self.key
        answer = _post(
            f"{self.url.rstrip('/')}/translate",
            data=_json(payload),
            headers={"Content-Type": "application/json"},
        )
        try:
            translated = answer["translatedText"]
        except (KeyError, TypeError) as exc:
            raise _bad_answer() from exc
        return [str(t) for t in translated] if isinstance(translated, list) else [str(translated)]


def _setting(name: str) -> str:
    # Credentials not (yet) in settings.py are read from the environment of the same name.
    return str(getattr(settings, name, "") or os.getenv(name, ""))


def provider() -> Provider:
    name = _setting("MT_PROVIDER").lower()
    if name == "deepl" and _setting("DEEPL_API_KEY"):
        return DeepL(_setting("DEEPL_API_URL"), _setting("DEEPL_API_KEY"))
    if name == "google" and _setting("GOOGLE_TRANSLATE_PROJECT"):
        return Google(
            _setting("GOOGLE_TRANSLATE_URL"),
            _setting("GOOGLE_TRANSLATE_PROJECT"),
            _setting("GOOGLE_TRANSLATE_TOKEN"),
        )
    if name == "textra" and _setting("TEXTRA_KEY"):
        return TexTra(
            _setting("TEXTRA_URL"),
            _setting("TEXTRA_KEY"),
            _setting("TEXTRA_SECRET"),
            _setting("TEXTRA_NAME"),
        )
    if name == "libretranslate" and _setting("LIBRETRANSLATE_URL"):
        return LibreTranslate(_setting("LIBRETRANSLATE_URL"), _setting("LIBRETRANSLATE_API_KEY"))
    raise MachineTranslationError(_("Machine translation is not configured on this server."))


def month_start(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today.replace(day=1)


def monthly_budget(organisation: Organisation) -> int:
    own = MachineBudget.objects.filter(organisation=organisation).first()
    if own is not None:
        return own.monthly_characters
    return int(getattr(settings, "MT_MONTHLY_CHARACTERS", DEFAULT_MONTHLY_CHARACTERS))


def used_this_month(organisation: Organisation) -> int:
    row = MachineUsage.objects.filter(organisation=organisation, month=month_start()).first()
    return row.characters if row else 0


def draft_article(
    *, actor: Any, article: Article, language: str, request: HttpRequest | None = None
) -> Revision:
    """Machine-translate the live source into a draft (origin=machine, unreviewed)."""
    if language == plain.PLAIN_JAPANESE:
        raise MachineTranslationError(
            _(
                "Plain Japanese is written by people and checked with yasashii, "
                "not machine-translated."
            )
        )
    if language == article.source_language:
        raise MachineTranslationError(_("This is the source language."))
    source = services.live_revision(article, article.source_language)
    if source is None:
        raise MachineTranslationError(_("Publish the source language before translating."))
    blocks = tm.segments(source.body)
    texts = [source.title, source.summary, *blocks]
    characters = sum(len(t) for t in texts)
    organisation = article.organisation
    if used_this_month(organisation) + characters > monthly_budget(organisation):
        record(
            actor=actor,
            action="guide.mt_refused_budget",
            organisation=organisation,
            target=article,
            request=request,
            data={"language": language, "characters": characters},
        )
        raise MachineTranslationError(
            _("This month's machine-translation budget of your organisation is used up.")
        )
    chosen = provider()
    # Outside the transaction: a slow or failing provider holds no database lock.
    translated = chosen.translate(texts, article.source_language, language)
    if len(translated) != len(texts):
        raise _bad_answer()
    with transaction.atomic():
        usage, _created = MachineUsage.objects.get_or_create(
            organisation=organisation, month=month_start()
        )
        MachineUsage.objects.filter(pk=usage.pk).update(characters=F("characters") + characters)
        usage.refresh_from_db()
        if usage.characters > monthly_budget(organisation):
            # Another request spent the budget meanwhile: raising rolls back, nothing is saved.
            raise MachineTranslationError(
                _("This month's machine-translation budget of your organisation is used up.")
            )
        revision = services.save_revision(
            actor=actor,
            article=article,
            language=language,
            title=translated[0],
            summary=translated[1],
            body="\n\n".join(translated[2:]),
            publish=False,
            based_on=source,
            origin=Revision.Origin.MACHINE,
            note=f"machine translation ({chosen.name})",
            request=request,
        )
        record(
            actor=actor,
            action="guide.mt_draft",
            organisation=organisation,
            target=article,
            request=request,
            data={"language": language, "provider": chosen.name, "characters": characters},
        )
    return revision
