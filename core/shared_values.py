"""Values that are not text are entered once, in the English, and shared by every
language.

A translated StreamField (``body_en``, ``body_ar``; ``key_figures_en``...) holds text
and values. Text (``CharBlock``, ``TextBlock``, ``RichTextBlock``) is translated;
everything else (an image, a live figure, a heading's level, a page or an address, a
decorative tick) and the character blocks marked ``shared`` (a key figure's value, a
timeline year) is the same in every language: :func:`is_shared` is the one rule.

The English stream is the source. Each block of another language's stream pairs with
the English block of the same id (and the same type); the items of a list (timeline
events) pair the same way. A stream written separately, whose ids match none of the
English, pairs block by block when both have the same blocks in the same order, and
takes the English ids. The shared values of every paired block are copied from the
English:

- in the admin form, before the other language is validated (its shared inputs are
  hidden there, with a note, :func:`translation_block`), so a draft, a preview and a
  published page always agree;
- whenever a page or a translated record is cleaned or saved from code (imports, demo
  content, a revision published), :func:`share_instance`.

So changing a number in English changes it in Arabic, on the next save of the page.

A block with no English twin keeps its own values (a paragraph added only in Arabic).

:func:`fill` starts the other language from the English: the English blocks missing
from it are added, at the English places, with their values and with every text
empty, so nothing English is published as a translation and the translation stays
"missing" in the Translations report until a text is written. What is already
written is kept as it is. The Arabic body panel offers it as a button ("Start the
Arabic from the English"), which saves a draft.

:func:`text_only` is what the translation status compares: the blocks' types and
their texts, not the shared values, so a changed number, image or link does not make
a translation outdated (the Arabic has it already).
"""

import copy
import json
import re

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.base import BlockField, BlockWidget
from wagtail.fields import StreamField

TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)
CONTAINERS = (blocks.StreamBlock, blocks.StructBlock, blocks.ListBlock)
START_INPUT = "shared-values-start"
ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def is_shared(block):
    """True if ``block`` (a leaf) holds a value every language shares."""
    explicit = getattr(block, "shared", None)
    if explicit is not None:
        return explicit
    return not isinstance(block, TEXT_BLOCKS)


def _localized(base, language):
    return f"{base}_{language.replace('-', '_')}"


def other_languages():
    source = settings.LANGUAGE_CODE
    return [code for code, _name in settings.LANGUAGES if code != source]


# Pairing ------------------------------------------------------------------------


def _items(raw):
    return [item for item in raw or [] if isinstance(item, dict)]


def _is_item(item):
    """A list item as Wagtail stores it: ``{"type": "item", "value": …, "id": …}``."""
    return isinstance(item, dict) and item.get("type") == "item" and "value" in item


def _all_items(raw):
    return all(_is_item(item) for item in raw or [])


def _pairs(source, target, typed):
    """``[(target item, its English twin or None)]``; a target written separately
    (no id in common, the same items in the same order) pairs by position and takes
    the English ids."""
    source, target = _items(source), _items(target)
    by_id = {item.get("id"): item for item in source if item.get("id")}
    twins = [by_id.get(item.get("id")) for item in target]
    if (
        not any(twins)
        and source
        and len(source) == len(target)
        and (
            not typed
            or [s.get("type") for s in source] == [t.get("type") for t in target]
        )
    ):
        for item, twin in zip(target, source, strict=True):
            if twin.get("id"):
                item["id"] = twin["id"]
        twins = list(source)
    return [
        (item, twin if twin is not None and _same_type(item, twin, typed) else None)
        for item, twin in zip(target, twins, strict=True)
    ]


def _same_type(item, twin, typed):
    return not typed or item.get("type") == twin.get("type")


