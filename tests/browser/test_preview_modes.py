"""The preview panel shows the language picked in its "Preview mode" list, even when
the pick is made while an update is still loading (Wagtail drops a change made then:
the list said Arabic and the English page stayed in the panel)."""

import re

from playwright.sync_api import expect


def test_a_language_picked_while_the_preview_loads_is_the_one_shown(staff_page, home):
    page = staff_page
    held = []
    english = re.compile(r"/edit/preview/\?mode=en&")
    # Hold the panel's first page (the English one) in flight, as a slow line does.
    page.route(english, lambda route: held.append(route))
    page.goto(f"/admin/pages/{home.pk}/edit/")
    page.click('[data-side-panel-toggle="preview"]')
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the preview panel asked for no page"
    page.select_option("#id_preview_mode", "ar")
    held[0].continue_()
    page.unroute(english)

    frame = page.frame_locator("#w-preview-iframe")
    expect(page.locator("#w-preview-iframe")).to_have_attribute(
        "src", re.compile(r"mode=ar"), timeout=20000
    )
    expect(frame.locator("html")).to_have_attribute("lang", "ar", timeout=20000)
    expect(frame.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#id_preview_mode")).to_have_value("ar")
