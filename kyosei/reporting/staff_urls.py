from django.urls import path

from kyosei.reporting import staff_views as views

app_name = "reporting_staff"

urlpatterns = [
    path("", views.report_list, name="reports"),
    path("<int:report_pk>/", views.report_detail, name="report"),
    path("<int:report_pk>/answer/", views.report_answer, name="answer"),
    path("<int:report_pk>/note/", views.report_note, name="note"),
    path("<int:report_pk>/status/", views.report_status, name="status"),
    path("<int:report_pk>/assign/", views.report_assign, name="assign"),
    path("<int:report_pk>/counter-case/", views.report_counter_case, name="counter-case"),
    path("files/<int:file_pk>/", views.attachment_download, name="attachment"),
    path("settings/", views.policy, name="settings"),
    path("statistics/", views.statistics_view, name="statistics"),
]
