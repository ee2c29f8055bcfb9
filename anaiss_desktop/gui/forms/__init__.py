"""Forms generated from ``ui/*.ui`` by ``python ui/build_forms.py``: do not edit by hand."""
