"""The guidebook: articles, their per-language revisions, facts, sources, search index, feedback.

Languages are referenced by code (a `core.Language` code), never by a list in code, so a
language added later works without a change here. Translation state is NOT stored: it is
derived from revisions by `kyosei.guide.states`, so it cannot become inconsistent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kyosei.orgs.models import Organisation


class Chapter(models.TextChoices):
    """The 12 chapters of the guidebook (the ISA "Guidebook on Living and Working" layout)."""

    RESIDENCE = "residence", _("Residence procedures")
    MUNICIPAL = "municipal", _("Municipal procedures")
    WORK = "work", _("Work")
    CHILDCARE = "childcare", _("Pregnancy, birth and childcare")
    EDUCATION = "education", _("Education")
    MEDICAL = "medical", _("Medical care")
    PENSION = "pension", _("Pension and welfare")
    TAX = "tax", _("Tax")
    TRANSPORT = "transport", _("Transport")
    EMERGENCY = "emergency", _("Emergencies and disasters")
    HOUSING = "housing", _("Housing")
    DAILY_LIFE = "daily_life", _("Daily life")


class LifeEvent(models.TextChoices):
    JUST_ARRIVED = "just_arrived", _("I just arrived")
    CHANGED_JOBS = "changed_jobs", _("I changed jobs")
    HAVING_BABY = "having_baby", _("We are having a baby")
    LOST_JOB = "lost_job", _("I lost my job")


class Article(models.Model):
    """One topic, kept by one organisation, written in many languages (see Revision)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="guide_articles"
    )
    slug = models.SlugField(max_length=80)
    chapter = models.CharField(max_length=20, choices=Chapter.choices)
    life_events = models.JSONField(default=list, blank=True)
    # The language translators translate FROM; a language code, changed only via services.
    source_language = models.CharField(max_length=20, default="ja")
    # A local section of a national article (e.g. a city's garbage rules under "Garbage").
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="local_sections"
    )
    # Importance within a chapter or life event: lower comes first.
    position = models.PositiveIntegerField(default=100)
    # The fact (a number of days, months or years) that is this article's legal deadline,
    # e.g. "address-change-deadline": life-event pages list the most urgent first.
    deadline_fact = models.SlugField(max_length=80, blank=True)
    verified_on = models.DateField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="guide_unique_org_slug")
        ]
        ordering = ["chapter", "position", "slug"]

    def __str__(self) -> str:
        return f"{self.organisation.slug}/{self.slug}"

    @property
    def is_national(self) -> bool:
        return self.organisation.kind == Organisation.Kind.NATIONAL_CENTRE


class ArticleSource(models.Model):
    """An official source the article is based on, shown to readers."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300)
    # The title in other languages, {"en": "..."}; readers get it via their fallback chain.
    titles = models.JSONField(default=dict, blank=True)
    url = models.URLField(max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def title_in(self, chain: list[str]) -> str:
        for code in chain:
            if self.titles.get(code):
                return str(self.titles[code])
        return self.title


class Revision(models.Model):
    """An immutable version of one article in one language. Never updated after creation."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        # Takes the language variant offline without losing its history.
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Kind(models.TextChoices):
        MAJOR = "major", _("Major edit")
        MINOR = "minor", _("Minor edit")

    class Origin(models.TextChoices):
        HUMAN = "human", _("Written by a person")
        MACHINE = "machine", _("Machine translation")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    language = models.CharField(max_length=20)
    # Per-article sequence number: a total order of all revisions of the article.
    seq = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices)
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.MAJOR)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.HUMAN)
    # The source revision a translation was made from (None for source-language writing).
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="translations"
    )
    # The source content this text represents: a major source edit starts a new version
    # (its own seq); minor edits and translations inherit it. Compared to derive states.
    content_version = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "seq"], name="guide_unique_revision_seq")
        ]
        indexes = [models.Index(fields=["article", "language", "seq"])]
        ordering = ["article", "seq"]

    def __str__(self) -> str:
        return f"{self.article} [{self.language}] #{self.seq} {self.status}"

    @property
    def is_unreviewed_machine(self) -> bool:
        return self.origin == self.Origin.MACHINE and self.reviewed_by_id is None


