"""`python -m kommandesk` starts the desktop application."""

import sys

from kommandesk.app import main

sys.exit(main())
