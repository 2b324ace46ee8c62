from .views import b2b, checkin, debates, organiser, programme, registration

app_name = "congress"
urlpatterns = (
    registration.urlpatterns
    + checkin.urlpatterns
    + debates.urlpatterns
    + b2b.urlpatterns
    + organiser.urlpatterns
    + programme.urlpatterns
)