class Fact(models.Model):
    """A dated fact embedded in articles as {{ fact:key }}; one change updates every language."""

    class Kind(models.TextChoices):
        DAYS = "days", _("Number of days")
        MONTHS = "months", _("Number of months")
        YEARS = "years", _("Age or number of years")
        YEN = "yen", _("Amount in yen")
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        TEXT = "text", _("Text per language")

    # None = national fact; an organisation may override a national key locally. Uniqueness
    # of national keys (NULL organisation) is enforced by services: NULLs are distinct in SQL.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="guide_facts"
    )
    key = models.SlugField(max_length=80)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key"],
                name="guide_unique_fact_key",
            )
        ]
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key


class FactValue(models.Model):
    """The value of a fact from `effective_from` on; history is kept, never overwritten."""

    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="values")
    effective_from = models.DateField()
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    # For TEXT facts: {"ja": "...", "en": "...", ...}; missing languages use the fallback chain.
    texts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["fact", "effective_from"], name="guide_unique_fact_effective"
            )
        ]
        ordering = ["fact", "-effective_from"]

    def __str__(self) -> str:
        return f"{self.fact.key} from {self.effective_from}"


class SearchDocument(models.Model):
    """The published text of one article in one language, normalised for search."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="search_docs")
    language = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    text = models.TextField()
    # The article's aliases in this language, normalised: they rank like the title.
    aliases = models.TextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="guide_unique_search_doc")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} [{self.language}]"


class SearchAlias(models.Model):
    """An everyday word residents search with for an article, in one language ("visa",
    "trash", "ビザ"): written by editors through services (audited) and indexed with the
    article's text in that language, so search finds what the title does not say."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="aliases")
    language = models.CharField(max_length=20)
    text = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language", "text"], name="guide_unique_alias"
            )
        ]
        ordering = ["article", "language", "text"]

    def __str__(self) -> str:
        return f"{self.article_id} [{self.language}] {self.text}"


class SearchGram(models.Model):
    """Character bigrams of a SearchDocument: one index that works for every script, with or
    without spaces, identically on SQLite and PostgreSQL (reasons: kyosei/guide/search.py)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="grams")
    language = models.CharField(max_length=20)
    gram = models.CharField(max_length=2)
    in_title = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "gram"], name="guide_unique_doc_gram")
        ]
        indexes = [models.Index(fields=["language", "gram", "document"])]

    def __str__(self) -> str:
        return self.gram


class Feedback(models.Model):
    """A reader's "did this page help?" answer, shown to the article's editors."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="feedback")
    language = models.CharField(max_length=20)
    helpful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.article_id} {'+' if self.helpful else '-'}"


class GlossaryTerm(models.Model):
    """An official term and its required translation in one language."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    source_term = models.CharField(max_length=200)
    language = models.CharField(max_length=20)
    target_term = models.CharField(max_length=300)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "source_term", "language"],
                name="guide_unique_glossary_term",
            )
        ]
        ordering = ["source_term", "language"]

    def __str__(self) -> str:
        return f"{self.source_term} → {self.target_term} [{self.language}]"


class MachineUsage(models.Model):
    """Characters sent to a machine-translation provider, per organisation and month."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month
    characters = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "month"], name="guide_unique_mt_month")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m}: {self.characters}"


class MachineBudget(models.Model):
    """An organisation's own monthly MT character budget (else settings.MT_MONTHLY_CHARACTERS)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="+")
    monthly_characters = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.monthly_characters}"


class MemoryEntry(models.Model):
    """A translation-memory segment pair imported from TMX (published translations are
    also used as memory, derived on the fly from revisions)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    source_language = models.CharField(max_length=20)
    language = models.CharField(max_length=20)
    source_text = models.TextField()
    target_text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["source_language", "language"])]

    def __str__(self) -> str:
        return f"{self.source_language}→{self.language}: {self.source_text[:40]}"


class TranslationTask(models.Model):
    """Work on one article in one language, optionally assigned to a translator.

    Whether the work is done is NOT stored: a task is done when the cell's derived state is
    up to date (see kyosei.guide.states). Closing only withdraws a task that is not needed.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tasks")
    language = models.CharField(max_length=20)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guide_tasks",
    )
    due_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"],
                condition=models.Q(closed_at__isnull=True),
                name="guide_one_open_task_per_cell",
            )
        ]
        ordering = ["due_on", "created_at"]

    def __str__(self) -> str:
        return f"{self.article} [{self.language}]"


class TranslatorReminder(models.Model):
    """The daily reminder email of one translator: at most one row per person and day, so
    running `kyosei guide remind-translators` again the same day sends nothing twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guide_reminders"
    )
    sent_on = models.DateField()
    tasks = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="guide_one_reminder_per_day")
        ]
        ordering = ["-sent_on"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.sent_on}"
