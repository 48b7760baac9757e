from learningcity.html import sanitise


def test_sanitise_keeps_structure_and_links():
    html = '<h2>Título</h2><p>Texto con <a href="https://example.org">enlace</a>.</p><ul><li>uno</li></ul>'
    cleaned = sanitise(html)
    assert "<h2>Título</h2>" in cleaned
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">enlace</a>' in cleaned
    assert "<li>uno</li>" in cleaned


def test_sanitise_drops_scripts_handlers_styles_and_dangerous_links():
    html = (
        '<p onclick="steal()" style="color:red">Hola</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)><iframe src="x"></iframe>'
    )
    cleaned = sanitise(html)
    for fragment in ["onclick", "style", "script", "javascript", "onerror", "iframe", "<img"]:
        assert fragment not in cleaned
    assert "Hola" in cleaned


def test_sanitise_accepts_empty_input():
    assert sanitise(None) == ""
