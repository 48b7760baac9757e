"""Path converters shared by the apps' URL patterns."""

from django.urls import register_converter


class SecretTokenConverter:
    """The URL-safe secret of an e-mailed link (`secrets.token_urlsafe`, at most 64 characters).

    Anything else, a NUL byte above all (PostgreSQL refuses it in a query with an error), is a
    404 before a view looks it up."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(SecretTokenConverter, "token")
