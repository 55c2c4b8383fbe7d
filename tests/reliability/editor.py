"""An editor's browser session against a running instance, over plain HTTP behind the 'proxy'.

Cookies are kept by hand: production marks them Secure, which a cookie jar would not send back
over http://127.0.0.1 (the proxy header makes Django treat the requests as https).
"""

import http.client
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from bs4 import BeautifulSoup

from bench.services import PROXY_HEADERS


class EditorSession:
    def __init__(self, base_url):
        self.base = urlsplit(base_url)
        self.cookies = {}

    def request(self, method, path, fields=None):
        conn = http.client.HTTPConnection(self.base.hostname, self.base.port, timeout=30)
        origin = f"https://{self.base.netloc}"
        headers = {**PROXY_HEADERS, "Host": self.base.netloc, "Referer": origin + path}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read()
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        conn.close()
        return response.status, response.getheader("Location"), content

    def form_fields(self, path, form_id=None):
        status, _, content = self.request("GET", path)
        assert status == 200, (path, status)
        html = BeautifulSoup(content, "html.parser")
        form = html.find("form", id=form_id) if form_id else html.find("form", method="post")
        fields = {}
        for element in form.find_all(["input", "textarea", "select"]):
            name = element.get("name")
            if not name or element.get("type") in ("submit", "button", "checkbox", "radio"):
                continue
            if element.name == "textarea":
                value = element.get_text()
                fields[name] = value[1:] if value.startswith("\n") else value
            elif element.name == "select":
                chosen = element.find("option", selected=True)
                fields[name] = chosen.get("value", "") if chosen else ""
            else:
                fields[name] = element.get("value", "")
        return fields

    def log_in(self, username, password):
        fields = self.form_fields("/admin/login/")
        fields.update(username=username, password=password)
        status, location, _ = self.request("POST", "/admin/login/", fields)
        assert status == 302 and "sessionid" in self.cookies, (status, location)

    def publish_actor_type(self, pk, **changes):
        path = f"/admin/snippets/actortypes/actortype/edit/{pk}/"
        fields = self.form_fields(path, form_id="w-editor-form")
        fields.update(changes)
        fields["action-publish"] = "action-publish"
        status, location, content = self.request("POST", path, fields)
        assert status == 302, (status, content[:2000])
        return location
