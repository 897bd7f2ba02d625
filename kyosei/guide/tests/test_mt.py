"""Machine translation: each provider against a local server speaking its documented API.

DeepL: POST /v2/translate, `Authorization: DeepL-Auth-Key …`, JSON {text: [...], target_lang}
  → {translations: [{detected_source_language, text}]}; 456 = quota exceeded.
Google Cloud Translation v3: POST /v3/projects/{p}/locations/global:translateText, Bearer
  token, JSON {contents, sourceLanguageCode, targetLanguageCode, mimeType}
  → {translations: [{translatedText}]}.
NICT TexTra: POST /oauth2/token.php (client credentials) → {access_token}; POST /api/ form
  {access_token, key, api_name=mt, api_param=generalNT_ja_en, name, type=json, text}
  → {resultset: {code: 0, result: {text}}}.
LibreTranslate: POST /translate JSON {q: [...], source, target, format} → {translatedText: [...]}.
Nothing real is called.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import Client, override_settings

from kyosei.audit.models import AuditEvent
from kyosei.guide import mt, services
from kyosei.guide.models import Article, MachineBudget, MachineUsage, Revision
from kyosei.guide.states import State, states_for_article
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db


class FakeProvider(BaseHTTPRequestHandler):
    calls: list[dict[str, Any]] = []
    status = 200

    def log_message(self, *args: Any) -> None:
        pass

    def _answer(self, status: int, payload: Any) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802  # http.server's naming
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        kind = self.headers.get("Content-Type", "")
        data: Any = (
            json.loads(raw) if "json" in kind else dict(urllib.parse.parse_qsl(raw.decode()))
        )
        FakeProvider.calls.append(
            {"path": self.path, "auth": self.headers.get("Authorization", ""), "data": data}
        )
        if FakeProvider.status != 200:
            self._answer(FakeProvider.status, {"message": "nope"})
            return
        if self.path == "/v2/translate":
            if not self.headers.get("Authorization", "").startswith("DeepL-Auth-Key "):
                self._answer(403, {"message": "Forbidden"})
                return
            texts = data["text"]
            self._answer(
                200,
                {
                    "translations": [
                        {"detected_source_language": "JA", "text": f"[{data['target_lang']}] {t}"}
                        for t in texts
                    ]
                },
            )
        elif self.path.startswith("/v3/projects/") and self.path.endswith(":translateText"):
            self._answer(
                200,
                {
                    "translations": [
                        {"translatedText": f"[{data['targetLanguageCode']}] {t}"}
                        for t in data["contents"]
                    ]
                },
            )
        elif self.path == "/oauth2/token.php":
            assert data["grant_type"] == "client_credentials"
            self._answer(200, {"access_token": "tok", "token_type": "Bearer", "expires_in": 3600})
        elif self.path == "/api/":
            assert data["access_token"] == "tok" and data["api_name"] == "mt"
            target = data["api_param"].rsplit("_", 1)[1]
            self._answer(
                200,
                {
                    "resultset": {
                        "code": 0,
                        "message": "",
                        "result": {"text": f"[{target}] {data['text']}"},
                    }
                },
            )
        elif self.path == "/translate":
            q = data["q"]
            out = (
                [f"[{data['target']}] {t}" for t in q]
                if isinstance(q, list)
                else f"[{data['target']}] {q}"
            )
            self._answer(200, {"translatedText": out})
        else:
            self._answer(404, {})


@pytest.fixture
def server() -> Iterator[str]:
    FakeProvider.calls = []
    FakeProvider.status = 200
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeProvider)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def published(article: Article) -> Article:
    services.save_revision(
        actor=None,
        article=article,
        language="ja",
        title="転入届",
        summary="14日以内に出します。",
        body="住む場所が決まったら出します。\n\n在留カードを持っていきます。",
        publish=True,
    )
    return article


def provider_settings(name: str, url: str) -> dict[str, str]:
    return {
        "deepl": {"MT_PROVIDER": "deepl", "DEEPL_API_KEY": "k", "DEEPL_API_URL": url},
        "google": {
            "MT_PROVIDER": "google",
            "GOOGLE_TRANSLATE_PROJECT": "kyosei-test",
            "GOOGLE_TRANSLATE_URL": url,
            "GOOGLE_TRANSLATE_TOKEN": "ya29.test",
        },
        "textra": {
            "MT_PROVIDER": "textra",
            "TEXTRA_KEY": "k",
            "TEXTRA_SECRET": "s",
            "TEXTRA_URL": url,
            "TEXTRA_NAME": "kyosei",
        },
        "libretranslate": {"MT_PROVIDER": "libretranslate", "LIBRETRANSLATE_URL": url},
    }[name]


EXPECTED_TARGET = {"deepl": "EN-US", "google": "en", "textra": "en", "libretranslate": "en"}


@pytest.mark.parametrize("name", ["deepl", "google", "textra", "libretranslate"])
def test_each_provider_makes_an_unreviewed_draft(
    name: str, server: str, published: Article, alice: object
) -> None:
    with override_settings(**provider_settings(name, server)):
        draft = mt.draft_article(actor=alice, article=published, language="en")
    tag = EXPECTED_TARGET[name]
    assert draft.title == f"[{tag}] 転入届"
    assert (
        draft.body
        == f"[{tag}] 住む場所が決まったら出します。\n\n[{tag}] 在留カードを持っていきます。"
    )
    assert draft.origin == Revision.Origin.MACHINE and draft.reviewed_by is None
    assert draft.status == Revision.Status.DRAFT
    assert states_for_article(published, ["en"])["en"] == State.MACHINE_DRAFT
    usage = MachineUsage.objects.get(organisation=published.organisation)
    assert usage.characters == len("転入届") + len("14日以内に出します。") + len(
        "住む場所が決まったら出します。"
    ) + len("在留カードを持っていきます。")
    assert AuditEvent.objects.filter(action="guide.mt_draft").exists()
    if name == "deepl":
        assert FakeProvider.calls[0]["auth"] == "DeepL-Auth-Key k"
        assert FakeProvider.calls[0]["data"]["source_lang"] == "JA"
    if name == "google":
        assert (
            FakeProvider.calls[0]["path"]
            == "/v3/projects/kyosei-test/locations/global:translateText"
        )
        assert FakeProvider.calls[0]["auth"] == "Bearer ya29.test"
    if name == "textra":
        assert FakeProvider.calls[0]["path"] == "/oauth2/token.php"
        assert FakeProvider.calls[1]["data"]["api_param"] == "generalNT_ja_en"
        assert FakeProvider.calls[1]["data"]["name"] == "kyosei"


def test_provider_codes_for_chinese(server: str, published: Article) -> None:
    with override_settings(**provider_settings("deepl", server)):
        draft = mt.draft_article(actor=None, article=published, language="zh-Hant")
    assert draft.title.startswith("[ZH-HANT]")


@pytest.mark.parametrize("status", [456, 500, 403])
def test_provider_errors_save_nothing(server: str, published: Article, status: int) -> None:
    FakeProvider.status = status
    before = Revision.objects.count()
    with (
        override_settings(**provider_settings("deepl", server)),
        pytest.raises(mt.MachineTranslationError),
    ):
        mt.draft_article(actor=None, article=published, language="en")
    assert Revision.objects.count() == before
    assert not MachineUsage.objects.filter(characters__gt=0).exists()


def test_provider_down_saves_nothing(published: Article) -> None:
    with (
        override_settings(MT_PROVIDER="libretranslate", LIBRETRANSLATE_URL="http://127.0.0.1:9"),
        pytest.raises(mt.MachineTranslationError, match="cannot be reached"),
    ):
        mt.draft_article(actor=None, article=published, language="en")
    assert not Revision.objects.filter(language="en").exists()


def test_over_budget_is_refused_before_calling(server: str, published: Article) -> None:
    MachineBudget.objects.create(organisation=published.organisation, monthly_characters=10)
    with (
        override_settings(**provider_settings("deepl", server)),
        pytest.raises(mt.MachineTranslationError, match="budget"),
    ):
        mt.draft_article(actor=None, article=published, language="en")
    assert FakeProvider.calls == []
    assert AuditEvent.objects.filter(action="guide.mt_refused_budget").exists()


def test_not_configured_and_plain_japanese_refused(published: Article) -> None:
    with override_settings(MT_PROVIDER=""), pytest.raises(mt.MachineTranslationError):
        mt.draft_article(actor=None, article=published, language="en")
    with pytest.raises(mt.MachineTranslationError):
        mt.draft_article(actor=None, article=published, language="ja-x-easy")


def test_editor_is_told_why(
    server: str, national: Organisation, alice_client: Client, alice: Any
) -> None:
    from kyosei.orgs import services as org_services

    org_services.grant_role(actor=None, organisation=national, user=alice, role="translator")
    article = services.create_article(
        actor=None, organisation=national, slug="x", chapter="tax", source_language="ja"
    )
    services.save_revision(actor=None, article=article, language="ja", title="住民税", publish=True)
    FakeProvider.status = 456
    url = f"/en/staff/o/{national.slug}/guide/a/{article.pk}/en/machine/"
    with override_settings(**provider_settings("deepl", server)):
        response = alice_client.post(url, follow=True)
    assert "quota is used up" in response.content.decode()
    FakeProvider.status = 200
    with override_settings(**provider_settings("deepl", server)):
        response = alice_client.post(url, follow=True)
    page = response.content.decode()
    assert "unreviewed machine translation" in page
    draft = Revision.objects.get(article=article, language="en")
    alice_client.post(f"/en/staff/o/{national.slug}/guide/r/{draft.pk}/approve/")
    assert states_for_article(article, ["en"])["en"] == State.UP_TO_DATE
