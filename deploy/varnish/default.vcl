# Varnish between nginx and the app servers (docker-compose.yml): nginx -> varnish ->
# balancer -> web. Anonymous pages, in every language, are kept here and served without
# touching the app; the app purges them on every change visitors can see
# (core/frontend_cache.py, Wagtail's HTTPBackend sending PURGE to the "purge" listener).
#
# The rules mirror the site's own page cache (core/cache.py, is_cacheable_request and
# is_cacheable_response): keep one definition of what may be shared, and change both.
#
# Under a flood: requests for a page that is being fetched wait for that one fetch
# (Varnish's waiting list), so a purge costs one render per page, never a stampede;
# when a copy merely expires, visitors get it a few seconds stale while one background
# fetch replaces it (grace). A purge is never soft: the copy is gone at once.
#
# Started with deploy/varnish/start.cli (varnishd -I): http_gzip_support off, so the
# app's Brotli, gzip and plain copies are kept apart and sent as they are; the shared
# memory log keeps each request's URL, status and errors but not its headers,
# timestamps or VCL steps (a few µs a hit; `varnishadm param.set vsl_mask ...` turns
# them back on while looking into a problem).

vcl 4.1;

import std;

# The app servers through the balancer (deploy/varnish/balancer.conf), which spreads
# requests over every `web` replica (Varnish resolves a host name only once).
backend default {
    .host = "balancer";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 30s;
}

# Who may purge: the app servers on the compose network, and only on the "purge"
# listener, which nginx never forwards to.
acl purgers {
    "localhost";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    if (local.socket == "purge") {
        if (req.method != "PURGE") {
            return (synth(405, "Method Not Allowed"));
        }
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # Every copy of the page goes at once, and of every address under it (a
        # memorial person page, an export, any query string, any encoding), and is
        # never served again, not even stale: a withdrawn consent must not outlive
        # its purge. (Host and path hold no spaces: a request line cannot; a "." in
        # the path matches any character, which only purges more.)
        if (std.ban("obj.http.X-Cache-Host == " + req.http.host +
                " && obj.http.X-Cache-Path ~ ^" + regsub(req.url, "\?.*$", ""))) {
            return (synth(200, "Purged"));
        }
        # The app logs a purge that failed.
        return (synth(500, "Purge failed: " + std.ban_error()));
    }
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }

    # Varnish adds the address of whoever connected (nginx) to X-Forwarded-For; the
    # app takes the client from the last entry nginx wrote, so that is what it gets.
    if (req.http.X-Forwarded-For ~ ",") {
        set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, ",[^,]*$", "");
    }

    # Never shared: anything but GET and HEAD, credentials, the admin (and its
    # previews), health checks, documents and media (the app checks permissions and
    # consent for them).
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)/" || req.url ~ "^/(healthz|documents/|media/)") {
        return (pass);
    }
    # Signed-in staff, or a visitor with a session (the donation flow).
    if (req.http.Cookie ~ "(^|;)\s*sessionid=") {
        return (pass);
    }

    if (req.http.Cookie) {
        # Keep only the cookies the site reads (the CSRF cookie of the donation form,
        # the language cookie); the others would only reach the app on a miss.
        set req.http.Cookie = ";" + regsuball(req.http.Cookie, ";\s*", ";");
        set req.http.Cookie = regsuball(req.http.Cookie, ";(csrftoken|django_language)=", "; \1=");
        set req.http.Cookie = regsuball(req.http.Cookie, ";[^ ][^;]*", "");
        # Under a language prefix the address decides the language, not the cookie;
        # elsewhere ("/") the app redirects by it, and never lets that be shared.
        if (req.url ~ "^/[a-z]{2}(-[a-z]+)?/") {
            set req.http.Cookie = regsuball(req.http.Cookie, "; django_language=[^;]*", "");
        }
        set req.http.Cookie = regsuball(req.http.Cookie, "^[; ]+|[; ]+$", "");
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    # One copy per encoding the app stores (Brotli, gzip, none; core/cache.py): the
    # app is asked for the one the browser takes, and the app's Vary keeps the copies
    # apart. A hit is then sent as it is, never unzipped or zipped on delivery
    # (http_gzip_support is off, deploy/varnish/start.cli).
    if (req.http.Accept-Encoding ~ "br" &&
            req.http.Accept-Encoding ~ "(^|,)\s*br\s*(;\s*q=(1|0*\.0*[1-9])[.0-9]*)?\s*(,|$)") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "gzip" &&
            req.http.Accept-Encoding ~ "(^|,)\s*gzip\s*(;\s*q=(1|0*\.0*[1-9])[.0-9]*)?\s*(,|$)") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    # Looked up even with the CSRF cookie: what may be shared is decided by the
    # response, as in the site's page cache.
    return (hash);
}

sub vcl_backend_response {
    # What a purge matches on (removed before delivery).
    set beresp.http.X-Cache-Host = bereq.http.host;
    set beresp.http.X-Cache-Path = regsub(bereq.url, "\?.*$", "");
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Stored only when the app says it may be shared: a 200 with a Cache-Control that
    # gives a time to keep it (s-maxage), no cookie set, not private, no-store or
    # no-cache (every page with a form), not varying on cookies, not a file the web
    # server sends for the app.
    if (beresp.status != 200 || beresp.http.Set-Cookie || beresp.http.X-Accel-Redirect
        || !beresp.http.Cache-Control
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Vary ~ "(?i)(cookie|\*)" || beresp.ttl <= 0s) {
        # Remembered as "go to the app": later requests are not held waiting for it.
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
    # The TTL is the app's s-maxage (PAGE_CACHE_CDN_SECONDS); a purge ends it sooner.
    # Past it, a copy is served up to 10 s stale while one fetch replaces it.
    set beresp.grace = 10s;
    set beresp.keep = 0s;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Cache-Host;
    unset resp.http.X-Cache-Path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
