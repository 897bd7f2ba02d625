"""Vocabularies of the counter. Values are stable identifiers stored in the database and
exported in statistics; labels are translated UI strings.

The topic list follows the categories one-stop counters report to the Immigration Services
Agency (ISA) in their yearly figures; the ISA form itself is the reference when it changes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Topic(models.TextChoices):
    RESIDENCE = "residence", _("Status of residence and immigration procedures")
    PROCEDURES = "procedures", _("Municipal procedures (residence registration, certificates)")
    TAX = "tax", _("Tax")
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance and pensions")
    EMPLOYMENT = "employment", _("Employment and labour")
    MEDICAL = "medical", _("Medical care")
    WELFARE = "welfare", _("Welfare")
    CHILDBIRTH_CHILDCARE = "childcare", _("Pregnancy, childbirth and childcare")
    EDUCATION = "education", _("Education")
    HOUSING = "housing", _("Housing")
    FAMILY = "family", _("Marriage, divorce and family")
    INTERPRETATION = "interpretation", _("Interpretation and translation")
    JAPANESE_LANGUAGE = "japanese", _("Learning Japanese")
    DAILY_LIFE = "daily_life", _("Daily life (rubbish, neighbours, transport)")
    CONSUMER = "consumer", _("Consumer problems and money")
    DISASTER = "disaster", _("Disasters and emergencies")
    HUMAN_RIGHTS = "human_rights", _("Discrimination and human rights")
    ACCIDENT_CRIME = "accident_crime", _("Accidents and crime")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    VISIT = "visit", _("Visit")
    # "Phone" alone is also the label of a phone-number field (電話番号); here it is the channel.
    PHONE = "phone", pgettext_lazy("consultation channel", "Phone")
    VIDEO = "video", _("Video call")
    EMAIL = "email", _("Email")
    CHAT = "chat", _("Chat")


class InterpreterMode(models.TextChoices):
    NONE = "none", _("No interpreter")
    STAFF = "staff", _("Staff interpreter")
    PHONE = "phone", _("Telephone interpretation")
    VIDEO = "video", _("Video interpretation")
    IN_PERSON = "in_person", _("Interpreter in person")


class Outcome(models.TextChoices):
    INFORMATION_GIVEN = "information", _("Information given")
    RESOLVED = "resolved", _("Resolved")
    REFERRED = "referred", _("Referred")
    FOLLOW_UP = "follow_up", _("Follow-up needed")
    UNRESOLVED = "unresolved", _("Could not be resolved")


class Proficiency(models.TextChoices):
    NATIVE = "native", _("Native")
    FLUENT = "fluent", _("Fluent")
    PLAIN_JAPANESE = "plain_japanese", _("Plain Japanese is fine")
    READS_ONLY = "reads_only", _("Reads only")
    NEEDS_INTERPRETER = "needs_interpreter", _("Needs an interpreter")


class ContactPreference(models.TextChoices):
    NONE = "none", _("Do not contact")
    PHONE = "phone", pgettext_lazy("contact preference", "Phone")
    SMS = "sms", _("Text message")
    EMAIL = "email", _("Email")
    POST = "post", _("Post")
    VISIT = "visit", _("Only when they visit")


class StatusOfResidence(models.TextChoices):
    PERMANENT_RESIDENT = "permanent_resident", _("Permanent resident")
    SPECIAL_PERMANENT_RESIDENT = "special_permanent_resident", _("Special permanent resident")
    SPOUSE_OF_JAPANESE = "spouse_of_japanese", _("Spouse or child of Japanese national")
    SPOUSE_OF_PERMANENT_RESIDENT = "spouse_of_pr", _("Spouse or child of permanent resident")
    LONG_TERM_RESIDENT = "long_term_resident", _("Long-term resident")
    ENGINEER_HUMANITIES = (
        "engineer_humanities",
        _("Engineer / specialist in humanities / international services"),
    )
    SPECIFIED_SKILLED_WORKER_1 = "ssw1", _("Specified skilled worker (i)")
    SPECIFIED_SKILLED_WORKER_2 = "ssw2", _("Specified skilled worker (ii)")
    TECHNICAL_INTERN = "technical_intern", _("Technical intern training")
    EMPLOYMENT_FOR_SKILL_DEVELOPMENT = "skill_development", _("Employment for skill development")
    STUDENT = "student", _("Student")
    DEPENDENT = "dependent", _("Dependent")
    DESIGNATED_ACTIVITIES = "designated_activities", _("Designated activities")
    SKILLED_LABOR = "skilled_labor", _("Skilled labour")
    NURSING_CARE = "nursing_care", _("Nursing care")
    HIGHLY_SKILLED = "highly_skilled", _("Highly skilled professional")
    BUSINESS_MANAGER = "business_manager", _("Business manager")
    INTRA_COMPANY = "intra_company", _("Intra-company transferee")
    INSTRUCTOR = "instructor", _("Instructor")
    PROFESSOR = "professor", _("Professor")
    RESEARCHER = "researcher", _("Researcher")
    MEDICAL = "medical_services", _("Medical services")
    CULTURAL = "cultural", _("Cultural activities")
    TEMPORARY_VISITOR = "temporary_visitor", _("Temporary visitor")
    OTHER_STATUS = "other", _("Other status")
    JAPANESE_NATIONAL = "japanese_national", _("Japanese national (naturalised)")
    NO_STATUS = "no_status", _("No status (e.g. provisional release)")
    UNKNOWN = "unknown", _("Not known")


# The nationalities counters see most, then "other"; ISO 3166-1 alpha-2 codes.
class Nationality(models.TextChoices):
    # Counters also answer Japanese residents (a Japanese spouse, a naturalised resident).
    JP = "JP", _("Japan")
    CN = "CN", _("China")
    VN = "VN", _("Viet Nam")
    KR = "KR", _("Republic of Korea")
    PH = "PH", _("Philippines")
    BR = "BR", _("Brazil")
    NP = "NP", _("Nepal")
    ID = "ID", _("Indonesia")
    MM = "MM", _("Myanmar")
    TW = "TW", _("Taiwan")
    US = "US", _("United States")
    TH = "TH", _("Thailand")
    LK = "LK", _("Sri Lanka")
    IN = "IN", _("India")
    PE = "PE", _("Peru")
    BD = "BD", _("Bangladesh")
    PK = "PK", _("Pakistan")
    KH = "KH", _("Cambodia")
    MN = "MN", _("Mongolia")
    UZ = "UZ", _("Uzbekistan")
    BO = "BO", _("Bolivia")
    UA = "UA", _("Ukraine")
    XX = "XX", _("Other or stateless")
    UNKNOWN = "", _("Not known")


# Fields of a client's record that a consent may allow to share with a referral receiver.
class ShareableField(models.TextChoices):
    NICKNAME = "nickname", _("Nickname or initials")
    FULL_NAME = "full_name", _("Full name")
    CONTACT = "contact", _("Contact details")
    NATIONALITY = "nationality", _("Nationality")
    LANGUAGES = "languages", _("Languages")
    STATUS_OF_RESIDENCE = "status_of_residence", _("Status of residence")
    MUNICIPALITY = "municipality", _("Municipality")
    TOPICS = "topics", _("Consultation topics")
    SUMMARY = "summary", _("Summary of the situation")
    RESIDENCE_DEADLINES = "residence_deadlines", _("Residence deadlines")


class AgencyKind(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment (Hello Work)")
    LEGAL = "legal", _("Legal aid")
    LABOUR = "labour", _("Labour standards")
    IMMIGRATION = "immigration", _("Immigration")
    HUMAN_RIGHTS = "human_rights", _("Human rights")
    HEALTH = "health", _("Public health")
    CONSUMER = "consumer", _("Consumer affairs")
    POLICE = "police", _("Police consultation")
    INTERPRETATION = "interpretation", _("Interpretation service")
    OTHER = "other", _("Other agency")


class CaseStatus(models.TextChoices):
    """Where a client's case stands: open → in progress → referred → closed (with a reason)."""

    OPEN = "open", pgettext_lazy("case status", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")


class CloseReason(models.TextChoices):
    RESOLVED = "resolved", _("Resolved")
    REFERRED = "referred", _("Referred")
    NO_CONTACT = "no_contact", _("No contact any more")
    CLIENT_ENDED = "client_ended", _("The client ended it")
    OTHER = "other", _("Other")
