"""Import upload, preview, confirm, progress, undo; exports. (Owned by the import work.)"""

urlpatterns = []
