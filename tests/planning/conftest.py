# The e-mail test's fixtures, for the planning tests that check the e-mails planning sends.
from tests.learningcity.test_emails import city, send, strict_templates  # noqa: F401
