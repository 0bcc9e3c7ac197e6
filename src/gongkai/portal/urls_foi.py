"""URL patterns of one subject; included by the app's urls.py under the app's namespace."""

urlpatterns: list = []