def _share(block, source, target):
    if isinstance(block, blocks.StreamBlock):
        for item, twin in _pairs(source, target, typed=True):
            child = block.child_blocks.get(item.get("type"))
            if twin is not None and child is not None:
                item["value"] = _share(child, twin.get("value"), item.get("value"))
        return target
    if isinstance(block, blocks.StructBlock):
        if not isinstance(target, dict) or not isinstance(source, dict):
            return target
        for name, child in block.child_blocks.items():
            if name in source:
                target[name] = _share(child, source[name], target.get(name))
        return target
    if isinstance(block, blocks.ListBlock):
        if not isinstance(target, list) or not isinstance(source, list):
            return target
        if _all_items(source) and _all_items(target):
            for item, twin in _pairs(source, target, typed=False):
                if twin is not None:
                    item["value"] = _share(
                        block.child_block, twin.get("value"), item.get("value")
                    )
        elif len(source) == len(target):  # a list saved as bare values
            for index, (item, twin) in enumerate(zip(target, source, strict=True)):
                twin = twin["value"] if _is_item(twin) else twin
                if _is_item(item):
                    item["value"] = _share(block.child_block, twin, item["value"])
                else:
                    target[index] = _share(block.child_block, twin, item)
        return target
    return copy.deepcopy(source) if is_shared(block) else target


def share(stream_block, source, target):
    """``target`` (raw stream data) with the shared values of ``source``'s (the
    English) twins; a new list, ``target`` is not changed."""
    return _share(stream_block, list(source or []), copy.deepcopy(list(target or [])))


def blank(block, raw):
    """``raw`` with every text emptied and every value kept."""
    if isinstance(block, blocks.StreamBlock):
        return [
            {**item, "value": blank(block.child_blocks[item["type"]], item["value"])}
            for item in _items(raw)
            if item.get("type") in block.child_blocks
        ]
    if isinstance(block, blocks.StructBlock):
        raw = raw if isinstance(raw, dict) else {}
        return {
            name: blank(child, raw.get(name))
            for name, child in block.child_blocks.items()
            if name in raw
        }
    if isinstance(block, blocks.ListBlock):
        return [
            {**item, "value": blank(block.child_block, item.get("value"))}
            if _is_item(item)
            else blank(block.child_block, item)
            for item in raw or []
        ]
    return copy.deepcopy(raw) if is_shared(block) else ""


def _fill(block, source, target):
    """``target`` with ``source``'s missing items added (blank); their count, or
    None when nothing pairs."""
    if isinstance(block, blocks.StructBlock):
        added = 0
        if isinstance(source, dict) and isinstance(target, dict):
            for name, child in block.child_blocks.items():
                if isinstance(child, CONTAINERS) and name in source:
                    target[name], count = _fill(child, source[name], target.get(name))
                    added += count or 0
        return target, added
    if not isinstance(block, blocks.StreamBlock | blocks.ListBlock):
        return target, 0
    stream = isinstance(block, blocks.StreamBlock)
    source, target = _items(source), list(target or [])
    if not target:
        return blank(block, source), len(source)
    if not stream and not (_all_items(source) and _all_items(target)):
        return target, 0  # a list saved as bare values
    pairs = _pairs(source, target, typed=stream)
    if source and not any(twin for _item, twin in pairs):
        return target, None
    added = 0
    for item, twin in pairs:
        child = (
            block.child_blocks.get(item.get("type")) if stream else block.child_block
        )
        if twin is not None and child is not None:
            item["value"], count = _fill(child, twin.get("value"), item.get("value"))
            added += count or 0
    placed = {item.get("id") for item in target}
    after = -1
    for item in source:
        if item.get("id") in placed:
            after = next(i for i, t in enumerate(target) if t.get("id") == item["id"])
            continue
        child = (
            block.child_blocks.get(item.get("type")) if stream else block.child_block
        )
        if child is None:
            continue
        copied = {**item, "value": blank(child, item.get("value"))}
        after += 1
        target.insert(after, copied)
        added += 1
    return target, added


def fill(stream_block, source, target):
    """``(raw data, blocks added)``: ``target`` with the English blocks it lacks,
    texts empty; ``(target, None)`` when its blocks pair with none of the English."""
    filled, added = _fill(
        stream_block, list(source or []), copy.deepcopy(list(target or []))
    )
    if added is None:
        return list(target or []), None
    return share(stream_block, source, filled), added


def text_only(stream_block, raw):
    """The blocks' types and texts of a stream (JSON), "" when it has no text."""
    tokens = []
    has_text = False

    def walk(block, value):
        nonlocal has_text
        if isinstance(block, blocks.StreamBlock):
            for item in _items(value):
                child = block.child_blocks.get(item.get("type"))
                if child is not None:
                    tokens.append(f"[{item['type']}]")
                    walk(child, item.get("value"))
        elif isinstance(block, blocks.StructBlock):
            for name, child in block.child_blocks.items():
                walk(
                    child, (value or {}).get(name) if isinstance(value, dict) else None
                )
        elif isinstance(block, blocks.ListBlock):
            for item in value or []:
                tokens.append("[item]")
                walk(block.child_block, item["value"] if _is_item(item) else item)
        elif not is_shared(block):
            text = str(value or "").strip()
            has_text = has_text or bool(text)
            tokens.append(text)

    walk(stream_block, raw)
    return json.dumps(tokens, ensure_ascii=False) if has_text else ""


