"""kommandesk-cli report: being written."""


def add_report_command(commands) -> None:
    return None
