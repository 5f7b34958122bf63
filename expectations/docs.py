"""Data Docs that say severity: GX's own page and index renderers, told what `critical` and `warning` mean here.

GX marks a validation failed when any expectation fails, and shows no severity. Here a table whose failed
checks are all warnings was loaded (only a critical failure quarantines), so its row in the index shows
a warning sign (⚠, "Warnings only") instead of ✘, and so does its page's status; each expectation's row
on the page has a Severity column, and each expectation on a suite's page a severity badge (red critical,
amber warning). The severity is the check's (`expectations.checks`), kept in each expectation's meta and in
GX's own `severity` field. `store.context_config` names these classes in the site's config, and
GX makes them when it builds the docs, in the gate's process; nothing else imports this module.
"""
from __future__ import annotations

from great_expectations.render.components import RenderedStringTemplateContent
from great_expectations.render.renderer.content_block import (
    ExpectationSuiteBulletListContentBlockRenderer,
    ValidationResultsTableContentBlockRenderer,
)
from great_expectations.render.renderer.page_renderer import ExpectationSuitePageRenderer, ValidationResultsPageRenderer
from great_expectations.render.renderer.site_builder import DefaultSiteIndexBuilder
from great_expectations.render.renderer.site_index_page_renderer import SiteIndexPageRenderer

from .checks import CRITICAL, WARNING

PASSED, FAILED = "passed", "failed"
WARNING_ICON = '<i class="fas fa-exclamation-triangle text-warning" aria-hidden="true"></i>'
WARNING_TEXT = "Warnings only (loaded: no critical check failed)"
_BADGE = {CRITICAL: "badge badge-danger", WARNING: "badge badge-warning"}


def severity_of(config) -> str:
    """An expectation's severity: the check's (`meta.severity`, on every result ever stored), else GX's field."""
    meta = getattr(config, "meta", None) or {}
    native = getattr(config, "severity", None)
    return str(meta.get("severity") or getattr(native, "value", native) or CRITICAL)


def outcome(validation) -> str:
    """`passed`; `warning` when every failed expectation is a warning; else `failed`."""
    if validation.success:
        return PASSED
    failed = {severity_of(r.expectation_config) for r in validation.results if not r.success}
    return WARNING if failed and failed <= {WARNING} else FAILED


class SeverityTableRenderer(ValidationResultsTableContentBlockRenderer):
    """The table of a column's expectations on a validation's page, with a Severity column at its end."""

    @classmethod
    def _get_content_block_fn(cls, expectation_type, expectation_config=None):
        row_fn = super()._get_content_block_fn(expectation_type=expectation_type, expectation_config=expectation_config)

        def rows_with_severity(*args, result=None, **kwargs):
            rows = row_fn(*args, result=result, **kwargs)
            if result is not None and result.expectation_config is not None:
                for row in rows:
                    row.append(_badge(severity_of(result.expectation_config)))
            return rows

        return rows_with_severity

    @classmethod
    def _process_content_block(cls, content_block, has_failed_evr, render_object=None) -> None:
        super()._process_content_block(content_block, has_failed_evr, render_object=render_object)
        content_block.header_row = [*content_block.header_row, "Severity"]
        content_block.header_row_options["Severity"] = {"sortable": True}


class SeverityValidationResultsPageRenderer(ValidationResultsPageRenderer):
    """A validation's page: its tables with the Severity column, and "Warnings only" for a warning's status."""

    def __init__(self, column_section_renderer=None, run_info_at_end: bool = False, data_context=None) -> None:
        super().__init__(column_section_renderer or {
            "class_name": "ValidationResultsColumnSectionRenderer",
            "table_renderer": {"module_name": __name__, "class_name": SeverityTableRenderer.__name__},
        }, run_info_at_end, data_context)

    @classmethod
    def _render_validation_header(cls, validation_results):
        header = super()._render_validation_header(validation_results)
        if outcome(validation_results) == WARNING:
            params = header.subheader.string_template["params"]
            params["success"], params["html_success_icon"] = WARNING_TEXT, WARNING_ICON
        return header


