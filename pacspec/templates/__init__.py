"""Starter plan templates (package data), one per locale: ``<locale>.pac.yaml.tmpl``.

:func:`pacspec.starter.starter_plan` reads them and fills in the company and the year.
"""
