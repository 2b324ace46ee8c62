"""Creating and editing organisations, cluster profiles and memberships. (Owned by the editing work.)"""

urlpatterns = []
