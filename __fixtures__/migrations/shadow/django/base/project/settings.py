import os
from urllib.parse import urlsplit, unquote

# The database from DATABASE_URL, as a twelve-factor Django project reads it (dj-database-url does the same).
url = urlsplit(os.environ["DATABASE_URL"])
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": url.path.lstrip("/"),
        "USER": unquote(url.username or ""),
        "PASSWORD": unquote(url.password or ""),
        "HOST": url.hostname,
        "PORT": url.port,
    }
}
SECRET_KEY = "shadow-test"
INSTALLED_APPS = ["django.contrib.contenttypes", "shop"]
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
