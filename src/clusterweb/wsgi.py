"""WSGI entry point (waitress in ``clusterplan serve``; any WSGI server in production)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterweb.conf.dev")

application = get_wsgi_application()
