from django.urls import path

from kyosei.counter import views

app_name = "counter_staff"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("intake/", views.intake, name="intake"),
    path("clients/", views.client_list, name="clients"),
    path("clients/new/", views.client_new, name="client-new"),
    path("clients/<int:client_pk>/", views.client_detail, name="client"),
    path("clients/<int:client_pk>/edit/", views.client_edit, name="client-edit"),
    path("clients/<int:client_pk>/consent/", views.client_consent, name="client-consent"),
    path("clients/<int:client_pk>/export/", views.client_export, name="client-export"),
    path("clients/<int:client_pk>/erasure/", views.client_erasure, name="client-erasure"),
    path("clients/<int:client_pk>/refer/", views.referral_new, name="referral-new"),
    path("clients/<int:client_pk>/assign/", views.client_assign, name="client-assign"),
    path("clients/<int:client_pk>/status/", views.client_status, name="client-status"),
    path("clients/<int:client_pk>/history/", views.client_history, name="client-history"),
    path("clients/<int:client_pk>/merge/", views.client_merge, name="client-merge"),
    path("erasures/", views.erasure_list, name="erasures"),
    path("erasures/<int:erasure_pk>/decide/", views.erasure_decide, name="erasure-decide"),
    path("consultations/", views.consultation_list, name="consultations"),
    path("consultations/<int:consultation_pk>/", views.consultation_detail, name="consultation"),
    path(
        "consultations/<int:consultation_pk>/edit/",
        views.consultation_edit,
        name="consultation-edit",
    ),
    path(
        "consultations/<int:consultation_pk>/attachments/",
        views.attachment_add,
        name="attachment-add",
    ),
    path("consultations/<int:consultation_pk>/tasks/", views.task_add, name="task-add"),
    path(
        "consultations/<int:consultation_pk>/residence/",
        views.consultation_residence,
        name="consultation-residence",
    ),
    path("attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("tasks/", views.task_list, name="tasks"),
    path("tasks/<int:task_pk>/done/", views.task_done, name="task-done"),
    path("referrals/", views.referral_list, name="referrals"),
    path("referrals/<int:referral_pk>/", views.referral_detail, name="referral"),
    path("referrals/<int:referral_pk>/card/", views.referral_card, name="referral-card"),
    path("directory/", views.directory, name="directory"),
    path("interpretation/", views.interpretation, name="interpretation"),
    path("statistics/", views.statistics_view, name="statistics"),
    path("statistics.<str:fmt>", views.statistics_export, name="statistics-export"),
    path("settings/", views.counter_settings, name="settings"),
]
