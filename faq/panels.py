"""The questions page's lists in the editor and in revision compare.

In compare, a question's category is named by its title (in each revision, as it
was then), not by the anchor it is stored as, and a move is counted among the
questions of the same category that are in both revisions: adding one question no
longer reports every question after it as "Moved down 1 place".
"""

import functools

from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.admin import compare
from wagtail.admin.panels import InlinePanel


class CategoryComparison(compare.FieldComparison):
    """A question's category, by title in each revision."""

    def __init__(self, field, obj_a, obj_b, titles=({}, {})):
        super().__init__(field, obj_a, obj_b)
        self.titles_a, self.titles_b = titles

    def _title(self, titles, anchor):
        if not anchor:
            return ""
        return titles.get(anchor) or _("(a category that no longer exists)")

    def htmldiff(self):
        a = self._title(self.titles_a, self.val_a)
        b = self._title(self.titles_b, self.val_b)
        if a == b:
            return escape(b)
        return compare.TextDiff(
            [("deletion", a), ("addition", b)] if a else [("addition", b)]
        ).to_html()

    def has_changed(self):
        return self._title(self.titles_a, self.val_a) != self._title(
            self.titles_b, self.val_b
        )


class RankedChildComparison(compare.ChildObjectComparison):
    move = None

    def get_position_change(self):
        return self.move


class FaqChildRelationComparison(compare.ChildRelationComparison):
    """Moves counted within the rows both revisions have; categories by title."""

    group_by = None  # a field whose value groups rows (their moves are within it)

    def __init__(self, field, field_comparisons, obj_a, obj_b, label=""):
        super().__init__(field, field_comparisons, obj_a, obj_b, label=label)
        if hasattr(obj_a, "categories"):
            titles = (_category_titles(obj_a), _category_titles(obj_b))
            self.field_comparisons = [
                functools.partial(CategoryComparison, comparison.args[0], titles=titles)
                if _compares_field(comparison, "category")
                else comparison
                for comparison in field_comparisons
            ]

    def get_child_comparison(self, obj_a, obj_b):
        return RankedChildComparison(
            self.field.related_model, self.field_comparisons, obj_a, obj_b
        )

    def get_child_comparisons(self):
        comparisons = super().get_child_comparisons()
        kept = [c for c in comparisons if c.obj_a is not None and c.obj_b is not None]
        objs_a = list(self.val_a.all())
        objs_b = list(self.val_b.all())

        def ranks(objects, side):
            index = {id(obj): position for position, obj in enumerate(objects)}
            ordered = sorted(kept, key=lambda c: index.get(id(getattr(c, side)), 0))
            counters, result = {}, {}
            for comparison in ordered:
                group = getattr(getattr(comparison, side), self.group_by or "", None)
                result[id(comparison)] = counters.get(group, 0)
                counters[group] = counters.get(group, 0) + 1
            return result

        before, after = ranks(objs_a, "obj_a"), ranks(objs_b, "obj_b")
        for comparison in kept:
            if self.group_by and getattr(comparison.obj_a, self.group_by) != getattr(
                comparison.obj_b, self.group_by
            ):
                continue  # moved to another category: the category says so
            comparison.move = after[id(comparison)] - before[id(comparison)] or None
        return comparisons

    def has_changed(self):
        if super().has_changed():
            return True
        return any(c.get_position_change() for c in self.get_child_comparisons())


class FaqQuestionsComparison(FaqChildRelationComparison):
    group_by = "category"


def _category_titles(page):
    return {category.anchor: category.title for category in page.categories.all()}


def _compares_field(comparison, name):
    args = getattr(comparison, "args", ())
    return bool(args) and getattr(args[0], "name", None) == name


class FaqInlinePanel(InlinePanel):
    """An inline panel whose revision compare is :class:`FaqChildRelationComparison`
    (or ``comparison_class``)."""

    def __init__(self, *args, comparison_class=FaqChildRelationComparison, **kwargs):
        self.comparison_class = comparison_class
        super().__init__(*args, **kwargs)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["comparison_class"] = self.comparison_class
        return kwargs

    class BoundPanel(InlinePanel.BoundPanel):
        def get_comparison(self):
            return [
                functools.partial(
                    self.panel.comparison_class,
                    *comparison.args,
                    **comparison.keywords,
                )
                if isinstance(comparison, functools.partial)
                else comparison
                for comparison in super().get_comparison()
            ]
