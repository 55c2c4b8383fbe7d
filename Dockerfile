# syntax=docker/dockerfile:1
# The production image: gunicorn serving the site, static files collected, as a non-root user.
# Build: docker build -t socialeconomy .   Run it: docs/deploy.md (docker-compose.yml).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# Build stage: the compilers that a dependency without a wheel would need stay here.
FROM ${PYTHON_IMAGE} AS builder
RUN apt-get update \
    && apt-get install --yes --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
# Every run-time package at the exact version requirements.lock gives (bin/lock-requirements).
COPY requirements.lock ./
RUN pip install --requirement requirements.lock && pip check
COPY . .
# Hashed, compressed static files for WhiteNoise. The key only satisfies the settings for this
# command; the real one comes from the environment at run time.
RUN DJANGO_SETTINGS_MODULE=socialeconomy.settings.production \
    SECRET_KEY=collectstatic-only-not-a-secret \
    ALLOWED_HOSTS=build.invalid \
    python manage.py collectstatic --no-input --verbosity 0 \
    && test -f locale/nl/LC_MESSAGES/django.mo

# Run-time stage: the virtualenv and the application, nothing to build with.
FROM ${PYTHON_IMAGE} AS runtime
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /app /app
# The code is root's and read-only for the app user; only uploaded media are written, to a
# volume (or S3-compatible storage).
RUN mkdir -p /app/media && chown app:app /app/media
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=socialeconomy.settings.production \
    MEDIA_ROOT=/app/media \
    PORT=8000
WORKDIR /app
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=6s --start-period=20s --retries=3 CMD ["python", "bin/healthcheck"]
CMD ["bin/start"]
