from .views import b2b, checkin, debates, organiser, programme, programme_admin, registration

app_name = "congress"
urlpatterns = (
    registration.urlpatterns
    + checkin.urlpatterns
    + debates.urlpatterns
    + b2b.urlpatterns
    + organiser.urlpatterns
    # Before the programme's: its "new/" would otherwise be read as a congress's slug.
    + programme_admin.urlpatterns
    + programme.urlpatterns
)
