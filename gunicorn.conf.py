"""gunicorn's settings for the web container, read from the environment (docs/deploy.md).

bin/start passes this file; gunicorn also reads it by default from the project folder, so the
benchmark and the reliability tests serve the site with the same trust in the proxy.
"""

import os

bind = f"{os.environ.get('BIND_ADDRESS', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker that has not answered for this long is restarted. Database waits are bounded well
# below it (connect and statement timeouts in the settings), so a hung database gives the 503
# page long before.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Workers are not recycled by default (gunicorn's own default): a recycled worker imports Django
# and Wagtail anew, which at a few thousand cached pages a second (docs/performance.md) meant a
# restart of each worker every second. GUNICORN_MAX_REQUESTS turns recycling on should a leak
# ever need it.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", "/dev/shm")
accesslog = "-"
errorlog = "-"

# The TLS proxy in front (FORWARDED_ALLOW_IPS: its addresses) is trusted for the scheme, through
# the one header Django reads too (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
# Never for SCRIPT_NAME or PATH_INFO, which gunicorn by default takes from a trusted proxy: a
# proxy that passes a visitor's header on would let one request move the whole site under a
# prefix ("SCRIPT_NAME: /over-ons" on /over-ons/ renders the home page) and the page cache would
# keep that for everyone. The site is served at the root of its host; nothing needs them.
forwarder_headers = ""
# Any other header with an underscore is dropped rather than mixed up with its hyphenated twin
# (gunicorn's default, spelled out).
header_map = "drop"