class SeverityBulletListRenderer(ExpectationSuiteBulletListContentBlockRenderer):
    """An expectation on a suite's page, followed by its severity."""

    @classmethod
    def _get_content_block_fn(cls, expectation_type, expectation_config=None):
        item_fn = super()._get_content_block_fn(expectation_type=expectation_type, expectation_config=expectation_config)
        if item_fn is None:
            return None

        def items_with_severity(*args, configuration=None, **kwargs):
            items = item_fn(*args, configuration=configuration, **kwargs)
            for item in items if configuration is not None else []:
                _append_severity(item, severity_of(configuration))
            return items

        return items_with_severity


class SeverityExpectationSuitePageRenderer(ExpectationSuitePageRenderer):
    """A suite's page: each expectation with its severity."""

    def __init__(self, column_section_renderer=None) -> None:
        super().__init__(column_section_renderer or {
            "class_name": "ExpectationSuiteColumnSectionRenderer",
            "bullet_list_renderer": {"module_name": __name__, "class_name": SeverityBulletListRenderer.__name__},
        })


class SeveritySiteIndexBuilder(DefaultSiteIndexBuilder):
    """The index: each validation's link also carries its outcome (passed, warning, failed)."""

    def _add_validations_to_index_links(self, index_links_dict, validation_and_profiling_result_site_keys):
        context, self.data_context = self.data_context, _RememberingContext(self.data_context)
        try:
            super()._add_validations_to_index_links(index_links_dict, validation_and_profiling_result_site_keys)
        finally:
            self.data_context = context

    def add_resource_info_to_index_links_dict(self, index_links_dict, expectation_suite_name, section_name, **kwargs):
        links = super().add_resource_info_to_index_links_dict(index_links_dict, expectation_suite_name, section_name,
                                                               **kwargs)
        validation = getattr(self.data_context, "last_validation", None)
        if section_name == "validations" and validation is not None:
            links["validations_links"][-1]["outcome"] = outcome(validation)
        return links


class SeveritySiteIndexPageRenderer(SiteIndexPageRenderer):
    """The index page: ⚠ and "Warning" (the status filter's text) for a validation whose failures are warnings."""

    @classmethod
    def _generate_validation_results_link_table(cls, index_links_dict):
        table = super()._generate_validation_results_link_table(index_links_dict)
        for link, row in zip(index_links_dict.get("validations_links", []), table.table_data):
            if link.get("outcome") == WARNING:
                row["validation_success"] = _warning_cell()
                row["_validation_success_text"] = "Warning"
        return table


class _RememberingContext:
    """The data context, remembering the last validation result read: the index builder reads each one once,
    then records its link; the link's outcome comes from that result, not from reading it again."""

    def __init__(self, context):
        self._context = context
        self.last_validation = None

    def __getattr__(self, name):
        return getattr(self._context, name)

    def get_validation_result(self, *args, **kwargs):
        self.last_validation = None
        result = self._context.get_validation_result(*args, **kwargs)
        self.last_validation = result if hasattr(result, "results") else None
        return result


def _badge(severity: str):
    """The Severity cell: the word, on red (critical) or amber (warning)."""
    return RenderedStringTemplateContent(
        content_block_type="string_template",
        string_template={"template": "$severity", "params": {"severity": severity},
                         "styling": {"params": {"severity": {"classes": [*_BADGE.get(severity, "badge").split(),
                                                                          f"ge-severity-{severity}"]}}}},
    )


def _append_severity(item, severity: str) -> None:
    """Add the severity badge to the end of a rendered expectation (a copy of its styling: GX shares one)."""
    template = getattr(item, "string_template", None)
    if not isinstance(template, dict) or "template" not in template:
        return
    template["template"] += " $plenary_severity"
    template["params"] = {**(template.get("params") or {}), "plenary_severity": severity}
    styling = dict(template.get("styling") or {})
    styling["params"] = {**(styling.get("params") or {}), "plenary_severity": {
        "classes": [*_BADGE.get(severity, "badge").split(), f"ge-severity-{severity}"]}}
    template["styling"] = styling


def _warning_cell():
    """The index's Status cell for a warning: GX's failed cell, with ⚠ in amber instead of ✘ in red."""
    return RenderedStringTemplateContent(
        content_block_type="string_template",
        string_template={
            "template": "$validation_success", "params": {"validation_success": ""},
            "styling": {"params": {"validation_success": {
                "tag": "i", "classes": ["fas", "fa-exclamation-triangle", "text-warning", "ge-warning-icon"],
                "attributes": {"title": "only warnings failed: loaded"}}},
                "classes": ["ge-index-page-table-validation-links-item"]},
        },
    )