# Models ---------------------------------------------------------------------------


def shared_stream_fields(model):
    """``[(base name, StreamField)]`` of ``model``'s translated StreamFields."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        names = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return []
    found = []
    for name in names:
        field = model._meta.get_field(name)
        if isinstance(field, StreamField):
            found.append((name, field))
    return found


def _raw(value):
    return list(value.get_prep_value()) if value is not None else []


def share_instance(instance):
    """Copy the English shared values into ``instance``'s other languages."""
    for base, field in shared_stream_fields(type(instance)):
        source = _raw(getattr(instance, _localized(base, settings.LANGUAGE_CODE)))
        for language in other_languages():
            name = _localized(base, language)
            target = _raw(getattr(instance, name, None))
            if not target:
                continue
            shared = share(field.stream_block, source, target)
            if shared != target:
                setattr(instance, name, shared)


_HAS_STREAMS = {}


def _pre_save(sender, instance, raw=False, **kwargs):
    if sender not in _HAS_STREAMS:
        _HAS_STREAMS[sender] = bool(shared_stream_fields(sender))
    if _HAS_STREAMS[sender] and not raw:
        share_instance(instance)


def register():
    from django.db.models.signals import pre_save

    pre_save.connect(_pre_save, dispatch_uid="core.shared_values")


class SharedValuesModelMixin:
    """Pages: the shared values are copied whenever the page is cleaned (before
    every revision is saved, the admin's, an import's, the demo's)."""

    def full_clean(self, *args, **kwargs):
        share_instance(self)
        return super().full_clean(*args, **kwargs)


# The admin: the other language's panel shows only text ------------------------------


class SharedValueBlock(blocks.FieldBlock):
    """In another language's panel: the English block's value, kept in a hidden
    input and noted "Shared with English" (the English decides it when saved)."""

    def __init__(self, original, **kwargs):
        self.original = original
        kwargs.setdefault("label", original.label)
        super().__init__(**kwargs)
        self.field = forms.CharField(
            required=False,
            widget=forms.HiddenInput,
            help_text=_("Shared with English: it is set in the English version."),
        )

    @property
    def required(self):
        return False

    def value_for_form(self, value):
        return json.dumps(self.original.get_prep_value(value))

    def value_from_form(self, value):
        try:
            raw = json.loads(value) if value else None
        except ValueError:  # a bare value, as the browser may post it
            raw = value
        if raw is None or raw == "":
            return self.original.get_default()
        try:
            return self.original.to_python(raw)
        except (TypeError, ValueError):  # not a value of this block: the English's
            return self.original.get_default()

    def clean(self, value):
        return value

    def to_python(self, value):
        return self.original.to_python(value)

    def bulk_to_python(self, values):
        return self.original.bulk_to_python(values)

    def get_prep_value(self, value):
        return self.original.get_prep_value(value)

    def normalize(self, value):
        return self.original.normalize(value)

    def get_default(self):
        return self.original.get_default()

    def get_searchable_content(self, value):
        return self.original.get_searchable_content(value)

    def extract_references(self, value):
        return self.original.extract_references(value)

    def render_basic(self, value, context=None):
        return self.original.render_basic(value, context=context)


_VARIANTS = {}


def _variant(block):
    if isinstance(block, blocks.StreamBlock | blocks.StructBlock):
        for name, child in list(block.child_blocks.items()):
            block.child_blocks[name] = _variant(child)
            block.child_blocks[name].set_name(name)
        return block
    if isinstance(block, blocks.ListBlock):
        block.child_block = _variant(block.child_block)
        return block
    if is_shared(block):
        return SharedValueBlock(block)
    return block


def translation_block(stream_block):
    """``stream_block`` as another language edits it: shared values hidden."""
    key = id(stream_block)
    if key not in _VARIANTS:
        _VARIANTS[key] = (stream_block, _variant(copy.deepcopy(stream_block)))
    return _VARIANTS[key][1]


