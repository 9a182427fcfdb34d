"""The reusable state map (``core.statemap``): every state and DC, small, binned colours, a table of the
same numbers, and usable from any template."""

import re

from django.template import Context, Template

from actlocal.core import statemap


def test_it_draws_the_50_states_and_dc_as_small_rounded_paths():
    shapes = statemap.state_shapes()
    assert len(shapes) == 51
    assert {"DC", "AK", "HI", "WI"} <= {s.abbr for s in shapes}
    assert [s.name for s in shapes] == sorted(s.name for s in shapes)  # Tab order is alphabetical
    html = statemap.state_map_svg({})
    assert len(html) < 80_000
    # One decimal at most, everywhere in the path data.
    assert not re.search(r"\d\.\d\d", " ".join(s.path for s in shapes))
    assert statemap.state_shapes() is shapes  # parsed once per process


def test_dc_gets_a_dot_big_enough_to_see_and_click():
    dc = next(s for s in statemap.state_shapes() if s.abbr == "DC")
    assert dc.tiny
    html = statemap.state_map_svg({"DC": 4}, noun="groups", link="/groups/")
    assert re.search(
        r'aria-label="District of Columbia: 4 groups"><path d="[^"]+" fill="#[0-9a-f]+"/><circle', html
    )


def test_counts_are_binned_light_to_dark_with_a_legend():
    bins = statemap.count_bins([1, 2, 3, 4, 5, 6, 7, 8, 9, 100, 0])
    assert len(bins) == 5
    assert [b.fill for b in bins] == list(statemap.PALETTE)
    assert bins[0].low == 1 and bins[-1].high == 100
    assert all(a.high < b.low for a, b in zip(bins, bins[1:], strict=False))
    assert statemap.count_bins([0, 0]) == []
    assert [b.label for b in statemap.count_bins([3, 3, 7])] == ["1–3", "4–7"]
    html = statemap.state_map_svg({"WI": 100, "MN": 1})
    assert f'fill="{statemap.PALETTE[-1]}"' in html and "<li>" in html


def test_the_table_repeats_the_numbers_and_lists_territories_off_the_map():
    html = statemap.state_map_svg({"WI": 1200, "PR": 2}, noun="leaders", column="Leaders")
    assert '<td class="num">1,200</td>' in html
    assert "Puerto Rico" in html and "Territories are in the table but not on the map." in html
    assert "Total" in html


def test_without_a_link_states_are_named_images_not_links():
    html = statemap.state_map_svg({"WI": 2}, noun="events", table=False)
    assert '<g role="img" aria-label="Wisconsin: 2 events">' in html
    assert "<a " not in html and "<table" not in html


def test_the_template_tag_draws_it_for_any_app():
    template = Template(
        '{% load statemap %}{% state_map counts noun="events" link="/events/?when=past" id_prefix="ev" %}'
    )
    html = template.render(Context({"counts": {"OH": 3}}))
    assert 'href="/events/?when=past&amp;state=OH" aria-label="Ohio: 3 events"' in html
    assert 'id="ev-title"' in html
