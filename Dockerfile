# The portal's production image: gunicorn for the web, the same image for Celery's worker and beat.
# See docker-compose.yml for how the services fit together and README.md ("Deployment").
FROM python:3.11-slim-bookworm

# PYTHONPATH: the source tree in /app comes first, so BASE_DIR (templates, static, locale) is
# /app and not the copy `pip install .` puts in site-packages.
# DEBUG=0 (also the settings' default): never DEBUG by accident; the image refuses to start
# without SECRET_KEY, ALLOWED_HOSTS and SITE_URL.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=learningcity.settings \
    DEBUG=0

# WeasyPrint needs Pango (with HarfBuzz's subsetter), fonts and the MIME database;
# gettext compiles the translations below.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
        shared-mime-info gettext \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so editing the code does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
# The code is owned by root and read-only for the app user; it may write only media/ (uploads,
# a volume in docker-compose.yml) and var/ (Celery beat's schedule).
RUN pip install . \
    && rm -rf build ./*.egg-info \
    && chmod 0755 docker/entrypoint.sh \
    && mkdir -p media var \
    && chown app:app media var

# Translations and static files are built into the image with throwaway settings: nothing here
# is used at run time (the real SECRET_KEY and ALLOWED_HOSTS come from the environment).
RUN export DEBUG=0 ALLOWED_HOSTS=build.invalid SITE_URL=https://build.invalid \
        SECRET_KEY=build-only-throwaway-key-build-only-throwaway-key-0123456789 \
    && python manage.py compilemessages --ignore=.venv \
    && python manage.py collectstatic --noinput -v0

USER app:app

EXPOSE 8000

# Django checks the Host header against ALLOWED_HOSTS, so the probe sends the first allowed host.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["/app/docker/entrypoint.sh", "healthcheck", "http://127.0.0.1:8000/health/"]

# Runs the migrations before gunicorn starts (not before the Celery commands), then execs.
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "learningcity.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--timeout", "60", "--worker-tmp-dir", "/dev/shm", \
     "--access-logfile", "-", "--error-logfile", "-"]
