"""The bundle's one program: the app, or the command line when started as kommandesk-cli.

On Linux and macOS kommandesk-cli is a link to kommandesk (one 10 MB program, not two); on Windows the build
makes two programs from this script, kommandesk.exe without a console window and kommandesk-cli.exe with one.
"""

import sys
from pathlib import Path

if Path(sys.argv[0]).name.lower().startswith("kommandesk-cli"):
    from kommandesk.cli import main
else:
    from kommandesk.app import main

sys.exit(main())
