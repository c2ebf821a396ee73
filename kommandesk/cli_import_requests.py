"""`kommandesk-cli import requests FILE`: thin over services.request_imports (registered by cli_imports).

Exit codes as `import volunteers`: 0 everything was imported (a dry run: no problems found; notes such as a
postcode not in the table are not problems), 1 problems were found (nothing imported, or only the valid rows
with --skip-invalid).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kommandesk.cli_import_report import (check_and_run, file_dict, print_checked, print_file, print_list,
                                          print_nothing_imported, print_skipped_invalid)
from kommandesk.cli_requests import print_json
from kommandesk.i18n import _, ngettext


def import_requests(args: argparse.Namespace, services) -> int:
    from kommandesk.services.import_files import ImportOptions
    from kommandesk.services.request_imports import RequestImportService, field_label, report_dict

    service = RequestImportService(services.paths)
    preview = service.preview(Path(args.file))
    mapping = preview.mapping
    options = ImportOptions(skip_invalid=args.skip_invalid, dry_run=args.dry_run,
                            error_file=Path(args.error_file) if args.error_file else None)
    report, result, code = check_and_run(service, preview, mapping, options)
    if args.json:
        data = {**file_dict(preview, mapping), **report_dict(report, result)}
        data.setdefault("imported", 0)
        data.setdefault("created", [])
        data["dry_run"] = args.dry_run
        print_json(data)
        return code
    print_file(preview, mapping, field_label)
    print_checked(report)
    if report.notes:
        print(ngettext("{count} note:", "{count} notes:", len(report.notes)).format(count=len(report.notes)))
        print_list(report.notes)
    if result is None:
        print_nothing_imported()
        return code
    if result.dry_run:
        print(ngettext("Dry run: {count} request would be imported; nothing was changed.",
                       "Dry run: {count} requests would be imported; nothing was changed.",
                       result.imported).format(count=result.imported))
    else:
        print(ngettext("{count} request imported.", "{count} requests imported.", result.imported).format(
            count=result.imported))
        if result.created:
            print("  " + _("References {first} to {last}.").format(first=result.created[0].reference,
                                                                 last=result.created[-1].reference))
    print_skipped_invalid(result)
    return code
