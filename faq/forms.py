"""The questions page's admin form: category choices, and anchors checked on save."""

from django import forms
from django.forms.formsets import ORDERING_FIELD_NAME
from django.utils.translation import gettext_lazy as _

from core.translation_admin import TranslatablePageForm

from . import anchors

EMPTY_CHOICE = ("", "---------")


def _category_choices(page):
    return [EMPTY_CHOICE] + [
        (category.anchor, str(category))
        for category in page.categories.all()
        if category.anchor
    ]


class FaqPageForm(TranslatablePageForm):
    """Offers this page's categories to each question and settles every anchor.

    An anchor typed by an editor must be free on the page (a clear error otherwise);
    an empty one is made from the English text and made unique with -2, -3…; an
    existing one is kept whatever else changes.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        questions = self.formsets.get("questions")
        if questions is not None:
            questions.form = _question_form(questions.form, self.instance)
            _leave_out_empty_rows(questions, ("question", "answer"))
        categories = self.formsets.get("categories")
        if categories is not None:
            _leave_out_empty_rows(categories, ("title",))

    def clean(self):
        cleaned_data = super().clean()
        categories = self._kept_forms("categories")
        questions = self._kept_forms("questions")
        renamed = self._settle_anchors(categories, questions)
        self._check_categories(categories, questions, renamed)
        self._group_by_category(categories, questions)
        return cleaned_data

    def _group_by_category(self, categories, questions):
        """Keep the list of questions in the order of their categories (each
        category's questions in the order the editor gave them), so the editor
        shows them grouped as the page does."""
        formset = self.formsets.get("questions")
        if formset is None or not formset.can_order:
            return

        def position(form):
            order = form.cleaned_data.get(ORDERING_FIELD_NAME)
            return (order is None, order or 0)

        category_order = {
            form.cleaned_data.get("anchor"): index
            for index, form in enumerate(sorted(categories, key=position))
        }
        last = len(category_order)
        ordered = sorted(
            questions,
            key=lambda form: (
                category_order.get(form.cleaned_data.get("category"), last),
                position(form),
            ),
        )
        for index, form in enumerate(ordered, start=1):
            form.cleaned_data[ORDERING_FIELD_NAME] = index

    def _kept_forms(self, name):
        """The formset's forms that will be saved (not deleted, not left blank)."""
        formset = self.formsets.get(name)
        if formset is None:
            return []
        kept = []
        for form in formset.forms:
            form.is_valid()  # runs the form's own validation once
            if formset.can_delete and formset._should_delete_form(form):
                continue
            if form.empty_permitted and not form.has_changed():
                continue
            kept.append(form)
        return kept

    def _deleted_category_anchors(self):
        formset = self.formsets.get("categories")
        if formset is None:
            return set()
        return {
            form.initial.get("anchor") or form.cleaned_data.get("anchor")
            for form in formset.forms
            if formset.can_delete and formset._should_delete_form(form)
        } - {None, ""}

    def _settle_anchors(self, categories, questions):
        """Check typed anchors, make the missing ones; return category renames."""
        forms_in_order = [*categories, *questions]
        taken = set()
        # Anchors the editor left as they were keep their place first.
        changed = []
        for form in forms_in_order:
            anchor = form.cleaned_data.get("anchor")
            if not anchor:
                continue
            if "anchor" in form.changed_data:
                changed.append(form)
            elif anchor not in taken:
                taken.add(anchor)
            else:
                changed.append(form)
        for form in changed:
            anchor = form.cleaned_data["anchor"]
            if anchor in anchors.RESERVED:
                form.add_error(
                    "anchor",
                    _("“%(anchor)s” is used by the page itself; choose another.")
                    % {"anchor": anchor},
                )
            elif anchor in taken:
                form.add_error(
                    "anchor",
                    _(
                        "Another category or question on this page already uses "
                        "“%(anchor)s”. Choose another anchor or leave it empty."
                    )
                    % {"anchor": anchor},
                )
            else:
                taken.add(anchor)

        renamed = {}
        for form in forms_in_order:
            if form.cleaned_data.get("anchor") or "anchor" in form.errors:
                continue
            is_category = form in categories
            if not is_category and self.is_deferred_validation:
                # A draft: the question gets its anchor when it is published, from
                # its text as it is then (FaqPage.save).
                continue
            field = "title" if is_category else "question"
            base = anchors.anchor_base(
                form.cleaned_data.get(f"{field}_en"),
                *(
                    value
                    for name, value in form.cleaned_data.items()
                    if name.startswith(f"{field}_") and isinstance(value, str)
                ),
                default="category" if is_category else "question",
            )
            anchor = anchors.unique_anchor(base, taken)
            form.cleaned_data["anchor"] = anchor
            form.instance.anchor = anchor
        for form in categories:
            old = form.initial.get("anchor")
            new = form.cleaned_data.get("anchor")
            if old and new and old != new:
                renamed[old] = new
        return renamed

    def _check_categories(self, categories, questions, renamed):
        """Every question must stand under one of the categories being kept."""
        kept = {form.cleaned_data.get("anchor") for form in categories}
        deleted = self._deleted_category_anchors() - kept
        for form in questions:
            category = form.cleaned_data.get("category")
            if not category:
                continue  # the field's own "required" error is shown
            if category in renamed:
                category = renamed[category]
                form.cleaned_data["category"] = category
                form.instance.category = category
            if category in kept:
                continue
            if category in deleted:
                message = _(
                    "This category is being deleted. Choose another category for "
                    "this question, or keep the category."
                )
            else:
                message = _("Choose one of this page's categories.")
            form.add_error("category", message)


def _question_form(base, page):
    """The question form with a choice of ``page``'s categories."""
    choices = _category_choices(page)

    class FaqQuestionForm(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            model_field = self.fields["category"]
            field = forms.ChoiceField(
                label=model_field.label,
                help_text=model_field.help_text,
                required=model_field.required,
                choices=choices,
            )
            # Keep an answer whose category is not offered (yet) visible as an error.
            current = self.initial.get("category")
            if current and current not in dict(choices):
                field.choices = [*choices, (current, current)]
            self.fields["category"] = field

    FaqQuestionForm.__name__ = base.__name__
    return FaqQuestionForm


def _has_text(value):
    """Whether a submitted value holds anything: text, or a block with a value."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if hasattr(value, "raw_data") or hasattr(value, "stream_block"):  # a StreamValue
        return any(_has_text(child.value) for child in value)
    if isinstance(value, dict):
        return any(_has_text(item) for item in value.values())
    if hasattr(value, "source"):  # RichText
        return bool((value.source or "").strip())
    return bool(value)


def _leave_out_empty_rows(formset, text_fields):
    """A row added and left empty (“Add question” clicked, nothing typed) is neither
    validated nor saved, in a draft, an autosave or a publish: as if never added.

    Wagtail's inline panel gives every new row its position, so Django counts it as
    changed; here a row without an id and with none of ``text_fields`` filled in (in
    any language) counts as unchanged, and its other fields' defaults (the review date,
    the position) do not count.
    """
    base = formset.form

    class EmptyRowForm(base):
        def _row_is_empty(self):
            if self.instance.pk is not None:
                return False
            for name, field in self.fields.items():
                if not any(
                    name == text or name.startswith(f"{text}_") for text in text_fields
                ):
                    continue
                try:
                    value = field.widget.value_from_datadict(
                        self.data, self.files, self.add_prefix(name)
                    )
                except KeyError:  # a stream the browser did not send
                    continue
                if _has_text(value):
                    return False
            return True

        def has_changed(self):
            if self.is_bound and self._row_is_empty():
                return False
            return super().has_changed()

        def full_clean(self):
            if not (self.is_bound and self._row_is_empty()):
                return super().full_clean()
            self.empty_permitted = True
            super().full_clean()
            # Left out, but still placed where it was if the form is shown again.
            order = self.fields.get(ORDERING_FIELD_NAME)
            if order is not None:
                raw = self[ORDERING_FIELD_NAME].data
                try:
                    self.cleaned_data[ORDERING_FIELD_NAME] = order.clean(raw)
                except forms.ValidationError:
                    self.cleaned_data[ORDERING_FIELD_NAME] = None

    EmptyRowForm.__name__ = base.__name__
    formset.form = EmptyRowForm
