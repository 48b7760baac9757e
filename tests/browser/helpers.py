"""Accessibility assertions for Playwright pages: axe-core (WCAG 2.1 A/AA) and the keyboard."""

from pathlib import Path

from django.conf import settings

AXE_JS = Path(settings.BASE_DIR) / "static" / "vendor" / "axe" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    helpUrl: violation.helpUrl,
    nodes: violation.nodes.map((node) => ({
      target: node.target.map(String),
      html: node.html,
      summary: node.failureSummary || "",
    })),
  }));
}"""


def axe_violations(page):
    """axe-core's violations of WCAG 2.0/2.1 level A and AA on the page as it is now."""
    # A page still loading has no <head> to take the script yet.
    page.wait_for_load_state()
    if not page.evaluate("() => typeof window.axe === 'object'"):
        if page.url.startswith("http"):
            # From the portal's own address: the Content-Security-Policy refuses inline scripts.
            page.add_script_tag(url="/static/vendor/axe/axe.min.js")
        else:
            page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(_RUN_AXE, WCAG_TAGS)


def _shorten(text, limit=300):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_violations(violations, url=""):
    lines = [f"{len(violations)} accessibility violation(s) on {url or 'the page'}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(node['target'])}")
            lines.append(f"      {_shorten(node['html'])}")
            summary = "; ".join(line.strip() for line in node["summary"].splitlines() if line)
            if summary:
                lines.append(f"      {_shorten(summary, 500)}")
    return "\n".join(lines)


def assert_accessible(page):
    """Fail with a readable list when axe-core finds WCAG 2.1 A/AA violations on the page."""
    violations = axe_violations(page)
    if violations:
        raise AssertionError(format_violations(violations, page.url))


# Marks what Tab should reach: every visible control that is not disabled, radio groups counted
# once (Tab stops on one radio of a group). Returns a description of each, in document order.
_MARK_CONTROLS = """() => {
  const selector = [
    "a[href]", "button", "input", "select", "textarea", "summary", "[tabindex]",
  ].join(",");
  const visible = (el) => el.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && el.getClientRects().length > 0;
  const controls = [];
  const keys = [];
  for (const el of document.querySelectorAll(selector)) {
    const tabindex = el.getAttribute("tabindex");
    const native = el.matches("a[href], button, input, select, textarea")
      || (el.matches("summary") && el.parentElement && el.parentElement.matches("details")
          && el.parentElement.querySelector(":scope > summary") === el);
    if (!native && (tabindex === null || Number(tabindex) < 0)) continue;
    if (el.matches("input[type=hidden]") || el.disabled || el.closest("[inert]")) continue;
    if (!visible(el)) continue;
    const radioGroup = el.matches("input[type=radio][name]")
      ? `radio:${el.form ? Array.from(document.forms).indexOf(el.form) : "-"}:${el.name}`
      : null;
    const key = radioGroup || `control:${controls.length}`;
    if (radioGroup && keys.includes(key)) {
      controls.push({el, key});
      continue;
    }
    keys.push(key);
    controls.push({el, key});
  }
  window.__keyboardControls = controls;
  window.__keyboardSeen = [];
  window.__bodyTabindex = document.body.getAttribute("tabindex");
  document.body.setAttribute("tabindex", "-1");
  document.body.focus({preventScroll: true});
  return keys.map((key) => {
    const el = controls.find((control) => control.key === key).el;
    const name = (el.getAttribute("aria-label") || el.innerText || el.value || el.name
      || el.id || "").trim().replace(/\\s+/g, " ").slice(0, 60);
    return {key, description: `<${el.tagName.toLowerCase()}> ${JSON.stringify(name)}`};
  });
}"""

_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const control = (window.__keyboardControls || []).find((c) => c.el === el);
  const again = window.__keyboardSeen.includes(el);
  window.__keyboardSeen.push(el);
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
  return {
    key: control ? control.key : null,
    again,
    description: `<${el.tagName.toLowerCase()}> ${el.outerHTML.slice(0, 120)}`,
    indicator: outline || shadow,
  };
}"""

_RESTORE_BODY = """() => {
  if (window.__bodyTabindex === null) document.body.removeAttribute("tabindex");
  else document.body.setAttribute("tabindex", window.__bodyTabindex);
}"""

_FIND = """(wanted) => {
  const controls = window.__keyboardControls || [];
  let elements = [];
  try {
    elements = Array.from(document.querySelectorAll(wanted));
  } catch (error) {
    elements = [];
  }
  const normal = (text) => (text || "").trim().replace(/\\s+/g, " ");
  if (elements.length === 0) {
    elements = controls.map((c) => c.el).filter((el) => [
      el.getAttribute("aria-label"),
      el.innerText,
      el.value,
      el.name,
      ...Array.from(el.labels || []).map((label) => label.innerText),
    ].some((text) => normal(text) === normal(wanted)));
  }
  return controls.filter((c) => elements.includes(c.el)).map((c) => c.key);
}"""


def assert_keyboard_reachable(page, selectors_or_names=()):
    """Tab from the top of the page through every control and check each one is reached with a
    visible focus indicator (a computed outline or box-shadow).

    Every visible a[href], button, input, select, textarea, summary and [tabindex>=0] must be
    reached. `selectors_or_names` adds controls that must exist and be reached: a CSS selector,
    or a control's accessible text (label, text, value, aria-label or name).
    """
    expected = page.evaluate(_MARK_CONTROLS)
    try:
        descriptions = {control["key"]: control["description"] for control in expected}
        problems = []
        for wanted in selectors_or_names:
            keys = page.evaluate(_FIND, wanted)
            if not keys:
                problems.append(f"no visible control matches {wanted!r}")
        reached = []
        for _ in range(2 * len(expected) + 5):
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUSED)
            if focused is None:
                if reached:
                    break  # focus left the page after its last control
                continue
            if focused["again"]:
                break  # round the page once
            if not focused["indicator"]:
                problems.append(f"no visible focus indicator on {focused['description']}")
            if focused["key"] is not None:
                reached.append(focused["key"])
        missing = [descriptions[key] for key in descriptions if key not in reached]
        problems.extend(f"Tab never reaches {description}" for description in missing)
        for wanted in selectors_or_names:
            keys = page.evaluate(_FIND, wanted)
            if keys and not any(key in reached for key in keys):
                problems.append(f"Tab never reaches {wanted!r}")
    finally:
        page.evaluate(_RESTORE_BODY)
    if problems:
        raise AssertionError(
            f"Keyboard problems on {page.url}:\n" + "\n".join(f"- {p}" for p in problems)
        )


def watch_csp(page):
    """Record the console's Content-Security-Policy refusals on `page.csp_violations`."""
    page.csp_violations = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            page.csp_violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return page


def log_in(page, base, email, password):
    """Log in through the English login form and wait for the profile page it leads to."""
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/accounts/profile/**")  # in the language the person prefers