class SharedBlockWidget(BlockWidget):
    """The other language's StreamField, with the button that starts it from the
    English when the English has blocks it lacks."""

    start_label = ""

    def render_with_errors(self, name, value, attrs=None, errors=None, renderer=None):
        if getattr(value, "stream_block", self.block_def) is not self.block_def:
            # The page's value, made by the model's blocks: in this panel's blocks.
            value = self.block_def.to_python(_raw(value))
        html = super().render_with_errors(
            name, value, attrs=attrs, errors=errors, renderer=renderer
        )
        if not self.start_label:
            return html
        return format_html(
            '<p class="shared-values-start">'
            '<button type="submit" class="button button-small button-secondary" '
            'name="{}" value="{}">{}</button> {}</p>{}',
            START_INPUT,
            name,
            self.start_label,
            _(
                "Adds the English blocks this version lacks, with their images, "
                "figures, dates and links and empty text boxes, and saves a draft. "
                "Nothing already written here changes."
            ),
            html,
        )


class SharedBlockField(BlockField):
    """Another language's StreamField in the admin form: before it is validated, its
    shared values are the English ones (as posted, or as saved when the English is
    read-only for this user), and the start button's blocks are added."""

    def bind(self, form, source_name, model_block):
        self.form, self.source_name, self.model_block = form, source_name, model_block

    def english(self):
        form, name = self.form, self.source_name
        field = form.fields.get(name)
        if field is None:
            return []
        if field.disabled:
            value = form.get_initial_for_field(field, name)
        else:
            value = field.widget.value_from_datadict(
                form.data, form.files, form.add_prefix(name)
            )
        return _raw(value) if hasattr(value, "get_prep_value") else []

    def clean(self, value):
        source = self.english()
        target = _raw(value)
        if self.form.data.get(START_INPUT) == self.form.add_prefix(self.name_in_form):
            target, added = fill(self.model_block, source, target)
            if added is None:
                raise forms.ValidationError(
                    _(
                        "This version was written separately and none of its blocks "
                        "pairs with the English: empty it to start it from the "
                        "English."
                    )
                )
        target = share(self.model_block, source, target)
        value = self.block.to_python(target)
        cleaned = super().clean(value)
        return self.model_block.to_python(self.block.get_prep_value(cleaned))


class SharedValuesFormMixin:
    """The admin form of pages and translated snippets: the other languages'
    StreamFields offer text only (see the module)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = getattr(getattr(self, "_meta", None), "model", None)
        if model is None:
            return
        source = settings.LANGUAGE_CODE
        for base, model_field in shared_stream_fields(model):
            source_name = _localized(base, source)
            for language in other_languages():
                name = _localized(base, language)
                field = self.fields.get(name)
                if not isinstance(field, BlockField):
                    continue
                variant = translation_block(model_field.stream_block)
                field.__class__ = SharedBlockField
                field.block = variant
                field.widget = SharedBlockWidget(variant)
                field.bind(self, source_name, model_field.stream_block)
                field.name_in_form = name
                field.widget.start_label = self._start_label(
                    model_field.stream_block, source_name, name, language
                )

    def _start_label(self, stream_block, source_name, name, language):
        instance = getattr(self, "instance", None)
        source = _raw(getattr(instance, source_name, None))
        target = _raw(getattr(instance, name, None))
        if not source:
            return ""
        _filled, added = fill(stream_block, source, target)
        if not added:
            return ""
        if not target:
            return _("Start the %(language)s from the English") % {
                "language": get_language_info(language)["name_translated"]
            }
        return _("Add the English blocks missing here")


# Images -------------------------------------------------------------------------


def text_language(text):
    """The language a short text (an image description) is written in."""
    if ARABIC_LETTERS.search(text or ""):
        return "ar"
    return settings.LANGUAGE_CODE


def image_alt(value):
    """``(alt text, its language or "")`` of an image block's value in the active
    language: the block's own alternative text, or the image's description (marked
    with its language when it is not the page's), or "" for a decorative image."""
    if value.get("decorative"):
        return "", ""
    own = (value.get("alt_text") or "").strip()
    if own:
        return own, ""
    image = value.get("image")
    description = (getattr(image, "description", "") or "").strip()
    if not description:
        return "", ""
    language = text_language(description)
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return description, ("" if language == current else language)
